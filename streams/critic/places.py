"""Travel fees by place: "Henderson and Boulder City are $75 flat" when the facts list Henderson as free.

``place_claims(sentences, book, question)`` reads the facts' places and their travel fees:

- a travel fee whose fact names places ("Boulder City: $75", "north shore (haleiwa, waialua) = +$100
  travel", a nested ``flat_fee.Pahrump: 150``) gives each named place that fee;
- a free list ("free: Las Vegas; Henderson", "free in Tampa, Brandon and Riverview") gives its places $0;
- "everywhere else (on Oahu) free" gives every other place $0.

A sentence that names a known place with a travel amount other than that place's fee contradicts the
facts; so does a sentence that says the business does not travel to a place the facts charge a fee
for. A place the facts do not list is judged only when the question names it and the facts make every
other place free ("16 adults in kailua" answered "plus the $100 travel fee for Kailua").
"""

from __future__ import annotations

import re
from typing import Optional

from .claim import Claim
from .facts import FactBook
from .numbers import DOLLARS, close, dollar_values, money
from .policies import make_claim, negated

_TRAVEL = re.compile(r"travel|trip|drive|driving|mileage|flat|fee|zone|traslado|viaje", re.I)
_PLACE_KEY = re.compile(r"travel|trip|flat[_ ]?fee|zone|area|town|cit(?:y|ies)|place|location|delivery", re.I)
_TOTAL = re.compile(r"total|subtotal|comes to|altogether|=|\bso\b|\bfor\s+\d+\s+(?:guests|adults|people)", re.I)
_TRAVEL_WORD = re.compile(r"travel|trip|mileage|drive|traslado|viaje", re.I)
_FREE = re.compile(r"\bfree\b|no (?:travel )?(?:charge|fee)|at no cost|gratis|included", re.I)
_ELSEWHERE_FREE = re.compile(r"(?:everywhere|anywhere|all other (?:areas|places|towns|cities)|other (?:areas|places|towns)|elsewhere|"
                             r"everything else)[^.;\n]{0,30}\b(?:free|no (?:travel )?(?:charge|fee))", re.I)
_NO_TRAVEL = re.compile(r"\b(?:don'?t|do not|doesn'?t|does not|can'?t|cannot|won'?t|no longer)\s+(?:travel|go|come|drive|serve|cater|cover)\b|"
                        r"\boutside (?:of )?(?:our|the) (?:service )?(?:area|range|zone)|\bnot (?:served|covered|in our (?:service )?area)", re.I)
_NAME = re.compile(r"[A-Za-z][A-Za-z'.]+(?:[ -][A-Za-z][A-Za-z'.]+){0,2}")
_NOT_NAME = frozenset("""zone zones travel fee fees flat free area areas other others everywhere else beyond within miles mile km
the and or all any only ask owner quote by per each plus over under up to from of in on
guests guest adults kids price prices minimum deposit gratuity tip tips tax service charge""".split())


def _names(text: str) -> list[str]:
    """Place names in a list ("Las Vegas; Henderson", "(haleiwa, waialua, sunset)", "Boulder City")."""
    out = []
    for part in re.split(r"[;,()/]|\band\b|\+|\n", text):
        part = re.sub(r"^\s*(?:in|to|at|the)\s+", "", part.strip(" .:-="), flags=re.I)
        m = _NAME.fullmatch(part)
        if m and not ({w.lower() for w in re.split(r"[ -]", part)} & _NOT_NAME):
            out.append(part)
    return out


def place_fees(book: FactBook) -> tuple[dict[str, set[float]], bool]:
    """({place (lower-cased): travel fees}, every other place free?). Memoized per book."""
    if "place_fees" not in book.memo:
        fees: dict[str, set[float]] = {}
        elsewhere = False
        for key, seg in book.segments:
            if not (_TRAVEL.search(seg) or _TRAVEL.search(key)):
                continue
            elsewhere = elsewhere or bool(_ELSEWHERE_FREE.search(seg))
            amounts = dollar_values(seg)
            head = re.match(r"\s*([^:$]{2,40}):\s*(.*)$", seg)
            if re.search(r"(?:^|\.)free$", key, re.I) or head and re.fullmatch(r"free|gratis|no charge", head.group(1).strip(), re.I):
                for name in _names(head.group(2) if head else seg):  # "free: Las Vegas; Henderson"
                    fees.setdefault(name.lower(), set()).add(0.0)
                continue
            if len(amounts) == 1 and head and _names(head.group(1)) and _PLACE_KEY.search(key):
                for name in _names(head.group(1)):  # "flat_fee.Boulder City": "boulder city: $75"
                    fees.setdefault(name.lower(), set()).add(amounts[0])
                continue
            for clause in re.split(r"(?<=[.;])\s+|,\s(?=everywhere|anywhere|elsewhere)", seg):
                amts = dollar_values(clause)
                listed = re.findall(r"\(([^)]{3,120})\)", clause)
                if len(amts) == 1 and listed and _TRAVEL_WORD.search(clause):  # "north shore (haleiwa, waialua) = +$100 travel"
                    for group in listed:
                        for name in _names(group):
                            fees.setdefault(name.lower(), set()).add(amts[0])
                elif not amts and listed and _FREE.search(clause) and not _ELSEWHERE_FREE.search(clause):
                    for group in listed:
                        for name in _names(group):
                            fees.setdefault(name.lower(), set()).add(0.0)
        book.memo["place_fees"] = (fees, elsewhere and bool(fees))
    return book.memo["place_fees"]


def _said_places(sentence: str, known: dict[str, set[float]]) -> list[tuple[int, str]]:
    low = sentence.lower()
    return [(m.start(), p) for p in known for m in re.finditer(rf"\b{re.escape(p)}\b", low)]


def place_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    fees, elsewhere = place_fees(book)
    if not fees:
        return []
    out = []
    asked = question.lower()
    for s in sentences:
        for clause in re.split(r";|,\s(?=[A-Z][a-z]+[^,]*\$)|\.\s", s):
            named = _said_places(clause, fees)
            amounts = [(m.start(), float(m.group(1).replace(",", ""))) for m in DOLLARS.finditer(clause)]
            if not named:
                other = _unlisted(clause, asked, fees) if elsewhere else None
                if other and amounts and _TRAVEL.search(clause) and not negated(clause) and any(a > 0 for _, a in amounts):
                    v = next(a for _, a in amounts if a > 0)
                    out.append(make_claim(s, "money", "contradicted", f"the facts charge travel only for the places they list; "
                                          f"{other} is not one, so its travel is free, not {money(v)}", ("place", other, v)))
                continue
            if _NO_TRAVEL.search(clause):
                charged = [p for _, p in named if any(f > 0 for f in fees[p])]
                if charged:
                    p = charged[0]
                    out.append(make_claim(s, "policy", "contradicted", f"the facts serve {p.title()} for a travel fee of "
                                          f"{' or '.join(money(f) for f in sorted(fees[p]))}", ("place", p, "not served")))
                continue
            if not _TRAVEL.search(clause) and not _FREE.search(clause):
                continue
            for at, p in named:
                if re.search(r"\boutside (?:of )?(?:the )?$|\bbeyond (?:the )?$", clause[max(0, at - 16):at], re.I):
                    continue  # "outside the Denver metro area": not Denver's fee
                if any(close(v, f) for _, v in amounts for f in fees[p]):
                    continue  # the place's own fee is said (with totals around it)
                if re.search(rf"\b{re.escape(p.title())}\b", question) and \
                        any(re.search(rf"\b{re.escape(p.title())}\b", x.text) for x in book.priced if x.subject == "travel"):
                    continue  # judged with the customer's distance in claims._wrong_band (named_place_fees reads it too)
                said = None if negated(clause) else _amount_for(clause, at, amounts, named)
                if said is None and _free_for(clause, p) and not negated(clause):
                    said = 0.0
                if said is None or any(close(said, f) for f in fees[p]):
                    continue
                right = " or ".join("free" if f == 0 else money(f) for f in sorted(fees[p]))
                out.append(make_claim(s, "money", "contradicted", f"the facts give {p.title()} a travel fee of {right}, not "
                                      f"{'free' if said == 0 else money(said)}", ("place", p, said)))
    return out


def _free_for(clause: str, place: str) -> bool:
    """"Henderson is free", "no travel charge for Henderson" (not "inside Beltway 8 travel is free, and Katy …")."""
    p = re.escape(place)
    return bool(re.search(rf"\b{p}\b[^,.;]{{0,30}}\b(?:free|no (?:travel )?(?:charge|fee))|(?:free|no (?:travel )?(?:charge|fee))[^,.;]{{0,25}}\b(?:in|to|for|at)\s+(?:\w+\s+)?{p}\b",
                          clause, re.I))


def _amount_for(clause: str, at: int, amounts: list[tuple[int, float]], named: list[tuple[int, str]]) -> Optional[float]:
    """The amount a place is said with: the first after it, unless another place comes first and has its own
    ("Henderson and Boulder City are $75 flat": $75 for both; "Pahrump $150, Mesquite $200")."""
    after = [(pos, v) for pos, v in amounts if pos > at]
    if after and _TOTAL.search(clause[at:after[0][0]]):
        return None  # "Bellevue …, so your total is $1,075": a total, not the fee
    if not after:
        return None
    pos, v = after[0]
    places_between = [p for q, p in named if at < q < pos]
    if places_between and any(a2 > q for q, _ in named if at < q < pos for a2, _ in amounts if a2 < pos):
        return None
    return v


def _unlisted(clause: str, asked: str, fees: dict[str, set[float]]) -> Optional[str]:
    """A place the clause names ("for Kailua") that the question names too and the facts do not list."""
    for m in re.finditer(r"\b(?:for|in|to|at)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b", clause):
        name = m.group(1)
        if name.lower() in asked and name.lower() not in fees and name.lower() not in _NOT_NAME:
            return name
    return None


_PLACE = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_NOT_PLACE = {"Zone", "Travel", "Tier", "Band", "Area", "Flat", "Free", "Fee", "Zona", "The", "All", "Other", "Beyond", "Within"}


def named_place_fees(book: FactBook, question: str, subject: str = "travel") -> dict[str, set]:
    """Travel fees (or minimums) the facts give a place the question names ("Zone C (Daytona Beach,
    Tampa): $125" and "¿Cobran por viajar a Tampa?" gives {"Tampa": {125}})."""
    out: dict[str, set] = {}
    question = question.replace(",", "")  # "Vancouver, WA" names "Vancouver WA"
    for p in book.priced:
        if p.subject != subject or p.unit == "per_mile":
            continue
        first = DOLLARS.search(p.text)
        if subject == "travel" and first and float(first.group(1).replace(",", "")) != p.value:
            continue  # "Zone C (Salem): $150 + $1,200 food minimum": the zone's fee is its first amount
        text = p.text
        if "." in p.key:  # {"zones": {"C": {"areas": "Salem, Vancouver WA", "travel_fee": 150}}}: the record's places
            prefix = p.key.rsplit(".", 1)[0] + "."
            text += " " + " ".join(v for k, v in book.facts.items() if k.startswith(prefix) and k != p.key)
        for name in _PLACE.findall(text):
            if name.split()[0] not in _NOT_PLACE and re.search(rf"\b{re.escape(name)}\b", question):
                out.setdefault(name, set()).add(p.value)
    return out
