"""Clock times an answer states, against the times the facts and the question give.

``time_claims(sentences, book, question)`` flags a clock time ("around 5:00", "Saturdays
10am-4pm") that is neither a time of the facts or the question nor one duration of the facts or
the question away from one ("arrives 45 minutes before" a 6:00 dinner gives 5:15; "2 hours of
service" from 5 pm gives 7:00). Times are compared on a 12-hour dial, so "5:00", "5 pm" and
"17:00" are one time. A time the answer only supposes ("if you start at 7 pm", "say a 7 pm
dinner") is a given, not a claim, and can be a base too. A single time inside a window of the
facts ("events start between 11 am and 8 pm": "a 6:30 pm start is fine") is supported; the ends of
a range the answer states restate a window and must be the facts' own.

Only facts that speak of time at all (a clock time or a duration) are judged against: with no
time in the facts every stated time would be unsupported, and the other checks say so better.
"""

from __future__ import annotations

import re
from typing import Iterator

from .claim import Claim
from .conditions import _FINE, _STARTING, clock_minutes, clock_windows, start_limits
from .facts import FactBook
from .fold import Folded
from .numbers import localize
from .policies import cite, make_claim

_DIAL = 12 * 60
_WORD_HOURS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_AMPM = r"(?:\s?([ap])\.?\s?m\b\.?)"
# "5:15", "5:15 pm", "5 pm", "17:00", "noon"; a range "9am–6pm" or "10–2" is two times
# ("6:30pm" has no word boundary after its minutes, and its "30pm" is not a time of its own)
_TIME = Folded(rf"\b(\d{{1,2}}):([0-5]\d)(?!\d){_AMPM}?|(?<!:)\b(\d{{1,2}}){_AMPM}|\b(noon|midnight|mediod[ií]a|medianoche)\b")
_RANGE_HEAD = Folded(rf"\b(\d{{1,2}})(?::([0-5]\d))?{_AMPM}?\s?(?:[–—-]|to)\s?(?=\d{{1,2}}(?::[0-5]\d)?{_AMPM})")
_RANGE_TAIL = Folded(rf"\d(?::[0-5]\d)?{_AMPM}?\s?(?:[–—-]|to)\s?$")
# a bare hour the question gives: "dinner is at 6", "start at six", "a las 7", "alle 19", "um 18"
_BARE_HOUR = Folded(r"\b(?:at|by|around|from|until|till|a las|alle|dalle|verso le|um|gegen|ab|à|às|vers|om|starts?|begins?)\s+(?:about\s+)?"
                    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
                    r"(?!\s*(?:%|\$|guests?|people|adults?|kids?|children|persons?|days?|weeks?|miles?|mi\b|km\b|hours?|minutes?))")
_DURATION = Folded(r"\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half an?)[\s-]?"
                   r"(hours?|hrs?|h\b|minutes?|mins?\b|horas?|minutos?)(?:\s+and\s+a\s+half)?")
_HALF_HOUR = Folded(r"\bhalf[\s-]an?[\s-]hour\b|\bmedia hora\b|\bhour and a half\b|\bhora y media\b")
_SUPPOSED = Folded(r"\b(if|say|e\.g\.|for example|for instance|suppose|supposing|assuming|let'?s say|for an?|si|por ejemplo)\b")


def _times(text: str) -> Iterator[tuple[int, int, bool]]:
    """(minutes on the 12-hour dial, start, an end of a range?) of every clock time in ``text``."""
    heads = [(m.start(1), m.end(1), clock_minutes(m.group(1), m.group(2), None)) for m in _RANGE_HEAD.finditer(text)]
    for a, _, v in heads:
        yield v, a, True
    for m in _TIME.finditer(text):
        ranged = any(a <= m.start() < b for a, b, _ in heads) or bool(_RANGE_TAIL.search(text, 0, m.start()))
        if m.group(1):
            yield clock_minutes(m.group(1), m.group(2), None), m.start(), ranged
        elif m.group(4):
            yield clock_minutes(m.group(4), None, None), m.start(), ranged
        else:  # noon, midnight: 12 on the dial
            yield 0, m.start(), ranged


def _durations(text: str) -> set[int]:
    out = set()
    for m in _DURATION.finditer(text):
        n = m.group(1).lower()
        v = 0.5 if n.startswith("half") else 1.0 if n in ("a", "an") else _WORD_HOURS.get(n) or float(n)
        if m.group(0).lower().endswith("half"):
            v += 0.5
        out.add(round(v * (1 if m.group(2).lower().startswith("m") else 60)))
    if _HALF_HOUR.search(text):
        out |= {30, 90}
    return {d for d in out if 0 < d <= 12 * 60}


def _bare_hours(text: str) -> set[int]:
    out = set()
    for m in _BARE_HOUR.finditer(text):
        h = m.group(1).lower()
        n = _WORD_HOURS.get(h) if not h.isdigit() else int(h)
        if n is not None and 1 <= n <= 24:
            out.add(n * 60 % _DIAL)
    return out


def _timeline(book: FactBook) -> tuple[set[int], set[int], tuple[str, str] | None]:
    """The facts' clock times, durations and the first segment that gives either."""
    if "timeline" not in book.memo:
        times, durations, first = set(), set(), None
        for key, seg in book.segments:
            t = {v for v, _, _ in _times(seg)}
            d = _durations(seg)
            if (t or d) and first is None:
                first = (key, seg)
            times |= t
            durations |= d
        book.memo["timeline"] = (times, durations, first)
    return book.memo["timeline"]


def time_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    times, durations, seg = _timeline(book)
    if seg is None or not any(_TIME.search(s) for s in sentences):
        return []
    question = localize(question)  # "19 h 30" in the question is 19:30, as in the answer's prepared text
    bases = times | {v for v, _, _ in _times(question)} | _bare_hours(question)
    durations = durations | _durations(question)
    stated = []
    for s in sentences:
        for v, a, ranged in _times(s):
            clause = re.split(r"[,;:.!?—–]", s[:a])[-1]
            if _SUPPOSED.search(clause):
                bases.add(v)
            else:
                stated.append((s, v, ranged))
    reachable = bases | {(b + sign * d) % _DIAL for b in bases for d in durations for sign in (1, -1)}
    windows = clock_windows(book)
    starts = start_limits(book)
    out = []
    for s, v, ranged in stated:
        # a single time inside a window of the facts ("a 6:30 pm start is fine") is supported; a range
        # the answer states restates a window, so its ends must be the facts' own
        inside = not ranged and any(lo <= t <= hi for lo, hi, _ in windows + (starts if _STARTING.search(s) or _STARTING.search(question) and _FINE.search(s) else [])
                                    for t in (v, v + _DIAL))
        if v not in reachable and not inside:
            h, mm = divmod(v, 60)
            out.append(make_claim(s, "policy", "unsupported",
                                  f"no fact or question time gives {h or 12}:{mm:02d}, nor one duration of the facts "
                                  f"from one ({cite(seg)})", ("clock_time", v)))
    return out
