"""How verdicts look on a terminal."""

from __future__ import annotations

import json
import sys

from schemas.records import Verdict


def _cost(v: Verdict) -> str:
    return "unknown (a model has no price)" if v.total_cost_usd is None else f"${v.total_cost_usd:.6f}"


def print_verdict_line(v: Verdict) -> None:
    """One line per verdict, for `ensemble run`."""
    tag = " SIMULATED" if v.simulated else ""
    esc = " ESCALATE" if v.escalate else ""
    # sys.__stdout__: the Faust worker redirects sys.stdout into its log at WARNING level.
    print(f"verdict {v.question_id}{tag}: score={v.consensus_score:.2f} ({v.confidence}) by={v.decided_by} "
          f"via={v.provider_used or '-'}{esc} halluc={len(v.hallucinations)} :: {v.response[:100]!r}", file=sys.__stdout__, flush=True)


def format_verdict(v: Verdict) -> str:
    lines = [f"Verdict for question {v.question_id}" + ("  [SIMULATED providers]" if v.simulated else "")]
    lines.append(f"  question:   {v.question_text}")
    lines.append(f"  response:   {v.response}")
    role = v.chosen_role or "-"
    if v.candidates_expected == 1 and v.chosen_role:  # simple FAQ: the cheap chain answers alone, in the student's slot
        role += ", the cheap FAQ chain alone"
    lines.append(f"  chosen:     {role} ({v.provider_used or '-'}/{v.model_used or '-'})"
                 + (f", fell back from {v.fallback_from}" if v.fallback_from else ""))
    lines.append(f"  consensus:  {v.consensus_score:.3f} ({v.confidence} confidence), decided by {v.decided_by}")
    lines.append(f"  escalate:   {'YES - ' + ', '.join(v.escalation_reasons) if v.escalate else 'no'}")
    if v.hallucinations:
        lines.append("  hallucinations:")
        lines += [f"    - {h.role}: {h.claim!r} - {h.reason}" for h in v.hallucinations]
    else:
        lines.append("  hallucinations: none found")
    for alt in v.alternative_responses:
        lines.append(f"  not chosen: {alt.role} ({alt.provider}/{alt.model}, {alt.status}): {alt.text!r}")
    ev = v.critic_evaluation
    lines.append(f"  critic:     {ev.summary} (agreement {ev.agreement:.2f}, {ev.claims_supported}/{ev.claims_checked} claims supported"
                 + (", LLM judge asked" if ev.judge_used else ", no LLM judge") + ")")
    lines.append(f"  cost:       {_cost(v)}   latency: {v.latency_ms:.0f} ms   candidates: {v.candidates_received}/{v.candidates_expected}")
    return "\n".join(lines)


def print_verdict(v: Verdict, as_json: bool = False) -> None:
    if as_json:
        json.dump(v.to_avro(), sys.stdout, default=lambda b: b.hex() if isinstance(b, bytes) else str(b), indent=2)
        print()
    else:
        print(format_verdict(v))
