"""Case-insensitive matching without ``re.IGNORECASE``.

CPython's ``re`` compares every character case-folded under ``re.I`` and cannot skip ahead to
a pattern's first letters, so a long alternation costs 2-4x more than the same pattern on
text that is already lower case. ``lower(text)`` keeps every character at its position, so
offsets found in it index the original text.

- ``folded(pattern)`` compiles a lower-case pattern for text you lower yourself (a match's
  ``group()`` is then lower case);
- ``Folded(pattern)`` stands in for ``re.compile(pattern, re.I)`` where the critic uses it
  (``search``, ``finditer``, ``findall``, ``sub``, ``split``): it lowers the text itself, and
  its matches return the original text's characters.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator, Optional

_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")
_GROUP_NAME = re.compile(r"\(\?P(<[^>]*>|=[^)]*\))")
_last: tuple[str, str] = ("", "")


def lower(text: str) -> str:
    """``text`` lower-cased, one character for one ("İ" becomes "i", not two characters)."""
    global _last
    seen, low = _last  # one tuple read: consistent under threads
    if seen is text:
        return low
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower()[:1] for ch in text)
    _last = (text, low)
    return low


def folded(pattern: str) -> re.Pattern:
    """``pattern`` compiled to match ``lower(text)`` as ``re.compile(pattern, re.I)`` matches ``text``."""
    if _UPPER_LITERAL.search(_GROUP_NAME.sub("(", pattern)):
        raise ValueError(f"folded patterns are written in lower case: {pattern[:60]!r}")
    return re.compile(pattern)


class FoldedMatch:
    """A match found in the lower-cased text, read from the original text."""

    __slots__ = ("_m", "string")

    def __init__(self, m: re.Match, string: str) -> None:
        self._m, self.string = m, string

    def _one(self, g):
        s, e = self._m.span(g)
        return None if s < 0 else self.string[s:e]

    def group(self, *gs):
        if len(gs) <= 1:
            return self._one(gs[0] if gs else 0)
        return tuple(self._one(g) for g in gs)

    def groups(self, default=None):
        return tuple(default if (v := self._one(i)) is None else v for i in range(1, self._m.re.groups + 1))

    def start(self, g=0) -> int:
        return self._m.start(g)

    def end(self, g=0) -> int:
        return self._m.end(g)

    def span(self, g=0) -> tuple[int, int]:
        return self._m.span(g)

    @property
    def lastindex(self) -> Optional[int]:
        return self._m.lastindex


class Folded:
    """``re.compile(pattern, re.I)``, matched on lower-cased text (see the module docstring)."""

    __slots__ = ("_rx", "pattern", "groups")

    def __init__(self, pattern: str) -> None:
        self._rx = folded(pattern)
        self.pattern, self.groups = pattern, self._rx.groups

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Optional[FoldedMatch]:
        m = self._rx.search(lower(text), pos, endpos)
        return m and FoldedMatch(m, text)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[FoldedMatch]:
        return (FoldedMatch(m, text) for m in self._rx.finditer(lower(text), pos, endpos))

    def findall(self, text: str) -> list:
        ms = self.finditer(text)
        if self.groups == 0:
            return [m.group() for m in ms]
        if self.groups == 1:
            return [m.group(1) or "" for m in ms]
        return [m.groups("") for m in ms]

    def sub(self, repl, text: str, count: int = 0) -> str:
        if isinstance(repl, str) and "\\" in repl:
            raise ValueError("Folded.sub takes a plain replacement or a function")
        out, last = [], 0
        for i, m in enumerate(self.finditer(text)):
            if count and i >= count:
                break
            out += (text[last:m.start()], repl(m) if callable(repl) else repl)
            last = m.end()
        return "".join(out) + text[last:]

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        if self.groups:
            raise ValueError("Folded.split takes a pattern without groups")
        out, last = [], 0
        for i, m in enumerate(self.finditer(text)):
            if maxsplit and i >= maxsplit:
                break
            out.append(text[last:m.start()])
            last = m.end()
        return out + [text[last:]]
