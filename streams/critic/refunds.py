"""Cancellation tiers: how much of a deposit comes back, by how long before the event.

``refund_tiers(book)`` reads tiers such as "21+ days: full refund; 8–20 days: half; 7 days or less:
no refund", "refundable until 10 days before the event, after that non-refundable" or "refundable
if you cancel 72 hours or more before" into (from_days, to_days, fraction) triples.
``refund_claims(sentences, book, question)`` guarantees, when the facts give such tiers:

- a full refund promised from an earlier point than the facts allow ("7 or more days", "at least
  48 hours", "right up until the day of the event") is contradicted;
- for the customer's own timing ("if we cancel 13 days before"), an outcome other than the tier's
  (full back when only half comes back, nothing when all of it does) is contradicted;
- a sentence that states a condition ("for a full refund you'd need to cancel 21 days before")
  is a restated rule, not an outcome.
"""

from __future__ import annotations

import re
from typing import Optional

from .claim import Claim
from .facts import FactBook
from .fold import Folded
from .numbers import digitize
from .policies import cite, make_claim

_I = re.I
_UNIT = r"(days?|d[ií]as?|hours?|horas?|hrs?|weeks?|semanas?)"
_SPANS = (  # (pattern, kind) with the number(s) in groups 1 (and 2) and the unit last
    (Folded(rf"(\d+)\s?[–—-]\s?(\d+)\s?{_UNIT}"), "range"),
    (Folded(rf"(\d+)\s?(?:\+|or more|or longer|o m[aá]s)\s?(?:business |calendar )?{_UNIT}|"
                rf"at least (\d+)\s(?:business |calendar )?{_UNIT}|(\d+)\s{_UNIT}'?(?: notice)? or more|al menos (\d+) {_UNIT}"), "from"),
    (Folded(rf"(?:more than|over|longer than|m[aá]s de)\s(\d+)\s{_UNIT}"), "above"),
    (Folded(rf"(?:until|up to|hasta)\s(\d+)\s{_UNIT}\s(?:before|prior|antes)"), "from"),
    (Folded(rf"(\d+)\s{_UNIT}\s(?:or less|or fewer|o menos)|(?:within|inside|under|less than|fewer than|dentro de|menos de)\s"
                rf"(?:the\s)?(\d+)\s{_UNIT}"), "below"),
)
_FULL = Folded(r"\bfull\b|\bfully\b|\bthe whole\b|in full|\bentire\b|\ball of (it|your|the)\b|100\s?%|completo|(reembolso|devoluci[oó]n) total\b|"
                   r"\b(get|have|receive)s? (it|(?:the|your) (?:\$\d[\d,.]* )?deposit|the \$\d[\d,.]*|your \$\d[\d,.]*|(all )?(your|the) money) back\b|"
                   r"(deposit|it) is refundable|\brefundable\b|\bdeposits? (?:is |are |gets |will be |would be )?refunded\b|\breembolsad[oa]\b")
_HALF = Folded(r"\bhalf\b|\b50\s?%|\bmitad\b")
_NONE = Folded(r"no refund|non-?refundable|not refund|forfeit|(?:converts?|converted|turns?|rolls?) (?:in)?to (?:a |an )?(?:\w+ )?credit|\blose\b|\blost\b|nothing (back|is refunded)|won'?t get|"
                   r"(?:isn'?t|is not|aren'?t|are not|not|never|no longer) (?:\w+ )?refundable|"
                   r"don'?t get|isn'?t refunded|aren'?t refunded|not be refunded|(?:can'?t|cannot|won'?t) be refunded|no (se )?reembols|sin reembolso|se pierde")
_OTHERWISE = re.compile(r"\s*(?:otherwise|or else|else|if not|de lo contrario|si no)\b", re.I)
_REFUND_TOPIC = Folded(r"refund|deposit|back\b|forfeit|reembols|dep[oó]sito|devol")
_CONDITION = Folded(r"\bonly\b|\bif\b|after that|otherwise|after this|despu[eé]s de eso|de lo contrario|\bnotice\b|\baviso\b|\bsolo\b|\bfor a (full|complete)\b|\byou'?d (need|have) to\b|\bneed to cancel|\bmust cancel|\bhave to cancel|"
                        r"\bas long as\b|\bprovided\b|\bonly if\b|\bsi cancel|\bpara (un|el) reembolso")


#: "if you cancel 5 days before": the customer's own timing said back is their case, not a condition of the policy
_BARE_DAYS = re.compile(rf"(\d+)\s{_UNIT}\s(?:before|prior|out|ahead|antes)", re.I)


def _days(n: str, unit: str) -> float:
    u = unit.lower()
    v = float(n)
    return v / 24 if u.startswith(("h", "hr")) else v * 7 if u.startswith(("w", "sem")) else v


def _spans(text: str) -> list[tuple[float, float, int, int]]:
    """(from_days, to_days, start, end) for every day window in ``text``, ranges first."""
    out, taken = [], []
    for rx, kind in _SPANS:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            groups = [g for g in m.groups() if g]
            unit = groups[-1]
            if kind == "range":
                lo, hi = _days(groups[0], unit), _days(groups[1], unit)
            elif kind == "from":
                lo, hi = _days(groups[0], unit), float("inf")
            elif kind == "above":
                lo, hi = _days(groups[0], unit) + (1 / 24 if unit.lower().startswith("h") else 1), float("inf")
            else:
                n = _days(groups[0], unit)
                lo, hi = 0.0, n if re.search(r"or less|or fewer|o menos", m.group(), _I) else n - 1e-9
            out.append((lo, hi, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])


#: "Under 48 hours: 75% of the estimated total charged" says what the customer pays, not what comes back.
_CHARGED = Folded(r"\b(also )?(charged|billed)\b|\bse cobra|\bcobramos\b|\bse factura|"
                  r"\d\s?% (of|del?) (the |your |el |la )?(estimated |remaining |event |food |final |estimado |restante )*"
                  r"(total|balance|bill|invoice|saldo)")
_BACK = Folded(r"refund|reembols|\bback\b|devol|credit")


def _fraction(text: str) -> Optional[float]:
    if _CHARGED.search(text) and not _BACK.search(text):
        return 0.0
    if _NONE.search(text):
        return 0.0
    if _HALF.search(text):
        return 0.5
    if _FULL.search(text):
        return 1.0
    return None


def refund_tiers(book: FactBook) -> tuple[list[tuple[float, float, float]], Optional[tuple[str, str]]]:
    """(tiers, the fact they come from); no tiers when the facts do not give any."""
    if "refund_tiers" not in book.memo:
        found: tuple[list, Optional[tuple[str, str]]] = ([], None)
        for key, text in book.facts.items():
            if not re.search(r"refund|forfeit|reembols", text, _I):
                continue
            t = digitize(text)
            tiers: list[tuple[float, float, float]] = []
            for clause in re.split(r"[.;]\s|\n|,?\s\bbut\b|,?\s\bpero\b", t):
                spans = _spans(clause)
                frac = _fraction(clause)
                after = re.search(r"after that|otherwise|after this|despu[eé]s de eso", clause, _I)
                if spans and frac is not None and not after:
                    lo, hi = spans[0][0], spans[0][1]
                    tiers.append((lo, hi, frac))
                elif frac is not None and tiers and after:
                    prev = tiers[-1]  # "after that it is non-refundable": everything before the last tier
                    tiers.append((0.0, prev[0] - 1e-9, frac))
            inside = re.search(r"inside (\d+) (hours?|days?)[^.;]*(forfeit|non-?refundable|no refund)", t, _I)
            if inside and not any(lo == 0.0 for lo, _, _ in tiers):
                tiers.append((0.0, _days(inside.group(1), inside.group(2)) - 1e-9, 0.0))
            if len(tiers) == 1 and tiers[0][2] == 1.0 and tiers[0][0] > 0 and tiers[0][1] == float("inf"):
                tiers.append((0.0, tiers[0][0] - 1e-9, 0.0))  # "refundable if cancelled 14+ days before": not inside 14
            if tiers and any(f == 1.0 for _, _, f in tiers):
                found = (tiers, (key, text))
                break
        book.memo["refund_tiers"] = found
    return book.memo["refund_tiers"]


def _tier(tiers, days: float) -> Optional[float]:
    for lo, hi, f in tiers:
        if lo - 1e-6 <= days <= hi + 1e-6:
            return f
    return None


_ASKED = Folded(rf"(\d+)\s{_UNIT}\s(?:before|prior|out|ahead|in advance|antes)|(\d+)\s{_UNIT}'?\s?notice|"
                rf"\b(?:event|party|it|booking)(?:'s| is)\s(?:\w+\s)?(\d+)\s{_UNIT}\s(?:from now|away)\b|\b(?:event|party) is in (\d+)\s{_UNIT}\b")


_DAY_BEFORE = Folded(r"\b(the )?(day|night) before\b|\bel d[ií]a (antes|anterior)\b|\bla noche anterior\b")


def question_days(question: str) -> Optional[float]:
    """How long before the event the customer would cancel, if the question says."""
    m = _ASKED.search(digitize(question))
    if not m:
        return 1.0 if _DAY_BEFORE.search(question) and re.search(r"cancel", question, _I) else None
    g = [x for x in m.groups() if x]
    return _days(g[0], g[1])


def refund_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    tiers, seg = refund_tiers(book)
    if not tiers:
        return []
    full_from = min(lo for lo, _, f in tiers if f == 1.0)
    asked = question_days(question)
    expected = _tier(tiers, asked) if asked is not None else None
    out = []
    for s in sentences:
        d = digitize(s)
        if not _REFUND_TOPIC.search(d):
            continue
        said_spans: list = []  # "if you cancel more than 7 days before, the full deposit is refunded": the window of a clause before
        for clause in re.split(r"[;,]|\bbut\b|\bpero\b|\s[—–]\s|\(|\)", d):
            frac = _fraction(clause)
            if frac is None:
                said_spans = _spans(clause)  # carried to the next clause only
                continue
            if _OTHERWISE.match(clause):
                said_spans = []
                continue  # "cancel up to 21 days before and it's refunded, otherwise it turns into a credit": the rest of the days
            spans, said_spans = _spans(clause) or said_spans, []
            until_event = re.search(r"until the (day|date) of|up to the (day|date) of|right up until|any ?time|hasta el d[ií]a", clause, _I)
            if frac == 1.0 and until_event and full_from > 0:
                out.append(make_claim(s, "policy", "contradicted", f"a full refund needs {full_from:g} days or more ({cite(seg)})",
                                      ("refund_tier", "from")))
                break
            clash = _clash(tiers, spans[0], frac) if spans else None
            if clash is not None:
                out.append(make_claim(s, "policy", "contradicted",
                                      f"cancelling {_window(clash)} before gives {_say(clash[2])} ({cite(seg)})", ("refund_tier", "span")))
                break
            own_case = asked is not None and any(abs(_days(n, u) - asked) < 1e-6 for n, u in _BARE_DAYS.findall(d))
            if expected is not None and not spans and (not _CONDITION.search(d) or own_case) and abs(frac - expected) > 1e-6 \
                    and not (frac == 1.0 and _HALF.search(clause)):
                out.append(make_claim(s, "policy", "contradicted",
                                      f"cancelling {asked:g} days before gives {_say(expected)} ({cite(seg)})", ("refund_tier", "case")))
                break
    return out


def _clash(tiers, span, frac: float):
    """A fact tier that overlaps the answer's window but pays back another share, if any."""
    lo, hi = span[0], span[1]
    for t in tiers:
        overlap = min(hi, t[1]) - max(lo, t[0])
        if overlap > 0.5 and abs(t[2] - frac) > 1e-6:
            return t
    return None


def _window(t) -> str:
    if t[1] == float("inf"):
        return f"{t[0]:g} or more days"
    return f"{t[0]:g}–{t[1] + 1e-6:.0f} days" if t[0] > 0 else f"under {t[1] + 1e-6:.0f} days"


def _say(f: float) -> str:
    return "a full refund" if f == 1.0 else "half the deposit back" if f == 0.5 else "no refund"
