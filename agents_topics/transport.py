"""Faust's aiokafka transport with two fixes this pipeline depends on.

1. **Fetch wait from our settings.** Faust hard-codes ``fetch_max_wait_ms=1500`` for the
   worker consumer. A broker that holds a fetch open until that wait expires (Tansu does,
   for about half of it even when data is there) then adds ~0.75-1.1 s to every hop. We
   build the same consumer and set the wait before it starts; aiokafka hands the value to
   its fetcher at ``start()``.

2. **No commit past an unacked head.** Faust commits, per partition, the end of the first
   run of consecutive acked offsets. Its head-gap check is off by one (committed offset 10,
   acked [11, 12] commits 13, skipping 10) and is skipped entirely when the partition has
   no committed offset yet. Agents that ack out of order (ours: answers in flight, joins
   waiting for candidates) would lose offset 10 on a crash. Here the run must start exactly
   at the committed offset, or at the first offset this worker read from the partition.
"""

from __future__ import annotations

from typing import Any, Optional

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer, Transport
from faust.types import TP
from faust.utils.functional import consecutive_numbers


class _TunedConsumerThread(AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = int(getattr(self.app, "fetch_max_wait_ms", 1500))
        return consumer


class _TunedConsumer(Consumer):
    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return _TunedConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def track_message(self, message: Any) -> None:
        # Messages of a partition are tracked in offset order: the first one is where this
        # worker started reading it (used when the group has no committed offset yet).
        first = self.__dict__.setdefault("_first_read", {})
        first.setdefault(message.tp, message.offset)
        super().track_message(message)

    async def on_partitions_assigned(self, assigned: Any, *args: Any, **kwargs: Any) -> None:
        first = self.__dict__.setdefault("_first_read", {})
        for tp in assigned:
            first.pop(tp, None)
        await super().on_partitions_assigned(assigned, *args, **kwargs)

    def _new_offset(self, tp: TP) -> Optional[int]:
        acked = self._acked[tp]
        if not acked:
            return None
        self._merge_gaps(tp, acked)
        acked.sort()
        start = self._committed_offset[tp]
        if start is None:
            start = self.__dict__.get("_first_read", {}).get(tp)
        if start is not None and acked[0] > start:
            return None  # the next offset to commit is still being processed
        batch = next(consecutive_numbers(acked))
        acked[: len(batch)] = []
        self._acked_index[tp].difference_update(batch)
        return batch[-1] + 1

    def _merge_gaps(self, tp: TP, acked: list) -> None:
        """Offsets the fetcher skipped (compaction, transaction markers) count as acked (as in Faust)."""
        gap_for_tp = self._gap[tp]
        if not gap_for_tp:
            return
        max_offset = max(acked)
        candidates = sorted(gap_for_tp.overlap(0, max_offset), key=lambda x: x.begin)
        if candidates:
            fill: list[int] = []
            for entry in candidates:
                fill.extend(range(entry.begin, entry.end))
            acked.extend(fill)
            gap_for_tp.chop(0, max(fill[-1], max_offset + 1))


class TunedTransport(Transport):
    """aiokafka transport with the two fixes above."""

    Consumer = _TunedConsumer
