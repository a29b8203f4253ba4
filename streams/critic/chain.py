"""Arithmetic an answer shows: equations it writes out and totals of its own supported amounts.

``chain_claims(t, found, claims, ctx)`` takes the per-mention claims of one answer (aligned with
``found``) and returns them re-judged in text order. It guarantees:

- a written-out equation whose result is wrong ("32 × 2 × $1.50 = $108") is contradicted,
  with the right result in the reason;
- an amount nobody derived from the facts becomes supported only when the answer shows how it
  follows from amounts that are themselves supported: a correct equation over values from the
  facts, the question or earlier supported amounts; the sum of earlier supported amounts ("that
  puts the estimate at $1,879.38"); a fact's percentage of one of them; a difference or a half
  when the answer says so. A count × a rate (per person, per mile...) must still match a typed
  computation: ten-year-olds billed at the adult price, or every mile billed when the first 20
  are free, stay wrong even when the multiplication is right;
- an amount that is a fact's percentage of an earlier amount (or of two of them: "8% tax on food
  plus gratuity") is supported only when that amount is the base the fact names: a deposit of
  "25% of the food subtotal (before gratuity)" taken of a total with the gratuity is contradicted,
  and so is "30% of the estimated total (food + gratuity + travel)" taken of the food alone when
  the answer gives a gratuity. Each supported amount carries what it includes beyond the food
  (percentage charges, travel), from how it was derived or from its label ("Service charge: $312");
- a total written before its parts ("Food comes to $1,301: $1,160 for ...") is read before and
  after the text-order pass, so what follows from it is supported too;
- a dollar operand of an equation must be a dollar amount of the facts, the typed computations or
  the answer, not any number of the facts (an age limit of 4 does not ground "22 × $4");
- a contradicted claim is never made supported;
- half of a travel fee the facts bill each way is contradicted unless the answer also gives
  the round trip.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Optional, Sequence

from .arithmetic import SERVES, floored_percents, included_percents
from .claim import Claim
from .facts import key_name, percent_bases
from .mentions import Mention
from .numbers import close, money
from .text import CheckContext, gap, sentence_at, within

_OPS = {"×": "*", "x": "*", "*": "*", "+": "+", "plus": "+", "−": "-", "-": "-", "minus": "-", "÷": "/", "/": "/"}
#: "32 miles × $1.50 each way × 2 = $96": a few unit words may sit between a number and its operator
_FILLER = r"(?:\s+(?:[a-zA-Z'ñ]+\.?)){0,4}?"
_OPERATOR = re.compile(rf"^[\s)]*{_FILLER}[\s)]*(×|\*|\+|−|÷|(?<=\s)[x\-/](?=\s)|\bplus\b|\bminus\b)[\s(]*$", re.I)
_EQUALS = re.compile(r"^\s*(=|is|are|equals|gives|makes|comes to|son|es)\s*$|^\)?\s*[=:]\s*$", re.I)
_SUM_CUE = re.compile(r"total|all together|altogether|in all|\ball[- ]in\b|brings?|bringing|comes? to|puts?|makes?|estimate|grand|"
                      r"\bso\b|\bfor\b|=|\bsum\b|\bfood\s*:|en total|suma|llega|son\b|that'?s|gesamt|summe|au total|ao todo|no total|in totale|totale", re.I)
_DIFF_CUE = re.compile(r"difference|more than|less than|\bmore\b|\bless\b|cheaper|save|saving|remaining|balance|left|"
                       r"minus|−|top[\s-]?up|short|\bdue\b|after|on the day|day of|event day|leav(?:e|es|ing)\b|remainder|\brest\b|diferencia|resta|menos|quedan?\b", re.I)
_HALF_CUE = re.compile(r"\bhalf\b|50\s?%|\bmitad\b|\bmedio\b", re.I)


def _operand_before(t: str, m: Mention, found: Sequence[Mention], i: int) -> Optional[int]:
    """Index of the mention joined to ``found[i]`` by an operator on its left, if any."""
    if i == 0:
        return None
    gap = t[found[i - 1].end:m.start]
    return i - 1 if _OPERATOR.match(gap.replace("$", "")) else None


def _expression(t: str, found: Sequence[Mention], i: int) -> Optional[tuple[list[int], list[str]]]:
    """The mentions and operators of an equation whose result is ``found[i]``, or None: written
    before it ("12 × $16 = $192") or in parentheses right after it ("$1,290 ($880 + $110 + $300)")."""
    after = _parenthesized(t, found, i)
    if after:
        return after
    if i == 0:
        return None
    gap = t[found[i - 1].end:found[i].start].replace("$", "")
    if not _EQUALS.match(gap):
        return None
    idx, ops = [i - 1], []
    j = i - 1
    while j > 0:
        g = t[found[j - 1].end:found[j].start].replace("$", "")
        op = _OPERATOR.match(g)
        if not op or "\n" in g and op.group(1) == "-":  # "$210\n- 15 steak × $18": a bullet, not a minus
            break
        if (k := _before_remark(t, found, j, g)) is not None:
            ops.insert(0, _OPS[op.group(1).lower()])  # "3 servers (one per 20) × 5 hrs × $38": the remark is no operand
            idx.insert(0, k)
            j = k
            continue
        ops.insert(0, _op(op, g))
        idx.insert(0, j - 1)
        j -= 1
    k = idx[0]
    if k > 0 and _PAST_THE.match(t[found[k - 1].end:found[k].start]):
        idx[0] = k - 1  # "4 miles past the free 20 × $2.50 = $10": the 20 names the free miles, 4 is counted
        j = k - 1
        while j > 0 and (op := _OPERATOR.match(g := t[found[j - 1].end:found[j].start].replace("$", ""))) and "\n" not in g:
            ops.insert(0, _op(op, g))  # "$50 + 5 miles past 40 × $1.50": the flat fee before it belongs to the equation
            idx.insert(0, j - 1)
            j -= 1
    if _AGE_LABEL.search(t, max(0, found[idx[0]].start - 16), found[idx[0]].start) or \
            _AGE_ENUM.search(t, max(0, found[idx[0]].start - 40), found[idx[0]].start):
        return None  # "2 kids age 10 × $32 = $64", "kids 5, 8 and 11 × $35": the ages are no operand, the count is not written
    return _balanced(t, found, idx, ops)


def _before_remark(t: str, found: Sequence[Mention], j: int, g: str) -> Optional[int]:
    """Index of the operand before a parenthesized remark that ends right before an operator: in "3 servers
    (one per 20) × 5" the 3, not the 20. None when the gap closes no remark, or the remark holds an operator."""
    if ")" not in g or "(" in g:
        return None
    opened = t.rfind("(", 0, found[j - 1].start)
    if opened < 0 or ")" in t[opened:found[j - 1].end]:
        return None
    k = max((x for x in range(j - 1) if found[x].end <= opened), default=None)
    if k is None or not re.fullmatch(rf"{_FILLER}\s*", t[found[k].end:opened]) or \
            re.search(r"[×*+=]|\bx\b", t[opened:found[j - 1].end]):
        return None
    return k


_AGE_ENUM = re.compile(r"\b(?:kids?|children|ages?|aged|niños?|edades?|enfants?|kinder)\s*\(?\s*(?:\d{1,2}\s*(?:,\s*(?:and\s+)?|and|&|y|et|und)\s*)+$", re.I)
_AGE_LABEL = re.compile(r"\b(?:ages?|aged|edad(?:es)?(?: de)?)\s*(?:\d{1,2}\s?(?:[-–]|to|a)\s?)?$", re.I)


_PAST_THE = re.compile(r"^\s*(?:billable\s+|extra\s+)?(?:miles?|mi|km|kilomet(?:er|re)s?|meilen|millas?|milles?|milhas?|miglia)\s+"
                       r"(?:past|beyond|over|after|above|more than|über|ueber|jenseits|au-delà d[eu]s?|más allá de|"
                       r"por encima de|além d[oa]s?|oltre)\s+(?:(?:the|our|your|die|den|der|las|los|les|os|as|le)\s+)?"
                       r"(?:(?:free|kostenlosen|gratis|gratuitos|gratuites?|gratuits?|gratuitas?|inclusas?|incluidas?)\s+)?$", re.I)


def _balanced(t: str, found: Sequence[Mention], idx: list[int], ops: list[str]) -> Optional[tuple[list[int], list[str]]]:
    """The equation from its first operand that no ")" closes before it opened: in "5 kids (all
    under 12) × $29 = $145" the parenthesis is a remark, and the equation is "$29 = $145" alone."""
    depth = 1 if t[max(0, found[idx[0]].start - 3):found[idx[0]].start].replace("$", "").rstrip().endswith("(") else 0
    cut = 0
    for k, o in enumerate(ops):
        depth -= o.count(")")
        if depth < 0:
            cut, depth = k + 1, 0
        depth += o.count("(")
    idx, ops = idx[cut:], ops[cut:]
    return (idx, ops) if ops else None


def _parenthesized(t: str, found: Sequence[Mention], i: int) -> Optional[tuple[list[int], list[str]]]:
    if i + 1 >= len(found) or not re.fullmatch(r"\s*\(\s*\$?", t[found[i].end:found[i + 1].start]):
        return None
    idx, ops, j = [i + 1], [], i + 1
    while j + 1 < len(found):
        op = _OPERATOR.match(t[found[j].end:found[j + 1].start].replace("$", ""))
        if not op:
            break
        ops.append(_op(op, t[found[j].end:found[j + 1].start]))
        idx.append(j + 1)
        j += 1
    closing = re.match(rf"^{_FILLER}\s*\)", t[found[j].end:found[j].end + 60])
    return _balanced(t, found, idx, ops) if ops and closing else None


def _op(m: re.Match, gap: str) -> str:
    """The operator with the parentheses its gap closes and opens: ") × (" in "(9 + 12) × (2 + 1)"."""
    return ")" * gap.count(")") + _OPS[m.group(1).lower()] + "(" * gap.count("(")


def _evaluate(values: list[float], ops: list[str]) -> Optional[float]:
    expr = _closed("".join(f"{v!r}{o}" for v, o in zip(values, ops + [""])))
    try:
        return float(eval(expr, {"__builtins__": {}}))  # only floats and + - * / from our own tokens
    except (ZeroDivisionError, SyntaxError):
        return None


_SHOWN = str.maketrans({"*": " × ", "+": " + ", "-": " − ", "/": " ÷ "})


def _shown(ops: list[str], vals: list[float]) -> str:
    return _closed("".join(f"{v:g}" + (ops[k].translate(_SHOWN) if k < len(ops) else "") for k, v in enumerate(vals)))


def _closed(expr: str) -> str:
    """``expr`` with its parentheses matched: the first "(" or the last ")" of an equation sits
    outside the gaps between its numbers, so it is missing from the operators."""
    depth = expr.count("(") - expr.count(")")
    return "(" * max(0, -depth) + expr + ")" * max(0, depth)


class _Grounded:
    """Every number the facts, the question or the typed computations give; a dollar amount must
    be one of their amounts ("31 guests × $5" is not grounded by an age limit of 5)."""

    def __init__(self, ctx: CheckContext):
        book, der = ctx.book, ctx.derived
        pool = set(book.all_numbers()) | der.question_numbers | der.question_distances
        for table in (der.money, der.distance, der.people, der.numbers):
            pool |= set(table)
        pool |= {v for (_, v) in der.durations}
        if der.round_trip:
            pool.add(2.0)
        pool |= {p / 100 for p in book.values("percent")}  # "$1,450 × 0.20"
        self.numbers = pool
        self.money = set(book.values("money")) | set(der.money) | set(der.per_person) | set(ctx.answer_products)

    def __call__(self, m: Mention, more: Sequence[float] = ()) -> bool:
        return within(m.value, self.money if m.kind == "money" else self.numbers) or within(m.value, more)


def chain_claims(t: str, found: Sequence[Mention], claims: list[Optional[Claim]], ctx: CheckContext) -> list[Optional[Claim]]:
    """Per-mention claims re-judged with the arithmetic the answer shows (see module docstring)."""
    if not any(c is not None and c.flagged for c in claims) or len(found) < 2 and not ctx.derived.one_way:
        return claims
    grounded = _Grounded(ctx)
    percents = set(ctx.book.values("percent")) - included_percents(ctx.book)  # "prices include 21% BTW": never added on top
    # a count × a rate must be one of the typed computations: 60 miles × $1.75 skips the free miles
    # and so must a count × an order that serves several guests: 28 guests × a $6 bowl for 4 is 7 bowls, not 28
    rates = {p.value for p in ctx.book.priced if p.unit in ("per_person", "per_mile") or
             p.unit == "per_order" and SERVES.search(p.text)} | set(ctx.derived.per_person)
    typed = set(ctx.derived.money) | set(ctx.answer_products)
    out = list(claims)
    exprs = [_expression(t, found, i) for i in range(len(found))]
    _examples(t, found, exprs, out, percents, grounded)
    # a total written before its parts ("Your food comes to $1,806: ...") may support what follows from
    # it, and what the reading supports may complete such a total: read until nothing changes
    for _ in range(3):
        before = [c.status if c else None for c in out]
        _totals_first(t, found, out, rates)
        _pass(t, found, exprs, out, ctx, grounded, rates, typed, percents)
        if [c.status if c else None for c in out] == before:
            break
    return out


def _pass(t: str, found: Sequence[Mention], exprs: list, out: list[Optional[Claim]], ctx: CheckContext,
          grounded: _Grounded, rates: set[float], typed: set[float], percents: set[float]) -> None:
    """One reading of the answer in text order, re-judging ``out`` in place."""
    der = ctx.derived
    said = [m.value for m in found if m.kind == "money"]
    operands: set[int] = {k for e in exprs if e for k in e[0]}  # "8 × $120 = $960": $120 is a factor, not an amount
    stated: list[float] = []  # supported money amounts so far, in text order
    tags: dict[float, frozenset] = {}  # what each supported amount includes beyond food: "pct", "travel"
    bases = percent_bases(ctx.book)
    fees, floors = _fees_and_floors(ctx.book)
    floored = floored_percents(ctx.book) if floors else frozenset()
    # with children counted, a food total leaving some guests out is a part, not the food total a percentage is of
    partial = ({v for v in der.food_totals if round(v, 2) not in der.complete_food and v != der.minimum}, der.complete_food) \
        if der.complete_food and der.counts["kid"] else (set(), set())
    seen: list[float] = []  # every supported money mention so far, rates and factors included
    for i, m in enumerate(found):
        c = out[i]
        sent = sentence_at(t, m.start)
        expr = exprs[i]
        if expr and isinstance(m.value, float):
            idx, ops = expr
            vals = [found[k].value for k in idx]
            got = _evaluate(vals, ops)
            for k in range(1, len(ops)):  # "$600 plus 3 × $25 = $75": the equation may start mid-way
                if got is None or _matches(got, m.value):
                    break
                part = _evaluate(vals[k:], ops[k:])
                if part is not None and _matches(part, m.value):
                    idx, ops, vals, got = idx[k:], ops[k:], vals[k:], part
            if got is not None and not _matches(got, m.value):
                out[i] = Claim(sent[:200], "arithmetic", "contradicted",
                               f"{_shown(ops, vals)} is {_fmt(got, m)}, not {_fmt(m.value, m)}", ("arith", m.value, got))
                continue
            if got is not None and c is not None and not c.flagged:
                _support_operands(t, found, idx, out, grounded)
            elif got is not None and c is not None and c.status == "unsupported" and \
                    all(grounded(found[k], stated) for k in idx) and \
                    not (any("*" in o for o in ops) and any(within(v, rates) for v in vals) and not within(m.value, typed)):
                out[i] = _supported(sent, m, f"the answer's own arithmetic: {_shown(ops, vals)} = {_fmt(got, m)}")
                _support_operands(t, found, idx, out, grounded)
        c = out[i]
        if m.kind != "money" or c is None:
            continue
        if c.status == "contradicted" and within(m.value, der.one_way) and within(round(m.value * 2, 2), said):
            out[i] = _supported(sent, m, "one way of a round trip the answer also gives")
        elif c.status == "unsupported":
            why, has, wrong = _follows(m.value, stated, seen, percents, sent, bases, tags, fees, (floors, der.food_totals, floored),
                                       partial)
            if why:
                out[i] = _supported(sent, m, why)
                tags[round(m.value, 2)] = has
            elif wrong:
                out[i] = Claim(sent[:200], "money", "contradicted", f"{money(m.value)}: {wrong}", ("money", m.value, "base"))
        if not out[i].flagged and round(m.value, 2) not in tags:
            tags[round(m.value, 2)] = _includes(t, m, out[i], der)
        if not out[i].flagged:
            seen.append(m.value)
        rate_like = within(m.value, rates) and not out[i].reason.startswith(("computed", "the ", "one way"))
        if rate_like and _LINE_AMOUNT.match(t, m.end) and _LABELLED.search(t, max(0, m.start - 3), m.start):
            rate_like = False
        if not out[i].flagged and i not in operands and m.unit not in ("per_person", "per_mile") and not rate_like:
            stated.append(m.value)  # an amount, not a rate or a factor of one ("- 14-year-old (adult rate): $60" is one)


_LINE_AMOUNT = re.compile(r"[ \t]*(?:\n|$)")
_LABELLED = re.compile(r":\s*\$?$")
_LABEL_PCT = re.compile(r"gratuity|service|\btips?\b|\btax|propina|servicio|impuesto", re.I)
_LABEL_TRAVEL = re.compile(r"travel|mileage|\bmiles?\b|\bkm\b|viaje|traslado", re.I)
_LABEL_FEE = re.compile(r"\b(chef|event|setup|set-up|booking|cleaning) fee\b|\bchef'?s fee", re.I)
_FEE_AFTER = re.compile(r"\s(?:[^\W\d]+\s)?" + _LABEL_FEE.pattern, re.I)
_LABEL_START = re.compile(r"\n|[.!?]\s|\b(?:and|plus|with|y|m[aá]s)\b|[,;]")


def _includes(t: str, m: Mention, c: Claim, der) -> frozenset:
    """What a supported amount includes beyond the food, as far as its claim or its label tells
    ("Service charge (20%): $312", "travel is $20")."""
    lo = max(0, m.start - 60)
    label = t[lo:m.start]
    label = label[max((x.end() for x in _LABEL_START.finditer(label)), default=0):]
    has = set()
    if m.subject == "travel" or "travel" in c.reason or _LABEL_TRAVEL.search(label) or \
            within(m.value, der.grand_totals) and not within(m.value, der.food_totals):
        has.add("travel")
    if "%" in c.reason or m.subject in ("gratuity", "tax", "service") or _LABEL_PCT.search(label):
        has.add("pct")
    elif m.subject == "chef" or _LABEL_FEE.search(label) or _FEE_AFTER.match(t, m.end, m.end + 24):  # "the $250 chef fee", "the ¥20,000 beach setup fee"
        has.add("fee")
    return frozenset(has)


def _totals_first(t: str, found: Sequence[Mention], out: list[Optional[Claim]], rates: set[float]) -> None:
    """A total written before its parts ("Your food comes to $1,806: 26 adults at $60 ($1,560), 4 kids
    at $30 ($120), ...") is supported when the supported amounts after it in its sentence add up to it."""
    for i, m in enumerate(found):
        c = out[i]
        if m.kind != "money" or c is None or c.status != "unsupported":
            continue
        sent = sentence_at(t, m.start)
        if not _SUM_CUE.search(sent) and not (_LISTED_AFTER.match(t, m.end) and "+" in t[m.end:t.find(sent) + len(sent)]):
            continue  # "$458 — $225 cupcakes + $108 macarons + $125 cart": a dash and the parts added up are the cue
        end = t.find(sent) + len(sent)
        parts = [x.value for k, x in enumerate(found[i + 1:], i + 1) if x.kind == "money" and x.start < end
                 and out[k] is not None and not out[k].flagged and x.unit not in ("per_person", "per_mile")
                 and not within(x.value, rates)][:8]
        combo = _summing(parts, m.value)
        if combo:
            out[i] = _supported(sent, m, "the sum of the amounts the answer lists after it: " + " + ".join(money(x) for x in combo))


_LISTED_AFTER = re.compile(r"\s*(?:[—–:]|-\s)")


_EXAMPLE = re.compile(r"\bfor example\b|\bfor instance\b|\be\.g\.|\bpor ejemplo\b|\blet'?s say\b|\bsay you\b|\bsuppose\b|"
                      r"\bhypothetically\b|\bif you had\b|\bwould be\b.*\bif\b", re.I)


def _examples(t: str, found: Sequence[Mention], exprs: list, out: list[Optional[Claim]], percents: set[float],
              grounded: _Grounded) -> None:
    """A worked example ("for example, on a $1,000 subtotal that's $180") picks its own inputs:
    they are supported when the example applies a percentage of the facts to them correctly, or
    when its written-out arithmetic is right. An equation written out in an example ("if 10
    guests wanted both, that adds (9 + 12) × 10 = $210") may pick one input of its own; every
    other operand must come from the facts or the question."""
    for i, m in enumerate(found):
        expr = exprs[i] if isinstance(m.value, float) else None
        if not expr or not _EXAMPLE.search(sentence_at(t, m.start)) or out[i] is None or out[i].status == "contradicted":
            continue
        idx, ops = expr
        vals = [found[k].value for k in idx]
        got = _evaluate(vals, ops)
        own = [k for k in idx if not grounded(found[k])]
        if got is not None and _matches(got, m.value) and len(own) <= 1:
            sent = sentence_at(t, m.start)
            picked = [k for k, x in enumerate(found) if own and x.value == found[own[0]].value and sentence_at(t, x.start) == sent]
            for k in idx + [i] + picked:  # "if 10 guests ... × 10": the input it picked, wherever the sentence names it
                if out[k] is not None and out[k].status == "unsupported":
                    out[k] = _supported(sentence_at(t, found[k].start), found[k], "a worked example's own arithmetic, computed right")
    for i, m in enumerate(found):
        c = out[i]
        if c is None or c.status != "unsupported" or m.kind not in ("money", "number", "distance", "people"):
            continue
        sent = sentence_at(t, m.start)
        if not _EXAMPLE.search(sent):
            continue
        lo, hi = t.find(sent), t.find(sent) + len(sent)
        others = [x for x in found if lo <= x.start < hi and x is not m and isinstance(x.value, float)]
        ok = any(close(x.value * p / 100, m.value) or close(m.value * p / 100, x.value) for x in others for p in percents)
        if not ok:
            nums = [x.value for x in others] + [m.value]
            ok = any(close(a * b, r) or close(a - b, r) or close(a + b, r) for a in nums for b in nums for r in nums
                     if len({a, b, r}) == 3)
        if ok:
            out[i] = _supported(sent, m, "a worked example's own figures, computed right")


def _support_operands(t: str, found: Sequence[Mention], idx: list[int], out: list[Optional[Claim]], grounded: _Grounded) -> None:
    """The operands of a correct equation with a supported result are supported with it."""
    for k in idx:
        if out[k] is not None and out[k].status == "unsupported" and grounded(found[k]):
            out[k] = _supported(sentence_at(t, found[k].start), found[k], "an operand of the answer's arithmetic")


def _follows(v: float, stated: list[float], seen: list[float], percents: set[float], sent: str,
             bases: dict, tags: dict, fees: frozenset = frozenset(),
             floor: tuple = ((), (), frozenset()), partial: tuple = ((), ())) -> tuple[Optional[str], frozenset, Optional[str]]:
    """How ``v`` follows from amounts already supported in the answer, if it does: (why, what the
    amount includes, None); or (None, _, wrong) when it is only a fact's percentage of a base the
    fact excludes ("30% of the food total before gratuity" taken of a total with the gratuity)."""
    recent = stated[-10:]
    floors, food, floored = floor  # and ``partial``: (food totals leaving guests out, the whole ones) when children are counted
    if _SUM_CUE.search(sent):
        combo = _summing(recent, v)
        lows = [x for x in combo or () if within(x, food) and any(x < f for f in floors)]
        if combo and lows and any(within(x, floors) for x in combo):
            low, top = lows[0], next(x for x in combo if within(x, floors))
            return None, frozenset(), f"the {money(top)} minimum is what a food total below it is raised to, not an amount " \
                                      f"added to {money(low)}"
        if combo:
            return "the sum of amounts the answer gives: " + " + ".join(money(x) for x in combo), _joined(combo, tags), None
    wrong = None
    for combo in [(a,) for a in recent] + list(combinations(recent[-6:], 2)):  # "10.25% tax on food and service"
        base = sum(combo)
        for p in percents:
            if not (close(base * p / 100, v) or len(combo) == 1 and close(base * (1 + p / 100), v)):
                continue
            if p in floored and within(base, food) and any(base < f for f in floors):
                wrong = wrong or f"the facts take {p:g}% of the food charge after the minimum; {money(base)} is below the " \
                                 f"{money(min(f for f in floors if base < f))} minimum"
                continue  # "10% of the final food charge (including any minimum shortfall)" of $610 under a $900 minimum
            if len(combo) == 1 and within(base, partial[0]) and any(within(x, partial[1]) for x in stated if x > base):
                wrong = wrong or f"{money(base)} leaves some of the guests out of the food total the {p:g}% is of"
                continue  # "IVA at 16%" of the adults' $14,250 when 3 children make the food $15,900
            has = _joined(combo, tags)
            allowed, required = bases.get(round(p, 2), (None, frozenset()))
            # the answer has a gratuity, or the facts an event fee, that the base leaves out
            missing = required & (_joined(stated, tags) | fees) - has
            if allowed is not None and (has - allowed or missing):
                said = " + ".join(money(x) for x in combo)
                wrong = wrong or (f"the facts take {p:g}% of {base_words(allowed)}; " + (
                    f"{said} includes the {' and '.join(sorted(_TAG_WORDS[x] for x in has - allowed))}" if has - allowed else
                    f"{said} leaves out the {' and '.join(sorted(_TAG_WORDS[x] for x in missing))}"))
                continue
            return f"{p:g}% of {' + '.join(money(x) for x in combo)}, amounts the answer and facts give", has | {"pct"}, None
    pool = set(seen[-12:])  # a difference or a half of amounts the answer gave before
    if _HALF_CUE.search(sent) and any(close(a / 2, v) for a in pool):
        return "half of an amount the facts or the answer give", frozenset(), None
    if _DIFF_CUE.search(sent) and (pair := gap(v, pool)):
        a, b = pair
        return f"{money(a)} − {money(b)}", tags.get(round(a, 2), frozenset()), None
    return None, frozenset(), wrong


_TAG_WORDS = {"pct": "percentage charges (gratuity, service, tax)", "travel": "travel fee", "fee": "event fees (chef fee)"}
_BASE_WORDS = {frozenset(): "the food total", frozenset({"pct"}): "food and service, not travel",
               frozenset({"travel"}): "food and travel, not gratuity or tax",
               frozenset({"pct", "travel"}): "the whole estimate (food, percentage charges and travel)"}


def _fees_and_floors(book) -> tuple[frozenset, set]:
    """({"fee"} when the facts charge an event fee, else ∅; the minimums that are floors the food
    total is raised to, none when the facts add the minimum: "a $100 small-party fee on top")."""
    if "fees_and_floors" not in book.memo:
        fees = frozenset({"fee"}) if any(_LABEL_FEE.search(f"{key_name(k)}: {seg}") for k, seg, x in book.mentions
                                         if x.kind == "money") else frozenset()
        floors = set() if book.segments_with(r"(?i)minimum[^.;]{0,40}\b(added|on top|surcharge|in addition)") else \
            {p.value for p in book.priced if p.subject == "minimum"}
        book.memo["fees_and_floors"] = (fees, floors)
    return book.memo["fees_and_floors"]


def base_words(allowed: frozenset) -> str:
    """What a base of these parts is called: "the food total", "food and service, not travel"."""
    return _BASE_WORDS.get(allowed) or "the food plus the " + " and ".join(sorted(_TAG_WORDS[x] for x in allowed))


def _joined(combo, tags: dict) -> frozenset:
    return frozenset().union(*(tags.get(round(x, 2), frozenset()) for x in combo))


def _summing(values: list[float], v: float) -> Optional[tuple[float, ...]]:
    """The first 2 to 5 of ``values`` (in order) that add up to ``v``, if any."""
    return next((combo for n in range(2, min(5, len(values)) + 1) for combo in combinations(values, n)
                 if close(sum(combo), v)), None)


def _matches(got: float, said: float) -> bool:
    return abs(got - said) < 0.011 or abs(got - said) <= 0.005 * abs(got) and abs(got - said) < 1


def _fmt(v: float, m: Mention) -> str:
    return money(v) if m.kind == "money" else f"{v:g}"


def _supported(sent: str, m: Mention, why: str) -> Claim:
    return Claim(sent[:200], m.kind, "supported", why, (m.kind, m.value, None))
