"""Price histories: a fact that lists a price per date.

    "price_history": "effective 2023-03-01: adult $55\neffective 2024-01-15: adult $60\neffective 2025-02-01: adult $68 (current)"
    "travel": "Rate per km beyond 25 km:\n- from 2023-05-01: €0.80/km\n- from 2025-01-01: €1.10/km (current)"

The line in force on the event's date is the price: the date the question names, else an event or
requested date in the facts, else today's date in the facts; without any of them, the line marked
current, else the latest. Every other amount of the history is stale unless another fact gives it.
``stale_prices(book, question)`` returns {stale amount: (the amount in force, the line in force)}.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from schemas.context import human_key

from .dates import dates_in, facts_today
from .facts import FactBook
from .mentions import mentions

_CURRENT = re.compile(r"\b(?:current|now|in force|vigente|actual|actuel|aktuell|en vigor|atual)\b", re.I)
_UNTIL = re.compile(r"\b(?:until|through|thru|till|to|before|hasta|jusqu'?au?|bis)\s+\S*\s?$", re.I)
_EVENT_KEY = re.compile(r"event|requested|party|booking|fecha|date de|datum", re.I)


def _entries(raw: str) -> list[tuple[date, str, list[float]]]:
    """(start date, line, amounts) of each dated line with amounts; none unless two or more lines qualify."""
    out = []
    for line in raw.splitlines():
        days = dates_in(line)
        if len(days) != 1 or _UNTIL.search(line[:line.find(str(days[0]))] if str(days[0]) in line else ""):
            continue
        amounts = [m.value for m in mentions(line)[1] if m.kind == "money"]
        if amounts:
            out.append((days[0], line.strip(), amounts))
    return out if len(out) >= 2 else []


def _reference(book: FactBook, question: str, year: int) -> Optional[date]:
    asked = dates_in(question, year)
    if asked:
        return asked[0]
    for key, value in book.facts.items():
        if _EVENT_KEY.search(human_key(key)) or _EVENT_KEY.search(value[:40]):
            found = dates_in(value, year) if len(value) < 120 else []
            if found:
                return found[0]
    return facts_today(book)


def _histories(book: FactBook) -> list[tuple[str, list[tuple[date, str, list[float]]]]]:
    """(key, entries sorted by date) of every price history in the facts. Memoized per book: it does not
    depend on the question."""
    if "histories" not in book.memo:
        found = [(key, sorted(entries, key=lambda e: e[0])) for key, raw in book.raw.items()
                 if raw.count("\n") >= 1 and (entries := _entries(raw))]
        book.memo["histories"] = found
    return book.memo["histories"]


def stale_prices(book: FactBook, question: str) -> dict[float, tuple[float, str]]:
    """{stale amount: (amount in force, line in force)} over the facts' price histories. The book is shared by
    every question of a business, so only the last question's answer is kept (asked once per money mention)."""
    histories = _histories(book)
    if not histories:
        return {}
    last = book.memo.get("stale_prices")
    if last is not None and last[0] == question:
        return last[1]
    out: dict[float, tuple[float, str]] = {}
    for key, entries in histories:
        ref = _reference(book, question, entries[-1][0].year)
        if ref is not None:
            due = [e for e in entries if e[0] <= ref]
            if not due:
                continue
            current = due[-1]
        else:
            current = next((e for e in entries if _CURRENT.search(e[1])), entries[-1])
        elsewhere = {round(m.value, 2) for k, _, m in book.mentions if m.kind == "money" and k != key}
        for _, line, amounts in entries:
            if line == current[1]:
                continue
            for i, v in enumerate(amounts):
                now = current[2][min(i, len(current[2]) - 1)]
                if round(v, 2) not in {round(x, 2) for x in current[2]} and round(v, 2) not in elsewhere:
                    out.setdefault(round(v, 2), (now, current[1]))
    book.memo["stale_prices"] = (question, out)
    return out
