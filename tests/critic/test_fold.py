"""``Folded`` must behave exactly like ``re.compile(pattern, re.I)``, only faster."""

import re

import pytest

from streams.critic.fold import Folded, folded, lower

PATTERNS = [r"\bdeposit\b[^.]{0,20}(\d+)\s?(days?|d[ií]as)", r"(?P<n>\d+)\s?(and|or|y|o)\s(under|younger|menores)",
            r"we (bring|provide)|traemos", r"[.;]\s*", r"\bno\b|\bnot\b|n't"]
TEXTS = ["The DEPOSIT is refundable 14 Days before.", "Kids 12 AND UNDER eat for $30; we Bring the grill. Not indoors",
         "Niños 5 Y Menores gratis; TRAEMOS todo. İstanbul no", "", "WE PROVIDE propane. Depósito: 30 DÍAS"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_folded_matches_like_ignorecase(pattern):
    slow, fast = re.compile(pattern, re.I), Folded(pattern)
    for t in TEXTS:
        a, b = slow.search(t), fast.search(t)
        assert (a is None) == (b is None)
        if a:
            assert (a.group(), a.groups(), a.span(), a.lastindex) == (b.group(), b.groups(), b.span(), b.lastindex)
        assert [m.group(0) for m in slow.finditer(t)] == [m.group(0) for m in fast.finditer(t)]
        assert slow.findall(t) == fast.findall(t)
        assert slow.sub("_", t) == fast.sub("_", t)
        assert slow.sub(lambda m: m.group().upper(), t) == fast.sub(lambda m: m.group().upper(), t)
        if not slow.groups:
            assert slow.split(t) == fast.split(t)


def test_lower_keeps_positions():
    assert len(lower("İstanbul DEPÓSITO")) == len("İstanbul DEPÓSITO")
    assert lower("İstanbul DEPÓSITO") == "istanbul depósito"


def test_upper_case_literal_is_refused():
    with pytest.raises(ValueError):
        folded(r"\bER\b")
    assert folded(r"\D+\s").pattern == r"\D+\s"
