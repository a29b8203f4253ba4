"""Counted things: what N of a thing cost when the facts price the thing, alone or in a package.

``derive_items(d, book, question, lines)`` adds to a ``Derived`` the arithmetic over counts of
things (pizzas, pitas, kegs, pavlovas, quarters of bunny chow) that a correct answer may show,
each with its formula, and appends to ``lines`` one (amount, formula) per thing the customer
counts, so that the caller can add them up into a food total:

- the customer's count × the price of the thing it names. The price is the one whose label
  shares the most words with the count's words: "30 mutton quarters" takes "Quarter bunny
  (mutton) R95", not "half bunny (mutton) R160". A price per dozen prices a twelfth of one:
  "144 pierogi" at "$15 per dozen" is 12 dozen, $180;
- a package that includes N of the thing ("DKK 4,500: up to 50 pizzas", "includes 50 kulfis"):
  the customer's count beyond N, that many at the thing's extra price ("Extra pizzas DKK 80
  each", else its own price), and the package plus them;
- a price for a pack of N ("100 drinks CA$680", "platters (40 pieces each) ... NZ$56"): the price
  of one (CA$6.80, NZ$1.40);
- a count the facts give the thing ("Minimum 25 rolls", "sold in multiples of 50") × its price;
- what the customer's things hold: "Pavlovas serve 10–12 each" × 4 is 40 to 48 people, "Kegs
  (about 165 pours)" × 3 is 495 pours;
- a deposit per thing ("NZ$20 deposit per pavlova") × the count, and the things' total less it;
- a count per guest ("80 guests with 3 desserts each") is that many per guest: 240 desserts;
- a minimum order in things ("Minimum order 80 pupusas") under the customer's count is a money
  minimum (80 × $3.50), which the customer's own total (60 × $3.50) is below.

Only a count and a price that name the same thing are multiplied: a number of the question
followed by no word the facts price is left alone, and people, hours, days and distances are
priced elsewhere (``arithmetic``), as are quantities in units (``quantities``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .facts import FactBook
from .mentions import mentions
from .numbers import money

if TYPE_CHECKING:
    from .arithmetic import Derived

#: words that name no thing: a count followed only by these is not a count of things
_GENERIC = frozenset("""a an the and or of for with per each every extra additional more other first up to includes include included
including incl any all our your its their total price prices cost costs order orders minimum min package packages booking
event events party item items unit units piece pieces pc pcs apiece only just about approx around each one from at in on by
over under plus sold lot lots batch batches set sets multiple multiples serve serves serving feed feeds de y con para por
el la los las un una cada deal deals c/u ea apiece más mas mx us ca au nz hk sg""".split())
#: things priced elsewhere: people, time, distance, units of measure
_ELSEWHERE = frozenset("""guest guests people person persons adult adults kid kids child children teen teens pax head heads
hour hours hr hrs minute minutes min mins day days week weeks month months year years mile miles mi km kms kilometre kilometres
kilometer kilometers dozen dozens dz lb lbs pound pounds kg kilo kilos oz ounce ounces gallon gallons chef chefs staff
invitado invitados persona personas adulto adultos niño niños hora horas día días semana semanas milla millas docena docenas
percent""".split())
#: a count stops at these words: "30 mutton quarters and 10 bean quarters", "4 pavlovas for Saturday"
_STOP = frozenset("""and or but for at with over in on to by from so that which who if when please plus then y o para con en
por a al del the this these those is are was were be will would can could we i you it""".split())

_WORD = re.compile(r"[^\W\d_][\w'&-]*")
_AFTER_WORDS = re.compile(r"\s*\(?((?:[^\W\d_][\w'&-]*(?:\s+&\s+|\s+|\b)){1,4})")
_DOZEN = re.compile(r"^\s*(?:per|a|an|/|por|the|la)?\s*(?:dozen|dz|docena)\b", re.I)
_PER_NOUN = re.compile(r"^\s*(?:deposit\s+)?(?:per|each|a|/|por|cada)\s+([^\W\d_][\w'-]*)", re.I)
_PACK_BEFORE = re.compile(r"(\d+)\s+([^\W\d_][\w'-]*s)\s*[:=–-]?\s*$", re.I)  # "Prepaid packages: 100 drinks $680"
_PIECES = re.compile(r"\((\d+)\s?(?:pieces?|pcs?|pc|pieces each|un\.?|unidades)\b[^)]*\)", re.I)  # "Dim sum platters (40 pieces each): …"
_HOLDS = re.compile(r"\b(?:serves?|feeds?|sirve)\s+(?:~\s?|about |approx\.? |up to |roughly )?(\d+)(?:\s?(?:[–—-]|to)\s?(\d+))?|"
                    r"\b(?:about|approx\.?|around|roughly|~)\s?(\d+)\s+(?:[\w-]+\s+)?(pours|servings|cups|pieces|portions|scoops|slices|glasses|drinks)\b", re.I)
#: a deal for a pack: "3 for $10", "2x$5", "box of 6 £16", "caja de 12 $300"
_BUNDLE = re.compile(r"(?:^|[\s(])(\d{1,3})\s*(?:for|x|por)\s*$|"
                     r"\b(?:box|boxes|pack|packs|tray|trays|bag|bags|bundle|bundles|caja|cajas|paquete|paquetes)\s+(?:of\s+|de\s+)?(\d{1,3})\s*[:=–-]?\s*$", re.I)
#: a price from a count on: "5 o más MX$160 c/u", "10+ tacos: $3", "12 or more at $4"
_FROM_COUNT = re.compile(r"(?:^|[\s(,;])(\d{1,4})\s*(?:\+|or more|o m[aá]s|and up|y m[aá]s|or over)\s*(?:[^\W\d_][\w'-]*\s*)?(?:at\s*)?[:=–-]?\s*$",
                         re.I)
#: what a pack is called: a price under these words alone names no thing ("box of 6 £16")
_PACK_WORDS = frozenset({"box", "pack", "tray", "bag", "bundle", "caja", "paquete"})
_EACH_AFTER = re.compile(r"\s*(?:each|ea\.?|apiece|c/u|cada un[oa]|per (?:piece|item|unit))\b", re.I)
_EXTRA = re.compile(r"\b(?:extra|additional|beyond|more|adicional(?:es)?)\b", re.I)
_DEPOSIT = re.compile(r"\bdeposit|\bdep[oó]sito|\banticipo", re.I)
_INCLUDED = re.compile(r"\b(?:up to|includes?|including|incl\.?|comes with|hasta|incluye)\s+(?:the first\s+)?(\d+)\s+(?=[^\W\d_])|"
                       r"(\d+)\s+(?=(?:[^\W\d_][\w'-]*\s+){1,2}(?:included|incluid[oa]s))", re.I)
#: a count the facts give: "Minimum 25 rolls", "sold in multiples of 50", "50-plate minimum"; ``least`` or ``n2``: a minimum order
_FACT_COUNT = re.compile(r"\b(?:(?P<least>minimum(?: order)?(?: of)?|min\.?(?: order)?|at least|m[ií]nimo(?: de)?)|multiples of|lots of|batches of)"
                         r"\s+(?P<n>\d+)\b|\b(?P<n2>\d+)[\s-](?=[^\W\d_][\w'-]*[\s-](?:minimum|min)\b)", re.I)
_WORD_NEXT = re.compile(r"\s+[^\W\d_]")  # "minimum 80 pupusas": a word follows the count


def stem(word: str) -> str:
    """"pasties" → "pasty", "quarters" → "quarter", "leaves" → "leaf", "pierogi" → "pierogi"."""
    w = word.lower().strip("'-&")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("ves"):
        return w[:-3] + "f"
    if len(w) > 4 and w.endswith("es") and w[-3] in "hxo" and w[-4:-2] != "oe":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _content(text: str) -> frozenset:
    return frozenset(stem(w) for w in _WORD.findall(text) if w.lower() not in _GENERIC and len(w) > 1)


@dataclass(frozen=True)
class Item:
    """One price the facts give a thing: ``each`` is the price of one (the written ``price`` over ``pack``)."""

    each: float
    price: float
    pack: float
    words: frozenset
    extra: bool
    deposit: bool
    holds: tuple
    segment: str
    least: float = 1.0  # the count from which this price applies ("5 o más MX$160 c/u")
    bundle: bool = False  # a deal for a pack ("3 for $10", "box of 6 £16"): only whole packs are bought at it


def items(book: FactBook) -> list[Item]:
    """Every price of a thing in the facts (memoized on the book): not per person, per mile or per hour."""
    if "items" in book.memo:
        return book.memo["items"]
    found: list[Item] = []
    by_seg: dict[tuple[str, str], list] = {}
    for key, seg, m in book.mentions:
        by_seg.setdefault((key, seg), []).append(m)
    for (key, seg), ms in by_seg.items():
        prices = [m for m in ms if m.kind == "money" and m.unit not in ("per_mile", "per_60min", "per_30min")
                  and m.subject not in ("travel", "minimum")]
        pieces = _PIECES.search(seg)
        last_words = frozenset()
        for i, m in enumerate(prices):
            label = seg[prices[i - 1].end if i else 0:m.start]
            nxt = prices[i + 1].start if i + 1 < len(prices) else len(seg)
            after = re.split(r"[,;.]", seg[m.end:nxt], maxsplit=1)[0]
            pack, words, bundle = 1.0, _content(label) | _content(after), False
            head = label.rstrip("$ ")  # the words right before the amount
            least = float(q.group(1)) if (q := _FROM_COUNT.search(head)) else 1.0
            if _DOZEN.match(after):
                pack = 12.0
            elif (deal := _BUNDLE.search(head)):  # "3 for $10", "box of 6 £16"
                pack, bundle = float(deal.group(1) or deal.group(2)), True
            elif (before := _PACK_BEFORE.search(head)) and stem(before.group(2)) not in _ELSEWHERE:
                pack = float(before.group(1))
            elif pieces and pieces.start() < m.start:
                pack = float(pieces.group(1))
            if i and (bundle or least > 1) and not words - _ELSEWHERE - _PACK_WORDS:
                words = last_words  # "tacos $3.50 each or 3 for $10", "pizza MX$180, 5 o más MX$160 c/u": the same thing
            unnamed = not words - _ELSEWHERE - _PACK_WORDS and (bundle or _EACH_AFTER.match(after))  # "£3 each, box of 6 £16"
            last_words = words
            if pack != 12 and (per := _PER_NOUN.match(after)) and per.group(1).lower() in _ELSEWHERE:
                continue  # "$24 per guest", "$95 per hour": priced elsewhere
            if next(_included(seg, m.end, nxt), None):
                continue  # "$650 for up to 100 pitas": a package (see _packages)
            if not (words - _ELSEWHERE or unnamed) or m.value <= 0 or pack <= 0:
                continue
            holds = tuple(float(h) for h in next(((x.group(1), x.group(2)) if x.group(1) else (x.group(3),)
                                                  for x in _HOLDS.finditer(f"{label} {after}")), ()) if h)
            named = words - _ELSEWHERE - (_PACK_WORDS if unnamed else frozenset())
            found.append(Item(m.value / pack, m.value, pack, named, bool(_EXTRA.search(label + after)),
                              bool(_DEPOSIT.search(label + after)), holds, seg, least, bundle))
    book.memo["items"] = found
    return found


def _packages(book: FactBook) -> list[tuple[float, float, frozenset, str]]:
    """(package price, things it includes, words of the things, formula) of every package of the
    facts that includes a number of things, memoized: "$650 for up to 100 pitas over 3 hours"."""
    if "item_packages" in book.memo:
        return book.memo["item_packages"]
    flat: dict[str, list] = {}  # each key's flat prices, with their segments, in fact order
    for k, s, m in book.mentions:
        if m.kind == "money" and m.unit in (None, "flat", "per_event") and m.subject not in ("travel", "minimum", "deposit"):
            flat.setdefault(k, []).append((s, m))
    out = []
    for key, s in book.segments:
        for n, words in _included(s, 0, len(s)):
            own = flat.get(key, [])
            price = next((m for s2, m in own if s2 is s), None) or next((m for _, m in own), None)
            if price is not None:
                out.append((price.value, n, words, f"{money(price.value)} including {n:g}"))
    book.memo["item_packages"] = out
    return out


def _included(seg: str, start: int, end: int):
    """(count, words) of each "up to N things", "includes N things" in ``seg[start:end]``."""
    for inc in _INCLUDED.finditer(seg, start, end):
        n = float(inc.group(1) or inc.group(2))
        words = _thing_after(seg, inc.end())
        if words and not words & _ELSEWHERE and n > 0:
            yield n, words


def _thing_after(text: str, pos: int) -> frozenset:
    """The content words naming the thing right after ``pos``, up to a stop word ("30 mutton
    quarters and …" → {"mutton", "quarter"}); empty when no word follows."""
    head = _AFTER_WORDS.match(text, pos)
    if not head:
        return frozenset()
    kept = []
    for w in head.group(1).split():
        if w.lower() in _STOP:
            break
        kept.append(w)
    return _content(" ".join(kept))


_EACH_GUEST = re.compile(r"\s*(?:[^\W\d_][\w'&-]*\s+){1,3}?(?:each|per (?:guest|person|head|adult)|a head|apiece|"
                         r"por (?:persona|invitado|cabeza))\b", re.I)


def question_items(question: str, guests: set = frozenset()) -> list[tuple[float, frozenset]]:
    """The customer's counts of things: (count, the words that follow it), "30 mutton quarters";
    a count per guest times each of ``guests`` too ("80 guests with 3 desserts each": 240 desserts)."""
    text, found = mentions(question)
    out = []
    for m in found:
        if m.kind not in ("number", "age") or not isinstance(m.value, float) or m.value <= 0 or text[m.start - 1:m.start] == "#":
            continue  # "de 80 pupusas" reads as an age; "order #221" is no count
        words = _thing_after(text, m.end)
        if words and not words & _ELSEWHERE:
            each = guests if _EACH_GUEST.match(text, m.end) else ()
            out += [(m.value * g, words) for g in each] or [(m.value, words)]
    return out


def _best(priced: list[Item], words: frozenset) -> list[Item]:
    """The prices whose words share the most with ``words`` (at least one)."""
    scored = [(len(p.words & words), p) for p in priced]
    top = max((s for s, _ in scored), default=0)
    return [p for s, p in scored if s == top] if top else []


def derive_items(d: "Derived", book: FactBook, question: str, lines: list) -> bool:
    """Add the item arithmetic of ``question`` over ``book`` to ``d`` (see module docstring); whether
    every thing the customer counts got a line (so that their sum is the whole order)."""
    priced = items(book)
    if not priced:
        return False
    complete = True
    for p in priced:
        if p.pack > 1 and p.pack != 12 and not p.bundle:  # "3 for $10" sells no taco at $3.33
            d.add("money", p.each, f"{money(p.price)} / {p.pack:g}")
    products, minimums = _fact_counts(book, priced)
    for n, p in products:
        if not p.bundle:
            d.add("money", n * p.each, f"{n:g} × {money(p.each)}")
    packages = _packages(book)
    sold = [p for p in priced if not p.deposit]
    per_thing = [p for p in priced if p.deposit]
    extras = [p for p in sold if p.extra]
    guests = {d.guests} if d.guests else set(d.counts.get("guest", []) + d.counts.get("adult", []))
    for n, words in question_items(question, guests):
        unnamed = [p for p in sold if p.words <= _PACK_WORDS] if words & _traded(book) else []  # "£3 each" at a cupcake trailer
        own = [p for p in _best(sold, words) or unnamed if n >= p.least]
        if any(p.least > 1 for p in own):  # "pizza MX$180, 5 o más MX$160 c/u" for 6: the price from 5 on
            own = [p for p in own if p.least > 1 or p.bundle]
        deposits = _best(per_thing, words)
        best = own + deposits
        if best:
            d.numbers.setdefault(n, "the customer's count")
        bundled = None
        for p in best:
            if p.bundle:
                bundled = _bundles(d, n, p, [q for q in own if not q.bundle and q.pack == 1 and q.segment == p.segment]) or bundled
                continue
            d.add("money", n * p.each, f"{n:g} × {money(p.each)}" + (" deposit" if p.deposit else ""))
            if p.pack == 12 and (2 * n) % 12 == 0:
                d.numbers.setdefault(round(n / 12, 2), f"{n:g} / 12 dozen")
            for h in p.holds:
                d.add("numbers", n * h, f"{n:g} × {h:g} each")
                d.add("people", n * h, f"{n:g} × {h:g} each")
        line = None
        for price, covered, pwords, why in packages:
            if pwords & words and n > covered:
                more = n - covered
                extra = _best(extras, words) or \
                    [p for p in own if p.price != price and p.pack == 1]
                d.numbers.setdefault(more, f"{n:g} − {covered:g} included")
                for p in extra:
                    d.add("money", more * p.each, f"{more:g} more × {money(p.each)}")
                    d.add("money", price + more * p.each, f"{why} + {more:g} × {money(p.each)}")
                    line = (price + more * p.each, f"{why} + {more:g} × {money(p.each)}")
            elif pwords & words:
                line = (price, why)
        if line is None and bundled:
            line = bundled
        elif line is None and len({p.each for p in own}) == 1:
            line = (n * own[0].each, f"{n:g} × {money(own[0].each)}")
        for least, p in minimums:
            if p in own and n < least and d.minimum is None:  # "Minimum order 80 pupusas", 60 asked: $280, not $210
                d.minimum = least * p.each
                d.add("food_totals", d.minimum, f"a minimum order of {least:g} × {money(p.each)}")
                d.complete_food.add(round(n * p.each, 2))
        complete &= line is not None
        if line:
            lines.append(line)
            for p in deposits:
                if line[0] > n * p.each:
                    d.add("money", line[0] - n * p.each, f"{line[1]} − {n:g} × {money(p.each)} deposit")
    return complete and bool(lines)


def _traded(book: FactBook) -> frozenset:
    """The words of what the business sells, from its description and facts ("Buttercream Bus — cupcake trailer")."""
    if "traded" not in book.memo:
        book.memo["traded"] = _content(f"{book.raw.get('business', '')} {book.text}") - _ELSEWHERE
    return book.memo["traded"]


def _bundles(d: "Derived", n: float, p: Item, singles: list[Item]):
    """``n`` things where ``p`` sells a pack ("3 for $10", "box of 6 £16"): the whole packs, the whole
    packs plus the rest at the single price (7 tacos: 2 × $10 + $3.50), and enough packs for all
    (30 cupcakes: 5 boxes). Returns the order's (amount, formula): packs and singles when a
    single price is given, else whole packs."""
    packs, rest = divmod(n, p.pack)
    k = int(packs)
    deal = f"{p.pack:g} for {money(p.price)}"
    line = None
    if k:
        d.numbers.setdefault(float(k), f"{n:g} / {p.pack:g} ({deal})")
        d.add("money", k * p.price, f"{k} × {money(p.price)} ({deal})")
        line = (k * p.price, f"{k} × {money(p.price)} ({deal})") if not rest else None
    if rest:
        d.numbers.setdefault(rest, f"{n:g} − {k * p.pack:g} in packs")
        d.numbers.setdefault(float(k + 1), f"{k + 1} packs of {p.pack:g} for {n:g}")
        d.add("money", (k + 1) * p.price, f"{k + 1} × {money(p.price)} ({deal})")
        for q in singles:
            total, why = k * p.price + rest * q.each, f"{k} × {money(p.price)} + {rest:g} × {money(q.each)}"
            d.add("money", total, why)
            line = line or (total, why)
    return line


def _fact_counts(book: FactBook, priced: list[Item]) -> tuple[list, list]:
    """Counts the facts give things, memoized: (count, price) pairs a correct answer may multiply
    ("Minimum 25 rolls per event" × "$28 each"; "$2.20 each, sold in multiples of 50": $110), and
    (least count, price) of every minimum order in things ("Minimum order 80 pupusas for events",
    "50-plate minimum")."""
    if "fact_counts" not in book.memo:
        products, minimums = [], []
        sold = [p for p in priced if not p.deposit]
        for _, seg in book.segments:
            for m in _FACT_COUNT.finditer(seg):
                n = float(m.group("n") or m.group("n2"))
                words = _thing_after(seg, m.end())
                if words & _ELSEWHERE:
                    continue
                if 1 < n <= 1000:
                    products += [(n, p) for p in (_best(priced, words) if words else [p for p in priced if p.segment is seg])]
                if words and (m.group("n2") or m.group("least") and _WORD_NEXT.match(seg, m.end())):
                    minimums += [(n, p) for p in _best(sold, words)]
        book.memo["fact_counts"] = (products, minimums)
    return book.memo["fact_counts"]
