"""Faust's aiokafka transport with the consumer fetch wait taken from our settings.

Faust hard-codes ``fetch_max_wait_ms=1500`` for the worker consumer. A broker that holds a
fetch open until that wait expires (Tansu does, for about half of it even when data is
there) then adds ~0.75-1.1 s to every hop. We build the same consumer and set the wait
before it starts; aiokafka hands the value to its fetcher at ``start()``.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer, Transport


class _TunedConsumerThread(AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = int(getattr(self.app, "fetch_max_wait_ms", 1500))
        return consumer


class _TunedConsumer(Consumer):
    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return _TunedConsumerThread(self, loop=self.loop, beacon=self.beacon)


class TunedTransport(Transport):
    """aiokafka transport whose worker consumer honours ``app.fetch_max_wait_ms``."""

    Consumer = _TunedConsumer
