"""ClickHouse sink throughput on the embedded chdb engine: verdict and candidate batches.

    /tmp/venv/bin/python benchmarks/sink_throughput.py [--seconds 3] [--judge]

For each batch size (1, 100, 1000) it writes batches for about ``--seconds`` into a fresh
temporary directory and prints records/s and rows/s. A verdict batch is three inserts
(chat_message, training_signal, and llm_call when the verdicts carry judge calls: --judge);
a candidate batch is one llm_call insert (two attempts per candidate here, so two rows each).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from schemas.records import Alternative, Attempt, Candidate, CriticEvaluation, Hallucination, Verdict
from sinks.clickhouse.store import ClickHouseStore, embedded_dsn

T0 = 1_767_225_600_000


def make_attempt(provider: str, i: int) -> Attempt:
    return Attempt(provider=provider, model="gpt-4o", status="ok", started_at=T0 + i, input_tokens=420,
                   output_tokens=120, cost_usd=0.00225, latency_ms=800.0, simulated=True)


def make_verdict(i: int, judge: bool) -> Verdict:
    qid = f"bench-{i}"
    return Verdict(
        verdict_id=qid, question_id=qid, conversation_id=f"chat-{i // 4}", agent_name="menu_agent",
        question_text="Do you serve wagyu beef?", response="We serve chicken, shrimp, steak and salmon.",
        consensus_score=0.82, confidence="medium", escalate=False, decided_by="critic",
        critic_evaluation=CriticEvaluation(method="facts-v1", agreement=0.5, claims_checked=4, claims_supported=3,
                                           judge_used=judge, summary="teacher matches the menu",
                                           judge_calls=[make_attempt("xai", i)] if judge else [],
                                           details_json='{"teacher": 1.0, "student": 0.5}'),
        candidates_expected=2, candidates_received=2, latency_ms=950.0, simulated=True, decided_at=T0 + i,
        chosen_candidate_id=f"{qid}:teacher", chosen_role="teacher", provider_used="openai", model_used="gpt-4o",
        hallucinations=[Hallucination(f"{qid}:student", "student", "We serve wagyu.", "not on the menu")],
        alternative_responses=[Alternative(f"{qid}:student", "student", "anthropic", "claude-sonnet-4-5",
                                           "Yes, we serve wagyu.", "ok")],
        total_cost_usd=0.0045,
    )


def make_candidate(i: int) -> Candidate:
    qid = f"bench-{i}"
    return Candidate(
        candidate_id=f"{qid}:teacher", question_id=qid, conversation_id=f"chat-{i // 4}", agent_name="menu_agent",
        role="teacher", provider="anthropic", model="claude-sonnet-4-5", text="We serve chicken.", status="ok",
        latency_ms=900.0, simulated=True, question_created_at=T0 + i, created_at=T0 + i + 900,
        input_tokens=840, output_tokens=240, cost_usd=0.0045, fallback_from="openai",
        attempts=[make_attempt("openai", i), make_attempt("anthropic", i)],
    )


def run(store: ClickHouseStore, kind: str, batch: int, seconds: float, judge: bool, start: int) -> tuple[float, float, int]:
    """(records/s, rows/s, batches) for one kind and batch size."""
    rows_per_record = (3 if judge else 2) if kind == "verdict" else 2
    n, i, began = 0, start, time.perf_counter()
    while time.perf_counter() - began < seconds or n == 0:
        if kind == "verdict":
            store.insert_verdicts([make_verdict(j, judge) for j in range(i, i + batch)])
        else:
            store.insert_candidates([make_candidate(j) for j in range(i, i + batch)])
        i += batch
        n += 1
    elapsed = time.perf_counter() - began
    records = n * batch
    return records / elapsed, records * rows_per_record / elapsed, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--judge", action="store_true", help="verdicts carry one judge call each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ClickHouseStore(embedded_dsn(Path(tmp))) as store:
        store.insert_candidates([make_candidate(-1)])  # warm the engine: the first insert pays setup
        print(f"{'kind':<10}{'batch':>6}{'batches':>9}{'records/s':>12}{'rows/s':>10}{'ms/batch':>10}")
        start = 0
        for kind in ("verdict", "candidate"):
            for batch in (1, 100, 1000):
                per_s, rows_s, n = run(store, kind, batch, args.seconds, args.judge, start)
                start += n * batch
                print(f"{kind:<10}{batch:>6}{n:>9}{per_s:>12,.0f}{rows_s:>10,.0f}{1000 * batch / per_s:>10.1f}")


if __name__ == "__main__":
    main()
