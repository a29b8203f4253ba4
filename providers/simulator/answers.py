"""What the simulator says: pure, deterministic answer logic shared by the loopback server
and ``providers.inprocess``.

Given the business facts and the question, ``answer_text`` picks the facts that share words
with the question and phrases a short answer; a question about a dish that is not on the menu
gets a polite "not on our menu". With probability ``hallucination_rate`` the answer carries an
injected hallucination (an invented menu item with a price, or a wrong price). Every choice is
seeded by (seed, provider, question text), so the same question always gets the same answer.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from providers.prompting import FACTS_HEADER, LESSONS_HEADER, QUESTION_HEADER
from schemas.context import flatten_context

INVENTED_ITEMS = (("wagyu beef", 80), ("lobster tail", 65), ("truffle fried rice", 30))
_STOP = frozenset(
    """a an the and or of to in on for at by with from is are was be been do does did can could
    would will shall should may might i me my we us our you your it its this that these those
    what which who whom how when where why there here any some have has had get got serve serves
    served offer offers offered provide provides bring make makes cook cooks please tell about
    much many per if not no yes also just like want need know option options menu food dish
    dishes item items available include includes""".split()
)
_MENU_VERBS = frozenset("serve serves offer offers have menu cook cooks make makes include includes available".split())
_MENU_KEYS = ("menu", "proteins", "dishes", "items")
_PRICE = re.compile(r"\$(\d+(?:\.\d+)?)")
_WORD = re.compile(r"[a-z0-9$]+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class SimAnswer:
    """An answer and, when one was injected, the kind of hallucination (for tests and logs)."""

    text: str
    hallucination: Optional[str] = None


def token_count(text: str) -> int:
    """Deterministic token estimate: words × 4/3, at least 1 for non-empty text."""
    words = len(text.split())
    return (words * 4 + 2) // 3 if words else 0


def rng_for(seed: int, provider: str, question: str) -> random.Random:
    """A Random seeded by (seed, provider, question text); stable across processes."""
    digest = hashlib.sha256(f"{seed}|{provider}|{question}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Lower-cased words with a naive plural strip. Cached: fact texts repeat across questions."""
    return tuple(_singular(w) for w in _WORD.findall(text.lower()))


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=8192)
def content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in _STOP and not w.isdigit())


def relevant_facts(facts: dict[str, str], question: str, limit: int = 2) -> list[tuple[str, str]]:
    """Facts sharing words with the question, best overlap first (ties by key)."""
    q = set(content_words(question)) | {w for w in words(question) if w in ("price", "cost", "much")}
    if {"much", "cost", "price"} & q:
        q |= {"price", "cost", "fee"}
    scored = []
    for key, value in facts.items():
        fact_words = set(words(key.replace("_", " "))) | set(words(value))
        score = len(q & fact_words)
        if score:
            scored.append((-score, key, value))
    return [(k, v) for _, k, v in sorted(scored)[:limit]]


def _menu_fact(facts: dict[str, str]) -> Optional[str]:
    for key in _MENU_KEYS:
        if facts.get(key):
            return facts[key]
    return None


def _menu_answer(facts: dict[str, str], question: str) -> Optional[tuple[str, Optional[str]]]:
    """(answer, asked item not on the menu or None) for menu questions; None otherwise."""
    menu = _menu_fact(facts)
    if menu is None or not (_MENU_VERBS & set(words(question))):
        return None
    items = [i.strip() for i in menu.split(",") if i.strip()]
    menu_words = set(words(menu))
    # len > 2: the "s" of "what's" is not a dish
    asked = [w for w in content_words(question) if len(w) > 2 and w not in menu_words and not _fact_word(w, facts)]
    matched = [w for w in content_words(question) if w in menu_words]
    if matched:
        return f"Yes! We serve {' and '.join(dict.fromkeys(matched))}. Our menu: {', '.join(items)}.", None
    if asked:
        item = " ".join(dict.fromkeys(asked))
        return f"Sorry, {item} is not on our menu. We offer {', '.join(items)}.", item
    return f"Our menu: {', '.join(items)}.", None


def _fact_word(w: str, facts: dict[str, str]) -> bool:
    return any(w in _key_words(k) for k in facts)


@lru_cache(maxsize=4096)
def _key_words(key: str) -> tuple[str, ...]:
    return words(key.replace("_", " "))


def compose(facts: dict[str, str], question: str) -> tuple[str, Optional[str]]:
    """The grounded answer and the asked-for item when it is not on the menu."""
    facts = flatten_context(facts)  # {"pricing": '{"adult": 60}'} is said as "Adult: $60", the way the critic reads it
    menu = _menu_answer(facts, question)
    if menu is not None:
        return menu
    picked = relevant_facts(facts, question)
    if not picked:
        return ("I'm sorry, I don't have that information right now. A member of our team will follow up with you.", None)
    body = " ".join((f"{v[:1].upper()}{v[1:].rstrip('.')}." if "." in k and ":" in v else
                     f"{k.replace('_', ' ').capitalize()}: {v.rstrip('.')}.") for k, v in picked)
    return f"Here's what I can tell you. {body}", None


def inject(text: str, missing_item: Optional[str], rng: random.Random) -> SimAnswer:
    """Add one hallucination: a wrong price when the answer quotes one, else an invented item."""
    prices = _PRICE.findall(text)
    if prices and rng.random() < 0.5:
        old = prices[0]
        new = f"{float(old) + rng.choice((10, 15, 20, 25)):g}"
        return SimAnswer(text.replace(f"${old}", f"${new}", 1), "wrong_price")
    item, price = INVENTED_ITEMS[rng.randrange(len(INVENTED_ITEMS))]
    if missing_item:
        return SimAnswer(f"Yes, we serve {missing_item} for ${price}/person.", "invented_item")
    return SimAnswer(f"{text} We also offer {item} at ${price}/person.", "invented_item")


def answer_text(facts: dict[str, str], question: str, *, provider: str, seed: int, hallucination_rate: float) -> SimAnswer:
    """The simulator's answer: grounded in ``facts``, sometimes with an injected hallucination."""
    rng = rng_for(seed, provider, question)
    text, missing_item = compose(facts, question)
    if rng.random() < hallucination_rate:
        return inject(text, missing_item, rng)
    return SimAnswer(text)


# --- judge prompts -----------------------------------------------------------------------

_ANSWER_LABEL = re.compile(r"^\s*(?:answer|candidate|response)?\s*\(?([AB])\)?\s*[:)]\s*", re.I | re.M)


def split_answers(text: str) -> dict[str, str]:
    """Answers labelled ``Answer A:`` / ``Answer B:`` (also ``Candidate A:``, ``A)``) in a judge prompt."""
    marks = list(_ANSWER_LABEL.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out[m.group(1).upper()] = text[m.end():end].strip()
    return out


def support_score(answer: str, facts: dict[str, str]) -> int:
    """Grounding heuristic: shared words with the facts, minus 5 per price the facts lack and
    per invented item it mentions."""
    fact_text = " ".join(facts.values())
    score = len(set(content_words(answer)) & set(content_words(fact_text + " " + " ".join(facts))))
    return score - 5 * len(unsupported_claims(answer, facts))


def unsupported_claims(answer: str, facts: dict[str, str]) -> list[str]:
    """Prices the facts do not list and invented menu items the answer mentions."""
    fact_text = " ".join(facts.values())
    known_prices = set(_PRICE.findall(fact_text))
    claims = [f"${p}" for p in _PRICE.findall(answer) if p not in known_prices]
    claims += [item for item, _ in INVENTED_ITEMS if item in answer.lower() and item not in fact_text.lower()]
    return claims


def judge_verdict(facts: dict[str, str], question: str) -> str:
    """A JSON verdict ``{"winner": "A"|"B"|"tie", "hallucinated": [...], "reason": ...}`` by
    ``support_score``; ``hallucinated`` lists answers with ``unsupported_claims``."""
    answers = split_answers(question)
    a, b = answers.get("A", ""), answers.get("B", "")
    hallucinated = [label for label, text in (("A", a), ("B", b)) if unsupported_claims(text, facts)]
    sa, sb = support_score(a, facts), support_score(b, facts)
    if sa == sb:
        winner, reason = "tie", "Both answers are equally supported by the business facts."
    else:
        winner = "A" if sa > sb else "B"
        reason = f"Answer {winner} is better supported by the business facts (score {max(sa, sb)} vs {min(sa, sb)})."
    return json.dumps({"winner": winner, "hallucinated": hallucinated, "reason": reason})


def wants_json(text: str) -> bool:
    return "json" in text.lower()


# --- reading a rendered prompt back -------------------------------------------------------

def parse_prompt(system: str, user: str) -> tuple[dict[str, str], str]:
    """(facts, question) from messages rendered by ``providers.prompting``; for foreign text,
    no facts and the whole user message as the question."""
    facts: dict[str, str] = {}
    question = user.strip()
    section = None
    lines_q: list[str] = []
    for line in user.splitlines():
        stripped = line.strip()
        if stripped in (FACTS_HEADER, LESSONS_HEADER, QUESTION_HEADER):
            section = stripped
            continue
        if section == FACTS_HEADER and stripped.startswith("- ") and ":" in stripped:
            key, _, value = stripped[2:].partition(":")
            facts[key.strip()] = value.strip()
        elif section == QUESTION_HEADER:
            lines_q.append(line)
    if lines_q:
        question = "\n".join(lines_q).strip()
    return facts, question
