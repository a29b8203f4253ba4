"""The ClickHouse sink agents: verdicts → chat_message, training_signal and judge calls;
candidates → llm_call (one row per provider attempt).

Batches of up to ``clickhouse.batch_size`` records or ``batch_seconds``; events are acked
only after their batch is stored, and every row has a deterministic id in a
ReplacingMergeTree, so a replay never duplicates what analysts read.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Callable

from schemas.records import Candidate, Verdict
from sinks.clickhouse.errors import QuestionIdReused
from streams.join_state import JUDGE_ROLE

log = logging.getLogger(__name__)

RETRIES = 5


def register_sink(pipeline: Any) -> None:
    cfg = pipeline.settings.clickhouse
    for topic, codec_name, record, method in [
        (pipeline.verdicts, "Verdict", Verdict, "insert_verdicts"),
        (pipeline.candidates, "Candidate", Candidate, "insert_candidates"),
    ]:
        _register(pipeline, topic, codec_name, record, method, cfg.batch_size, cfg.batch_seconds)


def _register(pipeline: Any, topic: Any, codec_name: str, record: Any, method: str, size: int, within: float) -> None:
    codec = pipeline.codecs[codec_name]

    async def sink_agent(stream: Any) -> None:
        await pipeline.ready.wait()
        async for events in stream.noack_take(size, within=within):
            pairs = []
            for event in events:
                value = await pipeline.dead_letters.decode(event.message, codec, record, "sink")
                if value is not None:
                    pairs.append((value, event))
            if codec_name == "Candidate":  # judge calls are stored from their verdict (critic_evaluation.judge_calls)
                pairs = [(v, e) for v, e in pairs if v.role != JUDGE_ROLE]
            if pairs:
                insert = getattr(pipeline.store, method)
                if codec_name == "Verdict":  # the record's Kafka timestamp: when the critic published it
                    insert = functools.partial(insert, published_at={
                        v.question_id: int(e.message.timestamp * 1000) for v, e in pairs if e.message.timestamp})
                await _store(pipeline, insert, pairs)
            for event in events:
                event.ack()

    pipeline.app.agent(topic, name=f"sink_{codec_name.lower()}")(sink_agent)


async def _store(pipeline: Any, insert: Callable[[list], None], pairs: list[tuple[Any, Any]]) -> None:
    """Insert with bounded backoff; a batch that still fails is retried record by record and
    the records that fail alone are dead-lettered, so one bad row never blocks the sink."""
    loop = asyncio.get_running_loop()
    values = [v for v, _ in pairs]
    delay = 0.2
    for attempt in range(RETRIES):
        try:
            await loop.run_in_executor(pipeline.blocking, insert, values)
            return
        except QuestionIdReused as exc:  # the rest of the batch is stored; these never will be
            await _dead_letter_reused(pipeline, pairs, exc)
            return
        except Exception as exc:
            log.warning("ClickHouse insert of %d rows failed (attempt %d/%d): %s", len(values), attempt + 1, RETRIES, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
    for value, event in pairs:
        try:
            await loop.run_in_executor(pipeline.blocking, insert, [value])
        except QuestionIdReused as exc:
            await _dead_letter_reused(pipeline, [(value, event)], exc)
        except Exception as exc:
            await pipeline.dead_letters.send(event.message, "processing_error", f"ClickHouse insert failed: {exc}", "sink")


async def _dead_letter_reused(pipeline: Any, pairs: list[tuple[Any, Any]], exc: QuestionIdReused) -> None:
    """Dead-letter the verdicts ClickHouse refused because their question_id holds another question."""
    for value, event in pairs:
        if value.question_id in exc.failed_ids:
            await pipeline.dead_letters.send(event.message, "reused_question_id", str(exc), "sink")
