"""The teacher and student agents: each answers every question routed to its role and emits
exactly one candidate per question, also on error or timeout.

LLM calls take seconds, so each agent keeps up to ``providers.max_in_flight`` questions in
flight. A question's offset is acked only after its candidate is on the broker
(at-least-once): a crash replays the question, and the critic keeps the first candidate per
role in log order, so a replayed answer changes nothing downstream.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

from agents_topics.routing import Route, route
from ensemble.errors import BadRecord
from schemas.codec import decode_json_question
from streams.critic.facts import merge_facts
from schemas.records import ROLES, Candidate, Question, now_ms, validate_question

log = logging.getLogger(__name__)

#: Backstop on a role's whole answer, as a share of the critic's deadline. The provider walk
#: stops itself at providers.answer_deadline_s (below this) with a proper error candidate;
#: this only catches a path that does not, so the critic still gets a candidate in time.
ANSWER_BUDGET_SHARE = 0.95


class DecodedQuestions:
    """Each question is read by three agents (teacher, student, critic); decode it once.
    Keyed by (topic, partition, offset); bounded, oldest dropped first."""

    def __init__(self, capacity: int = 50_000) -> None:
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._capacity = capacity

    def get(self, pipeline: Any, message: Any) -> Question:
        key = (message.topic, message.partition, message.offset)
        hit = self._items.get(key)
        if hit is None:
            try:
                hit = _decode_question(pipeline, message)
            except BadRecord as exc:
                hit = exc
            self._items[key] = hit
            if len(self._items) > self._capacity:
                self._items.popitem(last=False)
        if isinstance(hit, BadRecord):
            raise hit
        return hit


def decode_question(pipeline: Any, message: Any) -> Question:
    """The question in a message: Avro (either framing) or a JSON object. Raises BadRecord."""
    return pipeline.decoded_questions.get(pipeline, message)


def _decode_question(pipeline: Any, message: Any) -> Question:
    value = message.value
    if value and value.lstrip()[:1] == b"{":
        data = decode_json_question(value)
    else:
        data = pipeline.codecs["Question"].decode(value)
    return validate_question(data, pipeline.settings.max_question_chars)


def chain_for(pipeline: Any, r: Route, role: str) -> str:
    return getattr(pipeline.settings.providers, f"{r.chains[role]}_chain")


def failed_candidate(question: Question, role: str, chain: str, status: str, error: str, started_ms: int) -> Candidate:
    """The candidate emitted when no provider answered in time; names the chain's first model."""
    provider, _, model = chain.split(",")[0].partition(":")
    now = now_ms()
    return Candidate(
        candidate_id=Candidate.make_id(question.question_id, role), question_id=question.question_id,
        conversation_id=question.conversation_id, agent_name=question.agent, role=role,
        provider=provider.strip(), model=model.strip(), text="", status=status, error=error,
        latency_ms=float(now - started_ms), simulated=False,
        question_created_at=question.created_at, created_at=now,
    )


async def produce_candidate(pipeline: Any, candidate: Candidate) -> None:
    """Send and wait for the broker's ack, retrying with bounded backoff while the broker is away."""
    value = pipeline.codecs["Candidate"].encode(candidate.to_avro())
    delay = 0.1
    while True:
        try:
            fut = await pipeline.candidates.send(key=candidate.question_id.encode(), value=value)
            await fut
            return
        except Exception as exc:  # broker unreachable: keep the question unacked and retry
            log.warning("candidate %s not delivered (%s); retrying in %.1fs", candidate.candidate_id, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def answer_one(pipeline: Any, role: str, question: Question, r: Route) -> Candidate:
    """One candidate for (question, role). Never raises."""
    chain = chain_for(pipeline, r, role)
    started = now_ms()
    budget = pipeline.settings.critic.deadline_s * ANSWER_BUDGET_SHARE
    if pipeline.knowledge:  # the models answer from the same facts the critic judges against
        question = question.replace(context=merge_facts(pipeline.knowledge, question.context))
    try:
        return await asyncio.wait_for(pipeline.roles.answer(role, question, chain=chain), budget)
    except asyncio.TimeoutError:
        return failed_candidate(question, role, chain, "timeout", f"no provider answered within {budget:.1f}s", started)
    except Exception as exc:  # a bug in a provider path must not lose the question
        log.exception("%s failed on question %s", role, question.question_id)
        return failed_candidate(question, role, chain, "error", f"{type(exc).__name__}: {exc}"[:500], started)


def register_answerers(pipeline: Any) -> None:
    for role in ROLES:
        _register_role(pipeline, role)


def _register_role(pipeline: Any, role: str) -> None:
    in_flight = asyncio.Semaphore(pipeline.settings.providers.max_in_flight)
    tasks: set[asyncio.Task] = set()

    async def handle(event: Any, question: Question, r: Route) -> None:
        try:
            candidate = await answer_one(pipeline, role, question, r)
            await produce_candidate(pipeline, candidate)
            event.ack()
        finally:
            in_flight.release()

    async def agent(stream: Any) -> None:
        await pipeline.ready.wait()
        async for event in stream.noack().events():
            try:
                question = decode_question(pipeline, event.message)
            except BadRecord:
                event.ack()  # the critic dead-letters it: one dead letter per bad record
                continue
            r = route(question)
            if not r.expects(role):
                event.ack()
                continue
            await in_flight.acquire()
            task = asyncio.ensure_future(handle(event, question, r))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

    agent.__name__ = f"{role}_agent"
    pipeline.app.agent(pipeline.questions, name=f"{role}")(agent)
