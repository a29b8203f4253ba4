"""A client other than the app: confluent-kafka (librdkafka), producing JSON and Avro the way
any frontend would, with the Avro single-object framing computed here from the .avsc file."""

from __future__ import annotations

import io
import json
import time
import uuid
from pathlib import Path
from typing import Callable, Iterable, Optional

import fastavro
from confluent_kafka import Consumer, Producer
from fastavro.schema import fingerprint, load_schema, to_parsing_canonical_form

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def _schema(name: str) -> tuple[dict, bytes]:
    raw = load_schema(str(SCHEMAS / name), _write_hint=False)
    fp = int(fingerprint(to_parsing_canonical_form(raw), "CRC-64-AVRO"), 16).to_bytes(8, "little")
    return fastavro.parse_schema(raw), fp


def avro_single_object(name: str, record: dict) -> bytes:
    schema, fp = _schema(name)
    buf = io.BytesIO()
    buf.write(b"\xc3\x01" + fp)
    fastavro.schemaless_writer(buf, schema, record)
    return buf.getvalue()


def read_avro(name: str, data: bytes) -> dict:
    schema, fp = _schema(name)
    assert data[:2] == b"\xc3\x01" and data[2:10] == fp, "not a single-object encoded record of this schema"
    return fastavro.schemaless_reader(io.BytesIO(data[10:]), schema)


def question(qid: str, text: str, *, agent: Optional[str] = "menu_agent", context: Optional[dict] = None) -> dict:
    return {"question_id": qid, "conversation_id": f"conv-{qid}", "agent_name": agent, "text": text,
            "context": context or {}, "locale": "en", "created_at": int(time.time() * 1000), "metadata": {}}


def producer(bootstrap: str) -> Producer:
    return Producer({"bootstrap.servers": bootstrap, "enable.idempotence": False, "linger.ms": 5,
                     "message.max.bytes": 4_000_000, "api.version.request": True})


def produce(bootstrap: str, topic: str, records: Iterable[tuple[bytes, bytes]]) -> int:
    p = producer(bootstrap)
    n = 0
    for key, value in records:
        while True:
            try:
                p.produce(topic, key=key, value=value)
                break
            except BufferError:
                p.poll(0.05)
        n += 1
    assert p.flush(30) == 0, "undelivered messages"
    return n


def consume(bootstrap: str, topic: str, until: Callable[[list], bool], timeout_s: float = 60.0) -> list:
    """Messages of `topic` from the beginning until `until(messages)` holds or the timeout passes."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"reader-{uuid.uuid4().hex[:8]}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False, "fetch.wait.max.ms": 50,
                  # a group join takes half the session timeout on the local broker
                  "session.timeout.ms": 6000, "heartbeat.interval.ms": 1000})
    c.subscribe([topic])
    out: list = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and not until(out):
            msg = c.poll(0.2)
            if msg is None or msg.error():
                continue
            out.append(msg)
    finally:
        c.close()
    return out


def verdicts_by_id(messages: list) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for m in messages:
        v = read_avro("verdict.avsc", m.value())
        out.setdefault(v["question_id"], []).append(v)
    return out


def json_bytes(obj: dict) -> bytes:
    return json.dumps(obj).encode()
