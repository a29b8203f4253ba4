"""Builders for critic tests: a question with facts and candidates as the stream delivers them."""

from __future__ import annotations

import pytest

from schemas.records import Candidate, Question

SAFE = "Thanks! A team member will follow up shortly."

HIBACHI = {
    "business": "Test Hibachi",
    "menu": "Proteins (guests choose 2): chicken, shrimp, steak, salmon. Every plate includes fried rice and vegetables.",
    "upgrades": "Upgrades: lobster tail +$12/person, filet mignon +$8/person",
    "prices": "Adults $60 per person; kids 10 and under $30 per person; children 2 and under eat free",
    "minimum_charge": "Events have a $550 food minimum",
    "deposit": "Deposit is 20% of the estimated food total, applied to the final bill",
    "cancellation": "Full deposit refund for cancellations 7+ days before the event; no refund inside 7 days.",
    "travel_fee": "Free travel within 25 miles; $2 per mile beyond that.",
    "support": "Complaints, refund requests and special pricing are handled by the owner — call (555) 555-0100.",
}


def make_question(text: str, context: dict | None = None, qid: str = "q1") -> Question:
    return Question(question_id=qid, conversation_id="c1", text=text, created_at=0,
                    agent_name="faq_agent", context=dict(HIBACHI if context is None else context))


#: Which model answers for each role, as the default chains have it (teacher and student differ).
MODELS = {"teacher": ("openai", "gpt-4o"), "student": ("anthropic", "claude-sonnet")}


def make_candidate(role: str, text: str, status: str = "ok", qid: str = "q1",
                   model: tuple[str, str] | None = None) -> Candidate:
    provider, model_name = model or MODELS.get(role, ("sim", role))
    return Candidate(candidate_id=Candidate.make_id(qid, role), question_id=qid, conversation_id="c1",
                     agent_name="faq_agent", role=role, provider=provider, model=model_name, text=text, status=status,
                     latency_ms=1.0, simulated=True, question_created_at=0, created_at=0)


@pytest.fixture
def pair():
    """pair(question, teacher_text, student_text, context=None) -> (Question, [Candidate, Candidate])."""
    def build(question: str, teacher: str, student: str, context: dict | None = None):
        return make_question(question, context), [make_candidate("teacher", teacher), make_candidate("student", student)]
    return build
