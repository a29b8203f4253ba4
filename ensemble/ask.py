"""`ensemble ask`: a tiny chat frontend. Produces one question and waits for its verdict."""

from __future__ import annotations

import time
import uuid
from typing import Optional

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from ensemble.runner import local_bootstrap
from ensemble.settings import Settings
from schemas.codec import AvroCodec, SchemaRegistry
from schemas.records import Question, Verdict, now_ms, validate_question


async def verdict_consumer(settings: Settings, bootstrap: str) -> AIOKafkaConsumer:
    """A group-less consumer on every verdicts partition, positioned at the end."""
    topic = settings.kafka.topic_verdicts
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                fetch_max_wait_ms=settings.kafka.fetch_max_wait_ms)
    try:
        await consumer.start()
    except Exception:
        await consumer.stop()
        raise
    await consumer.topics()
    partitions = consumer.partitions_for_topic(topic) or set(range(settings.kafka.partitions))
    tps = [TopicPartition(topic, p) for p in sorted(partitions)]
    consumer.assign(tps)
    await consumer.seek_to_end(*tps)
    return consumer


def new_question_id() -> str:
    return f"ask-{uuid.uuid4().hex[:12]}"


async def ask(settings: Settings, text: str, *, agent: Optional[str] = None, context: Optional[dict] = None,
              conversation_id: Optional[str] = None, locale: str = "en", timeout_s: float = 60.0,
              question_id: Optional[str] = None) -> Optional[Verdict]:
    bootstrap = local_bootstrap(settings)
    registry = SchemaRegistry(settings.kafka.schema_registry_url) if settings.kafka.schema_registry_url else None
    q_codec = AvroCodec("Question", registry=registry, subject=f"{settings.kafka.topic_questions}-value")
    v_codec = AvroCodec("Verdict", registry=registry, subject=f"{settings.kafka.topic_verdicts}-value")
    qid = question_id or new_question_id()
    question = Question(question_id=qid, conversation_id=conversation_id or f"conv-{qid}", text=text,
                        created_at=now_ms(), agent_name=agent, context=context or {}, locale=locale)
    # the worker dead-letters a question it cannot take (unknown agent, empty or too long text): say so now rather
    # than wait for a verdict that never comes (raises ensemble.errors.BadRecord)
    validate_question(question.to_avro(), settings.max_question_chars, **settings.question_limits())
    consumer = await verdict_consumer(settings, bootstrap)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, acks="all")
    try:
        await producer.start()
        await producer.send_and_wait(settings.kafka.topic_questions, q_codec.encode(question.to_avro()), key=qid.encode())
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    if record.key == qid.encode():
                        return Verdict.from_avro(v_codec.decode(record.value))
        return None
    finally:
        await producer.stop()
        await consumer.stop()

