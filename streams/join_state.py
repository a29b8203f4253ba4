"""The critic's join of a question with its candidates: a pure state machine (no I/O).

Guarantees the critic stream relies on:

* A question is **complete** when every role its route expects has a candidate. The first
  candidate per role in log order wins; later ones (replays, late answers) are ignored.
* Nothing is acked before its question is decided: the stream acks a question's events only
  after the verdict is on the broker, so after a crash the uncommitted tail of both topics
  rebuilds exactly the state that was lost (Faust table changelogs are not trusted here).
* A candidate seen before its question (possible right after a restart, when the two topics
  are fetched independently) waits as an **orphan** until the question arrives or
  ``orphan_grace_s`` passes, then is dropped (its question was decided before the crash).
* The LLM judge's answer is in the log too: the stream publishes it as a candidate of role
  ``critic`` and decides when it comes back, so a replay reuses the same judgement instead
  of asking the judge again (whose calls would differ in timing, if not in content).
* A candidate answers the question whose ``digest`` it carries: a frontend that reuses a
  ``question_id`` for a different question (other text, facts, agent or conversation) gets
  that second question back as ``conflict`` (the stream dead-letters it), and the second
  question's candidates are ignored instead of being mixed into the first one's verdict.
  Candidates without a digest (other producers) join by ``question_id`` alone.
* ``overdue(now)`` lists questions still missing candidates ``deadline_s`` after the critic
  first saw them; the stream then publishes timeout candidates for the missing roles through
  the candidates topic, so the decision is made from the log and a replay repeats it.
  ``postpone(pending, until)`` puts a question back for a later look (the stream does so while
  it still has unread candidates on the question's partition: the answers may be there).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Optional

from agents_topics.routing import Route
from schemas.records import Candidate, Question

JUDGE_ROLE = "critic"


@dataclass
class Pending:
    question: Question
    route: Route
    seen_at: float
    digest: str = ""
    candidates: dict[str, Candidate] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    judgement: Optional[Candidate] = None
    awaiting_judgement: bool = False
    deadline_fired: bool = False
    deciding: bool = False
    postponed: int = 0  # times the deadline was put off while the stream was behind on candidates

    @property
    def missing_roles(self) -> list[str]:
        return [r for r in self.route.roles if r not in self.candidates]

    @property
    def complete(self) -> bool:
        return not self.missing_roles

    def ordered_candidates(self) -> list[Candidate]:
        return [self.candidates[r] for r in self.route.roles]


@dataclass
class Orphan:
    candidate: Candidate
    event: Any
    seen_at: float


class JoinBuffer:
    def __init__(self, deadline_s: float, orphan_grace_s: float, decided_capacity: int = 200_000) -> None:
        self.deadline_s = deadline_s
        self.orphan_grace_s = orphan_grace_s
        self.pending: dict[str, Pending] = {}
        self.orphans: dict[str, list[Orphan]] = {}
        self._by_arrival: deque[tuple[float, str]] = deque()  # (seen_at, question_id), oldest first
        self._postponed: deque[tuple[float, str]] = deque()  # (look again at, question_id), earliest first
        self._decided: OrderedDict[str, str] = OrderedDict()  # question_id -> digest
        self._decided_capacity = decided_capacity

    # -- input ----------------------------------------------------------------------------
    def add_question(self, question: Question, route: Route, event: Any, now: float) -> tuple[str, Optional[Pending]]:
        """('new'|'duplicate'|'decided'|'conflict', pending-if-now-complete). A decided or
        conflicting question's event is the caller's to ack; 'conflict' is a question_id already
        used for a different question (its digest differs)."""
        qid = question.question_id
        digest = question.digest
        decided = self._decided.get(qid)
        if decided is not None:
            return ("conflict" if decided and decided != digest else "decided"), None
        pending = self.pending.get(qid)
        if pending is not None:
            if pending.digest != digest:
                return "conflict", None
            pending.events.append(event)
            return "duplicate", None
        pending = self.pending[qid] = Pending(question, route, now, digest=digest, events=[event])
        self._by_arrival.append((now, qid))
        for orphan in self.orphans.pop(qid, []):
            self._attach(pending, orphan.candidate, orphan.event)
        return "new", pending if pending.complete else None

    def add_candidate(self, candidate: Candidate, event: Any, now: float) -> tuple[str, Optional[Pending]]:
        """('joined'|'judgement'|'ignored'|'late'|'orphan', pending-if-ready-to-decide). 'late' events are the caller's to ack."""
        qid = candidate.question_id
        if qid in self._decided:
            return "late", None
        pending = self.pending.get(qid)
        if pending is None:
            self.orphans.setdefault(qid, []).append(Orphan(candidate, event, now))
            return "orphan", None
        joined = self._attach(pending, candidate, event)
        if candidate.role == JUDGE_ROLE:
            return ("judgement", pending) if joined and pending.awaiting_judgement else ("ignored", None)
        if pending.complete and not pending.deciding:
            return "joined", pending
        return ("joined" if joined else "ignored"), None

    @staticmethod
    def _attach(pending: Pending, candidate: Candidate, event: Any) -> bool:
        pending.events.append(event)  # acked with the question, whatever its fate
        if candidate.question_digest is not None and candidate.question_digest != pending.digest:
            return False  # an answer to another question that reused this question_id
        if candidate.role == JUDGE_ROLE:
            if pending.judgement is None:
                pending.judgement = candidate
                return True
            return False
        if candidate.role in pending.route.roles and candidate.role not in pending.candidates:
            pending.candidates[candidate.role] = candidate
            return True
        return False

    # -- time -----------------------------------------------------------------------------
    def overdue(self, now: float) -> list[Pending]:
        """Questions past the deadline still missing candidates; each is reported once.
        Amortised O(1) per question: arrivals are kept in order and looked at once."""
        return self._fire(self._by_arrival, now - self.deadline_s) + self._fire(self._postponed, now)

    def _fire(self, queue: deque[tuple[float, str]], upto: float) -> list[Pending]:
        """Pop the entries of ``queue`` (ordered by time) at or before ``upto``; the still incomplete,
        not yet reported questions among them are marked reported and returned."""
        due = []
        while queue and queue[0][0] <= upto:
            _, qid = queue.popleft()
            p = self.pending.get(qid)
            if p is not None and not p.deadline_fired and not p.complete:
                p.deadline_fired = True
                due.append(p)
        return due

    def postpone(self, pending: Pending, until: float) -> None:
        """Report ``pending`` by ``overdue`` again at ``until`` (not before), unless it completes first.
        ``until`` must not be earlier than that of the previous call (the stream adds a fixed delay to now)."""
        pending.deadline_fired = False
        pending.postponed += 1
        self._postponed.append((until, pending.question.question_id))

    def expired_orphans(self, now: float) -> list[Orphan]:
        out: list[Orphan] = []
        for qid in [q for q, os in self.orphans.items() if now - os[0].seen_at >= self.orphan_grace_s]:
            out.extend(self.orphans.pop(qid))
        return out

    # -- decisions ------------------------------------------------------------------------
    def start_deciding(self, pending: Pending) -> None:
        pending.deciding = True

    def finish(self, question_id: str) -> list[Any]:
        """Mark decided; returns every event to ack (question, candidates, duplicates)."""
        pending = self.pending.pop(question_id, None)
        self._decided[question_id] = pending.digest if pending else ""
        if len(self._decided) > self._decided_capacity:
            self._decided.popitem(last=False)
        return pending.events if pending else []

