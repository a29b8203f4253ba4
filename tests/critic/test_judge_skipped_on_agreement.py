"""Two clean answers whose checked claims agree are decided without the LLM judge."""

from schemas.records import Candidate, Question
from streams.critic import assess, finalize

FACTS = {"menu": "Proteins: chicken, shrimp, steak, salmon", "prices": "$60 per adult, $30 per child"}


MODELS = {"teacher": ("openai", "gpt-4o"), "student": ("anthropic", "claude-sonnet")}


def cand(role, text):
    return Candidate(f"q:{role}", "q", "c", "menu_agent", role, *MODELS[role], text, "ok", 1.0, False, 0, 1)


def test_agreeing_supported_answers_skip_the_judge_and_score_high():
    q = Question("q", "c", "What proteins do you have and how much per adult?", 0, "menu_agent", FACTS)
    a = assess(q, [cand("teacher", "We offer chicken, shrimp, steak and salmon at $60 per adult."),
                   cand("student", "Chicken, shrimp, steak or salmon - $60 per adult.")], FACTS)
    assert not a.needs_judge and not a.judge_prompts
    d = finalize(a, None, safe_reply="x")
    assert d.decided_by == "agreement" and d.consensus_score >= 0.9 and not d.escalate


def test_an_answer_promising_a_follow_up_escalates():
    facts = {"prices": "$60 per adult"}
    q = Question("q", "c", "Can you do a vegan menu for 30 people?", 0, "menu_agent", facts)
    a = assess(q, [cand("teacher", "I don't have that information right now. A member of our team will follow up with you."),
                   cand("student", "I'm not sure about that, but our team will get back to you today.")], facts)
    d = finalize(a, None, safe_reply="x")
    assert d.escalate and "handoff_promised" in d.escalation_reasons


def test_a_plain_answer_does_not_escalate():
    q = Question("q", "c", "What proteins do you have and how much per adult?", 0, "menu_agent", FACTS)
    a = assess(q, [cand("teacher", "We offer chicken, shrimp, steak and salmon at $60 per adult. Follow us on Instagram!"),
                   cand("student", "Chicken, shrimp, steak or salmon - $60 per adult.")], FACTS)
    assert not finalize(a, None, safe_reply="x").escalate


def test_the_same_text_with_nothing_to_check_skips_the_judge():
    q = Question("q", "c", "Do you have a loyalty program?", 0, "menu_agent", FACTS)
    text = "I'm sorry, I don't have that information right now. A team member can help."
    a = assess(q, [cand("teacher", text), cand("student", "I'm sorry, I don't have that  information right now. A team member can help.")], {})
    assert not a.needs_judge
    d = finalize(a, None, safe_reply="x")
    assert d.decided_by == "agreement" and d.consensus_score == 1.0
    different = assess(q, [cand("teacher", text), cand("student", "We don't run one at the moment.")], {})
    assert different.needs_judge  # two different answers with nothing to check: the judge still decides
