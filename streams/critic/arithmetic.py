"""Business arithmetic: the amounts a correct answer may compute from the facts and the question.

``derive(book, question_text)`` guarantees: every derived amount carries the formula that
produced it; only typed operations are used (guests × per-person price, billable miles × rate,
percentage × food total, food total floored at the minimum, second-chef fee when guests exceed a
chef's capacity), so an amount that happens to be some product of unrelated numbers is not
"supported". Money amounts mentioned only by the customer are never inputs: a price the
customer proposes is not a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .facts import FactBook
from .mentions import mentions

_PEOPLE_NOUN = re.compile(r"[\s-]?(adults?|adultos?|kids?|children|child|niños?|guests?|people|personas?|invitados?|-?person)", re.I)
_PARTY_OF = re.compile(r"(party|group|grupo)\s+(of|de)\s+$|(we're|we are|somos|seremos)\s+$", re.I)


_OF_US = re.compile(r"\s(of us|de nosotros)\b", re.I)


@dataclass
class Derived:
    """Supported computed values by kind, each with the formula that gives it."""

    money: dict[float, str] = field(default_factory=dict)
    distance: dict[float, str] = field(default_factory=dict)
    people: dict[float, str] = field(default_factory=dict)
    food_totals: dict[float, str] = field(default_factory=dict)
    complete_food: set[float] = field(default_factory=set)
    minimum: Optional[float] = None
    guests: Optional[float] = None
    capacity: Optional[float] = None
    chef_fee: Optional[float] = None
    radius: Optional[float] = None
    question_numbers: set[float] = field(default_factory=set)
    per_person: tuple[float, ...] = ()
    question_gave_counts: bool = False
    question_days: tuple[float, ...] = ()
    question_distances: set[float] = field(default_factory=set)

    def add(self, kind: str, value: float, why: str) -> None:
        table = getattr(self, kind)
        table.setdefault(round(value, 2), why)


def _money(v: float) -> str:
    return f"${v:,.2f}".replace(".00", "")


def question_counts(question: str) -> dict[str, list[float]]:
    """Guest counts the customer gave: adults, kids, guests (untyped) and other small numbers."""
    text, found = mentions(question)
    out: dict[str, list[float]] = {"adult": [], "kid": [], "guest": [], "other": [], "distance": [], "time": []}
    for m in found:
        if not isinstance(m.value, float):
            continue
        if m.kind == "distance":
            out["distance"].append(m.value)
        elif m.kind == "people":
            noun = _PEOPLE_NOUN.match(text[m.end:m.end + 15]).group(1).lower()
            bucket = "adult" if noun.startswith("adult") else "kid" if noun[:3] in ("kid", "chi", "niñ") else "guest"
            out[bucket].append(m.value)
        elif m.kind == "number" and (_PARTY_OF.search(text[max(0, m.start - 12):m.start]) or _OF_US.match(text[m.end:])):
            out["guest"].append(m.value)
        elif m.kind == "number":
            out["other"].append(m.value)
        elif m.kind in ("age", "days", "weeks", "hours"):
            out["time"].append(m.value)
    return out


def derive(book: FactBook, question: str) -> Derived:
    """All typed amounts derivable from ``book`` and the customer's counts and distances."""
    d = Derived()
    counts = question_counts(question)
    d.question_numbers = {v for vs in counts.values() for v in vs}
    d.question_distances = set(counts["distance"])
    d.question_days = tuple(m.value for m in mentions(question)[1] if m.kind == "days")
    adult = sorted({p.value for p in book.prices_for("adult")}) or sorted({p.value for p in book.prices_for("person")})
    kid = sorted({p.value for p in book.prices_for("kid")})
    d.per_person = tuple(sorted(set(adult) | set(kid)))
    d.question_gave_counts = bool(counts["adult"] or counts["kid"] or counts["guest"])
    _food(d, counts, adult, kid)
    _upgrades(d, book, counts)
    _capacity(d, book)
    _minimum(d, book)
    _question_totals(d, question, book)
    _percentages(d, book)
    _travel(d, book, counts["distance"])
    return d


def _food(d: Derived, counts, adult, kid) -> None:
    adults = counts["adult"] + (counts["guest"] if not counts["kid"] else [])
    for a in adults:
        for pa in adult:
            d.add("money", a * pa, f"{a:g} × {_money(pa)}")
            d.add("food_totals", a * pa, f"{a:g} × {_money(pa)}")
            if not counts["kid"]:
                d.complete_food.add(round(a * pa, 2))
    for k in counts["kid"]:
        for pk in kid:
            d.add("money", k * pk, f"{k:g} × {_money(pk)}")
            for a in counts["adult"]:
                for pa in adult:
                    total = a * pa + k * pk
                    why = f"{a:g} × {_money(pa)} + {k:g} × {_money(pk)}"
                    d.add("money", total, why)
                    d.add("food_totals", total, why)
                    d.complete_food.add(round(total, 2))
    # "22 adults ... filet mignon for 5 adults": a second count of a type is a subset, not more guests
    guests = max(counts["adult"], default=0) + max(counts["kid"], default=0) or max(counts["guest"], default=0)
    if guests:
        d.guests = guests
        d.add("people", guests, "guest count")


def _upgrades(d: Derived, book: FactBook, counts) -> None:
    extras = [p for p in book.priced if p.subject not in ("adult", "kid", "minimum", "deposit", "travel", "chef", "service")]
    ns = set(counts["other"] + counts["adult"] + counts["guest"] + counts["kid"])
    for base, why in list(d.food_totals.items()):
        for p in extras:
            for n in ns:
                if n <= (d.guests or n):
                    d.add("money", n * p.value, f"{n:g} × {_money(p.value)}")
                    d.add("money", base + n * p.value, f"{why} + {n:g} × {_money(p.value)}")
    for p in extras:
        for n in ns:
            d.add("money", n * p.value, f"{n:g} × {_money(p.value)}")
        for base in book.prices_for("adult") + book.prices_for("kid"):
            each = base.value + p.value
            d.add("money", each, f"{_money(base.value)} + {_money(p.value)}")
            for n in ns:
                d.add("money", n * each, f"{n:g} × ({_money(base.value)} + {_money(p.value)})")


def _capacity(d: Derived, book: FactBook) -> None:
    for key, seg, m in book.mentions:
        if m.kind == "people" and re.search(r"chef", seg, re.I) and re.search(r"up to|max|hasta", seg, re.I):
            d.capacity = m.value
    fees = book.prices_for("chef")
    if fees:
        d.chef_fee = fees[0].value
    if d.capacity and d.guests:
        d.add("people", -(-d.guests // d.capacity), f"{d.guests:g} guests / {d.capacity:g} per chef")
    if d.capacity and d.chef_fee and d.guests and d.guests > d.capacity:
        for base, why in list(d.food_totals.items()):
            d.add("money", base + d.chef_fee, f"{why} + second chef {_money(d.chef_fee)}")
            d.add("food_totals", base + d.chef_fee, f"{why} + second chef {_money(d.chef_fee)}")


def _minimum(d: Derived, book: FactBook) -> None:
    mins = book.prices_for("minimum")
    if not mins:
        return
    d.minimum = mins[0].value
    for pa in book.prices_for("adult"):
        if pa.value > 0:
            need = -(-d.minimum // pa.value)
            d.add("people", need, f"{_money(d.minimum)} minimum / {_money(pa.value)} per adult")
    for base, why in list(d.food_totals.items()):
        if base < d.minimum:
            d.add("money", d.minimum, f"{why} is below the {_money(d.minimum)} minimum")
            d.add("food_totals", d.minimum, f"minimum {_money(d.minimum)}")


def _question_totals(d: Derived, question: str, book: FactBook) -> None:
    """A total the customer states ("a $1,000 party") is a base for percentages, never a price."""
    for m in mentions(question)[1]:
        if m.kind == "money" and m.unit is None and not m.subject and not book.prices_for("adult") == [m.value]:
            d.add("food_totals", m.value, f"the customer's {_money(m.value)}")
            d.add("money", m.value, f"the customer's {_money(m.value)}")


def _percentages(d: Derived, book: FactBook) -> None:
    for dep in book.prices_for("deposit"):
        for base, why in list(d.food_totals.items()):
            if base > dep.value:
                d.add("money", base - dep.value, f"{why} − {_money(dep.value)} deposit")
    for key, seg, m in book.mentions:
        if m.kind != "percent" or not re.search(r"total|invoice|bill|deposit|charge", seg, re.I):
            continue
        for base, why in list(d.food_totals.items()):
            part = round(base * m.value / 100, 2)
            d.add("money", part, f"{m.value:g}% of {_money(base)}")
            d.add("money", base - part, f"{_money(base)} − {m.value:g}%")
            if re.search(r"service|gratuity|charge", seg, re.I):
                d.add("money", base + part, f"{_money(base)} + {m.value:g}%")


_RADIUS = re.compile(r"up to|maximum|\bmax\b|radius|service area|serve|hasta|m[aá]ximo", re.I)
_FREE_ZONE = re.compile(r"free|gratis|included|no charge|complimentary|first", re.I)


def service_radius(book: FactBook) -> Optional[float]:
    """The farthest distance the facts say the business travels, if they say."""
    found = [m.value for _, seg, m in book.mentions
             if m.kind == "distance" and _RADIUS.search(seg) and not _FREE_ZONE.search(seg)]
    return max(found) if found else None


def _travel(d: Derived, book: FactBook, distances: list[float]) -> None:
    rated = [p for p in book.priced if p.unit == "per_mile"]
    rates = [p.value for p in rated]
    keys = {p.key for p in rated}
    free = [m.value for key, seg, m in book.mentions if m.kind == "distance" and
            (re.search(r"free|gratis|included|no charge|complimentary|first", seg, re.I) or key in keys)]
    d.radius = service_radius(book)
    for miles in distances:
        if d.radius is not None and miles > d.radius:
            continue  # no fee is "correct" for a place the business does not serve
        for f in free or [0.0]:
            billable = max(0.0, miles - f)
            d.add("distance", billable, f"{miles:g} − {f:g} free miles")
            for r in rates:
                d.add("money", billable * r, f"({miles:g} − {f:g}) × {_money(r)}")
                for base, why in list(d.food_totals.items()):
                    d.add("money", base + billable * r, f"{why} + travel")
