"""Regression gate: the deterministic critic on the shared labeled cases meets issue 4's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.critic.offline import main, run_cases

SHARED = Path("/work/shared/eval/shared_cases.jsonl")
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared eval cases not mounted")


@needs_shared
def test_targets_on_shared_cases(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_cases(SHARED, out_path=out, use_llm=False)
    fig = result["overall"]
    assert fig["best_pick"] >= 0.97
    assert fig["hallucination_recall"] >= 0.97
    assert fig["false_flag_rate"] <= 0.03
    assert fig["escalation_precision"] >= 0.90 and fig["escalation_recall"] >= 0.90
    assert fig["judge_skip_share"] >= 0.60
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == fig["cases"]
    assert set(lines[0]) == {"id", "best", "hallucinated", "escalate", "consensus_score", "decided_by", "flags"}


@needs_shared
def test_cli_main_prints_figures(tmp_path, capsys):
    assert main(["--cases", str(SHARED), "--no-llm", "--out", str(tmp_path / "o.jsonl")]) == 0
    assert "OVERALL" in capsys.readouterr().out


EXTRA = Path(__file__).parent / "data" / "extra_cases.jsonl"


def test_hand_written_cases_from_other_businesses():
    """224 cases written for nine other businesses (other keys, prices, phrasing) after the shared set.

    Six are exact ties between two correct (or two equally wrong) answers, which only the LLM
    judge can order, so best pick is held to 90% here.
    """
    fig = run_cases(EXTRA, out_path=None, use_llm=False)["overall"]
    assert fig["best_pick"] >= 0.90
    assert fig["hallucination_recall"] >= 0.95
    assert fig["false_flag_rate"] <= 0.03
    assert fig["escalation_precision"] >= 0.90 and fig["escalation_recall"] >= 0.90


def test_verdicts_do_not_depend_on_the_hash_seed(tmp_path):
    """Replays run in other processes: the verdict must not depend on set/dict iteration order."""
    import subprocess
    import sys

    script = (
        "import json,sys\n"
        "from streams.critic import assess, finalize\n"
        "from streams.critic.offline import case_records\n"
        f"lines = open({str(EXTRA)!r}).read().splitlines()[:40]\n"
        "for l in lines:\n"
        "    q, c = case_records(json.loads(l)); a = assess(q, c, {})\n"
        "    print(repr(finalize(a, None, safe_reply='S')), repr(a.judge_prompts))\n"
    )
    outs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout for seed in ("1", "4242")]
    assert outs[0] == outs[1] and outs[0]


def _facts_of(path: Path) -> list[tuple[str, dict, str, str]]:
    out = []
    for line in path.read_text().splitlines():
        case = json.loads(line)
        out += [(case["question"], case["context"], k, v) for k, v in case["context"].items() if k != "business"]
    return out


@pytest.mark.parametrize("path", [pytest.param(SHARED, marks=needs_shared), EXTRA], ids=["shared", "extra"])
def test_a_fact_restated_verbatim_is_never_flagged(path):
    """The cheapest false-flag guard: quoting the business's own facts back is always supported."""
    from streams.critic import assess, finalize
    from .conftest import make_candidate, make_question

    flagged = []
    for question, context, key, text in _facts_of(path):
        q = make_question(question, context)
        d = finalize(assess(q, [make_candidate("teacher", text), make_candidate("student", "Thanks!")], {}),
                     None, safe_reply="S")
        if d.hallucinated_roles:
            flagged.append((key, text, [h.reason for h in d.hallucinations]))
    assert flagged == []


@pytest.mark.parametrize("path", [pytest.param(SHARED, marks=needs_shared), EXTRA], ids=["shared", "extra"])
def test_a_fact_with_one_number_changed_is_flagged(path):
    """Recall without labels: quote a fact with one number moved (+5, or +1 below 20)."""
    import re

    from streams.critic import assess, finalize
    from .conftest import make_candidate, make_question

    number = re.compile(r"(?<![\d(-])(\d+(?:\.\d+)?)(?![\d)-]|\s?-\s?\d)")
    tried = caught = 0
    for question, context, key, text in _facts_of(path):
        if key in ("contact", "support"):
            continue
        for m in number.finditer(text):
            old = float(m.group(1))
            wrong = f"{old + (5 if old >= 20 else 1):g}"
            answer = text[:m.start(1)] + wrong + text[m.end(1):]
            d = finalize(assess(make_question(question, context),
                                [make_candidate("teacher", answer), make_candidate("student", "Thanks!")], {}),
                         None, safe_reply="S")
            tried += 1
            caught += "teacher" in d.hallucinated_roles
    assert caught / tried >= 0.97


def test_offline_consults_the_judge_only_when_needed(tmp_path):
    prompts = []

    def judge_fn(prompt):
        prompts.append(prompt)
        return '{"winner": "A", "hallucinated": [], "reason": "more complete"}'

    result = run_cases(EXTRA, out_path=tmp_path / "o.jsonl", use_llm=True, judge_fn=judge_fn)
    needed = round((1 - result["overall"]["judge_skip_share"]) * result["overall"]["cases"])
    assert len(prompts) == 2 * needed and all(p.json_mode for p in prompts)
    lines = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert {x["decided_by"] for x in lines} <= {"agreement", "critic", "single", "fallback", "none"}


SEEN_BLIND = [Path(__file__).parent / "data" / f"blind{n}_cases.jsonl" for n in (1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35)] + \
    [Path(__file__).parents[2] / "eval" / "reviews" / f"review{n}_cases.jsonl" for n in (23, 24)]  # a new user's cases, used by a round
#: escalation floors (precision, recall) where a set's measured figures sit below the common 0.65
ESCALATION_FLOORS = {"blind7_cases": (0.65, 0.85), "blind8_cases": (0.80, 0.78), "blind9_cases": (0.80, 0.90),
                     "blind10_cases": (0.85, 0.90), "blind11_cases": (0.80, 0.88), "blind12_cases": (0.85, 0.90),
                     "blind13_cases": (0.72, 0.85), "blind14_cases": (0.60, 0.80), "blind15_cases": (0.88, 0.85),
                     "blind16_cases": (0.70, 0.70), "blind17_cases": (0.78, 0.75), "blind18_cases": (0.65, 0.80),
                     "blind19_cases": (0.78, 0.90), "blind20_cases": (0.80, 0.85),
                     "blind21_cases": (0.88, 0.95), "blind22_cases": (0.85, 0.95), "review23_cases": (0.90, 0.95),
                     "blind23_cases": (0.80, 0.80), "blind24_cases": (0.82, 0.88), "review24_cases": (0.88, 0.88),
                     "blind25_cases": (0.66, 0.82), "blind26_cases": (0.74, 0.86), "blind27_cases": (0.90, 0.80),
                     "blind28_cases": (0.76, 0.90), "blind29_cases": (0.83, 0.93),
                     "blind30_cases": (0.68, 0.86), "blind31_cases": (0.76, 0.90), "blind32_cases": (0.76, 0.90),
                     "blind33_cases": (0.72, 0.78), "blind34_cases": (0.80, 0.95), "blind35_cases": (0.75, 0.82)}
#: false-flag ceilings where a set has been brought well under the common 0.12
FALSE_FLAG_CEILINGS = {"blind9_cases": 0.05, "blind10_cases": 0.05, "blind11_cases": 0.05, "blind12_cases": 0.05,
                       "blind13_cases": 0.05, "blind14_cases": 0.14, "blind15_cases": 0.06,
                       "blind16_cases": 0.17, "blind17_cases": 0.12, "blind18_cases": 0.18,
                       "blind19_cases": 0.14, "blind20_cases": 0.10, "blind21_cases": 0.05,
                       "blind22_cases": 0.05, "review23_cases": 0.03, "blind23_cases": 0.07,
                       "blind24_cases": 0.06, "review24_cases": 0.03, "blind25_cases": 0.20,
                       "blind26_cases": 0.08, "blind27_cases": 0.03, "blind28_cases": 0.10,
                       "blind29_cases": 0.05}
# blind 14: 11.2%, 15: 3.8%, 16: 14.8%, 17: 10.3%, 18: 16.2%, 19: 12.8%, 20: 8.5%, 21: 2.9%, 22: 2.9%, review 23: 0%, 23: 5.4%,
# 24: 4.7%, review 24: 1.7%, 25: 18.7%, 26: 10.5%, 27: 10.6% (docs/critic.md, the twenty-first session);
# after the twenty-second session's rounds, 27: 0.0%, 28: 8.6%, 29: 3.9%; after the twenty-third's, 30: 11.4%, 31: 11.5% (the common 0.12)
#: best-pick floors where a set's measured figure sits away from the common 0.85 (blinds 11 and 12: 92.7% after the blind-13 round)
BEST_PICK_FLOORS = {"blind11_cases": 0.90, "blind12_cases": 0.90, "blind16_cases": 0.80, "blind17_cases": 0.72, "blind18_cases": 0.80,
                    "blind19_cases": 0.88, "blind20_cases": 0.77, "blind21_cases": 0.89,
                    "blind22_cases": 0.94, "review23_cases": 0.92, "blind24_cases": 0.92, "review24_cases": 0.92,
                    "blind25_cases": 0.84, "blind26_cases": 0.92, "blind27_cases": 0.93,
                    "blind28_cases": 0.89, "blind29_cases": 0.88, "blind31_cases": 0.89,
                    "blind32_cases": 0.92, "blind33_cases": 0.93, "blind34_cases": 0.92, "blind35_cases": 0.88}
#: hallucination-recall floors where a set sits below the common 0.80 (blind 16: 72.5%, blind 17: 77.6%, blind 23: 80.2% at the end of their rounds)
RECALL_FLOORS = {"blind16_cases": 0.70, "blind17_cases": 0.75, "blind20_cases": 0.75, "blind23_cases": 0.78,
                 "blind24_cases": 0.84, "review24_cases": 0.84, "blind25_cases": 0.78,
                 "blind26_cases": 0.82, "blind27_cases": 0.83, "blind28_cases": 0.78, "blind29_cases": 0.79,
                 "blind30_cases": 0.82, "blind32_cases": 0.90, "blind33_cases": 0.83, "blind34_cases": 0.90,
                 "blind35_cases": 0.75}


@pytest.mark.parametrize("path", SEEN_BLIND, ids=[p.stem for p in SEEN_BLIND])
def test_blind_sets_once_held_out_do_not_regress(path):
    """Blind sets written by sessions that never saw the critic, each held out until one round of
    changes used it (docs/critic.md, "Held-out measure"). The floors sit a little under the
    figures measured when the set became a seen set, so a change that loses ground fails here."""
    fig = run_cases(path, out_path=None, use_llm=False)["overall"]
    assert fig["best_pick"] >= BEST_PICK_FLOORS.get(path.stem, 0.85)
    assert fig["hallucination_recall"] >= RECALL_FLOORS.get(path.stem, 0.80)
    assert fig["false_flag_rate"] <= FALSE_FLAG_CEILINGS.get(path.stem, 0.12)
    precision, recall = ESCALATION_FLOORS.get(path.stem, (0.65, 0.65))
    assert fig["escalation_precision"] >= precision and fig["escalation_recall"] >= recall
