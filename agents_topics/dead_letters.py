"""Errors are data: a record that cannot be decoded or processed goes to the dead-letters
topic with its cause, topic, partition and offset. The agent keeps running."""

from __future__ import annotations

import logging
from typing import Any, Optional

from ensemble.errors import BadRecord
from schemas.codec import AvroCodec
from schemas.records import DeadLetter, now_ms

log = logging.getLogger(__name__)


class DeadLetters:
    def __init__(self, topic: Any, codec: AvroCodec, max_bytes: int) -> None:
        self._topic = topic
        self._codec = codec
        self._max_bytes = max_bytes

    def record(self, message: Any, kind: str, error: str, stage: str) -> DeadLetter:
        """The dead letter for a Faust message (raw key and value kept, value capped at max_bytes)."""
        value = message.value if isinstance(message.value, (bytes, type(None))) else bytes(message.value)
        size = len(value or b"")
        return DeadLetter(
            source_topic=message.topic, partition=message.partition, offset=message.offset,
            key=message.key, value=value[: self._max_bytes] if value is not None else None,
            value_truncated=size > self._max_bytes, value_size=size,
            error_kind=kind, error_message=error[:2000], stage=stage, failed_at=now_ms(),
        )

    async def send(self, message: Any, kind: str, error: str, stage: str) -> None:
        """Publish and wait until the broker has it, so the source offset may be committed."""
        letter = self.record(message, kind, error, stage)
        log.warning("dead letter from %s[%d]@%d (%s, stage %s): %s", letter.source_topic, letter.partition,
                    letter.offset, kind, stage, letter.error_message[:300])
        fut = await self._topic.send(key=message.key, value=self._codec.encode(letter.to_avro()))
        await fut

    async def decode(self, message: Any, codec: AvroCodec, record: Any, stage: str) -> Optional[Any]:
        """`record` decoded from the message, or None after dead-lettering it (the caller acks)."""
        try:
            return record.from_avro(codec.decode(message.value))
        except (BadRecord, TypeError, KeyError) as exc:
            kind = exc.kind if isinstance(exc, BadRecord) else "wrong_schema"
            await self.send(message, kind, str(exc), stage)
            return None
