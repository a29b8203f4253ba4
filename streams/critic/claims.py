"""Extract an answer's factual claims and check each against the facts.

``check_answer(text, ctx)`` guarantees: the result is a deterministic tuple of ``Claim`` in text
order, one per distinct claim (a value repeated in one answer is one claim); every flagged
claim's reason cites the contradicting fact or says that no fact or computation supports it.
Courtesy, refusals and clarifying questions produce no claims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import Optional

from .arithmetic import Derived
from .claim import Claim
from .facts import FactBook, PricedFact
from .lexicon import find_foods, find_subjects, food_core
from .mentions import Mention, mentions
from .ages import bracket_claims
from .policies import (ROUTING, affirmation_claims, age_claims, availability_claims, booking_claims, minimum_claims,
                       negated, promise_claims, setup_claims, topic_claims)

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\s+[—–]\s+|\n+")
_AVAILABLE = re.compile(r"\b(yes|available|offer|serve|can (prepare|cook|add|do|make)|include|option|upgrade|add|"
                        r"one of our|we have|podemos|ofrecemos|tenemos|claro|s[ií]|incluid)", re.I)
_CONDITIONAL = re.compile(r"\?|\bif\b|as long as|\bunless\b|\bsi\b|\bskip", re.I)
_INCLUDED = re.compile(r"\b(included|includes|include|comes? with|free|complimentary|no extra|at no (extra )?(charge|cost)|"
                       r"incluid[oa]s?|incluye|sin costo|gratis)\b", re.I)
_UPGRADE_WORD = re.compile(r"upgrade|premium|extra\b|add-on|add on|additional|mejora|adicional", re.I)
_GENERIC_FOODS = frozenset({"vegetables", "noodles", "salad", "fried rice", "dessert", "drinks", "mushrooms", "white fish"})
_COMPUTE_CUE = re.compile(r"[×*=+]|\bx\b|total|plus|altogether|in all|comes? to|\bsum\b|\bwith\b|including|"
                          r"en total|\bmás\b|\bfor \d|\bpara \d|would be|ser[ií]a|makes|brings", re.I)
_AVAILABILITY_VERB = re.compile(r"\b(have|offer|serve|carry|make|do|available|on (our|the) menu|option|tenemos|ofrecemos|servimos|"
                                r"disponible|men[uú]|hacemos|preparamos)\b", re.I)
_CLAUSE = re.compile(r",|;|—|–|\bbut\b|\bpero\b|\bhowever\b|\bsin embargo\b", re.I)
_PICK = re.compile(r"(choose|chooses|pick|picks|elige|eligen|escoge|escogen|get|gets)\s+$", re.I)


@dataclass(frozen=True)
class CheckContext:
    """What every answer to one question is checked against."""

    book: FactBook
    derived: Derived
    question: str
    question_phones: frozenset
    question_foods: frozenset
    needs: tuple[str, ...]
    answer_products: frozenset = frozenset()
    asked_words: frozenset = frozenset()


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 0.011


def _in(v: float, values) -> bool:
    return any(_close(v, x) for x in values)


def _money(v: float) -> str:
    return f"${v:,.2f}".replace(".00", "")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


_BOUNDARY = re.compile(r"[.!?;](?=\s|$)|\n")


@lru_cache(maxsize=256)
def _bounds(text: str) -> tuple[list[int], list[int]]:
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    return [0] + ends, ends + [len(text)]


def _sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos`` (a "." inside "$1.75" is not a boundary)."""
    starts, ends = _bounds(text)
    i = bisect_right(starts, pos) - 1
    return text[starts[i]:ends[i]].strip()


def check_answer(text: str, ctx: CheckContext) -> tuple[Claim, ...]:
    """All claims of one answer with their verdicts (see module docstring)."""
    t, found = mentions(text)
    sents = sentences(t)
    ctx = replace(ctx, answer_products=_answer_products(found, ctx))
    claims: list[Claim] = []
    claims += [c for m in found if (c := _mention_claim(t, m, ctx)) is not None]
    claims += _arithmetic_claims(t, found, ctx)
    food = _food_claims(t, ctx)
    claims += food
    if ctx.asked_words and not any(c.flagged for c in food if c.kind == "menu"):
        claims += _asked_item_claims(t, sents, ctx, set())
    claims += topic_claims(sents, ctx.book) + minimum_claims(sents, ctx.book) + booking_claims(sents, ctx.book)
    claims += setup_claims(sents, ctx.book) + age_claims(sents, ctx.book) + availability_claims(sents, ctx.book)
    claims += bracket_claims(t, found, sents, ctx.book)
    claims += promise_claims(sents, ctx.book, ctx.needs) + affirmation_claims(t, ctx.needs)
    claims += _routing_claims(t, ctx)
    return _dedupe(claims)


def _answer_products(found, ctx: CheckContext) -> frozenset:
    """When the customer gave no guest counts, counts the answer states × per-person prices (and pair sums)."""
    if ctx.derived.question_gave_counts or not ctx.derived.per_person:
        return frozenset()
    ns = {m.value for m in found if m.kind in ("people", "number") and isinstance(m.value, float) and 0 < m.value <= 500}
    products = {round(n * p, 2) for n in ns for p in ctx.derived.per_person}
    return frozenset(products | {round(a + b, 2) for a in products for b in products})


def _dedupe(claims: list[Claim]) -> tuple[Claim, ...]:
    seen, out = set(), []
    for c in claims:
        k = (c.key, c.status)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return tuple(out)


def _mention_claim(t: str, m: Mention, ctx: CheckContext) -> Optional[Claim]:
    sent = _sentence_at(t, m.start)
    book, der = ctx.book, ctx.derived
    if m.kind == "phone":
        ok = m.value in book.phones() or m.value in ctx.question_phones
        return _c(sent, m, ok, f"phone {m.value} appears in the facts" if ok else f"no fact gives the phone number {m.value}")
    if m.kind == "email":
        ok = m.value in book.text or m.value in ctx.question.lower()
        return _c(sent, m, ok, "e-mail appears in the facts" if ok else f"no fact gives the e-mail {m.value}")
    if m.kind == "money":
        return _money_claim(sent, m, ctx)
    v = m.value
    kind = "proteins" if m.kind == "number" and _PICK.search(t[max(0, m.start - 12):m.start]) else m.kind
    if kind == "proteins":
        counts = book.protein_counts()
        if counts and not _in(v, counts):
            return _c(sent, m, False, f"facts say guests choose {', '.join(f'{c:g}' for c in sorted(counts))} proteins", "contradicted")
        return _c(sent, m, True, "matches the number of proteins in the facts") if counts else None
    if kind == "percent":
        ok = _in(v, book.values("percent"))
        return _c(sent, m, ok, f"{v:g}% appears in the facts" if ok else f"no fact gives {v:g}%")
    if kind in ("days", "hours", "weeks", "minutes"):
        ok = _in(v, book.values(kind)) or _in(v, der.question_numbers)
        return _c(sent, m, ok, f"{v:g} {kind} appears in the facts" if ok else f"no fact gives {v:g} {kind}")
    pool = set(book.all_numbers()) | der.question_numbers | set(der.distance) | set(der.people)
    if kind == "distance":
        pool = book.values("distance") | der.question_distances | set(der.distance) | book.values("number")
    ok = _in(v, pool)
    return _c(sent, m, ok, f"{v:g} comes from the facts or the question" if ok else f"no fact, question value or computation gives {v:g} ({kind})")


def _c(sent: str, m: Mention, ok: bool, reason: str, bad: str = "unsupported") -> Claim:
    return Claim(sent[:200], m.kind, "supported" if ok else bad, reason, (m.kind, m.value))


def _unit_conflict(unit: Optional[str], fact: PricedFact) -> Optional[str]:
    flat_subject = fact.subject in ("deposit", "minimum", "chef") and fact.unit != "per_person"
    if unit == "per_person" and (fact.unit in ("per_event", "flat", "per_order") or flat_subject):
        return f"{fact.subject} is charged once ({fact.key}: {fact.text}), not per person"
    if unit in ("per_event", "per_order", "flat") and fact.unit == "per_person":
        return f"{fact.subject} is charged per person ({fact.key}: {fact.text}), not {unit.replace('_', ' ')}"
    return None


def _money_claim(sent: str, m: Mention, ctx: CheckContext) -> Claim:
    v, book, der = m.value, ctx.book, ctx.derived
    key = ("money", v, m.subject)
    facts = book.prices_for(m.subject) if m.subject else []
    same = [p for p in facts if _close(p.value, v)]
    if same:
        conflict = _unit_conflict(m.unit, same[0])
        if conflict:
            return Claim(sent[:200], "money", "contradicted", conflict, key + (m.unit,))
        return Claim(sent[:200], "money", "supported", f"matches {same[0].key}: {same[0].text}", key)
    if _in(v, der.money) and (not (facts or m.unit == "per_person") or _COMPUTE_CUE.search(sent)):
        why = next(w for x, w in der.money.items() if _close(x, v))
        return Claim(sent[:200], "money", "supported", f"computed from the facts: {why}", ("money", v, None))
    if _in(v, ctx.answer_products):
        return Claim(sent[:200], "money", "supported", "the answer's own guest count × a per-person price", ("money", v, None))
    if facts:
        p = facts[0]
        return Claim(sent[:200], "money", "contradicted", f"{_money(v)} contradicts {p.key}: {p.text}", key)
    if _in(v, book.values("money")):
        owners = {p.subject for p in book.priced if _close(p.value, v)}
        said = {x for _, _, x in find_subjects(sent)} | {x for _, _, x in find_foods(sent)}
        if owners and len(said) == 1 and not owners & said and "person" not in owners and not _COMPUTE_CUE.search(sent):
            p = next(p for p in book.priced if _close(p.value, v))
            return Claim(sent[:200], "money", "unsupported", f"{_money(v)} is the {p.subject} price ({p.key}: {p.text}), "
                         f"not a {'/'.join(sorted(said))} amount", key)
        return Claim(sent[:200], "money", "supported", f"{_money(v)} appears in the facts", ("money", v, None))
    return Claim(sent[:200], "money", "unsupported", f"no fact or computation gives {_money(v)}", key)


def _arithmetic_claims(t: str, found: list[Mention], ctx: CheckContext) -> list[Claim]:
    """Totals that skip the minimum or the second chef the facts require."""
    der = ctx.derived
    said = [m.value for m in found if m.kind == "money"]
    out = []
    if der.minimum is not None:
        below = [v for v in der.complete_food if v < der.minimum]
        hit = [v for v in below if _in(v, said)]
        if hit and not _in(der.minimum, said):
            m = ctx.book.prices_for("minimum")[0]
            out.append(Claim(_sentence_at(t, t.find(_num(hit[0], t))), "arithmetic", "contradicted",
                             f"{_money(hit[0])} is below the minimum ({m.key}: {m.text}); the total is {_money(der.minimum)}",
                             ("below_minimum", hit[0])))
    if der.capacity and der.guests and der.chef_fee and der.guests > der.capacity:
        one_chef = re.search(r"one chef (can|could|will)?\s?(\w+ )?(handle|cover|serve|manage|do)\b|one chef is (enough|plenty|fine)|"
                             r"just one chef|only (need )?one chef|un solo chef", t, re.I)
        one_sent = _sentence_at(t, one_chef.start()) if one_chef else ""
        if (one_chef and not negated(one_sent) and not re.search(r"second|another|additional|extra|two chefs|up to", one_sent, re.I)) or \
                (any(_in(v, said) for v in der.complete_food) and not _in(der.chef_fee, said)):
            out.append(Claim(t[:200], "arithmetic", "contradicted",
                             f"{der.guests:g} guests exceed one chef's {der.capacity:g}; a second chef costs {_money(der.chef_fee)}",
                             ("capacity",)))
    out += _radius_claims(t, ctx)
    return out


_SERVE_YES = re.compile(r"^\W*(yes|yep|sure|absolutely|of course|no problem|we can|we do|we'?ll be there|s[ií]\b|claro)", re.I)
_SERVE_NO = re.compile(r"outside (of )?(our|the|your)|beyond (our|the) (\d+[- ]mile )?(service|max|range|area|radius|limit)|too far|"
                       r"out of (our )?(range|area)|can'?t (travel|come|go) (that|so) far|fuera de (nuestr|el|la)", re.I)


def _radius_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """Saying yes to a distance beyond the service area, or no to one inside it."""
    der = ctx.derived
    if der.radius is None or not der.question_distances:
        return []
    far = max(der.question_distances)
    if far > der.radius and _SERVE_YES.search(t):
        return [Claim(t[:200], "distance", "contradicted", f"{far:g} miles is beyond the {der.radius:g}-mile service area",
                      ("radius", "yes"))]
    if far <= der.radius and _SERVE_NO.search(t) and re.search(r"mile|milla|distance|area|travel", t, re.I):
        return [Claim(t[:200], "distance", "contradicted", f"{far:g} miles is inside the {der.radius:g}-mile service area",
                      ("radius", "no"))]
    return []


def _num(v: float, t: str) -> str:
    s = f"{v:,.2f}".replace(".00", "")
    return s if s in t else f"{v:g}"


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Words of lexicon foods: those items are judged by the lexicon check (with translations)."""
    from .lexicon import food_forms
    return frozenset(w for form in food_forms() for w in (form.split() + [form.split()[-1].rstrip("s")]))


def _asked_item_claims(t: str, sents: list[str], ctx: CheckContext, flagged: set[str]) -> list[Claim]:
    """The item the customer asked about, even outside the lexicon: offering it needs a fact."""
    known = _lexicon_words()
    missing = {w for w in ctx.asked_words if w not in ctx.book.text and w not in known}
    out = []
    for s in sents:
        low = s.lower()
        hit = next((w for w in sorted(missing) if re.search(rf"\b{re.escape(w)}", low)), None)
        if hit and not negated(s) and not (flagged & {hit}) and _AVAILABLE.search(s):
            out.append(Claim(s[:200], "menu", "unsupported", f"'{hit}' is not on the menu: no fact mentions it", ("menu", hit)))
    return out


def _food_claims(t: str, ctx: CheckContext) -> list[Claim]:
    out = []
    for start, end, canon in find_foods(t):
        sent = _sentence_at(t, start)
        offered = canon in ctx.book.foods or any(core in ctx.book.text for core in food_core(canon))
        priced = ctx.book.prices_for(canon)
        if offered and priced and _INCLUDED.search(sent) and not _UPGRADE_WORD.search(sent) and not negated(sent) \
                and "$" not in sent:
            p = priced[0]
            out.append(Claim(sent[:200], "menu", "contradicted", f"{canon} is a paid extra ({p.key}: {p.text})", ("menu", canon, "free")))
        elif offered and canon not in _GENERIC_FOODS and _denied(t, start, sent):
            seg = next(iter(ctx.book.segments_with(r"|".join(food_core(canon)))), ("facts", canon))
            out.append(Claim(sent[:200], "menu", "contradicted", f"{canon} is offered ({seg[0]}: {seg[1]})", ("menu", canon, "not")))
        elif offered:
            out.append(Claim(sent[:200], "menu", "supported", f"{canon} appears in the facts", ("menu", canon)))
        elif negated(sent):
            out.append(Claim(sent[:200], "menu", "supported", f"{canon} is correctly not offered", ("menu", canon, "not")))
        elif canon in ctx.question_foods and _CONDITIONAL.search(sent) and not _AVAILABLE.search(sent):
            continue
        else:
            out.append(Claim(sent[:200], "menu", "unsupported", f"{canon} is not on the menu: no fact mentions it", ("menu", canon)))
    return out


def _denied(t: str, pos: int, sent: str) -> bool:
    """The clause holding ``pos`` says the item is not offered ("we don't have X", "X isn't on the menu")."""
    start = t.find(sent) if sent in t else 0
    offset = pos - start
    clauses, at = _CLAUSE.split(sent), 0
    for clause in clauses:
        at = sent.find(clause, at)
        if at <= offset <= at + len(clause):
            return negated(clause) and bool(_AVAILABILITY_VERB.search(clause))
    return False


def _routing_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """When a person is needed, handing over to staff is the substance of a good answer."""
    if ctx.needs and ROUTING.search(t):
        return [Claim(t[:120], "routing", "supported", "routes the customer to staff", ("routing",))]
    return []
