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

3. **No tasks per delivered message.** Faust hands every fetched message to its streams with
   ``wait_first(callback(message), suspend_flow.wait())``, which creates four tasks (the
   callback, the suspend event, the consumer's stopped and crashed events) and cancels three
   of them, for every message. The callback nearly always finishes without suspending (it
   puts the event in each stream's queue), so we run it eagerly, as Python 3.12's eager
   tasks would; only when it does suspend (a full stream buffer, paused flow) does the rest
   of it run as a task raced against ``suspend_flow``, exactly as before.
"""

from __future__ import annotations

import asyncio
from typing import Any, Coroutine, Optional

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer, Transport
from faust.types import TP
from faust.utils.functional import consecutive_numbers
from mode.services import WaitResults


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

    async def wait_first(self, *coros: Any, timeout: Any = None) -> WaitResults:
        """Faust's delivery race (``callback(message)`` vs ``suspend_flow.wait()``), started
        eagerly: a callback that completes at once needs no task. Any other wait is Mode's."""
        if not self._is_delivery(coros, timeout):
            return await super().wait_first(*coros, timeout=timeout)
        deliver, suspended = coros
        try:
            blocked_on = deliver.send(None)
        except StopIteration as done:
            suspended.close()  # never started
            return WaitResults([deliver], [done.value], False)
        except BaseException:
            suspended.close()
            raise
        return await super().wait_first(finish_started(deliver, blocked_on), suspended)

    def _is_delivery(self, coros: tuple, timeout: Any) -> bool:
        return (len(coros) == 2 and timeout is None and asyncio.iscoroutine(coros[0])
                and getattr(coros[1], "cr_code", None) is type(self.suspend_flow).wait.__code__
                and not self._stopped.is_set() and not self._crashed.is_set())

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


async def finish_started(coro: Coroutine, blocked_on: Any) -> Any:
    """Run to its end a coroutine that was started by hand and yielded ``blocked_on`` (the
    future it waits on, or None for a bare yield), resuming it the way an asyncio Task does.
    Cancelling this cancels what the coroutine waits on and throws CancelledError into it."""
    try:
        while True:
            if blocked_on is None:
                await asyncio.sleep(0)
            else:
                await asyncio.wait((blocked_on,))
            blocked_on = coro.send(None)
    except StopIteration as done:
        return done.value
    except asyncio.CancelledError:
        if blocked_on is not None:
            blocked_on.cancel()
        try:
            coro.throw(asyncio.CancelledError())
        except (StopIteration, asyncio.CancelledError):
            pass
        else:
            coro.close()  # it swallowed the cancellation and waits again: stop it for good
        raise


class TunedTransport(Transport):
    """aiokafka transport with the three fixes above."""

    Consumer = _TunedConsumer
