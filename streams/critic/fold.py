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

Both also skip the regex engine when the text cannot match: ``needed(pattern)`` reads the
pattern's parse tree for strings every match must contain (``\bfree\b|complimentary|no charge``
needs one of "free", "complimentary", "no charge"), and a text holding none of them is answered
"no match" after a few substring tests, which cost a fraction of a regex scan. ``guarded(pattern,
flags)`` does the same for ``re.compile`` patterns matched on the original text.
"""

from __future__ import annotations

import re
import sys
from re import _constants as _C
from re import _parser as _P
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


_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)
_CAP = 32  # most strings a run of finite parts may spell before it is cut


def _exact(op, av, fold: bool) -> Optional[set[str]]:
    """Every string the parsed item can match, when they are few ("(is|was) ready" gives two), else None."""
    if op is _C.LITERAL:
        ch = chr(av).lower() if fold else chr(av)
        return {ch} if len(ch) == 1 else None
    if op in _ZERO_WIDTH:
        return {""}
    if op is _C.IN and len(av) <= 4 and all(o is _C.LITERAL for o, _ in av):
        return set().union(*(_exact(o, v, fold) for o, v in av))
    if op is _C.SUBPATTERN:
        return _exact_seq(av[3], fold)
    if op is _C.BRANCH:
        found: set[str] = set()
        for alt in av[1]:
            one = _exact_seq(alt, fold)
            if one is None or len(found | one) > _CAP:
                return None
            found |= one
        return found
    if op in _REPEATS and av[1] <= 1:
        one = _exact_seq(av[2], fold)
        return None if one is None else one | ({""} if av[0] == 0 else set())
    return None


def _exact_seq(items, fold: bool) -> Optional[set[str]]:
    parts = [_exact(op, av, fold) for op, av in items]
    if any(one is None for one in parts) or _product_size(parts) > _CAP:
        return None
    return _spell(parts)


def _spell(parts) -> set[str]:
    """Every concatenation of one string from each set of ``parts``, in order."""
    run = {""}
    for one in parts:
        run = {a + b for a in run for b in one}
    return run


def _needed_in(items, fold: bool) -> Optional[set[str]]:
    """Strings of which every match of the parsed sequence ``items`` contains one, or None.

    Consecutive parts that match few strings spell runs ("where('s| is) my" spells "where's my" and
    "where is my"; lookarounds and anchors match nothing and join runs), and each stretch of plain
    characters in a run is needed too ("where"); a group, an atomic group or a repeat of at least
    one passes on its content's set; an alternation needs a set from every branch and unites them.
    Of the sets a sequence offers, the one whose shortest string is longest (up to 5 characters)
    wins, then the one with fewer strings: rare to pass by chance, cheap to test. Anything else
    (wide classes, open repeats) offers nothing: never wrong, only weaker.
    """
    options, parts = [], []

    def close_run() -> None:
        if not parts:
            return
        run = _spell(parts)
        if "" not in run:
            options.append(run)
        literal = ""
        for one in parts + [{"", " "}]:  # each stretch of plain characters is needed on its own, and cheaper
            if len(one) == 1:
                literal += next(iter(one))
            elif literal:
                options.append({literal})
                literal = ""
        parts.clear()

    for op, av in items:
        one = _exact(op, av, fold)
        if one is not None:
            if len(one) > 1 and len(parts) and _product_size(parts) * len(one) > _CAP:
                close_run()
            parts.append(one)
            continue
        close_run()
        found = None
        if op is _C.SUBPATTERN:
            found = _needed_in(av[3], fold)
        elif op is _C.ATOMIC_GROUP:
            found = _needed_in(av, fold)
        elif op in _REPEATS and av[0] >= 1:
            found = _needed_in(av[2], fold)
        elif op is _C.BRANCH:
            found = set()
            for alt in av[1]:
                if (branch := _needed_in(alt, fold)) is None:
                    found = None
                    break
                found |= branch
        if found:
            options.append(found)
    close_run()
    if not options:
        return None
    # a string of 5 characters is already rare in prose; past that, fewer strings make a cheaper test
    return max(options, key=lambda o: (min(5, min(map(len, o))), -len(o), min(map(len, o))))


def _product_size(parts) -> int:
    n = 1
    for one in parts:
        n *= len(one)
    return n


def needed(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Strings of which every match of ``pattern`` contains one (lower-cased under ``re.I``); () when
    one of them is a single letter, digit or common punctuation mark, which would rule out too few
    texts to pay for the test."""
    parsed = _P.parse(pattern, flags)
    found = _needed_in(parsed, bool(parsed.state.flags & re.I))
    if not found or any(len(s) < 2 and s not in _RARE for s in found):
        return ()
    found = {s for s in found if not any(t != s and t in s for t in found)}  # "big tray" makes "big trays" redundant
    return tuple(sorted(found, key=len))


#: single characters rare enough in prose for a guard: "@" of an e-mail address, "%" of a percentage
_RARE = frozenset("@%$€£¥×*=+#&|/~^<>[]{}")


def _lacks(hay: str, need: tuple[str, ...]) -> bool:
    """``hay`` holds none of ``need``: the text cannot match."""
    for s in need:
        if s in hay:
            return False
    return True


class Guarded:
    """A compiled pattern that answers "no match" without the regex engine when the text holds none of
    the strings every match needs (see ``needed``). Texts are searched as given, or lower-cased under
    ``re.I``; ``pos``/``endpos`` only narrow a search, so a text without the strings still cannot match."""

    __slots__ = ("_rx", "_need", "_fold", "pattern", "flags", "groups", "groupindex")

    def __init__(self, rx: re.Pattern, need: tuple[str, ...]) -> None:
        self._rx, self._need, self._fold = rx, need, bool(rx.flags & re.I)
        self.pattern, self.flags, self.groups, self.groupindex = rx.pattern, rx.flags, rx.groups, rx.groupindex

    def _absent(self, text: str) -> bool:
        return _lacks(lower(text) if self._fold else text, self._need)

    def search(self, text, *args):
        return None if self._absent(text) else self._rx.search(text, *args)

    def match(self, text, *args):
        return None if self._absent(text) else self._rx.match(text, *args)

    def fullmatch(self, text, *args):
        return None if self._absent(text) else self._rx.fullmatch(text, *args)

    def finditer(self, text, *args):
        return iter(()) if self._absent(text) else self._rx.finditer(text, *args)

    def findall(self, text, *args):
        return [] if self._absent(text) else self._rx.findall(text, *args)

    def sub(self, repl, text, count=0):
        return text if self._absent(text) else self._rx.sub(repl, text, count)

    def subn(self, repl, text, count=0):
        return (text, 0) if self._absent(text) else self._rx.subn(repl, text, count)

    def split(self, text, maxsplit=0):
        return [text] if self._absent(text) else self._rx.split(text, maxsplit)


def guarded(pattern: str, flags: int = 0):
    """``re.compile(pattern, flags)``, guarded by the strings its matches need when it has any."""
    rx = re.compile(pattern, flags)
    need = needed(pattern, flags)
    return Guarded(rx, need) if need else rx


def folded(pattern: str):
    """``pattern`` compiled to match ``lower(text)`` as ``re.compile(pattern, re.I)`` matches ``text``."""
    if _UPPER_LITERAL.search(_GROUP_NAME.sub("(", pattern)):
        raise ValueError(f"folded patterns are written in lower case: {pattern[:60]!r}")
    return guarded(pattern)


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

    __slots__ = ("_rx", "_need", "pattern", "groups")

    def __init__(self, pattern: str) -> None:
        rx = folded(pattern)  # the guard is tested here on the text lowered once, not again in Guarded
        self._rx, self._need = (rx._rx, rx._need) if isinstance(rx, Guarded) else (rx, ())
        self.pattern, self.groups = pattern, self._rx.groups

    def _absent(self, low: str) -> bool:
        return bool(self._need) and _lacks(low, self._need)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Optional[FoldedMatch]:
        low = lower(text)
        if self._absent(low):
            return None
        m = self._rx.search(low, pos, endpos)
        return m and FoldedMatch(m, text)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[FoldedMatch]:
        low = lower(text)
        if self._absent(low):
            return iter(())
        return (FoldedMatch(m, text) for m in self._rx.finditer(low, pos, endpos))

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
