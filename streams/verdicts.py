"""Turning the critic's decision into the published Verdict. Pure and deterministic: the same
question, candidates and decision always give the same verdict, byte for byte, so a replay
after a crash republishes an identical copy (consumers deduplicate on ``verdict_id``)."""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from providers.outcome import total_cost as attempts_cost
from schemas.records import (
    Alternative,
    Attempt,
    Candidate,
    CriticEvaluation,
    Question,
    Verdict,
    confidence_for,
)

METHOD = "facts-v1"


def total_cost(candidates: Sequence[Candidate], judge_calls: Sequence[Attempt]) -> Optional[float]:
    """Sum of every call's cost; None when any call's price is unknown (never a silent 0)."""
    costs = [c.cost_usd for c in candidates if c.attempts or c.cost_usd is not None] + [attempts_cost(judge_calls)]
    if any(c is None for c in costs):
        return None
    return round(sum(costs), 8)


def decided_at(question: Question, candidates: Sequence[Candidate]) -> int:
    """Event time of the decision: the newest candidate used (the question when there is none)."""
    return max([question.created_at, *(c.created_at for c in candidates)])


def build_verdict(
    question: Question,
    candidates: Sequence[Candidate],
    decision: Any,
    *,
    expected: int,
    judge_calls: Sequence[Attempt] = (),
    escalate_below: float,
    trust_above: float,
) -> Verdict:
    chosen = next((c for c in candidates if c.candidate_id == decision.chosen_candidate_id), None)
    at = decided_at(question, candidates)
    evaluation = CriticEvaluation(
        method=METHOD,
        agreement=round(float(decision.agreement), 4),
        claims_checked=int(decision.claims_checked),
        claims_supported=int(decision.claims_supported),
        judge_used=bool(decision.judge_used),
        summary=decision.summary,
        judge_calls=list(judge_calls),
        details_json=json.dumps(decision.details, sort_keys=True, default=str),
    )
    return Verdict(
        verdict_id=question.question_id,
        question_id=question.question_id,
        conversation_id=question.conversation_id,
        agent_name=question.agent,
        question_text=question.text,
        response=decision.response,
        consensus_score=float(decision.consensus_score),
        confidence=confidence_for(decision.consensus_score, escalate_below, trust_above),
        escalate=bool(decision.escalate),
        escalation_reasons=list(decision.escalation_reasons),
        decided_by=decision.decided_by,
        critic_evaluation=evaluation,
        candidates_expected=expected,
        candidates_received=sum(1 for c in candidates if c.status == "ok"),
        latency_ms=float(at - question.created_at),
        simulated=any(c.simulated for c in candidates) or any(a.simulated for a in judge_calls),
        decided_at=at,
        chosen_candidate_id=chosen.candidate_id if chosen else None,
        chosen_role=chosen.role if chosen else None,
        provider_used=chosen.provider if chosen else None,
        model_used=chosen.model if chosen else None,
        fallback_from=chosen.fallback_from if chosen else None,
        hallucinations=list(decision.hallucinations),
        alternative_responses=[
            Alternative(c.candidate_id, c.role, c.provider, c.model, c.text, c.status)
            for c in candidates if c is not chosen
        ],
        total_cost_usd=total_cost(candidates, judge_calls),
    )
