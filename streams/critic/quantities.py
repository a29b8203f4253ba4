"""Things sold by the unit: by the dozen, by the pound, by the piece, by the pan that serves N.

``unit_prices(book)`` reads "Meat: $22 per dozen", "Brisket $32/lb", "Pupusas $3.50 c/u" and
"full pan $95 (serves 20)" from the facts. ``derive_quantities(d, book, question)`` adds to a
``Derived`` what a correct answer may compute from them, each with its formula:

- the customer's quantities × their unit price: "5 dozen potato & cheese" is 5 × $18. When the
  facts give the unit several prices, a quantity takes the price whose words follow it in the
  question ("3 dozen meat" → "Meat: $22 per dozen"); only when no words tell them apart does each
  price count. The sum over the quantities, one price each, is a food total;
- "N dozen" is 12N items, in the facts and in the question ("2 dozen" allows "24 cupcakes");
- a portion per guest ("½ lb of meat per guest") × the guests is a quantity, priced by the unit;
- pans or trays that serve N guests: the cheapest ways to serve the party with at most two sizes,
  none with an order it could drop ("2 full pans and a half pan" for 50 at 20 and 10 each).

Nothing here multiplies numbers the facts do not tie together: a quantity needs a unit the facts
price, and a price needs the unit the quantity names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from schemas.context import human_key

from .facts import FactBook
from .fold import guarded
from .items import derive_items
from .numbers import COUNT_WORDS, money

if TYPE_CHECKING:
    from .arithmetic import Derived

_UNITS = {
    "dozen": r"dozen|dz|docena", "lb": r"lbs?|pounds?|libras?", "kg": r"kg|kilos?|kilograms?",
    "pan": r"(?:full |half )?pans?", "tray": r"trays?|bandejas?", "bushel": r"bushels?", "gallon": r"gallons?|galones?",
    "piece": r"c/u|pieces?|pcs?|ea\b|each|apiece|unidad(?:es)?|cada una?",
}
_UNIT_OF = {name: re.compile(rf"^(?:{rx})$", re.I) for name, rx in _UNITS.items()}
_ANY_UNIT = "|".join(_UNITS.values())
_AMOUNT = r"(?:\$|€|£|usd\s?)\s?(?P<a1>\d[\d,]*(?:\.\d+)?)|(?P<a2>\d[\d,]*(?:\.\d+)?)\s?(?:€|dollars|usd)"
#: "$18 per dozen", "$32/lb", "$3.50 c/u", "€4 each"
_PER_UNIT_PRICE = re.compile(rf"(?:{_AMOUNT})\s?(?:per|a|an|/|por|the|la|el)?\s?(?P<per>\d+\s)?(?P<unit>{_ANY_UNIT})(?![\w/])", re.I)
#: "full pan $95 (serves 20)"
_SERVES_PRICE = re.compile(rf"(?P<label>[^\W\d_][^$€£;.:()]{{0,30}}?)\s*:?\s*(?:{_AMOUNT})\s*\(?\s*(?:serves|feeds)\s(?:~\s?|about |approx\.? |up to )?(?P<size>\d+)", re.I)
_QUANTITY = re.compile(rf"\b(\d+(?:\.\d+)?|{'|'.join(COUNT_WORDS)})\s?(?P<unit>{_ANY_UNIT})\b(?:\s+of)?(?P<after>(?:\s+[^\W\d_][\w&'-]*){{0,4}})", re.I)
_PORTION = re.compile(r"(½|¼|¾|\d+(?:\.\d+)?|\d+/\d+|half a|a half)\s?(?P<unit>lbs?|pounds?|oz|ounces?)\b(?:\s+of\s+[^\W\d_]+)?\s+(?:per|a|each|for each|/)\s?(?:guest|person|head|adult|pp)\b", re.I)
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "half a": 0.5, "a half": 0.5}
_STOP = frozenset("and or the for with per each our your a an of to in on at de y con para".split())


@dataclass(frozen=True)
class UnitPrice:
    value: float
    unit: str  # a key of _UNITS
    words: frozenset  # what it is: the words of its label and fact key ("meat", "pierogi")
    size: float = 0.0  # guests one unit serves, when the facts say


def _unit_name(text: str) -> str:
    return next((name for name, rx in _UNIT_OF.items() if rx.match(text.strip())), "")


def _words(text: str) -> frozenset:
    return frozenset(w.rstrip("s") for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _STOP)


def _amount(m: re.Match) -> float:
    return float((m.group("a1") or m.group("a2")).replace(",", ""))


def unit_prices(book: FactBook) -> list[UnitPrice]:
    """Every price per unit and every serves-N price of the facts (memoized on the book)."""
    if "unit_prices" not in book.memo:
        found: list[UnitPrice] = []
        for key, seg in book.segments:
            start, prev = 0, ""
            for m in _PER_UNIT_PRICE.finditer(seg):
                unit = _unit_name(m.group("unit"))
                label = seg[start:m.start()]
                if not _words(label):
                    label = prev  # "Cupcakes: $4 each or $45 per dozen": the second price is the cupcakes' too
                start, prev = m.end(), label
                if unit:  # "$45 per 50 pieces" is $0.90 a piece
                    per = float(m.group("per")) if m.group("per") else 1.0
                    found.append(UnitPrice(_amount(m) / per, unit, _words(f"{human_key(key)} {label}")))
            for m in _SERVES_PRICE.finditer(seg):
                found.append(UnitPrice(_amount(m), "serves", _words(f"{human_key(key)} {m.group('label')}"), float(m.group("size"))))
        book.memo["unit_prices"] = found
    return book.memo["unit_prices"]


def _count(text: str) -> float:
    return float(COUNT_WORDS.get(text.lower()) or text)


_DOZENS = guarded(r"\b(\d+|a|one|two|three|four|five|six|half a)\s?(?:dozen|docenas?)\b", re.I)


def _dozens(text: str) -> list[float]:
    return [{"a": 1.0, "half a": 0.5}.get(m.group(1).lower()) or _count(m.group(1)) for m in _DOZENS.finditer(text)]


def _fact_dozens(book: FactBook) -> list[float]:
    """Every "N dozen" of the facts, memoized on the book (the same for every question)."""
    if "fact_dozens" not in book.memo:
        book.memo["fact_dozens"] = [n for text in book.facts.values() for n in _dozens(text)]
    return book.memo["fact_dozens"]


def _price_by_unit(d: "Derived", qty: float, unit: str, prices: list[UnitPrice], words: frozenset, lines: list) -> None:
    """``qty`` units at the price whose own words ``words`` name, else at each price of the unit;
    a line of the total only when one price is left."""
    named = _named(prices, words) or prices
    for p in named:
        d.add("money", qty * p.value, f"{qty:g} {unit} × {money(p.value)}")
    if len(named) == 1:
        lines.append((qty * named[0].value, f"{qty:g} {unit} × {money(named[0].value)}"))


def derive_quantities(d: "Derived", book: FactBook, question: str) -> None:
    """Add the unit arithmetic of ``question`` over ``book`` to ``d`` (see module docstring)."""
    for n in _fact_dozens(book) + _dozens(question):
        d.numbers.setdefault(round(12 * n, 2), f"{n:g} dozen × 12")
    prices = unit_prices(book)
    lines: list[tuple[float, str]] = []
    if prices:
        q_words = _words(question)
        for m in _QUANTITY.finditer(question):
            unit, qty, words = _unit_name(m.group("unit")), _count(m.group(1)), _words(m.group("after"))
            same, each = [p for p in prices if p.unit == unit], [p for p in prices if p.unit == "piece"]
            if unit == "dozen" and not _named(same, words) and _named(each, words):
                _price_by_unit(d, 12 * qty, "piece", each, words, lines)  # "five dozen cupcakes" at "Cupcakes $3.75 each"
                continue
            _price_by_unit(d, qty, unit, same, words, lines)
        _dozens_and_singles(d, prices, question, q_words)
        _portions(d, book, prices, q_words, lines)
        _serving_sizes(d, prices, q_words)
    whole = derive_items(d, book, question, lines)  # "80 pupusas" priced "$3.50 c/u", "60 pizzas" with 50 in the package
    if len(lines) > 1:
        total, why = sum(v for v, _ in lines), " + ".join(w for _, w in lines)
        d.add("money", total, why)
        d.add("food_totals", total, why)
    elif lines:
        total = lines[0][0]
        d.add("food_totals", *lines[0])
    if lines and whole and not d.question_gave_counts:
        d.complete_food.add(round(total, 2))  # every thing the customer orders is priced (and no guests): the whole order, which a minimum may raise


_ITEM_COUNT = re.compile(r"\b(\d+)\s+([^\W\d_]{3,})")


def _dozens_and_singles(d: "Derived", prices: list[UnitPrice], question: str, q_words: frozenset) -> None:
    """"50 cupcakes" at "$4 each or $45 per dozen": 4 dozen and 2 singles, $180 + $8 = $188 (the cheapest way to buy
    exactly 50), when one item has both prices."""
    for m in _ITEM_COUNT.finditer(question):
        n, word = int(m.group(1)), m.group(2).lower().rstrip("s")
        dozen = _variant([p for p in prices if p.unit == "dozen" and word in p.words], q_words)
        each = _variant([p for p in prices if p.unit == "piece" and word in p.words], q_words)
        if len(dozen) != 1 or len(each) != 1 or n < 12 or dozen[0].value >= 12 * each[0].value:
            continue
        full, rest = divmod(n, 12)
        d.numbers.setdefault(float(full), f"{n} ÷ 12 dozens")
        d.numbers.setdefault(float(rest), f"{n} − {12 * full} singles")
        d.add("money", full * dozen[0].value, f"{full} dozen × {money(dozen[0].value)}")
        d.add("money", rest * each[0].value, f"{rest} × {money(each[0].value)}")
        d.add("money", full * dozen[0].value + rest * each[0].value, f"{full} dozen × {money(dozen[0].value)} + {rest} × {money(each[0].value)}")


def _variant(prices: list[UnitPrice], q_words: frozenset) -> list[UnitPrice]:
    """Of one item's prices ("cupcakes", "mini cupcakes"), the variant the question names, else the plain one."""
    if len(prices) < 2:
        return prices
    return _named(prices, q_words) or [p for p in prices if not p.words - frozenset.intersection(*(p.words for p in prices))]


def _fact_portions(book: FactBook) -> list[tuple[float, str]]:
    """(amount, "lb" or "oz") of every portion per guest the facts give, memoized on the book."""
    if "portions" not in book.memo:
        found = []
        for _, seg in book.segments:
            for m in _PORTION.finditer(seg):
                raw = m.group(1).lower()
                each = _FRACTIONS.get(raw) or (float(raw.split("/")[0]) / float(raw.split("/")[1]) if "/" in raw else float(raw))
                found.append((each, "lb" if m.group("unit").lower().startswith(("lb", "pound")) else "oz"))
        book.memo["portions"] = found
    return book.memo["portions"]


def _portions(d: "Derived", book: FactBook, prices: list[UnitPrice], q_words: frozenset, lines: list) -> None:
    """"Plan about ½ lb of meat per guest": 30 guests need 15 lb, priced by the pound."""
    guests = {d.guests} if d.guests else set(d.counts.get("guest", []) + d.counts.get("adult", []))
    per_lb = [p for p in prices if p.unit == "lb"]
    for each, unit in _fact_portions(book):
        for g in guests:
            qty = round(each * g, 2)
            d.numbers.setdefault(qty, f"{each:g} {unit} × {g:g} guests")
            if unit == "lb":
                _price_by_unit(d, qty, "lb", per_lb, q_words, lines)


def _named(prices: list[UnitPrice], words: frozenset) -> list[UnitPrice]:
    """The prices whose own words (those not shared by all of them) the customer used: "6 dozen
    logo cookies" takes "custom logo cookies $48 per dozen", not "Classic cookies $28 per dozen"."""
    if not prices:
        return []
    common = frozenset.intersection(*(p.words for p in prices)) if len(prices) > 1 else frozenset()
    return [p for p in prices if (p.words - common) & words]


def _serving_sizes(d: "Derived", prices: list[UnitPrice], q_words: frozenset) -> None:
    """The cheapest tight orders of at most two serving sizes for the party."""
    sized = [p for p in prices if p.unit == "serves" and p.size > 0]
    named = [p for p in sized if p.words & q_words - {"serve", "guest", "people"}]
    sized = named if len({p.words for p in named}) > 1 else sized
    guests = d.guests or max(d.counts.get("guest", []) + d.counts.get("adult", []), default=0)
    if not sized or not 0 < guests <= 2000:
        return
    orders = []
    for i, a in enumerate(sized):
        for b in sized[i:]:
            for x in range(int(-(-guests // a.size)) + 1):
                rest = max(0.0, guests - x * a.size)
                y = 0 if b is a else int(-(-rest // b.size))
                if b is a and rest > 0:
                    continue
                served = x * a.size + y * b.size
                tight = served >= guests and (x == 0 or served - a.size < guests) and (y == 0 or served - b.size < guests)
                if tight and x + y > 0:
                    orders.append((x * a.value + y * b.value, x, a, y, b))
    if not orders:
        return
    cheapest = min(o[0] for o in orders)
    for cost, x, a, y, b in orders:
        if cost <= cheapest * 1.25:
            why = " + ".join(f"{n} × {money(p.value)} (serves {p.size:g})" for n, p in ((x, a), (y, b)) if n)
            d.add("money", cost, why)
            d.add("food_totals", cost, why)
            for n, p in ((x, a), (y, b)):
                if n:
                    d.add("money", n * p.value, f"{n} × {money(p.value)}")
                    d.numbers.setdefault(float(n), f"{n} orders serving {p.size:g}")
