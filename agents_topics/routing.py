"""Which roles answer a question, and from which provider chain. Pure and deterministic:
the answering agents and the critic call it independently and must agree.

Simple FAQ (the faq agent, a short question, nothing about money, dates, bookings or a
person's problem, in any language the critic's triage reads) goes to the cheap chain alone;
everything else gets the full ensemble. The cheap chain's answer is the ``student`` candidate
(the schema's roles are teacher and student); its provider and model say which chain answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.records import Question
from streams.critic.triage import may_need_person

_HARD = re.compile(
    r"\d|\$|price|cost|how much|total|quote|deposit|minimum|fee|refund|cancel|book|reserve|date|"
    r"allerg|gluten|discount|complain|damage|insurance|guarantee|ignore|precio|cu[aá]nto|reserv",
    re.IGNORECASE,
)
SIMPLE_FAQ_MAX_CHARS = 160


@dataclass(frozen=True, slots=True)
class Route:
    roles: tuple[str, ...]
    chains: dict[str, str]  # role -> name of the settings chain ("teacher", "student", "faq")

    def expects(self, role: str) -> bool:
        return role in self.roles


FULL = Route(roles=("teacher", "student"), chains={"teacher": "teacher", "student": "student"})
CHEAP = Route(roles=("student",), chains={"student": "faq"})


def route(question: Question) -> Route:
    """FULL ensemble unless the question is simple FAQ, which the cheap chain answers alone."""
    if question.agent == "faq_agent" and len(question.text) <= SIMPLE_FAQ_MAX_CHARS and not _HARD.search(question.text) \
            and not may_need_person(question.text):
        return CHEAP
    return FULL
