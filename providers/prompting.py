"""Turn a question into the messages every provider receives.

The rendering is fixed text with three labelled sections (``Business facts:``,
``Lessons:``, ``Customer question:``) so that a human, a real model and the loopback
simulator all read the same thing; ``providers.simulator.answers.parse_prompt`` reads it back.
Pure functions: no I/O.
"""

from __future__ import annotations

from typing import Iterable

from providers.base import Prompt
from schemas.records import Question

FACTS_HEADER = "Business facts:"
LESSONS_HEADER = "Lessons:"
QUESTION_HEADER = "Customer question:"

GROUNDING_RULES = (
    "Answer only from the business facts below. Never invent menu items, prices, dates or "
    "policies. If the facts do not answer the question, say so politely and offer that a team "
    "member will follow up. Keep the answer short and friendly."
)
JSON_RULE = "Respond with a single JSON object and nothing else."

_BUSINESS = "a mobile hibachi caterer that cooks at the customer's home or event"

ROLE_PROMPTS: dict[str, str] = {
    "menu_agent": f"You are the menu assistant of {_BUSINESS}. You answer questions about dishes, proteins, sides and dietary options.",
    "pricing_agent": f"You are the pricing assistant of {_BUSINESS}. You quote prices, minimums, deposits and fees exactly as listed.",
    "booking_agent": f"You are the booking assistant of {_BUSINESS}. You explain availability, how to book, deposits and cancellations.",
    "distance_agent": f"You are the travel assistant of {_BUSINESS}. You answer questions about service area and travel fees.",
    "lead_capture_agent": f"You are the first contact of {_BUSINESS}. You answer briefly and invite the customer to share their event date, guest count and location.",
    "crm_writer_agent": f"You summarise customer requests for {_BUSINESS} in one or two factual sentences.",
    "admin_assistant": f"You help the staff of {_BUSINESS} with internal questions, using only the facts given.",
    "faq_agent": f"You are the customer service assistant of {_BUSINESS}. You answer common questions.",
}


def system_prompt_for(agent_name: str) -> str:
    """The role's system prompt; faq_agent's for unknown names."""
    return ROLE_PROMPTS.get(agent_name, ROLE_PROMPTS["faq_agent"])


def prompt_for_question(question: Question, lessons: Iterable[str] = ()) -> Prompt:
    """The Prompt a teacher or student answers for ``question``."""
    return Prompt(
        system=system_prompt_for(question.agent),
        question=question.text,
        context=dict(question.context),
        lessons=tuple(lessons),
        locale=question.locale,
        question_id=question.question_id,
        agent_name=question.agent,
    )


def system_text(prompt: Prompt) -> str:
    """System message: the role prompt, the grounding rules, and the JSON rule in json_mode."""
    parts = [prompt.system.strip(), GROUNDING_RULES]
    if prompt.locale and prompt.locale != "en":
        parts.append(f"Answer in the customer's language ({prompt.locale}).")
    if prompt.json_mode:
        parts.append(JSON_RULE)
    return "\n\n".join(p for p in parts if p)


def user_text(prompt: Prompt) -> str:
    """User message: facts as a bullet list (sorted by key, so the text is deterministic),
    lessons, then the question."""
    facts = "\n".join(f"- {k}: {_one_line(v)}" for k, v in sorted(prompt.context.items()))
    sections = [f"{FACTS_HEADER}\n{facts or '- (none given)'}"]
    if prompt.lessons:
        sections.append(LESSONS_HEADER + "\n" + "\n".join(f"- {_one_line(l)}" for l in prompt.lessons))
    sections.append(f"{QUESTION_HEADER}\n{prompt.question.strip()}")
    return "\n\n".join(sections)


def chat_messages(prompt: Prompt) -> list[dict[str, str]]:
    """OpenAI-style messages: one system and one user message."""
    return [
        {"role": "system", "content": system_text(prompt)},
        {"role": "user", "content": user_text(prompt)},
    ]


def _one_line(value: str) -> str:
    return " ".join(str(value).split())
