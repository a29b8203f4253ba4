"""From a walk along a fallback chain (its Attempts and the Completion, if any) to the one
Candidate a role emits. Pure functions over plain values."""

from __future__ import annotations

from typing import Optional, Sequence

from providers.base import Completion
from providers.chains import Link
from schemas.records import Attempt, Candidate, Question, now_ms

SKIPPED = ("skipped_breaker_open", "skipped_budget")


def fallback_from(attempts: Sequence[Attempt]) -> Optional[str]:
    """Providers tried or skipped before the last attempt, comma-joined, first-seen order."""
    before = [a.provider for a in attempts[:-1]]
    return ",".join(dict.fromkeys(before)) or None


def total_cost(attempts: Sequence[Attempt]) -> Optional[float]:
    """Sum of attempt costs; None as soon as one attempt's cost is unknown."""
    total = 0.0
    for a in attempts:
        if a.cost_usd is None:
            return None
        total += a.cost_usd
    return total


def failure_status(attempts: Sequence[Attempt]) -> str:
    """timeout when every call that went out timed out; error otherwise (also when none went out)."""
    called = [a for a in attempts if a.status not in SKIPPED]
    return "timeout" if called and all(a.status == "timeout" for a in called) else "error"


def failure_message(attempts: Sequence[Attempt], untried: Sequence[Link]) -> str:
    parts = [f"{a.provider}:{a.model} {a.status}" + (f" ({a.error})" if a.error and a.status not in SKIPPED else "") for a in attempts]
    parts += [f"{link} not tried (deadline reached)" for link in untried]
    return "all providers failed: " + "; ".join(parts)


def build_candidate(
    question: Question,
    role: str,
    chain: Sequence[Link],
    attempts: Sequence[Attempt],
    completion: Optional[Completion],
    untried: Sequence[Link],
    latency_ms: float,
) -> Candidate:
    """Exactly one Candidate: ok with the answering provider, or error/timeout naming the last
    provider tried (the chain's first when none was) and why each failed."""
    last = attempts[-1] if attempts else None
    provider = last.provider if last else chain[0].provider
    model = last.model if last else chain[0].model
    ok = completion is not None
    return Candidate(
        candidate_id=Candidate.make_id(question.question_id, role),
        question_id=question.question_id,
        conversation_id=question.conversation_id,
        agent_name=question.agent,
        role=role,
        provider=provider,
        model=model,
        text=completion.text if ok else "",
        status="ok" if ok else failure_status(attempts),
        error=None if ok else failure_message(attempts, untried),
        latency_ms=latency_ms,
        simulated=completion.simulated if ok else any(a.simulated for a in attempts),
        question_created_at=question.created_at,
        created_at=now_ms(),
        input_tokens=sum(a.input_tokens for a in attempts),
        output_tokens=sum(a.output_tokens for a in attempts),
        cost_usd=total_cost(attempts),
        fallback_from=fallback_from(attempts),
        attempts=list(attempts),
    )
