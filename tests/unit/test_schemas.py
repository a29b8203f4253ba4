"""Records mirror the .avsc files, and the wire formats round-trip."""

import dataclasses
import json
import struct

import fastavro
import pytest

from ensemble.errors import BadRecord
from schemas.codec import AvroCodec, decode_json_question, schema_json
from schemas.records import (
    Alternative, Attempt, Candidate, CriticEvaluation, DeadLetter, Hallucination, Question, Verdict,
    validate_question,
)

ATTEMPT = Attempt("openai", "gpt-4o", "ok", 1700000000000, None, 12, 30, 0.00033, True, 120.5, 1, True)
QUESTION = Question("q1", "c1", "Do you serve wagyu?", 1700000000000, "menu_agent", {"menu": "chicken, steak"}, "en", {"ch": "web"})
CANDIDATE = Candidate("q1:teacher", "q1", "c1", "menu_agent", "teacher", "openai", "gpt-4o", "No wagyu.", "ok", 120.5, True,
                      1700000000000, 1700000000100, None, 12, 30, 0.00033, "xai", [ATTEMPT], "3f2a9c01d4e5b6a7")
VERDICT = Verdict(
    "q1", "q1", "c1", "menu_agent", "Do you serve wagyu?", "No wagyu.", 0.42, "low", True, "critic",
    CriticEvaluation("facts-v1", 0.1, 3, 2, True, "teacher invented wagyu", [ATTEMPT], '{"a": 1}'),
    2, 2, 100.0, True, 1700000000100, "q1:student", "student", "anthropic", "claude", None, ["low_consensus"],
    [Hallucination("q1:teacher", "teacher", "wagyu $80/person", "not on the menu")],
    [Alternative("q1:teacher", "teacher", "openai", "gpt-4o", "Yes wagyu", "ok")], None,
)
LETTER = DeadLetter("questions", 1, 42, "undecodable", "not Avro", "critic", 1700000000000, b"k", b"\xff", False, 1)
CASES = [("Question", QUESTION), ("Candidate", CANDIDATE), ("Verdict", VERDICT), ("DeadLetter", LETTER)]


def _names(schema):
    return {f["name"] for f in schema["fields"]}


@pytest.mark.parametrize("name,record", CASES)
def test_record_fields_match_avsc(name, record):
    assert {f.name for f in dataclasses.fields(record)} == _names(schema_json(name))


@pytest.mark.parametrize("name,record", CASES)
def test_every_avsc_field_is_documented(name, record):
    undocumented = [f["name"] for f in schema_json(name)["fields"] if not f.get("doc")]
    assert not undocumented


@pytest.mark.parametrize("name,record", CASES)
def test_round_trip(name, record):
    codec = AvroCodec(name)
    data = codec.encode(record.to_avro())
    assert data[:2] == b"\xc3\x01"
    assert type(record).from_avro(codec.decode(data)) == record


def test_a_candidate_written_before_an_upgrade_still_decodes():
    """A rolling upgrade leaves candidates of the previous schema on the topic: the new codec
    reads them (single-object framing, old fingerprint), the new field at its default."""
    import io

    from schemas import SCHEMA_DIR
    from schemas.codec import fingerprint_of

    old = json.loads((SCHEMA_DIR / "previous" / "candidate.1.avsc").read_text())
    fp = fingerprint_of(old)
    record = {k: v for k, v in CANDIDATE.to_avro().items() if k != "question_digest"}
    buf = io.BytesIO()
    buf.write(b"\xc3\x01" + fp)
    fastavro.schemaless_writer(buf, fastavro.parse_schema(old), record)
    got = Candidate.from_avro(AvroCodec("Candidate").decode(buf.getvalue()))
    assert got == CANDIDATE.replace(question_digest=None)


def test_wrong_schema_is_named():
    data = AvroCodec("Candidate").encode(CANDIDATE.to_avro())
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question").decode(data)
    assert err.value.kind == "wrong_schema" and "Candidate" in err.value.message


@pytest.mark.parametrize("raw", [b"\xff\xfe garbage", b"", b"\xc3\x01" + b"\x00" * 3])
def test_undecodable(raw):
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question").decode(raw)
    assert err.value.kind in {"undecodable", "wrong_schema"}


def test_truncated_body_is_undecodable():
    data = AvroCodec("Question").encode(QUESTION.to_avro())
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question").decode(data[:-5])
    assert err.value.kind == "undecodable"


def test_confluent_framing_needs_a_registry():
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question").decode(b"\x00" + struct.pack(">I", 7) + b"\x02")
    assert "registry" in err.value.message


def test_json_question_defaults():
    q = decode_json_question(json.dumps({"question_id": "j1", "text": "hi", "context": {"menu": "x"}}).encode())
    assert q["conversation_id"] == "j1" and q["context"] == {"menu": "x"} and q["created_at"] > 0
    fastavro.validate(q, AvroCodec("Question").schema, raise_errors=True)


def test_json_question_nested_context_is_flattened_not_dead_lettered():
    ctx = {"business": {"name": "Ember Hibachi", "city": "Tulsa"}, "pricing": {"adultPrice": 62, "kids": "$31"},
           "menu": ["chicken", "steak"], "travel_free_miles": 25, "gratuity_included": False, "note": None,
           "travel": [{"band": "0-20 mi", "fee": "free"}, {"band": "over 20 up to 40 mi", "fee": "$50"}]}
    q = decode_json_question(json.dumps({"question_id": "n1", "text": "price?", "context": ctx}).encode())
    assert q["context"] == {"business": "Ember Hibachi (Tulsa)", "pricing.adultPrice": "adult price: $62",
                            "pricing.kids": "kids: $31", "menu": "chicken; steak", "travel_free_miles": "25",
                            "gratuity_included": "no",  # a record of a list stays one clause: its band with its fee
                            "travel": "band: 0-20 mi, fee: free; band: over 20 up to 40 mi, fee: $50"}
    assert q["metadata"] == {}
    q = decode_json_question(json.dumps({"question_id": "n2", "text": "hi", "metadata": {"page": 3, "ab": {"v": 2}}}).encode())
    assert q["metadata"] == {"page": "3", "ab": '{"v": 2}'}
    fastavro.validate(q, AvroCodec("Question").schema, raise_errors=True)


@pytest.mark.parametrize("obj,kind", [
    ({"text": "hi"}, "missing_field"),
    ({"question_id": "x", "text": "hi", "context": ["menu: chicken"]}, "wrong_schema"),
    ({"question_id": "x", "text": "hi", "metadata": ["page 3"]}, "wrong_schema"),
    ({"question_id": 1.5, "text": "hi"}, "wrong_schema"),
    ({"question_id": True, "text": "hi"}, "wrong_schema"),
])
def test_json_question_errors(obj, kind):
    with pytest.raises(BadRecord) as err:
        decode_json_question(json.dumps(obj).encode())
    assert err.value.kind == kind


def test_fields_outside_the_schema_are_kept_in_metadata():
    """A frontend adding user_id or channel to every message still gets answers (review 24 A4)."""
    q = decode_json_question(json.dumps({"question_id": "x", "text": "hi", "user_id": "u-77", "channel": "web",
                                         "cart": {"items": 2}, "metadata": {"channel": "app"}}).encode())
    assert q["metadata"] == {"user_id": "u-77", "cart": '{"items": 2}', "channel": "app"}  # metadata's own key wins
    assert validate_question(q, max_chars=8000).metadata["user_id"] == "u-77"


def test_a_numeric_question_id_is_the_same_id_as_text():
    q = decode_json_question(json.dumps({"question_id": 12345, "text": "Do you cater weddings?"}).encode())
    assert q["question_id"] == "12345" and q["conversation_id"] == "12345"


@pytest.mark.parametrize("text,kind", [("", "empty_text"), ("   ", "empty_text"), ("x" * 9000, "too_large")])
def test_question_validation(text, kind):
    with pytest.raises(BadRecord) as err:
        validate_question({**QUESTION.to_avro(), "text": text}, max_chars=8000)
    assert err.value.kind == kind


@pytest.mark.parametrize("created_at", [1795563000, 1, 0])
def test_created_at_in_seconds_or_before_2000_is_invalid(created_at):
    """Unix seconds read as milliseconds land in 1970 and break every latency figure (review 23 M8)."""
    with pytest.raises(BadRecord) as err:
        validate_question({**QUESTION.to_avro(), "created_at": created_at}, max_chars=8000)
    assert err.value.kind == "invalid" and "milliseconds" in err.value.message


def test_created_at_far_in_the_future_is_invalid():
    """A year ahead put rows into next year's partition with latency 0 (review 24 A5); a little skew is fine."""
    now = 1795563000000
    with pytest.raises(BadRecord) as err:
        validate_question({**QUESTION.to_avro(), "created_at": now + 365 * 86_400_000}, max_chars=8000,
                          max_future_ms=300_000, now=now)
    assert err.value.kind == "invalid" and "future" in err.value.message
    ok = validate_question({**QUESTION.to_avro(), "created_at": now + 60_000}, max_chars=8000, max_future_ms=300_000, now=now)
    assert ok.created_at == now + 60_000


def test_a_context_over_the_limit_is_too_large():
    """A 120 KB notes fact held the critic for minutes before e0d54c8; the cap keeps any context bounded."""
    big = {**QUESTION.to_avro(), "context": {"menu": "chicken", "notes": "x " * 40_000}}
    with pytest.raises(BadRecord) as err:
        validate_question(big, max_chars=8000, max_context_chars=65536)
    assert err.value.kind == "too_large" and "context" in err.value.message
    assert validate_question(big, max_chars=8000, max_context_chars=100_000).context["menu"] == "chicken"


def test_created_at_in_milliseconds_is_accepted():
    assert validate_question({**QUESTION.to_avro(), "created_at": 1795563000000}, max_chars=8000).created_at == 1795563000000


def test_unknown_agent_is_invalid():
    with pytest.raises(BadRecord) as err:
        validate_question({**QUESTION.to_avro(), "agent_name": "wizard"}, max_chars=8000)
    assert err.value.kind == "invalid"


def test_a_fact_sent_as_json_text_is_read_as_its_object():
    from schemas.context import flatten_context
    assert flatten_context({"upgrades": '{"filet": "7", "lobster_tail": 16}', "note": "{not json"}) == \
        {"upgrades.filet": "filet: $7", "upgrades.lobster_tail": "lobster tail: $16", "note": "{not json"}


def test_a_yaml_like_profile_in_one_value_is_read_as_nested_facts():
    from schemas.context import flatten_context
    profile = ("pricing:\n  currency: USD\n  adult: 62.50   # ages 13+\n  under_4: 0\nmenu:\n  proteins_per_guest: 2\n"
               "  upgrades_per_guest:\n    filet_mignon: 12\ngratuity:\n  suggested_percent: 18\ntravel:\n  free_radius_miles: 20\n"
               "  fee_per_mile_beyond: 1.50\npayment: [Venmo, cash]\n")
    flat = flatten_context({"business": "Yaml Grill", "profile_yaml": profile})
    assert flat["profile_yaml.pricing.adult"] == "adult: $62.50 (ages 13+)"
    assert flat["profile_yaml.menu.proteins_per_guest"] == "proteins per guest: 2"  # a count, not money
    assert flat["profile_yaml.menu.upgrades_per_guest.filet_mignon"] == "filet mignon: $12 per person"  # the path names the unit
    assert flat["profile_yaml.gratuity.suggested_percent"] == "suggested percent: 18%"
    assert flat["profile_yaml.travel.free_radius_miles"] == "free radius miles: 20"
    assert flat["profile_yaml.travel.fee_per_mile_beyond"] == "fee per mile beyond: $1.50"
    assert flat["profile_yaml.payment"] == "payment: Venmo; cash"


def test_prose_with_colons_is_not_read_as_yaml():
    from schemas.context import flatten_context
    text = "Q: Do you travel?\nA: Yes, within 30 miles.\nQ: Deposit?\nA: $100."
    assert flatten_context({"faq": text}) == {"faq": text}


def test_plural_kids_under_a_price_key_is_a_price_and_under_a_party_key_a_count():
    from schemas.context import flatten_context
    flat = flatten_context({"pricing": {"adult": 60, "kids": 30, "children": 25}, "party": {"kids": 4}, "minimum": {"adults": 10}})
    assert flat["pricing.kids"] == "kids: $30" and flat["pricing.children"] == "children: $25"
    assert flat["party.kids"] == "kids: 4" and flat["minimum.adults"] == "adults: 10"


@pytest.mark.parametrize("argv, reason", [
    (["ask", "Do you do wagyu?", "--agent", "pizza_agent"], "unknown agent_name"),
    (["ask", "   "], "empty text"),
])
def test_ensemble_ask_refuses_a_question_the_worker_would_dead_letter_without_waiting(argv, reason, capsys, monkeypatch):
    """No broker is running here: a rejected question must fail at once with the reason, not after a
    60 s wait for a verdict that never comes."""
    import time

    from ensemble.cli import main
    monkeypatch.setenv("ENSEMBLE_KAFKA__LOCAL_PORT", "1")  # nothing listens there: sending would fail differently
    start = time.monotonic()
    assert main(argv) == 2
    assert reason in capsys.readouterr().err and time.monotonic() - start < 10
