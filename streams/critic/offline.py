"""Offline judging of labeled cases through the same ``assess``/``finalize`` path as the stream.

``run_cases`` reads cases in the format of the shared eval README, judges each one, logs the
figures (best-pick accuracy, hallucination recall, false-flag rate, escalation precision and
recall, judge-skip share, judging time) overall and per category, optionally writes one JSON
line per case, and returns the figures as a dict. ``main(argv)`` is the CLI body of
``ensemble judge --cases FILE.jsonl [--out FILE] [--no-llm] [--knowledge FILE] [--last-digits 789]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Mapping, Optional

from providers.base import Prompt
from schemas.records import Candidate, Question

from ensemble.errors import BadInputFile

from .decide import Decision, assess, failed, finalize
from .facts import load_knowledge

log = logging.getLogger(__name__)
DEFAULT_SAFE_REPLY = ("Thanks for your message! I want to make sure you get accurate details, so I'm passing "
                      "this to our team and someone will get back to you shortly.")


def case_records(case: dict) -> tuple[Question, list[Candidate]]:
    """The Question and ok Candidates a labeled case stands for (deterministic ids and times)."""
    qid = str(case["id"])
    q = Question(question_id=qid, conversation_id=qid, text=case["question"], created_at=0,
                 agent_name=case.get("agent"), context=dict(case.get("context") or {}),
                 locale=case.get("locale", "en"))
    cands = [Candidate(candidate_id=Candidate.make_id(qid, c["role"]), question_id=qid, conversation_id=qid,
                       agent_name=q.agent, role=c["role"], provider=c.get("provider", "unknown"),
                       model=c.get("model", "unknown"), text=c["text"], status="ok", latency_ms=0.0,
                       simulated=True, question_created_at=0, created_at=0)
             for c in case["candidates"]]
    return q, cands


def judge_case(case: dict, *, use_llm: bool, judge_fn, knowledge, escalate_below, trust_above, safe_reply):
    """(decision, needs_judge, seconds spent in the deterministic stage)."""
    q, cands = case_records(case)
    facts = dict(knowledge)
    t0 = time.perf_counter()
    try:
        a = assess(q, cands, facts, escalate_below=escalate_below, trust_above=trust_above, use_judge=True)
    except Exception as exc:  # one failing case is reported and escalated, as in the stream; the run goes on
        print(f"critic failed on case {case.get('id')}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return failed(exc, safe_reply=safe_reply), False, time.perf_counter() - t0
    texts = None
    if a.needs_judge and use_llm and judge_fn is not None:
        elapsed = time.perf_counter() - t0
        texts = [judge_fn(p) for p in a.judge_prompts]
        t0 = time.perf_counter() - elapsed
    d = finalize(a, texts, safe_reply=safe_reply)
    return d, a.needs_judge, time.perf_counter() - t0


def case_line(case: dict, d: Decision) -> dict:
    best = d.chosen_role or d.details.get("best_role")
    return {"id": case["id"], "best": best, "hallucinated": list(d.hallucinated_roles), "escalate": d.escalate,
            "consensus_score": d.consensus_score, "decided_by": d.decided_by,
            "flags": [{"role": h.role, "claim": h.claim, "reason": h.reason} for h in d.hallucinations]}


class _Tally:
    def __init__(self) -> None:
        self.n = self.best = self.h_true = self.h_found = self.good = self.false_flag = 0
        self.tp = self.fp = self.fn = self.skip = 0

    def add(self, case: dict, line: dict, needs_judge: bool) -> None:
        exp = case.get("expected")
        if not exp:  # an unlabeled case is judged and written out; it has no figures
            return
        roles = [c["role"] for c in case["candidates"]]
        self.n += 1
        self.best += line["best"] == exp["best"]
        for role in roles:
            truth, said = role in exp["hallucinated"], role in line["hallucinated"]
            self.h_true += truth
            self.h_found += truth and said
            self.good += not truth
            self.false_flag += (not truth) and said
        self.tp += exp["escalate"] and line["escalate"]
        self.fp += (not exp["escalate"]) and line["escalate"]
        self.fn += exp["escalate"] and not line["escalate"]
        self.skip += not needs_judge

    def figures(self) -> dict:
        div = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {"cases": self.n, "best_pick": div(self.best, self.n), "hallucination_recall": div(self.h_found, self.h_true),
                "false_flag_rate": div(self.false_flag, self.good),
                "escalation_precision": div(self.tp, self.tp + self.fp), "escalation_recall": div(self.tp, self.tp + self.fn),
                "judge_skip_share": div(self.skip, self.n)}


def run_cases(cases_path: Path, *, out_path: Optional[Path] = None, use_llm: bool = True,
              judge_fn: Optional[Callable[[Prompt], Optional[str]]] = None, knowledge: Mapping[str, str] = {},
              escalate_below: float = 0.7, trust_above: float = 0.9, safe_reply: str = DEFAULT_SAFE_REPLY,
              ids: Optional[Callable[[str], bool]] = None) -> dict:
    """Judge every case (``ids`` filters case ids); return {"overall": ..., "per_category": ..., "timing_ms": ...}."""
    cases = read_cases(cases_path)
    cases = [c for c in cases if ids is None or ids(str(c["id"]))]
    overall, per_cat, times, lines = _Tally(), defaultdict(_Tally), [], []
    for case in cases:
        d, needs_judge, secs = judge_case(case, use_llm=use_llm, judge_fn=judge_fn, knowledge=knowledge,
                                          escalate_below=escalate_below, trust_above=trust_above, safe_reply=safe_reply)
        line = case_line(case, d)
        lines.append(line)
        times.append(secs * 1000)
        overall.add(case, line, needs_judge)
        if case.get("expected"):
            per_cat[case["expected"].get("category") or "uncategorized"].add(case, line, needs_judge)
    if out_path is not None:
        Path(out_path).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    result = {"overall": overall.figures(), "unlabeled": [x for x, c in zip(lines, cases) if not c.get("expected")], "per_category": {k: v.figures() for k, v in sorted(per_cat.items())},
              "timing_ms": _percentiles(times)}
    log.info("judged %d cases from %s: %s", len(cases), cases_path, result["overall"])
    return result


def read_cases(path: Path) -> list[dict]:
    """The cases of a JSON Lines file; a line that is not a usable case raises BadInputFile naming its line.

    ``expected`` is optional (an unlabeled case is judged, written to --out and left out of the figures);
    a case without ``id`` gets ``line<N>``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputFile(f"cannot read cases file {path}: {exc}") from None
    cases = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            case = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BadInputFile(f"{path}, line {n}: not JSON ({exc.msg} at column {exc.colno})") from None
        problem = _case_problem(case)
        if problem:
            raise BadInputFile(f"{path}, line {n}: {problem} (format: the README's `ensemble judge` paragraph)")
        case.setdefault("id", f"line{n}")
        cases.append(case)
    return cases


def _case_problem(case) -> Optional[str]:
    if not isinstance(case, dict):
        return "a case is a JSON object"
    if not isinstance(case.get("question"), str):
        return "'question' (a string) is missing"
    if not isinstance(case.get("context", {}), dict):
        return "'context' must be an object of fact name to text"
    cands = case.get("candidates")
    if not isinstance(cands, list) or not cands:
        return "'candidates' (a list of {\"role\", \"text\"}) is missing"
    for c in cands:
        if not isinstance(c, dict) or not isinstance(c.get("role"), str) or not isinstance(c.get("text"), str):
            return "every candidate needs a 'role' and a 'text' string"
    exp = case.get("expected")
    if exp is not None:
        if not isinstance(exp, dict) or not {"best", "hallucinated", "escalate"} <= set(exp):
            return "'expected' needs 'best', 'hallucinated' and 'escalate'"
    return None


def _percentiles(times: list[float]) -> dict:
    if not times:
        return {"p50": None, "p99": None}
    s = sorted(times)
    pick = lambda q: round(s[min(len(s) - 1, int(q * len(s)))], 3)  # noqa: E731
    return {"p50": pick(0.5), "p99": pick(0.99), "max": round(s[-1], 3)}


def format_report(result: dict) -> str:
    """The figures as a fixed-width table (overall first, then per category)."""
    cols = ["cases", "best_pick", "hallucination_recall", "false_flag_rate", "escalation_precision",
            "escalation_recall", "judge_skip_share"]
    names = {"hallucination_recall": "halluc_recall", "false_flag_rate": "false_flags", "escalation_precision": "esc_precision",
             "escalation_recall": "esc_recall", "judge_skip_share": "judge_skipped"}
    head = f"{'category':<26}" + "".join(f"{names.get(c, c):>16}" for c in cols)
    rows = [head, _row("OVERALL", result["overall"], cols)]
    rows += [_row(k, v, cols) for k, v in result["per_category"].items()]
    t = result["timing_ms"]
    rows.append(f"judging time per question (deterministic stage): p50 {t['p50']} ms, p99 {t['p99']} ms")
    for line in result.get("unlabeled", []):  # no expected judgement to score against: show what the critic decided
        flags = "; ".join(f"{f['role']}: {f['claim']!r} ({f['reason']})" for f in line["flags"]) or "none"
        rows.append(f"unlabeled {line['id']}: best {line['best']}, escalate {'yes' if line['escalate'] else 'no'}, "
                    f"score {line['consensus_score']:.3f}, flags: {flags}")
    return "\n".join(rows)


def _row(name: str, fig: dict, cols: list[str]) -> str:
    cell = lambda v: "-" if v is None else (f"{v:.1%}" if isinstance(v, float) else str(v))  # noqa: E731
    return f"{name:<26}" + "".join(f"{cell(fig[c]):>16}" for c in cols)


def main(argv: Optional[list[str]] = None) -> int:
    """``judge --cases FILE.jsonl [--out FILE] [--no-llm] [--knowledge FILE]``; prints the figures."""
    p = argparse.ArgumentParser(prog="ensemble judge", description="Judge labeled critic cases offline.")
    p.add_argument("--cases", required=True, type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--no-llm", action="store_true", help="deterministic stage only; the judge is never consulted")
    p.add_argument("--knowledge", type=Path, help="business knowledge JSON shared by every case")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--last-digits", help="only cases whose id ends in one of these digits, e.g. 789")
    args = p.parse_args(argv)
    try:
        knowledge = load_knowledge(args.knowledge) if args.knowledge else {}
    except ValueError as exc:
        raise BadInputFile(str(exc)) from None
    keep = (lambda cid: cid[-1:] in args.last_digits) if args.last_digits else None
    result = run_cases(args.cases, out_path=args.out, use_llm=not args.no_llm, knowledge=knowledge, ids=keep)
    sys.stdout.write((json.dumps(result, indent=2) if args.json else format_report(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
