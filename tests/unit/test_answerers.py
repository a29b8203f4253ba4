"""The one answerers agent: every role its route expects answers each question concurrently,
exactly one candidate per (question, role) also on timeout or error, and the question is acked
only once all of its candidates are acked by the broker, on the question's own partition."""

import asyncio
from types import SimpleNamespace

from agents_topics.answerers import Answerers, answer_question
from agents_topics.outbox import Outgoing, deliver
from agents_topics.routing import CHEAP, FULL
from ensemble.runner import with_updates
from ensemble.settings import Settings
from schemas.codec import AvroCodec
from schemas.records import Candidate, Question


def question(qid="q1", text="Do you serve wagyu?", agent="menu_agent") -> Question:
    return Question(qid, "c", text, 1000, agent)


def candidate(q: Question, role: str, text: str = "answer") -> Candidate:
    return Candidate(Candidate.make_id(q.question_id, role), q.question_id, "c", q.agent, role, "openai", "gpt-4o",
                     text, "ok", 1.0, True, q.created_at, 1100)


class Producer:
    """app.producer stand-in: records every send; the broker acks when `ack()` is called."""

    def __init__(self, fail_first: int = 0) -> None:
        self.sent: list[tuple] = []
        self.pending: list[asyncio.Future] = []
        self.fail_first = fail_first

    async def send(self, topic, key, value, partition, timestamp, headers):
        if self.fail_first:
            self.fail_first -= 1
            raise ConnectionError("broker away")
        self.sent.append((topic, key, value, partition))
        fut = asyncio.get_running_loop().create_future()
        self.pending.append(fut)
        return fut

    def ack(self) -> None:
        for fut in self.pending:
            if not fut.done():
                fut.set_result(None)


def pipeline(roles, producer=None, deadline_s: float = 20.0):
    settings = with_updates(Settings(), "critic", deadline_s=deadline_s)
    return SimpleNamespace(settings=settings, roles=roles, knowledge={}, app=SimpleNamespace(producer=producer or Producer()),
                           names=SimpleNamespace(candidates="candidates"), codecs={"Candidate": AvroCodec("Candidate")},
                           decoded_questions=None)


class Roles:
    def __init__(self, behaviour=None) -> None:
        self.behaviour = behaviour or {}
        self.started: list[str] = []

    async def answer(self, role, q, *, chain=None):
        self.started.append(role)
        await asyncio.sleep(0)  # both roles must have started before either finishes
        assert len(self.started) == len(FULL.roles) or len(self.started) == 1 and self.started == ["student"]
        how = self.behaviour.get(role)
        if how == "hang":
            await asyncio.sleep(3600)
        if how == "raise":
            raise RuntimeError("adapter bug")
        return candidate(q, role, f"{role} via {chain}")


def test_full_route_answers_both_roles_concurrently_in_route_order():
    roles = Roles()
    got = asyncio.run(answer_question(pipeline(roles), question(), FULL))
    assert [c.role for c in got] == ["teacher", "student"]
    assert sorted(roles.started) == ["student", "teacher"]


def test_simple_faq_gets_one_candidate_from_the_cheap_chain():
    roles = Roles()
    p = pipeline(roles)
    got = asyncio.run(answer_question(p, question(agent="faq_agent", text="Do you bring the grill?"), CHEAP))
    assert [c.role for c in got] == ["student"] and got[0].text == f"student via {p.settings.providers.faq_chain}"


def test_a_role_that_hangs_or_fails_still_gets_exactly_one_candidate():
    roles = Roles({"teacher": "hang", "student": "raise"})
    got = asyncio.run(answer_question(pipeline(roles, deadline_s=0.05), question(), FULL))
    assert [(c.role, c.status) for c in got] == [("teacher", "timeout"), ("student", "error")]
    assert "adapter bug" in got[1].error and got[0].candidate_id == "q1:teacher"


def test_question_acked_only_when_both_candidates_are_acked_on_its_partition():
    async def main():
        producer = Producer()
        answerers = Answerers(pipeline(Roles(), producer))
        q = question()
        acked = []
        event = SimpleNamespace(message=SimpleNamespace(partition=3), ack=lambda: acked.append("q1"))
        answerers.p.decoded_questions = SimpleNamespace(get=lambda p, m: q)
        await answerers.on_batch([event])
        for _ in range(20):
            await asyncio.sleep(0)
        assert len(producer.sent) == 2 and acked == []  # sent, not yet acked by the broker
        assert {(t, k, part) for t, k, _, part in producer.sent} == {("candidates", b"q1", 3)}
        codec = AvroCodec("Candidate")
        assert [Candidate.from_avro(codec.decode(v)).role for _, _, v, _ in producer.sent] == ["teacher", "student"]
        producer.ack()
        await asyncio.gather(*answerers.tasks)
        assert acked == ["q1"]

    asyncio.run(main())


def test_deliver_retries_what_the_broker_did_not_take():
    async def main():
        producer = Producer(fail_first=1)
        records = [Outgoing("verdicts", b"a", b"1"), Outgoing("verdicts", b"b", b"2")]
        task = asyncio.ensure_future(deliver(SimpleNamespace(producer=producer), records))
        while len(producer.sent) < 2:
            await asyncio.sleep(0.01)
            producer.ack()
        await asyncio.wait_for(task, 5)
        assert sorted(k for _, k, _, _ in producer.sent) == [b"a", b"b"]

    asyncio.run(main())
