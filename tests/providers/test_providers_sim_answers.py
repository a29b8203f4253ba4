import json

import pytest

from providers.simulator.answers import answer_text, judge_verdict, split_answers, support_score, token_count
from providers.simulator.core import Script, SimulatorBrain
from sim_helpers import MENU


def ask(text, rate=0.0, provider="openai", seed=7, facts=MENU):
    return answer_text(facts, text, provider=provider, seed=seed, hallucination_rate=rate)


def test_item_not_on_the_menu_is_declined_politely():
    a = ask("Do you serve wagyu beef?")
    assert "wagyu beef is not on our menu" in a.text and "chicken, shrimp, steak, salmon" in a.text
    assert a.hallucination is None


def test_item_on_the_menu_is_confirmed():
    assert ask("Do you serve steak?").text.startswith("Yes! We serve steak.")


def test_price_question_quotes_the_price_fact():
    assert "$45" in ask("How much does it cost per person?").text


def test_question_the_facts_do_not_cover_says_so():
    assert "don't have that information" in ask("Is there a travel fee to Austin?", facts={"menu": "chicken"}).text


def test_same_seed_provider_question_gives_the_same_answer():
    assert ask("How much per person?", rate=0.5) == ask("How much per person?", rate=0.5)


@pytest.mark.parametrize("rate", [0.0, 0.2, 1.0])
def test_hallucination_rate_is_respected(rate):
    answers = [ask(f"How much per person for {n} guests?", rate=rate) for n in range(400)]
    share = sum(a.hallucination is not None for a in answers) / len(answers)
    assert abs(share - rate) < 0.06


def test_injected_hallucinations_are_invented_items_or_wrong_prices():
    kinds = {ask(f"How much per person, party {n}?", rate=1.0).hallucination for n in range(50)}
    assert kinds == {"invented_item", "wrong_price"}
    wagyu = ask("Do you serve wagyu beef?", rate=1.0, provider="p3")
    assert wagyu.hallucination == "invented_item" and "$" in wagyu.text and "not on our menu" not in wagyu.text


def test_token_count_is_words_times_four_thirds():
    assert token_count("") == 0
    assert token_count("one two three") == 4
    assert token_count("a b c d e f") == 8


def test_judge_prefers_the_grounded_answer():
    prompt = "Which is better?\nAnswer A: Yes, we serve wagyu beef for $80/person.\nAnswer B: Sorry, wagyu is not on our menu. We offer chicken, shrimp, steak, salmon."
    verdict = json.loads(judge_verdict(MENU, prompt))
    assert verdict["winner"] == "B" and verdict["reason"]
    assert split_answers(prompt)["A"].startswith("Yes, we serve wagyu")
    assert support_score("Our price is $45.", MENU) > support_score("Our price is $60.", MENU)


def test_judge_says_tie_for_equal_answers():
    assert json.loads(judge_verdict(MENU, "Answer A: steak\nAnswer B: steak"))["winner"] == "tie"


def test_scripts_override_and_match_by_provider():
    brain = SimulatorBrain(hallucination_rate=0.0)
    brain.add_script(Script("wagyu", "anthropic", "Scripted!"))
    assert brain.reply("anthropic", MENU, "Any WAGYU?", json_mode=False).text == "Scripted!"
    assert brain.reply("openai", MENU, "Any WAGYU?", json_mode=False).text != "Scripted!"


def test_judge_reads_the_critics_prompt_format_and_flags_hallucinations():
    judge = pytest.importorskip("streams.critic.judge")
    judge_prompts, parse_verdict = judge.judge_prompts, judge.parse_verdict
    from providers.prompting import system_text, user_text
    from providers.simulator.answers import parse_prompt

    grounded = ("c1", "Sorry, wagyu is not on our menu. We offer chicken, shrimp, steak, salmon.")
    invented = ("c2", "Yes, we serve wagyu beef for $80/person.")
    for prompt, expected in zip(judge_prompts("q", "Do you serve wagyu?", MENU, "en", "menu_agent", grounded, invented), ("A", "B")):
        facts, q = parse_prompt(system_text(prompt), user_text(prompt))
        verdict = parse_verdict(judge_verdict(facts, q))
        assert verdict.winner == expected
        assert verdict.hallucinated == ("B" if expected == "A" else "A",)


def test_a_simulated_answer_to_nested_json_facts_says_them_the_way_the_critic_reads_them():
    """The README's nested context ({"pricing": {"adult": 60, "kids": 30}}) reaches the simulator as JSON text;
    its grounded answer must quote the prices as prices, so the critic does not flag a correct answer."""
    from providers.simulator.answers import compose
    from schemas.context import flatten_context
    from schemas.records import Candidate, Question
    from streams.critic import assess, finalize

    facts = {"pricing": '{"adult": 60, "kids": 30}'}
    text, _ = compose(facts, "How much per adult and per kid?")
    assert "$60" in text
    q = Question(question_id="q1", conversation_id="c1", text="How much per adult and per kid?", created_at=0,
                 agent_name="pricing_agent", context=flatten_context(facts))
    cands = [Candidate(candidate_id=Candidate.make_id("q1", role), question_id="q1", conversation_id="c1", agent_name="pricing_agent",
                       role=role, provider="sim", model="m", text=text, status="ok", latency_ms=1.0, simulated=True,
                       question_created_at=0, created_at=0) for role in ("teacher", "student")]
    d = finalize(assess(q, cands, {}), None, safe_reply="Thanks! A team member will follow up shortly.")
    assert d.hallucinated_roles == () and not d.escalate, d.hallucinations
