"""Avro on the wire, with fastavro.

Two framings, chosen by the ``kafka.schema_registry_url`` setting:

* **single-object encoding** (no registry; the Avro spec's own framing):
  ``C3 01`` + 8-byte little-endian CRC-64-AVRO fingerprint of the schema's parsing
  canonical form + Avro binary body;
* **Confluent framing** (registry set): ``00`` + 4-byte big-endian schema id + body; the
  schema is registered under ``<topic>-value`` at start and ids are cached both ways.

The questions topic also accepts a JSON object matching the Question schema, because simple
frontends produce JSON. Every failure raises :class:`~ensemble.errors.BadRecord` with a kind
(``undecodable``, ``wrong_schema``, ...) so the caller can dead-letter it.
"""

from __future__ import annotations

import copy
import io
import json
import logging
import struct
from functools import lru_cache
from typing import Any, Optional

import fastavro
from fastavro.schema import fingerprint, load_schema, to_parsing_canonical_form

from ensemble.errors import BadRecord
from schemas import SCHEMA_DIR

log = logging.getLogger(__name__)

SCHEMA_FILES = {
    "Question": "question.avsc",
    "Candidate": "candidate.avsc",
    "Verdict": "verdict.avsc",
    "DeadLetter": "dead_letter.avsc",
}
#: Earlier versions still readable in the single-object framing (a Confluent registry keeps
#: its own history): records written before an upgrade decode into the current record, with
#: the new fields' defaults. Each file is the old schema with named types inlined.
PREVIOUS_SCHEMA_FILES = {
    "Candidate": ("previous/candidate.1.avsc",),
}
SINGLE_OBJECT_MAGIC = b"\xc3\x01"
CONFLUENT_MAGIC = b"\x00"


def _strip_logical_types(schema: Any) -> Any:
    """Timestamps stay epoch-ms integers in memory (fastavro would build datetimes, ~5x slower)."""
    if isinstance(schema, dict):
        return {k: _strip_logical_types(v) for k, v in schema.items() if k != "logicalType"}
    if isinstance(schema, list):
        return [_strip_logical_types(s) for s in schema]
    return schema


@lru_cache(maxsize=None)
def schema_json(name: str) -> dict:
    """The full schema (named types inlined) as loaded from the ``.avsc`` source of truth."""
    return load_schema(str(SCHEMA_DIR / SCHEMA_FILES[name]), _write_hint=False)


@lru_cache(maxsize=None)
def parsed_schema(name: str) -> dict:
    return fastavro.parse_schema(_strip_logical_types(copy.deepcopy(schema_json(name))))


def fingerprint_of(schema: dict) -> bytes:
    """CRC-64-AVRO fingerprint of a schema's parsing canonical form, little-endian (Avro spec)."""
    return int(fingerprint(to_parsing_canonical_form(schema), "CRC-64-AVRO"), 16).to_bytes(8, "little")


@lru_cache(maxsize=None)
def schema_fingerprint(name: str) -> bytes:
    return fingerprint_of(schema_json(name))


def _fingerprint_names() -> dict[bytes, str]:
    return {schema_fingerprint(n): n for n in SCHEMA_FILES}


@lru_cache(maxsize=None)
def previous_schemas(name: str) -> dict[bytes, dict]:
    """Fingerprint → parsed writer schema, for each earlier version of ``name``."""
    out = {}
    for path in PREVIOUS_SCHEMA_FILES.get(name, ()):
        raw = json.loads((SCHEMA_DIR / path).read_text())
        out[fingerprint_of(raw)] = fastavro.parse_schema(_strip_logical_types(raw))
    return out


class SchemaRegistry:
    """A minimal Confluent Schema Registry client: register, look up by id, cache both ways."""

    def __init__(self, url: str, timeout_s: float = 5.0) -> None:
        import httpx

        self._http = httpx.Client(base_url=url.rstrip("/"), timeout=timeout_s)
        self._ids: dict[tuple[str, str], int] = {}
        self._schemas: dict[int, dict] = {}

    def register(self, subject: str, name: str) -> int:
        key = (subject, name)
        if key not in self._ids:
            body = {"schema": json.dumps(schema_json(name))}
            resp = self._http.post(
                f"/subjects/{subject}/versions",
                json=body,
                headers={"Content-Type": "application/vnd.schemaregistry.v1+json"},
            )
            resp.raise_for_status()
            schema_id = int(resp.json()["id"])
            self._ids[key] = schema_id
            self._schemas[schema_id] = schema_json(name)
        return self._ids[key]

    def schema_by_id(self, schema_id: int) -> dict:
        if schema_id not in self._schemas:
            resp = self._http.get(f"/schemas/ids/{schema_id}")
            resp.raise_for_status()
            self._schemas[schema_id] = json.loads(resp.json()["schema"])
        return self._schemas[schema_id]

    def close(self) -> None:
        self._http.close()


class AvroCodec:
    """Encodes and decodes one record type. Thread-safe for reads; cheap to keep per topic."""

    def __init__(self, name: str, *, registry: Optional[SchemaRegistry] = None, subject: Optional[str] = None) -> None:
        self.name = name
        self.schema = parsed_schema(name)
        self._fingerprint = schema_fingerprint(name)
        self._registry = registry
        self._subject = subject
        self._schema_id: Optional[int] = None
        self._writer_schemas: dict[int, dict] = {}

    # -- encoding -------------------------------------------------------------------------
    def encode(self, record: dict[str, Any]) -> bytes:
        buf = io.BytesIO()
        buf.write(self._header())
        fastavro.schemaless_writer(buf, self.schema, record)
        return buf.getvalue()

    def _header(self) -> bytes:
        if self._registry is None:
            return SINGLE_OBJECT_MAGIC + self._fingerprint
        if self._schema_id is None:
            self._schema_id = self._registry.register(self._subject or self.name, self.name)
        return CONFLUENT_MAGIC + struct.pack(">I", self._schema_id)

    # -- decoding -------------------------------------------------------------------------
    def decode(self, data: Optional[bytes]) -> dict[str, Any]:
        """Decode either framing; raises BadRecord(undecodable|wrong_schema)."""
        if not data:
            raise BadRecord("undecodable", "empty message value")
        if data[:2] == SINGLE_OBJECT_MAGIC:
            return self._decode_single_object(data)
        if data[:1] == CONFLUENT_MAGIC and len(data) >= 5:
            return self._decode_confluent(data)
        raise BadRecord("undecodable", f"neither Avro (single-object or Confluent framing) nor a JSON object: first byte 0x{data[0]:02x}")

    def _decode_single_object(self, data: bytes) -> dict[str, Any]:
        fp = data[2:10]
        if fp != self._fingerprint:
            older = previous_schemas(self.name).get(fp)
            if older is not None:
                return self._read(data[10:], older, reader=self.schema)
            other = _fingerprint_names().get(fp)
            what = f"a {other} record" if other else f"unknown schema fingerprint {fp.hex()}"
            raise BadRecord("wrong_schema", f"expected {self.name}, got {what}")
        return self._read(data[10:], self.schema)

    def _decode_confluent(self, data: bytes) -> dict[str, Any]:
        (schema_id,) = struct.unpack(">I", data[1:5])
        writer = self._writer_schema(schema_id)
        if writer.get("name") not in (self.name, f"ai.ensemble.{self.name}"):
            raise BadRecord("wrong_schema", f"expected {self.name}, got schema id {schema_id} ({writer.get('name')})")
        return self._read(data[5:], writer, reader=self.schema)

    def _writer_schema(self, schema_id: int) -> dict:
        if schema_id not in self._writer_schemas:
            if self._registry is None:
                raise BadRecord("undecodable", f"Confluent-framed record (schema id {schema_id}) but no schema registry is configured")
            try:
                raw = self._registry.schema_by_id(schema_id)
            except Exception as exc:  # registry down or id unknown: the record cannot be read
                raise BadRecord("undecodable", f"schema id {schema_id} not resolvable: {exc}") from exc
            self._writer_schemas[schema_id] = fastavro.parse_schema(_strip_logical_types(raw))
        return self._writer_schemas[schema_id]

    @staticmethod
    def _read(body: bytes, writer: dict, reader: Optional[dict] = None) -> dict[str, Any]:
        buf = io.BytesIO(body)
        try:
            value = fastavro.schemaless_reader(buf, writer, reader)
        except Exception as exc:
            raise BadRecord("undecodable", f"Avro body does not match the schema: {type(exc).__name__}: {exc}") from exc
        if buf.tell() != len(body):
            raise BadRecord("undecodable", f"{len(body) - buf.tell()} trailing bytes after the Avro record")
        return value


_WARNED_FIELDS: set[str] = set()


def _warn_unknown(fields: list[str]) -> None:
    """Log each unknown top-level JSON field once per process (a frontend sends it on every question)."""
    new = [f for f in fields if f not in _WARNED_FIELDS]
    if new and len(_WARNED_FIELDS) < 1000:
        _WARNED_FIELDS.update(new)
        log.warning("JSON questions carry fields not in the Question schema; kept in metadata: %s", ", ".join(new))


def decode_json_question(data: bytes) -> dict[str, Any]:
    """A JSON question as simple frontends send it, normalised to the Avro dict shape.

    Required: ``question_id`` (a string; an integer id is taken as its decimal text) and ``text``.
    ``conversation_id`` defaults to the question id,
    ``created_at`` to now (epoch ms; ISO-8601 strings are accepted), maps to ``{}``. A ``context``
    object with nested objects, lists or numbers is flattened to strings
    (``schemas.context.flatten_context``), as frontends often send their facts that way; a
    ``metadata`` value that is not a string is kept as its JSON text. Top-level fields the
    schema does not have (``user_id``, ``channel``) are moved into ``metadata``, logged once.
    """
    from datetime import datetime

    from schemas.context import flatten_context
    from schemas.records import now_ms

    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRecord("undecodable", f"invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise BadRecord("wrong_schema", f"expected a JSON object, got {type(obj).__name__}")
    known = {f["name"] for f in schema_json("Question")["fields"]}
    unknown = sorted(set(obj) - known)
    if unknown:  # frontends add their own fields (user_id, channel): kept in metadata, never a reason to drop the question
        meta = obj.get("metadata") or {}
        if isinstance(meta, dict):
            extra = {k: obj[k] for k in unknown}
            obj = {k: v for k, v in obj.items() if k in known}
            obj["metadata"] = {**extra, **meta}  # a metadata key of the same name wins
            _warn_unknown(unknown)
    qid = obj.get("question_id")
    if isinstance(qid, int) and not isinstance(qid, bool):
        qid = str(qid)  # frontends with numeric ids: the same id, as the schema's string
    elif qid is not None and not isinstance(qid, str):
        raise BadRecord("wrong_schema", f"question_id must be a string (or an integer), got {type(qid).__name__}")
    if not isinstance(qid, str) or not qid.strip():
        raise BadRecord("missing_field", "question_id is missing or empty")
    created = obj.get("created_at")
    if created is None:
        created = now_ms()
    elif isinstance(created, str):
        try:
            created = int(datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError as exc:
            raise BadRecord("invalid", f"created_at is not ISO-8601 or epoch ms: {created!r}") from exc
    out = {
        "question_id": qid,
        "conversation_id": obj.get("conversation_id") or qid,
        "agent_name": obj.get("agent_name"),
        "text": obj.get("text"),
        "context": flatten_context(ctx) if isinstance(ctx := obj.get("context") or {}, dict) else ctx,
        "locale": obj.get("locale") or "en",
        "created_at": created,
        "metadata": {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in meta.items()}
        if isinstance(meta := obj.get("metadata") or {}, dict) else meta,
    }
    try:
        fastavro.validate(out, parsed_schema("Question"), raise_errors=True)
    except Exception as exc:
        kind = "missing_field" if out["text"] is None else "wrong_schema"
        raise BadRecord(kind, f"JSON does not match the Question schema: {exc}") from exc
    return out
