"""Pure row building: deterministic, complete, shaped as the tables expect."""

from __future__ import annotations

import pytest

from sinks.clickhouse import rows as R
from sink_factories import DAY1, attempt, candidate, verdict


def as_dict(columns, row):
    assert len(columns) == len(row)
    return dict(zip(columns, row))


def test_rows_are_deterministic():
    v = verdict("q1", judge_calls=[attempt("xai", "grok-2")])
    assert R.chat_message_row(v) == R.chat_message_row(verdict("q1", judge_calls=[attempt("xai", "grok-2")]))
    assert R.training_signal_row(v) == R.training_signal_row(v)
    assert R.judge_call_rows(v) == R.judge_call_rows(v)
    assert R.candidate_call_rows(candidate()) == R.candidate_call_rows(candidate())


def test_chat_message_row_flattens_nested_values():
    row = as_dict(R.CHAT_MESSAGE_COLUMNS, R.chat_message_row(verdict("q7")))
    assert row["question_id"] == "q7"
    assert row["hallucinations.claim"] == ["We serve wagyu beef."]
    assert row["hallucinations.candidate_id"] == ["q7:student"]
    assert row["hallucination_count"] == 1
    assert row["alternative_responses.provider"] == ["anthropic"]
    assert row["critic_method"] == "facts-v1" and row["critic_claims_supported"] == 2
    assert row["decided_at"] == DAY1 + 900


@pytest.mark.parametrize(
    "chosen, expect_pair, expect_chosen",
    [(True, True, "We serve chicken, shrimp, steak and salmon; no wagyu."), (False, False, "")],
)
def test_training_signal_pairs_chosen_with_rejected(chosen, expect_pair, expect_chosen):
    row = as_dict(R.TRAINING_SIGNAL_COLUMNS, R.training_signal_row(verdict(chosen=chosen)))
    assert row["chosen"] == expect_chosen
    assert row["rejected"] == "Yes, we serve wagyu beef."
    assert row["rejected_hallucinated"] is True
    assert row["is_preference_pair"] is expect_pair
    assert row["rejected_responses.hallucinated"] == [True]


def test_judge_calls_become_critic_rows_with_deterministic_ids():
    calls = [attempt("xai", "grok-2", status="timeout", cost=None), attempt("openai", "gpt-4o", at=DAY1 + 5)]
    rows = [as_dict(R.LLM_CALL_COLUMNS, r) for r in R.judge_call_rows(verdict("q3", judge_calls=calls))]
    assert [r["call_id"] for r in rows] == [f"q3:judge:0:{DAY1}", f"q3:judge:1:{DAY1 + 5}"]
    assert {r["role"] for r in rows} == {"critic"}
    assert rows[1]["fallback_from"] == "xai"


def test_candidate_attempts_become_one_row_each_with_fallback():
    c = candidate("q4", "student", attempts=[
        attempt("openai", status="error", cost=None, error="HTTP 503"),
        attempt("anthropic", "claude-sonnet-4-5", at=DAY1 + 10),
    ], fallback_from="openai")
    rows = [as_dict(R.LLM_CALL_COLUMNS, r) for r in R.candidate_call_rows(c)]
    assert [(r["provider"], r["status"], r["fallback_from"]) for r in rows] == [
        ("openai", "error", None), ("anthropic", "ok", "openai")]
    assert rows[0]["error"] == "HTTP 503"
    assert rows[1]["call_id"] == f"q4:student:attempt:1:{DAY1 + 10}"


def test_candidate_without_attempts_still_gives_a_call_row():
    c = candidate("q5", attempts=[])
    (row,) = [as_dict(R.LLM_CALL_COLUMNS, r) for r in R.candidate_call_rows(c)]
    assert (row["provider"], row["input_tokens"], row["price_known"]) == ("openai", 0, True)


def test_unknown_price_stays_null_and_flagged():
    c = candidate(attempts=[attempt("ollama", "mystery-model", cost=None, price_known=False)])
    (row,) = [as_dict(R.LLM_CALL_COLUMNS, r) for r in R.candidate_call_rows(c)]
    assert row["cost_usd"] is None and row["price_known"] is False
