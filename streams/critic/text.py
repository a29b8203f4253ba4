"""Text helpers shared by the claim checks: sentences, number comparison, what answers are checked against."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .arithmetic import Derived
from .facts import FactBook
from .numbers import close

# "from 11 a.m. to 10 p.m." is one sentence: "a.m." ends one only before a capital; "vs." and "e.g." end none
# (``sentences`` splits after the dot; ``sentence_at``/``sentence_span`` read the same ends through _BOUNDARY)
_NOT_AN_END = r"(?<!\bvs.)(?<!\bapprox.)(?<!\bincl.)(?<!\be\.g.)(?<!\bi\.e.)"  # "$34 vs. $68", "e.g. gyoza": no sentence ends there
# Both patterns begin with the character they consume and look behind from there: a pattern that
# begins with a lookbehind makes ``re`` try it at every position, one that begins with a character
# class lets it skip to the next candidate character (about 10x faster on an answer).
_SENTENCE = re.compile(r"\s(?:(?<=[.!?;]\s)(?<![aApP]\.[mM]\.\s)(?<![vV]s\.\s)(?<!approx\.\s)(?<!incl\.\s)(?<!e\.g\.\s)(?<!i\.e\.\s)\s*|"
                       r"(?<=[aApP]\.[mM]\.\s)\s*(?=[A-Z¿¡])|\s*[—–]\s+|(?<=\n)\n*)")


@dataclass(frozen=True)
class CheckContext:
    """What every answer to one question is checked against."""

    book: FactBook
    derived: Derived
    question: str
    question_phones: frozenset
    question_foods: frozenset
    needs: tuple[str, ...]
    answer_products: frozenset = frozenset()
    asked_words: frozenset = frozenset()


def within(v: float, values) -> bool:
    return any(close(v, x) for x in values)


def gap(v: float, pool) -> Optional[tuple[float, float]]:
    """Two amounts of ``pool`` that differ by ``v`` (larger first), if any."""
    return next(((a, b) for a in pool for b in pool if a > b and close(a - b, v)), None)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


_BOUNDARY = re.compile(r"[.!?;\n](?:(?<=\n)|" + _NOT_AN_END + r"(?<![aApP]\.[mM].)(?=\s|$)|(?<=[aApP]\.[mM]\.)(?=\s+[A-Z¿¡]|$))")


@lru_cache(maxsize=256)
def _bounds(text: str) -> tuple[list[int], list[int]]:
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    return [0] + ends, ends + [len(text)]


def sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos`` (a "." inside "$1.75" is not a boundary)."""
    start, end = sentence_span(text, pos)
    return text[start:end].strip()


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Where the sentence around ``pos`` starts and ends in ``text``."""
    starts, ends = _bounds(text)
    i = bisect_right(starts, pos) - 1
    return starts[i], ends[i]
