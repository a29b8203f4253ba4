from providers.base import Prompt
from providers.prompting import GROUNDING_RULES, JSON_RULE, chat_messages, prompt_for_question, system_text, user_text
from providers.simulator.answers import parse_prompt
from sim_helpers import question


def test_system_prompt_follows_the_agent_and_forbids_inventions():
    prompt = prompt_for_question(question(agent="pricing_agent"))
    text = system_text(prompt)
    assert "pricing assistant" in text
    assert GROUNDING_RULES in text and "Never invent menu items, prices" in text
    assert JSON_RULE not in text


def test_unknown_or_missing_agent_gets_the_faq_prompt():
    q = question(agent=None)
    assert "customer service assistant" in system_text(prompt_for_question(q))


def test_user_message_lists_facts_sorted_then_lessons_then_question():
    prompt = Prompt(system="s", question="Do you serve wagyu?", context={"menu": "chicken, steak", "deposit": "$100"}, lessons=("Quote prices exactly.",))
    text = user_text(prompt)
    assert text.index("- deposit: $100") < text.index("- menu: chicken, steak") < text.index("Lessons:") < text.index("Quote prices exactly.") < text.index("Do you serve wagyu?")


def test_json_mode_asks_for_json():
    assert JSON_RULE in system_text(Prompt(system="judge", question="A or B?", json_mode=True))


def test_simulator_reads_the_rendered_prompt_back():
    prompt = Prompt(system="s", question="How much\nper person?", context={"price_per_person": "$45", "menu": "a, b"})
    system, user = (m["content"] for m in chat_messages(prompt))
    facts, q = parse_prompt(system, user)
    assert facts == {"price_per_person": "$45", "menu": "a, b"}
    assert q == "How much\nper person?"


def test_multiline_fact_values_stay_on_one_bullet():
    prompt = Prompt(system="s", question="q", context={"hours": "Mon-Fri\n10am-8pm"})
    assert "- hours: Mon-Fri 10am-8pm" in user_text(prompt)
