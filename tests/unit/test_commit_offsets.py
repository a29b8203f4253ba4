"""The consumer never commits past an offset that is still being processed."""

from collections import defaultdict

import pytest
from faust.types import TP
from intervaltree import IntervalTree

from agents_topics.transport import _TunedConsumer

TP0 = TP("questions", 0)


def consumer(committed, first_read=None):
    c = _TunedConsumer.__new__(_TunedConsumer)
    c._acked = defaultdict(list)
    c._acked_index = defaultdict(set)
    c._gap = defaultdict(IntervalTree)
    c._committed_offset = defaultdict(lambda: None, {TP0: committed})
    c.__dict__["_first_read"] = {TP0: first_read} if first_read is not None else {}
    return c


def ack(c, *offsets):
    c._acked[TP0].extend(offsets)
    c._acked_index[TP0].update(offsets)


@pytest.mark.parametrize("committed,first,acked,expected", [
    (10, None, [11, 12], None),        # 10 is still in flight: Faust itself would commit 13
    (10, None, [10, 11, 12], 13),
    (10, None, [10, 11, 13], 12),      # stops at the first gap
    (None, 0, [1, 2], None),           # new group, offset 0 in flight
    (None, 0, [0, 1], 2),
    (None, 5, [5, 6], 7),              # first read offset 5
])
def test_commit_stops_at_the_first_unacked_offset(committed, first, acked, expected):
    c = consumer(committed, first)
    ack(c, *acked)
    assert c._new_offset(TP0) == expected


def test_fetch_gaps_count_as_processed():
    c = consumer(10)
    c._gap[TP0].addi(10, 12)  # offsets 10 and 11 were never delivered (e.g. transaction markers)
    ack(c, 12, 13)
    assert c._new_offset(TP0) == 14
