"""Arithmetic over record lists in the facts: a bookings table, an invoice ledger, a CSV export, one
event per line. Admin and CRM assistants answer "how many guests in July", "what is still owed this
week" or "the weekend's revenue" by adding up rows, so those sums are supported amounts.

``record_amounts(book, question)`` gives (kind, value, why) for, over every subset of rows the
question can mean (all rows; the rows of the month or dates it names; each status group such as
"confirmed" within those):

- the number of rows, and the sum of each numeric column (guests, totals, payments);
- per row and summed: one money column less another ("Total − Paid" is what is owed);
- per row and summed: a head count times the row's per-person price ("10 guests, ¥7,500/person").

Rows are read from markdown tables, CSV text and values of one record per line. Nothing here
decides what a row means beyond its numbers, so an amount that needs a row the question excludes
(Tuesday's event in "the weekend's revenue") is not supported.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from itertools import permutations
from typing import Optional

from .dates import _ISO_DATE, _make
from .facts import FactBook
from .mentions import mentions
from .numbers import parse_amount

_CURRENCY = re.compile(r"[$€£¥]|\b(?:USD|CAD|EUR|GBP|AUD|JPY|MXN)\b")
_CELL = re.compile(r"\s*(?:[$€£¥]|USD|CAD|EUR|GBP|AUD|JPY|MXN)?\s?(\d[\d,]*(?:\.\d+)?)\s*(?:[$€£¥]|USD|CAD|EUR|GBP|AUD|JPY|MXN)?\s*")
_MONEY_HEADER = re.compile(r"total|paid|price|amount|owed|due|balance|deposit|revenue|invoice|cost|fee|usd|eur|gbp|cad|aud|jpy|\$|€|£|¥",
                           re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_WORD = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
_DAY_MON = re.compile(r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                      r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b", re.I)
_RANGE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\s?(?:[-–]|to|through|and|&)\s?(\d{1,2})\b|"
                    r"\b(\d{1,2})\s?(?:[-–]|to|and|&)\s?(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_MAX_ROWS = 40


class _Table:
    def __init__(self, header: Optional[list[str]], rows: list[list[str]]) -> None:
        self.header, self.rows = header, rows


def _table(value: str) -> Optional[_Table]:
    """The record list one fact's text holds: a markdown table, CSV with a header, or one dated record per line."""
    lines = [ln for ln in value.splitlines() if ln.strip()]
    if len(lines) < 3:
        return None
    piped = [ln for ln in lines if ln.strip().startswith("|")]
    if len(piped) >= 3:  # markdown
        cells = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in piped if not re.fullmatch(r"[\s|:-]+", ln)]
        ok = len(cells) >= 2 and all(len(r) == len(cells[0]) for r in cells)
        return _Table(cells[0], cells[1:]) if ok else None
    if "," in lines[0] and not re.search(r"\d", lines[0]):  # CSV with a header
        rows = list(csv.reader(lines))
        ok = all(len(r) == len(rows[0]) for r in rows[1:])
        return _Table([c.strip() for c in rows[0]], [[c.strip() for c in r] for r in rows[1:]]) if ok else None
    if all(_ISO_DATE.search(ln) or _DAY_MON.search(ln) for ln in lines):  # one record per line, each with its date
        return _Table(None, [[ln] for ln in lines])
    return None


def _number(cell: str) -> Optional[float]:
    m = _CELL.fullmatch(cell)
    return parse_amount(m.group(1)) if m else None


def _row_date(text: str, year: Optional[int]) -> Optional[date]:
    if m := _ISO_DATE.search(text):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := _DAY_MON.search(text)) and year:
        day, mon = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return _make(year, _MONTHS.index(mon[:3].lower()) + 1, int(day))
    return None


def _asked_days(question: str) -> Optional[object]:
    """A predicate on a row's date for the dates the question names: a range ("May 17–18"), one month
    ("in July"); None when it names none."""
    if m := _RANGE.search(question):
        mon = (m.group(1) or m.group(6))[:3].lower()
        lo, hi = (int(m.group(2)), int(m.group(3))) if m.group(1) else (int(m.group(4)), int(m.group(5)))
        month = _MONTHS.index(mon) + 1
        return lambda d: d is not None and d.month == month and lo <= d.day <= hi
    months = {_MONTHS.index(w.group(1).lower()) + 1 for w in _MONTH_WORD.finditer(question)}
    if len(months) == 1 and not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", question):
        month = months.pop()
        return lambda d: d is not None and d.month == month
    return None


def record_amounts(book: FactBook, question: str) -> list[tuple[str, float, str]]:
    """(kind, value, why) of the sums the facts' record lists support; kind is "money" or "people"."""
    if "tables" not in book.memo:  # the facts' tables, parsed once per fact book; the sums depend on the question
        book.memo["tables"] = [(key, table) for key, value in (book.raw or book.facts).items()
                               if "\n" in value and (table := _table(value)) and 2 <= len(table.rows) <= _MAX_ROWS]
    return [amount for key, table in book.memo["tables"] for amount in _table_amounts(key, table, question)]


def _table_amounts(key: str, table: _Table, question: str) -> list[tuple[str, float, str]]:
    texts = [" | ".join(r) for r in table.rows]
    years = {int(y) for t in texts for y in re.findall(r"\b(20\d{2})-\d{2}-\d{2}\b", t)} or \
        {int(y) for y in re.findall(r"\b(20\d{2})\b", key + " " + question)}
    year = max(years) if years else None
    dates = [_row_date(t, year) for t in texts]
    per_row: dict[str, list[Optional[float]]] = {}  # column (or derived quantity) -> value per row
    money_cols: list[str] = []
    if table.header:
        for j, name in enumerate(table.header):
            vals = [_number(r[j]) for r in table.rows]
            if sum(v is not None for v in vals) >= max(2, len(vals) - 1) and not re.search(r"\bdate|\bid\b|phone|zip|year", name, re.I):
                per_row[name] = vals
                if _MONEY_HEADER.search(name) or any(_CURRENCY.search(r[j]) for r in table.rows):
                    money_cols.append(name)
        for a, b in permutations(money_cols, 2):  # "Total − Paid": what is still owed, row by row
            diffs = [x - y if x is not None and y is not None and x >= y else None for x, y in zip(per_row[a], per_row[b])]
            if any(diffs):
                per_row[f"{a} − {b}"] = diffs
                money_cols.append(f"{a} − {b}")
    else:  # one record per line: "Tanaka, 10 guests, Course A ¥7,500/person"
        products = []
        for t in texts:
            found = mentions(t)[1]
            heads = [m.value for m in found if m.kind == "people"]
            prices = [m.value for m in found if m.kind == "money" and m.unit == "per_person"]
            products.append(heads[0] * prices[0] if len(heads) == 1 and len(prices) == 1 else None)
            per_row.setdefault("guests", []).append(heads[0] if len(heads) == 1 else None)
        if any(products):
            per_row["guests × price"] = products
            money_cols.append("guests × price")
    if not per_row:
        return []
    subsets = [("all rows", list(range(len(texts))))]
    if (asked := _asked_days(question)) is not None and (named := [i for i, d in enumerate(dates) if asked(d)]):
        subsets = [("the rows the question names", named)]  # "the weekend of May 17–18": not the Tuesday after
    statuses = {w for t in texts for w in re.findall(r"\b(confirmed|tentative|pending|paid|unpaid|cancelled|canceled|booked|hold)\b", t, re.I)}
    for label, idx in list(subsets):
        for st in statuses:
            subsets.append((f"{label}, {st.lower()}", [i for i in idx if re.search(rf"\b{st}\b", texts[i], re.I)]))
    out = []
    for label, idx in subsets:
        if not idx:
            continue
        out.append(("people", float(len(idx)), f"{len(idx)} rows of {key} ({label})"))
        for col, vals in per_row.items():
            picked = [vals[i] for i in idx if vals[i] is not None]
            if not picked:
                continue
            kind = "money" if col in money_cols else "people"
            out.append((kind, round(sum(picked), 2), f"sum of {col} over {label} of {key}"))
    rows = subsets[0][1]  # each row's own amount owed or price, of the rows the question names: an amount of another
    for col in money_cols:  # row in "the weekend's revenue" is an amount the answer should not add
        if "−" in col or col == "guests × price":
            out += [("money", round(per_row[col][i], 2), f"{col} of one row of {key}") for i in rows if per_row[col][i] is not None]
    return out
