"""Numbers written in words (English and Spanish) rewritten as digits.

``digitize(text)`` guarantees: every run of number words that forms one number ("five hundred
fifty", "twenty-five", "treinta y cinco", "mil") is replaced by its digits, the rest of the text
is left unchanged, and lone "one"/"un"/"una" are kept as words unless a money or scale word
follows (so "one chef" stays prose while "one hundred fifty dollars" becomes "150 dollars").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import lower

_UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_UNITS_ES = {
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    "veintiún": 21, "veintidós": 22, "veintidos": 22, "veintitrés": 23, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
}
_SCALES = {"hundred": 100, "thousand": 1000, "mil": 1000}
#: small counts written as words where a pattern needs them before ``digitize`` runs ("deux chefs", "two weeks")
COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "dos": 2, "tres": 3, "deux": 2, "trois": 3,
               "zwei": 2, "drei": 3, "duas": 2, "três": 3, "a": 1, "an": 1, "un": 1, "una": 1, "une": 1}
_VALUES = {**_UNITS_EN, **_UNITS_ES}
# Words that are numbers only next to other number words or a money/scale word.
_AMBIGUOUS = {"one", "un", "una", "uno", "once", "mil"}
_JOINERS = {"and", "y", "-"}
_UNIT_AFTER = re.compile(r"\s*(dollars?|d[oó]lares|usd|bucks|hundred|thousand|percent|por ciento)\b", re.I)
#: "one hour", "un día": a lone "one"/"un"/"una" before a unit of time or distance is a number ("once"/"mil" are not)
_ONE_UNIT = re.compile(r"\s*(hours?|days?|weeks?|miles?|horas?|d[ií]as?|semanas?|millas?)\b", re.I)
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")


def _words_value(words: list[str]) -> int | None:
    """Value of a list of number words, or None when they do not form one number."""
    total, current = 0, 0
    for w in words:
        if w in _SCALES:
            scale = _SCALES[w]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        elif w in _VALUES:
            current += _VALUES[w]
        else:
            return None
    return total + current


def _split(token: str) -> list[str]:
    return [p for p in token.lower().split("-") if p]


_ALL = frozenset(_VALUES) | frozenset(_SCALES)
_LETTERS = re.compile(r"[a-zà-ÿ]+")


def _is_number_token(token: str) -> bool:
    if "-" not in token:
        return token.lower() in _ALL
    parts = _split(token)
    return bool(parts) and all(p in _ALL for p in parts)


def _dollar_adjective(token: str) -> int | None:
    """"two-hundred-dollar" (a deposit) or "forty-dollar" (a fee) → 200, 40."""
    parts = token.lower().split("-")
    if len(parts) < 2 or parts[-1] not in ("dollar", "dollars") or not _is_number_token("-".join(parts[:-1])):
        return None
    return _words_value(_split("-".join(parts[:-1])))


_NUMBER_TAIL = frozenset({"and-under", "and-up", "and-older", "and-over", "or-under", "or-younger", "or-older", "or-more", "year-old",
                          "year-olds", "years-old", "yr-old", "month-old", "minute", "minutes", "hour", "hours", "day", "days", "week",
                          "weeks", "mile", "miles", "person", "people", "guest", "guests", "piece", "pieces", "course", "courses"})


def _number_lead(token: str) -> str | None:
    """"four-and-under" → "4-and-under": number words leading a hyphenated phrase about ages, times or counts."""
    parts = token.split("-")
    for k in range(len(parts) - 1, 0, -1):
        head, tail = parts[:k], "-".join(parts[k:]).lower()
        if tail in _NUMBER_TAIL and all(p.lower() in _ALL for p in head if p):
            return f"{_words_value([p.lower() for p in head if p])}-{'-'.join(parts[k:])}"
    return None


def _joins(words: list[str], joiner: str, nxt: list[str]) -> bool:
    """"two hundred and fifty", "treinta y cinco": one number; "two and nine", "5, 7 and 9": a list."""
    if any(w in _SCALES or _VALUES.get(w, 0) >= 100 for w in words):
        return True
    return joiner == "y" and _VALUES.get(words[-1], 0) in (30, 40, 50, 60, 70, 80, 90) and 0 < _VALUES.get(nxt[0], 0) < 10


_SPANISH_TEN = re.compile(r"\s+(en cuenta|presente|cuidado|en mente)\b", re.I)


#: amounts and clock times as French, German, Portuguese and Spanish write them
_SEP = "[ \u00a0\u202f]"
_TRAILING_DOLLAR = re.compile(rf"(?<![\w$.,])(\d{{1,3}}(?:{_SEP}\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:,(\d{{1,2}}))?{_SEP}?\$(?![\w$])")
_PREFIX_DECIMAL = re.compile(r"(?:US|CA|C|A)?\$\s?(\d{1,3}(?:\.\d{3})+|\d+),(\d{2})(?!\d)")
_THOUSANDS = re.compile(r"\$\s?(\d{1,3}(?:\.\d{1,3})?)\s?[kK]\b")
_PREFIX_CURRENCY = re.compile(r"\b(?:US|CA|C|A)\$\s?(?=\d)")
#: ISO 4217 codes a small business may price in (one currency per business, so each reads as "$")
_CODES = ("GBP|EUR|AUD|CAD|NZD|JPY|CHF|MXN|SGD|HKD|DKK|SEK|NOK|ISK|PLN|CZK|HUF|RON|BGN|TRY|ILS|AED|SAR|QAR|INR|PKR|LKR|"
          "THB|VND|IDR|MYR|PHP|TWD|KRW|CNY|RMB|ZAR|NGN|KES|GHS|EGP|MAD|BRL|ARS|CLP|COP|PEN|UYU|CRC|DOP|JMD|TTD")
_CODE_FAST = re.compile(rf"(?:{_CODES})\b")  # no \b first: a literal start is scanned for fast
_CODE = re.compile(rf"\b(?:{_CODES})\b")
_CODE_BEFORE = re.compile(rf"\b(?:{_CODES}|USD)\s?(?=\d)")
_CODE_AFTER = re.compile(rf"(\d)\s?(?:{_CODES})\b(?!\s?[$£€¥]?\s?\d)")  # not "children 4–11 MXN $550": the code is $550's
#: currency signs, and local abbreviations written before or after the amount:
#: "₹1,200", "Rs. 850", "R450" (rand), "S/ 45" (soles), "kr 450" / "450 kr", "RM 80", "Rp 150.000", "Fr. 45", "120 zł"
_PENCE = re.compile(r"(?<![\w.$,])(\d{1,2})\s?(?:p|cents?)(?=\s?(?:/|per\b|a\s|an\s|each\b|por\b))|"
                    r"(?<=[×x*]\s)(\d{1,2})p\b|(?<=\bat\s)(\d{1,2})p\b|(?<![\w.$,])(\d{1,2})\s?¢")
#: any digit: every amount, percentage and clock time holds one (a text without is skipped)
DIGIT = re.compile(r"\d")
_PENCE_GATE = re.compile(r"\d\s?[pc¢]")  # what every _PENCE match holds
_DIGIT_DOLLAR = re.compile(r"\d[ \u00a0\u202f]?\$")  # what every _TRAILING_DOLLAR match holds
_TO_DOLLAR = str.maketrans(dict.fromkeys("£€¥₹₩₱฿₦₪₫₺₴₽₡₲₵", "$"))
_LOCAL_BEFORE = re.compile(r"(?<![\w$])(?:Rs\.?|R(?!\s?\d+[A-Za-z])|S/\.?|[kK]r\.?|KSh|Ksh|RM|Rp|Fr\.|GH)\s?(?=\d)")
_LOCAL_AFTER = re.compile(r"(\d)\s?(?:kr\.?|zł|Kč|Ft|lei|DH|kn)(?![\w])")
_COMMA_PERCENT = re.compile(r"(?<![\d,.])(\d{1,2}),(\d{1,2})\s?%")
_CJK_DIGIT = re.compile(r"(?<=\d)(?=[\u3040-\u30ff\u4e00-\u9fff])|(?<=[\u3040-\u30ff\u4e00-\u9fff])(?=\d)")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_DIGIT_H = re.compile(r"\d\s?h")  # what both clock patterns below need
_H_CLOCK = re.compile(r"\b(0?[7-9]|1\d|2[0-3])\s?h\s?([0-5]\d)\b(?!\s?(?:min|m\b))")  # not "2 h 30 min", a length
_H_HOUR = re.compile(r"\b(1[3-9]|2[0-3])\s?h\b(?!\s?[0-5]\d)")  # "20 h" is 20:00 (a 13-hour length is no answer's)


#: French, German and Portuguese words the checks read in English (Spanish has its own patterns throughout)
_WORDS = {
    "gratuit": "free", "gratuite": "free", "gratuits": "free", "gratuites": "free", "kostenlos": "free", "grátis": "free", "par personne": "per person", "par adulte": "per adult", "par enfant": "per child",
    "par invité": "per guest", "pro person": "per person", "pro kopf": "per person", "pro gast": "per guest",
    "por pessoa": "per person", "par km": "per km", "pro km": "per km", "non remboursable": "non-refundable",
    "remboursable": "refundable", "nicht erstattungsfähig": "non-refundable", "erstattungsfähig": "refundable",
    "não reembolsável": "non-refundable", "reembolsável": "refundable", "pourboire": "gratuity", "trinkgeld": "tip",
    "gorjeta": "tip", "acompte": "deposit", "anzahlung": "deposit", "adulte": "adult", "adultes": "adults",
    "erwachsene": "adults", "erwachsener": "adult", "enfant": "child", "enfants": "children", "criança": "child",
    "crianças": "children", "au-delà de": "beyond", "au delà de": "beyond", "au-delà": "beyond", "au delà": "beyond",
    "jusqu'à": "up to", "jusqu’à": "up to", "ajouté automatiquement": "added automatically", "automatiquement": "automatically",
    "frais de déplacement": "travel fee", "déplacement": "travel", "anfahrt": "travel", "deslocamento": "travel",
    "moins de": "under", "unter": "under", "jours": "days", "tage": "days", "tagen": "days",
    "heures": "hours", "heure": "hour", "stunden": "hours", "stunde": "hour", "semaines": "weeks", "wochen": "weeks",
    "meilen": "miles", "meile": "mile", "milhas": "miles", "jahre": "years",
    "ore": "hours", "ora": "hour", "minuti": "minutes", "giorni": "days", "settimane": "weeks", "a persona": "per person",
    "adulti": "adults", "bambini": "children", "uur": "hours", "minuten": "minutes", "dagen": "days", "weken": "weeks",
    "per persoon": "per person", "volwassenen": "adults", "kinderen": "children", "godziny": "hours", "godzin": "hours",
    "godzina": "hour", "minut": "minutes", "dni": "days", "dorosłych": "adults", "dzieci": "children", "za osobę": "per person",
    "keiki": "kids", "ppl": "people",  # owners' notes: "20 adults + 6 keiki", "min is 15 ppl"
}
#: matched on lower-cased text (see fold.py): the same matches as with re.I, several times faster
_WORD_RX = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")(?![\w'’-])")


#: a dollar amount as written in prepared text: "$1,242.50" (group 1 is "1,242.50")
DOLLARS = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)")


def dollar_values(text: str) -> list[float]:
    """Every dollar amount in ``text``, in order: "$1,200 or $900" gives [1200.0, 900.0]."""
    return [float(a.replace(",", "")) for a in DOLLARS.findall(text)]


def _replace_words(text: str) -> str:
    out, last = [], 0
    for m in _WORD_RX.finditer(lower(text)):  # lower() keeps every offset
        out += (text[last:m.start()], _WORDS[m.group()])
        last = m.end()
    return "".join(out) + text[last:] if out else text


@lru_cache(maxsize=4096)  # the same answer is localized by several checks
def localize(text: str) -> str:
    """"1 242,50 $", "69 $", "US$ 1.424,00" and "19 h 30" as "$1,242.50", "$69", "$1,424.00" and "19:30";
    the few French, German and Portuguese words the checks need in English ("gratuit", "par personne")."""
    text = _replace_words(text)
    if not text.isascii():
        text = text.translate(_TO_DOLLAR)  # one currency per business: "£55 pp" is read as "$55 pp", "₹650" as "$650"
    if not DIGIT.search(text):
        return text  # every step below rewrites an amount, a percentage or a clock time, each with a digit
    text = _LOCAL_AFTER.sub(r"\1 USD", _LOCAL_BEFORE.sub("$", text))
    if _CODE_FAST.search(text) and _CODE.search(text):  # "GBP 55", "EUR 1.200,00", "55 AUD"
        text = _CODE_AFTER.sub(r"\1 USD", _CODE_BEFORE.sub("$", text))
    if _PENCE_GATE.search(text) and _PENCE.search(text):  # "90p per mile", "45¢/mile": $0.90, $0.45
        text = _PENCE.sub(lambda m: f"$0.{next(g for g in m.groups() if g).zfill(2)}", text)
    if "$" in text:
        if _DIGIT_DOLLAR.search(text):  # (each test is true of every text the pattern can match, and cheaper than it)
            text = _TRAILING_DOLLAR.sub(lambda m: _dollars(m.group(1), m.group(2)), text)
        if "," in text:
            text = _PREFIX_DECIMAL.sub(lambda m: _dollars(m.group(1), m.group(2)), text)
        if "C$" in text or "A$" in text or "US$" in text:
            text = _PREFIX_CURRENCY.sub("$", text)
        if _THOUSANDS.search(text):  # "budget ~$2k", "$1.25k": thousands
            text = _THOUSANDS.sub(lambda m: f"${round(float(m.group(1)) * 1000):,}", text)
    if "%" in text:  # "12,5 %" is 12.5%
        text = _COMMA_PERCENT.sub(r"\1.\2%", text)
    if _CJK.search(text) and _CJK_DIGIT.search(text):  # "20名", "72ドル": a number touching CJK script is a word of its own
        text = re.sub(r"\s*円", " JPY", re.sub(r"\s*ドル", " USD", _CJK_DIGIT.sub(" ", text)))
    if _DIGIT_H.search(text):
        text = _H_CLOCK.sub(r"\1:\2", text)
        text = _H_HOUR.sub(r"\1:00", text)
    return text


def _dollars(whole: str, cents: str | None) -> str:
    n = int(re.sub(r"\D", "", whole))
    return f"${n:,}" + (f".{cents.ljust(2, '0')}" if cents else "")


_A_SPAN = re.compile(r"(?<!\bonce )(?<!\btwice )(?<!\btimes )(?<!\bper )\ba (week)\b(?= (?:before|ahead|in advance|prior|out|notice|or more|beforehand|early))")


_BOOKING_CONTEXT = re.compile(r"\b(?:book|booking|cancel|notice|reserv|refund|lead time)\w*", re.I)
_TOO_LATE = re.compile(r"too late|not enough|isn'?t enough", re.I)


def _sentence_around(text: str, at: int) -> str:
    lo = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    hi = min((i for i in (text.find(c, at) for c in ".!?\n") if i >= 0), default=len(text))
    s = text[lo:hi]
    return "" if _TOO_LATE.search(s) else s


#: "81 dollars 60", "12 pounds and 50 pence": the spoken cents are the amount's decimals (numbers words already digits)
_CENTS_AFTER = re.compile(r"\b(\d+) (dollars|pounds|euros|d[oó]lares|pesos) (?:and |y |con )?(\d{2})(?: (?:cents|pence|centavos))?\b(?!\s*[%\w])")


def _cents(m: re.Match) -> str:
    return f"{m.group(1)}.{m.group(3)} {m.group(2)}"


@lru_cache(maxsize=4096)
def digitize(text: str) -> str:
    """``text`` with number words replaced by digits (see module docstring), amounts and clock
    times written the French, German or Portuguese way in the English way (``localize``)."""
    text = localize(text)
    if "a week" in text:  # "book as late as a week before": 1 week; not "twice a week", not "an invoice about a week before"
        text = _A_SPAN.sub(lambda m: "1 week" if _BOOKING_CONTEXT.search(_sentence_around(text, m.start())) else m.group(), text)
    if _ALL.isdisjoint(_LETTERS.findall(text.lower())):
        return text
    out: list[str] = []
    pos = 0
    matches = list(_WORD.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        if not _is_number_token(m.group()):
            dollars = _dollar_adjective(m.group()) if m.group().lower().endswith(("-dollar", "-dollars")) else None
            if dollars is not None:
                out.append(text[pos:m.start()])
                out.append(f"${dollars}")
                pos = m.end()
            elif (lead := _number_lead(m.group())) is not None:  # "four-and-under", "five-year-old", "twenty-minute"
                out.append(text[pos:m.start()])
                out.append(lead)
                pos = m.end()
            i += 1
            continue
        j, words, end = i, _split(m.group()), m.end()
        while j + 1 < len(matches):
            gap = text[end:matches[j + 1].start()].strip().lower()
            nxt = matches[j + 1].group()
            if gap == "" and _is_number_token(nxt):
                words += _split(nxt)
            elif gap == "" and nxt.lower() in _JOINERS and j + 2 < len(matches) and _is_number_token(matches[j + 2].group()) \
                    and _joins(words, nxt.lower(), _split(matches[j + 2].group())) \
                    and text[matches[j + 1].end():matches[j + 2].start()].strip() == "":
                words += _split(matches[j + 2].group())
                j += 1
            else:
                break
            j += 1
            end = matches[j].end()
        value = _words_value(words)
        lone_ambiguous = len(words) == 1 and words[0] in _AMBIGUOUS and not _UNIT_AFTER.match(text[end:]) and \
            not (words[0] in ("one", "un", "una", "uno") and _ONE_UNIT.match(text[end:])) or \
            words == ["ten"] and _SPANISH_TEN.match(text[end:])  # "Ten en cuenta": Spanish "keep in mind"
        if value is not None and not lone_ambiguous:
            out.append(text[pos:m.start()])
            out.append(str(value))
            pos = end
        i = j + 1
    out.append(text[pos:])
    return _CENTS_AFTER.sub(_cents, "".join(out))


_DOT_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_amount(raw: str) -> float:
    """"1,000" → 1000.0, "12.50" → 12.5, "1.000" (Spanish thousands) → 1000.0."""
    s = raw.strip()
    if "." in s and _DOT_THOUSANDS.fullmatch(s):
        s = s.replace(".", "")
    return float(s.replace(",", ""))


def close(a: float, b: float) -> bool:
    """Two amounts equal to the cent."""
    return abs(a - b) < 0.011


def money(v: float) -> str:
    """$1,234.50 / $80 (no ".00")."""
    return f"${v:,.2f}".replace(".00", "")


_PERCENT_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s?%")


def percents(text: str) -> set[str]:
    """The percentages ``text`` writes, as written ("10%", "12.5 %" -> {"10", "12.5"})."""
    return set(_PERCENT_FIGURE.findall(text))
