"""Dates: today's date in the facts, how far away the customer's date is, and a booking calendar.

- ``facts_today(book)``: today's date when the facts carry it ("today": "Mon 2025-05-05").
- ``days_until(book, question)``: days from today to the date the customer asks for ("tomorrow" is 1;
  with today's date in the facts, "this Saturday" and "May 12" too).
- ``calendar_claims(sentences, book, question)``: a calendar the frontend attached ({"2025-06-28 (Sat)":
  "AM booked (10a-1p) / PM open"}) decides whether a date is open: "June 28 is wide open all day" and
  "June 28 is booked" both contradict a date booked only in the morning.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterator, Optional

from schemas.context import human_key

from .claim import Claim
from .conditions import _DAY_FORMS
from .facts import FactBook
from .fold import guarded
from .numbers import COUNT_WORDS
from .policies import cite, make_claim, negated

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(20\d{2})\b")
_WORD_DATE = guarded(rf"\b({'|'.join(m[:3] for m in _MONTHS)})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d/])")
_TODAY_KEY = re.compile(r"\btoday\b|current[ _]date|date[ _]today|\bas[ _]of\b|\bnow\b", re.I)


def _make(y: int, mo: int, d: int) -> Optional[date]:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


_OTHER_MONTHS = {  # Spanish, French and Portuguese month names -> month number
    **{m: i + 1 for i, m in enumerate("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split())},
    **{m: i + 1 for i, m in enumerate("janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())},
    **{m: i + 1 for i, m in enumerate("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split())},
    "setiembre": 9, "fevrier": 2, "aout": 8, "decembre": 12, "marco": 3}
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+(?:de\s+)?({'|'.join(sorted(_OTHER_MONTHS, key=len, reverse=True))})\b(?:\s+(?:de\s+)?(\d{{4}}))?",
                        re.I)


def dates_in(text: str, year: Optional[int] = None) -> list[date]:
    """Dates of ``text``: "2025-05-05", "May 10, 2025", "June 21", "6/21" and "16 de agosto" (in ``year``)."""
    out = [x for m in _ISO_DATE.finditer(text) if (x := _make(int(m.group(1)), int(m.group(2)), int(m.group(3))))]
    for m in _DAY_MONTH.finditer(text):
        if (m.group(3) or year) and (x := _make(int(m.group(3) or year), _OTHER_MONTHS[m.group(2).lower()], int(m.group(1)))):
            out.append(x)
    for m in _WORD_DATE.finditer(text):
        if m.group(3) or year:
            month = [x[:3] for x in _MONTHS].index(m.group(1).lower()[:3]) + 1
            if x := _make(int(m.group(3) or year), month, int(m.group(2))):
                out.append(x)
    for m in _SLASH_DATE.finditer(_ISO_DATE.sub(" ", text)) if year or () else ():
        y = int(m.group(3)) if m.group(3) else year
        if x := _make(y + 2000 if y < 100 else y, int(m.group(1)), int(m.group(2))):
            out.append(x)
    return out


def facts_today(book: FactBook) -> Optional[date]:
    """Today's date when the facts carry it ("today": "Mon 2025-05-05", "Today is May 5, 2025")."""
    if "today" not in book.memo:
        book.memo["today"] = next((x[0] for k, v in book.facts.items() if _TODAY_KEY.search(human_key(k)) and (x := dates_in(v))), None) or \
            next((x[0] for _, seg in book.segments_with(r"\btoday is\b|\bas of\b") if (x := dates_in(seg))), None)
    return book.memo["today"]


_SAYS_TODAY = guarded(r"\b(?:today is|today's date is|hoy es|estamos a|hoje [ée]|on est le|nous sommes le|aujourd'hui,? (?:c'est |nous sommes )?(?:le )?|"
                         r"heute ist(?: der)?)\s+(?:the |el |le |o |der )?(?=[\w-])", re.I)


def _question_today(question: str) -> Optional[tuple[date, str]]:
    """(today, the question without that date) when the question says today's date ("Today is May 2")."""
    for m in _SAYS_TODAY.finditer(question):
        year = int(y.group(1)) if (y := _YEAR.search(question)) else 2001
        head = question[m.end():m.end() + 30]
        found = dates_in(head, year)
        if found and (where := _ISO_DATE.search(head) or _DAY_MONTH.search(head) or _WORD_DATE.search(head)) and where.start() <= 4:
            return found[0], question[:m.start()] + question[m.end() + where.end():]
    return None


_TODAY_WEEKDAY = re.compile(rf"\btoday(?:'s| is)\s+({'|'.join(_WEEKDAYS)})\b")


def days_until(book: FactBook, question: str) -> tuple[float, ...]:
    """Days from today to the date the customer asks for: "tomorrow" is 1, "tonight" 0; with today's date in
    the facts, "this Saturday" and "May 10" too."""
    low = question.lower()
    today = facts_today(book)
    if today is None and (said := _question_today(question)):  # "Hoje é 2 de maio": the customer says today's date
        today, rest = said
        asked = next(iter(dates_in(rest, today.year)), None)
        if asked is None:
            return ()
        if asked < today:
            asked = asked.replace(year=today.year + 1)
        return (float((asked - today).days),)
    if _ISO_DATE.search(question) or _WORD_DATE.search(question):  # a named date is the event's, whatever else is "tomorrow"
        if today is None or (asked := next(iter(dates_in(question, today.year)), None)) is None:
            return ()
        if asked < today and not _ISO_DATE.search(question):
            asked = asked.replace(year=today.year + 1)
        return (float((asked - today).days),) if asked >= today else ()
    this_day = re.search(rf"\b(?:this|on|for|coming)\s+({'|'.join(_WEEKDAYS)})\b", low)
    if this_day and not re.search(r"\bthe \d{1,2}(?:st|nd|rd|th)\b", low):  # "Friday the 23rd" names a date, not this Friday
        if today is not None:
            return (float((_WEEKDAYS.index(this_day.group(1)) - today.weekday()) % 7),)
        if said_day := _TODAY_WEEKDAY.search(low):  # "Today's Tuesday. Could we book this Saturday?": 4 days
            return (float((_WEEKDAYS.index(this_day.group(1)) - _WEEKDAYS.index(said_day.group(1))) % 7),)
    event = r"(?:party|event|dinner|booking|book|come|cook|cater|do (?:it|a|an|the)|you do|available|free|open)"
    if re.search(r"\bday after tomorrow\b", low) and re.search(event, low):
        return (2.0,)
    if re.search(rf"\b{event}\b[^.?!]{{0,30}}\btomorrow\b|\btomorrow\b[^.?!]{{0,20}}\b{event}", low) and \
            not re.search(r"\b(?:pay|send|confirm|call|email|text|sign|transfer)\w*\b[^.?!]{0,25}\btomorrow\b", low):
        return (1.0,)
    if re.search(r"\btonight\b|\b(?:for|on|by) today\b|\btoday\?", low):
        return (0.0,)
    if (now := _TODAY_ORDINAL.search(low)) and (days := [int(m.group(1)) for m in _ORDINAL.finditer(low[:now.start()] + " " + low[now.end():])]):
        later = [d - int(now.group(1)) for d in days if int(now.group(1)) < d <= 31]  # "it's the 14th, today's the 3rd": 11 days
        return (float(later[0]),) if len(later) == 1 else ()
    return ()


_TODAY_ORDINAL = re.compile(r"\btoday(?:'s| is)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


# --- a booking calendar ---------------------------------------------------------------------------
_BOOKED = re.compile(r"\b(?:booked|reserved|taken|full|unavailable|not available|blocked|closed|sold out|no availability)\b", re.I)
_OPEN = re.compile(r"\b(?:open|available|free)\b", re.I)
_PART = re.compile(r"\b(?:am|pm|morning|afternoon|evening|eve|night|lunch|dinner|brunch|day ?time|until|after|before)\b|\d\s?(?:a|p)\b", re.I)


def calendar(book: FactBook) -> dict[date, tuple[str, tuple[str, str]]]:
    """{date: ("open" | "booked" | "partial", the fact)} of the facts' calendar entries. Memoized."""
    if "calendar" not in book.memo:
        out: dict[date, tuple[str, tuple[str, str]]] = {}
        slots: dict[date, dict[int, str]] = {}
        for key, value in book.facts.items():
            days = dates_in(human_key(key)) or (dates_in(value) if len(value) < 80 else [])
            if len(days) != 1:
                if not dates_in(human_key(key)) and "\n" in value:  # one line per date: "2025-10-19: lunch open, dinner BOOKED (Carter)"
                    for line in value.splitlines():
                        _calendar_line(line, (key, value), out, book.memo.setdefault("named_slots", {}))
                continue
            status = _status(value)
            if status in ("open", "booked") and (hour := re.search(r"(?<![\d-])(\d{1,2}):\d{2}\b", human_key(key))):
                slots.setdefault(days[0], {})[int(hour.group(1))] = status  # "slots.2025-06-28.11:00": "booked"
            if status and days[0] in out and out[days[0]][0] != status:
                status = "partial"  # {"2025-06-28": {"11:00": "booked", "17:00": "open"}}: slots of one day
            if status:
                out[days[0]] = (status, (key, value))
        today = facts_today(book)
        for key, value in book.facts.items():  # "Booked: Jun 6, Jun 7, Jun 21. All other dates available."
            _booked_list(key, value, out, today.year if today else date.today().year)
        book.memo["calendar"] = out if len(out) >= 2 else {}
        book.memo["slots"] = slots
    return book.memo["calendar"]


_NAMED_SLOT = re.compile(r"\b(lunch|dinner|brunch|morning|afternoon|evening|am|pm)\b(?:\s+slot)?[^,;:\n]{0,15}?\b"
                         r"(booked|reserved|taken|open|available|free)\b", re.I)


def _status(text: str) -> Optional[str]:
    """"partial", "booked" or "open" as a calendar entry's text says, or None."""
    booked, free = _BOOKED.search(text), _OPEN.search(text)
    return "partial" if booked and free else "booked" if booked else "open" if free else None


def _calendar_line(line: str, fact: tuple[str, str], out: dict, named: dict) -> None:
    days = dates_in(line)
    if len(days) != 1:
        return
    for m in _NAMED_SLOT.finditer(line):  # "lunch BOOKED (Nguyen), dinner open"
        named.setdefault(days[0], {})[m.group(1).lower()] = "open" if _OPEN.match(m.group(2)) else "booked"
    if status := _status(line):
        out[days[0]] = (status, (fact[0], line.strip()))


_BOOKED_LIST = re.compile(r"\b(?:booked|reserved|taken|unavailable|blocked|reservad[oa]s?|ocupad[oa]s?|r[ée]serv[ée]s?|"
                          r"complets?)\s*(?:dates|days|d[ií]as|fechas|jours)?\s*:\s*([^.\n]+)", re.I)
_ALL_OTHER = re.compile(r"\b(?:all|every) other (?:dates?|days?)\b[^.\n]*\b(?:available|open|free)\b|"
                        r"\bdem[aá]s (?:d[ií]as|fechas)\b[^.\n]*\b(?:disponibles|libres)\b|\bautres (?:dates|jours)\b[^.\n]*\bdisponibles\b", re.I)
_BOOKED_KEY = re.compile(r"\b(?:booked|reserved|unavailable|blocked|taken)\b", re.I)
_ARE_BOOKED = re.compile(r"\b(?:are|is) (?:all )?(?:booked|reserved|taken|unavailable)\s*\.?\s*$", re.I)


def _booked_list(key: str, value: str, out: dict, default_year: int) -> None:
    """A list of the booked dates of a month, maybe with "all other dates available": "calendar_june_2025":
    "Booked: Jun 6, Jun 13, Jun 21. All other dates available."; "Reservado: 2, 9, 16, 23." under "calendario_agosto_2025"."""
    m = _BOOKED_LIST.search(value)
    if not m and (_BOOKED_KEY.search(human_key(key)) or _ARE_BOOKED.search(value)):
        m = re.match(r"\s*(.+?)(?:\s+(?:are|is)\s+(?:all\s+)?(?:booked|reserved|taken|unavailable))?\s*\.?\s*$", value, re.I | re.S)
    if not m:
        return
    where = f"{human_key(key)} {value}"
    year = _YEAR.search(where)
    listed = dates_in(m.group(1)) or dates_in(m.group(1), int(year.group(1)) if year else default_year)
    if len(listed) >= 2:  # "2026-12-05; 2026-12-12", "December 5, December 12 are booked": the rest of those months is open
        _fill(listed, (key, value), out)
        return
    month = next((i + 1 for i, name in enumerate(_MONTHS) if re.search(rf"\b{name[:3]}", where, re.I)), None) or \
        next((n for name, n in _OTHER_MONTHS.items() if re.search(rf"\b{name}\b", where, re.I)), None)
    if not year or not month:
        return
    y = int(year.group(1))
    booked = set(dates_in(m.group(1), y))
    if not booked and re.fullmatch(r"[\d\s,y&and]+", m.group(1).strip(), re.I):  # bare days of the month
        booked = {x for d in re.findall(r"\d{1,2}", m.group(1)) if (x := _make(y, month, int(d)))}
    if not booked:
        return
    _fill(booked, (key, value), out)


def _fill(booked, fact: tuple[str, str], out: dict) -> None:
    """The booked dates of a list, and every other day of their months open (a list of booked dates leaves the rest free)."""
    for d in booked:
        out[d] = ("booked", fact)
    for y, mo in {(d.year, d.month) for d in booked}:
        for day in range(1, 32):
            if (x := _make(y, mo, day)) and x not in out:
                out[x] = ("open", fact)


_SAYS_OPEN = re.compile(r"\b(?:is|are|looks|'s) (?:still |currently |totally |completely |wide )*(?:open|available|free)\b|\bwide open\b|"
                        r"\b(?:works|we can do|we have (?:it|that date|availability))\b|\bopen (?:on|for)\b|"
                        r"\b(?:est[aá]n?|sigue|siguen|quedan?)\s+(?:todav[ií]a\s+|a[uú]n\s+)?(?:disponibles?|libres?)\b|\b(?:est|sont)\s+(?:encore\s+)?(?:disponibles?|libres?)\b|"
                        r"\btenemos disponibilidad\b", re.I)
_SAYS_BOOKED = re.compile(r"\b(?:is|are|'s) (?:already |fully )?(?:booked|reserved|taken|full|unavailable)\b|\bbooked (?:for|up)\b|"
                          r"\b(?:no|don'?t have) availability\b|\bnot available\b|"
                          r"\b(?:est[aá]n?|queda)\s+(?:ya\s+)?(?:reservad[oa]s?|ocupad[oa]s?|tomad[oa]s?)\b|\bya (?:est[aá] )?reservad[oa]\b|"
                          r"\b(?:est|sont)\s+(?:d[ée]j[aà]\s+)?(?:r[ée]serv[ée]e?s?|complets?|pris)\b|\bno (?:est[aá]|hay) disponib", re.I)
_NOT_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bno longer)\W+(?:\w+\W+){0,3}$", re.I)
_ALL_DAY = re.compile(r"\ball day\b|\bwide open\b|\bentire(?:ly)? (?:day|open)\b|\bcompletely (?:open|free)\b|\bfully (?:open|available)\b", re.I)


def calendar_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    """Whether a date of the facts' calendar is open, booked, or booked for part of the day."""
    cal = calendar(book)
    if not cal:
        return []
    years = sorted({d.year for d in cal})  # a calendar across New Year: "January 3" is the next one
    asked = _in_calendar(question, cal, years)
    out = []
    for s in sentences:
        # "fully booked on June 14, but June 21 is wide open": each date with the part of the sentence that names it
        for part in re.split(r"\bbut\b|;|\bwhile\b|\bwhereas\b|\binstead\b", s):
            out += _calendar_part(part, s, cal, years, asked, book.memo["slots"], book.memo.get("named_slots", {}))
    return out


def _in_calendar(text: str, cal: dict, years: list[int]) -> list[date]:
    return list(dict.fromkeys(d for y in years for d in dates_in(text, y) if d in cal))


_HOUR = re.compile(r"\b(\d{1,2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\bat (\d{1,2})(?::\d{2})?\b(?!\s*(?:guests|people|%))", re.I)


def _slot(part: str, slots: dict[int, str]) -> Optional[str]:
    """The status of the one time slot ``part`` names ("June 28 at 11am is open"), if the day has slots."""
    hours = set()
    for m in _HOUR.finditer(part):
        h = int(m.group(1) or m.group(3))
        pm = (m.group(2) or "").lower().startswith("p")
        hours.add(h + 12 if pm and h < 12 else h)
    found = {slots[h] for h in hours if h in slots} | {slots[h + 12] for h in hours if h < 12 and h not in slots and h + 12 in slots}
    return found.pop() if len(found) == 1 else None


def _named_slot(part: str, named: dict[str, str]) -> Optional[str]:
    """The status of the one named slot ("dinner") ``part`` speaks of."""
    found = {named[w.lower()] for w in re.findall(r"\b(lunch|dinner|brunch|morning|afternoon|evening)\b", part, re.I) if w.lower() in named}
    return found.pop() if len(found) == 1 else None


def _calendar_part(part: str, s: str, cal: dict, years: list[int], asked: list, slots: dict, named: dict) -> list[Claim]:
    """The claim one part of sentence ``s`` makes about a calendar date it names (or the one date asked)."""
    said = _in_calendar(part, cal, years) or (asked[:1] if len(asked) == 1 and re.search(
        r"\b(?:that|this|the) (?:date|day)\b|\bit'?s\b|\bwe'?re\b", part, re.I) else [])
    if not said:
        return []
    status, fact = cal[said[0]]
    clauses = re.split(r"[,;:—–]|\bso\b|\band\b", part)  # "June 21 isn't booked yet, so it's available"
    opened = any(_SAYS_OPEN.search(c) and not negated(c) for c in clauses)
    booked = any((b := _SAYS_BOOKED.search(c)) and not _NOT_BEFORE.search(c[:b.start()]) or _SAYS_OPEN.search(c) and negated(c)
                 for c in clauses)  # "sorry, June 28 is booked" is booked; "not that June 28 is booked" is not
    if not opened and not booked:
        return []
    wrong = (status == "booked" and opened or status == "open" and booked and not opened or
             status == "partial" and (opened and _ALL_DAY.search(part) or booked and not opened and not _PART.search(s)))
    if status == "partial" and (slot := _slot(part, slots.get(said[0], {})) or _named_slot(part, named.get(said[0], {}))):
        wrong = slot == "booked" and opened and not booked or slot == "open" and booked and not opened
    reason = f"the facts' calendar for {said[0].strftime('%B %-d')}: {cite(fact)}"
    return [make_claim(s, "booking", "contradicted" if wrong else "supported", reason, ("calendar", str(said[0])))]


# --- a date written into a record ------------------------------------------------------------------
def _days_given(book: FactBook) -> set[tuple[int, int]]:
    """(month, day) of every date the facts name, memoized (read only when an answer writes a "Date:" field)."""
    if "days_given" not in book.memo:
        book.memo["days_given"] = {(d.month, d.day) for text in book.facts.values() for d in dates_in(text, 2000)}
    return book.memo["days_given"]


# "Date: Oct 18", and a JSON record's "event_date": "2026-10-18"
_RECORD_DATE = guarded(r"\b(?:date|fecha|event[ _]date|event|date de l'[ée]v[ée]nement|datum|data)[\"']?\s*[:=]\s*[\"']?([^|\n;\"']{3,40})", re.I)


def record_date_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    """"Date: Oct 18" in a CRM or lead record when the customer said "in the fall": a record field holds
    what the customer or the facts said, so a date neither gives is invented."""
    out, known = [], None
    for s in sentences:
        for m in _RECORD_DATE.finditer(s):
            said = dates_in(m.group(1), 2000)
            if said and known is None:  # read the facts' and the question's dates only for an answer that writes one
                known = _days_given(book) | {(d.month, d.day) for d in dates_in(question, 2000)}
            if said and all((d.month, d.day) not in known for d in said):
                out.append(make_claim(s, "booking", "unsupported",
                                      f"neither the customer nor the facts give {m.group(1).strip()}", ("record_date",)))
    return out


# --- the weekday of a date ------------------------------------------------------------------------
_DAY_NAME = r"(" + "|".join(sorted(_DAY_FORMS, key=len, reverse=True)) + r")\.?"
# "Saturday, June 20", "Sat Jun 20 2026", "sábado 15 de agosto"; "December 31, 2026 falls on a Wednesday", "June 20 (Sat)"
_BEFORE = re.compile(_DAY_NAME + r",?\s+(?:the\s+|el\s+)?$", re.I)
_AFTER = re.compile(r"^\s*(?:\(|,\s*(?:which is\s+|a\s+)?|\s*(?:is|falls on|lands on|will be|cae en|es)\s+(?:a\s+|an\s+|un\s+)?)" + _DAY_NAME + r"\b", re.I)
_ANY_DATE = re.compile(rf"{_ISO_DATE.pattern}|{_WORD_DATE.pattern}|{_DAY_MONTH.pattern}", re.I)
_ANY_DAY_NAME = guarded(_DAY_NAME, re.I)  # what both _BEFORE and _AFTER need


def _said_weekdays(text: str, question: str, book: FactBook) -> Iterator[tuple[date, int]]:
    """(date, weekday number) for each date ``text`` names a weekday of, when the date's year is known."""
    if not _ANY_DAY_NAME.search(text):
        return
    for m in _ANY_DATE.finditer(text):
        named = _BEFORE.search(text[max(0, m.start() - 14):m.start()]) or _AFTER.match(text[m.end():m.end() + 24])
        if named and (year := _known_year(m.group(0), question, book)) and (found := dates_in(m.group(0), year)):
            yield found[0], _DAY_FORMS[named.group(1).lower()]


def weekday_date_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    """"December 31, 2026 falls on a Wednesday" (a Thursday): a weekday said of a date must be its weekday.
    Judged only with the date's year known (written with it, or a year the question or the facts give)."""
    out = []
    for s in sentences:
        for day, said in _said_weekdays(s, question, book):
            if day.weekday() != said and (day, said) not in _facts_pairs(book):
                out.append(make_claim(s, "booking", "contradicted", f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()].title()}, "
                                      f"not a {_WEEKDAYS[said].title()}", ("weekday", day.isoformat())))
    return out


def _known_year(said: str, question: str, book: FactBook) -> Optional[int]:
    for text in (said, question):
        if y := _YEAR.search(text):
            return int(y.group(1))
    today = facts_today(book)
    if today is not None:
        return today.year
    years = {int(y) for v in book.facts.values() for y in _YEAR.findall(v)}
    return years.pop() if len(years) == 1 else None


def _facts_pairs(book: FactBook) -> set:
    """(date, weekday) pairs the facts themselves write: restating them is not the answer's error."""
    if "weekday_pairs" not in book.memo:
        book.memo["weekday_pairs"] = {pair for v in book.facts.values() for pair in _said_weekdays(v, "", book)}
    return book.memo["weekday_pairs"]


# --- a deadline counted back from the event date ---------------------------------------------------
#: read in digitized facts ("seven days" is "7 days"); only "a", "an" and "one" stay words
_LEAD = re.compile(r"\b(\d+|one|an?)[\s-]?(days?|hours?|hrs?|weeks?)(?:'|’)?\s*(?:notice\s+)?"
                   r"(?:before|prior to|ahead of|in advance of|antes de)\s+(?:the\s+|your\s+|el\s+|la\s+|tu\s+)?"
                   r"(?:event|party|date|booking|celebration|dinner|fiesta|evento)", re.I)
_TOPICS = (("balance", r"balance|remaining|final payment|paid in full|pay(?:ment)? in full|saldo|resto"),
           ("count", r"head ?count|guest count|final count|final numbers|number of guests|conteo"),
           ("menu", r"menu|protein|selection|choices|order"),
           ("cancel", r"cancel|refund|reembols|cancela"),
           ("deposit", r"deposit|dep[oó]sito"))


def _topics(text: str) -> set[str]:
    return {name for name, rx in _TOPICS if re.search(rx, text, re.I)}


def _event_date(question: str, book: FactBook) -> Optional[tuple[date, bool]]:
    """The one date the question names, with a year chosen so that a weekday it gives holds ("Saturday, June 14"
    is 2025's); (date, whether a weekday fixed the year)."""
    year = _known_year(question, question, book)
    found = {(m.group(0), m.start(), m.end()) for m in _ANY_DATE.finditer(question)}
    if len(found) != 1:
        return None
    said, a, b = found.pop()
    named = _BEFORE.search(question[max(0, a - 14):a]) or _AFTER.match(question[b:b + 24])
    if year:
        got = dates_in(said, year)
        return (got[0], bool(named)) if got else None
    for y in range(2024, 2036) if named else (2025,):
        got = dates_in(said, y)
        if got and (not named or got[0].weekday() == _DAY_FORMS[named.group(1).lower()]):
            return got[0], bool(named)
    return None


def deadline_date_claims(sentences: list[str], book: FactBook, question: str) -> list[Claim]:
    """"The balance is due 48 hours before the event, which would be Friday, June 13" for a party on
    Saturday, June 14: a date counted back from the event must be the event date less the facts' lead."""
    rules = []
    for key, seg in book.segments_with(_LEAD.pattern):
        for m in _LEAD.finditer(seg):
            n = int(m.group(1)) if m.group(1).isdigit() else COUNT_WORDS[m.group(1).lower()]
            unit = m.group(2).lower()
            days = n * 7 if unit.startswith("week") else n if unit.startswith("day") else n / 24 if n % 24 == 0 else None
            if days and (topics := _topics(seg[:m.start()] + " " + human_key(key))):
                rules.append((days, topics, (key, seg)))
    if not rules:
        return []
    event = _event_date(question, book)
    if event is None:
        return []
    day, weekday_known = event
    for s in sentences:
        said = _topics(s)
        wanted = [(r, day - timedelta(days=r[0])) for r in rules if r[1] & said]
        if not wanted or negated(s):
            continue
        rule, want = wanted[0]
        for m in _ANY_DATE.finditer(s):
            got = dates_in(m.group(0), day.year)
            if not got or got[0] == day or any(abs((got[0] - w).days) <= (1 if re.search(r"before\s*$", s[:m.start()]) else 0) for _, w in wanted):
                continue
            weekday = f"{want:%A}, " if weekday_known else ""
            return [make_claim(s, "booking", "contradicted", f"{cite(rule[2])}: {rule[0]:g} days before {day:%B} {day.day} is "
                               f"{weekday}{want:%B} {want.day}", ("deadline", got[0].isoformat()))]
    return []


# --- dates the business does not work -----------------------------------------------------------------
_BLACKOUT_FACT = re.compile(r"blackout|black-out|\bclosed\b|\bno (?:events?|bookings?|parties|service)\b|\bnot available\b|\bunavailable\b|"
                            r"\b(?:do not|don'?t|never) (?:book|work|operate|cater)\b|\bdark (?:days|dates)\b|\bcerrado\b", re.I)
_HOLIDAY_DATES = (("christmas eve", 12, 24), ("christmas day", 12, 25), ("christmas", 12, 25), ("new year'?s eve", 12, 31),
                  ("new year'?s day", 1, 1), ("july 4(?:th)?|4th of july|fourth of july|independence day", 7, 4),
                  ("nochebuena", 12, 24), ("navidad", 12, 25), ("halloween", 10, 31), ("valentine'?s day", 2, 14))
_HOLIDAY_RX = [(re.compile(rf"\b(?:{rx})\b", re.I), mo, d) for rx, mo, d in _HOLIDAY_DATES]
_DAY_SPAN = re.compile(rf"\b({'|'.join(m[:3] for m in _MONTHS)})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|thru)\s*(\d{{1,2}})\b", re.I)
_BOOKS_IT = re.compile(r"\b(?:lock (?:it|that|the date) in|book(?:ed|ing)?|reserve|hold (?:it|the date|that date)|works|is fine|available|open|"
                       r"we can|we'?d love to|happy to|sure|yes|absolutely|of course|no problem|plenty of (?:notice|time)|great (?:day|date|size))\b", re.I)


def _month_days(text: str) -> set[tuple[int, int]]:
    """(month, day) pairs a text names: "July 4", "December 24–25", "Christmas Eve", "7/4" is left out (ambiguous)."""
    out = {(x.month, x.day) for x in dates_in(text, 2000)} - {(x.month, x.day) for x in _slash_only(text)}
    for m in _DAY_SPAN.finditer(text):
        month = [x[:3] for x in _MONTHS].index(m.group(1).lower()[:3]) + 1
        lo, hi = int(m.group(2)), int(m.group(3))
        if lo < hi <= 31 and hi - lo <= 14:
            out |= {(month, d) for d in range(lo, hi + 1)}
    seen = text
    for rx, mo, d in _HOLIDAY_RX:
        if rx.search(seen):
            out.add((mo, d))
            seen = rx.sub(" ", seen)  # "Christmas Eve" is not also Christmas Day
    return out


def _slash_only(text: str) -> list[date]:
    return [x for m in _SLASH_DATE.finditer(_ISO_DATE.sub(" ", text)) if (x := _make(2000, int(m.group(1)), int(m.group(2))))]


def blackout_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A date the facts close ("No events July 4 or December 24–25", "blackout dates: Christmas Eve")
    offered as bookable: "July 4th is a busy one, so I'd lock it in soon"."""
    if "blackout" not in book.memo:
        found: dict[tuple[int, int], tuple[str, str]] = {}
        for key, seg in book.segments:
            for clause in re.split(r"(?<=[.;])\s", seg):
                if _BLACKOUT_FACT.search(f"{human_key(key)}: {clause}") and not re.search(r"\bexcept\b|\bunless\b|\bonly on\b", clause, re.I):
                    for md in _month_days(clause):
                        found.setdefault(md, (key, seg))
        book.memo["blackout"] = found
    closed = book.memo["blackout"]
    out = []
    for s in sentences if closed else ():
        for clause in re.split(r"[;—–]|\bbut\b|\bpero\b|(?<=[.!?])\s", s):
            said = _month_days(clause) & set(closed)
            if said and _BOOKS_IT.search(clause) and not negated(clause) and not re.search(r"blackout|closed|\bsorry\b|\bother than\b|\bexcept\b", clause, re.I):
                md = min(said)
                out.append(make_claim(s, "booking", "contradicted", f"the facts close {_MONTHS[md[0] - 1].title()} {md[1]} ({cite(closed[md])})",
                                      ("blackout", md)))
                break
    return out

