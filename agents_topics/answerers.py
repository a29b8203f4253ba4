"""The teacher and the student: one agent reads each question once and every role its route
expects (both, or the student alone on the cheap FAQ chain) answers it concurrently. Exactly
one candidate per (question, role), also on error or timeout.

LLM calls take seconds, so up to ``providers.max_in_flight`` questions are in flight. A
question's offset is acked only after all of its candidates are on the broker
(at-least-once): a crash replays the question, and the critic keeps the first candidate per
role in log order, so a replayed answer changes nothing downstream. Candidates go to the
question's own partition of ``candidates``, so the critic's join is co-partitioned whatever
partitioner the frontend used for ``questions``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any, Optional, Sequence

from agents_topics.batching import batch_agent
from agents_topics.outbox import Outgoing, deliver
from agents_topics.routing import Route, route
from ensemble.errors import BadRecord
from schemas.codec import decode_json_question
from streams.critic.facts import merge_facts
from schemas.records import Candidate, Question, now_ms, validate_question

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
    return validate_question(data, pipeline.settings.max_question_chars, **pipeline.settings.question_limits())


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
        question_created_at=question.created_at, created_at=now, question_digest=question.digest,
    )


def candidate_record(pipeline: Any, candidate: Candidate, partition: Optional[int]) -> Outgoing:
    """The encoded candidate, for the question's own partition (co-partitioned by construction)."""
    value = pipeline.codecs["Candidate"].encode(candidate.to_avro())
    return Outgoing(pipeline.names.candidates, candidate.question_id.encode(), value, partition)


async def produce_candidates(pipeline: Any, candidates: Sequence[Candidate], partition: Optional[int]) -> None:
    """Send and wait for the broker's acks, retrying with bounded backoff while the broker is away."""
    await deliver(pipeline.app, [candidate_record(pipeline, c, partition) for c in candidates], "candidate")


async def answer_one(pipeline: Any, role: str, question: Question, r: Route) -> Candidate:
    """One candidate for (question, role). Never raises."""
    chain = chain_for(pipeline, r, role)
    started = now_ms()
    budget = pipeline.settings.critic.deadline_s * ANSWER_BUDGET_SHARE
    asked = question
    if pipeline.knowledge:  # the models answer from the same facts the critic judges against
        asked = question.replace(context=merge_facts(pipeline.knowledge, question.context))
    try:
        async with asyncio.timeout(budget):  # no extra task per call, unlike wait_for
            answer = await pipeline.roles.answer(role, asked, chain=chain)
        return answer.replace(question_digest=question.digest)  # the question as sent, not merged
    except TimeoutError:
        return failed_candidate(question, role, chain, "timeout", f"no provider answered within {budget:.1f}s", started)
    except Exception as exc:  # a bug in a provider path must not lose the question
        log.exception("%s failed on question %s", role, question.question_id)
        return failed_candidate(question, role, chain, "error", f"{type(exc).__name__}: {exc}"[:500], started)


async def answer_question(pipeline: Any, question: Question, r: Route) -> list[Candidate]:
    """One candidate per role the route expects, answered concurrently, in route order."""
    others = [asyncio.ensure_future(answer_one(pipeline, role, question, r)) for role in r.roles[1:]]
    first = await answer_one(pipeline, r.roles[0], question, r)  # inline: one task fewer per question
    return [first, *[await task for task in others]]


class Answerers:
    """The teacher and the student as one agent: each question is delivered once and every
    role its route expects answers it concurrently. The question is acked once all of its
    candidates are on the broker; at most ``providers.max_in_flight`` questions are in flight."""

    def __init__(self, pipeline: Any, remember: int = 100_000) -> None:
        self.p = pipeline
        self.in_flight = asyncio.Semaphore(pipeline.settings.providers.max_in_flight)
        self.tasks: set[asyncio.Task] = set()
        self.asked: OrderedDict[str, None] = OrderedDict()  # question_ids, oldest first
        self._remember = remember

    def asked_before(self, question: Question) -> bool:
        """True when this question_id already came to this worker: a frontend's retry of the
        same question (its first answers are on their way, and the critic keeps the first per
        role) or a different question reusing the id (the critic dead-letters it). Answering
        again would only cost provider calls. After a restart nothing is remembered, so a
        replayed question is answered again, as it must be."""
        seen = question.question_id in self.asked
        self.asked[question.question_id] = None
        if len(self.asked) > self._remember:
            self.asked.popitem(last=False)
        return seen

    async def on_batch(self, events: Sequence[Any]) -> None:
        for event in events:
            try:
                question = decode_question(self.p, event.message)
            except BadRecord:
                event.ack()  # the critic dead-letters it: one dead letter per bad record
                continue
            r = route(question)
            if not r.roles or self.asked_before(question):
                event.ack()
                continue
            await self.in_flight.acquire()
            task = asyncio.ensure_future(self._answer(event, question, r))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _answer(self, event: Any, question: Question, r: Route) -> None:
        try:
            candidates = await answer_question(self.p, question, r)
            await produce_candidates(self.p, candidates, event.message.partition)
            event.ack()
        except BaseException:  # cancelled (shutdown, rebalance): a redelivery must be answered
            self.asked.pop(question.question_id, None)
            raise
        finally:
            self.in_flight.release()


def register_answerers(pipeline: Any) -> Answerers:
    answerers = Answerers(pipeline)
    pipeline.app.agent(pipeline.questions, name="answerers")(batch_agent(pipeline.ready, answerers.on_batch))
    return answerers
