"""Plain values mirroring the ``.avsc`` files field for field.

``to_avro()`` gives the dict fastavro writes; ``from_avro()`` takes the dict fastavro reads.
Timestamps are integers: UTC milliseconds since the epoch. ``tests/test_schemas.py``
checks every record against its schema, so a field added here without the ``.avsc`` (or the
other way round) fails the tests.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field, fields, replace
from typing import Any, Optional

ROLES = ("teacher", "student")
AGENT_NAMES = (
    "menu_agent",
    "pricing_agent",
    "booking_agent",
    "distance_agent",
    "lead_capture_agent",
    "crm_writer_agent",
    "admin_assistant",
    "faq_agent",
)
DEFAULT_AGENT = "faq_agent"


def now_ms() -> int:
    """Wall-clock UTC time in epoch milliseconds."""
    return int(time.time() * 1000)


class _Record:
    """Shared conversion: a flat dataclass whose nested values are other records or lists of them."""

    def to_avro(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _to_avro(getattr(self, f.name))
        return out

    def replace(self, **changes: Any):
        return replace(self, **changes)  # type: ignore[type-var]


def _to_avro(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_avro()
    if isinstance(value, list):
        return [_to_avro(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Question(_Record):
    question_id: str
    conversation_id: str
    text: str
    created_at: int
    agent_name: Optional[str] = None
    context: dict[str, str] = field(default_factory=dict)
    locale: str = "en"
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def agent(self) -> str:
        """The assistant asked; faq_agent when the frontend named none."""
        return self.agent_name or DEFAULT_AGENT

    @property
    def digest(self) -> str:
        """What the question asks, as a short hash: conversation, agent, text, facts and locale
        (not created_at or metadata, so a frontend's retry of one question has one digest).
        Candidates carry it, so an answer is joined only to the question it answers even
        when a frontend reuses a question_id for a different question."""
        asked = [self.conversation_id, self.agent, self.text, sorted(self.context.items()), self.locale]
        raw = json.dumps(asked, ensure_ascii=False, separators=(",", ":")).encode()
        return hashlib.blake2b(raw, digest_size=8).hexdigest()

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "Question":
        return cls(
            question_id=d["question_id"],
            conversation_id=d["conversation_id"],
            text=d["text"],
            created_at=int(d["created_at"]),
            agent_name=d.get("agent_name"),
            context=dict(d.get("context") or {}),
            locale=d.get("locale") or "en",
            metadata=dict(d.get("metadata") or {}),
        )


@dataclass(frozen=True, slots=True)
class Attempt(_Record):
    provider: str
    model: str
    status: str
    started_at: int
    error: Optional[str] = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: Optional[float] = None
    price_known: bool = True
    latency_ms: float = 0.0
    retries: int = 0
    simulated: bool = False

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "Attempt":
        return cls(**d)


@dataclass(frozen=True, slots=True)
class Candidate(_Record):
    candidate_id: str
    question_id: str
    conversation_id: str
    agent_name: str
    role: str
    provider: str
    model: str
    text: str
    status: str
    latency_ms: float
    simulated: bool
    question_created_at: int
    created_at: int
    error: Optional[str] = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: Optional[float] = None
    fallback_from: Optional[str] = None
    attempts: list[Attempt] = field(default_factory=list)
    question_digest: Optional[str] = None

    @staticmethod
    def make_id(question_id: str, role: str) -> str:
        """Deterministic candidate id: a replayed answer keeps its id."""
        return f"{question_id}:{role}"

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.text.strip())

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "Candidate":
        d = dict(d)
        d["attempts"] = [Attempt.from_avro(a) for a in d.get("attempts") or []]
        return cls(**d)


@dataclass(frozen=True, slots=True)
class Hallucination(_Record):
    candidate_id: str
    role: str
    claim: str
    reason: str


@dataclass(frozen=True, slots=True)
class Alternative(_Record):
    candidate_id: str
    role: str
    provider: str
    model: str
    text: str
    status: str


@dataclass(frozen=True, slots=True)
class CriticEvaluation(_Record):
    method: str
    agreement: float
    claims_checked: int
    claims_supported: int
    judge_used: bool
    summary: str
    judge_calls: list[Attempt] = field(default_factory=list)
    details_json: str = "{}"

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "CriticEvaluation":
        d = dict(d)
        d["judge_calls"] = [Attempt.from_avro(a) for a in d.get("judge_calls") or []]
        return cls(**d)


@dataclass(frozen=True, slots=True)
class Verdict(_Record):
    verdict_id: str
    question_id: str
    conversation_id: str
    agent_name: str
    question_text: str
    response: str
    consensus_score: float
    confidence: str
    escalate: bool
    decided_by: str
    critic_evaluation: CriticEvaluation
    candidates_expected: int
    candidates_received: int
    latency_ms: float
    simulated: bool
    decided_at: int
    chosen_candidate_id: Optional[str] = None
    chosen_role: Optional[str] = None
    provider_used: Optional[str] = None
    model_used: Optional[str] = None
    fallback_from: Optional[str] = None
    escalation_reasons: list[str] = field(default_factory=list)
    hallucinations: list[Hallucination] = field(default_factory=list)
    alternative_responses: list[Alternative] = field(default_factory=list)
    total_cost_usd: Optional[float] = None

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "Verdict":
        d = dict(d)
        d["critic_evaluation"] = CriticEvaluation.from_avro(d["critic_evaluation"])
        d["hallucinations"] = [Hallucination(**h) for h in d.get("hallucinations") or []]
        d["alternative_responses"] = [Alternative(**a) for a in d.get("alternative_responses") or []]
        return cls(**d)


@dataclass(frozen=True, slots=True)
class DeadLetter(_Record):
    source_topic: str
    partition: int
    offset: int
    error_kind: str
    error_message: str
    stage: str
    failed_at: int
    key: Optional[bytes] = None
    value: Optional[bytes] = None
    value_truncated: bool = False
    value_size: int = 0

    @classmethod
    def from_avro(cls, d: dict[str, Any]) -> "DeadLetter":
        return cls(**d)


def confidence_for(score: float, escalate_below: float, trust_above: float) -> str:
    """high at or above trust_above, low below escalate_below, else medium."""
    if score >= trust_above:
        return "high"
    if score < escalate_below:
        return "low"
    return "medium"


#: 2000-01-01 in epoch milliseconds: an earlier created_at is a unit mistake (Unix seconds read as ms land in 1970)
EARLIEST_CREATED_AT_MS = 946_684_800_000


def validate_question(d: dict[str, Any], max_chars: int, *, max_context_chars: Optional[int] = None,
                      max_future_ms: Optional[int] = None, now: Optional[int] = None) -> Question:
    """A decoded question dict as a Question, or BadRecord(missing_field|empty_text|too_large|invalid).

    ``max_context_chars`` bounds the facts (keys and values together); ``max_future_ms`` how far
    ``created_at`` may run ahead of this machine's clock (``now``, epoch ms). None: no limit.
    """
    from ensemble.errors import BadRecord

    qid = d.get("question_id")
    if not isinstance(qid, str) or not qid.strip():
        raise BadRecord("missing_field", "question_id is missing or empty")
    text = d.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord("empty_text", f"question {qid} has empty text")
    if len(text) > max_chars:
        raise BadRecord("too_large", f"question {qid} text is {len(text)} chars; the limit is {max_chars}")
    context = d.get("context")
    if max_context_chars is not None and isinstance(context, dict):
        size = sum(len(k) + len(v) for k, v in context.items() if isinstance(k, str) and isinstance(v, str))
        if size > max_context_chars:
            raise BadRecord("too_large", f"question {qid} context is {size} chars (keys and values); the limit is "
                                         f"{max_context_chars} (max_context_chars)")
    created = d.get("created_at")
    if isinstance(created, (int, float)) and created < EARLIEST_CREATED_AT_MS:
        unit = "seconds" if EARLIEST_CREATED_AT_MS // 1000 <= created < 10**11 else "a time before 2000"
        raise BadRecord("invalid", f"question {qid} created_at {created} looks like {unit}: send epoch milliseconds "
                                   "(or ISO-8601 in JSON, or leave it out)")
    if max_future_ms is not None and isinstance(created, (int, float)):
        ahead = created - (now_ms() if now is None else now)
        if ahead > max_future_ms:
            raise BadRecord("invalid", f"question {qid} created_at is {ahead / 1000:.0f} s in the future; more than "
                                       f"{max_future_ms / 1000:.0f} s (max_clock_skew_s) is a wrong clock or unit")
    agent = d.get("agent_name")
    if agent is not None and agent not in AGENT_NAMES:
        raise BadRecord("invalid", f"unknown agent_name {agent!r}; expected one of {', '.join(AGENT_NAMES)}")
    return Question.from_avro(d)
