"""Typed mentions of numbers, phone numbers and e-mail addresses in free text.

``mentions(text)`` guarantees: the same text always gives the same mentions in text order;
numbers written in words count like digits; "$550", "550 USD" and "550 dollars" are one money
mention of 550; clock times and calendar dates are not mentions. Positions refer to the
digitized text returned alongside.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Optional

from .fold import guarded
from .lexicon import find_subjects
from .numbers import DIGIT, digitize, parse_amount

_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b")
_EMAIL = guarded(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
_MONTH_WORDS = frozenset(_MONTHS.split("|"))
_NOISE_ALWAYS = (  # digit-anchored, case-sensitive patterns: several times faster than one case-folding alternation
    re.compile(r"\d{1,2}:\d{2}(?!\d)"),  # "5:30pm" too
    re.compile(r"\b\d{1,2}\s?(?:[aApP][mM]|[aApP]\.[mM]\.)(?!\w)"),
    re.compile(r"\b\d+(?:st|nd|rd|th|ST|ND|RD|TH)\b"),
    re.compile(r"(?<![$\d,.])\b(?:19|20)\d{2}\b(?!\s?(?:usd|USD|dollars|d[oó]lares|%))"),
    re.compile(r"(?m)^[ \t]*\d{1,2}[.)](?=[ \t])"),  # numbered-list markers ("1. Reach out to book")
    re.compile(r"\b\d{1,2}(?::\d\d)?[ap]\s?[-–]\s?\d{1,2}(?::\d\d)?[ap]\b"),  # "10a-1p"
    re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:[-–]|to|a|till|until|hasta)\s?(?=\d{1,2}(?::\d\d)?\s?(?:[aApP][mM]|[aApP]\.[mM]\.)(?!\w))"),
    # "5–11pm", "de 1 a 10pm", "from 6 to 8 PM": the first is a time too
    re.compile(r"\b(?:[aA] las|[lL]as|[aA] la)\s\d{1,2}\b(?!\s?(?:personas|invitados|horas|d[ií]as|%))"),  # "a las 6", "a la 1"
    re.compile(r"\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b|"  # "2025-04-12", "4/12/2025",
               r"(?<![\d/.$€£])\b(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])\b(?![/%\d]|\s*(?:price|off|per|pp|mile|hour|person))"),  # "on 3/15", "6/21"
)
_NOISE_DATES = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}\s+de\s+(?:{_MONTHS})\b", re.I)


_AMPM_GATE = re.compile(r"\d\s?[aApP]")  # what the three am/pm patterns above need


def _noise(text: str) -> list[tuple[int, int]]:
    """Spans of clock times, ordinals, years and calendar dates (never claims)."""
    if not DIGIT.search(text):
        return []  # every noise pattern holds a digit
    ampm = _AMPM_GATE.search(text) is not None
    year = "19" in text or "20" in text
    run = (":" in text, ampm, True, year, True, ampm, ampm,  # per pattern, a test true of every text it can match: a scan
           "la" in text or "La" in text, "/" in text or (year and "-" in text))  # costs several times more
    spans = [(m.start(), m.end()) for rx, go in zip(_NOISE_ALWAYS, run) if go for m in rx.finditer(text)]
    words = set(re.findall(r"[a-zá-ú]+", text.lower()))
    if not _MONTH_WORDS.isdisjoint(words):
        spans += [(m.start(), m.end()) for m in _NOISE_DATES.finditer(text)]
    if not _DAY_WORDS.isdisjoint(words):  # "el viernes 15", "Sat 7 Jun", "Thu 5 Jun": a day of the month
        spans += [m.span(m.lastindex) for m in _NOISE_DAYS.finditer(text)]
    return spans


_WEEKDAYS = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
             "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche")
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_DAY_WORDS = frozenset(_WEEKDAYS.split("|") + _MONTH_ABBR.split("|"))
_NOISE_DAYS = re.compile(rf"\b(?:{_WEEKDAYS})\.?,?\s+(?:the\s+)?(\d{{1,2}})\b(?![ \t]*(?:guests|people|adults|kids|personas|invitados|[%$€£]|:\d|"
                         rf"[-–]|to\b|a\b|am\b|pm\b|[ap]\.m|h\b|hrs?\b|hours?\b|or\b|and\b|y\b))|"
                         rf"\b(\d{{1,2}})(?:\s+|/)(?:{_MONTH_ABBR})\b\.?|\b(?:{_MONTH_ABBR})\.?\s+(\d{{1,2}})\b(?![ \t]*(?:guests|people|%|:\d))", re.I)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])")
_CURRENCY_BEFORE = re.compile(r"\b(?:USD|usd|US\$)\s?$")
_RANGE_PCT = guarded(r"(?<![$\d.,])(\d+)\s?(?:[–—-]|to|and|or|y|a|o)\s?(\d+)\s?(?:%|percent|por ?ciento)", re.I)

_AFTER_KIND = [
    ("percent", re.compile(r"\s?(%|percent\b|por ?ciento\b)", re.I)),
    ("money", re.compile(r"[\s-]?(usd\b|dollars?\b|d[oó]lares\b|bucks\b)", re.I)),
    ("distance", re.compile(r"[\s-]?(miles?\b|millas?\b|mi\b|km\b|kms\b|kilomet(?:er|re)s?\b|kil[oó]metros?\b)", re.I)),
    ("days", re.compile(r"[\s-]?(\+\s?)?(or (?:more|longer|fewer|less)\s|o (?:m[aá]s|menos)\s)?((business|calendar)\s)?(days?\b|d[ií]as?\b)", re.I)),
    ("hours", re.compile(r"[\s-]?(\+\s?)?(or (?:more|longer|fewer|less)\s|o (?:m[aá]s|menos)\s)?(hours?\b|horas?\b|hrs?\b)|h\b", re.I)),
    ("minutes", re.compile(r"[\s-]?(minutes?\b|mins?\b|minutos?\b)", re.I)),
    ("weeks", re.compile(r"[\s-]?(weeks?\b|wks?\b|semanas?\b)", re.I)),
    ("age", re.compile(r"[\s-]?(years?[\s-]old\b|year\b|años\b|ans\b|-year)", re.I)),
    ("proteins", re.compile(r"\s(proteins?\b|prote[ií]nas?\b)", re.I)),
    ("people", re.compile(r"[\s-]?(adults?\b|adultos?\b|kids?\b|children\b|child\b|niños?\b|guests?\b|people\b|"
                          r"personas?\b|invitados?\b|person\b|-person\b|pax\b|ppl\b)", re.I)),
]
_KM = re.compile(r"[\s-]?(?:km|kil[oó]met)", re.I)
_AGE_AROUND = re.compile(r"(ages?|aged|edad(es)?|de)\s$|(under|up to|menores de|hasta)\s$", re.I)
_AGE_AFTER = re.compile(r"\s?(\+\s)?(and|or|y|o)\s(under|younger|menos|menores)\b|\s?(or|y)\s(below|older)\b", re.I)
_APPROX = guarded(r"\b(around|about|roughly|approximately|approx|usually|typically|somewhere|aproximadamente|alrededor|unos)\b[^$\d]{0,20}$", re.I)

_UNIT_AFTER = [
    ("per_order", re.compile(r"^\s?(per|a|each|/)\s?(plate|tray|platter|order|bowl) (of|with) \d", re.I)),
    ("per_mile", re.compile(r"^\s?(/\s?(mile|mi\b|km\b)|(?:par|pro|por) km\b|per (additional |extra )?(mile|km\b|kilomet)|an? (additional |extra )?(mile|km\b)|por (cada )?(milla|kil[oó]metro)|(each|every) (additional |extra )?(mile|km\b|kilomet))", re.I)),
    ("per_person", re.compile(r"^\s?(/\s?(person|guest|head|plate|adult|child|kid|pp|pax)\b|per (person|guest|head|plate|adult|child|kid|pax)\b|pp\b|"
                              r"a head|each(?!\s+(?:order|tray|platter|bowl|event|party|table|dozen|batch)|\s*\((?:one|1|a|per|each) (?:bowl|order|tray|platter)\b)|"
                              r"por (persona|invitado|adulto|niño|cabeza|pessoa|criança)|"
                              r"cada uno)", re.I)),
    ("per_order", re.compile(r"^\s?(/\s?(?:order|tray|platter|bowl)\b|per (order|table|tray|bowl)|(each|an?) (order|tray|platter|bowl)\b|por (orden|mesa)|"
                             r"each\s*\((?:one|1|a|per|each) (?:bowl|order|tray|platter)\b)", re.I)),
    ("per_event", re.compile(r"^\s?(/\s?event|per (event|party|group)|por (evento|fiesta|grupo)|added to the (event|party) total|"
                             r"(?:(?:extra|more|additional|adicionales|m[aá]s|de m[aá]s|en plus|suppl[ée]mentaires)\s)?"
                             r"(?:for the (?:whole|entire) (?:group|party|event)|para (?:todo el|el) grupo|por todo el grupo|pour (?:tout )?le groupe)\b)", re.I)),
    ("per_60min", re.compile(r"^\s?(/\s?(hr|hour)\b|(per|an|each|every|for each|for every) (additional |extra )?hour\b|"
                             r"por (cada )?hora( adicional)?)", re.I)),
    ("per_30min", re.compile(r"^\s?((per|a|each|every|for each|for every) (additional |extra )?half[\s-]hour|"
                             r"por (cada )?media hora)", re.I)),
]
_PER_MINUTES = re.compile(r"^\s?(?:per|each|every|for each|for every|por cada) (?:additional |extra |adicionales? )?(\d+)[\s-]?"
                          r"(?:minutes?|mins?|minutos)", re.I)
#: not "Kids 4–11: $25 flat on any package" (one price a child whatever the package)
_FLAT_AFTER_NUMBER = re.compile(r"^\s?(flat|one-time)\b(?!\s(?:on|for|across|with)\s(?:any|all|every|each)\s(?:package|tier|menu|course|option)s?\b)", re.I)
_FLAT_BEFORE = re.compile(r"\b(flat|one-time|tarifa fija)\s(fee\s)?(of\s)?\+?\$?$", re.I)
_FLAT_AFTER = re.compile(r"^[^.;,\n$]{0,20}?\b(no matter how many|regardless of (the )?(number|how many)|"
                         r"for (the|your) (whole |entire )?(party|group|table|event)\b|per event|once per event)", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """One typed mention. ``value`` is a float for numbers, a digit string for phones, text for e-mails.
    ``unit`` is how a money amount is charged ("per_person", "flat"...) or a distance's unit ("mi", "km")."""

    kind: str
    value: object
    start: int
    end: int
    unit: Optional[str] = None
    approx: bool = False
    subject: Optional[str] = None
    plus: bool = False

    def key(self) -> tuple:
        """What two mentions must share to be the same claim."""
        return (self.kind, self.value, self.subject)


def prepare(text: str) -> str:
    """Digitized text; phones, e-mails, times and dates keep their length but are blanked."""
    return digitize(text)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


_MINIMUM_BEFORE = re.compile(r"\b(?:over|above|under|below|the|clears?|meets?|hits?|past)\s+$", re.I)
_AFTER_ANY = re.compile("|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in _AFTER_KIND), re.I)


def _kind(text: str, start: int, end: int, dollar: bool) -> str:
    after = text[end:end + 30]
    if dollar:
        return "money"
    m = _AFTER_ANY.match(after)
    if m and m.lastgroup == "minutes" and _MINIMUM_BEFORE.search(text, max(0, start - 12), start) and re.match(r"\s?min\b", after, re.I):
        return "number"  # "over the 25 min": a minimum, not 25 minutes
    if m:
        return m.lastgroup
    before = text[max(0, start - 14):start]
    if _AGE_AROUND.search(before) or _AGE_AFTER.match(after):
        return "age"
    return "number"


def _unit(text: str, start: int, end: int) -> Optional[str]:
    after = re.sub(r"^\s?(usd|dollars?|d[oó]lares)", "", text[end:end + 60], flags=re.I)
    after = re.sub(r"^\s?(extra|more|additional|more|adicionales?)\b", "", after, flags=re.I)
    for unit, rx in _UNIT_AFTER:
        if rx.match(after):
            return unit
    block = _PER_MINUTES.match(after)
    if block:
        return f"per_{int(block.group(1))}min"
    if _FLAT_BEFORE.search(text[max(0, start - 20):start]) or _FLAT_AFTER.search(text[end:end + 80]) \
            or _FLAT_AFTER_NUMBER.match(after):
        return "flat"
    return None


@lru_cache(maxsize=8192)
def mentions(text: str) -> tuple[str, tuple[Mention, ...]]:
    """(digitized text, mentions in text order); cached, since facts repeat across questions."""
    t = prepare(text)
    found: list[Mention] = []
    for m in _PHONE.finditer(t):
        found.append(Mention("phone", re.sub(r"\D", "", m.group())[-10:], m.start(), m.end()))
    for m in _EMAIL.finditer(t):
        found.append(Mention("email", m.group().lower().rstrip("."), m.start(), m.end()))
    masked = _blank(t, [(m.start, m.end) for m in found] + _noise(t))
    range_pct = {m.start(1) for m in _RANGE_PCT.finditer(masked)}
    for m in _NUMBER.finditer(masked):
        value = parse_amount(m.group(1) + (m.group(2) or ""))
        before = masked[max(0, m.start() - 3):m.start()]
        dollar = "$" in before or bool(_CURRENCY_BEFORE.search(masked[max(0, m.start() - 5):m.start()]))
        kind = "percent" if m.start() in range_pct else _kind(masked, m.start(), m.end(), dollar)
        if kind == "percent" and value > 100 and m.group(2):  # "8.375%" is a rate, not 8,375%
            value = float(m.group(1).replace(",", "") + m.group(2))
        unit = _unit(masked, m.start(), m.end()) if kind == "money" else \
            ("km" if _KM.match(masked, m.end()) else "mi") if kind == "distance" else None
        approx = kind == "money" and bool(_APPROX.search(masked[max(0, m.start() - 40):m.start()]))
        found.append(Mention(kind, value, m.start(), m.end(), unit, approx, plus="+" in before))
    found.sort(key=lambda x: x.start)
    return t, tuple(_bind_subjects(t, found))


_LIGHT = set("""is are was be at of the a an rate price pricing prices cost costs upgrade upgrades extra + per person
each only just for start starts run runs it's its s and or under younger older up to ages age aged plus
son es cuesta cuestan pagan paga cobramos cobra cada el la los las de por persona precio tarifa y o menos años
tail add adds added charge fee is: are: ( ) , will would be flat comes""".split())
_STOP_FORWARD = re.compile(r"^[\s/]*(per|por|por cada|for each|for every|for|each|a|an|pp)?\s*(?:(?<=/)\s*(?:head|person|guest|pp|pax)\s*)?$", re.I)  # "$50/head adults"


OWN_FEE = re.compile(r"\s?(?:processing|admin(?:istrative|istration)?|handling|cancell?ation|rebooking|rescheduling|reschedule|change|late|"
                      r"card|booking|transaction|restocking|cleaning|gas|fuel|propane|setup|set-up)\s(?:fee|charge)s?\b", re.I)
_VERSUS = re.compile(r"\s*(?:vs\.?|versus|frente a)\s*\$", re.I)


def _bind_subjects(text: str, found: list[Mention]) -> list[Mention]:
    """Attach to each money mention the priced subject it states (``None`` when unclear)."""
    subjects = find_subjects(text)
    out = []
    prev_end = 0
    for m in found:
        subj = None
        if m.kind == "money":
            subj = _forward_subject(text, m, subjects)
            if subj is None and not OWN_FEE.match(text, m.end):  # "deposit refunded minus a $50 processing fee": the fee's
                subj = _backward_subject(text, m, subjects, prev_end)
            if _VERSUS.match(text, m.end) and text[max(0, m.start - 3):m.start].rstrip("$ ").endswith("("):
                subj = None  # "children are half the adult price ($34 vs. $68)": a pair, in the order of no subject
            if subj is None and m.unit == "per_mile":
                subj = "travel"
        if m.kind == "money":
            prev_end = m.end
        out.append(Mention(m.kind, m.value, m.start, m.end, m.unit, m.approx, subj, m.plus))
    return out


def _forward_subject(text: str, m: Mention, subjects) -> Optional[str]:
    for s, e, subj in subjects:
        if s < m.end:
            continue
        gap = re.sub(r"^\s?(usd|dollars?|d[oó]lares)", "", text[m.end:s], flags=re.I)
        gap = re.sub(r"\b(food|extra)\b", "", gap)
        if _STOP_FORWARD.match(gap):
            return subj
        return None
    return None


def _backward_subject(text: str, m: Mention, subjects, prev_end: int) -> Optional[str]:
    best = None
    for s, e, subj in subjects:
        if e <= m.start and s >= prev_end:
            best = (s, e, subj)
    if best is None:
        return None
    between = re.findall(r"[\w']+|[^\w\s$]", text[best[1]:m.start].lower())
    if any(w in ("×", "*", "=", "x") for w in between):
        return None  # "lobster for 20 adults adds 20 × $18": the operator separates subject and amount
    if ")" in between and (opened := text.rfind("(", prev_end, best[0])) >= 0 and re.search(r"\d", text[opened:best[0]]):
        return None  # "Corporate package (3 hours, 150 drinks): $850": what the package holds, not what is priced
    if len(between) <= 10 and all(w in _LIGHT or w.isdigit() or not w[0].isalnum() for w in between):
        return best[2]
    return None
