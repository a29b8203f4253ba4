"""End to end through the real local broker and embedded ClickHouse: questions produced by
confluent-kafka (JSON and Avro) → teacher and student (simulated providers over HTTP) →
candidates → critic → verdicts, read back with confluent-kafka, rows read back with SQL."""

from __future__ import annotations

import time
import uuid

import pytest

from kafka_client import (
    avro_single_object, consume, json_bytes, produce, question, read_avro, verdicts_by_id,
)

pytestmark = pytest.mark.integration
MENU = {"menu": "chicken, shrimp, steak, salmon", "business": "My Hibachi, mobile hibachi catering"}


def wait_rows(worker, sql: str, expected: int, timeout_s: float = 30.0) -> int:
    import time

    deadline = time.monotonic() + timeout_s
    n = -1
    while time.monotonic() < deadline:
        n = int(worker.sql(sql).strip() or -1)
        if n >= expected:
            return n
        time.sleep(0.3)
    return n


def test_json_and_avro_questions_get_verdicts_and_rows(worker_factory, kafka_bootstrap):
    w = worker_factory().start()
    uid = uuid.uuid4().hex[:6]
    q_json = question(f"json-{uid}", "Do you serve wagyu beef?", context=MENU)
    q_avro = question(f"avro-{uid}", "What proteins can we choose?", context=MENU)
    produce(kafka_bootstrap, w.topics["questions"], [
        (q_json["question_id"].encode(), json_bytes({k: v for k, v in q_json.items() if k != "metadata"})),
        (q_avro["question_id"].encode(), avro_single_object("question.avsc", q_avro)),
    ])
    got = verdicts_by_id(consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= 2))
    assert set(got) == {q_json["question_id"], q_avro["question_id"]}, w.log_text()[-3000:]
    for qid, (v, *_) in got.items():
        assert v["response"].strip()
        assert 0.0 <= v["consensus_score"] <= 1.0
        assert v["simulated"] is True  # the simulator answered, and the verdict says so
        assert v["candidates_expected"] == 2 and v["decided_by"] in {"agreement", "critic", "single", "fallback", "none"}
        assert v["confidence"] in {"high", "medium", "low"}
    ids = ",".join(f"'{q}'" for q in got)
    assert wait_rows(w, f"SELECT count() FROM ai.chat_message FINAL WHERE question_id IN ({ids})", 2) == 2
    # published_at is the wall clock of the verdict's publication: never before the decision's event time
    assert wait_rows(w, f"SELECT countIf(published_at >= decided_at AND published_at <= now64(3)) "
                        f"FROM ai.chat_message FINAL WHERE question_id IN ({ids})", 2) == 2
    assert wait_rows(w, f"SELECT count() FROM ai.llm_call FINAL WHERE question_id IN ({ids})", 4) >= 4
    assert wait_rows(w, f"SELECT countIf(simulated) FROM ai.llm_call FINAL WHERE question_id IN ({ids})", 4) >= 4


def test_bad_input_is_dead_lettered_and_the_worker_keeps_going(worker_factory, kafka_bootstrap):
    w = worker_factory().start()
    uid = uuid.uuid4().hex[:6]
    good = question(f"good-{uid}", "Which proteins do you offer?", context=MENU)
    candidate_like = avro_single_object("dead_letter.avsc", {
        "source_topic": "x", "partition": 0, "offset": 1, "key": None, "value": None, "value_truncated": False,
        "value_size": 0, "error_kind": "x", "error_message": "x", "stage": "x", "failed_at": 0})
    bad = [
        (b"b1", b"\xff\xfe\x00 not a record"),
        (b"b2", candidate_like),
        (b"b3", json_bytes({"text": "no id here"})),
        (b"b4", avro_single_object("question.avsc", question(f"empty-{uid}", "   "))),
        (b"b5", avro_single_object("question.avsc", question(f"huge-{uid}", "x" * 1_000_000))),
        (b"b6", json_bytes(question(f"facts-{uid}", "Do you have shrimp?", context={"menu": "shrimp", "notes": "x " * 40_000}))),
        (b"b7", json_bytes(dict(question(f"future-{uid}", "Do you have shrimp?"), created_at=int(time.time() * 1000) + 86_400_000))),
    ]
    # a frontend's own fields (user_id, channel) are kept in metadata: the question is answered, not dead-lettered
    extra = dict(good, user_id="u-77", channel="web")
    produce(kafka_bootstrap, w.topics["questions"], bad + [(good["question_id"].encode(), json_bytes(extra))])
    letters = consume(kafka_bootstrap, w.topics["dead-letters"], lambda ms: len(ms) >= 7)
    kinds = {m.key(): read_avro("dead_letter.avsc", m.value()) for m in letters}
    assert {k: v["error_kind"] for k, v in kinds.items()} == {
        b"b1": "undecodable", b"b2": "wrong_schema", b"b3": "missing_field", b"b4": "empty_text", b"b5": "too_large",
        b"b6": "too_large", b"b7": "invalid",
    }
    assert "context" in kinds[b"b6"]["error_message"] and "future" in kinds[b"b7"]["error_message"]
    huge = kinds[b"b5"]
    assert huge["value_truncated"] and huge["value_size"] > 1_000_000 and huge["source_topic"] == w.topics["questions"]
    assert all(v["error_message"] for v in kinds.values())
    verdicts = verdicts_by_id(consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= 1))
    assert list(verdicts) == [good["question_id"]]
    assert w.proc.poll() is None, "the worker died"


def test_a_reused_question_id_is_dead_lettered_and_never_mixed_into_the_first_verdict(worker_factory, kafka_bootstrap):
    """A frontend sends a second, different question under an id already in use. Before, the
    second one was silently acked as a duplicate (no verdict, no dead letter) and its answers
    could be joined into the first one's verdict. A plain retry of the first is no conflict."""
    w = worker_factory().start()
    uid = uuid.uuid4().hex[:6]
    first = question(f"reuse-{uid}", "Do you serve wagyu beef?", context=MENU)
    other = question(f"reuse-{uid}", "How much is the deposit?", agent="pricing_agent", context={"deposit": "$100"})
    retry = dict(first, created_at=first["created_at"] + 1000)
    produce(kafka_bootstrap, w.topics["questions"], [(first["question_id"].encode(), json_bytes(q)) for q in (first, other, retry)])
    verdicts = consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= 2, timeout_s=15)
    assert len(verdicts) == 1, w.log_text()[-3000:]
    v = read_avro("verdict.avsc", verdicts[0].value())
    assert v["question_text"] == first["text"]
    letters = consume(kafka_bootstrap, w.topics["dead-letters"], lambda ms: len(ms) >= 2, timeout_s=8)
    assert len(letters) == 1  # the second question; not the retry
    letter = read_avro("dead_letter.avsc", letters[0].value())
    assert letter["error_kind"] == "reused_question_id" and first["question_id"] in letter["error_message"]
    assert b"deposit" in letter["value"]  # the second question itself is kept, not lost
    candidates = consume(kafka_bootstrap, w.topics["candidates"], lambda ms: len(ms) >= 3, timeout_s=8)
    answered = [read_avro("candidate.avsc", m.value()) for m in candidates]
    assert sorted(c["role"] for c in answered) == ["student", "teacher"], "answered again: costs calls for nothing"
    digests = {c["question_digest"] for c in answered}
    assert len(digests) == 1 and None not in digests
    assert w.proc.poll() is None


def test_each_question_gets_exactly_one_candidate_per_expected_role_on_its_own_partition(worker_factory, kafka_bootstrap):
    """One answerers agent serves both roles: a full question gets a teacher and a student
    candidate, a simple FAQ only the student's (cheap chain); both land on the partition the
    question was read from (confluent-kafka's default partitioner is not Kafka's murmur2)."""
    w = worker_factory().start()
    uid = uuid.uuid4().hex[:6]
    full = question(f"full-{uid}", "How much is it for 20 adults?", agent="pricing_agent", context={"prices": "$60 per adult"})
    faq = question(f"faq-{uid}", "Do you bring the grill?", agent="faq_agent", context=MENU)
    produce(kafka_bootstrap, w.topics["questions"], [(q["question_id"].encode(), avro_single_object("question.avsc", q))
                                                     for q in (full, faq)])
    got = verdicts_by_id(consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= 2))
    assert got[full["question_id"]][0]["candidates_expected"] == 2, w.log_text()[-3000:]
    assert got[faq["question_id"]][0]["candidates_expected"] == 1
    questions = {m.key().decode(): m.partition() for m in consume(kafka_bootstrap, w.topics["questions"], lambda ms: len(ms) >= 2)}
    candidates = consume(kafka_bootstrap, w.topics["candidates"], lambda ms: False, timeout_s=6)  # all of them
    seen = sorted((read_avro("candidate.avsc", m.value())["question_id"], read_avro("candidate.avsc", m.value())["role"],
                   m.partition()) for m in candidates)
    assert seen == sorted([(full["question_id"], "teacher", questions[full["question_id"]]),
                           (full["question_id"], "student", questions[full["question_id"]]),
                           (faq["question_id"], "student", questions[faq["question_id"]])])


def test_after_a_restart_a_reused_question_id_never_replaces_the_stored_decision(worker_factory, kafka_bootstrap):
    """The critic remembers ids only while it runs; ClickHouse keeps the first decision and the
    second question lands in dead-letters from the sink (review 24 A3)."""
    w = worker_factory().start()
    uid = uuid.uuid4().hex[:6]
    first = question(f"again-{uid}", "Do you serve wagyu beef?", context=MENU)
    produce(kafka_bootstrap, w.topics["questions"], [(first["question_id"].encode(), json_bytes(first))])
    consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= 1)
    where = f"question_id = '{first['question_id']}'"
    assert wait_rows(w, f"SELECT count() FROM ai.chat_message FINAL WHERE {where}", 1) == 1
    w.kill()
    w.start()
    other = question(first["question_id"], "How much is the deposit?", agent="pricing_agent", context={"deposit": "$100"})
    produce(kafka_bootstrap, w.topics["questions"], [(first["question_id"].encode(), json_bytes(other))])
    letters = consume(kafka_bootstrap, w.topics["dead-letters"], lambda ms: len(ms) >= 1, timeout_s=60)
    letter = read_avro("dead_letter.avsc", letters[0].value())
    assert (letter["error_kind"], letter["stage"]) == ("reused_question_id", "sink"), w.log_text()[-3000:]
    assert w.sql(f"SELECT question_text FROM ai.chat_message FINAL WHERE {where}").strip() == first["text"]
    assert w.proc.poll() is None
