"""The critic's entry points: ``assess`` (deterministic stage) and ``finalize`` (the decision).

    assessment = assess(question, candidates, facts)            # pure, no I/O
    texts = [call(p) for p in assessment.judge_prompts]          # the stream, only if needs_judge
    decision = finalize(assessment, texts or None, safe_reply=...)

Guarantees: both functions are pure and deterministic — the same inputs (in any candidate
order) give an identical ``Decision``. A candidate whose status is not "ok" or whose text is
empty is never chosen. A candidate with any flagged claim is never sent to the customer: when
no candidate is acceptable the response is ``safe_reply``. The consensus score follows
``score.consensus`` (documented in docs/critic.md):

    consensus = V × (0.75 + 0.25 × A) × J

It escalates below ``escalate_below``, when the question needs a person, or when no acceptable
answer exists; ``trust_above`` is recorded as the confidence band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping, Optional, Sequence

from providers.base import Prompt
from schemas.records import Candidate, Hallucination, Question, confidence_for

from .agreement import agreement
from .arithmetic import derive
from .claim import Claim
from .claims import check_answer
from .fold import guarded
from .text import CheckContext
from .facts import build_factbook, merge_facts
from .judge import Judgement, combine, judge_prompts
from .lexicon import asked_item_words, find_foods
from .language import answers_in_english
from .mentions import mentions
from .score import JUDGE_TIE_FACTOR, consensus, verified_share
from .triage import is_injection, needs_human

ROUTING_WEIGHT = 3


@dataclass(frozen=True)
class CandidateReport:
    """One candidate and the verdicts on its claims."""

    candidate_id: str
    role: str
    provider: str
    text: str
    status: str
    usable: bool
    claims: tuple[Claim, ...] = ()
    coverage: int = 0  # distinct fact words the answer conveys; breaks exact ties without the judge
    model: str = ""
    foreign: bool = False  # written in another language than the question ("¿qué carnes no pican?" answered in English)

    @property
    def source(self) -> Optional[tuple[str, str]]:
        """(provider, model) when both are known: two answers of one source are not two opinions."""
        known = self.provider not in ("", "unknown") and self.model not in ("", "unknown")
        return (self.provider, self.model) if known else None

    @property
    def flags(self) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.flagged)

    @property
    def checked(self) -> int:
        return len(self.claims)

    @property
    def supported(self) -> int:
        return sum(1 for c in self.claims if not c.flagged)

    @property
    def completeness(self) -> int:
        """Distinct supported claims; handing over to staff counts ``ROUTING_WEIGHT``."""
        return sum(ROUTING_WEIGHT if c.kind == "routing" else 1 for c in self.claims if not c.flagged)

    def rank_key(self) -> tuple:
        """Fewest flags, then the customer's language, then most supported claims, then most fact words, then id
        (deterministic)."""
        return (len(self.flags), self.foreign, -self.completeness, -self.coverage, self.candidate_id)


#: Clean, equally complete answers that agree at least this much are decided without the judge.
JUDGE_BELOW_AGREEMENT = 0.75


@dataclass(frozen=True)
class Assessment:
    """The deterministic stage's result; ``judge_prompts`` is empty unless ``needs_judge``."""

    question_id: str
    reports: tuple[CandidateReport, ...]
    needs: tuple[str, ...]
    injection: bool
    agreement: float
    ranking: tuple[str, ...]
    needs_judge: bool
    judge_prompts: tuple[Prompt, ...] = ()
    judge_pair: tuple[str, ...] = ()
    escalate_below: float = 0.7
    trust_above: float = 0.9


@dataclass(frozen=True)
class Decision:
    chosen_candidate_id: Optional[str]
    chosen_role: Optional[str]
    response: str
    consensus_score: float
    escalate: bool
    escalation_reasons: tuple[str, ...]
    decided_by: str
    hallucinations: tuple[Hallucination, ...]
    hallucinated_roles: tuple[str, ...]
    agreement: float
    claims_checked: int
    claims_supported: int
    judge_used: bool
    summary: str
    details: dict = field(default_factory=dict)

    @property
    def confidence(self) -> str:
        return self.details.get("confidence", "low")


def assess(question: Question, candidates: Sequence[Candidate], facts: Mapping[str, str], *,
           escalate_below: float = 0.7, trust_above: float = 0.9, use_judge: bool = True) -> Assessment:
    """Check every candidate's claims and decide whether the LLM judge is needed."""
    merged = merge_facts(facts, question.context)
    book = build_factbook(merged)
    needs = needs_human(question.text, book)
    qt, qm = mentions(question.text)
    ctx = CheckContext(book, derive(book, question.text), question.text,
                       frozenset(m.value for m in qm if m.kind == "phone"),
                       frozenset(c for _, _, c in find_foods(qt)), needs, asked_words=asked_item_words(question.text))
    checked: dict[str, tuple] = {}  # answers that agree word for word are checked once
    reports = tuple(_report(c, ctx, checked) for c in _distinct(candidates))
    usable = [r for r in reports if r.usable]
    ranked = sorted(usable, key=CandidateReport.rank_key)
    tied = len(ranked) >= 2 and ranked[0].rank_key()[:3] == ranked[1].rank_key()[:3] and not ranked[0].flags
    top = ranked[:2]
    agreed = tied and (all(r.claims for r in top) and agreement([r.claims for r in top]) >= JUDGE_BELOW_AGREEMENT
                       or len({" ".join(r.text.split()).lower() for r in top}) == 1)
    # Two clean answers whose checked claims say the same thing need no judge: either is
    # right, and asking anyway only adds cost, latency and an order-dependent tie that lowers
    # the score. Answers with nothing checkable still go to the judge, unless they are the
    # same text (there is nothing to choose between).
    needs_judge = bool(use_judge and tied and not agreed)
    prompts, pair = (), ()
    if needs_judge:
        a, b = sorted(ranked[:2], key=lambda r: r.candidate_id)
        prompts = judge_prompts(question.question_id, question.text, merged, question.locale, question.agent,
                                (a.candidate_id, a.text), (b.candidate_id, b.text))
        pair = (a.candidate_id, b.candidate_id)
    return Assessment(question.question_id, reports, needs, is_injection(question.text),
                      round(_agreement(usable), 4), tuple(r.candidate_id for r in ranked),
                      needs_judge, tuple(prompts), pair, escalate_below, trust_above)


def _agreement(usable: Sequence[CandidateReport]) -> float:
    """Agreement of the usable answers, counting answers of one known model once: when a fallback
    made the same model answer twice, its two answers agreeing corroborates nothing."""
    if len(usable) >= 2 and _one_source(usable):
        return agreement([usable[0].claims])
    return agreement([r.claims for r in usable])


def _one_source(reports: Sequence[CandidateReport]) -> bool:
    sources = {r.source for r in reports}
    return len(sources) == 1 and None not in sources


def _distinct(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per id (a replayed duplicate counts once; a usable copy wins), sorted by id."""
    best: dict[str, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (c.candidate_id, c.role, c.status != "ok", c.text)):
        if c.candidate_id not in best or (not best[c.candidate_id].ok and c.ok):
            best[c.candidate_id] = c
    return [best[k] for k in sorted(best)]


def _report(c: Candidate, ctx: CheckContext, checked: dict[str, tuple]) -> CandidateReport:
    usable = c.status == "ok" and bool((c.text or "").strip())
    if usable and c.text not in checked:
        checked[c.text] = check_answer(c.text, ctx)
    claims = checked[c.text] if usable else ()
    return CandidateReport(c.candidate_id, c.role, c.provider, c.text or "", c.status, usable, claims,
                           _coverage(c.text or "", ctx.book.text) if usable else 0, c.model or "",
                           usable and answers_in_english(ctx.question, c.text))


_WORD = re.compile(r"[a-záéíóúñ]{4,}")


def _coverage(text: str, facts_text: str) -> int:
    """How many distinct words of four letters or more the answer shares with the facts."""
    fact_words = set(_WORD.findall(facts_text))
    return len(set(_WORD.findall(text.lower())) & fact_words)


def failed(error: BaseException, *, safe_reply: str) -> Decision:
    """The decision when the critic itself fails on a question: no answer is trusted, the customer
    gets the safe reply and a person takes over, so the question still gets its one verdict."""
    why = f"{type(error).__name__}: {error}"[:500]
    return Decision(chosen_candidate_id=None, chosen_role=None, response=safe_reply, consensus_score=0.0, escalate=True,
                    escalation_reasons=("critic_error",), decided_by="none", hallucinations=(), hallucinated_roles=(),
                    agreement=0.0, claims_checked=0, claims_supported=0, judge_used=False,
                    summary=f"the critic failed ({why}); a person takes over", details={"error": why, "confidence": "low"})


def finalize(assessment: Assessment, judge_texts: Optional[Sequence[Optional[str]]] = None, *,
             safe_reply: str) -> Decision:
    """The verdict: chosen answer, consensus score, escalation and reasons (see module docstring)."""
    a = assessment
    by_id = {r.candidate_id: r for r in a.reports}
    judgement = combine(a.judge_pair, judge_texts) if a.needs_judge and judge_texts and len(a.judge_pair) == 2 else None
    if judgement and judgement.hallucinated:
        by_id = {cid: _judge_flag(r, judgement) if cid in judgement.hallucinated else r for cid, r in by_id.items()}
    ranked = sorted((by_id[cid] for cid in a.ranking), key=CandidateReport.rank_key)
    if judgement and judgement.winner and not by_id[judgement.winner].flags:
        ranked.sort(key=lambda r: r.candidate_id != judgement.winner)
    chosen = next((r for r in ranked if not r.flags), None)
    best = chosen or (ranked[0] if ranked else None)
    judge_used = judgement is not None and judgement.verdicts > 0
    factor = 1.0 if not judge_used or judgement.consistent else JUDGE_TIE_FACTOR
    verified = verified_share(best.checked, best.supported) if best else 0.0
    score = consensus(verified, a.agreement, factor)
    reasons = _reasons(a, ranked, chosen, score)
    decided_by = _decided_by(a, ranked, chosen)
    halluc = tuple(Hallucination(r.candidate_id, r.role, c.text, c.reason) for r in ranked for c in r.flags)
    details = _details(a, by_id, best, verified, factor, judgement, score)
    return Decision(
        chosen_candidate_id=chosen.candidate_id if chosen else None,
        chosen_role=chosen.role if chosen else None,
        response=chosen.text if chosen else safe_reply,
        consensus_score=score,
        escalate=bool(reasons),
        escalation_reasons=reasons,
        decided_by=decided_by,
        hallucinations=halluc,
        hallucinated_roles=tuple(sorted({r.role for r in ranked if r.flags})),
        agreement=a.agreement,
        claims_checked=sum(r.checked for r in ranked),
        claims_supported=sum(r.supported for r in ranked),
        judge_used=judge_used,
        summary=_summary(chosen, ranked, decided_by, score, reasons),
        details=details,
    )


def _judge_flag(r: CandidateReport, j: Judgement) -> CandidateReport:
    claim = Claim("(whole answer)", "judge", "unsupported", f"LLM judge, in both orders: {j.reason or 'hallucinated'}", ("judge",))
    return replace(r, claims=r.claims + (claim,))


def _reasons(a: Assessment, ranked, chosen, score: float) -> tuple[str, ...]:
    reasons = [f"needs_human:{n}" for n in a.needs]
    if not ranked:
        reasons.append("all_providers_failed")
    elif chosen is None:
        reasons.append("no_acceptable_answer")
    if score < a.escalate_below:
        reasons.append("low_consensus")
    if chosen is not None and HANDOFF.search(chosen.text):
        reasons.append("handoff_promised")
    if reasons and a.injection:
        reasons.append("prompt_injection")
    return tuple(reasons)


#: An answer that tells the customer a person will take it from here. When it is the one
#: sent, somebody must actually be told: the verdict escalates.
HANDOFF = guarded(
    r"\b(?:will|'ll|shall)\s+(?:follow[\s-]up|get back to you|reach out|contact you|call you)"
    r"|\b(?:flagging|passing|forwarding|escalating|handing)\s+(?:it|this|that|your \w+)\b"
    r"|\b(?:pass(?:ed)?|forward(?:ed)?|hand(?:ed)?)\s+(?:it|this|that|your \w+)\s+(?:on\s+)?to\s+(?:the|our)\s+(?:owner|team|manager|staff)"
    r"|\b(?:nos pondremos en contacto|te contactar[áa]|le contactar[áa]|un miembro de nuestro equipo)",
    re.IGNORECASE,
)


def _decided_by(a: Assessment, ranked, chosen) -> str:
    if not ranked:
        return "none"
    if chosen is None:
        return "fallback"
    if len(ranked) == 1 or (_one_source(ranked) and not any(r.flags for r in ranked)):
        return "single"  # one answer, or several from one model: nothing independent agreed
    if all(not r.flags for r in ranked) and a.agreement >= 0.5:
        return "agreement"
    return "critic"


def _details(a: Assessment, by_id, best, verified, factor, judgement, score) -> dict:
    return {
        "formula": "consensus = V * (0.75 + 0.25 * A) * J",
        "V": round(verified, 4), "A": a.agreement, "J": factor,
        "confidence": confidence_for(score, a.escalate_below, a.trust_above),
        "best_candidate_id": best.candidate_id if best else None,
        "best_role": best.role if best else None,
        "needs_human": list(a.needs),
        "prompt_injection": a.injection,
        "needs_judge": a.needs_judge,
        "judge": None if judgement is None else {
            "winner": judgement.winner, "consistent": judgement.consistent,
            "hallucinated": list(judgement.hallucinated), "verdicts": judgement.verdicts},
        "candidates": {cid: {
            "role": r.role, "provider": r.provider, "status": r.status, "usable": r.usable,
            "checked": r.checked, "supported": r.supported, "flagged": len(r.flags),
            "completeness": r.completeness, "claims": [c.as_dict() for c in r.claims],
        } for cid, r in sorted(by_id.items())},
    }


def _summary(chosen, ranked, decided_by, score, reasons) -> str:
    head = f"chose {chosen.role} ({decided_by})" if chosen else f"no answer chosen ({decided_by})"
    parts = [head, f"consensus {score:.2f}"]
    for r in ranked:
        if r.flags:
            parts.append(f"{r.role}: {len(r.flags)} flagged, e.g. {r.flags[0].reason}")
    if reasons:
        parts.append("escalate: " + ", ".join(reasons))
    return "; ".join(parts)
