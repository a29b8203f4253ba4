"""What the SQL endpoint accepts: one read-only statement, checked before ClickHouse sees it.

chdb runs every statement of a multi-statement string (``SELECT 1; DROP TABLE t`` drops the
table), and ``SELECT ... INTO OUTFILE`` writes a file even under ``readonly = 1``, so both are
refused here; the engine's ``readonly = 1`` then refuses writes, DDL and table functions such
as ``file()``. String literals, quoted identifiers and ``--``/``/* */`` comments are skipped
while scanning; anything unclear (such as a ``;`` after ``#``) is refused rather than guessed.
"""

from __future__ import annotations

import re

from sinks.clickhouse.errors import NotReadOnly

READ_ONLY_KEYWORDS = ("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "EXISTS")

_FIRST_WORD = re.compile(r"[\s(]*([A-Za-z]+)")
_OUTFILE = re.compile(r"\bINTO\s+OUTFILE\b", re.IGNORECASE)
_TRAILING_FORMAT = re.compile(r"\bFORMAT\s+([A-Za-z0-9_]+)\s*$", re.IGNORECASE)


def code_only(sql: str) -> str:
    """``sql`` with comments and the contents of quoted strings/identifiers blanked (same length)."""
    out, i, n = [], 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"`":
            end = _closing_quote(sql, i)
            out.append(ch + " " * (end - i - 1) + (sql[end] if end < n else ""))
            i = end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(" " * (end - i))
            i = end
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _closing_quote(sql: str, start: int) -> int:
    quote, i = sql[start], start + 1
    while i < len(sql):
        if sql[i] == "\\":
            i += 2
            continue
        if sql[i] == quote:
            if sql.startswith(quote * 2, i):
                i += 2
                continue
            return i
        i += 1
    return len(sql)


def strip_statement(sql: str) -> str:
    """``sql`` without surrounding whitespace and trailing semicolons."""
    return sql.strip().rstrip(";").rstrip()


def split_format(sql: str) -> tuple[str, str | None]:
    """(statement without a trailing ``FORMAT x`` clause, x or None)."""
    sql = strip_statement(sql)
    m = _TRAILING_FORMAT.search(code_only(sql))
    if not m:
        return sql, None
    return sql[: m.start()].rstrip(), m.group(1)


def check_read_only(sql: str) -> str:
    """The single statement in ``sql`` (trailing ``;`` removed) if it reads only; NotReadOnly otherwise."""
    sql = strip_statement(sql)
    code = code_only(sql)
    if not code.strip():
        raise NotReadOnly("empty statement")
    if ";" in code:
        raise NotReadOnly("one statement at a time: remove the ';' between statements")
    m = _FIRST_WORD.match(code)
    if not m or m.group(1).upper() not in READ_ONLY_KEYWORDS:
        raise NotReadOnly(
            f"only read-only statements are accepted ({', '.join(READ_ONLY_KEYWORDS)})"
        )
    if _OUTFILE.search(code):
        raise NotReadOnly("INTO OUTFILE is not accepted: the result is returned as text")
    return sql
