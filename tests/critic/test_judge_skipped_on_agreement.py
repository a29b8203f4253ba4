"""Two clean answers whose checked claims agree are decided without the LLM judge."""

from schemas.records import Candidate, Question
from streams.critic import assess, finalize

FACTS = {"menu": "Proteins: chicken, shrimp, steak, salmon", "prices": "$60 per adult, $30 per child"}


def cand(role, text):
    return Candidate(f"q:{role}", "q", "c", "menu_agent", role, "openai", "m", text, "ok", 1.0, False, 0, 1)


def test_agreeing_supported_answers_skip_the_judge_and_score_high():
    q = Question("q", "c", "What proteins do you have and how much per adult?", 0, "menu_agent", FACTS)
    a = assess(q, [cand("teacher", "We offer chicken, shrimp, steak and salmon at $60 per adult."),
                   cand("student", "Chicken, shrimp, steak or salmon - $60 per adult.")], FACTS)
    assert not a.needs_judge and not a.judge_prompts
    d = finalize(a, None, safe_reply="x")
    assert d.decided_by == "agreement" and d.consensus_score >= 0.9 and not d.escalate
