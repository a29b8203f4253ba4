"""Day counts bound to what they are about: "refundable until 14 days before" vs "book 14 days ahead".

A number of days in an answer is more than a number the facts contain: "the deposit is
refundable until 14 days before your event" is wrong when the facts give 14 days as the booking
lead time and 10 days as the refund window. ``deadline_reason`` reads what a day count in an
answer is about (cancelling and refunds, booking ahead, paying the balance, the final
headcount), from the topic word nearest to it, and checks it against the day counts the facts
give for that topic. Only a count measured from the event is a deadline ("14 days before",
"2 weeks' notice", "10 days out"; not "refunds are processed within 2 days"). It says nothing
when the facts give no day count for the topic, when the sentence names no topic ("notice" or
"in advance" alone name booking), or when some fact gives the count without naming a topic.
"""

from __future__ import annotations

import re
from typing import Optional

from .facts import FactBook
from .fold import Folded, folded, lower

# what a deadline is about; "notice", "in advance" and "ahead" go with cancelling as often as with
# booking, so they name a topic only when nothing else in the sentence does
_TOPICS = (
    ("cancelling", r"refund\w*|cancel\w*|forfeit\w*|reembols\w*|devoluci\w*|devuelv\w*|devolvemos|reschedul\w*|"
                   r"reprogram\w*|postpon\w*|new date|nueva fecha|(?:deposit|money) back"),
    ("booking", r"book\w*|reserv\w*|lead time|anticipaci\w*"),
    ("balance", r"balance|final payment|remaining (?:amount|payment|total)|paid in full|pay in full|saldo|pago final"),
    ("headcount", r"head ?count|guest count|final count|number of guests|n[uú]mero de invitados"),
)
_WORD = folded("|".join(rf"(?P<{name}>\b(?:{rx}))" for name, rx in _TOPICS))
_WEAK = Folded(r"\b(?:in advance|ahead|notice|aviso|de antelaci[oó]n)\b")
_CLAUSE_END = re.compile(r"[;:]\s|,\s|\s[—–]\s|\n|\b(?:and|but|while|whereas|y|pero)\b", re.I)
_LOOSE = Folded(r"\b(?:within|less than|fewer than|inside|under|closer than|later than|menos de)\b[^.;]{0,15}$")
_ON_THE_DAY = Folded(r"\b(?:on|at) (?:the )?(?:event day|day of (?:the |your )?(?:event|party)|event|party)\b|"
                     r"\bel d[ií]a del evento\b")
_RANGE_END = re.compile(r"\d\s?(?:[-–]|to|a|and)\s?$")
_FROM_EVENT = re.compile(r"\b(?:before|prior|ahead|in advance|notice|out\b|beforehand|antes|anticipaci|aviso|"
                         r"(?:of|from) (?:the|your) (?:event|party|date))", re.I)
_RULE = re.compile(r"\b(?:at least|as long as|no later than|up to|until|or more|minimum of|con al menos|hasta)\b[^.;]*$|"
                   r"\b(?:(?:we|they) (?:need|require|ask for)|requires?|required|necesitamos|se requieren?)\s+$", re.I)  # "We need 4 days' notice"
_DAYS_PER = {"days": 1.0, "weeks": 7.0, "hours": 1 / 24}


def _topic(text: str, at: int) -> Optional[str]:
    """The topic of the number at ``at``: the nearest topic word before it in its clause, else after it
    in its clause, else the nearest in ``text``; "notice"/"in advance" say booking only when alone."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    right = _CLAUSE_END.search(text, at)
    right = right.start() if right else len(text)
    words = [(m.start(), m.lastgroup) for m in _WORD.finditer(lower(text))]
    before = [(p, n) for p, n in words if left <= p < at]
    if before:
        return before[-1][1]
    after = [(p, n) for p, n in words if at <= p < right]
    if after:
        return after[0][1]
    if words:
        return min(words, key=lambda w: abs(w[0] - at))[1]
    return "booking" if _WEAK.search(text) else None


def fact_deadlines(book: FactBook) -> dict[str, set[float]]:
    """Day counts the facts give per topic (weeks and hours in days), memoized per fact book."""
    if "deadlines" not in book.memo:
        out: dict[str, set[float]] = {}
        for key, seg, m in book.mentions:
            if m.kind not in _DAYS_PER or not isinstance(m.value, float):
                continue
            topic = _topic(seg, m.start) or _topic(key.replace("_", " "), 0) or "*"  # "*": about something unnamed
            out.setdefault(topic, set()).add(round(m.value * _DAYS_PER[m.kind], 4))
        for key, seg in book.segments:  # "Balance: due on event day" is 0 days before
            if (day := _ON_THE_DAY.search(seg)) and _topic(seg, day.start()) == "balance":
                out.setdefault("balance", set()).add(0.0)
        book.memo["deadlines"] = out
    return book.memo["deadlines"]


def deadline_reason(sentence: str, at: int, kind: str, value: float, book: FactBook,
                    question_days: set[float]) -> Optional[str]:
    """Why the count ``value`` (``kind`` "days", "weeks" or "hours") at ``at`` in ``sentence`` contradicts
    the facts' day counts for its topic, or None when it agrees or nothing can be said."""
    if kind not in _DAYS_PER:
        return None
    days = round(value * _DAYS_PER[kind], 4)
    if not _FROM_EVENT.search(sentence, at, at + 45):
        return None  # "refunds are processed within 2 days": not a deadline before the event
    if days in question_days and not _RULE.search(sentence, max(0, at - 30), at):
        return None  # the customer's own timeline ("my party is 5 days away"), unless said as the rule ("at least 48 hours")
    topic = _topic(sentence, at)
    given = fact_deadlines(book)
    facts = given.get(topic or "", set())
    if not facts or days in facts or days in given.get("*", ()):  # "Lead time: 7 days; mountain events 14 days"
        return None
    step = 1 / 24 if kind == "hours" else 1
    if (_LOOSE.search(sentence[:at]) or _RANGE_END.search(sentence[:at])) and \
            (round(days + step, 4) in facts or round(days - step, 4) in facts):
        return None  # "within 6 days" of a 7-day window; "less than 8 days"; "(8–29 days)" before a 30-day one
    if facts == {0.0}:
        return f"{value:g} {kind} before the event for the {topic}: the facts say it is due on the event day"
    unit, per = ("hours", 24) if kind == "hours" and not all(d >= 1 and d == int(d) for d in facts) else ("days", 1)
    said = ", ".join(f"{d * per:g}" for d in sorted(facts))
    return f"{value:g} {kind} for {topic}: the facts give {said} {unit} for {topic}"
