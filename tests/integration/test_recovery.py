"""1,000 questions give 1,000 distinct verdicts and exactly 1,000 chat_message rows, also when
the worker is SIGKILLed halfway and restarted. A verdict published twice is identical."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from kafka_client import avro_single_object, consume, produce, question, verdicts_by_id

pytestmark = pytest.mark.integration
N = 1000
CONTEXT = {"menu": "chicken, shrimp, steak, salmon", "prices": "$60 per adult, $30 per child",
           "minimum_charge": "$550 minimum per event"}


def test_sigkill_halfway_loses_nothing_and_duplicates_nothing(worker_factory, kafka_bootstrap):
    w = worker_factory().start()
    run = uuid.uuid4().hex[:6]
    ids = [f"r-{run}-{i:04d}" for i in range(N)]
    records = [(qid.encode(), avro_single_object("question.avsc", question(qid, f"What proteins do you offer? #{i}", context=CONTEXT)))
               for i, qid in enumerate(ids)]

    def produce_paced() -> None:  # spread over ~5 s so the kill lands mid-stream
        for start in range(0, N, 50):
            produce(kafka_bootstrap, w.topics["questions"], records[start:start + 50])
            time.sleep(0.25)

    producer = threading.Thread(target=produce_paced)
    producer.start()
    half = consume(kafka_bootstrap, w.topics["verdicts"], lambda ms: len(ms) >= N // 2, timeout_s=120)
    w.kill()
    killed_after = len(verdicts_by_id(half))
    w.start()
    producer.join()
    messages = consume(kafka_bootstrap, w.topics["verdicts"],
                       lambda ms: len({m.key() for m in ms}) >= N, timeout_s=240)
    by_id = verdicts_by_id(messages)
    assert N // 2 <= killed_after < N, "the kill did not land halfway"
    assert set(by_id) == set(ids), f"missing {len(set(ids) - set(by_id))} verdicts\n{w.log_text()[-3000:]}"
    for qid, copies in by_id.items():
        for c in copies[1:]:
            diff = {k: (copies[0][k], c[k]) for k in c if c[k] != copies[0][k]}
            assert not diff, f"replayed verdict for {qid} differs: {diff}"
    ids_sql = f"question_id LIKE 'r-{run}-%'"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        exact = int(w.sql(f"SELECT count() FROM ai.chat_message FINAL WHERE {ids_sql}").strip())
        if exact >= N:
            break
        time.sleep(0.5)
    assert exact == N
    assert int(w.sql(f"SELECT uniqExact(question_id) FROM ai.chat_message WHERE {ids_sql}").strip()) == N
    assert int(w.sql(f"SELECT count() FROM ai.chat_message_final WHERE {ids_sql}").strip()) == N
