"""``Folded`` must behave exactly like ``re.compile(pattern, re.I)``, only faster."""

import re

import pytest

from streams.critic.fold import Folded, folded, lower

PATTERNS = [r"\bdeposit\b[^.]{0,20}(\d+)\s?(days?|d[ií]as)", r"(?P<n>\d+)\s?(and|or|y|o)\s(under|younger|menores)",
            r"we (bring|provide)|traemos", r"[.;]\s*", r"\bno\b|\bnot\b|n't"]
TEXTS = ["The DEPOSIT is refundable 14 Days before.", "Kids 12 AND UNDER eat for $30; we Bring the grill. Not indoors",
         "Niños 5 Y Menores gratis; TRAEMOS todo. İstanbul no", "", "WE PROVIDE propane. Depósito: 30 DÍAS"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_folded_matches_like_ignorecase(pattern):
    slow, fast = re.compile(pattern, re.I), Folded(pattern)
    for t in TEXTS:
        a, b = slow.search(t), fast.search(t)
        assert (a is None) == (b is None)
        if a:
            assert (a.group(), a.groups(), a.span(), a.lastindex) == (b.group(), b.groups(), b.span(), b.lastindex)
        assert [m.group(0) for m in slow.finditer(t)] == [m.group(0) for m in fast.finditer(t)]
        assert slow.findall(t) == fast.findall(t)
        assert slow.sub("_", t) == fast.sub("_", t)
        assert slow.sub(lambda m: m.group().upper(), t) == fast.sub(lambda m: m.group().upper(), t)
        if not slow.groups:
            assert slow.split(t) == fast.split(t)


def test_lower_keeps_positions():
    assert len(lower("İstanbul DEPÓSITO")) == len("İstanbul DEPÓSITO")
    assert lower("İstanbul DEPÓSITO") == "istanbul depósito"


def test_upper_case_literal_is_refused():
    with pytest.raises(ValueError):
        folded(r"\bER\b")
    assert folded(r"\D+\s").pattern == r"\D+\s"


# --- the guard: strings every match needs -------------------------------------------------------

from streams.critic.fold import Guarded, guarded, needed  # noqa: E402


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\bfree\b|complimentary|no (extra )?charge", 0, {"free", "complimentary", "no charge", "no extra charge"}),
    (r"(?<!feel )\bfree\b(?! to\b)", 0, {"free"}),  # lookarounds need nothing
    (r"\b(i|we) (want|demand) a refund", 0, {" a refund"}),  # one string of 5+ characters beats four
    (r"where('?s| is) (my|our) refund", 0, {" refund"}),
    (r"\b(i|we)\b[^.]{0,30}\bcomplain", 0, {"complain"}),  # the longest run wins
    (r"d[ée]çu|no[- ]show", 0, {"deçu", "déçu", "no-show", "no show"}),
    (r"Deposit|ANZAHLUNG", re.I, {"deposit", "anzahlung"}),  # lower-cased under re.I
    (r"[\w.+-]+@[\w-]+", 0, {"@"}),  # a rare single character is enough
    (r"(\d+)%|(\d+) percent", 0, {"%", " percent"}),
    (r"(?:big|large) (?:tray|pan)s?\b", 0, {"big tray", "big pan", "large tray", "large pan"}),  # "big trays" holds "big tray"
])
def test_needed_strings(pattern, flags, expected):
    assert set(needed(pattern, flags)) == expected


@pytest.mark.parametrize("pattern", [r"free|x", r"(?:free)?\d+", r"a.b", r"\d+\.\d+", r"free|", r"(?:no)*"])
def test_no_guard_when_a_match_can_do_without(pattern):
    """A branch or part that can match without a two-character string (or nothing at all) gives no guard."""
    assert needed(pattern) == ()
    assert not isinstance(guarded(pattern), Guarded)


def test_guarded_answers_like_the_pattern():
    rx, plain = guarded(r"\b(refund|money back)\b", re.I), re.compile(r"\b(refund|money back)\b", re.I)
    for t in ["I want a REFUND now", "nothing here", "", "Money Back, please; refund too"]:
        assert [m.span() for m in rx.finditer(t)] == [m.span() for m in plain.finditer(t)]
        assert (rx.search(t) is None) == (plain.search(t) is None)
        assert rx.sub("_", t) == plain.sub("_", t) and rx.split(t) == plain.split(t) and rx.findall(t) == plain.findall(t)
        assert rx.subn("_", t) == plain.subn("_", t)
    assert rx.search("no match here") is None and rx.sub("_", "keep") == "keep"


def _critic_patterns():
    import importlib
    import pkgutil

    import streams.critic as pkg
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"streams.critic.{info.name}")
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else [value]
            for v in values:
                if isinstance(v, (Guarded, Folded)) and needed(v.pattern, getattr(v, "flags", 0)):
                    yield f"{info.name}.{name}", v


def test_no_guard_hides_a_match_in_the_case_texts():
    """Every guarded pattern of the critic finds what its unguarded regex finds, on every question and answer
    of the shared cases and of four seen blind sets: a wrong guard would silently switch a check off."""
    import json
    from pathlib import Path

    data = Path(__file__).parent / "data"
    texts = []
    for path in [Path("/work/shared/eval/shared_cases.jsonl")] + [data / f"blind{n}_cases.jsonl" for n in (21, 22, 23, 24)]:
        if path.exists():
            for line in path.read_text().splitlines():
                case = json.loads(line)
                texts += [case["question"], *[c["text"] for c in case["candidates"]]]
    assert len(texts) > 1000
    patterns = list(_critic_patterns())
    assert len(patterns) > 100
    for name, rx in patterns:
        folds = isinstance(rx, Folded)
        for t in texts:
            assert (rx.search(t) is None) == (rx._rx.search(lower(t) if folds else t) is None), (name, t[:80])


EDGE_TEXTS = ["Setup 10a-1p, 5–11pm or de 1 a 10pm; a las 6", "On 2025-04-12 or 4/12/2025, on 3/15", "Sat 7 Jun, el viernes 15",
              "45¢/mile, 90p per mile, 12 cents a mile", "1 242,50 $, 69 $, US$ 1.424,00, C$ 80, A$90, $1.200,00",
              "19 h 30, 20 h", "It's 1999 and 2026", "1. Reach out", "Fri 5:30pm", "no digits at all, La fiesta"]


def test_cheap_gates_never_skip_a_match():
    """The substring tests that skip a costly scan in ``mentions._noise`` and ``numbers.localize`` hold for every
    text the scanned pattern matches: a wrong one would stop reading a clock time, pence or a decimal comma."""
    import json
    from pathlib import Path

    from streams.critic import mentions as M
    from streams.critic import numbers as N

    texts = list(EDGE_TEXTS)
    for line in Path("/work/shared/eval/shared_cases.jsonl").read_text().splitlines() \
            if Path("/work/shared/eval/shared_cases.jsonl").exists() else []:
        case = json.loads(line)
        texts += [case["question"], *[c["text"] for c in case["candidates"]]]
    for t in texts:
        d = N.digitize(t)
        full = sorted({(m.start(), m.end()) for rx in M._NOISE_ALWAYS for m in rx.finditer(d)})
        assert sorted({s for s in M._noise(d) if s in full}) == full, d
        assert not N._PENCE.search(t) or N._PENCE_GATE.search(t), t
        for s in (t, t.replace("€", "$")):
            assert not N._TRAILING_DOLLAR.search(s) or N._DIGIT_DOLLAR.search(s), s
            assert not N._PREFIX_DECIMAL.search(s) or "," in s, s
            assert not N._PREFIX_CURRENCY.search(s) or any(c in s for c in ("C$", "A$", "US$")), s
    assert N.localize("1 242,50 $ y US$ 1.424,00 a 45¢/mile") == "$1,242.50 y $1,424.00 a $0.45/mile"
    assert (0, 4) in M._noise("5:30 pm") and M._noise("no digits") == []
