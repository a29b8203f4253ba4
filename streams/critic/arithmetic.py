"""Business arithmetic: the amounts a correct answer may compute from the facts and the question.

``derive(book, question_text)`` guarantees: every derived amount carries the formula that
produced it; only typed operations are used (guests × per-person price, billable miles × rate,
percentage × food total, food total floored at the minimum, second-chef fee when guests exceed a
chef's capacity), so an amount that happens to be some product of unrelated numbers is not
"supported". Money amounts mentioned only by the customer are never inputs: a price the
customer proposes is not a fact.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations, permutations
from typing import Optional

from schemas.context import human_key

from .ages import _ONE_AGE, age_brackets, kid_tiers, question_ages
from .dates import days_until
from .fold import guarded
from .records import record_amounts
from .facts import BASE_SUBJECTS, NAMES_NOTHING, FactBook, key_name, percent_bases
from .lexicon import TEEN_FORMS, YOUNG_NOUNS, find_foods, find_subjects, food_core
from .mentions import mentions
from .numbers import COUNT_WORDS, localize, money
from .places import named_place_fees, place_fees as fees_by_place
from .quantities import derive_quantities

_PEOPLE_NOUN = re.compile(r"[\s-]?(adults?|adultos?|kids?|children|child|niños?|guests?|people|personas?|invitados?|-?person|pax|ppl)", re.I)
_PARTY_OF = re.compile(r"(party|group|grupo)\s+(of|de)\s+$|(we're|we are|we'll be|we will be|somos|seremos)\s+(?:at\s+|exactly\s+|about\s+|around\s+|like\s+|only\s+|just\s+)?$", re.I)
_CONFIRMED = re.compile(r"\s(?:confirmed|rsvp'?d|rsvps|attending|coming|confirmados)\b", re.I)  # "we're at 52 confirmed"


_AGED_GROUP = re.compile(r"\s(\d+)[\s-]years?[\s-]olds\b", re.I)
_YOUNG_NOUN = re.compile(rf"\s(?:{YOUNG_NOUNS})\b", re.I)
_TEEN_NOUN = re.compile(rf"\s(?:{'|'.join(TEEN_FORMS)})\b", re.I)
_OF_US = re.compile(r"\s(of us|de nosotros)\b", re.I)


@dataclass
class Derived:
    """Supported computed values by kind, each with the formula that gives it."""

    counts: dict[str, list[float]] = field(default_factory=dict)  # question_counts(question): the customer's own counts
    money: dict[float, str] = field(default_factory=dict)
    distance: dict[float, str] = field(default_factory=dict)
    people: dict[float, str] = field(default_factory=dict)
    food_totals: dict[float, str] = field(default_factory=dict)
    grand_totals: dict[float, str] = field(default_factory=dict)  # food + travel
    complete_food: set[float] = field(default_factory=set)
    minimum: Optional[float] = None
    billed_guests: Optional[float] = None  # a guest minimum above the question's guests
    travel_fees: set[float] = field(default_factory=set)  # the fees the facts give the question's distance
    guests: Optional[float] = None
    capacity: Optional[float] = None
    staff_costs: list = field(default_factory=list)  # (servers the ratio needs, one's cost, all of theirs)
    chefs: Optional[float] = None  # chefs the question's party needs, when the facts say how many one chef serves
    chef_fee: Optional[float] = None
    radius: Optional[float] = None
    question_numbers: set[float] = field(default_factory=set)
    per_person: tuple[float, ...] = ()
    question_gave_counts: bool = False
    question_days: tuple[float, ...] = ()
    question_distances: set[float] = field(default_factory=set)
    durations: dict[tuple[str, float], str] = field(default_factory=dict)  # ("hours"|"minutes", value) -> why
    numbers: dict[float, str] = field(default_factory=dict)  # derived plain counts (billable blocks, paying kids)
    one_way: dict[float, str] = field(default_factory=dict)  # half a travel fee the facts bill each way
    round_trip: bool = False
    place_fees: dict[str, set] = field(default_factory=dict)  # travel fees the facts give a place the customer names
    place_minimums: dict[str, set] = field(default_factory=dict)  # minimums the facts give that place (zone records)
    day_minimums: tuple[float, ...] = ()  # the minimums of the day the question names, when the facts give minimums by day
    unasked: dict[float, tuple[str, str]] = field(default_factory=dict)  # count × an add-on nobody asked for: (add-on, why)
    per_unit: dict[float, tuple[float, str, float]] = field(default_factory=dict)  # $ per chef/hour -> (the question's count, unit, total)

    def add(self, kind: str, value: float, why: str) -> None:
        table = getattr(self, kind)
        table.setdefault(round(value, 2), why)


def question_counts(question: str) -> dict[str, list[float]]:
    """Guest counts the customer gave: adults, kids, guests (untyped) and other small numbers."""
    text, found = mentions(question)
    out: dict[str, list[float]] = {"adult": [], "kid": [], "teen": [], "guest": [], "other": [], "distance": [], "time": [], "young": []}
    for m in found:
        if not isinstance(m.value, float):
            continue
        if m.kind == "distance":
            out["distance"].append(m.value)
        elif m.kind == "people":
            noun = _PEOPLE_NOUN.match(text[m.end:m.end + 15]).group(1).lower()
            bucket = "adult" if noun.startswith("adult") else "kid" if noun[:3] in ("kid", "chi", "niñ") else "guest"
            out[bucket].append(m.value)
        elif m.kind == "number" and _TEEN_NOUN.match(text, m.end):
            out["teen"].append(m.value)  # "4 teens": a third age tier when the facts price one
        elif m.kind == "number" and _YOUNG_NOUN.match(text, m.end):
            out["young"].append(m.value)  # "2 toddlers": guests who may eat free, counted in the party
        elif m.kind == "number" and (age := _AGED_GROUP.match(text[m.end:m.end + 20])):
            out["kid" if float(age.group(1)) < 13 else "adult"].append(m.value)
        elif m.kind == "number" and (_PARTY_OF.search(text[max(0, m.start - 22):m.start]) or _OF_US.match(text[m.end:]) or
                                     _CONFIRMED.match(text, m.end)):
            out["guest"].append(m.value)
        elif m.kind == "number":
            out["other"].append(m.value)
        elif m.kind in ("age", "days", "weeks", "hours"):
            out["time"].append(m.value)
    return out


_KIDS_HALF = r"(?i)\b(?:kids?|children|child|niños?)\b[^.;]{0,30}\b(?:half[\s-]price|half (?:of )?(?:the )?adults?'?\s(?:price|rate))|\bhalf[\s-]price\b[^.;]{0,20}\b(?:kids?|children|niños?)\b|" \
             r"\b(?:kids?|children|niños?)\b[^.;]{0,30}(?:50\s?% off|mitad de precio|medio precio)"
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)


#: "we're 34 ppl, or 35 if my cousin comes": a second party size the customer asks about
_OR_SIZE = re.compile(r"\b(\d{1,4})(\s*(?:ppl|people|guests|persons|adults|pax|personas)?)\s*,?\s*(?:\(|—|-)?\s*(?:or|maybe|possibly|o)\s+"
                      r"(?:maybe\s+|possibly\s+|up to\s+|hasta\s+)?(\d{1,4})\b(?!\s*(?:%|kids|children|niños|miles|km|hours|days|years|\$))", re.I)


def derive(book: FactBook, question: str) -> Derived:
    """All typed amounts derivable from ``book`` and the customer's counts and distances. A second party size
    ("34 ppl, or 35 if my cousin comes") adds the amounts of that party too."""
    d = _derive(book, question)
    alt = _OR_SIZE.search(question)
    if alt and d.guests == float(alt.group(1)) and 0 < float(alt.group(3)) != d.guests and \
            abs(float(alt.group(3)) - d.guests) <= max(10.0, d.guests / 2):
        other = _derive(book, f"{question[:alt.start()]}{alt.group(3)}{alt.group(2)}{question[alt.end():]}")
        for kind in ("money", "people", "food_totals", "grand_totals", "numbers"):
            for v, why in getattr(other, kind).items():
                getattr(d, kind).setdefault(v, why)
        d.complete_food |= other.complete_food
    return d


def _derive(book: FactBook, question: str) -> Derived:
    d = Derived()
    counts = d.counts = question_counts(question)
    d.question_numbers = {v for vs in counts.values() for v in vs} | \
        {float(n) for n in _ORDINAL.findall(question)}  # "my son's 16th birthday": "a sweet 16 party"
    distances = _in_fact_units(book, question)
    d.question_distances = set(counts["distance"]) | set(distances)
    d.question_days = tuple(m.value for m in mentions(question)[1] if m.kind == "days") + days_until(book, question)
    adult = sorted({p.value for p in book.prices_for("adult")}) or sorted({p.value for p in book.prices_for("person")})
    adult = _size_priced(adult, book, counts)
    kid = sorted({p.value for p in book.prices_for("kid")})
    if not kid and adult and book.segments_with(_KIDS_HALF):  # "kids 6–12 half price"
        kid = sorted({round(a / 2, 2) for a in adult})
    d.per_person = tuple(sorted(set(adult) | set(kid)))
    d.question_gave_counts = bool(counts["adult"] or counts["kid"] or counts["guest"] or question_ages(question))
    if not adult and not kid:  # "Sushi platters: $24 per guest" is the only price: it is the price per guest
        adult = sorted({p.value for p in book.priced if p.unit == "per_person" and p.subject not in BASE_SUBJECTS and p.subject != "surcharge"
                        and not _ADD_ON.search(p.text)})
    _food(d, counts, adult, kid, _has_free_band(book) or (age_brackets(book) or (None,))[0] is not None)
    _teens(d, book, counts)
    _listed_ages(d, book, question, counts, adult, kid)
    _split_party(d, counts, adult, kid, book, question)
    _headcounts(d, question, counts)
    _upgrades(d, book, counts, question)
    _tier_differences(d, book, adult, counts, question)
    _package(d, book, counts)
    _capacity(d, book)
    _staff(d, book)
    _per_block(d, book)
    _per_unit(d, book, question)
    derive_quantities(d, book, question)
    _minimum(d, book, question)
    _shortfall(d, book, counts)
    _question_totals(d, question, book)
    d.place_fees = named_place_fees(book, question)
    d.place_minimums = named_place_fees(book, question, "minimum")
    _travel(d, book, distances, question)
    _percentages(d, book)
    _durations(d, book, question)
    for kind, value, why in record_amounts(book, question):  # sums over a bookings table or ledger
        d.add(kind, value, why)
        if kind == "people":
            d.numbers.setdefault(round(value, 2), why)
    return d


KM_PER_MILE = 1.609344


def convert_distance(value: float, to_unit: str) -> float:
    """A distance in the other unit: miles to kilometres when ``to_unit`` is "km", else kilometres to miles."""
    return value * KM_PER_MILE if to_unit == "km" else value / KM_PER_MILE


def _in_fact_units(book: FactBook, question: str) -> list[float]:
    """The customer's distances in the facts' unit: "25 miles" is 40.2 km (and about 40) when the
    facts measure in kilometres; a distance already in that unit, or facts without one, as said."""
    unit = book.distance_unit()
    out: list[float] = []
    for m in mentions(question)[1]:
        if m.kind != "distance":
            continue
        if unit is None or m.unit == unit:
            out.append(m.value)
        else:
            exact = convert_distance(m.value, unit)
            out += sorted({round(exact, 1), float(round(exact))})
    return out


_DIFFERENCE = guarded(r"\bdifference\b|\bhow much more\b|\bupgrad|\bswitch(?:ing)? (?:to|from)\b|\bgo(?:ing)? up to\b|"
                      r"\bdiferencia\b|\bcu[aá]nto m[aá]s\b|\bcambiar (?:a|al|de)\b", re.I)


def _tier_differences(d: Derived, book: FactBook, adult: list[float], counts, question: str) -> None:
    """Moving a party between tiers ("upgrade from Package A to B is charged the price difference per
    pax"): the difference of two tiers' per-person prices (not of add-ons), and that × the guests."""
    if not book.segments_with(r"\bdifference\b|\bdiferencia\b") and not _DIFFERENCE.search(question):
        return
    per_person = sorted({p.value for p in book.priced if p.value in adult and not _ADD_ON.search(p.text)})
    if not 2 <= len(per_person) <= 6:
        return
    heads = {n for n in counts["guest"] + counts["adult"] if n >= 1}
    for low, high in combinations(per_person, 2):
        step = round(high - low, 2)
        d.add("money", step, f"{money(high)} − {money(low)}")
        for n in heads:
            d.add("money", step * n, f"{n:g} × ({money(high)} − {money(low)})")


_ADD_ON = re.compile(r"\+\s?\$|\badd[- ]?ons?\b|\bupgrades?\b|\bextra\b|\bsupplement", re.I)


def _has_free_band(book: FactBook) -> bool:
    """The facts let some ages eat free ("5 and under free", "under 3 eat free")."""
    return bool(book.segments_with(r"(\d\s?(and|or|y|o) (under|younger|menos)|under \d+|menores de \d+|ages? \d)[^;.]{0,25}"
                                   r"\b(free|gratis|no charge)|\b(free|gratis)\b[^;.]{0,15}(under|ages?) \d"))


#: Bounds of the count search: a question rarely names more numbers than this.
_MAX_SMALL = 8


#: a party size a per-person price holds for: "Up to 50 guests", "51–100 guests", "101+", "for groups of 20–34", "for 60+",
#: "Hasta 40 personas", "De 41 a 80", "Más de 80", "(12–20 guests)"; ages ("kids 4–12", "5 años") are no party size
_SIZE = re.compile(r"(?:^|[(:;,]\s*|\bfor (?:groups of |parties of |up to )?)(?P<lead>up to |hasta |under |menos de |over |more than |m[aá]s de |de )?"
                   r"(?P<lo>\d+)\s*(?:(?:[–—-]|to|a)\s*(?P<hi>\d+)|(?P<plus>\+))?\s*(?P<noun>guests?|people|personas?|pax|ppl|invitados)?"
                   r"(?=\s*[:),;]|\s*$|\s*\.)", re.I)
_AGES = re.compile(r"\b(?:ages?|aged|años|years?|yrs?|kids?|child|children|niños?|under \d+s)\b", re.I)


def size_tiers(book: FactBook, subject: str = "person") -> list[tuple[float, float, float]]:
    """(lowest, highest party size, price) of the facts' prices by party size, when two or more tiers are read
    and none overlap; otherwise empty. ``subject`` "person" reads per-person base prices, "deposit" deposits
    ("20-49 guests: $200. 50+ guests: $350"). Memoized per fact book."""
    if ("size_tiers", subject) not in book.memo:
        tiers = set()
        for p in book.priced:
            if (p.unit != "per_person" or p.subject not in ("person", "adult") if subject == "person" else p.subject != subject) or \
                    _AGES.search(p.text):
                continue
            at = re.search(rf"(?<![\d.,]){re.escape(f'{p.value:,.2f}'.removesuffix('.00'))}(?![\d,])|(?<![\d.,]){p.value:g}(?![\d,])", p.text)
            at = at.start() if at else 0
            sizes = [m for m in _SIZE.finditer(p.text) if m.group("hi") or m.group("plus") or m.group("lead") or m.group("noun")]
            for m in sorted(sizes, key=lambda m: min(abs(m.start() - at), abs(m.end() - at)))[:1]:  # the size nearest the price
                lead, lo, hi = (m.group("lead") or "").strip().lower(), float(m.group("lo")), m.group("hi")
                if lead in ("up to", "hasta"):
                    tiers.add((1.0, lo, p.value))
                elif lead in ("under", "menos de"):
                    tiers.add((1.0, lo - 1, p.value))
                elif lead in ("over", "more than", "más de", "mas de"):
                    tiers.add((lo + 1, math.inf, p.value))
                elif hi:
                    tiers.add((lo, float(hi), p.value))
                elif m.group("plus"):
                    tiers.add((lo, math.inf, p.value))
        out = sorted(tiers)
        ok = len(out) >= 2 and len({v for _, _, v in out}) == len(out) and all(a[1] < b[0] for a, b in zip(out, out[1:]))
        book.memo[("size_tiers", subject)] = out if ok else []
    return book.memo[("size_tiers", subject)]


def party_size(counts) -> Optional[float]:
    """The party's one count of adults or untyped guests ("40 guests"), or None when it gives none or several."""
    grown = set(counts["adult"] + counts["guest"])
    return next(iter(grown)) if len(grown) == 1 else None


def _size_priced(adult: list[float], book: FactBook, counts) -> list[float]:
    """The per-person prices for the party's size, when the facts price by party size and every base price is one
    of those tiers: 52 guests pay the 51–100 price. Kids may or may not count toward the size, so with kids both
    the adults' and the whole party's tiers stay."""
    tiers = size_tiers(book)
    if not tiers or not adult or not set(adult) <= {v for _, _, v in tiers}:
        return adult
    n = party_size(counts)
    if n is None:
        return adult
    sizes = {n} | {n + k for k in counts["kid"][:1]}
    chosen = sorted({v for lo, hi, v in tiers for size in sizes if lo <= size <= hi})
    return chosen or adult


def _adult_counts(counts) -> list[float]:
    """Paying adults: the adult counts; untyped guests too ("16 guests aged 10+ and 4 kids"), and
    guests minus kids ("20 guests including 5 kids")."""
    out = list(counts["adult"])
    for g in counts["guest"]:
        out.append(g)
        out += [g - k for k in counts["kid"] if 0 < k < g]
    return sorted(set(out))


def _kid_counts(counts, free_band: bool) -> list[float]:
    """Paying kids: the kid counts and, when some ages eat free, the count minus (or equal to) a
    smaller number the customer names ("6 kids — two are 3 and 4, the other four are 8 to 10")."""
    out = set(counts["kid"])
    if free_band:
        small = sorted({n for n in counts["other"] + counts["time"] + counts["young"] if n >= 1})[:_MAX_SMALL]
        for k in counts["kid"]:
            out |= {n for n in small if n < k} | {k - n for n in small if n < k}
    return sorted(out)


def _food(d: Derived, counts, adult, kid, free_band: bool = False) -> None:
    adults = _adult_counts(counts) if counts["kid"] else counts["adult"] + counts["guest"]
    for a in adults:
        for pa in adult:
            d.add("money", a * pa, f"{a:g} × {money(pa)}")
            d.add("food_totals", a * pa, f"{a:g} × {money(pa)}")
            if not counts["kid"]:
                d.complete_food.add(round(a * pa, 2))
    kids = _kid_counts(counts, free_band)
    for k in kids:
        if k not in counts["kid"]:
            d.numbers.setdefault(k, "paying kids")
        for pk in kid:
            d.add("money", k * pk, f"{k:g} × {money(pk)}")
            for a in adults:
                for pa in adult:
                    total = a * pa + k * pk
                    why = f"{a:g} × {money(pa)} + {k:g} × {money(pk)}"
                    d.add("money", total, why)
                    d.add("food_totals", total, why)
                    d.complete_food.add(round(total, 2))
    # "22 adults ... filet mignon for 5 adults": a second count of a type is a subset, not more guests
    guests = max(counts["adult"], default=0) + max(counts["kid"], default=0) or max(counts["guest"], default=0)
    if guests:
        d.guests = guests
        d.add("people", guests, "guest count")


def _teens(d: Derived, book: FactBook, counts) -> None:
    """"30 adults, 6 teens, 8 kids" with a teen price: the teens' part, and every food total with it added
    (a total without the teens is then no complete total)."""
    teen = sorted({p.value for p in book.prices_for("teen")})
    if not teen or not counts["teen"]:
        return
    bases = {v: why for v, why in d.food_totals.items() if v in d.complete_food} or {0.0: ""}  # both keyed to the cent
    complete = set()
    for t in counts["teen"]:
        for pt in teen:
            part, said = t * pt, f"{t:g} teens × {money(pt)}"
            d.add("money", part, said)
            for base, why in bases.items():
                total, with_teens = round(base + part, 2), f"{why} + {said}" if why else said
                d.add("money", total, with_teens)
                d.add("food_totals", total, with_teens)
                complete.add(total)
    d.complete_food = complete
    if d.guests:
        d.guests += max(counts["teen"])
        d.add("people", d.guests, "guest count with the teens")


def _tier_of(question: str, count: float, tiers: dict) -> Optional[float]:
    """The price of the tier the question names right after a count ("6 want imperial" → imperial's price)."""
    m = re.search(rf"(?<![\d.]){count:g}(?![\d.])\s*([^,.;\d]{{0,30}})", question)
    if not m:
        return None
    words = set(re.findall(r"[^\W\d_]{3,}", m.group(1).lower()))
    hit = [v for v, (who, w) in tiers.items() if who == "adult" and w & words]
    return hit[0] if len(hit) == 1 else None


def _split_party(d: Derived, counts, adult, kid, book: FactBook, question: str) -> None:
    """"12 guests — 4 want the omakase and 8 want classic": numbers that add up to the party are
    its parts, each billed at the price of the tier the question names after it; when the question
    names no tiers, at one of the facts' per-person prices each (a different one each)."""
    parties = set(counts["guest"] + counts["adult"])
    parts = [n for n in counts["other"] if n >= 1][:_MAX_SMALL]
    if not parties or len(parts) < 2 or len(adult) < 2:
        return
    tiers = book.tiers()
    for n in (2, 3):
        for combo in combinations(parts, n):
            if sum(combo) not in parties:
                continue
            named = [_tier_of(question, c, tiers) for c in combo]  # "6 want imperial, 4 want signature"
            assignments = [tuple(named)] if all(named) and len(set(named)) == n else permutations(adult, n)
            for prices in assignments:
                shares = [c * p for c, p in zip(combo, prices)]
                why = " + ".join(f"{c:g} × {money(p)}" for c, p in zip(combo, prices))
                for c, p in zip(combo, prices):
                    d.add("money", c * p, f"{c:g} × {money(p)}")
                for k in [0.0] + counts["kid"]:
                    for pk in kid or [0.0]:
                        total, more = sum(shares) + k * pk, f" + {k:g} × {money(pk)}" if k else ""
                        d.add("money", total, why + more)
                        d.add("food_totals", total, why + more)
                        d.complete_food.add(round(total, 2))


def _headcounts(d: Derived, question: str, counts) -> None:
    """Guest counts the customer gave in parts, added up ("26 adults, 4 kids and a 1-year-old" is 31
    guests; 26 + 4 paying)."""
    parts = counts["adult"] + counts["kid"] + counts["guest"] + counts["young"] + [1.0] * len(_ONE_AGE.findall(question))
    if not 2 <= len(parts) <= 6:
        return
    for n in range(2, len(parts) + 1):
        for combo in combinations(parts, n):
            why = " + ".join(f"{x:g}" for x in combo)
            d.add("people", sum(combo), why)
            d.add("numbers", sum(combo), why)


def _listed_ages(d: Derived, book: FactBook, question: str, counts, adult, kid) -> None:
    """Listed children priced by the facts' brackets: an over-age teen pays the adult price, a
    toddler eats free, so "25 adults and our 13-year-old" is 26 adults."""
    ages = question_ages(question)
    if ages:  # "So $28 for the two of them"
        d.numbers.setdefault(float(len(ages)), "children listed")
    if ages and (tiers := kid_tiers(book)) and all(any(lo <= a <= hi for lo, hi, _ in tiers) for a in ages):
        # "Kids 6-12 $30 | Kids 5 & under $15" and children of 5 and 8: $15 + $30
        for pa in adult or [0.0]:
            # a tier priced at half of each course ("Ages 6–12: 50% of the course price") takes this course's half
            priced = [next((price for lo, hi, price in tiers if lo <= a <= hi and price == round(pa / 2, 2)),
                           next(price for lo, hi, price in tiers if lo <= a <= hi)) for a in ages]
            kids_total = sum(priced)
            why = " + ".join(f"{money(x)} (age {a:g})" for a, x in zip(ages, priced))
            d.add("money", kids_total, why)
            for a in sorted(set(counts["adult"] + counts["guest"])) if pa else ():
                total, with_adults = a * pa + kids_total, f"{a:g} × {money(pa)} + {why}"
                d.add("money", total, with_adults)
                d.add("food_totals", total, with_adults)
                d.complete_food.add(round(total, 2))
    brackets = age_brackets(book)
    if not ages or brackets is None or brackets[2] is None:
        return
    free_to, _, kid_to = brackets
    over = sum(1 for a in ages if a > kid_to)
    paying_kids = sum(1 for a in ages if a <= kid_to and (free_to is None or a > free_to))
    d.numbers.setdefault(float(paying_kids), "paying children listed")
    for a in sorted(set(counts["adult"] + counts["guest"])) or [0.0]:
        n = a + over
        d.add("people", n, f"{a:g} adults + {over} over the kid ages")
        d.numbers.setdefault(n, f"{a:g} adults + {over} over the kid ages")
        if a and paying_kids:  # "edamame for all 31 paying guests"
            d.add("people", n + paying_kids, f"{n:g} adults + {paying_kids} paying children")
            d.add("numbers", n + paying_kids, f"{n:g} adults + {paying_kids} paying children")
        for pa in adult:
            d.add("money", n * pa, f"{n:g} × {money(pa)}")
            for pk in kid or [0.0]:
                total = n * pa + paying_kids * pk
                why = f"{n:g} × {money(pa)} + {paying_kids} × {money(pk)}"
                d.add("money", paying_kids * pk, f"{paying_kids} × {money(pk)}")
                d.add("money", total, why)
                if a:  # a party, not the price of one named child
                    d.add("food_totals", total, why)
                    d.complete_food.add(round(total, 2))


_GENERIC = NAMES_NOTHING | {"upgrade", "upgrades", "premium", "extra", "extras", "with", "plus"}


def _label(text: str, value: float) -> str:
    """The words that name an amount of a fact: "Wagyu NY strip" in "Wagyu NY strip +$20 per person",
    "lobster tail" in "Filet +$8/person, lobster tail +$15/person"."""
    at = re.search(rf"\$?\s?{re.escape(f'{value:g}')}(?![\d])", text) or re.search(r"[$\d]", text)
    return re.split(r"[,;(]|:(?=.)", text[:at.start()].rstrip(": +"))[-1] if at else ""


#: "edamame $6 (one bowl serves 4)": an order's size in guests
SERVES = re.compile(r"\bserves (?:~\s?|about |approx\.? |up to )?(\d+)|\bfeeds (?:~\s?|about |up to )?(\d+)|\bfor (\d+) (?:guests|people)\b", re.I)
_ANY_EXTRA = guarded(r"upgrade|add[\s-]?on|\badd\b|adding|extras?\b|premium|mejora|adicional|agregar|a[ñn]adir", re.I)


#: a surcharge "per adult" is not charged for the kids
_PER_ADULT = re.compile(r"\b(?:per|each|a|an|/)\s?adult\b|\bpor adulto\b", re.I)


def _unaccented(text: str) -> str:
    """``text`` without accents: "consome" in a question names "Consomé cups"."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _upgrades(d: Derived, book: FactBook, counts, question: str = "") -> None:
    """Add-ons the customer asks about ("6 lobster upgrades"), or any add-on when the question asks
    about upgrades in general; an add-on nobody asked for is no part of a total."""
    from .conditions import _days_named  # noqa: PLC0415 (as in _day_minimums)
    extras = [p for p in book.priced if p.subject not in BASE_SUBJECTS]
    asked = {c for _, _, c in find_foods(question)} | {c for _, _, c in find_subjects(question)}
    cores = {w for c in asked for w in (c, *food_core(c))}  # "langosta" asks for the lobster tail
    words = set(re.findall(r"[^\W\d_]+", _unaccented(question.lower())))
    named = [p for p in extras if p.subject in asked or cores & {p.subject, *food_core(p.subject)} or
             any(w in words or w.rstrip("s") in words
                 for w in re.findall(r"[^\W\d_]{4,}", _unaccented(f"{p.subject} {_label(p.text, p.value)}".lower()))
                 if w not in _GENERIC) or
             p.subject == "surcharge" and (words & (set(re.findall(r"[^\W\d_]{4,}", p.text.lower())) - _GENERIC - {"guest", "guests", "person"})
                                           or bool(_days_named(question) & _days_named(p.text)))]  # "Weekend (Sat/Sun) surcharge" on a Sunday
    # whole words: "rice" is not in "price", nor "tail" in "details"; a surcharge applies on the days its fact names ("Christmas Eve")
    unasked = [p for p in extras if p not in named]
    extras = named if named or not _ANY_EXTRA.search(question) else extras  # "the filet upgrade" is the filet's
    ns = set(counts["other"] + counts["adult"] + counts["guest"] + counts["kid"])
    if d.guests:
        ns.add(d.guests)  # "everybody gets the lobster upgrade"
        ns |= {n for n in d.people if n <= d.guests}  # "edamame for every paying guest": the adults and the paying kids
    for p in unasked if extras is named else ():
        for n in ns:  # an add-on the answer suggests costs this much on its own ("an extra $250 for filet"), in no total
            d.unasked.setdefault(round(n * p.value, 2), (p.subject, f"{n:g} × {money(p.value)}"))
    each_ns = {}
    for p in extras:
        each_ns[p] = {d.guests} if p.subject == "surcharge" and d.guests else ns  # "per guest": every guest, kids too
        if p.subject == "surcharge" and _PER_ADULT.search(p.text) and counts["adult"]:
            each_ns[p] = {max(counts["adult"])}  # "Weekend surcharge A$5 per adult": the adults, not the kids
        serves = SERVES.search(p.text)
        if d.guests and serves and (size := float(next(g for g in serves.groups() if g))) > 0:
            orders = -(-d.guests // size)  # "edamame $6 (one bowl serves 4)" for 28 guests: 7 bowls, not 28
            d.numbers.setdefault(orders, f"{d.guests:g} guests / {size:g} per order")
            each_ns[p] = ns | {orders} if re.search(r"\bindividual|\bone each|\beach of|\bper (?:person|guest|kid)", question, re.I) else \
                {n for n in ns if n <= size or n in counts["other"]} | {orders}  # "individual bowls for each of our 12 kids": 12
    foods = list(d.food_totals.items())  # before any add-on
    for base, why in foods:
        for p in extras:
            for n in each_ns[p]:
                if n <= (d.guests or n):
                    d.add("money", n * p.value, f"{n:g} × {money(p.value)}")
                    d.add("money", base + n * p.value, f"{why} + {n:g} × {money(p.value)}")
                    if extras is named and (n == d.guests or p.subject == "surcharge" and each_ns[p] == {n}):
                        # the add-on every guest asked for is part of the food, and so is a surcharge on every adult
                        d.add("food_totals", base + n * p.value, f"{why} + {n:g} × {money(p.value)}")
    if extras is named and len(named) > 1 and d.guests:  # "with quesabirria and consomé": every named add-on at once
        both = [p for p in named if p.unit == "per_person" and p.subject != "surcharge"]
        if len(both) > 1:
            extra = sum(p.value for p in both)
            shown = " + ".join(money(p.value) for p in both)
            for base in _base_prices(book, both):
                d.add("money", base.value + extra, f"{money(base.value)} + {shown}")
            for base, why in foods:
                d.add("money", base + d.guests * extra, f"{why} + {d.guests:g} × ({shown})")
                d.add("food_totals", base + d.guests * extra, f"{why} + {d.guests:g} × ({shown})")
    for p in extras:
        ns = each_ns[p]
        for n in ns:
            d.add("money", n * p.value, f"{n:g} × {money(p.value)}")
        for base in _base_prices(book, [p]):  # "Mezze buffet $27/guest"
            each = base.value + p.value
            d.add("money", each, f"{money(base.value)} + {money(p.value)}")
            for n in ns:
                d.add("money", n * each, f"{n:g} × ({money(base.value)} + {money(p.value)})")


def _base_prices(book: FactBook, besides: list) -> list:
    """The prices add-ons are added to: the adults' and kids' prices, else the per-person prices that are
    neither an add-on nor one of ``besides``."""
    return book.prices_for("adult") + book.prices_for("kid") or \
        [b for b in book.prices_for("person") if all(b is not x for x in besides) and not _ADD_ON.search(b.text)]


_PACKAGE_BASE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)[^.;$]{0,30}?\b(?:covers|includes|for|feeds|hasta|para)\s(?:up to\s|the first\s)?(\d+)\s"
                           r"(?:guests|people|persons|adults|ppl|pax|personas|invitados)\b", re.I)
_PACKAGE_EXTRA = re.compile(r"\b(?:each|per|every)\s(?:additional|extra)\s(?:guest|person|adult|head)\b[^$\d.;]{0,15}\$\s?(\d+(?:\.\d+)?)|"
                            r"\$\s?(\d+(?:\.\d+)?)\s?(?:per|each|for each|/)\s?(?:additional|extra)\s(?:guest|person|adult|head)\b|"
                            r"\b(?:additional|extra)\s(?:guests|people|persons|adults|heads)\b[\s:]{0,3}\$\s?(\d+(?:\.\d+)?)\s?(?:each|per (?:guest|person|head)|/\s?(?:guest|person))|"
                            r"\$\s?(\d+(?:\.\d+)?)\s?(?:por|per)\s(?:persona|invitado)\s(?:adicional|extra)\b", re.I)


def _packages(book: FactBook) -> list[tuple[float, float, float]]:
    """(base price, guests it covers, price per additional guest) of each package fact, memoized."""
    if "packages" not in book.memo:
        found, bases, extras = [], [], []
        for key, text in book.facts.items():  # the whole fact: its segments end at ";"
            text = localize(f"{human_key(key)}: {text}")  # "extra guests": "£9 each over 30"
            base, extra = _PACKAGE_BASE.search(text), _PACKAGE_EXTRA.search(text)
            bases += [base] if base else []
            extras += [extra] if extra else []
            if base and extra:
                found.append(_package_terms(base, extra))
        if not found and len(bases) == 1 and len(extras) == 1:  # "party pkg": "£280 for up to 30 ppl" beside "extra guests": "£9 each over 30"
            found.append(_package_terms(bases[0], extras[0]))
        book.memo["packages"] = found
    return book.memo["packages"]


def _package_terms(base: re.Match, extra: re.Match) -> tuple[float, float, float]:
    """(base price, guests it covers, price per additional guest) from a package's two matches."""
    return float(base.group(1).replace(",", "")), float(base.group(2)), float(next(g for g in extra.groups() if g))


def _package(d: Derived, book: FactBook, counts) -> None:
    """"Flat $600 covers up to 10 guests; each additional guest $45" for 16 guests: 6 extra, $270, $870."""
    for price, covered, each in _packages(book):
        for n in set(counts["guest"] + counts["adult"]) | ({d.guests} if d.guests else set()):
            if n > covered:
                more = n - covered
                d.numbers.setdefault(more, f"{n:g} guests − {covered:g} covered")
                d.add("money", more * each, f"{more:g} additional guests × {money(each)}")
                total, why = price + more * each, f"{money(price)} for {covered:g} + {more:g} × {money(each)}"
                d.add("money", total, why)
                d.add("food_totals", total, why)


_MORE_CHEFS = re.compile(r"\b(?:over|more than|above|exceeding|m[aá]s de)\s+(\d+)\s+(?:guests|people|persons|adults|invitados|personas)\b"
                         r"[^.;]{0,25}?\b(?:requires?|needs?|gets?|get|must (?:have|book)|requieren?|necesitan?)\s+(?:a\s+)?"
                         r"(2|two|3|three|second|dos)\s+chefs?\b", re.I)
_CHEFS = {"2": 2, "two": 2, "second": 2, "dos": 2, "3": 3, "three": 3}


_CHEFS_TOTAL = re.compile(r"\b(?:\d+|two|three|four|five|six)\s+(?:chefs|cocineros|chefs?)\s*(?:/|for|,|and|or)?\s*(?:up to\s+)?$", re.I)


def _capacity(d: Derived, book: FactBook) -> None:
    for key, seg, m in book.mentions:
        if m.kind == "people" and re.search(r"chef", seg, re.I) and re.search(r"up to|max|hasta|\bchef (?:per|for every|for each)\b|por cada", seg, re.I) \
                and not _CHEFS_TOTAL.search(seg[max(0, m.start - 20):m.start]):
            d.capacity = m.value
            break  # "One chef serves up to 25 guests; … (max 4 chefs / 100 guests)": the first is one chef's
    for _, seg in book.segments:  # "Parties over 30 guests require 2 chefs": one chef serves 30
        if d.capacity is None and (more := _MORE_CHEFS.search(seg)):
            d.capacity = float(more.group(1))
            if d.guests and d.guests > d.capacity:
                d.chefs = _CHEFS[more.group(2).lower()]
    if d.capacity and d.guests and d.chefs is None:
        d.chefs = -(-d.guests // d.capacity)
    fees = book.prices_for("chef")
    if fees:
        d.chef_fee = fees[0].value
    if d.capacity and d.guests:
        d.add("people", -(-d.guests // d.capacity), f"{d.guests:g} guests / {d.capacity:g} per chef")
    if d.capacity and d.chef_fee and d.guests and d.guests > d.capacity:
        for base, why in list(d.food_totals.items()):
            d.add("money", base + d.chef_fee, f"{why} + second chef {money(d.chef_fee)}")
            d.add("food_totals", base + d.chef_fee, f"{why} + second chef {money(d.chef_fee)}")


_STAFF = r"(?:servers?|bartenders?|attendants?|waiters?|waitstaff|staff(?: members?)?|helpers?|assistants?|meseros?)"
#: "1 server per 25 guests required at $35/hr, 4-hr minimum", "one bartender for every 50 guests"
_STAFF_RATIO = re.compile(rf"\b(?:1|one|a)\s+{_STAFF}\s+(?:per|for every|for each|every|/|por cada)\s+(\d+)\s*"
                          r"(?:guests|people|persons|adults|ppl|pax|personas|invitados)\b", re.I)
_STAFF_PRICE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(?:[A-Z]{3}\s*)?(?:(/\s?h(?:ou)?r|per hour|an hour|/hora|por hora)|"
                          rf"(?:per|each|/|a|por)\s?{_STAFF})", re.I)
_MIN_HOURS = re.compile(r"(\d+)[\s-]?(?:hours?|hrs?)[\s-]?(?:minimum|min)\b|\b(?:minimum|min\.?)\s(?:of\s)?(\d+)\s?(?:hours?|hrs?)\b|"
                        r"\bup to (\d+) hours?\b", re.I)


#: "$100 deposit per 50 guests (or part thereof)", "$75 per 25 people"
_PER_BLOCK = guarded(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(?:[a-z]+\s+){0,2}?(?:per|for every|for each|por cada)\s+(\d+)\s+"
                     r"(?:guests|people|persons|adults|personas|invitados)\b", re.I)


def _per_block(d: Derived, book: FactBook) -> None:
    """"$100 deposit per 50 guests (or part thereof)" for 55 guests: 2 blocks, $200 (a started block counts)."""
    if not d.guests:
        return
    for _, seg in book.segments_with(_PER_BLOCK.pattern):
        for m in _PER_BLOCK.finditer(seg):
            size = float(m.group(2))
            if size < 2:
                continue
            blocks = -(-d.guests // size)
            value = float(m.group(1).replace(",", ""))
            d.numbers.setdefault(blocks, f"{d.guests:g} guests / {size:g} per block, rounded up")
            d.add("money", blocks * value, f"{blocks:g} × {money(value)} per {size:g} guests")


def _staff(d: Derived, book: FactBook) -> None:
    """"1 server per 25 guests required at $35/hr, 4-hr minimum" for 50 guests: 2 servers, 2 × $35 × 4 = $280,
    and the food total with them; "MX$900 per server for up to 5 hours" for 50: 2 × MX$900."""
    if not d.guests:
        return
    for key, seg in book.segments_with(_STAFF_RATIO.pattern):
        ratio = _STAFF_RATIO.search(seg)
        staff = -(-d.guests // float(ratio.group(1)))
        d.add("people", staff, f"{d.guests:g} guests / {ratio.group(1)} per server")
        d.numbers.setdefault(staff, f"{d.guests:g} guests / {ratio.group(1)} per server")
        text = " ".join(s for k, s in book.segments if k == key)
        hours = _MIN_HOURS.search(text)
        for price in _STAFF_PRICE.finditer(text):
            rate = float(price.group(1).replace(",", ""))
            cost = staff * rate
            why = f"{staff:g} staff × {money(rate)}"
            if price.group(2):  # an hourly rate: its minimum hours
                if not hours:
                    continue
                h = float(next(g for g in hours.groups() if g))
                cost, why = cost * h, f"{why} × {h:g} hours"
            d.add("money", cost, why)
            if staff > 1:
                d.staff_costs.append((staff, round(cost / staff, 2), round(cost, 2)))
            for base, bwhy in list(d.food_totals.items()):
                d.add("money", base + cost, f"{bwhy} + {why}")
                d.grand_totals.setdefault(round(base + cost, 2), f"{bwhy} + {why}")
        return


_MIN_GUESTS = guarded(r"(\d+)[\s-](?:guest|person|people|adult)s?\s(?:minimum|min)\b|"
                         r"\b(?:minimum|m[ií]nim[oa])(?: of| billing| headcount| guest count| party size)?\s?:?\s(\d+)\s"
                         r"(?:guests|people|adults|persons|pax|personas|pessoas|invitados|convidados|personnes)\b|"
                         r"\b(?:billed|charged|priced) (?:as|for|at) (\d+)\b(?!\s*%)", re.I)


def _guest_minimum(d: Derived, book: FactBook) -> None:
    """"Truck minimum: 25 guests (parties under 25 are billed for 25)": a smaller party pays for 25."""
    found = {float(next(g for g in m.groups() if g)) for _, seg in book.segments for m in _MIN_GUESTS.finditer(seg)}
    if len(found) != 1 or not d.guests:
        return
    n = found.pop()
    if d.guests >= n:
        return
    d.billed_guests = n
    for p in book.prices_for("adult") + book.prices_for("person"):
        d.add("money", n * p.value, f"the {n:g}-guest minimum × {money(p.value)}")
        d.add("food_totals", n * p.value, f"the {n:g}-guest minimum × {money(p.value)}")
    d.add("people", n, f"the {n:g}-guest minimum")


def _day_minimums(book: FactBook, question: str) -> list:
    """The minimums the facts give the day the question names ("minimums: fri_sat_sun: 1200, mon_thu: 900" for
    "12 adults on a Tuesday" is the $900 one); empty when the question names no day or no minimum names one."""
    from .conditions import _days_named  # noqa: PLC0415 (conditions imports policies, which need this module's peers first)
    asked = _days_named(question)
    if not asked:
        return []
    out = []
    for p in book.prices_for("minimum"):
        name = re.sub(r"^([a-z]{3})\s([a-z]{3})$", r"\1-\2", key_name(p.key))  # "mon_thu" is Monday to Thursday
        if (days := _days_named(f"{name} {p.text}")) and asked <= days:
            out.append(p)
    return out


_MIN_COUNT = re.compile(r"\b(?:min(?:imum)?|m[ií]nimo)\b[^.;\d$€£]{0,25}?(\d+)\s*(?:guests?|people|persons?|adults?|pax|invitados|personas|adultos)\b|"
                        r"(\d+)[\s-](?:guest|person|people|adult|pax)s?\s(?:minimum|min)\b", re.I)


def _shortfall(d: Derived, book: FactBook, counts: dict) -> None:
    """"Minimum 15 guests" and 12 adults (whose kids may not count): 3 more are needed."""
    needs = {float(next(g for g in m.groups() if g)) for _, seg in book.segments for m in _MIN_COUNT.finditer(seg)}
    have = set(counts["adult"]) | set(counts["guest"]) | ({d.guests} if d.guests else set())
    for n in needs:
        for c in have:
            if 0 < c < n:
                d.add("people", n - c, f"the {n:g}-guest minimum − {c:g}")
                d.numbers.setdefault(n - c, f"the {n:g}-guest minimum − {c:g}")


_UNIT_WORDS = {"chef": r"chefs?|cocineros?|cuisiniers?|k[öo]che?", "hour": r"hours?|hrs?|horas?|heures?|stunden?|ore",
               "table": r"tables?|mesas?", "station": r"stations?|estaciones?|grills?|parrillas?"}
#: per unit: (a price charged per it, a count of it in the question, a minimum count of it in a price's fact)
_PER_UNIT = {unit: (re.compile(rf"(?:\bper|\beach|\bevery|\ba|\ban|\bpar|\bpor|\bpro|/)\s?(?:extra |additional |second |more )?(?:{words})\b", re.I),
                    re.compile(rf"\b(\d+|{'|'.join(COUNT_WORDS)})[\s-](?:extra |more |additional )?(?:{words})\b", re.I),
                    re.compile(rf"(?:minimum|min\.?|m[ií]nimo|at least)\s(?:of\s)?(\d+)\s?(?:{words})|(\d+)[\s-](?:{words})\s(?:minimum|min)\b", re.I))
             for unit, words in _UNIT_WORDS.items()}
_EXTRA = re.compile(r"extra|additional|second|more|\b(?:after|beyond|past|over) the first\b", re.I)


def _per_unit(d: Derived, book: FactBook, question: str) -> None:
    """"Deposit: $100 per chef" with two chefs is $200; "€95 per hour, minimum 3 hours" is at least €285."""
    for unit, (per, count, minimum) in _PER_UNIT.items():
        priced = book.memo.get(("per_unit", unit))
        if priced is None:  # the facts' prices per chef, hour, table or station: once per business
            priced = book.memo[("per_unit", unit)] = [p for p in book.priced if per.search(p.text) and p.unit not in ("per_person", "per_mile")]
        if not priced:
            continue
        ns = {float(COUNT_WORDS.get(m.group(1).lower()) or m.group(1)) for m in count.finditer(question)}
        for p in priced:
            ns_p = set(ns)
            if unit == "chef" and d.chefs and not ns:  # "each extra chef is $150": the chefs beyond the first
                ns_p.add(float(d.chefs - 1 if _EXTRA.search(p.text) else d.chefs))
            floor = minimum.search(p.text)
            for n in ns_p | ({float(next(g for g in floor.groups() if g))} if floor else set()):
                if 1 < n <= 50:
                    d.add("money", n * p.value, f"{n:g} {unit}s × {money(p.value)} per {unit}")
            if len(ns_p) == 1 and (n := next(iter(ns_p))) > 1:
                d.per_unit.setdefault(round(p.value, 2), (n, unit, n * p.value))


_PER_CHEF = re.compile(r"(?:per|each|every|a|por|par)\s+chef\b|/\s?chef\b", re.I)


def _minimum(d: Derived, book: FactBook, question: str = "") -> None:
    _guest_minimum(d, book)
    by_day = _day_minimums(book, question)
    d.day_minimums = tuple(p.value for p in by_day)
    mins = by_day or book.prices_for("minimum")
    if not mins:
        return
    d.minimum = mins[0].value
    if d.chefs and d.chefs > 1 and _PER_CHEF.search(f"{key_name(mins[0].key)} {mins[0].text}"):  # "$650 per chef", two chefs
        d.minimum *= d.chefs
        d.add("money", d.minimum, f"{money(mins[0].value)} minimum per chef × {d.chefs:g} chefs")
    for pa in book.prices_for("adult"):
        if pa.value > 0:
            need = -(-d.minimum // pa.value)
            d.add("people", need, f"{money(d.minimum)} minimum / {money(pa.value)} per adult")
    for base, why in list(d.food_totals.items()):
        if base < d.minimum:
            d.add("money", d.minimum, f"{why} is below the {money(d.minimum)} minimum")
            d.add("food_totals", d.minimum, f"minimum {money(d.minimum)}")


def _question_totals(d: Derived, question: str, book: FactBook) -> None:
    """A total the customer states ("a $1,000 party") is a base for percentages, never a price."""
    for m in mentions(question)[1]:
        if m.kind == "money" and m.unit is None and m.subject in (None, "deposit") and not book.prices_for("adult") == [m.value]:
            d.add("food_totals", m.value, f"the customer's {money(m.value)}")
            d.add("money", m.value, f"the customer's {money(m.value)}")
            if m.subject == "deposit":  # "my $200 deposit" back "minus a $50 admin fee": $150
                _refund_less_fees(d, book, m.value, f"the customer's {money(m.value)} deposit")


def _refund_less_fees(d: Derived, book: FactBook, deposit: float, named: str) -> None:
    """A refunded deposit less each fee the facts take out of it ("refunded minus a $50 processing fee")."""
    for fee in book.priced:
        if fee.subject.endswith((" fee", " charge")) and _REFUNDS.search(fee.text) and fee.value < deposit:
            d.add("money", deposit - fee.value, f"{named} − {money(fee.value)} {fee.subject}")


#: a percentage of the food charge after the minimum: "10% of the final food charge (including any minimum shortfall)"
_OF_FLOORED = re.compile(r"minimum|shortfall|m[ií]nimo", re.I)


def floored_percents(book: FactBook) -> frozenset:
    """Percentages the facts take of the food charge after the minimum, memoized on the book."""
    if "floored_percents" not in book.memo:
        book.memo["floored_percents"] = frozenset(m.value for _, seg, m in book.mentions if m.kind == "percent" and _OF_FLOORED.search(seg))
    return book.memo["floored_percents"]


_REFUNDS = re.compile(r"refund|cancel|reembols|cancela|devoluci|rembours|annul", re.I)


_INCLUDED_PCT = re.compile(r"\b(?:prices?|rates?|everything|all (?:prices|rates))\s+(?:already\s+)?includes?\s+(?:the\s+)?\d[\d.]*\s?%|"
                           r"\b(?:tax|gst|vat|hst|iva|btw|get)[\s-]inclusive\b|\binclusive of (?:\d[\d.]*\s?%\s)?(?:tax|gst|vat|hst|iva|btw)\b", re.I)
def included_percents(book: FactBook) -> frozenset:
    """Percentages the prices already include ("all prices include 21% BTW"), memoized on the book."""
    if "included_percents" not in book.memo:
        book.memo["included_percents"] = frozenset(m.value for _, seg, m in book.mentions if m.kind == "percent" and _INCLUDED_PCT.search(seg))
    return book.memo["included_percents"]


_VOLUME_OFF = re.compile(r"\b(\d+)\s?(?:\+|or more|o m[aá]s|and up)[^.;%]{0,30}?\d+(?:\.\d+)?\s?%\s?(?:off|discount|descuento)", re.I)
_SURCHARGE = re.compile(r"surcharge|recargo|\bholidays?\b|weekend|\bpeak\b|festivos?\b|sunday|saturday", re.I)


def _percentages(d: Derived, book: FactBook) -> None:
    half_refunded = bool(book.segments_with(r"(?i)(half|50\s?%|mitad)[^.;]{0,40}(refund|back|reembols)|"
                                               r"(refund|back|reembols)[^.;]{0,40}(half|50\s?%|mitad)"))
    refund_shares = {m.value for key, seg, m in book.mentions if m.kind == "percent" and 0 < m.value < 100
                     and _REFUNDS.search(f"{human_key(key)} {book.facts.get(key, seg)}")}  # "| 15–29 days | 50% |" under a refund heading
    for dep in book.prices_for("deposit"):
        if dep.unit == "per_person":  # "$25 per guest at booking" for 30 guests: $750
            for n in set(d.people) | ({d.guests} if d.guests else set()):
                d.add("money", n * dep.value, f"{n:g} guests × {money(dep.value)} deposit each")
        if half_refunded:  # "8–20 days: half the deposit is refunded"
            d.add("money", dep.value / 2, f"half the {money(dep.value)} deposit refunded")
        _refund_less_fees(d, book, dep.value, f"{money(dep.value)} deposit")  # $150 of a $200 deposit back
        for share in refund_shares:  # "50% of the $250 deposit back": $125
            d.add("money", round(dep.value * share / 100, 2), f"{share:g}% of the {money(dep.value)} deposit refunded")
        for base, why in list(d.food_totals.items()) + list(d.grand_totals.items()):
            if base > dep.value:
                d.add("money", base - dep.value, f"{why} − {money(dep.value)} deposit")
    named_bases = percent_bases(book)
    customers = [(b, why) for b, why in d.food_totals.items() if why.startswith("the customer's")]
    for key, seg, m in book.mentions:
        if m.kind != "percent" or not re.search(r"total|invoice|bill|deposit|charge|gratuity|service|\btax|\btips?\b|propina|impuesto|dep[oó]sito|anticipo|"
                                                 r"\d\s?% off\b|discount|descuento|"
                                                 r"acompte|anzahlung|factura|cuenta|servicio",
                                                 f"{human_key(key)} {seg}", re.I):  # "gratuity.pct": "18%" too
            continue
        if _INCLUDED_PCT.search(seg):
            continue  # "prices include 4.712% GET (tax-inclusive)": nothing is added on top
        if (off := _VOLUME_OFF.search(seg)) and not any(v >= float(off.group(1)) for vs in d.counts.values() for v in vs):
            continue  # "10+ pizzas: 10% off" for 8 pizzas: no discount
        allowed, required = named_bases.get(round(m.value, 2), (None, frozenset()))
        if required == {"pct"}:  # "8.5% tax on food and gratuity": of the food plus each gratuity of the facts
            bases = customers + [(b * (1 + g / 100), f"{why} + {g:g}%") for b, why in d.food_totals.items()
                                 for g in book.percents_for("gratuity") | book.percents_for("tax") if g != m.value]
            # "Deposit 20% of total incl. HST": of the food plus the tax
        elif "pct" in required:  # "25% of the total (food + gratuity + travel)": of the answer's own amounts (chain.py)
            bases = customers
        elif required:  # "50% of the estimated total (food + travel)"
            bases = customers + list(d.grand_totals.items())
        else:
            bases = list(d.food_totals.items())
            if d.complete_food and d.counts["kid"]:  # "IVA on the full food total" of 15 adults and 3 kids: not of the adults' part
                whole = d.complete_food | ({round(d.minimum, 2)} if d.minimum else set())
                bases = [(b, why) for b, why in bases if round(b, 2) in whole]
            if "travel" in (allowed or ()) or allowed is None and not re.search(r"food|comida", seg, re.I):
                bases += list(d.grand_totals.items())
        if d.minimum and _OF_FLOORED.search(seg):  # "10% of the final food charge (including any minimum shortfall)"
            bases = [(b, why) for b, why in bases if b >= d.minimum]
        surcharge = _SURCHARGE.search(f"{human_key(key)} {seg}")
        if surcharge:  # "Public holidays +15%" on "$72 pp": $82.80 a person
            bases = bases + [(pp, f"{money(pp)} per person") for pp in d.per_person]
        for base, why in bases:
            part = round(base * m.value / 100, 2)
            d.add("money", part, f"{m.value:g}% of {money(base)}")
            d.add("money", base - part, f"{money(base)} − {m.value:g}%")
            if surcharge or re.search(r"service|gratuity|charge|\btax|impuesto|\biva\b", seg, re.I):  # charged on top of the base
                d.add("money", base + part, f"{money(base)} + {m.value:g}%")
                if d.food_totals.get(base) == why:  # food + its service charge + the travel fee: "$1,336 all in"
                    for total, with_travel in list(d.grand_totals.items()):
                        if with_travel.startswith(f"{why} + "):
                            d.add("money", round(total + part, 2), f"{with_travel} + {m.value:g}% of {money(base)}")


ROUND_TRIP = r"(?i)each way|both ways|round[\s-]trip|there and back|ida y vuelta|cada sentido|cada direcci[oó]n|hin- und r[üu]ckweg|hin und zur[üu]ck|aller[- ]retour"
_RADIUS = re.compile(r"up to|maximum|\bmax\b|radius|service area|serve|hasta|m[aá]ximo|"
                     r"\bno (?:service|events?|travel|bookings?|trips?) (?:beyond|past|over|outside|more than|farther than|further than)|"
                     r"(?:do not|don'?t|won'?t|will not|cannot|can'?t) (?:travel|go|drive) (?:beyond|past|over|more than|farther than|further than)|"
                     # "Over 80 km: not serviced", "beyond 60 miles — not available"
                     r"\b(?:over|beyond|past|more than|above|m[aá]s de)\s[\d,.]+\s?(?:mi|miles?|km|kil[oó]metros?)\b[^.;]{0,12}?"
                     r"(?:not (?:serviced|served|covered|available|offered)|no service|unavailable|we (?:do not|don'?t) (?:travel|go)|sin servicio)",
                     re.I)
_FREE_ZONE = re.compile(r"free|gratis|included|no charge|complimentary|first|no cost|sin (?:costo|cargo)|sem custo", re.I)


def service_radius(book: FactBook) -> Optional[float]:
    """The farthest distance the facts say the business travels, if they say."""
    found = [m.value for key, seg, m in book.mentions if m.kind == "distance"  # the key may say it: "service_radius": "50 miles from Omaha"
             and _RADIUS.search(said := f"{human_key(key)}: {seg}") and not _FREE_ZONE.search(said)]
    return max(found) if found else None


#: "Max 60 mi", "radius of 50 miles": the farthest the business goes, not free miles
_LIMIT_BEFORE = re.compile(r"(?:\bmax(?:imum)?\.?|\bradius(?: of)?|\bat most|\bno (?:more|further|farther) than|\bnot (?:more|further|farther) than|"
                           r"\b(?:travel|go) (?:up to|as far as))\s*:?\s*$", re.I)


def _limit(before: str, wider: str) -> bool:
    """"Max 60 mi" (not "Complimentary travel within a radius of 20 miles")."""
    return bool(_LIMIT_BEFORE.search(before)) and not re.search(r"free|gratis|included|no charge|complimentary|no cost|waived", wider, re.I)


#: the miles a per-mile rate starts after, said without a unit: "$1.50 per mile for every mile past 15"
_PAST_MILES = re.compile(r"\b(?:every|each|per|a) (?:mile|mi|km)\b[^.;$]{0,12}?\b(?:past|beyond|over|after|above)\s+(?:the first\s+)?(\d+(?:\.\d+)?)\b"
                         r"(?!\s*(?:-|–|to)\s*\d)(?!\s*(?:%|guests?|people|persons?|hours?|days?|minutes?|mins?))", re.I)


def _travel(d: Derived, book: FactBook, distances: list[float], question: str) -> None:
    """Travel charges for the customer's distance: a flat fee, (miles − free miles) × rate, or both."""
    rated = [p for p in book.priced if p.unit == "per_mile"]
    rates = sorted({p.value for p in rated})
    flats = sorted({p.value for p in book.priced if p.subject == "travel" and p.unit != "per_mile"})
    keys = {p.key for p in book.priced if p.subject == "travel"}
    free = sorted({m.value for key, seg, m in book.mentions if m.kind == "distance" and not _limit(seg[max(0, m.start - 25):m.start], seg[max(0, m.start - 50):m.start]) and
                   (re.search(r"free|gratis|included|no charge|no travel|complimentary|first|beyond|after", seg, re.I) or key in keys)}
                  | {m.value for key, seg, m in book.mentions if m.kind == "number" and  # "travel_free_radius_mi": "30"
                     re.search(r"free", key, re.I) and re.search(r"(?<![a-z])(?:mi|km)(?![a-z])|miles?|radius", key, re.I)}
                  | {float(m.group(1)) for p in rated for m in _PAST_MILES.finditer(p.text)})  # "$1.50 per mile for every mile past 15"
    d.radius = service_radius(book)
    d.round_trip = bool(rates) and bool(book.segments_with(ROUND_TRIP))
    # "flat_fee: {Boulder City: 75, Pahrump: 150}": a place's fee is this customer's travel fee (and part of the
    # bases percentages are taken of) only when the customer names the place; for another place it is a
    # what-if amount ("in Pahrump it'd be $1,110")
    by_place = fees_by_place(book)[0]
    asked = question.lower()
    named = {f for fees in d.place_fees.values() for f in fees} | \
            {f for p, fees in by_place.items() if re.search(rf"\b{re.escape(p)}\b", asked) for f in fees}
    elsewhere = {f for fees in by_place.values() for f in fees if f} - named
    if not distances and flats and not rates:
        distances = [None]  # one flat fee, whatever the distance
    for miles in distances:
        if miles is not None and d.radius is not None and miles > d.radius:
            continue  # no fee is "correct" for a place the business does not serve
        if miles is not None and not rates and (inside := [f for f in book.free_miles() if miles <= f]):
            d.add("money", 0.0, f"{miles:g} is within the free {min(inside):g}")
            d.travel_fees.add(0.0)  # "free within 20 miles; $75 flat for 21–50": 8 miles travel free
            continue
        banded = band_fees(book, miles) if miles is not None and travel_bands(book) else None
        charges: dict[float, str] = {f: f"flat {money(f)} travel fee" + (f" for {miles:g} miles" if banded else "")
                                     for f in (flats if banded is None else sorted(banded))}
        if not rates and book.segments_with(ROUND_TRIP):  # "$25 each way (so the chef's round trip is billed)"
            charges.update({round(f * 2, 2): f"flat {money(f)} each way × 2" for f in list(charges) if f})
        if miles is not None and rate_bands(book):
            charges.update(_banded_rates(d, book, miles))
        for f in (free or [0.0]) if miles is not None else ():
            billable = max(0.0, miles - f)
            d.add("distance", billable, f"{miles:g} − {f:g} free miles")
            for r in rates:
                fee = round(billable * r, 2)
                if d.round_trip:  # "$1.50 per mile, each way": the miles are driven twice
                    d.one_way.setdefault(fee, f"({miles:g} − {f:g}) × {money(r)} one way")
                    d.add("distance", billable * 2, f"({miles:g} − {f:g}) × 2 ways")
                    fee = round(fee * 2, 2)
                if fee or not flats or book.free_miles():  # "$50 flat within 40 miles, plus $1.50 a mile past 40": never $0
                    charges.setdefault(fee, f"({miles:g} − {f:g}) × {money(r)}" + (" × 2 ways" if d.round_trip else ""))
                for flat in flats:
                    charges.setdefault(round(flat + fee, 2), f"{money(flat)} + ({miles:g} − {f:g}) × {money(r)}")
        for fee, why in charges.items():
            d.add("money", fee, why)
            if fee not in elsewhere:
                d.travel_fees.add(round(fee, 2))
            for base, bwhy in list(d.food_totals.items()):
                d.add("money", base + fee, f"{bwhy} + travel {why}")
                if fee not in elsewhere:
                    d.grand_totals.setdefault(round(base + fee, 2), f"{bwhy} + travel {why}")


_RANGE = re.compile(r"(over\s|above\s|more than\s|m[aá]s de\s|>\s?)?\s*(\d+(?:\.\d+)?)\s*(?:-|–|to|up to|a|hasta)\s*(\d+(?:\.\d+)?)\s*(?:mi\b|miles?|millas?|km\b)", re.I)
_WITHIN = re.compile(r"(?:within|up to|under|<=?|≤|hasta|dentro de)\s*(\d+(?:\.\d+)?)\s*(?:mi\b|miles?|millas?|km\b)|"
                     r"\b(?:(?:up[ _]to|max)[ _](?:mi|miles|km)|(?:mi|miles|km)[ _](?:max|up[ _]to))\s*[:=]\s*(\d+(?:\.\d+)?)", re.I)  # a zone record's "up to miles: 30"
_PER_MILE = re.compile(r"per mile|per mi\b|/\s?mi\b|por milla|each mile|a mile|per km\b|/\s?km\b|por kil[oó]metro", re.I)


def travel_bands(book: FactBook) -> list[tuple[float, float, float]]:
    """Distance bands with a flat travel fee each, as (from, to, fee): "0-20 mi free; >20-40 mi $50;
    >40-60 mi $100" gives (0, 20, 0), (20, 40, 50), (40, 60, 100). Empty unless the facts give
    at least two bands and no per-mile rate."""
    if "travel_bands" not in book.memo:
        bands: list[tuple[float, float, float]] = []
        fees = [p for p in book.priced if p.subject == "travel"]
        if fees and not any(p.unit == "per_mile" or _PER_MILE.search(p.text) for p in fees):
            for p in fees:
                where = f"{key_name(p.key)} {p.text}"
                r = _RANGE.search(where) or _WITHIN.search(where)
                if r and r.re is _RANGE:  # "over 20 up to 40": 20 itself is in the band before
                    bands.append((float(r.group(2)) + (0.001 if r.group(1) else 0.0), float(r.group(3)), p.value))
                elif r:
                    bands.append((0.0, float(r.group(1) or r.group(2)), p.value))
            free = book.free_miles()
            if free and not any(fee == 0 for *_, fee in bands):
                bands.append((0.0, min(free), 0.0))
            ups = sorted({(hi, fee) for lo, hi, fee in bands if lo == 0})
            if len(ups) >= 2 and len({hi for hi, _ in ups}) == len(ups):  # "up to 15: free; up to 30: $50; up to 45: $95" are
                bands = [b for b in bands if b[0] != 0] + [(prev + 0.001 if i else 0.0, hi, fee)  # consecutive zones
                                                            for i, ((hi, fee), prev) in enumerate(zip(ups, [0.0] + [h for h, _ in ups]))]
        book.memo["travel_bands"] = sorted(set(bands)) if len(set(bands)) >= 2 else []
    return book.memo["travel_bands"]


_RATE_SPAN = re.compile(r"(?:miles?|mi|km|kil[oó]metros?)\s+(\d+)\s*(?:-|–|to|through|a)\s*(\d+)\b|"
                        r"\b(\d+)\s*(?:-|–|to|through)\s*(\d+)\s*(?:mi\b|miles?|km\b)|"
                        r"\b(?:beyond|over|past|after|above|more than|m[aá]s de)\s+(?:the first\s+)?(\d+)(?!\s*(?:-|–|to)\s*\d)", re.I)


def rate_bands(book: FactBook) -> list[tuple[float, float, float]]:
    """Per-mile rates by distance band, as (from, to, rate): "First 20 miles free; $2.75 per mile for
    miles 21–50; $3.50 per mile beyond 50" gives (20, 50, 2.75), (50, inf, 3.50). Empty unless every
    per-mile rate names its band and there are at least two."""
    if "rate_bands" not in book.memo:
        bands: list[tuple[float, float, float]] = []
        rated = [p for p in book.priced if p.unit == "per_mile"]
        edges = set(book.free_miles())
        for p in rated:
            spans = list(_RATE_SPAN.finditer(p.text))
            if len(spans) != 1:
                bands = []
                break
            m = spans[0]
            if m.group(5):
                bands.append((float(m.group(5)), float("inf"), p.value))
            else:
                lo, hi = float(m.group(1) or m.group(3)), float(m.group(2) or m.group(4))
                bands.append((lo, hi, p.value))
        edges |= {hi for _, hi, _ in bands}
        # "miles 21–50" starts after mile 20 when 20 ends the free miles or another band, or is a round number
        bands = [(lo - 1 if lo - 1 in edges or lo > 1 and (lo - 1) % 5 == 0 else lo, hi, rate) for lo, hi, rate in bands]
        book.memo["rate_bands"] = sorted(set(bands)) if len({r for *_, r in bands}) >= 2 and len(bands) == len(rated) else []
    return book.memo["rate_bands"]


def _banded_rates(d: Derived, book: FactBook, miles: float) -> dict[float, str]:
    """The fee for ``miles`` with each band's miles at its own rate, and each band's part."""
    parts = []
    for lo, hi, rate in rate_bands(book):
        top = min(miles, hi)
        inside = max(0.0, top - lo)
        if inside:
            fee = round(inside * rate, 2)
            why = f"({top:g} − {lo:g}) × {money(rate)}"
            d.add("distance", inside, f"{top:g} − {lo:g} miles")
            d.add("numbers", inside, f"{top:g} − {lo:g} miles")
            d.add("numbers", lo + 1, f"the band's first mile after {lo:g}")  # "miles 41–55 are $2 each"
            d.add("money", fee, why)
            parts.append((fee, why))
    if len(parts) < 2:
        return {}
    return {round(sum(f for f, _ in parts), 2): " + ".join(w for _, w in parts)}


def band_fees(book: FactBook, miles: float) -> set[float]:
    """The flat travel fees the bands give ``miles`` (two on a shared edge; none outside them)."""
    return {fee for lo, hi, fee in travel_bands(book) if lo <= miles <= hi}


_BLOCK = re.compile(r"(?:for )?(?:per|each|every|por cada) (?:additional |extra )?(?:(\d+)[\s-]?(?:minutes?|mins?|minutos)|(half[\s-]hour|hour|hora))", re.I)


_BLOCK_LABEL = re.compile(r"(?:\b(?:additional|extra|overtime)\s+(?:(\d+)[\s-]?(?:minutes?|mins?|minutos)|(half[\s-]hour|hour|hora))s?|"
                          r"\b(hora) (?:extra|adicional))"  # "Hora extra: $120"
                          r"(?:\s+(?:fee|rate|price|cost))?\s*:?\s*\$?$", re.I)  # "Extra hour $200", "additional hour: $150"
_JOINED = re.compile(r"\s*(?:hours?|hrs?|horas?)\s*(?:and|y|,)?\s*", re.I)


def _minutes(kind: str, v: float) -> float:
    return v * 60 if kind == "hours" else v


def _blocks(book: FactBook) -> list[tuple[float, float]]:
    """(minutes, fee) of every fee charged per block of time ("each additional 30 minutes is $80")."""
    blocks = []
    for _, seg, m in book.mentions:
        if m.kind != "money":
            continue
        b = _BLOCK.match(seg[m.end:m.end + 40].lstrip())
        if b is None and sum(1 for _, s2, x in book.mentions if s2 is seg and x.kind == "money") == 1:
            b = _BLOCK.search(seg)  # "each additional 30 minutes is $80": the only amount of the segment
        if b is None:
            b = _BLOCK_LABEL.search(seg[:m.start])  # "additional hour: $150" (from "additional_hour_usd": 150)
        if b:
            size = float(b.group(1)) if b.group(1) else 30.0 if (b.group(2) or "").lower().startswith("half") else 60.0
            blocks.append((size, m.value))
    return blocks


_FIRST_HOUR = re.compile(r"\b(?:the )?first hour\b|\bprimera hora\b", re.I)


def _time_bases(book: FactBook) -> dict[float, list[float]]:
    """Flat prices for a length of time, by minutes, memoized: "Paquete 2 horas: $350", "$395 for the
    first hour", "package $1,200: 5 hours, 2 bartenders" (not a price per hour or per block)."""
    if "time_bases" not in book.memo:
        out: dict[float, list[float]] = {}
        for _, seg, m in book.mentions:
            if m.kind != "money" or m.unit not in (None, "flat", "per_event") or _BLOCK.match(seg[m.end:m.end + 40].lstrip()) \
                    or _BLOCK_LABEL.search(seg[:m.start]):
                continue
            spans = [x for _, s2, x in book.mentions if s2 is seg and x.kind in ("hours", "minutes")]
            moneys = [x for _, s2, x in book.mentions if s2 is seg and x.kind == "money"]
            if len(spans) == 1 and moneys[0] is m:
                out.setdefault(_minutes(spans[0].kind, spans[0].value), []).append(m.value)
            elif not spans and _FIRST_HOUR.search(seg[m.end:m.end + 30]):
                out.setdefault(60.0, []).append(m.value)
        book.memo["time_bases"] = out
    return book.memo["time_bases"]


def _durations(d: Derived, book: FactBook, question: str) -> None:
    """Extra time: (asked − included) minutes in blocks of the fee's length, × the block fee."""
    text, found = mentions(question)
    asked = [m for m in found if m.kind in ("hours", "minutes")]
    blocks = _blocks(book)
    for size, fee in blocks if not asked else ():  # "$75 per extra 30 minutes" makes an extra hour $150
        if size < 60 and 60 % size == 0:
            d.add("money", fee * 60 / size, f"{money(fee)} per {size:g} minutes × {60 / size:g} for an hour")
    if not asked:
        # the most extra time the facts allow: "base hours: 2", "max hours: 5" at $150 per extra hour is $450
        spans = sorted({_minutes(m.kind, m.value) for _, _, m in book.mentions if m.kind in ("hours", "minutes")})
        for size, fee in blocks:
            for lo in spans:
                for hi in spans:
                    if hi > lo and (hi - lo) % size == 0:
                        d.add("money", (hi - lo) / size * fee, f"({hi:g} − {lo:g} minutes) / {size:g} × {money(fee)}")
        return
    totals, i = set(), 0
    while i < len(asked):  # "2 hours and 30 minutes" is one duration of 150 minutes
        total, j = _minutes(asked[i].kind, asked[i].value), i
        while j + 1 < len(asked) and asked[j].kind == "hours" and asked[j + 1].kind == "minutes" and \
                _JOINED.fullmatch(text[asked[j].end:asked[j + 1].start]):
            j += 1
            total += asked[j].value
        totals.add(total)
        i = j + 1
    for q in totals:
        d.durations.setdefault(("minutes", q), "asked")
        d.durations.setdefault(("hours", round(q / 60, 2)), f"{q:g} minutes")
    bases = _time_bases(book)
    included = {_minutes(m.kind, m.value) for _, seg, m in book.mentions if m.kind in ("hours", "minutes")} | {0.0} | set(bases)
    for q in totals:
        for inc in included:
            extra = q - inc
            if extra <= 0:
                continue
            d.durations.setdefault(("minutes", extra), f"{q:g} − {inc:g} minutes")
            d.durations.setdefault(("hours", round(extra / 60, 2)), f"{q:g} − {inc:g} minutes")
            d.numbers.setdefault(extra, f"{q:g} − {inc:g} minutes")
            for size, fee in blocks:
                if size == inc and inc not in bases:
                    continue
                n = -(-extra // size)
                d.numbers.setdefault(n, f"{extra:g} extra minutes / {size:g}")
                d.add("money", n * fee, f"{n:g} × {money(fee)} per {size:g} minutes ({q:g} − {inc:g} minutes)")
                for price in bases.get(inc, ()):  # "$395 for the first hour, $150 each additional hour": 2 hours are $545
                    d.add("money", price + n * fee, f"{money(price)} for {inc:g} minutes + {n:g} × {money(fee)}")
