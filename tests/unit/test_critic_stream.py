"""The critic stream in batches, with a stand-in producer instead of a broker: a decided
question's verdict is acked only after the broker acks it, its candidates only once the
question's offset is committed, and a missing role gets a timeout candidate through the
candidates topic (on the question's partition) when the deadline passes."""

import asyncio
import time
from types import SimpleNamespace

from agents_topics.answerers import DecodedQuestions
from agents_topics.dead_letters import DeadLetters
from agents_topics.routing import FULL
from ensemble.runner import with_updates
from ensemble.settings import Settings
from schemas.codec import AvroCodec
from schemas.records import Candidate, Question, Verdict
from streams.critic_join import Critic

from test_answerers import Producer

CONTEXT = {"menu": "chicken, shrimp, steak, salmon"}


class Event:
    def __init__(self, topic: str, partition: int, offset: int, key: bytes, value: bytes) -> None:
        self.message = SimpleNamespace(topic=topic, partition=partition, offset=offset, key=key, value=value,
                                       tp=(topic, partition))
        self.acked = False

    def ack(self) -> None:
        self.acked = True


def pipeline(deadline_s: float = 20.0):
    settings = with_updates(with_updates(Settings(), "critic", deadline_s=deadline_s, use_llm_judge=False),
                            "kafka", topic_questions="questions", topic_candidates="candidates")
    names = SimpleNamespace(questions="questions", candidates="candidates", verdicts="verdicts", escalations="escalations")
    codecs = {n: AvroCodec(n) for n in ("Question", "Candidate", "Verdict", "DeadLetter")}
    app = SimpleNamespace(producer=Producer(), consumer=SimpleNamespace(_committed_offset={}))
    letters = DeadLetters(SimpleNamespace(send=None), codecs["DeadLetter"], 65536)  # no dead letters expected
    return SimpleNamespace(settings=settings, names=names, codecs=codecs, escalation_codec=AvroCodec("Verdict"), app=app,
                           knowledge={}, decoded_questions=DecodedQuestions(), on_verdict=None, dead_letters=letters)


def question_event(p, qid: str, partition: int, offset: int, text: str = "Which proteins do you offer?") -> Event:
    q = Question(qid, f"c-{qid}", text, 1_764_000_000_000, "menu_agent", CONTEXT)
    return Event("questions", partition, offset, qid.encode(), p.codecs["Question"].encode(q.to_avro()))


def candidate_event(p, qid: str, role: str, partition: int, offset: int) -> Event:
    c = Candidate(Candidate.make_id(qid, role), qid, f"c-{qid}", "menu_agent", role, "openai", "gpt-4o",
                  "We offer chicken, shrimp, steak and salmon.", "ok", 1.0, True, 1000, 1100)
    return Event("candidates", partition, offset, qid.encode(), p.codecs["Candidate"].encode(c.to_avro()))


def two_questions_answered(p) -> list[Event]:
    """Questions q1 and q2 on partition 2, then a teacher and a student candidate for each."""
    return [question_event(p, "q1", 2, 10), question_event(p, "q2", 2, 11),
            candidate_event(p, "q1", "teacher", 2, 20), candidate_event(p, "q1", "student", 2, 21),
            candidate_event(p, "q2", "teacher", 2, 22), candidate_event(p, "q2", "student", 2, 23)]


async def settle(critic: Critic) -> None:
    for _ in range(50):
        await asyncio.sleep(0)
    if critic.tasks:
        await asyncio.wait(critic.tasks, timeout=2)


def test_a_batch_publishes_its_verdicts_and_acks_in_the_promised_order():
    async def main():
        p = pipeline()
        critic = Critic(p)
        events = two_questions_answered(p)
        await critic.on_batch(events)
        for _ in range(20):
            await asyncio.sleep(0)
        sent = p.app.producer.sent
        assert sorted(k for t, k, _, _ in sent if t == "verdicts") == [b"q1", b"q2"]  # one round for the batch
        assert not any(e.acked for e in events), "nothing is acked before the broker acks the verdicts"
        p.app.producer.ack()
        await settle(critic)
        assert [e.acked for e in events[:2]] == [True, True] and not any(e.acked for e in events[2:])
        p.app.consumer._committed_offset[("questions", 2)] = 12  # the questions' offsets are committed
        critic.ack_committed()
        assert all(e.acked for e in events)
        verdicts = [Verdict.from_avro(p.codecs["Verdict"].decode(v)) for t, _, v, _ in sent if t == "verdicts"]
        assert {v.question_id: v.candidates_received for v in verdicts} == {"q1": 2, "q2": 2}

    asyncio.run(main())


def test_deadline_publishes_a_timeout_candidate_for_the_missing_role_on_the_questions_partition():
    async def main():
        p = pipeline(deadline_s=0.05)
        critic = Critic(p)
        await critic.on_batch([question_event(p, "q3", 1, 5), candidate_event(p, "q3", "teacher", 1, 7)])
        time.sleep(0.06)
        await critic.sweep()
        await asyncio.sleep(0)
        timeouts = [(t, k, part, Candidate.from_avro(p.codecs["Candidate"].decode(v)))
                    for t, k, v, part in p.app.producer.sent]
        assert [(t, k, part, c.role, c.status) for t, k, part, c in timeouts] == [("candidates", b"q3", 1, "student", "timeout")]
        assert not any(t == "verdicts" for t, *_ in p.app.producer.sent), "decided from the log, not before"
        p.app.producer.ack()
        await settle(critic)
        back = Event("candidates", 1, 8, b"q3", p.codecs["Candidate"].encode(timeouts[0][3].to_avro()))
        await critic.on_batch([back])
        await asyncio.sleep(0)
        [value] = [v for t, _, v, _ in p.app.producer.sent if t == "verdicts"]
        verdict = Verdict.from_avro(p.codecs["Verdict"].decode(value))
        assert verdict.question_id == "q3" and verdict.candidates_expected == len(FULL.roles)
        assert verdict.candidates_received == 1

    asyncio.run(main())


def test_a_critic_bug_still_publishes_one_escalated_verdict(monkeypatch):
    """When the critic raises on a question, the stream publishes its one verdict anyway: the safe
    reply, escalated to a person, with the error in the evaluation; the next question is unaffected."""
    import streams.critic as critic_module

    real = critic_module.assess

    def broken(question, *args, **kwargs):
        if question.question_id == "q1":
            raise ValueError("a critic bug")
        return real(question, *args, **kwargs)

    monkeypatch.setattr(critic_module, "assess", broken)

    async def main():
        p = pipeline()
        critic = Critic(p)
        events = two_questions_answered(p)
        await critic.on_batch(events)
        for _ in range(20):
            await asyncio.sleep(0)
        verdicts = {k: p.codecs["Verdict"].decode(v) for t, k, v, _ in p.app.producer.sent if t == "verdicts"}
        assert set(verdicts) == {b"q1", b"q2"}
        assert verdicts[b"q1"]["escalate"] and verdicts[b"q1"]["decided_by"] == "none"
        assert verdicts[b"q1"]["escalation_reasons"] == ["critic_error"]
        assert not verdicts[b"q2"]["escalate"] and verdicts[b"q2"]["chosen_candidate_id"]
        assert any(t == "escalations" and k == b"q1" for t, k, _, _ in p.app.producer.sent)

    asyncio.run(main())


def test_a_spanish_question_gets_the_hand_off_reply_in_spanish(monkeypatch):
    """The frontend left locale at "en"; the customer wrote in Spanish, and the reply the system
    writes itself (no answer could be used) is in Spanish too."""
    import streams.critic as critic_module

    def broken(*args, **kwargs):
        raise ValueError("a critic bug")

    monkeypatch.setattr(critic_module, "assess", broken)

    async def main():
        p = pipeline()
        critic = Critic(p)
        await critic.on_batch([question_event(p, "q5", 0, 1, text="¿Qué proteínas tienen para una fiesta de 20 personas?"),
                               candidate_event(p, "q5", "teacher", 0, 2), candidate_event(p, "q5", "student", 0, 3)])
        for _ in range(20):
            await asyncio.sleep(0)
        [verdict] = [p.codecs["Verdict"].decode(v) for t, _, v, _ in p.app.producer.sent if t == "verdicts"]
        assert verdict["escalate"] and verdict["response"] == p.settings.critic.safe_replies["es"]

    asyncio.run(main())


async def past_the_deadline(p, qid: str, high: int) -> Critic:
    """A critic on partition 1 holding question ``qid`` (offset 5) and its teacher's answer (offset 7),
    swept after the deadline while the consumer's high-water mark on candidates is ``high``."""
    p.app.consumer.highwater = lambda tp: high if (tp.topic, tp.partition) == ("candidates", 1) else None
    critic = Critic(p)
    await critic.on_batch([question_event(p, qid, 1, 5), candidate_event(p, qid, "teacher", 1, 7)])
    time.sleep(0.06)
    await critic.sweep()
    await asyncio.sleep(0)
    return critic


def test_a_deadline_that_passes_while_the_critic_is_behind_waits_for_the_unread_answers():
    """In a burst the critic can read a question long before its answers: at the deadline the
    candidates partition still holds unread records (its high-water mark is past what the critic
    handled), so no timeout is published; the real answer, read later, decides the question."""
    async def main():
        p = pipeline(deadline_s=0.05)
        critic = await past_the_deadline(p, "q4", high=30)
        assert p.app.producer.sent == [], "records 8-29 are unread: no timeout yet"
        await critic.on_batch([candidate_event(p, "q4", "student", 1, 9)])
        await asyncio.sleep(0)
        [value] = [v for t, _, v, _ in p.app.producer.sent if t == "verdicts"]
        verdict = Verdict.from_avro(p.codecs["Verdict"].decode(value))
        assert verdict.candidates_received == 2 and not [t for t, *_ in p.app.producer.sent if t == "candidates"]

    asyncio.run(main())


def test_once_the_partition_is_read_to_its_end_the_deadline_publishes_the_timeout():
    async def main():
        p = pipeline(deadline_s=0.05)
        critic = await past_the_deadline(p, "q5", high=9)
        assert p.app.producer.sent == []  # offset 8 is unread
        await critic.on_batch([candidate_event(p, "q6", "teacher", 1, 8)])  # another question's answer: read to the end
        time.sleep(1.05)  # the postponed question is looked at again a second later
        await critic.sweep()
        await asyncio.sleep(0)
        sent = [(t, k, Candidate.from_avro(p.codecs["Candidate"].decode(v)).status) for t, k, v, _ in p.app.producer.sent]
        assert sent == [("candidates", b"q5", "timeout")]

    asyncio.run(main())


def test_the_backlog_wait_ends_after_deadline_backlog_s():
    async def main():
        p = pipeline(deadline_s=0.05)
        p.settings = with_updates(p.settings, "critic", deadline_backlog_s=0.0)
        p.app.consumer.highwater = lambda tp: 1000  # always behind
        critic = Critic(p)
        await critic.on_batch([question_event(p, "q7", 0, 5)])
        time.sleep(0.06)
        await critic.sweep()
        await asyncio.sleep(0)
        assert sorted(k for t, k, _, _ in p.app.producer.sent) == [b"q7", b"q7"]  # both roles time out

    asyncio.run(main())
