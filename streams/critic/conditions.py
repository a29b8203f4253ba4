"""Conditions an answer can get wrong without a wrong number.

Every check is ``(sentences, book) -> list[Claim]``, pure, and returns claims only for sentences
it can judge:

- ``boundary_claims``: an inclusive day threshold ("7 or more days", "at least 7 days") restated
  as exclusive ("more than 7 days"), or the reverse, and "exactly N days" given the wrong outcome.
- ``clock_claims``: clock times against a time window in the facts ("12:00 pm–9:00 pm"): a
  different closing time ("we serve until 11 pm") or a time outside the window called fine.
- ``antonym_claims``: a setting the facts require ("outdoor cooking only", "garage with the door
  open") affirmed in its opposite ("indoors", "a closed garage").
- ``uncovered_claims``: setup requirements (what the customer must have ready, what the chef
  brings) stated when no fact covers setup at all.
"""

from __future__ import annotations

import re
from typing import Optional

from schemas.context import human_key

from .claim import Claim
from .facts import FactBook
from .fold import Folded
from .numbers import COUNT_WORDS, DOLLARS, close, dollar_values, localize, money
from .policies import BUT_CLAUSES, cite, make_claim, negated

_I = re.I

# --- day boundaries ----------------------------------------------------------------------------------
_INCL_DAYS = Folded(r"(\d+)\s?(?:\+|or more|or longer|o m[aá]s)\s?(?:business |calendar )?(?:days?|d[ií]as)|"
                        r"at least (\d+)\s(?:business |calendar )?days?|(\d+) days? or more|al menos (\d+) d[ií]as|"
                        r"no later than (\d+) days?")
_EXCL_DAYS = Folded(r"(?:more than|over|longer than|m[aá]s de) (\d+)\s(?:business |calendar )?(?:days?|d[ií]as)")
_EXACTLY = Folded(r"\bexactly (\d+)\s(?:days?|d[ií]as)|\bexactamente (\d+) d[ií]as")
_LOSES = Folded(r"no longer|not (be )?(refundable|refunded|eligible)|non-?refundable|doesn'?t (qualify|count)|"
                    r"won'?t (qualify|count|get)|forfeit|lose|no refund|too late|ya no")
_KEEPS = Folded(r"still (qualif|count|get|eligible|refund)|qualif(y|ies)|you('ll| will)? (still )?get|is refundable|"
                    r"fully refunded|counts|s[ií] (aplica|califica)")


def _first(m: re.Match) -> float:
    return float(next(g for g in m.groups() if g))


def _day_bounds(book: FactBook) -> tuple[set[float], set[float]]:
    if "day_bounds" not in book.memo:
        incl = {_first(m) for _, seg in book.segments for m in _INCL_DAYS.finditer(seg)}
        excl = {_first(m) for _, seg in book.segments for m in _EXCL_DAYS.finditer(seg)}
        book.memo["day_bounds"] = (incl - excl, excl - incl)
    return book.memo["day_bounds"]


_COMPARED = Folded(r"(\d+|a|one|two|three|four|five|six)\s(days?|d[ií]as|weeks?|semanas?|months?|mes(?:es)?)\s"
                   r"(?:out\s|away\s|ahead\s|before\s|antes\s)?(?:(?:is|are|es|son)\s(?:well\s|still\s|comfortably\s|clearly\s)?|"
                   r"(?:out|away|ahead|before|antes)\s?[—–,-]\s?(?:that'?s\s|which is\s|so\s)?)$")  # "cancelling 20 days out — more than 14 days before"


_YOU_ARE = Folded(r"\b(you'?re|you are|we'?re|we are|est[aá]s|estamos|faltan|quedan)\s(?:still\s|already\s|well\s|a[uú]n\s|todav[ií]a\s)?$")


def _compared(before: str, n: float) -> bool:
    """"since 10 days is more than 7 days out" or "since you're more than 7 days out" weighs the
    customer's own timing against the boundary; it does not restate the boundary."""
    m = _COMPARED.search(before)
    if m:  # "since 2 weeks is more than 7 days": the customer's 14 days
        count = COUNT_WORDS.get(m.group(1).lower()) or float(m.group(1))
        unit = m.group(2).lower()
        days = count * (7 if unit.startswith(("week", "semana")) else 30 if unit.startswith(("month", "mes")) else 1)
        if days != n:
            return True
    return bool(_YOU_ARE.search(before))


def boundary_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    incl, excl = _day_bounds(book)
    if not incl and not excl or not re.search(r"\bdays?\b|\bd[ií]as?\b", " ".join(sentences), _I):
        return []
    out = []
    for i, s in enumerate(sentences):
        lead = f"{sentences[i - 1]} — " if i else ""  # a fragment cut at a dash: "20 days out — more than 14 days before"
        for m in _EXCL_DAYS.finditer(s):
            n = _first(m)
            if n in incl and not _compared(s[:m.start()] or lead, n):
                out.append(make_claim(s, "policy", "contradicted", f"the facts say {n:g} or more days, not more than {n:g}",
                                      ("boundary", n, "excl")))
        for m in _INCL_DAYS.finditer(s):
            n = _first(m)
            if n in excl and not _compared(s[:m.start()] or lead, n):
                out.append(make_claim(s, "policy", "contradicted", f"the facts say more than {n:g} days, not {n:g} or more",
                                      ("boundary", n, "incl")))
        for m in _EXACTLY.finditer(s):
            n, rest = _first(m), s
            if n in incl and _LOSES.search(rest) and not _KEEPS.search(rest):
                out.append(make_claim(s, "policy", "contradicted", f"exactly {n:g} days meets the facts' {n:g}-or-more-day rule",
                                      ("boundary", n, "exact")))
            elif n in excl and _KEEPS.search(rest) and not _LOSES.search(rest):
                out.append(make_claim(s, "policy", "contradicted", f"the facts require more than {n:g} days",
                                      ("boundary", n, "exact")))
    return out


# --- clock windows ----------------------------------------------------------------------------------
_CLOCK = Folded(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\b\.?|\b(noon|midnight|mediod[ií]a|medianoche)\b")
_RANGE = Folded(r"\b(\d{1,2})(?::(\d{2}))?\s?(?:([ap])\.?\s?m\.?)?\s?(?:[–—-]|to|and|until|till|a|y)\s?"
                    r"(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\b")
_UNTIL = Folded(r"\b(?:until|till|til|up to|as late as|no later than|ends? at|hasta( las)?)\s+$")
_SETUP = Folded(r"arriv|set ?up|setup|llega|montaje")
_OUTSIDE = Folded(r"outside|too (late|early)|past our|after our(?!\s+(?:[\d:.]+\s*[ap]\.?m\.?\s+)?(?:earliest\s+)?(?:start|opening))|"
                  r"before our(?!\s+(?:[\d:.]+\s*[ap]\.?m\.?\s+)?(?:latest\s+)?(?:cutoff|cut-off|deadline|end|curfew|limit|closing|close))|"
                  r"earlier|later than|fuera de|demasiado")
_FINE = Folded(r"\b(fine|works?|ok|okay|fits?|within|no problem|yes|sure|available|perfect|great|can do|we can|as early as|"
                   r"we serve|we cook|we'?ll be|bien|funciona|perfecto|s[ií]|parfait|[çc]a marche|pas de probl[èe]me|oui|"
                   r"passt|geht|kein problem|perfeito|sim|va bene)\b")


def clock_minutes(h: str, mm: Optional[str], ap: Optional[str]) -> float:
    """Minutes after midnight of "5:15 pm"; without am/pm, on the 12-hour dial ("17:00" and "5:00" are 300)."""
    hour = int(h) % 12
    if ap and ap.lower() == "p":
        hour += 12
    return hour * 60 + int(mm or 0)


_OPEN_START = Folded(r"(?:at or after|no earlier than|not before|(?:start|begin)s? after|after)\s+$")
_OPEN_END = Folded(r"(?:at or before|no later than|(?:end|finish)(?:es|ed)? by|(?:be )?done by|before)\s+$")


def _range_minutes(m) -> tuple[float, float]:
    """(start, end) in minutes of a ``_RANGE`` match: "9-11 am" shares the end's am/pm, and "9-5 pm" starts at 9 am."""
    end = clock_minutes(m.group(4), m.group(5), m.group(6))
    start = clock_minutes(m.group(1), m.group(2), m.group(3) or m.group(6))
    if start > end and not m.group(3):
        start = clock_minutes(m.group(1), m.group(2), "a")
    return start, end


def clock_windows(book: FactBook) -> list[tuple[float, float, tuple[str, str]]]:
    """Clock windows of the facts: "events start between 11 am and 8 pm", and open-ended ones:
    "outdoor events must start at or after 6:00 PM" is 6 pm to midnight."""
    if "windows" not in book.memo:
        found = []
        for key, text in sorted(book.facts.items()):
            ranged = []
            for m in _RANGE.finditer(text):
                start, end = _range_minutes(m)
                found.append((start, end, (key, text)))
                ranged.append((m.start(), m.end()))
            for m in _CLOCK.finditer(text):
                if m.group(4) or any(a <= m.start() < b for a, b in ranged):
                    continue
                v = clock_minutes(m.group(1), m.group(2), m.group(3))
                before = text[max(0, m.start() - 30):m.start()]
                if _OPEN_START.search(before):
                    found.append((v, 24 * 60, (key, text)))
                elif _OPEN_END.search(before):
                    found.append((0, v, (key, text)))
        book.memo["windows"] = found
    return book.memo["windows"]


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(ene|abr|ago|dic)[a-z]*\b")  # on lower-cased text
_SPANISH_MONTH = {"ene": "jan", "abr": "apr", "ago": "aug", "dic": "dec"}


def _months_in(text: str) -> list[str]:
    return [m.group(1) or _SPANISH_MONTH[m.group(2)] for m in _MONTH.finditer(text.lower())]


def _season(seg: str) -> Optional[set[str]]:
    """The months a fact limits itself to ("June through September", "Jun-Sep"), if it names a range."""
    months = _months_in(seg)
    if len(months) < 2:
        return set(months) or None
    a, b = _MONTHS.index(months[0]), _MONTHS.index(months[1])
    return {_MONTHS[(a + k) % 12] for k in range((b - a) % 12 + 1)}


def _said_times(s: str) -> list[tuple[float, bool, int, int]]:
    """(minutes, stated as an end time?, start, end) for every clock time with am/pm in ``s``."""
    out = []
    for m in _CLOCK.finditer(s):
        if m.group(4):
            word = m.group(4).lower()
            v = 12 * 60 if word in ("noon", "mediodía", "mediodia") else 24 * 60
        else:
            v = clock_minutes(m.group(1), m.group(2), m.group(3))
        out.append((v, bool(_UNTIL.search(s[max(0, m.start() - 20):m.start()])), m.start(), m.end()))
    for m in _CLOCK_24.finditer(s):
        v = int(m.group(1)) * 60 + int(m.group(2) or m.group(3) or 0)
        out.append((v, bool(_UNTIL.search(s[max(0, m.start() - 20):m.start()])), m.start(), m.end()))
    return out


_LATEST = re.compile(r"\blatest\b|last start|no later than|(?:start|begin)s? by|au plus tard|sp[äa]testens|m[aá]s tarde|"
                     r"\bat the latest\b", re.I)
_EARLIEST = re.compile(r"\bearliest\b|no earlier than|au plus t[ôo]t|fr[üu]hestens|m[aá]s temprano", re.I)
_STARTING = re.compile(r"start|begin|d[ée]but|commenc|beginn|comienz|inicio|empez|serving|dinner|service", re.I)
_FACT_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2})|\s?h(?![a-zà-ü])\s?(\d{2})?)?\s?(?:([ap])\.?\s?m\b)?", re.I)  # not "2 hours"
# "20:00", "20 h", "20h30", "20 h 00": a 24-hour time in an answer (13:00 and later only; "8:00" is either)
_CLOCK_24 = re.compile(r"\b(1[3-9]|2[0-3])(?::([0-5]\d)|\s?h(?:\s?([0-5]\d))?)(?!\s?[ap]\.?\s?m\b)(?![\d:])", re.I)


_QUALIFIED_START = re.compile(r"week ?days?|week ?ends?|weeknights?|summer|winter|spring|fall|autumn|season|holiday|as late as|as early as|with notice|"
                             r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bexcept\b|\bunless\b", re.I)


def start_limits(book: FactBook) -> list[tuple[float, float, tuple[str, str]]]:
    """The facts' latest and earliest start as windows: "latest_start": "19:30" is midnight to 7:30 pm,
    "début au plus tôt: 11 h" 11 am to midnight. A 24-hour time before noon is read as morning only
    for an earliest start ("latest start: 7:30" is likely 7:30 pm, so it is no limit)."""
    if "start_limits" not in book.memo:
        found = []
        for key, whole in sorted(book.facts.items()):
            if _QUALIFIED_START.search(whole):
                continue  # "Latest start 7 pm on weekdays; 9 pm on weekends", "… Friday events can start as late as 9 pm"
            for text in re.split(r"(?<=\.)\s+|\n", whole):  # "Latest start 7 pm. Chef arrives 1 hour before start."
                said = f"{human_key(key.replace('.', ' '))} {text}"  # "LatestStart": "19:30"
                late, early = _LATEST.search(said), _EARLIEST.search(said)
                if bool(late) == bool(early) or not _STARTING.search(said):
                    continue
                times = [m for m in _FACT_CLOCK.finditer(text) if m.group(2) or m.group(4) or m.group(3) or "h" in m.group(0).lower()]
                if len(times) != 1:
                    continue
                m = times[0]
                h, mm, ap = int(m.group(1)), m.group(2) or m.group(3) or "0", m.group(4)
                if h > 23 or int(mm) > 59:
                    continue
                v = clock_minutes(str(h), mm, ap) if ap else h * 60 + int(mm)
                if late and not ap and h < 12:
                    continue
                found.append((0.0, float(v), (key, text)) if late else (float(v), 24 * 60.0, (key, text)))
        if found:  # the earliest and the latest start make one window
            lo, hi = max(w[0] for w in found), min(w[1] for w in found)
            found = [(lo, hi, next(w[2] for w in found if w[1] == hi))] if lo <= hi else []  # cites the latest start
        book.memo["start_limits"] = found
    return book.memo["start_limits"]


_START_WORD = re.compile(r"\b(?:start|starts|starting|begin|begins|beginning|kick ?off|d[ée]but|commencer|anfangen|beginnen|empezar|comenzar)\b", re.I)
_NOT_START = re.compile(r"until|till|through|\bend|finish|done|wrap|arriv|late ?comers?|before|after|fireworks|guests? (?:can|come)", re.I)


def _said_as_start(s: str, a: int, b: int, asked: frozenset = frozenset()) -> bool:
    """The time at s[a:b] is the event's start: "a 7 pm start", "start at 20:00"; or the one time of the sentence is the
    start the question asks about ("can we start at 20 h?" → "20 h, c'est parfait")."""
    near = s[max(0, a - 30):min(len(s), b + 12)]
    if _NOT_START.search(s[max(0, a - 25):a]) or _HEDGE_TEAM.search(s):
        return False
    times = _said_times(s)
    return bool(_START_WORD.search(near)) or len(times) == 1 and times[0][0] in asked and not _NOT_START.search(s)


_HEDGE_TEAM = re.compile(r"\bif the team|approv|exception|check with|confirm with", re.I)


_ASKED_EVENT = re.compile(r"\b(?:can|could) (?:we|i|you) (?:do|have|book|schedule|hold|host|plan)\b|\b(?:brunch|lunch|dinner)\b", re.I)
_BARE_CLOCK = re.compile(r"\b(1[0-2]|[1-9]):([0-5]\d)\b(?!\s?[ap]\.?\s?m\b)", re.I)


def _asked_starts(q: str) -> frozenset:
    """The start times the question asks about ("can we start at 8 pm?", "can we do a 10 am brunch?");
    a time without am or pm ("start at 8:30") is either."""
    out = {v for v, _, a, _ in _said_times(q) if _START_WORD.search(q[max(0, a - 25):a + 20]) or
           _ASKED_EVENT.search(q[max(0, a - 25):a + 20]) and not _NOT_START.search(q) and not re.search(r"\bends?\b|leave|over by|set ?-?up", q, re.I)}
    for m in _BARE_CLOCK.finditer(q):
        if _START_WORD.search(q[max(0, m.start() - 25):m.end() + 20]):
            v = int(m.group(1)) % 12 * 60 + int(m.group(2))
            out |= {v, v + 12 * 60}
    return frozenset(out)


#: "Chef arrives 60 minutes before your start time", "setup begins 1 hour before the event"
_BEFORE_START = re.compile(r"\b(arriv\w*|get(?:s)? there|shows? up|set(?:s)?[\s-]?up|setup|on site)\b[^.;]{0,40}?\b(\d+|an?|one)\s?"
                           r"(minutes?|mins?|hours?|hrs?)\s+(?:before|ahead of|prior to)\s+(?:your |the )?(?:start|event|party|dinner|serving|"
                           r"service|meal|guests? arriv\w*|start time|event start|cooking)", re.I)
_END_WORD = re.compile(r"\b(?:end\w*|finish\w*|wrap\w*|until|till|done|over|runs?|serv\w+|dinner|eat\w*|start\w*|begin\w*|termina\w*)\b", re.I)
_ARRIVE_WORD = re.compile(r"\b(?:arriv\w*|rolls? up|get(?:s)? (?:there|here|to you)|shows? up|be there|be on site|pull up|set(?:s|ting)?[\s-]?up|llega\w*)\b", re.I)


def arrival_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    """"Your chef will arrive at 5:00pm" when the facts say the chef arrives 60 minutes before the
    start and the question's dinner starts at 6:30pm: the arrival is the start less the lead."""
    rule = next(((key, seg, m) for key, seg in book.segments_with(_BEFORE_START.pattern) if (m := _BEFORE_START.search(seg))), None)
    if not rule:
        return []
    q = localize(question)
    starts = [v for v, is_end, _, _ in _said_times(q) if not is_end]
    if (span := _RANGE.search(q)) and int(span.group(1)) <= 12:  # "serving from 6 to 9pm" starts at 6 pm
        ap = span.group(3) or span.group(6)
        first = clock_minutes(span.group(1), span.group(2), ap)
        if not span.group(3) and first > clock_minutes(span.group(4), span.group(5), span.group(6)):
            first = clock_minutes(span.group(1), span.group(2), "a")  # "11 to 2pm" starts at 11 am
        starts = [first]
    if len(set(starts)) != 1:
        return []
    n = rule[2].group(2)
    lead = (int(n) if n.isdigit() else COUNT_WORDS[n.lower()]) * (60 if rule[2].group(3).lower().startswith("h") else 1)
    want = (starts[0] - lead) % (24 * 60)
    for s in sentences:
        if not _ARRIVE_WORD.search(s) or negated(s):
            continue
        times = _said_times(s)
        for v, is_end, a, _ in times:
            if is_end or v in starts or abs(v - want) < 1:
                continue
            span = s[max([0] + [e for _, _, _, e in times if e <= a]):a]  # from the time before
            arrive = list(_ARRIVE_WORD.finditer(span))
            if arrive and not _END_WORD.search(span, arrive[-1].end()) and not re.search(r"\b(?:if|or|by|no later than|latest|before)\s*$", s[max(0, a - 20):a], re.I):
                return [make_claim(s, "policy", "contradicted", f"{cite(rule[:2])}: {lead:g} minutes before "
                                   f"{_clock_text(starts[0])} is {_clock_text(want)}", ("arrival", v))]
    return []


def _clock_text(v: float) -> str:
    h, mnt = divmod(int(v), 60)
    return f"{(h - 1) % 12 + 1}:{mnt:02d} {'pm' if h >= 12 else 'am'}"


def clock_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    starts = start_limits(book)  # judged only for a time said as a start ("a 7 pm start", "start at 20:00")
    q = localize(question)
    asked = _asked_starts(q)  # the start the question asks about
    windows = clock_windows(book) + starts
    if not windows or not re.search(r"\d\s?[ap]\.?\s?m\b|noon|midnight|mediod|medianoche|\b(?:1[3-9]|2[0-3])(?::\d\d|\s?h\b|\s?h\s?\d)",
                                    " ".join(sentences), _I):
        return []
    # a window of some months ("June through September: start at or after 6 PM") holds unless
    # the question or answer names only months outside it
    said_months = set(_months_in(question + " " + " ".join(sentences)))
    windows = [w for w in windows if not said_months or (season := _season(w[2][1])) is None or said_months & season]
    if not windows:
        return []
    ends = {e for _, e, _ in windows}
    out = []
    for s in sentences:
        times = _said_times(s)
        if not times or _SETUP.search(s):
            continue
        ranged = {(m.start(), m.end()) for m in _RANGE.finditer(s)}
        if (moved := _moved_edge(s, windows)) and not negated(s):
            out.append(make_claim(s, "policy", "contradicted", moved[0], ("clock", moved[1], "range")))
            continue
        for v, is_end, a, b in times:
            if any(x <= a < y for x, y in ranged):
                continue  # a restated window is judged by its numbers
            wins = [w for w in windows if w not in starts or _said_as_start(s, a, b, asked)]
            if not wins:
                continue
            if len(wins) < len(windows) and is_end:
                continue
            inside = any(lo <= v <= hi for lo, hi, _ in wins)
            seg = wins[0][2]
            if starts and wins == starts and is_end:
                continue
            if is_end and v not in ends and not negated(s):
                out.append(make_claim(s, "policy", "contradicted", f"the time window ends otherwise ({cite(seg)})", ("clock", v, "end")))
            elif not is_end and not inside and _FINE.search(s) and not negated(s) and not _OUTSIDE.search(s):
                out.append(make_claim(s, "policy", "contradicted", f"that time is outside the window ({cite(seg)})", ("clock", v, "in")))
            elif not is_end and inside and _OUTSIDE.search(s) and v not in ends:
                out.append(make_claim(s, "policy", "contradicted", f"that time is inside the window ({cite(seg)})", ("clock", v, "out")))
    return out


_ANY_CLOCK = re.compile(r"\d\s?[ap]\.?\s?m\b|\bnoon\b|\bmidnight\b|\bmediod[ií]a\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?h\b|"
                        r"\b(?:hours?|horario|start[\s_-]*times?|time[\s_-]*slots?)\b", re.I)
_HOURS_SAID = Folded(r"\b(?:any ?time|start|begin|serve|cook|run|available|open|book)\w*\b[^.;!?]{0,30}?\b(?:between|from)\s+\d{1,2}(?::\d\d)?\s?(?:[ap]\.?\s?m\.?)?\s?"
                     r"(?:[–—-]|to|and|until|till)\s?\d{1,2}(?::\d\d)?\s?[ap]\.?\s?m\b|"
                     r"\b(?:as early as|as late as|no earlier than|no later than|earliest (?:start )?(?:is|at)|latest (?:start )?(?:is|at))\s+\d{1,2}(?::\d\d)?\s?[ap]\.?\s?m\b")
_HANDS_OVER = Folded(r"\b(?:if|whether|confirm|check|ask|call|text|contact|usually|typically|most (?:parties|events))\b|\?")


def unstated_hours_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    """"Parties can start anytime between 11am and 9pm" when no fact gives a time of day: the hours a
    business works are its own to say. Times the customer named are theirs to use, and a sentence
    that hands the hours to staff states none."""
    if book.speaks_of(_ANY_CLOCK):
        return []
    asked = {m.group(0).replace(" ", "").lower() for m in _CLOCK.finditer(question)}
    out = []
    for s in sentences:
        m = _HOURS_SAID.search(s)
        if not m or negated(m.group(0)) or _HANDS_OVER.search(s):
            continue
        said = {c.group(0).replace(" ", "").lower() for c in _CLOCK.finditer(m.group(0))}
        if said and not said <= asked:
            out.append(make_claim(s, "policy", "unsupported", "no fact gives the hours or start times", ("hours", "unstated")))
            break
    return out


def _moved_edge(s: str, windows: list) -> Optional[tuple[str, float]]:
    """A window restated with one edge moved: "between 9am and 9pm" when the facts say "9am–7pm".
    Read only when the range starts (or ends) where exactly one of the facts' windows does, and its
    other edge is no edge of any window."""
    for m in _RANGE.finditer(s):
        start, end = _range_minutes(m)
        # a window of start times ("events start between 5 pm and 8 pm") says nothing of when a party ends
        same_start = [w for w in windows if w[0] == start and not _STARTING.search(w[2][1])]
        same_end = [w for w in windows if w[1] == end and not _STARTING.search(w[2][1])]
        # only an edge moved outward: "5 pm to 7 pm" inside "start between 5 pm and 8 pm" may be one party's hours
        if len(same_start) == 1 and not same_end and all(w[1] != end for w in windows) and same_start[0][1] < end < 24 * 60:
            return f"the time window ends otherwise ({cite(same_start[0][2])})", end
        if len(same_end) == 1 and not same_start and all(w[0] != start for w in windows) and 0 < start < same_end[0][0]:
            return f"the time window starts otherwise ({cite(same_end[0][2])})", start
    return None


# --- fees from a clock time -------------------------------------------------------------------------
_TIME = r"(\d{1,2})(?::(\d{2}))?\s?([ap])\.?\s?m\b\.?|(\d{1,2}):(\d{2})(?!\d)"
_TIME_EDGE = re.compile(rf"\b(after|past|later than|beyond|before|earlier than|despu[eé]s de las|antes de las)\s+(?:{_TIME})", re.I)
_TIME_FEE = re.compile(r"\bfee\b|surcharge|\bextra\b|\badd(?:s|ed)?\b|cargo|recargo", re.I)
_NO_FEE = re.compile(r"\bno (?:extra |additional |late[- ]night |after[- ]hours )?(?:fee|charge|surcharge|cost)\b|without (?:any |an )?(?:extra )?(?:fee|charge)|"
                     r"\bno extra\b|\bfree of charge\b|\bsin (?:cargo|recargo)\b", re.I)


def _edge_minutes(m: re.Match) -> float:
    if m.group(5):  # "19:30" is on the 24-hour dial
        return int(m.group(5)) * 60 + int(m.group(6))
    return clock_minutes(m.group(2), m.group(3), m.group(4))


def time_fees(book: FactBook) -> list[tuple[str, float, float]]:
    """Fees the facts charge from a clock time: "Starts after 19:30 add a $75 late-night fee" gives
    ("after", 1170, 75). Memoized."""
    if "time_fees" not in book.memo:
        found = []
        for _, seg in book.segments:
            for sent in re.split(r"(?<=[.;])\s+", seg):
                edge, amount = _TIME_EDGE.search(sent), DOLLARS.search(sent)
                if edge and amount and _TIME_FEE.search(sent) and re.search(r"\bstart|\bbegin|comienz|empez|début|commenc", sent, re.I):
                    side = "before" if edge.group(1).lower().startswith(("before", "earlier", "antes")) else "after"
                    found.append((side, _edge_minutes(edge), float(amount.group(1).replace(",", ""))))
        book.memo["time_fees"] = found
    return book.memo["time_fees"]


def time_fee_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    """A fee the facts charge from a clock time: its time restated otherwise ("starts after 17:30
    carry the $75 fee" for "after 19:30"), waived for a start past it, or charged for one before it."""
    fees = time_fees(book)
    if len(fees) != 1:
        return []
    side, edge, fee = fees[0]
    asked = [_edge_minutes(m) for m in re.finditer(rf"\b(at|for|by|a las)\s+(?:{_TIME})", question, re.I)]
    out = []
    for s in sentences:
        said = next((x for x in _TIME_EDGE.finditer(s) if _TIME_FEE.search(s[max(0, x.start() - 40):x.end() + 40])), None)
        if said and not negated(s[:said.start()]):
            at = _edge_minutes(said)
            if at % 720 != edge % 720:
                out.append(make_claim(s, "policy", "contradicted", f"the facts charge the {money(fee)} fee for starts {side} "
                                      f"{edge // 60:02.0f}:{edge % 60:02.0f}", ("time_fee", "edge", at)))
                continue
        if len(asked) != 1:
            continue
        applies = asked[0] > edge if side == "after" else asked[0] < edge
        if applies and _NO_FEE.search(s):
            out.append(make_claim(s, "policy", "contradicted", f"a start at {asked[0] // 60:02.0f}:{asked[0] % 60:02.0f} is {side} "
                                  f"{edge // 60:02.0f}:{edge % 60:02.0f}, so the facts add {money(fee)}", ("time_fee", "waived")))
        elif not applies and not said and any(a == fee for a in dollar_values(s)) and not negated(s):
            out.append(make_claim(s, "policy", "contradicted", f"a start at {asked[0] // 60:02.0f}:{asked[0] % 60:02.0f} is not {side} "
                                  f"{edge // 60:02.0f}:{edge % 60:02.0f}, so no {money(fee)} fee", ("time_fee", "added")))
    return out


# --- antonyms of a required setting -----------------------------------------------------------------
_PAIRS = (  # (required word in the facts, its opposite in an answer)
    (r"\bopen\b|abiert", r"\b(closed|shut)\b|cerrad"),
    (r"\boutdoors?\b|\boutside\b|al aire libre|exterior", r"\bindoors?\b|\binside\b|interior|bajo techo|adentro|dentro de (la|su|tu) (casa|cocina)"),
)
_REQUIRE = Folded(r"\bonly\b|\bmust\b|required|requires|\bneeds?\b|as long as|with the|solo|s[oó]lamente|debe")
_SETTING = Folded(r"cook|grill|chef|garage|door|kitchen|patio|set ?up|hibachi|cocina|garaje|puerta")


def _required(book: FactBook) -> list[tuple[str, str, tuple[str, str]]]:
    if "required" not in book.memo:
        found = []
        for key, seg in book.segments:
            for want, opposite in _PAIRS:
                if re.search(want, seg, _I) and not re.search(opposite, seg, _I) and _REQUIRE.search(seg) and _SETTING.search(seg):
                    found.append((want, opposite, (key, seg)))
        book.memo["required"] = found
    return book.memo["required"]


def antonym_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    req = _required(book)
    out = []
    for want, opposite, seg in req:
        for s in sentences:
            clauses = re.split(r"[;,—–]|\bbut\b|\bpero\b", s)
            # "no indoor cooking at all, and a garage counts as an indoor space": the sentence rules the
            # opposite out, and its other clause only says what counts as one
            if any(negated(c) and (re.search(opposite, c, _I) or _SETTING.search(c)) for c in clauses):
                continue
            for clause in clauses:
                if re.search(opposite, clause, _I) and _SETTING.search(clause) and not re.search(want, clause, _I) \
                        and not negated(clause) and not re.search(r"\bonly\b|\bsolo\b", clause, _I):
                    out.append(make_claim(s, "policy", "contradicted", f"contradicts {cite(seg)}", ("setting", opposite)))
                    break
    return out


_VENUE_FACT = re.compile(r"outdoor|outside|indoor|inside|garage|patio|covered|open[- ]air|backyard|ventilat|al aire libre|bajo techo|garaje|exterior|interior", re.I)
_VENUE_RULE = Folded(r"\b(?:only|just) (?:cook|grill|work|set up|operate)\w* (?:outdoors|outside)\b|\b(?:outdoors|outside) only\b|"
                     r"\b(?:can(?:not|'?t)|do(?:n'?t| not)|never|won'?t) (?:cook|grill|set up|operate)\w* (?:indoors|inside|in (?:a|your|the) (?:garage|house|home|kitchen))\b|"
                     r"\b(?:indoors|inside|(?:a|your|the) garage|(?:a|your|the) covered patio)\b[^.;!?]{0,30}\b(?:is|are|would be) (?:totally |perfectly )?(?:fine|ok|okay|allowed|no problem)\b|"
                     r"\b(?:can|could|will) (?:cook|grill|set up)\w* (?:indoors|inside|in (?:a|your|the) (?:garage|house|home|kitchen))\b")


def unstated_venue_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """Where the chef may cook ("we only cook outdoors", "your garage is fine") when no fact speaks of
    indoors, outdoors or a garage: a safety rule is the business's to state, either way."""
    if book.speaks_of(_VENUE_FACT):
        return []
    return [make_claim(s, "policy", "unsupported", "no fact says where the chef can cook (indoors or outdoors)", ("setting", "unstated"))
            for s in sentences if _VENUE_RULE.search(s) and not _HANDS_OVER.search(s)][:1]


# --- topics the facts do not cover -------------------------------------------------------------------
_YOU_READY = Folded(r"\byou('ll| will)? (need|must|have to|should) (to )?(have|provide|bring|supply|set out|get)?\b|"
                        r"\byou('ll| will)? need\b|have (\w+ ){0,3}ready|please (have|provide|prepare)|"
                        r"(the|our) chef (brings|provides|supplies|will bring)|\bwe (bring|provide|supply)\b|"
                        r"necesitar[aá]s?|debe(s|r[aá])? (tener|proporcionar)|el chef (trae|lleva)")
_EQUIPMENT = Folded(r"\b(tables?|chairs?|plates?|utensils?|silverware|napkins?|cups?|glasses|propane|grill|outlets?|"
                        r"extension cords?|power|electricity|water|tent|canopy|lighting|ice|coolers?|trash|tablecloths?|"
                        r"mesas?|sillas?|platos?|cubiertos|servilletas)\b")
_SETUP_FACT = Folded(r"setup|set up|space|area|tables?|chairs?|plates?|utensils?|propane|grill|outdoor|indoor|bring|provide|"
                         r"supply|equipment|montaje|espacio|mesas?|sillas?")


def uncovered_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """Setup requirements stated when no fact says anything about setup or equipment."""
    if book.segments_with(_SETUP_FACT.pattern):
        return []
    return [make_claim(s, "setup", "unsupported", "no fact says what the customer must have ready or what the chef brings",
                       ("setup", "uncovered")) for s in sentences
            if _YOU_READY.search(s) and len(set(m.group(1).lower() for m in _EQUIPMENT.finditer(s))) >= 2 and not negated(s)]


# --- days of the week --------------------------------------------------------------------------------
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_FORMS = {**{d: i for i, d in enumerate(_DAYS)}, **{d[:3]: i for i, d in enumerate(_DAYS)},
              **{d: i for i, d in enumerate(("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"))},
              "miercoles": 2, "sabado": 5}
_DAY_WORD = Folded(r"\b(" + "|".join(sorted(_DAY_FORMS, key=len, reverse=True)) + r")s?\b")
_DAY_SPAN = Folded(r"\b(" + "|".join(sorted(_DAY_FORMS, key=len, reverse=True)) + r")s?\s?(?:[–—-]|through|thru|to|a)\s?"
                       r"(" + "|".join(sorted(_DAY_FORMS, key=len, reverse=True)) + r")s?\b")
_EVERY_DAY = Folded(r"\b(7|seven) days a week|every day|any day( of the week)?|daily\b|todos los d[ií]as|cualquier d[ií]a")
_WORKS = Folded(r"\b(yes|works?|fine|available|open|can|we cook|we serve|we do|no problem|sure|absolutely|of course|"
                    r"book(ed)?|s[ií]|claro|podemos|puede[ns]?|se puede|disponibles?)\b")


def _day_set(text: str) -> set[int]:
    days: set[int] = set()
    for m in _DAY_SPAN.finditer(text):
        days |= _days_between(m)
    return days | {_DAY_FORMS[m.group(1).lower()] for m in _DAY_WORD.finditer(text)}


def _days_between(m) -> set[int]:
    a, b = _DAY_FORMS[m.group(1).lower()], _DAY_FORMS[m.group(2).lower()]
    return {(a + k) % 7 for k in range((b - a) % 7 + 1)}


def _open_days(book: FactBook) -> Optional[tuple[set[int], tuple[str, str]]]:
    """The weekdays the facts allow, when a fact restricts them ("Friday, Saturday and Sunday only")."""
    if "open_days" not in book.memo:
        found = None
        for key, seg in book.segments:
            days = _day_set(seg) if re.search(r"\bonly\b|\bsolo\b|s[oó]lamente|(?:[–—-]|through|thru|to)\s?\w+days?|\bwe (cook|serve|work|operate)|"
                                             r"available|\bopen\b|days a week", seg, _I) else set()
            if len(days) >= 1 and "$" not in seg and not re.search(r"minimum|price|rate|fee", seg, _I) and re.search(r"\bonly\b|\bsolo\b|s[oó]lamente|(?:[–—-]|through|thru)\s?\w+day|\bwe (cook|serve|work|operate)\b|"
                                             r"available|open|days?\b", seg, _I) and not re.search(r"\bclosed\b|\bexcept\b", seg, _I):
                found = (days, (key, seg)) if len(days) < 7 else None
                break
            if re.search(r"\bclosed\b|\bcerrado", seg, _I) and (shut := _closed_days(seg)) is not None:
                found = (shut, (key, seg))  # "We cater Tuesday through Sunday; closed Mondays."
                break
        book.memo["open_days"] = found
    return book.memo["open_days"]


def _closed_days(seg: str) -> Optional[set[int]]:
    """The days a schedule with a closed day serves: "Tuesday through Sunday; closed Mondays" → Tue–Sun,
    "Closed Mondays and Tuesdays" → the other five. None when a clause names no day or hours
    ("closed Mondays before 5 pm") make the day only partly closed."""
    shut: set[int] = set()
    served: set[int] = set()
    for clause in re.split(r"[;.\n]|,\s(?=closed|cerrado)", seg):
        days = _day_set(clause)
        if re.search(r"\d", clause) or "$" in clause:
            return None
        if re.search(r"\bclosed\b|\bcerrado", clause, _I):
            shut |= days
        else:
            served |= days
    if not shut:
        return None
    allowed = (served or set(range(7))) - shut
    return allowed if 0 < len(allowed) < 7 else None


def weekday_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A day the facts do not serve called fine ("Thursday evenings work"), or "seven days a week"."""
    allowed = _open_days(book)
    if allowed is None:
        return []
    days, seg = allowed
    out = []
    for s in sentences:
        for clause in re.split(r"[;—–]|\bbut\b|\bpero\b|\binstead\b", s):
            if negated(clause) or not _WORKS.search(clause) and not _EVERY_DAY.search(clause):
                continue
            said = _day_set(clause)
            if _EVERY_DAY.search(clause) or said - days and not said & days or \
                    any(_days_between(m) - days for m in _DAY_SPAN.finditer(clause)):  # "Monday through Saturday works" when closed Mondays
                out.append(make_claim(s, "policy", "contradicted", f"the facts allow other days only ({cite(seg)})", ("weekday",)))
                break
    return out


# --- the most guests the facts serve ---------------------------------------------------------------
_MAX_KEY = Folded(r"max(?:imum)?[\s_.]*(?:guests?|party|party size|headcount|people|event size)|guest[\s_]*(?:limit|cap|max)|\bcapacity\b|"
                  r"(?:up to|no more than|at most|maximum of|max of|cap(?:ped)? at)\s+\d+\s+(?:guests|people|persons)")
_YES = Folded(r"^\W*(?:yes|yep|sure|absolutely|of course|definitely|no problem|we can|we'?d love to|s[ií]|claro|oui|ja)\b|"
              r"\b(?:is|are|sounds|works?|that'?s) (?:totally |perfectly |completely )?(?:fine|great|ok|okay|no problem|doable)\b|"
              r"\bwe can (?:do|handle|host|serve|cater|accommodate)\b|\bcan (?:do|handle|host|serve|cater|accommodate) (?:that|it|\d+|your)")
_ASK_TEAM = Folded(r"\b(?:approv|check with|ask (?:the|our)|owner|manager|team|confirm with|exception|special request|quote)")


def max_guests(book: FactBook) -> Optional[tuple[float, tuple[str, str]]]:
    """The most guests the facts serve at one event ("max_guests": "50", "we cater up to 80 guests"), when
    no second chef or larger package is offered beyond it."""
    if "max_guests" not in book.memo:
        found = None
        more_chefs = book.segments_with(r"(?:second|additional|extra|another) chef|per chef|chefs? per")
        for key, seg in [] if more_chefs else book.segments:
            said = f"{key.replace('_', ' ')} {seg}"
            if _MAX_KEY.search(said) and not re.search(r"\bchef\b|per (?:grill|station)|additional|second|extra|each", said, _I):
                n = re.findall(r"(?<![\d$.,])(\d{2,4})(?![\d,.%])", seg)
                if len(n) == 1:
                    found = (float(n[0]), (key, seg))
                    break
        book.memo["max_guests"] = found
    return book.memo["max_guests"]


def capacity_claims(sentences: list[str], book: FactBook, guests: Optional[float], question: str = "") -> list[Claim]:
    """"Yes, 60 is fine!" to a party of 60 when the facts serve at most 50."""
    most = max_guests(book)
    whole = " ".join(sentences)
    if re.search(r"\b(?:holds|fits|seats|capacity|room for)\b", question, re.I):
        return []  # "our venue holds 100 people": a room size, not the party
    if not most or not guests or guests <= most[0] or re.search(rf"(?<![\d$.,]){most[0]:g}(?![\d,.])", whole) or _ASK_TEAM.search(whole):
        return []  # the answer names the limit, or hands the party size to the team
    n = f"{guests:g}"
    if len(sentences) > 1 and len(sentences[0]) < 25:  # "Sure! For 60 guests that's …": a bare yes, then what it says yes to
        sentences = [f"{sentences[0]} {sentences[1]}"] + sentences[2:]
    return [make_claim(s, "policy", "contradicted", f"the facts serve at most {most[0]:g} guests ({cite(most[1])})", ("capacity", guests))
            for s in sentences if _YES.search(s) and not negated(s) and _ABOUT_SIZE.search(s)
            and (re.search(rf"(?<![\d$.,]){n}(?![\d,.])", s) or not re.search(r"\d", s))][:1]


_ABOUT_SIZE = Folded(r"\b(?:guests?|people|persons|party|group|crowd|that many|headcount|host|cater|accommodate|serve|handle|"
                     r"size|invitados|personas)\b|\b\d+\s+(?:is|are)\s+(?:fine|ok|okay|no problem)")


# --- prices by day of the week ----------------------------------------------------------------------
_WEEKDAY_WORD = Folded(r"\bweek ?days?\b|\bweeknights?\b|entre semana")
_WEEKEND_WORD = Folded(r"\bweekends?\b|fines? de semana")
#: a per-person amount: "× $55", "$55 per adult", "$55/adult", "$55 each", "$55 pp" (not a $55 deposit or fee)
_PER_HEAD = re.compile(r"(?:[×x*]|\bat)\s?\$\s?(\d[\d,]*(?:\.\d+)?)|\$\s?(\d[\d,]*(?:\.\d+)?)(?=\s?(?:(?:usd|mxn|cad|aud|gbp|eur)\s)?(?:per (?:adult|person|guest|head|child|kid)|"
                       r"/\s?(?:adult|person|guest|head)|each|pp\b|a head|por (?:adulto|persona|invitado|cabeza|niño)|c/u))", re.I)
_CONTRAST = re.compile(r"instead of|rather than|compared|versus|\bvs\.?|\bif you (?:moved|switch|chose|picked|went)|would be|than\b|"
                       r"cheaper|save|saving|\btip\b|on a weekday|on weekdays|weeknights?", re.I)


def _days_named(text: str) -> set[int]:
    days = _day_set(text)
    if not days and _WEEKDAY_WORD.search(text):
        days = {0, 1, 2, 3, 4}
    if not days and _WEEKEND_WORD.search(text):
        days = {5, 6}
    return days


def day_prices(book: FactBook) -> list[tuple[frozenset, float, tuple[str, str]]]:
    """Per-person prices the facts give by day ("Weekday (Mon-Thu): $55/adult. Weekend (Fri-Sun): $65/adult"),
    kids' prices derived from them included; empty unless two or more days' prices differ."""
    if "day_prices" not in book.memo:
        found, by_adult = [], {}
        for p in book.priced:
            if p.subject in ("adult", "person") and (days := _days_named(p.text)):
                found.append((frozenset(days), p.value, (p.key, p.text)))
                by_adult[p.value] = frozenset(days)
        for p in book.priced:  # "kids (half the $55 adult price)"
            m = re.search(r"half the \$(\d+(?:\.\d+)?) adult", p.text)
            if p.subject == "kid" and m and float(m.group(1)) in by_adult:
                found.append((by_adult[float(m.group(1))], p.value, (p.key, p.text)))
        book.memo["day_prices"] = found if len({v for _, v, _ in found}) >= 2 else []
    return book.memo["day_prices"]


def day_price_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    """A price of another day's rate for the day the customer names ("Saturday" at the $55 weekday rate)."""
    prices = day_prices(book)
    asked = _days_named(question) if prices else set()
    if not asked:
        return []
    right = [(d, v, seg) for d, v, seg in prices if asked <= d]
    if not right:
        return []
    wrong = {v: (d, seg) for d, v, seg in prices if not asked <= d and not any(close(v, r) for _, r, _ in right)}
    out = []
    for prev, s in zip([""] + sentences, sentences):
        around = s if s[:1].isupper() or not prev else f"{prev} {s}"  # "Tip: weekdays are cheaper — 20 × $55": cut at the dash
        for clause in re.split(r"[;,]\s|\.\s|\bbut\b", s):
            if _CONTRAST.search(clause) or _CONTRAST.search(around) or (named := _days_named(around)) and not named & asked:
                continue  # "$65 instead of $55", "if you moved to a Thursday you'd pay $55", "Tip: weekdays are cheaper — 20 × $55"
            said = [float((a or b).replace(",", "")) for a, b in _PER_HEAD.findall(clause)]
            bad = [v for v in said if any(close(v, w) for w in wrong)]
            if bad and not (_days_named(clause) and not asked & _days_named(clause)):  # "weekdays are $55" restates its own day
                rights = " or ".join(money(v) for _, v, _ in right)
                out.append(make_claim(s, "money", "contradicted", f"{money(bad[0])} is another day's rate; the facts give {rights} "
                                      f"for that day ({cite(right[0][2])})", ("day_price", bad[0])))
                break
    return out


# --- a time window restated ----------------------------------------------------------------------------
_NOON = Folded(r"\bnoon\b|\bmediod[ií]a\b")
_WINDOW_TOPIC = Folded(r"start|time|hours|open|cook|serve|book|event|comenz|empez|horario|hora")


def window_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A time window restated with other ends than the facts give ("11 AM to 10 PM" for 11 AM–9 PM)."""
    windows = clock_windows(book)
    if not windows:
        return []
    edges = {e for lo, hi, _ in windows for e in (lo, hi)}
    out = []
    for s in sentences:
        if _SETUP.search(s) or not _WINDOW_TOPIC.search(s):
            continue
        text = _NOON.sub("12 pm", s)
        for m in _RANGE.finditer(text):
            end = clock_minutes(m.group(4), m.group(5), m.group(6))
            start = clock_minutes(m.group(1), m.group(2), m.group(3) or m.group(6))
            if start > end and not m.group(3):
                start = clock_minutes(m.group(1), m.group(2), "a")
            if start not in edges or end not in edges:
                out.append(make_claim(s, "policy", "contradicted", f"the facts give another window ({cite(windows[0][2])})",
                                      ("window", start, end)))
    return out


# --- settings the facts forbid -----------------------------------------------------------------------
_PLACES = {  # a place an answer may allow, with its forms (English and Spanish)
    "indoors": r"\bindoors?\b|\binside\b(?![^.;,]{0,14}\b(?:days?|hours?|weeks?|months?|window|miles?|km|radius|area|zone)\b)|"
               r"\binterior\b|\badentro\b|\bdentro de (la|su|tu) (casa|cocina)\b|\ben (la|su|tu) cocina\b|"
               r"\b(?:in|inside|into) (?:the|your|my|a) kitchen\b|\byour kitchen\b",  # not "no refund inside 7 days", "from our kitchen"
    "garage": r"\bgarages?\b|\bgaraje\b|\bcochera\b",
    "balcony": r"\bbalcon(y|ies)\b|\bbalc[oó]n\b",
    "tent": r"\b(enclosed|closed) tent\b|\bcarpa cerrada\b",
    "apartment": r"\bapartments?\b|\bcondos?\b|\bapartamento\b",
    "rooftop": r"\brooftops?\b|\bazotea\b",
    "beach": r"\bbeach(es)?\b|\bplaya\b",
}
_HOMES = re.compile(r"\b(?:private )?(?:homes?|houses?|residences?)\b|\bcasas? particular", re.I)
_VENUE = re.compile(r"\bvenues?\b|\bcommercial\b|\brestaurants?\b|\bhalls?\b", re.I)  # indoors where the facts allow it
_FORBID = Folded(r"\b(never|not|no|cannot|can'?t|prohibited|not allowed|not permitted|nunca|prohibido)\b")


def _forbidden(book: FactBook) -> list[tuple[str, tuple[str, str]]]:
    if "forbidden" not in book.memo:
        found = []
        for key, seg in book.segments:
            said = f"{key.replace('_', ' ').replace('.', ' ')}: {seg}" if seg.strip().lower() in ("false", "no") else seg
            for clause in re.split(r"[.;]|\bbut\b", said):
                said_no = re.search(r"\b(?:allowed|permitted|possible|ok)\b[\w ]*:\s*(?:false|no)\b", clause, _I)
                if said_no:  # "indoor_cooking_allowed_bool": "false"
                    found += [(place, (key, seg)) for place, rx in _PLACES.items() if re.search(rx, clause[:said_no.start()], _I)]
                    continue
                neg = _FORBID.search(clause)
                if not neg:
                    continue
                after = clause[neg.start():]
                found += [(place, (key, seg)) for place, rx in _PLACES.items() if re.search(rx, after, _I)]
                if _HOMES.search(after) and re.search(_PLACES["indoors"], f"{key.replace('_', ' ')}: {said}", _I):
                    found.append(("indoors at a home", (key, seg)))  # "Indoor cooking only in venues with a commercial hood; not in private homes"
        book.memo["forbidden"] = found
    return book.memo["forbidden"]


def forbidden_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A place the facts rule out ("never indoors or in a garage") allowed by the answer."""
    out = []
    for place, seg in _forbidden(book):
        rx = _PLACES.get(place) or _PLACES["indoors"]
        for s in sentences:
            if any(re.search(rx, c, _I) and not negated(c) and _WORKS.search(c) and not (place != "indoors" and _VENUE.search(c))
                   for c in BUT_CLAUSES.split(s)):
                out.append(make_claim(s, "policy", "contradicted", f"contradicts {cite(seg)}", ("forbidden", place)))
                break
    return out


# --- weather limits -------------------------------------------------------------------------------------
_TEMP = r"\s?(?:°\s?[fc]?|degrees?(?: [fc]\b| fahrenheit| celsius)?|[fc]\b)"
_SPEED = r"\s?(?:mph|km/?h|kph)\b"
_LIMIT_RX = Folded(rf"\b(over|above|more than|exceeding|greater than|higher than|below|under|less than|lower than|colder than)\s+(-?\d+(?:\.\d+)?)({_TEMP}|{_SPEED})|"
                   rf"(?<![\w.])(-?\d+(?:\.\d+)?)({_TEMP}|{_SPEED})\s?(\+|or (?:more|higher|above|faster|stronger|less|lower|below|colder))")
_SAID_VALUE = Folded(rf"(?<![\w.])(-?\d+(?:\.\d+)?)({_TEMP}|{_SPEED})")
_LIMIT_FINE = Folded(r"\b(?:is|'s|are|would be|will be|should be)?\s?(?:totally |perfectly |completely |still |just )?(?:fine|ok|okay|no problem|not a problem|good to go|all good)\b|"
               r"\bwe(?:'ll| will)? still (?:cook|grill|come|go ahead|do it)\b|\b(?:no|won'?t) (?:need to )?(?:reschedul|cancel|pause)\w*\b")


def _scale(unit: str) -> str:
    return "speed" if re.search(r"mph|km|kph", unit, _I) else "temp"


def _limits(book: FactBook) -> list[tuple[str, float, str, tuple[str, str]]]:
    """(direction, value, scale, fact): "Wind over 25 mph … chef pauses" gives ("over", 25, "speed", …)."""
    if "weather_limits" not in book.memo:
        found = []
        for key, seg in book.segments:
            for m in _LIMIT_RX.finditer(seg):
                word = (m.group(1) or m.group(6) or "").lower()
                value = float(m.group(2) or m.group(4))
                unit = m.group(3) or m.group(5)
                over = word in ("over", "above", "more than", "exceeding", "greater than", "higher than", "+") or \
                    re.match(r"or (?:more|higher|above|faster|stronger)", word) is not None
                found.append(("over" if over else "below", value, _scale(unit), (key, seg)))
        book.memo["weather_limits"] = found
    return book.memo["weather_limits"]


def weather_limit_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A wind speed or temperature past the facts' limit said to be fine: "30 mph is fine" when the
    facts pause or reschedule over 25 mph, "30°F is totally fine" when below 35°F needs a heated tent."""
    limits = _limits(book)
    out = []
    for s in sentences if limits else ():
        hit = next(((m, d, n, seg) for clause in re.split(r"[;—–]|\bbut\b|\bpero\b|(?<=[.!?])\s", s) if _fine_as_said(clause)
                    for m in _SAID_VALUE.finditer(clause) for d, n, sc, seg in limits
                    if sc == _scale(m.group(2)) and (float(m.group(1)) > n if d == "over" else float(m.group(1)) < n)), None)
        if hit:
            m, d, n, seg = hit
            out.append(make_claim(s, "policy", "contradicted", f"{m.group().strip()} is {d} the facts' limit of {n:g} ({cite(seg)})",
                                  ("weather", _scale(m.group(2)))))
    return out


def _fine_as_said(clause: str) -> bool:
    """The clause calls a value fine outright: not "isn't fine", "fine if you have a tent", nor the limit restated."""
    fine = _LIMIT_FINE.search(clause)
    return bool(fine) and not negated(clause[:fine.start()]) and not _LIMIT_RX.search(clause) and \
        not re.search(r"\bif\b|\bunless\b|\bas long as\b|\bprovided\b", clause[:fine.start()], _I)


# --- a fee per half hour said per hour ---------------------------------------------------------------
_PER_HALF = re.compile(r"(?:\beach|\bevery|\bper|/|\ban?)\s?(?:extra |additional )?(?:30[\s-]?(?:minutes?|mins?)|half[\s-]hour)\b", re.I)
_AN_HOUR = Folded(r"\b(?:one|an|1|a full|a whole)\s(?:extra\s|additional\s|more\s)?hour\b|(?:per|an|/|each|every)\s?(?:extra\s|additional\s)?(?:hour|hr)\b")


def half_hour_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"One extra hour adds $75" (or "$75 per hour") when the facts charge $75 for each extra 30 minutes."""
    if "per_half_hour" not in book.memo:
        book.memo["per_half_hour"] = [(v, (k, seg)) for k, seg in book.segments_with(_PER_HALF.pattern)
                                      for clause in re.split(r"[.;]\s", seg) if _PER_HALF.search(clause) for v in dollar_values(clause)]
    fees = book.memo["per_half_hour"]
    out = []
    for s in sentences if fees else ():
        for clause in re.split(r"[;—–]|(?<=[.!?])\s", s):
            said = dollar_values(clause)
            hit = next(((v, seg) for v, seg in fees if v in said and 2 * v not in said), None)
            if hit and _AN_HOUR.search(clause) and not _PER_HALF.search(clause) and not negated(clause) and \
                    not re.search(r"\b(?:30|thirty)[\s-]?min|half[\s-]hour|blocks?\b", s, _I):
                out.append(make_claim(s, "policy", "contradicted", f"the facts charge {money(hit[0])} per 30 minutes, so an hour is "
                                      f"{money(2 * hit[0])} ({cite(hit[1])})", ("per_half_hour", hit[0])))
                break
    return out

