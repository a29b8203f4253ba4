"""The critic stream: joins each question with its candidates, decides, publishes one verdict.

Reads ``questions`` and ``candidates`` (co-partitioned: a question's candidates are written
to its own partition) in one stream so a question always precedes its own candidates in the
critic's queue. Join state lives in memory (``streams.join_state``) and is rebuilt from the
uncommitted tail of both topics after a restart: events are acked only once their verdict is
on the broker. Decisions come from the pure critic (``streams.critic``); the LLM judge is
called only when it asks for it.

Events are handled in batches of what is already waiting (``agents_topics.batching``): each
event is joined and, when its question is complete, decided at once; the verdicts of a batch
are then published together, and their events acked when all of them are on the broker.

Bad questions are dead-lettered here (and only here), with their cause.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Optional, Sequence

from faust.types import TP

from agents_topics.answerers import chain_for, decode_question, failed_candidate, produce_candidates
from agents_topics.batching import batch_agent
from agents_topics.outbox import Outgoing, deliver
from agents_topics.routing import route
from ensemble.errors import BadRecord
from providers.outcome import total_cost as attempts_cost
from schemas.records import Attempt, Candidate, Verdict, now_ms
from streams import critic
from streams.join_state import JUDGE_ROLE, JoinBuffer, Pending
from streams.verdicts import build_verdict

log = logging.getLogger(__name__)

SWEEP_INTERVAL_S = 0.1
BACKLOG_RECHECK_S = 1.0


class Critic:
    """The stream's shell around the join buffer and the pure critic."""

    def __init__(self, pipeline: Any) -> None:
        self.p = pipeline
        cfg = pipeline.settings.critic
        self.cfg = cfg
        self.join = JoinBuffer(deadline_s=cfg.deadline_s, orphan_grace_s=max(2 * cfg.deadline_s, 30.0))
        self.tasks: set[asyncio.Task] = set()
        self.deferred: list[tuple[list, list]] = []
        self.decided: list[Verdict] = []  # decided in the current batch, not yet published
        self.read_upto: dict[int, int] = {}  # candidates partition -> highest offset handled

    # -- events ---------------------------------------------------------------------------
    async def on_batch(self, events: Sequence[Any]) -> None:
        """Join every event of the batch, decide what became complete, then publish the
        batch's verdicts in one round (one task): they are acked when all are on the broker."""
        for event in events:
            try:
                await self.on_event(event)
            except Exception as exc:  # one bad record never stops the partition
                message = event.message
                log.exception("critic failed on %s[%d]@%d", message.topic, message.partition, message.offset)
                await self.p.dead_letters.send(message, "processing_error", f"{type(exc).__name__}: {exc}", "critic")
                event.ack()
        if self.decided:
            decided, self.decided = self.decided, []
            self._spawn(self._publish(decided))

    async def on_event(self, event: Any) -> None:
        message = event.message
        if message.topic == self.p.names.questions:
            await self._on_question(event)
        else:
            await self._on_candidate(event)

    async def _on_question(self, event: Any) -> None:
        try:
            question = decode_question(self.p, event.message)
        except BadRecord as exc:
            await self.p.dead_letters.send(event.message, exc.kind, exc.message, "critic")
            event.ack()
            return
        status, ready = self.join.add_question(question, route(question), event, time.monotonic())
        if status == "conflict":
            msg = (f"question_id {question.question_id!r} was already used for a different question "
                   "(other text, facts, agent or conversation); each question needs its own id")
            await self.p.dead_letters.send(event.message, "reused_question_id", msg, "critic")
            event.ack()
        elif status == "decided":
            event.ack()
        elif ready is not None:
            self._decide(ready)

    async def _on_candidate(self, event: Any) -> None:
        message = event.message
        if message.offset > self.read_upto.get(message.partition, -1):
            self.read_upto[message.partition] = message.offset
        candidate = await self.p.dead_letters.decode(message, self.p.codecs["Candidate"], Candidate, "critic")
        if candidate is None:
            event.ack()
            return
        status, ready = self.join.add_candidate(candidate, event, time.monotonic())
        if status == "judgement":
            self._decide(ready, again=True)
        elif status == "late":
            event.ack()
        elif ready is not None:
            self._decide(ready)

    # -- time -----------------------------------------------------------------------------
    async def sweep(self) -> None:
        """Deadline: publish timeout candidates for missing roles; drop expired orphans.

        A deadline that passes while this worker still has unread records on the question's
        candidates partition says the critic is behind, not that the answerers are: the answers
        may be among those records. The question is looked at again a second later, for up to
        ``deadline_backlog_s`` more, so a burst does not turn answered questions into timeouts."""
        now = time.monotonic()
        for pending in self.join.overdue(now):
            q = pending.question
            partition = question_partition(pending)
            if now - pending.seen_at < self.cfg.deadline_s + self.cfg.deadline_backlog_s and self._unread_candidates(partition):
                if pending.postponed == 0:
                    log.info("question %s: deadline passed while candidates partition %d is not read to its end; waiting",
                             q.question_id, partition)
                self.join.postpone(pending, now + BACKLOG_RECHECK_S)
                continue
            msg = f"no candidate within the critic deadline of {self.cfg.deadline_s:g}s"
            timeouts = [failed_candidate(q, role, chain_for(self.p, pending.route, role), "timeout", msg, q.created_at)
                        for role in pending.missing_roles]
            log.warning("question %s: %s from %s; publishing timeout candidates", q.question_id, msg,
                        ", ".join(pending.missing_roles))
            self._spawn(produce_candidates(self.p, timeouts, partition))
        self.ack_committed()
        for orphan in self.join.expired_orphans(now):
            log.info("dropping candidate %s: its question was decided before a restart", orphan.candidate.candidate_id)
            orphan.event.ack()

    def _unread_candidates(self, partition: int) -> bool:
        """Whether the candidates partition holds records past the last one this critic handled,
        by the high-water mark of the consumer's latest fetch (unknown counts as none)."""
        try:
            high = self.p.app.consumer.highwater(TP(self.p.names.candidates, partition))
        except Exception:  # no consumer yet, or the partition is not assigned here
            return False
        return high is not None and high > self.read_upto.get(partition, -1) + 1

    # -- deciding -------------------------------------------------------------------------
    def _decide(self, pending: Pending, again: bool = False) -> None:
        if pending.deciding and not again:
            return
        self.join.start_deciding(pending)
        question = pending.question
        candidates = pending.ordered_candidates()
        safe = self.cfg.safe_reply_for(question.locale, question.text)  # in the customer's language
        try:
            facts = critic.merge_facts(self.p.knowledge, question.context)
            assessment = critic.assess(question, candidates, facts, escalate_below=self.cfg.escalate_below,
                                       trust_above=self.cfg.trust_above, use_judge=self.cfg.use_llm_judge)
        except Exception as exc:  # a critic bug must not lose the verdict: a person takes over
            log.exception("critic failed on question %s; escalating", question.question_id)
            self.decided.append(self._verdict(pending, candidates, critic.failed(exc, safe_reply=safe), ()))
            return
        if not assessment.needs_judge:  # assess() folds use_judge into needs_judge
            decision = critic.finalize(assessment, None, safe_reply=safe)
            self.decided.append(self._verdict(pending, candidates, decision, ()))
        elif pending.judgement is not None:  # the judge answered before (maybe before a restart)
            texts = judgement_texts(pending.judgement, len(assessment.judge_prompts))
            decision = critic.finalize(assessment, texts, safe_reply=safe)
            self.decided.append(self._verdict(pending, candidates, decision, pending.judgement.attempts))
        elif not pending.awaiting_judgement:
            pending.awaiting_judgement = True
            self._spawn(self._ask_judge(pending, assessment))

    async def _ask_judge(self, pending: Pending, assessment: Any) -> None:
        """Ask the judge (both orders) and publish its answers as a `critic` candidate; the
        decision is made when that record comes back from the candidates topic."""
        q = pending.question
        started = now_ms()
        results = await asyncio.gather(*(self.p.roles.judge(prompt) for prompt in assessment.judge_prompts),
                                       return_exceptions=True)
        texts: list[Optional[str]] = []
        calls: list[Attempt] = []
        for r in results:
            if isinstance(r, BaseException):
                log.warning("judge call failed for %s: %s", q.question_id, r)
                texts.append(None)
                continue
            completion, attempts = r
            texts.append(completion.text if completion else None)
            calls.extend(attempts)
        await produce_candidates(self.p, [judgement_candidate(q, texts, calls, started)], question_partition(pending))

    def _verdict(self, pending: Pending, candidates: list[Candidate], decision: Any, judge_calls: Sequence[Attempt]) -> Verdict:
        return build_verdict(pending.question, candidates, decision, expected=len(pending.route.roles),
                             judge_calls=judge_calls, escalate_below=self.cfg.escalate_below,
                             trust_above=self.cfg.trust_above)

    async def _publish(self, verdicts: list[Verdict]) -> None:
        """Put the verdicts (and escalation copies) on the broker, then ack their questions."""
        await deliver(self.p.app, [r for v in verdicts for r in self._verdict_records(v)], "verdict")
        for verdict in verdicts:
            self._ack_decided(self.join.finish(verdict.question_id))
            if self.p.on_verdict is not None:
                self.p.on_verdict(verdict)

    def _verdict_records(self, verdict: Verdict) -> list[Outgoing]:
        key = verdict.question_id.encode()
        avro = verdict.to_avro()
        records = [Outgoing(self.p.names.verdicts, key, self.p.codecs["Verdict"].encode(avro))]
        if verdict.escalate:
            records.append(Outgoing(self.p.names.escalations, key, self.p.escalation_codec.encode(avro)))
        return records

    def _ack_decided(self, events: list[Any]) -> None:
        """Ack the question now, its candidates once the question's offset is committed.

        Offsets are committed per partition, so without this a question stuck behind an
        older undecided one could stay uncommitted while its candidates are committed; a
        crash would then replay the question without its candidates, the roles would answer
        again and the replayed verdict could differ. Holding candidates back keeps
        "candidates committed ⇒ question committed".
        """
        questions = [e for e in events if e.message.topic == self.p.names.questions]
        others = [e for e in events if e.message.topic != self.p.names.questions]
        for event in questions:
            event.ack()
        if others:
            self.deferred.append(([(e.message.tp, e.message.offset) for e in questions], others))

    def ack_committed(self) -> None:
        committed = self.p.app.consumer._committed_offset
        still: list = []
        for positions, events in self.deferred:
            if all((committed.get(tp) or 0) > offset for tp, offset in positions):
                for event in events:
                    event.ack()
            else:
                still.append((positions, events))
        self.deferred = still

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("critic task failed", exc_info=task.exception())


def question_partition(pending: Pending) -> int:
    """The partition the question was read from: its candidates go to the same one."""
    return pending.events[0].message.partition


def judgement_candidate(q: Any, texts: list[Optional[str]], calls: list[Attempt], started_ms: int) -> Candidate:
    """The judge's answers for a question as a `critic` candidate (text: JSON list, one per order)."""
    ok = [a for a in calls if a.status == "ok"]
    last = ok[-1] if ok else (calls[-1] if calls else None)
    now = now_ms()
    return Candidate(
        candidate_id=Candidate.make_id(q.question_id, JUDGE_ROLE), question_id=q.question_id,
        conversation_id=q.conversation_id, agent_name=q.agent, role=JUDGE_ROLE,
        provider=last.provider if last else "none", model=last.model if last else "none",
        text=json.dumps(texts), status="ok" if any(t is not None for t in texts) else "error",
        error=None if any(t is not None for t in texts) else "no judge answered",
        input_tokens=sum(a.input_tokens for a in calls), output_tokens=sum(a.output_tokens for a in calls),
        cost_usd=attempts_cost(calls),
        latency_ms=float(now - started_ms), simulated=any(a.simulated for a in calls),
        question_created_at=q.created_at, created_at=now, attempts=calls, question_digest=q.digest,
    )


def judgement_texts(judgement: Candidate, n: int) -> list[Optional[str]]:
    try:
        texts = json.loads(judgement.text)
    except ValueError:
        texts = []
    texts = [t if isinstance(t, str) else None for t in texts][:n]
    return texts + [None] * (n - len(texts))


def register_critic(pipeline: Any) -> Critic:
    c = Critic(pipeline)

    async def critic_sweep() -> None:
        await pipeline.ready.wait()
        while True:
            try:
                await c.sweep()
            except Exception:
                log.exception("critic sweep failed")
            await asyncio.sleep(SWEEP_INTERVAL_S)

    pipeline.app.agent(pipeline.questions_and_candidates, name="critic")(batch_agent(pipeline.ready, c.on_batch))
    pipeline.app.task(critic_sweep)
    pipeline.critic = c
    return c
