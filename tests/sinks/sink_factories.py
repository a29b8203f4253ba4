"""Real Verdict/Candidate values for the sink tests (schemas.records dataclasses)."""

from __future__ import annotations

from typing import Optional

from schemas.records import Alternative, Attempt, Candidate, CriticEvaluation, Hallucination, Verdict

DAY1 = 1_767_225_600_000  # 2026-01-01T00:00:00Z in epoch ms
DAY2 = DAY1 + 86_400_000


def attempt(provider: str = "openai", model: str = "gpt-4o", *, status: str = "ok", at: int = DAY1,
            cost: Optional[float] = 0.001, price_known: bool = True, tokens: tuple[int, int] = (100, 50),
            error: Optional[str] = None, retries: int = 0) -> Attempt:
    return Attempt(provider=provider, model=model, status=status, started_at=at, error=error,
                   input_tokens=tokens[0], output_tokens=tokens[1], cost_usd=cost, price_known=price_known,
                   latency_ms=120.0, retries=retries, simulated=True)


def candidate(question_id: str = "q1", role: str = "teacher", *, conversation_id: str = "c1",
              attempts: Optional[list[Attempt]] = None, text: str = "We serve chicken and steak.",
              fallback_from: Optional[str] = None) -> Candidate:
    attempts = [attempt()] if attempts is None else attempts
    last = attempts[-1] if attempts else attempt()
    known = all(a.cost_usd is not None for a in attempts)
    return Candidate(
        candidate_id=Candidate.make_id(question_id, role), question_id=question_id,
        conversation_id=conversation_id, agent_name="menu_agent", role=role,
        provider=last.provider, model=last.model, text=text, status="ok", latency_ms=150.0,
        simulated=True, question_created_at=DAY1, created_at=DAY1 + 200,
        input_tokens=sum(a.input_tokens for a in attempts), output_tokens=sum(a.output_tokens for a in attempts),
        cost_usd=sum(a.cost_usd or 0 for a in attempts) if known else None,
        fallback_from=fallback_from, attempts=attempts,
    )


def verdict(question_id: str = "q1", *, conversation_id: str = "c1", at: int = DAY1,
            judge_calls: Optional[list[Attempt]] = None, escalate: bool = False,
            chosen: bool = True, hallucinate_student: bool = True) -> Verdict:
    hallucinations = [Hallucination(candidate_id=f"{question_id}:student", role="student",
                                    claim="We serve wagyu beef.", reason="menu has no wagyu")] if hallucinate_student else []
    judge_calls = judge_calls or []
    return Verdict(
        verdict_id=question_id, question_id=question_id, conversation_id=conversation_id,
        agent_name="menu_agent", question_text="Do you serve wagyu beef?",
        response="We serve chicken, shrimp, steak and salmon; no wagyu." if chosen else "A member of our team will follow up.",
        consensus_score=0.8, confidence="medium", escalate=escalate,
        decided_by="critic" if chosen else "fallback",
        critic_evaluation=CriticEvaluation(method="facts-v1", agreement=0.4, claims_checked=3, claims_supported=2,
                                           judge_used=bool(judge_calls), summary="teacher matches the menu",
                                           judge_calls=judge_calls, details_json='{"teacher": 1.0}'),
        candidates_expected=2, candidates_received=2, latency_ms=900.0, simulated=True, decided_at=at + 900,
        chosen_candidate_id=f"{question_id}:teacher" if chosen else None, chosen_role="teacher" if chosen else None,
        provider_used="openai" if chosen else None, model_used="gpt-4o" if chosen else None,
        escalation_reasons=["low_consensus"] if escalate else [],
        hallucinations=hallucinations,
        alternative_responses=[Alternative(candidate_id=f"{question_id}:student", role="student", provider="anthropic",
                                           model="claude-sonnet-4-5", text="Yes, we serve wagyu beef.", status="ok")],
        total_cost_usd=0.002,
    )
