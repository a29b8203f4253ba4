"""Confluent framing against a loopback server speaking the Schema Registry REST protocol."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ensemble.errors import BadRecord
from schemas.codec import AvroCodec, SchemaRegistry
from schemas.records import Question


class Registry(BaseHTTPRequestHandler):
    schemas: dict = {}
    lookups: list = []

    def do_POST(self):  # POST /subjects/<subject>/versions
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        schema_id = next((i for i, s in self.schemas.items() if s == body["schema"]), len(self.schemas) + 1)
        self.schemas[schema_id] = body["schema"]
        self._reply({"id": schema_id})

    def do_GET(self):  # GET /schemas/ids/<id>
        schema_id = int(self.path.rsplit("/", 1)[1])
        self.lookups.append(schema_id)
        if schema_id not in self.schemas:
            self.send_response(404)
            self.end_headers()
            return
        self._reply({"schema": self.schemas[schema_id]})

    def _reply(self, obj):
        data = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.schemaregistry.v1+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def registry_url():
    Registry.schemas, Registry.lookups = {}, []
    server = HTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_confluent_framing_round_trip_with_cached_lookups(registry_url):
    q = Question("q1", "c1", "Do you serve wagyu?", 1700000000000, "menu_agent", {"menu": "chicken"})
    producer_side = AvroCodec("Question", registry=SchemaRegistry(registry_url), subject="questions-value")
    data = producer_side.encode(q.to_avro())
    assert data[0] == 0 and int.from_bytes(data[1:5], "big") == 1  # magic byte + schema id
    consumer_side = AvroCodec("Question", registry=SchemaRegistry(registry_url))
    assert Question.from_avro(consumer_side.decode(data)) == q
    assert Question.from_avro(consumer_side.decode(data)) == q
    assert Registry.lookups == [1], "the schema is fetched once, then cached"


def test_record_of_another_schema_is_wrong_schema(registry_url):
    verdict_codec = AvroCodec("DeadLetter", registry=SchemaRegistry(registry_url), subject="dead-letters-value")
    data = verdict_codec.encode({"source_topic": "t", "partition": 0, "offset": 1, "key": None, "value": None,
                                 "value_truncated": False, "value_size": 0, "error_kind": "x", "error_message": "x",
                                 "stage": "x", "failed_at": 0})
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question", registry=SchemaRegistry(registry_url)).decode(data)
    assert err.value.kind == "wrong_schema"


def test_unknown_schema_id_is_undecodable(registry_url):
    with pytest.raises(BadRecord) as err:
        AvroCodec("Question", registry=SchemaRegistry(registry_url)).decode(b"\x00\x00\x00\x00\x63\x02")
    assert err.value.kind == "undecodable" and "99" in err.value.message
