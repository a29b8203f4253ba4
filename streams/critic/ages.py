"""Which price bracket a named age falls in: "a 12-year-old pays the $25 kids' price".

``bracket_claims`` guarantees: only sentences that name one age (a "7-year-old", "at 11", "de 6
años") and put it in exactly one bracket (free, kid price or adult price) are checked, against
the brackets the facts define ("kids 10 and under $25", "children 4–12", "2 and under free").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from schemas.context import key_name

from .claim import Claim
from .facts import FactBook
from .fold import Folded, guarded
from .mentions import Mention
from .numbers import digitize, dollar_values, money

_I = re.I
_NOT_AGE = r"(?![\s-]*(miles?|millas?|mi\b|km\b|minutes?|min\b|hours?|days?|weeks?|people|guests?\b|adults|kids|paying|billable|percent|%|[ap]\.?m\b|pieces?|pcs?\b|piezas?|oz\b|ounces?|skewers?|orders?|servings?|past|beyond|over the|more than|above))"  # "is 13 past our free 15": miles
_NAMED_AGE = Folded(r"(\d+)[\s-]year[\s-]olds?|\bat (\d+)\b" + _NOT_AGE + r"|\bage (\d+)\b|(?<!menores de )(?<!mayores de )(?<!menos de )(?<!más de )\b(\d+) años\b(?! o menos| o más| y menos| y más)|\bturned (\d+)|\bis (\d+)\b"
                        + _NOT_AGE)
_EACH = re.compile(r"\beach\b|\bapiece\b|\bcada\b|\bchacun", re.I)
_SUSPENDED = re.compile(r"\b(\d{1,2})-?\s*(?:,|and|&|y|or|o)\s+(?=\d{1,2}(?:[\s-]years?[\s-]old|\s+años))", re.I)  # "de 12 y 8 años"
_FREE = Folded(r"\bfree\b|no charge|gratis|sin costo|no (extra )?cost|doesn'?t pay|don'?t pay|no paga")
_UPPER = Folded(r"(\d+)\s?(\+\s)?(?:años\s)?[\s-]?(and|or|&|y|o)[\s-](under|younger|menos)|up to (\d+)|hasta (\d+)")
_LOWER_EXCL = Folded(r"\bunder[\s-](\d+)|younger than (\d+)|menores de (\d+)|moins de (\d+)|unter (\d+)|menos de (\d+)|(?<![\w$])<\s?(\d+)")
#: a free clause about something else than ages: "Free travel 0-15 miles", "free parking", "free cancellation up to 7 days"
_NOT_AGES = Folded(r"\b(?:travel|delivery|parking|cancel\w*|reschedul\w*|consult\w*|setup|set-up)\b|\d\s?(?:miles?|mi|km|days?|hours?|hrs?)\b")
_RANGE = Folded(r"(\d+)\s?(?:[-–]|to|a|through|thru|à|bis)\s?(\d+)")


def _limit(text: str) -> Optional[float]:
    """Highest age a bracket text covers ("10 and under" → 10, "under 13" → 12, "4–12" → 12)."""
    m = _UPPER.search(text)
    if m:
        return float(next(g for g in (m.group(1), m.group(5), m.group(6)) if g))
    m = _LOWER_EXCL.search(text)
    if m:
        return float(next(g for g in m.groups() if g)) - 1
    m = _RANGE.search(text)
    return float(m.group(2)) if m else None


def kid_tiers(book: FactBook) -> list[tuple[float, float, float]]:
    """(youngest, oldest, price) of each kids' price whose own text gives its ages, memoized:
    "Kids 6-12 $30 | Kids 5 & under $15" gives [(0, 5, 15), (6, 12, 30)]. Empty unless two or more."""
    if "kid_tiers" not in book.memo:
        tiers = set()
        for p in book.prices_for("kid"):
            if (m := _RANGE.search(p.text)) and float(m.group(1)) < float(m.group(2)) <= 21:
                tiers.add((float(m.group(1)), float(m.group(2)), p.value))
            elif (top := _limit(p.text)) is not None and top <= 21:
                tiers.add((0.0, top, p.value))
        book.memo["kid_tiers"] = sorted(tiers) if len({t[2] for t in tiers}) > 1 else []
    return book.memo["kid_tiers"]


def age_brackets(book: FactBook) -> Optional[tuple[Optional[float], float, Optional[float]]]:
    """(free up to, kid price, kids up to) from the facts, memoized; None when the facts have no kid price."""
    if "brackets" not in book.memo:
        kid = book.prices_for("kid")
        free_segs = [seg for _, seg in book.segments_with(r"\bfree\b|eat free|no charge|\bgratis\b") if re.search(r"\d", seg)]
        free_to = None
        for seg in free_segs:
            part = re.split(r"[;,]", seg)
            for p in part:
                if _FREE.search(p) and not _NOT_AGES.search(p):
                    free_to = _limit(p) if free_to is None else free_to
        kid_to = _kid_limit(book, kid[0]) if kid else None
        if free_to is None and kid:
            free_to = _key_age(book, _FREE_KEY)
            if free_to is not None and any(_FREE_KEY.search(k) and re.search(r"under|below|menos", k, re.I) for k in book.facts):
                free_to -= 1  # "free_under_age_years": 4 is 3 and under
        if free_to is None and kid:  # "under_4_price_usd": 0
            free_to = next((float(m.group(1)) - 1 for key, text in sorted(book.facts.items())
                            if (m := _UNDER_KEY.fullmatch(digitize(key_name(key))))  # "UnderThreePrice": "USD 0.00"
                            and re.fullmatch(r"\s*(?:[^:]*:\s*)?(?:USD|CAD|AUD|GBP|EUR)?\s?[$£€]?0+(?:\.0+)?\s*|.*\b(?:free|gratis)\b.*",
                                             text, re.I)), None)
        book.memo["brackets"] = (free_to, kid[0].value, kid_to) if kid else None
    return book.memo["brackets"]


_KID_KEY = re.compile(r"(child|kid|niñ)\w*[\s_-]*(age[\s_-]*)?(max|limit|up[\s_-]?to|through|hasta)|"
                      r"(max|upper)[\s_-]*(child|kid)\w*[\s_-]*age", re.I)
#: a key that names the free ages' price: "under_4", "under_4_price_usd", "kids_under_3" (not "travel_under_20_miles")
_UNDER_KEY = re.compile(r"(?:(?:kids?|child(?:ren)?|niños?)\s)?(?:under|menores?(?:\sde)?)\s(\d{1,2})(?:\s(?:price|usd|cost|rate|years?|yrs?|años))*",
                        re.I)
_KID_AGES_KEY = re.compile(r"(child|kid|niñ)\w*?[\s_-]*(age|edad|defin|range|bracket|eligib)", re.I)
_FREE_KEY = re.compile(r"free[\s_-]*(under|up[\s_-]?to|max|age)|(under|up[\s_-]?to)[\s_-]*\d*[\s_-]*free", re.I)


#: a key's whole text giving the kids' ages: "5-12", "ages 5 to 11 inclusive", "de 4 a 11 años"
_AGES_TEXT = re.compile(r"\s*(?:[^:]*:\s*)?(?:ages?\s+|aged\s+|edades?\s+|de\s+)?(\d{1,2})\s*(?:[-–]|to|through|a)\s*(\d{1,2})\s*"
                        r"(?:years?|yrs?|años)?(?:\s+(?:inclusive|incl\.?|old))?\s*\.?\s*", re.I)


def _kid_limit(book: FactBook, kid) -> Optional[float]:
    """The kids' bracket's top age: read in the clause that gives the kids' price ("adult $55 | child
    (4-11) $27.50 | 3 & under free" → 11), or from a key that names it ("child_age_max": "10")."""
    text = digitize(kid.text)  # "thirty-five dollars per child under ten"
    parts = re.split(r"[|;\n·•]|,\s", text)
    value = f"{kid.value:.2f}".rstrip("0").rstrip(".")
    own = [p for p in parts if re.search(rf"(?<![\d.]){re.escape(value)}{'0*' if '.' in value else '(?:[.]0+)?'}(?![\d])", p.replace(",", ""))]
    found = _limit(own[0]) if len(own) == 1 else None
    if found is None:
        found = _key_age(book, _KID_KEY)
    if found is None and (m := re.search(r"(?:child|kid|niñ)\w*[\s_-]+(\d{1,2})[\s_-]+(?:to[\s_-]+|a[\s_-]+)?(\d{1,2})(?!\d)", kid.key, re.I)):
        found = float(m.group(2))  # "child_6_12_usd": 30
    if found is None:  # "child_ages": "5-12"
        found = next((float(m.group(2)) for key, text in book.facts.items() if _KID_AGES_KEY.search(key)
                      and (m := _AGES_TEXT.fullmatch(text))), None)
    return found if found is not None else _limit(text)


def _key_age(book: FactBook, key_rx: re.Pattern) -> Optional[float]:
    for key, text in book.facts.items():
        if key_rx.search(key):
            m = re.fullmatch(r"\s*(?:[^:]*:\s*)?(\d{1,2})\s*(?:years?|yrs?)?\s*", text)
            if m:
                return float(m.group(1))
    return None




def _dollars(text: str) -> set[float]:
    """The dollar amounts written in ``text``."""
    return set(dollar_values(text))


_CLAUSE = Folded(r"[();]|(?<!year-old)(?<!years old)(?<!\bage \d)(?<!\bage \d\d):\s|,\s(?:so|which|making|for a total|entonces|as[ií] que)\b|\s[—–]\s|—| and (?=your|the|our|a|an|his|her|their)\b| but | y (?=tu|su|el|la)\b")


def bracket_claims(t: str, found: tuple[Mention, ...], sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    facts = age_brackets(book)
    if facts is None:
        return []
    free_to, kid_price, kid_to = facts
    adult = {p.value for p in book.prices_for("adult")} | {p.value for p in book.prices_for("person")}
    listed = kid_to is not None and _AGE_LIST.search(t)
    out = [c for c in (_listed_at_kid_price(s, kid_price, kid_to, adult) for s in sentences) if c] if listed else []
    asked = [a for a in question_ages(question) if a < 18] if kid_to is not None else []
    if len(asked) >= 2 and not out and (not (told := _kids_told(question)) or float(len(asked)) in told):
        # "4 kids: ages 1 and 2, ...": the listed ages are not all the kids
        out += [c for c in (_asked_at_kid_price(s, asked, kid_price, free_to, kid_to, adult) for s in sentences) if c][:1]
    told_ranges = {(float(a), float(b)) for a, b in re.findall(r"(\d{1,2})\s?(?:[-–]|to)\s?(\d{1,2})", question)}
    listed = set(question_ages(question))
    told_ranges |= {(a, b) for a in listed for b in listed if a < b and kid_to is not None and b <= kid_to and
                    (free_to is None or a > free_to)}  # "kids 5, 7 and 9" → "Kids ages 5–9:" (inside the bracket; "7–14" is not)
    out += [c for c in (_restated_range(s, free_to, kid_to, told_ranges) for s in sentences) if c] if kid_to is not None else []
    for s in (c for sent in sentences for c in _CLAUSE.split(sent)):  # "(2-year-old free)" is a clause of its own
        ages = {float(next(g for g in m.groups() if g)) for m in _NAMED_AGE.finditer(s)}
        ages |= {float(m.group(1)) for m in _SUSPENDED.finditer(s)}  # "your 5- and 9-year-old": two children
        money = _dollars(s)
        if len(ages) > 1 and _EACH.search(s) and len(money) == 1:  # "your 5- and 12-year-olds are $27.50 each": every one of them
            ages = {max(ages)} if money == {kid_price} else ages
        if len(ages) != 1:  # "your 5- and 9-year-old would be $60 total": no one child's rate
            continue
        age = ages.pop()
        said = {"free"} if _FREE.search(s) and not money else set()
        said |= {"kid"} if kid_price in money else set()
        said |= {"adult"} if money & adult else set()
        if not said and len(money) == 1 and min(money) > 0 and free_to is not None and age <= free_to and \
                _CHILD_PRICED.search(s) and not _EACH.search(s):
            said = {"priced"}  # "your 3-year-old would be $12.50" when 3 and under eat free
        if len(said) != 1:
            continue
        truth = "free" if free_to is not None and age <= free_to else \
            "kid" if kid_to is not None and age <= kid_to else "adult" if kid_to is not None else None
        if truth and said != {truth}:
            out.append(Claim(s.strip()[:200], "age", "contradicted",
                             f"at {age:g} the facts give the {truth} rate ("
                             + ", ".join(([f"kids up to {kid_to:g}"] if kid_to is not None else []) +
                                         ([f"free up to {free_to:g}"] if free_to is not None else [])) + ")", ("bracket", age)))
    return out


#: a clause that prices the child it names: "your 3-year-old would be $12.50", "is $15", "costs $10"
_CHILD_PRICED = Folded(r"\b(?:would be|will be|is|costs?|pays?|runs?|comes? to|ser[ií]a|cuesta|paga)\s+(?:just |only |about )?\$\s?\d")


_AGE_RANGE = Folded(r"\b(?:(?:kids?|children|child|niños?|ages?|aged|edades)\s*\(?\s*(?:ages?\s|aged\s|de\s)?)"
                    r"(\d{1,2})\s?(?:[-–]|to|through|thru|a)\s?(\d{1,2})\b(?!\s?(?:%|percent|miles?|millas|km\b|guests|people|personas|"
                    r"invitados|hours?|days?|weeks?|minutes|horas?|d[ií]as?|semanas?|minutos|[ap]\.?m\b|:\d))")


def _restated_range(s: str, free_to: Optional[float], kid_to: float, told: set = frozenset()) -> Optional[Claim]:
    """"Kids ages 3–12 pay the child price" restates the facts' kids' bracket: it must end where the
    facts' bracket ends, and start right after the free ages when the facts give them. Only a range
    after a kid or age word, that overlaps the kids' bracket (not a teen range, not the free ages)
    and is no span of time ("de 2 a 3 horas"), is read."""
    for m in _AGE_RANGE.finditer(s):
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo >= hi or hi > 21 or lo > kid_to or free_to is not None and hi <= free_to or (lo, hi) in told:  # "the rest 5-11": the customer's kids
            continue  # a teen range ("ages 12–17") or the free one ("0–3") is not the kids' bracket restated
        near = s[max(0, m.start() - 30):m.end() + 30]
        if _FREE.search(near) and not re.search(r"kid|child|niñ", near, re.I):
            continue  # the free ages, read by the other checks
        wrong_top = hi != kid_to
        wrong_bottom = free_to is not None and lo != free_to + 1 and not (free_to == 0 and lo == 0)
        if wrong_top or wrong_bottom:
            facts = f"{free_to + 1:g}–{kid_to:g}" if free_to is not None else f"up to {kid_to:g}"
            return Claim(s.strip()[:200], "age", "contradicted",
                         f"the facts' kids' bracket is {facts}, not {lo:g}–{hi:g}", ("bracket", "range", lo, hi))
    return None


#: "2 kids at $29", "2 niños a $29", "both kids … 2 × $45": a count of children times a price
_KIDS_AT = Folded(r"(\d+)\s?(?:kids?|children|niños?|hijos?)\b(?:\s*\([^)]*\))?[^$\d.;]{0,20}?(?:\bat|\ba|@|×|\bx|\*)\s?\$\s?(\d[\d,]*(?:\.\d+)?)|"
                  r"\b(?:kids?|children|niños?|hijos?)\b[^.;$\d]{0,40}?\b(\d+)\s?[×x*]\s?\$\s?(\d[\d,]*(?:\.\d+)?)")


_KIDS_TOTAL = Folded(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s+(?:in total\s+|total\s+|en total\s+)?(?:for|para)\s+(?:your|the|both|all|tus|los|sus|las)?\s*"
                     r"(?:(?:two|three|four|both|all|dos|tres|cuatro|\d)\s+)?(?:of (?:them|your kids)|kids?|children|little ones|ones|hijos|niños|peques)\b|"
                     r"\$\s?(\d[\d,]*(?:\.\d+)?)\s+(?:in total\s+|total\s+)?for both\b|"
                     r"\b(?:kids?|children|little ones|hijos|niños)\b[^$.;\d]{0,30}\$\s?(\d[\d,]*(?:\.\d+)?)\s*(?:en total|in total|total|altogether|together)")


def _asked_at_kid_price(s: str, asked: list[float], kid_price: float, free_to: Optional[float], kid_to: float,
                        adult: set = frozenset()) -> Optional[Claim]:
    """The customer listed the kids' ages ("2 niños de 4 y 8 años"); billing all of them at the kids'
    price ("2 kids at $29", "$58 for your two kids") is wrong when one of them is in the free
    bracket or past the kids' one."""
    ages = asked
    paying = [a for a in ages if (free_to is None or a > free_to) and a <= kid_to]
    if len(paying) == len(ages):
        return None
    odd = next(a for a in ages if a not in paying)
    rate = "free" if free_to is not None and odd <= free_to else "adult"
    for m in _KIDS_TOTAL.finditer(s):  # "$60 for your two little ones", "tus dos hijos serían $62 en total"
        said = float(next(g for g in m.groups() if g).replace(",", ""))
        over = len([a for a in ages if a > kid_to])
        right = {len(paying) * kid_price + over * a for a in adult or {0.0}}  # "$90 for the 3 of them": 0 + $30 + $60
        if said == len(ages) * kid_price and said not in right:
            return Claim(s.strip()[:200], "age", "contradicted",
                         f"at {odd:g} the facts give the {rate} rate, so {len(paying)}, not {len(ages)}, at the kids' price",
                         ("bracket", "asked", odd))
    for m in _KIDS_AT.finditer(s):
        count, price = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if float(count) == len(ages) and float(price.replace(",", "")) == kid_price:
            odd = next(a for a in ages if a not in paying)
            rate = "free" if free_to is not None and odd <= free_to else "adult"
            return Claim(s.strip()[:200], "age", "contradicted",
                         f"at {odd:g} the facts give the {rate} rate, so {len(paying)}, not {len(ages)}, at the kids' price",
                         ("bracket", "asked", odd))
    return None


def _listed_at_kid_price(s: str, kid_price: float, kid_to: float, adult: set) -> Optional[Claim]:
    """"Kids (8, 10 and 12): 3 × $32" bills every listed child at the kids' price: an age over the
    kids' bracket pays the adult price."""
    m = _AGE_LIST.search(s)
    if not m:
        return None
    ages = [float(x) for x in re.findall(r"\d{1,2}", m.group(1))]
    over = [a for a in ages if a > kid_to]
    times = re.search(r"(\d+)\s?[×x*]\s?\$\s?(\d[\d,]*(?:\.\d+)?)", s[m.end():])
    right_after = re.match(r"\s*\)?\s*[×x*]\s?\$\s?(\d[\d,]*(?:\.\d+)?)", s[m.end():])  # "4 kids (4, 6, 9 and 12) × $36"
    if right_after:
        count, price = float(len(ages)), right_after.group(1)
    elif times:
        count, price = float(times.group(1)), times.group(2)
    else:
        return None
    if not over or count != len(ages) or float(price.replace(",", "")) != kid_price:
        return None
    if _dollars(s[:m.end() + (right_after or times).start()]) & adult:
        return None
    return Claim(s.strip()[:200], "age", "contradicted",
                 f"at {over[0]:g} the facts give the adult rate (kids up to {kid_to:g}), so not {len(ages)} at the kids' price",
                 ("bracket", "listed", over[0]))


_AGE_LIST = re.compile(r"\b(?:kids?|children|child|ages?|aged|niños?|edades?|hijos?|mine|ours|they|sons?|daughters?|nephews?|nieces?|"
                       r"grand(?:kids|children|sons|daughters)|boys|girls|twins|sobrin[oa]s|niet[oa]s|hij[oa]s|enfants?|kinder[n]?|crianças|filhos|bambini|figli)"
                       r"\s*[,:]?\s*\(?\s*(?:(?:who|that) (?:are|were) |are |'re |of |ages? |aged |de |âgés de |im alter von )?"
                       r"(\d{1,2}(?:\s*(?:,\s*(?:and|&|y|et|und|e)|,|and|&|y|et|und|e|-,)\s*(?:an? )?\d{1,2})+)"
                       r"(?![\d–-]|\s*(?:to|a)\s\d|\s*(?:adults?|guests|people|grown|adultos|personas|invitados)\b)", re.I)
_ONE_AGE = guarded(r"\b(?:a|an|our|my|one|his|her|their|un|una|mi|nuestro|nuestra)\s+(\d{1,2})[\s-]years?[\s-]old\b", re.I)


@lru_cache(maxsize=1024)
def _kids_told(question: str) -> frozenset:
    """The kid counts the customer gives ("4 kids")."""
    return frozenset(float(n) for n in re.findall(r"\b(\d+)\s+(?:kids|children|niños|hijos|enfants|kinder|crianças|bambini)\b", digitize(question), re.I))


@lru_cache(maxsize=1024)
def question_ages(question: str) -> tuple[float, ...]:
    """Ages of individual children the customer lists ("kids 7, 9 and 11", "our 13-year-old")."""
    text = digitize(question)
    ages: list[float] = []
    spans = []
    for m in _AGE_LIST.finditer(text):
        ages += [float(x) for x in re.findall(r"\d{1,2}", m.group(1))]
        spans.append((m.start(), m.end()))
    for m in _ONE_AGE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            ages.append(float(m.group(1)))
    return tuple(a for a in ages if a < 18)


#: kids said to pay what adults pay: "kids pay the same $65 as adults", "children are full price"
_KIDS_SAME = Folded(r"\b(?:kids?|children|child|little ones|niños?|niñas?)\b[^.;:!?]{0,40}?\b(?:the same(?: price| rate| \$\s?[\d,.]+)? as (?:the )?(?:adults?|grown-?ups|everyone)|"
                    r"same (?:price|rate) as (?:the )?(?:adults?|grown-?ups)|(?:pay|are|is) (?:the )?full (?:adult )?(?:price|rate)|(?:pay|are charged) (?:the )?adult (?:price|rate)|"
                    r"lo mismo que (?:los )?adultos|el mismo precio que (?:los )?adultos)")
#: one price for every guest: "everyone is $65 per person", "all guests pay $65"
_EVERYONE_AT = Folded(r"\b(?:everyone|everybody|every guest|each guest|all guests|all ages|todos|cada invitado)\b[^.;:!?$\d]{0,25}\$\s?(\d[\d,]*(?:\.\d+)?)")
_KID_WORD = Folded(r"\b(?:kids?|children|child|little ones|niños?|niñas?|hij[oa]s|toddlers?|teens?)\b|\d+[\s-]years?[\s-]old")
_AGE_QUALIFIED = Folded(r"\b(?:adults?|over|older|and up|and older|\d+\s?\+|mayores?|adultos?)\b|\d{1,2}\s?(?:[-–]|to)\s?\d{1,2}")


def adult_rate_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    """Kids billed at the adult price when the facts give them a lower one: "kids pay the same $65 as
    adults", or "everyone is $65 per person" to a question about kids. A clause that qualifies
    "everyone" by age ("everyone 13 and over") or also names the kids' price is not read."""
    facts = age_brackets(book)
    adult = {p.value for p in book.prices_for("adult")}
    if facts is None or not adult:
        return []
    kid_price = facts[1]
    if kid_price in adult:
        return []
    about_kids = bool(_KID_WORD.search(question))
    for s in sentences:
        amounts = _dollars(s)
        same = _KIDS_SAME.search(s)
        if kid_price in amounts or _FREE.search(s) and about_kids and not same:
            continue
        if same and not re.search(r"\b(?:not|n't|never|no)\b|n['’]t\b", same.group(0), re.I) and (not amounts or amounts & adult) or \
                about_kids and any(float(m.group(1).replace(",", "")) in adult and not _AGE_QUALIFIED.search(m.group(0))
                                   for m in _EVERYONE_AT.finditer(s)):
            return [Claim(s.strip()[:200], "age", "contradicted", f"the facts give kids {money(kid_price)}, not the adult price",
                          ("bracket", "adult-rate"))]
    return []
