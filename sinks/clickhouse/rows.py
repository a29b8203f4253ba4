"""Records as ClickHouse rows: pure, deterministic functions (no clock, no I/O).

The same record always gives the same row, with the same id, so a replayed record replaces
its earlier copy in the ReplacingMergeTree tables. ``inserted_at`` is left to the table's
default. Timestamps stay epoch milliseconds: clickhouse-connect writes an int into a
``DateTime64(3)`` column as milliseconds.

Call ids carry the attempt's ``started_at``: redelivering a candidate record gives the same
ids (no duplicate), while a candidate produced a second time after a crash made real,
separately billed calls, which are kept as their own rows.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from schemas.records import Alternative, Attempt, Candidate, Verdict

Row = tuple[Any, ...]

CHAT_MESSAGE_COLUMNS = (
    "question_id", "conversation_id", "agent_name", "question_text", "response",
    "chosen_candidate_id", "chosen_role", "provider_used", "model_used", "fallback_from",
    "consensus_score", "confidence", "escalate", "escalation_reasons", "decided_by",
    "hallucination_count",
    "hallucinations.candidate_id", "hallucinations.role", "hallucinations.claim", "hallucinations.reason",
    "alternative_responses.candidate_id", "alternative_responses.role", "alternative_responses.provider",
    "alternative_responses.model", "alternative_responses.text", "alternative_responses.status",
    "critic_method", "critic_agreement", "critic_claims_checked", "critic_claims_supported",
    "critic_judge_used", "critic_judge_calls", "critic_summary", "critic_details_json",
    "candidates_expected", "candidates_received", "total_cost_usd", "latency_ms", "simulated", "decided_at",
    "published_at",
)

LLM_CALL_COLUMNS = (
    "call_id", "question_id", "conversation_id", "agent_name", "role", "source_id", "attempt_index",
    "provider", "model", "status", "error", "input_tokens", "output_tokens", "cost_usd", "price_known",
    "latency_ms", "retries", "fallback_from", "simulated", "started_at",
)

TRAINING_SIGNAL_COLUMNS = (
    "question_id", "conversation_id", "agent_name", "prompt",
    "chosen", "chosen_candidate_id", "chosen_role", "chosen_provider", "chosen_model", "chosen_hallucinated",
    "rejected", "rejected_candidate_id", "rejected_role", "rejected_provider", "rejected_model",
    "rejected_hallucinated", "is_preference_pair",
    "rejected_responses.candidate_id", "rejected_responses.role", "rejected_responses.provider",
    "rejected_responses.model", "rejected_responses.text", "rejected_responses.status",
    "rejected_responses.hallucinated",
    "consensus_score", "confidence", "decided_by", "escalate", "escalation_reasons",
    "hallucination_count", "hallucinated_candidate_ids", "hallucinated_claims",
    "critic_method", "critic_agreement", "critic_claims_checked", "critic_claims_supported",
    "critic_judge_used", "critic_summary", "simulated", "decided_at",
)

CRITIC_ROLE = "critic"


def chat_message_row(v: Verdict, published_at: Optional[int] = None) -> Row:
    """One ``ai.chat_message`` row; its key is ``question_id``. ``published_at``: the verdict
    record's Kafka timestamp (epoch ms), when the critic published it; None when unknown."""
    ce, hs, alts = v.critic_evaluation, v.hallucinations, v.alternative_responses
    return (
        v.question_id, v.conversation_id, v.agent_name, v.question_text, v.response,
        v.chosen_candidate_id, v.chosen_role, v.provider_used, v.model_used, v.fallback_from,
        v.consensus_score, v.confidence, v.escalate, list(v.escalation_reasons), v.decided_by,
        len(hs),
        [h.candidate_id for h in hs], [h.role for h in hs], [h.claim for h in hs], [h.reason for h in hs],
        [a.candidate_id for a in alts], [a.role for a in alts], [a.provider for a in alts],
        [a.model for a in alts], [a.text for a in alts], [a.status for a in alts],
        ce.method, ce.agreement, ce.claims_checked, ce.claims_supported,
        ce.judge_used, len(ce.judge_calls), ce.summary, ce.details_json,
        v.candidates_expected, v.candidates_received, v.total_cost_usd, v.latency_ms, v.simulated, v.decided_at,
        published_at,
    )


def training_signal_row(v: Verdict) -> Row:
    """One ``ai.training_signal`` row: the chosen answer against the rejected ones.

    ``rejected`` is the first usable alternative that hallucinated, else the first usable one;
    ``chosen`` is empty when the customer got a safe reply instead of a candidate's answer.
    """
    flagged = {h.candidate_id for h in v.hallucinations}
    chosen = v.response if v.chosen_candidate_id else ""
    rejected = _rejected(v.alternative_responses, flagged)
    alts = v.alternative_responses
    ce = v.critic_evaluation
    return (
        v.question_id, v.conversation_id, v.agent_name, v.question_text,
        chosen, v.chosen_candidate_id, v.chosen_role, v.provider_used, v.model_used,
        v.chosen_candidate_id in flagged,
        rejected.text if rejected else "",
        *(_alt_ids(rejected)),
        rejected is not None and rejected.candidate_id in flagged,
        bool(chosen.strip()) and rejected is not None and rejected.text.strip() != chosen.strip(),
        [a.candidate_id for a in alts], [a.role for a in alts], [a.provider for a in alts],
        [a.model for a in alts], [a.text for a in alts], [a.status for a in alts],
        [a.candidate_id in flagged for a in alts],
        v.consensus_score, v.confidence, v.decided_by, v.escalate, list(v.escalation_reasons),
        len(v.hallucinations), sorted(flagged), [h.claim for h in v.hallucinations],
        ce.method, ce.agreement, ce.claims_checked, ce.claims_supported, ce.judge_used, ce.summary,
        v.simulated, v.decided_at,
    )


def _rejected(alts: Sequence[Alternative], flagged: set[str]) -> Optional[Alternative]:
    usable = [a for a in alts if a.status == "ok" and a.text.strip()]
    return next((a for a in usable if a.candidate_id in flagged), usable[0] if usable else None)


def _alt_ids(a: Optional[Alternative]) -> tuple[Optional[str], ...]:
    if a is None:
        return (None, None, None, None)
    return (a.candidate_id, a.role, a.provider, a.model)


def judge_call_rows(v: Verdict) -> list[Row]:
    """One ``ai.llm_call`` row per judge call of the verdict (role ``critic``)."""
    return [
        _call_row(v.verdict_id, "judge", i, a, v.question_id, v.conversation_id, v.agent_name,
                  CRITIC_ROLE, _fallback_before(v.critic_evaluation.judge_calls, i))
        for i, a in enumerate(v.critic_evaluation.judge_calls)
    ]


def candidate_call_rows(c: Candidate) -> list[Row]:
    """One ``ai.llm_call`` row per attempt of the candidate, in order.

    A candidate without attempts (a producer that does not report them) still gives one row
    from its own totals, so no answer disappears from cost figures; its ``price_known`` is
    false when ``cost_usd`` is null.
    """
    attempts = c.attempts or [_summary_attempt(c)]
    last = len(attempts) - 1
    return [
        _call_row(c.candidate_id, "attempt", i, a, c.question_id, c.conversation_id, c.agent_name, c.role,
                  (c.fallback_from or _fallback_before(attempts, i)) if i == last else _fallback_before(attempts, i))
        for i, a in enumerate(attempts)
    ]


def _summary_attempt(c: Candidate) -> Attempt:
    return Attempt(
        provider=c.provider, model=c.model, status=c.status, started_at=c.created_at, error=c.error,
        input_tokens=c.input_tokens, output_tokens=c.output_tokens, cost_usd=c.cost_usd,
        price_known=c.cost_usd is not None, latency_ms=c.latency_ms, simulated=c.simulated,
    )


def _fallback_before(attempts: Sequence[Attempt], index: int) -> Optional[str]:
    """Providers tried before attempt ``index`` other than its own, comma-separated, in order."""
    own = attempts[index].provider
    earlier = dict.fromkeys(a.provider for a in attempts[:index] if a.provider != own)
    return ",".join(earlier) or None


def _call_row(source_id: str, kind: str, index: int, a: Attempt, question_id: str, conversation_id: str,
              agent_name: str, role: str, fallback_from: Optional[str]) -> Row:
    return (
        f"{source_id}:{kind}:{index}:{a.started_at}", question_id, conversation_id, agent_name, role,
        source_id, index, a.provider, a.model, a.status, a.error, a.input_tokens, a.output_tokens,
        a.cost_usd, a.price_known, a.latency_ms, a.retries, fallback_from, a.simulated, a.started_at,
    )
