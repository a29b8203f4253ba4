"""ClickHouseStore against the real embedded chdb engine."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date, datetime

import pytest

from sinks.clickhouse import rows as R
from clickhouse_connect.driver.exceptions import OperationalError

from sinks.clickhouse.errors import InsertFailed, NotReadOnly, QueryFailed, QuestionIdReused
from sinks.clickhouse.schema import CHAT_MESSAGE, TABLES, VIEWS
from sinks.clickhouse.store import ClickHouseStore, embedded_dsn
from sink_factories import DAY1, DAY2, attempt, candidate, verdict

pytestmark = pytest.mark.integration


def test_verdict_is_stored_and_read_back(store):
    store.insert_verdicts([verdict("q1", judge_calls=[attempt("xai", "grok-2")])])
    (row,) = store.query_rows(
        "SELECT question_id, provider_used, chosen_role, consensus_score, escalate, hallucination_count, "
        "critic_method, total_cost_usd, decided_at FROM ai.chat_message_final")
    assert row == ("q1", "openai", "teacher", 0.8, False, 1, "facts-v1", 0.002, datetime(2026, 1, 1, 0, 0, 0, 900000))
    claims = store.query_rows("SELECT h.claim, h.reason FROM ai.chat_message ARRAY JOIN hallucinations AS h")
    assert claims == [("We serve wagyu beef.", "menu has no wagyu")]
    pair = store.query_rows("SELECT prompt, chosen, rejected, rejected_provider FROM ai.preference_pairs")
    assert pair == [("Do you serve wagyu beef?", "We serve chicken, shrimp, steak and salmon; no wagyu.",
                     "Yes, we serve wagyu beef.", "anthropic")]
    judge = store.query_rows("SELECT role, provider, model, status FROM ai.llm_call_final")
    assert judge == [("critic", "xai", "grok-2", "ok")]


def test_candidate_attempts_are_stored_as_calls(store):
    c = candidate("q2", "student", attempts=[attempt("openai", status="timeout", cost=None, error="timed out"),
                                             attempt("anthropic", "claude-sonnet-4-5", at=DAY1 + 1)],
                  fallback_from="openai")
    assert store.insert_candidates([c, candidate("q2", "teacher")]) == 3
    rows = store.query_rows("SELECT role, provider, status, error, fallback_from, retries FROM ai.llm_call_final "
                            "ORDER BY call_id")
    assert rows == [("student", "openai", "timeout", "timed out", None, 0),
                    ("student", "anthropic", "ok", None, "openai", 0),
                    ("teacher", "openai", "ok", None, None, 0)]


def test_replayed_batches_leave_one_row_per_id(store):
    verdicts = [verdict(f"q{i}", judge_calls=[attempt("xai", "grok-2")]) for i in range(5)]
    candidates = [candidate(f"q{i}", role) for i in range(5) for role in ("teacher", "student")]
    for _ in range(3):  # the original and two replays
        store.insert_verdicts(verdicts)
        store.insert_candidates(candidates)
    exact = ("SELECT (SELECT count() FROM ai.chat_message_final), (SELECT count() FROM ai.training_signal FINAL), "
             "(SELECT count() FROM ai.llm_call_final), (SELECT uniqExact(question_id) FROM ai.chat_message)")
    assert store.query_rows(exact) == [(5, 5, 15, 5)]
    # Without FINAL, copies stay visible until a merge: documented in docs/clickhouse.md.
    (raw,) = store.query_rows("SELECT count() FROM ai.chat_message")
    assert raw[0] in (5, 10, 15)


def test_a_different_question_under_a_stored_id_never_replaces_the_stored_decision(store):
    """After a restart the critic no longer remembers an id; the store does (review 24 A3)."""
    store.insert_verdicts([verdict("q1")])
    other = dataclasses.replace(verdict("q1"), question_text="How much is the deposit?", response="It is $100.")
    with pytest.raises(QuestionIdReused) as err:
        store.insert_verdicts([other, verdict("q2")])
    assert err.value.failed_ids == ["q1"]
    rows = store.query_rows("SELECT question_id, question_text FROM ai.chat_message_final ORDER BY question_id")
    assert rows == [("q1", "Do you serve wagyu beef?"), ("q2", "Do you serve wagyu beef?")]  # q2 of the batch is stored
    assert store.query_rows("SELECT count() FROM ai.training_signal FINAL WHERE prompt LIKE '%deposit%'") == [(0,)]
    assert store.insert_verdicts([verdict("q1")]) == 1  # a replay of the stored decision is no conflict


def test_cost_per_provider_day_and_unknown_prices(store):
    store.insert_candidates([
        candidate("q1", "teacher", attempts=[attempt("openai", cost=0.01, at=DAY1)]),
        candidate("q1", "student", attempts=[attempt("ollama", "mystery", cost=None, price_known=False, at=DAY1)]),
        candidate("q2", "teacher", attempts=[attempt("openai", cost=0.02, at=DAY2)]),
        candidate("q2", "student", attempts=[attempt("openai", status="skipped_budget", cost=None, tokens=(0, 0), at=DAY2),
                                             attempt("anthropic", "claude-sonnet-4-5", cost=0.03, at=DAY2)]),
    ])
    store.insert_candidates([candidate("q1", "teacher", attempts=[attempt("openai", cost=0.01, at=DAY1)])])  # replay
    rows = store.query_rows("SELECT day, provider, calls, skipped_calls, tokens, cost_usd, unknown_price_calls "
                            "FROM ai.cost_per_provider_day ORDER BY day, provider")
    assert rows == [
        (date(2026, 1, 1), "ollama", 1, 0, 150, None, 1),
        (date(2026, 1, 1), "openai", 1, 0, 150, pytest.approx(0.01), 0),
        (date(2026, 1, 2), "anthropic", 1, 0, 150, pytest.approx(0.03), 0),
        (date(2026, 1, 2), "openai", 1, 1, 150, pytest.approx(0.02), 0),
    ]
    (null_call,) = store.query_rows("SELECT cost_usd, price_known FROM ai.llm_call_final WHERE provider = 'ollama'")
    assert null_call == (None, False)


def test_cost_per_chat_counts_candidates_and_judge_once(store):
    for _ in range(2):
        store.insert_candidates([candidate("q1", conversation_id="chat-a", attempts=[attempt(cost=0.5)]),
                                 candidate("q2", conversation_id="chat-b", attempts=[attempt(cost=1.0)])])
        store.insert_verdicts([verdict("q1", conversation_id="chat-a", judge_calls=[attempt("xai", "grok-2", cost=0.25)])])
    rows = store.query_rows("SELECT conversation_id, calls, cost_usd, unknown_price_calls FROM ai.cost_per_chat "
                            "ORDER BY conversation_id")
    assert rows == [("chat-a", 2, 0.75, 0), ("chat-b", 1, 1.0, 0)]


def test_schema_creation_is_harmless_when_repeated(tmp_path):
    with ClickHouseStore(embedded_dsn(tmp_path)) as first:
        first.create_schema()
        first.insert_verdicts([verdict("q1")])
    with ClickHouseStore(embedded_dsn(tmp_path)) as again:  # open() creates the schema again
        again.create_schema()
        assert again.query_rows("SELECT question_id FROM ai.chat_message_final") == [("q1",)]
        names = {r[0] for r in again.query_rows("SHOW TABLES FROM ai")}
    assert names == set(TABLES) | set(VIEWS)


def test_a_table_of_an_older_release_gets_the_new_columns(tmp_path):
    old_ddl = "\n".join(line for line in CHAT_MESSAGE.splitlines() if "published_at" not in line)
    with ClickHouseStore(embedded_dsn(tmp_path)).open(create_schema=False) as old:
        old.query("CREATE DATABASE ai")
        old.query(old_ddl.format(db="ai"))
        old.create_schema()  # what a newer release runs on start
        assert "published_at" in {r[0] for r in old.query_rows("DESCRIBE ai.chat_message_final")}
        old.insert_verdicts([verdict("q1")], published_at={"q1": DAY1 + 1500})
        assert old.query_rows("SELECT toUnixTimestamp64Milli(published_at) - toUnixTimestamp64Milli(decided_at) "
                              "FROM ai.chat_message_final") == [(600,)]


@pytest.mark.parametrize("table, columns", [
    ("chat_message", R.CHAT_MESSAGE_COLUMNS), ("llm_call", R.LLM_CALL_COLUMNS),
    ("training_signal", R.TRAINING_SIGNAL_COLUMNS),
])
def test_row_columns_match_the_tables(store, table, columns):
    described = [r[0] for r in store.query_rows(f"DESCRIBE ai.{table}")]
    assert sorted(described) == sorted([*columns, "inserted_at"])


@pytest.mark.parametrize("fmt, expected", [
    ("PrettyCompact", "│ q1          │"), ("TSV", "q1\t0.8\n"), ("TabSeparatedWithNames", "question_id\tconsensus_score\nq1\t0.8\n"),
    ("JSONEachRow", '{"question_id":"q1","consensus_score":0.8}\n'),
])
def test_query_formats_text_for_people(store, fmt, expected):
    store.insert_verdicts([verdict("q1")])
    assert expected in store.query("SELECT question_id, consensus_score FROM ai.chat_message_final", fmt)


def test_trailing_format_clause_wins(store):
    out = store.query("SELECT 1 AS one FORMAT JSONEachRow")
    assert json.loads(out) == {"one": 1}


@pytest.mark.parametrize("sql", ["DROP TABLE ai.chat_message", "SELECT * FROM file('/etc/passwd', 'LineAsString')",
                                 "SELECT 1; DROP TABLE ai.chat_message"])
def test_read_only_queries_cannot_write_or_read_files(store, sql):
    with pytest.raises(QueryFailed):
        store.query(sql, read_only=True)
    assert store.query_rows("EXISTS TABLE ai.chat_message") == [(1,)]


def test_sql_errors_carry_clickhouse_message(store):
    with pytest.raises(QueryFailed, match="UNKNOWN_TABLE|Unknown table"):
        store.query("SELECT * FROM ai.nope", read_only=True)
    with pytest.raises(NotReadOnly):
        store.query("TRUNCATE TABLE ai.chat_message", read_only=True)


def test_second_process_cannot_open_the_directory(store):
    code = ("import sys; from sinks.clickhouse.store import ClickHouseStore\n"
            "from sinks.clickhouse.errors import StoreUnavailable\n"
            f"try: ClickHouseStore({store.dsn!r}).open(wait_s=0.5)\n"
            "except StoreUnavailable as e: print('unavailable:', e); sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "ensemble sql" in done.stdout


def test_a_record_that_cannot_be_stored_does_not_block_the_batch(store):
    good = [candidate(f"q{i}") for i in range(7)]
    bad = candidate("q-bad", attempts=[attempt(tokens=(-5, 1))])  # negative tokens do not fit UInt32
    with pytest.raises(InsertFailed) as failed:
        store.insert_candidates([*good[:3], bad, *good[3:]])
    assert failed.value.failed_ids == ["q-bad:teacher"]
    assert store.query_rows("SELECT count() FROM ai.llm_call_final") == [(7,)]


def test_transient_errors_are_retried_with_backoff(store, monkeypatch):
    real_insert, calls = store._client.insert, []

    def flaky_insert(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("connection reset")
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(store._client, "insert", flaky_insert)
    store.backoff_s = 0.001
    store.insert_candidates([candidate("q1")])
    assert len(calls) == 3
    assert store.query_rows("SELECT count() FROM ai.llm_call_final") == [(1,)]


def test_a_store_that_stays_down_fails_the_whole_batch_after_bounded_retries(store, monkeypatch):
    calls = []

    def down(*args, **kwargs):
        calls.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(store._client, "insert", down)
    store.backoff_s = 0.001
    with pytest.raises(InsertFailed) as failed:
        store.insert_verdicts([verdict("q1"), verdict("q2")])
    assert failed.value.failed_ids == [] and len(calls) == store.insert_attempts


def test_from_settings_picks_embedded_or_server(tmp_path):
    from ensemble.settings import ClickHouseSettings, Settings

    embedded = ClickHouseStore.from_settings(Settings(data_dir=tmp_path))
    assert embedded.embedded and embedded.dsn == f"chdb://{(tmp_path / 'clickhouse').resolve()}"
    server = ClickHouseStore.from_settings(
        Settings(data_dir=tmp_path, clickhouse=ClickHouseSettings(url="http://u:p@db:8123", database="ai2")))
    assert not server.embedded and server.dsn == "http://u:p@db:8123" and server.database == "ai2"


def test_pretty_text_is_never_coloured(store):
    # chdb colours Pretty output when its process has a terminal (a worker run from a shell).
    for read_only in (False, True):
        assert store.query("SELECT getSetting('output_format_pretty_color')", "TSV", read_only=read_only) == "0\n"


def test_open_waits_for_a_directory_another_process_releases(tmp_path):
    dsn = embedded_dsn(tmp_path)
    code = ("import time; from sinks.clickhouse.store import ClickHouseStore\n"
            f"s = ClickHouseStore({dsn!r}).open(); print('held', flush=True); time.sleep(1.5); s.close()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with ClickHouseStore(dsn).open(wait_s=30) as store:
            assert store.query_rows("SELECT count() FROM ai.chat_message") == [(0,)]
    finally:
        holder.wait(timeout=60)
