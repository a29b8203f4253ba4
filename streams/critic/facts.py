"""Business facts: the knowledge file, merging with a question's context, and their parsed form.

Knowledge file format (JSON): either ``{"business": "...", "facts": {"key": "text", ...}}`` or a
flat ``{"key": "text"}`` object. Values are strings; a list is joined with "; "; a nested object
becomes one fact per field (``flatten_facts``), so ``{"pricing": {"adult": "$65"}}`` reads as the
fact ``pricing.adult`` = "adult: $65".
Key names are hints only (``menu``, ``prices``, ``deposit``...): the critic reads the text.

``merge_facts(knowledge, context)`` guarantees: every key of both maps is present (nested ones
flattened), and the question's context wins on conflict.
"""

from __future__ import annotations

import json
import csv
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from schemas.context import cents_as_dollars, flatten_context as flatten_facts, human_key, key_name

from .lexicon import FOOD_CORES, GENERIC_FOODS, find_foods, find_subjects, food_core
from .mentions import OWN_FEE, Mention, mentions
from .numbers import digitize, localize

_SEGMENT = re.compile(r"(?<=[.;])(?<!\bincl\.)(?<!\bexcl\.)(?<!\bapprox\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)\s+|"  # "20% of total incl. HST"
                      r"\n+|\s+[|·•]\s+|"  # "lobster tail +$15/pp | filet +$10/pp"
                      r"(?<=\d)\s+/\s+(?=[A-Za-z<]{2,}(?!\s*(?:guest|person|head|pp|adult|kid|child|hour|hr|mile|mi|km|order|tray|event|party|plate|day)s?\b))")  # "ADULT 60.00 / CHILD 30.00"


def load_knowledge(path: Path | str) -> dict[str, str]:
    """Facts from a knowledge file (see module docstring); raises ValueError on a bad file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read knowledge file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"knowledge file {path} must hold a JSON object")
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else data
    out = flatten_facts(facts)
    if "business" in data and isinstance(data["business"], str):
        out.setdefault("business", data["business"])
    return out


def merge_facts(knowledge: Mapping[str, str], context: Mapping[str, str]) -> dict[str, str]:
    """Knowledge facts overlaid with the question context (context wins), keys sorted.

    The context wins by key and also by subject: a knowledge sentence that prices one subject (adult,
    kid, minimum, deposit, a food...) the context prices differently under another key ("adult_price":
    "$64 per adult" against the knowledge file's "prices": "Adults $60 per person; ...") is left out."""
    kn, ctx = flatten_facts(knowledge), flatten_facts(context)
    if kn and ctx:
        kn = _not_overridden(kn, ctx)
    merged = {**kn, **ctx}
    return {k: merged[k] for k in sorted(merged)}


def _not_overridden(kn: dict[str, str], ctx: dict[str, str]) -> dict[str, str]:
    ours = build_factbook(ctx).priced
    if not ours:
        return kn
    theirs = build_factbook(kn).priced
    by_segment: dict[tuple[str, str], set[str]] = {}
    for p in theirs:
        by_segment.setdefault((p.key, p.text), set()).add(p.subject)
    out = dict(kn)
    for p in theirs:
        if p.key in ctx or len(by_segment[(p.key, p.text)]) != 1 or p.text not in out.get(p.key, ""):
            continue
        newer = [q for q in ours if q.subject == p.subject and (q.unit is None or p.unit is None or q.unit == p.unit)]
        if len({q.value for q in newer}) != 1 or abs(newer[0].value - p.value) < 0.005:
            continue
        spots = list(re.finditer(rf"(?<![\d.,])(\$\s?)?({_amount_forms(p.value)})(?![\d,]*\d)", p.text))
        if len(spots) == 1:  # "kids 12 and under $30 per person" keeps its age band with the context's amount
            spot = spots[0]
            amount = f"{newer[0].value:,.2f}".removesuffix(".00")
            out[p.key] = out[p.key].replace(p.text, p.text[:spot.start(2)] + amount + p.text[spot.end(2):])
    return out


def _amount_forms(value: float) -> str:
    forms = {f"{value:,.2f}", f"{value:.2f}", f"{value:,.0f}" if value == int(value) else f"{value:,.2f}",
             f"{value:.0f}" if value == int(value) else f"{value:g}"}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class PricedFact:
    """A money amount the facts attach to a subject (adult, kid, minimum, a food...)."""

    subject: str
    value: float
    unit: Optional[str]
    key: str
    text: str


@dataclass
class FactBook:
    """The facts parsed once per question: values by kind, priced subjects, foods, policies."""

    facts: dict[str, str]
    raw: dict[str, str] = field(default_factory=dict)  # the facts as given (tables and CSV before they are read as sentences)
    mentions: list[tuple[str, str, Mention]] = field(default_factory=list)  # (key, segment, mention)
    priced: list[PricedFact] = field(default_factory=list)
    foods: set[str] = field(default_factory=set)
    denied_foods: set[str] = field(default_factory=set)  # "we do not offer salmon, lobster or sushi"
    text: str = ""
    segments: list[tuple[str, str]] = field(default_factory=list)
    memo: dict = field(default_factory=dict)

    def values(self, kind: str) -> set[float]:
        return {m.value for _, _, m in self.mentions if m.kind == kind}

    def all_numbers(self) -> set[float]:
        return {m.value for _, _, m in self.mentions if isinstance(m.value, float)}

    def counts(self) -> set[float]:
        """Every number in the facts except money amounts and percentages (ages, guests, days...)."""
        return {m.value for _, _, m in self.mentions if isinstance(m.value, float) and m.kind not in ("money", "percent")}

    def percents_for(self, topic: str) -> set[float]:
        """Percentages stated in the facts about ``topic`` ("deposit", "tax" or "gratuity")."""
        rx = {"deposit": r"deposit|dep[oó]sito", "tax": r"\btax|\b(?:hst|gst|vat|iva|pst|qst)\b|impuesto"}.get(
            topic, r"gratuity|\btip|service charge|propina")
        out = set()
        for key, seg, m in self.mentions:
            if m.kind == "percent":  # "10.25% sales tax applies to food + service charge" is a tax, not the gratuity
                named = PERCENT_NAMED.match(seg, m.end)
                if re.search(rx, named.group() if named else f"{human_key(key)} {seg}", re.I):
                    out.add(m.value)
        return out

    def notice_days(self) -> set[float]:
        """Days of notice a booking needs ("book at least 10 days ahead", "minimum 5 days' notice")."""
        return {m.value for _, seg, m in self.mentions if m.kind == "days"
                and re.search(r"notice|ahead|in advance|anticipaci|\blead\b", seg, re.I) and re.search(r"book|reserv|notice", seg, re.I)}

    def distance_unit(self) -> Optional[str]:
        """"km" or "mi" when every distance of the facts is in that one unit, else None. Memoized."""
        if "distance_unit" not in self.memo:
            units = {m.unit for _, _, m in self.mentions if m.kind == "distance"}
            self.memo["distance_unit"] = units.pop() if len(units) == 1 else None
        return self.memo["distance_unit"]

    def free_miles(self) -> set[float]:
        """Distances the facts say are travelled free ("free within 25 miles", "first 20 miles free",
        "travel_free_radius_miles": 20)."""
        if "free_miles" not in self.memo:
            self.memo["free_miles"] = {m.value for key, seg, m in self.mentions if m.kind == "distance"
                                       and re.search(r"free|gratis|included|no (travel )?(charge|fee)|sin (cargo|costo)|complimentary", seg, re.I)
                                       or m.kind == "number" and re.search(r"free", key, re.I)
                                       and re.search(r"(?<![a-z])(?:mi|km)(?![a-z])|miles?|radius", key, re.I)}
        return self.memo["free_miles"]

    def phones(self) -> set[str]:
        return {m.value for _, _, m in self.mentions if m.kind == "phone"}

    def protein_counts(self) -> set[float]:
        """How many proteins each guest chooses, per the facts."""
        return set(self.tier_protein_counts().values()) | self.memo["proteins_untiered"]

    def tier_protein_counts(self) -> dict[frozenset, float]:
        """How many proteins each tier's guests choose, by the words that name the tier
        ("tiers.Classic.proteins_choose": 2); memoized. Counts outside a tier record are kept aside."""
        if "tier_proteins" not in self.memo:
            tiers, loose = {}, set()
            for key, seg, m in self.mentions:
                if isinstance(m.value, float) and re.search(r"protein|prote[ií]na", seg, re.I) and \
                        (m.kind == "proteins" or re.search(r"(choose|pick|picks|elige|prote[ií]nas?:|proteins?:)\W*$", seg[max(0, m.start - 12):m.start], re.I)):
                    fields = key.split(".")
                    named = re.search(r"(?:^|[,;]\s*)" + RECORD_NAME, seg[:m.start], re.I)
                    # {"packages": [{"name": "Backyard Basic", "proteins": 2}]}: the record's own name field names the tier
                    name = human_key(fields[-2]) if len(fields) > 2 else named.group(1) if named else ""
                    words = frozenset(w for w in re.findall(r"[^\W\d_]{3,}", name.lower()) if w not in NAMES_NOTHING)
                    if words:
                        tiers[words] = m.value
                    else:
                        loose.add(m.value)
            self.memo["tier_proteins"], self.memo["proteins_untiered"] = (tiers if len(tiers) >= 2 else {}), \
                loose | (set(tiers.values()) if len(tiers) < 2 else set())
        return self.memo["tier_proteins"]

    def tiers(self) -> dict[float, tuple[str, frozenset]]:
        """Menu tiers: each per-person base price, as (whose: "adult" or "kid", the words that name
        its tier) ("Classic hibachi: $70 per guest", "tiers.Premium.child_6_12_usd": 45), when the
        facts price two or more tiers; otherwise empty. Memoized."""
        if "tiers" not in self.memo:
            named: dict[float, tuple[str, frozenset]] = {}
            for p in self.priced:
                if p.subject in ("adult", "person", "kid") and p.unit in ("per_person", None) and (words := _tier_words(p)):
                    whose = "kid" if p.subject == "kid" else "adult"
                    named[round(p.value, 2)] = (whose, named.get(round(p.value, 2), (whose, frozenset()))[1] | words)
            self.memo["tiers"] = named if len({w for _, w in named.values()}) >= 2 else {}
        return self.memo["tiers"]

    def prices_for(self, subject: str) -> list[PricedFact]:
        return [p for p in self.priced if p.subject == subject]

    def speaks_of(self, rx: re.Pattern) -> bool:
        """Whether any fact, its key read as words ("start_times: 4pm") with its value, matches ``rx``;
        memoized per book, so a check that needs the facts silent on a topic asks once per business."""
        hit = self.memo.get(("speaks", rx))
        if hit is None:
            hit = self.memo[("speaks", rx)] = any(rx.search(f"{human_key(k)} {v}") for k, v in self.facts.items())
        return hit

    def segments_with(self, pattern: str) -> list[tuple[str, str]]:
        """(key, segment) pairs whose text matches ``pattern``, in fact order; memoized per book."""
        hit = self.memo.get(("seg", pattern))
        if hit is None:
            rx = re.compile(pattern, re.I)
            hit = self.memo[("seg", pattern)] = [(k, s) for k, s in self.segments if rx.search(s)]
        return hit


#: what a percentage is of, named right after it: "10.25% sales tax", "25% deposit", "18% of the food as gratuity"
PERCENT_NAMED = re.compile(r"\s?(?:%|percent|por ?ciento)?\s*(?:of (?:the |your )?[\w ]{0,20}? (?:as|for) (?:the |a |your )?)?(?:(?:sales |state |local )?tax|impuestos?|iva|"
                           r"(?:refundable |non-refundable )?deposit|dep[oó]sito|gratuity|service charge|propina|tip)\b", re.I)

#: a per-guest amount charged on top of the food on some days: "holiday_surcharge": "$10 per guest on Christmas Eve"
_SURCHARGE = re.compile(r"surcharge|recargo|holiday|peak (?:date|day|season)|premium (?:date|day)s?\b|supplement", re.I)


#: "Weekend (Sat/Sun) surcharge A$5 per adult": a charge on top of the adults' price, not their price
_ADDED_CHARGE = re.compile(r"\b(?:surcharge|supplement|recargo)\b[^.;]{0,14}$", re.I)


def _surcharge(key: str, text: str) -> Optional[str]:
    return "surcharge" if _SURCHARGE.search(f"{key_name(key)} {text}") else None


#: subjects of the base prices; every other priced subject is an item or add-on ("lobster tail", "filet")
BASE_SUBJECTS = frozenset({"adult", "kid", "teen", "person", "minimum", "deposit", "travel", "chef", "service"})
_KEY_SUBJECT = (("minimum", "minimum"), ("min_food", "minimum"), ("min food", "minimum"), ("min_spend", "minimum"),
                ("min spend", "minimum"), ("min_charge", "minimum"), ("min_order", "minimum"), ("food_min", "minimum"),
                ("deposit", "deposit"), ("travel", "travel"), ("gratuity", "service"), ("zone", "travel"), ("zona", "travel"))


#: a record's own name field, as flattened: "name: Backyard Basic, per adult: $55 per person, proteins: 2"
RECORD_NAME = r"(?:name|nombre|tier|package|paquete):\s*([^,;]+)"

_DENY = re.compile(r"\b(do not|don'?t|does not|doesn'?t|cannot|can'?t|never|not available|not offered|no longer|"
                   r"no ofrecemos|no servimos|no tenemos)\b", re.I)


_ORDER_LABEL = re.compile(r"(?:\bserves \d+|\(\d+\s?(?:pc|pcs|pieces?)\)|\bplatter|\btray)\)?\s*:\s*\$?$", re.I)
_WAS = re.compile(r"\$?(\d+(?:\.\d+)?)\s*\((?:was|previously|formerly|antes|vorher|avant)\s*:?\s*\$?(\d+(?:\.\d+)?)\)", re.I)


def _drop_replaced(book: FactBook) -> None:
    """"adults $45 (was 40)": a price another fact still gives as $40 for the same thing is out of date."""
    pairs = {(float(m.group(1)), float(m.group(2))) for _, seg in book.segments for m in _WAS.finditer(seg)}
    if not pairs:
        return
    stale = {(p.subject, old): new for new, old in pairs for p in book.priced if p.value == new}
    book.priced = [p for p in book.priced if (p.subject, p.value) not in stale]
    current = {p.value for p in book.priced}
    book.memo["replaced"] = {old: (subject, new) for (subject, old), new in stale.items() if old not in current}


_NO_FOOD = re.compile(r"\b(?:no|sin|pas de|kein(?:e|en)?)\s+", re.I)


def build_factbook(facts: Mapping[str, str]) -> FactBook:
    """Parse every fact once. Deterministic: keys are visited in sorted order.

    Books are cached by content: a business's facts repeat across its questions. A cached book
    is shared, so callers must treat it as read-only (its ``memo`` only grows with pure results).
    """
    return _cached_book(tuple(sorted((str(k), str(v)) for k, v in facts.items())))


_CELL = re.compile(r"\s*\|\s*")


_RULE_ROW = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")


def _untable(text: str) -> str:
    """A "|" table with a header row, one fact per row: "item | price | unit | notes" over
    "Adult | $75 | per person | ages 13+" reads "Adult: $75 per person (ages 13+)". Markdown rule
    rows ("|---|---|") are dropped; text between tables ("**Add-ons**") separates them."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not _RULE_ROW.fullmatch(ln)]
    if any("|" not in ln for ln in lines) and any("|" in ln for ln in lines):
        blocks, cur = [], []
        for ln in lines:
            if ("|" in ln) != bool(cur and "|" in cur[-1]) and cur:
                blocks.append(cur)
                cur = []
            cur.append(ln)
        blocks.append(cur)
        return "\n".join(_untable("\n".join(b)) if "|" in b[0] else "\n".join(b) for b in blocks)
    if len(lines) < 2 or not all(ln.count("|") >= 1 for ln in lines) or re.search(r"\d|\$", lines[0]):
        return text
    rows = []
    for ln in lines[1:]:
        cells = [c for c in _CELL.split(ln.strip().strip("|")) if c]
        if len(cells) < 2:
            rows.append(ln)
            continue
        head, value, rest = cells[0], cells[1], cells[2:]
        if rest and re.match(r"(per|/|each|flat|one-time)\b", rest[0], re.I):
            value, rest = f"{value} {rest[0]}", rest[1:]
        rows.append(f"{head}: {value}" + (f" ({', '.join(rest)})" if rest else ""))
    return "\n".join(rows)


_MONEY_HEAD = re.compile(r"price|usd|cost|fee|amount|rate|charge|eur|gbp|cad|aud|sgd|nzd|mxn", re.I)


def _uncsv(text: str) -> str:
    """A CSV table with a header row ("item,price,unit" over "adult,58,per person") as a "|" table,
    bare amounts under a money header written as dollars: "adult: $58 per person"."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    label = re.match(r"([\w ]{1,30}):\s+(?=[A-Za-z_][\w ]*,)", lines[0]) if lines else None
    if label and "," not in label.group(1):  # "content: item,category,price_sgd,…" (a nested field's label before the header)
        table_text = _uncsv("\n".join([lines[0][label.end():]] + lines[1:]))
        return text if table_text.startswith(lines[0][label.end():]) else f"{label.group(1)}:\n{table_text}"
    table = list(csv.reader(lines))  # quoted cells may hold commas: "Choice of 2 proteins: chicken, shrimp"
    widths = {len(row) for row in table}
    if len(lines) < 3 or len(widths) != 1 or 1 in widths or re.search(r"\d|:", lines[0]) or \
            not all(re.fullmatch(r"\s*[A-Za-z_][\w ]{0,24}\s*", c) for c in table[0]) or \
            not _MONEY_HEAD.search(lines[0]) or \
            sum(bool(re.search(r"\d", ln)) for ln in lines[1:]) * 2 < len(lines) - 1:
        return text  # "Proteins: chicken, shrimp, steak" over "Sides: …" is a list, not a table
    head = [c.strip() for c in table[0]]
    money_cols = [i for i, h in enumerate(head) if _MONEY_HEAD.search(h)]
    cents = {i for i in money_cols if re.search(r"cents", head[i], re.I)}  # "price_cents": 6500 is $65.00
    # "item,category,price_usd,unit,notes": the amount and its unit follow the item, the rest are notes
    lead = next((i for i, h in enumerate(head) if re.fullmatch(r"name|item|product|title|dish", h, re.I)), 0)  # not "sku"
    order = [lead] + money_cols[:1] + [i for i, h in enumerate(head) if re.fullmatch(r"unit|per|basis", h, re.I)]
    order += [i for i in range(len(head)) if i not in order]
    rows = []
    for row in table[1:]:
        cells = [c.strip().replace("|", "/") for c in row]
        cells = [(cents_as_dollars(c) if i in cents and c.isdigit() else f"${c}")
                 if i in money_cols and re.fullmatch(r"\d+(?:\.\d+)?", c) else
                 c.replace("_", " ") if re.fullmatch(r"per_\w+", c) else c for i, c in enumerate(cells)]
        rows.append(" | ".join(cells[i] for i in order if i < len(cells)))
    head = [re.sub(r"_?cents$", "", h, flags=re.I) or h for h in head]
    return _untable("\n".join([" | ".join(head[i] for i in order)] + rows))


_CURRENCY_TAG = re.compile(r"\(\s*(?:USD|US\$|\$|dollars|d[oó]lares)(?:\s+(?:por persona|per person|per guest|pp|p/p|each|c/u))?\s*\)\s*$", re.I)
_COUNT_WORD = re.compile(r"\b(?:minimum|m[ií]nimo|min|max|maximum|guests?|ages?|edad(?:es)?|capacity|up to|under|over|people|persons|personas|hours?|miles?|km)\b", re.I)
_TAGGED_AMOUNT = re.compile(r"(?<=[^\W\d_]\s|\)\s)(\d+(?:\.\d\d)?)(?=\s*(?:/|,|;|$))", re.M)


def _currency_tagged(text: str) -> str:
    """A line whose currency is named once at its end: "Adulto 55 / Niño (4-12) 25 / <4 gratis (USD por
    persona)" reads "Adulto $55 / Niño (4-12) $25 / …"."""
    tag = _CURRENCY_TAG.search(text)
    if not tag or "$" in text[:tag.start()]:
        return text
    head = text[:tag.start()]
    return _TAGGED_AMOUNT.sub(lambda m: m.group() if _COUNT_WORD.search(head[head.rfind("/", 0, m.start()) + 1:m.start()])
                              else f"${m.group(1)}", head) + text[tag.start():]


@lru_cache(maxsize=256)
def _cached_book(items: tuple[tuple[str, str], ...]) -> FactBook:
    facts = {k: _untable(v) if "|" in v else _uncsv(v) if v.count("\n") >= 2 and "," in v else _currency_tagged(v) for k, v in items}
    book = FactBook(facts=dict(facts), raw=dict(items))
    no_foods: set[str] = set()
    listed: set[str] = set()
    texts = []
    for key in sorted(facts):
        if key == "business":  # "Smash Street — burger food truck": what the business trades in is on its menu
            said = facts[key]
            kind = re.search(r"\s[—–-]\s|\(|,\s", said)  # the description after the name: "Kobe Cart", "Little Lamb Bao Co." name no food
            book.foods |= {canon for start, end, canon in find_foods(said) if kind and start > kind.start() and _TRADE_AFTER.match(said, end)}
            continue
        text = facts[key]
        texts.append(text if _BARE_VALUE.fullmatch(text) is None else f"{key_name(key)} {text}")  # "filet_upcharge_usd_pp": "7"
        label = heading = None
        size_per_person = False
        for seg in _SEGMENT.split(text):
            if (head := _HEADING.fullmatch(seg)):  # "**Minimum spend** (food only)" over "Fri & Sat £900 / Sun–Thu £700"
                heading, label = (head.group(1).strip() if _HEADING_TOPIC.search(head.group(1)) else None), None
            elif heading and not _LIST_LABEL.match(seg) and re.search(r"[$£€]\s?\d|\d\s?[$£€]", seg):
                seg = f"{heading}: {seg.strip()}"
            if _BARE_VALUE.fullmatch(seg) and "." not in key:  # "travel_free_radius_mi": "30" reads "travel free radius mi: 30"
                seg = f"{human_key(key)}: {seg.strip()}"
            if (size := _SIZE_LABEL.match(seg)) and size_per_person and _MONEY_ONLY.search(seg[size.end():]) and \
                    not _PER_UNIT_AFTER.search(seg[size.end():]):
                seg = f"{seg.rstrip(' .;')} per person"  # "51–100 guests: $16/person. 101+: $14": the next size's price is per person too
            size_per_person = bool(size) and (size_per_person or bool(_PER_UNIT_AFTER.search(seg[size.end():]) and
                                                                   re.search(r"person|guest|head|pp|persona|pax", seg, re.I)))
            if (head := _LIST_LABEL.match(seg)) and not size:  # a size label ("Up to 50 guests:") names no topic for the next parts
                label = head.group(1)
            elif label and re.match(r"\s*(?:\$|\d)", seg) and "\n" not in seg:
                seg = f"{label}: {seg.strip()}"  # "- Travel: free up to 15 miles; $50 flat for 16–40 miles": the second is travel too
            seg = _PCT_PAIR.sub(_pct, _UNIT_KEY.sub(_unit_key, _USD_PAIR.sub(_usd, seg)))  # "additional hour usd: 150" is money
            if _ZERO_DOLLARS.search(seg) and not re.search(r"\bfree\b|gratis", seg, re.I):
                seg += " (free)"  # "Travel, first 30 km | $0", "under_4_price_usd": "0"
            seg = _SHORT_UNIT_KEY.sub(_short_unit, seg)
            if "usd" in key.lower() and _NAMED_AMOUNTS.fullmatch(seg):  # "upgrades_usd_per_person": "filet 6, lobster 12"
                per = " per person" if re.search(r"per[\s_]?(person|guest|head)|(?:^|_)pp(?:_|$)", key, re.I) else ""
                seg = re.sub(r"([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)*?)\s+(\d+(?:\.\d+)?)", lambda m: f"{m.group(1)} ${m.group(2)}{per}", seg)
            seg = _RECORD_PRICE.sub(_record_price, seg)  # "name: Backyard Basic, per adult: 55, proteins: 2"
            digitized, found = mentions(_bundle_dollars(_sibling_dollars(_dollarize(key, seg))))
            book.segments.append((key, digitized))
            for m in found:
                book.mentions.append((key, digitized, m))
                if m.kind == "money":
                    # "price per guest: $120" (from "price_per_guest": "$120") names its unit before the amount
                    m_unit = m.unit or ("per_person" if _LABEL_PER_PERSON.search(digitized, 0, m.start) else None)
                    own_fee = None if m.subject else OWN_FEE.match(digitized, m.end)  # "deposit refunded minus a $50 processing fee"
                    subject = own_fee.group().strip().lower() if own_fee else \
                        ("surcharge" if m.subject in ("adult", "person") and _ADDED_CHARGE.search(digitized[:m.start]) else m.subject) or \
                        _added_item(digitized, m) or _per_chef(digitized, m) or _age_subject(digitized, m) or _key_subject(key, digitized, m) or _label_base(digitized, m) or \
                        ((_labelled_item(digitized, m) or _food_before(digitized, m) or _surcharge(key, digitized) or "person")
                         if m_unit == "per_person" else None) or \
                        (_labelled_item(digitized, m) if _segment_unit(text) == "per_person" or m_unit == "per_order" else None)
                    # "Add-ons (per person): gyoza — $5", "gyoza (6 pc) $9 per order"
                    if not subject and (parent := _priced_parent(key, found)):
                        subject = parent  # {"packages": {"Premium": {"price": 68}}}: the Premium package's price
                    if subject:
                        shared = _ORDER_LABEL.search(digitized[max(0, m.start - 40):m.start]) and "per_order"  # "Sashimi Platter (serves 10): $180"
                        unit = m_unit or shared or (_segment_unit(text) if subject not in ("minimum", "deposit", "travel", "chef") else None) or \
                            ("per_mile" if _KEY_PER_MILE.search(digitized) and sum(x.kind == "money" for x in found) == 1 else None)
                        book.priced.append(PricedFact(subject, m.value, unit, key, seg.strip()))
        book.foods |= {canon for _, _, canon in find_foods(text)}
        if any(m.kind == "money" for k, _, m in book.mentions if k == key):  # "lobster_upgrade": "+$16 per person"
            book.foods |= {canon for _, _, canon in find_foods(key_name(key))}
        for clause in re.split(r"[.;]\s|\bbut\b|\bpero\b", text):
            neg = _DENY.search(clause)
            if neg:
                book.denied_foods |= {canon for s, _, canon in find_foods(clause) if s > neg.start()}
            for no in _NO_FOOD.finditer(clause):  # "NO pork. we dont cook it period", "sin cerdo"
                no_foods |= {canon for s, _, canon in find_foods(clause) if s == no.end() and canon not in GENERIC_FOODS}
                listed.add(clause)
    if no_foods:  # "no shrimp" on the kids' plate or a vegetarian plate leaves the adults' shrimp on the menu: an item is
        # ruled out only when no other clause of the facts names it
        elsewhere = {canon for _, seg in book.segments for clause in re.split(r"[.;]\s|\(|\)", seg) if clause not in listed
                     and not _NO_FOOD.search(clause) for _, _, canon in find_foods(clause)}
        book.denied_foods |= {c for c in no_foods if not any(c == e or set(food_core(c)) & set(food_core(e)) for e in elsewhere)}  # "lobster tail"
    book.foods -= book.denied_foods
    _drop_replaced(book)
    _half_price_kids(book)
    book.text = re.sub(r"\bgf\b", "gluten-free", localize(" ".join(texts)).lower())  # "GF option needs 48h notice"
    return book


#: a kind of business after a food: "taco cart", "burger food truck", "wood-fired pizza catering" (not "Kobe, Japan")
_TRADE_AFTER = re.compile(r"s?\s+(?:[\w-]+\s+)?(?:food\s+)?(?:carts?|trucks?|trailers?|catering|caterers?|bar|stand|van|oven|bus|kitchen|"
                          r"pop-?ups?|stall|wagon|shop|co\b|company)\b", re.I)
_HALF_KIDS = re.compile(r"\b(?:kids?|children|child|ni[ñn]os?)\b[^.;\n]{0,40}?\b(?:half[- ]price|half (?:the )?(?:adult )?(?:price|rate)|"
                        r"50\s?% (?:off|of (?:the )?(?:adult|course|menu|package)|de descuento)|mitad de precio|medio precio)", re.I)


def _half_price_kids(book: FactBook) -> None:
    """"Kids 3-12 half price" with adult prices of $55 and $65 (weekday, weekend): kids cost $27.50 or $32.50."""
    priced = {p.text for p in book.prices_for("kid")}
    for key, seg in list(book.segments):
        if seg.strip() in priced or not (said := _HALF_KIDS.search(f"{human_key(key)}: {seg}")):  # "children": "Ages 6–12: 50% of the course price"
            continue
        for adult in {p.value for p in book.prices_for("adult")}:  # the ages stay: "kids 5–12 half price" is kids up to 12
            text = f"{said.group(0)} (half the ${adult:g} adult price): ${adult / 2:.2f} per child"
            digitized, found = mentions(text)
            book.segments.append((key, digitized))
            for m in found:
                book.mentions.append((key, digitized, m))
                if m.kind == "money" and m.value == round(adult / 2, 2):
                    book.priced.append(PricedFact("kid", m.value, "per_person", key, text))
        return


_HEADING = re.compile(r"\s*(?:#{1,4}\s+|\*\*)([^*#\n]{3,60}?)(?:\*\*)?(?:\s*\([^)\n]{0,40}\))?\s*")
_HEADING_TOPIC = re.compile(r"minimum|m[ií]nimo|deposit|dep[oó]sito|travel|booking fee", re.I)
#: a party-size label before a price: "Up to 50 guests:", "51–100 guests:", "101+:", "Hasta 40 personas:", "De 41 a 80:", "Más de 80:"
_SIZE_LABEL = re.compile(r"\s*(?:[-•*]\s*)?(?:(?:up to|hasta|under|over|more than|m[aá]s de|menos de|de)\s+)?\d+\s*"
                         r"(?:(?:[–—-]|to|a)\s*\d+\s*|\+\s*)?(?:guests?|people|personas?|pax|ppl|invitados)?\s*:\s", re.I)
_MONEY_ONLY = re.compile(r"^\s*(?:[A-Z]{1,3})?[$£€]\s?\d[\d,.]*(?:\s*(?:MXN|CAD|AUD|USD|EUR|GBP|NZD))?\s*[.;]?\s*$")
_PER_UNIT_AFTER = re.compile(r"/|\bper\b|\bpor\b|\bpp\b|\beach\b|\ba head\b|c/u", re.I)
_LIST_LABEL = re.compile(r"\s*(?:[-•*]\s*)?([^\W\d_][\w' ]{2,24}):\s")
_ZERO_DOLLARS = re.compile(r"(?<![\d.,])\$\s?0(?:\.00)?(?![\d.,])")
_LABEL_PER_PERSON = re.compile(r"^[^:$]*\bper (?:guest|person|head|adult)\b[^:$]*:\s*\$?$", re.I)
_KEY_PER_MILE = re.compile(r"^[^:]*\bper (?:mi(?:le)?|km)\b[^:]*:", re.I)  # "travel rate per mi: $2.00"
#: "fee usd: 40", "child 3 to 12 usd: 25", "usd: 14" (a key that names the currency) → "fee: $40", "child 3 to 12: $25", "price: $14"
#: the words around the code are bounded: unbounded, a long fact without a "usd …:" pair took seconds (review 24)
#: "additional hour usd: 150" is $150 (not "$1,200 CAD: 5 hours", whose code is the amount's)
_USD_PAIR = re.compile(r"\b((?:[a-z0-9]+ ){0,8}?)(?:usd|cad|aud|gbp|eur|nzd)((?: [a-z0-9]+){0,8}?):\s*(\d[\d,]*(?:\.\d+)?)(?![\d%])", re.I)
_USD_UNIT = re.compile(r"^\s*(pp|per (?:person|guest|adult|child|kid|head|mile|km|event|order|hour))$", re.I)
#: "gratuity pct of food: 20" → "gratuity pct of food: 20%" (a fraction is turned into a percentage by _dollarize)
_PCT_PAIR = re.compile(r"(\b(?:pct|percent|percentage)\b[a-z ]*:\s*)([1-9]\d?(?:\.\d+)?)(?:\s?([-–]|to)\s?([1-9]\d?(?:\.\d+)?))?(?![\d%.])",
                       re.I)


def _pct(m: re.Match) -> str:
    """"suggested pct: 15-20" → "suggested pct: 15%-20%"."""
    return f"{m.group(1)}{m.group(2)}%" + (f"{m.group(3)}{m.group(4)}%" if m.group(4) else "")


_AMOUNT_BEFORE = re.compile(r"[$£€]\s?\d[\d,]*(?:\.\d+)?\s$")


def _usd(m: re.Match) -> str:
    """"filet upcharge usd pp: 7" → "filet upcharge: $7 pp"; "flat fee usd 21 to 50 miles: 75" →
    "flat fee 21 to 50 miles: $75"."""
    if _AMOUNT_BEFORE.search(m.string, 0, m.end(1)):
        return m.group()  # "$1,200 CAD: 5 hours": the code is the amount's, and 5 hours no price
    label, tail, amount = m.group(1).strip() or "price", m.group(2), m.group(3)
    if tail and _USD_UNIT.match(tail):
        return f"{label}: ${amount} {'per person' if tail.strip().lower() == 'pp' else tail.strip()}"
    return f"{label}{tail}: ${amount}"


_NAMED_AMOUNTS = re.compile(r"\s*[^\W\d_]+(?: [^\W\d_]+){0,8}\s\d+(?:\.\d+)?"
                            r"(?:\s*,\s*[^\W\d_]+(?: [^\W\d_]+){0,8}\s\d+(?:\.\d+)?)+\s*")
_BARE_VALUE = re.compile(r"\s*(?:(?:USD|CAD|AUD|GBP|EUR|NZD|US|CA|C|A)?\s?[$£€]|USD|CAD|AUD|GBP|EUR|NZD)?\s*\d[\d.,]*\s*"
                         r"(?:%|USD|CAD|AUD|GBP|EUR|NZD|[$£€])?\s*")  # "30", "$62.50", "USD 62.50", "55 €"
#: a key naming a time unit reads with its value in front of the unit: "deposit refundable until
#: days before: 10" → "deposit refundable until 10 days before", "min notice hours: 48" → "min notice 48 hours"
_UNIT_KEY = re.compile(r"^(\s*(?:[a-z][a-z ]*?)?)\(?\b(days?|hours?|weeks?|minutes?)\b\)?([a-z ()]*):\s*(\d+(?:\.\d+)?)\s*$|"
                       r"^(?![^:]*\b(?:fee|fees|cost|price|rate|charge|per|usd|dollars?)\b)"  # "fee per mile: 2.50" is money
                       r"(\s*(?:[a-z][a-z ]*?)?)\(?\b(miles?|km)\b\)?([a-z ()]*):\s*(\d+(?:\.\d+)?)\s*$", re.I)
#: a time length named by a short unit at the key's end: "service length min: 120" → "service length 120 minutes",
#: "omakase duration h: 2.5" → "omakase duration 2.5 hours"; a key about a fee, an order or a space
#: ("service fee min", "order min", "setup space min") holds a minimum, not minutes
_SHORT_UNIT_KEY = re.compile(r"^(?![^:]*\b(?:fee|price|cost|charge|order|spend|space|guests?)\b)"
                             r"(\s*[a-z ]*?\b(?:length|duration|arriv\w*|before|after|cook\w*|time)\b[a-z ]*?)"
                             r"\s\(?(min|mins|h|hr|hrs)\)?\s*:\s*(\d+(?:\.\d+)?)\s*$", re.I)


def _unit_key(m: re.Match) -> str:
    """"deposit refundable until days before: 10" → "deposit refundable until 10 days before"."""
    g = m.groups()[:4] if m.group(2) else m.groups()[4:]
    return f"{g[0]}{g[3]} {g[1]}{g[2]}"


def _short_unit(m: re.Match) -> str:
    unit = "minutes" if m.group(2).lower().startswith("m") else "hours"
    return f"{m.group(1)} {m.group(3)} {unit}"


#: a price each further chef costs: "each chef after the first adds a $120 chef fee", "every extra chef: $150"
_EACH_CHEF = re.compile(r"\b(?:each|every|per)\s+(?:extra\s+|additional\s+|further\s+)?chef\b(?:\s+(?:after|beyond|past)\s+the\s+first)?"
                        r"[^.;$\d]{0,25}$", re.I)


_AGES_AFTER = re.compile(r"\s*(?:per (?:person|guest|head)\s*)?\(?\s*(?:for\s+)?(?:ages?|aged)\s*(\d{1,2})\s*(?:[–-]\s*(\d{1,2})|(\+|and (?:up|over|older)))", re.I)


def _age_subject(seg: str, m: Mention) -> Optional[str]:
    """"$20 (ages 13+), $10 (ages 5–12)": a price named only by the ages it is for."""
    a = _AGES_AFTER.match(seg, m.end)
    if not a:
        return None
    return "kid" if a.group(2) and int(a.group(2)) <= 17 else None  # "$49 (ages 11+)" stays a per-guest price


def _per_chef(seg: str, m: Mention) -> Optional[str]:
    return "chef" if _EACH_CHEF.search(seg[max(0, m.start - 70):m.start].rstrip("$+ ")) else None


_CHEFS_NEEDED = re.compile(r"\b(?:[2-9]|two|three|second|dos|tres)\s+(?:chefs|cocineros)\s*$", re.I)


def _added_item(seg: str, m: Mention) -> Optional[str]:
    """The item an add-on price belongs to: "crawfish tails +$6/person" → "crawfish tails"."""
    if not m.plus:
        return None
    parts = re.split(r"[,;:(]|\band\b", seg[:m.start])
    clause = parts[-1].lower()
    if len(parts) > 1 and not re.search(r"[^\W\d_]", clause):
        before = seg[:m.start].rstrip(" +$")
        if before.endswith("(") and _CHEFS_NEEDED.search(parts[-2]):
            return "chef"  # "events over 30 guests need 2 chefs (+$150)": the second chef's fee
        if before.endswith(":") and m.unit == "per_person":
            clause = parts[-2].lower()  # "Cajun-hibachi fusion menu: +$8/person": the label names the add-on
            # ("Colorado Springs and Fort Collins: +$150 flat travel fee" names places, not an item)
    named = find_subjects(clause)
    if named:
        return named[-1][2]  # a known item, by its canonical name ("filet" → "filet mignon")
    words = re.findall(r"[^\W\d_][\w'-]*", clause)
    return " ".join(words[-3:]) or None


_BASE_LABEL = re.compile(r"\b(menu|base|dinner|package|price|pricing|rate|adults?|guests?|persons?|people|per|tasting|meal|"
                         r"standard|basic|deluxe|premium|hibachi|dinners?|plates?|each|from|starts?|starting|is|are|costs?|"
                         r"weekdays?|weekends?|week ?nights?|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|wednesday|thursday|saturday|"
                         r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bados?|domingos?|entre semana|fin de semana)\b", re.I)  # "Fri & Sat £44pp": a day's base price


_PIECES_NOTE = re.compile(r"\(\s*\d+\s*(?:pcs?|pieces?|piezas?|oz|ounces?)\.?\s*\)|\b\d+\s*(?:pcs?|pieces?|piezas?|oz|ounces?)\b\.?|"
                          r"\s[—–-]\s*$", re.I)


def _labelled_item(seg: str, m: Mention) -> Optional[str]:
    """An extra the fact names before its per-person price ("wine pairing $55/guest" after "Tasting menu
    $120/guest"); a base price's label ("Tasting menu", "Adults", "Dinner") names no item."""
    label = re.sub(r"^(?:add|adding|plus|with|upgrade to|upgrades?)\s+|\s+(?:for|at|is|are|costs?)$", "", _label(seg, m), flags=re.I)
    if re.fullmatch(r"(?:for|at|is|are|costs?|it|them)?", label, re.I):
        return None  # "Salad is not included (add for $4/person)": the food before the parenthesis names it
    if _BASE_LABEL.search(label):  # "Chicken hibachi: $45 per person", "Tasting menu", "Adults": a base price
        return None
    foods = {c for _, _, c in find_foods(label)} or {c for c, cores in FOOD_CORES.items() for w in label.lower().split() if w in cores}
    if len(foods) == 1:
        return foods.pop()  # "Gyoza appetizer: $8 per person", "Add filet for $11 per person": the filet mignon
    if re.search(r":\s*\$?\s*$", seg[:m.start]):
        return None  # "Imperial: $60 per guest", "Gold: $75": a label before a colon names a tier, not an item
    if len(label) < 3 or len(label.split()) > 3:  # "A: $62/guest" (an FAQ's answer) names nothing
        return None
    return label.lower()


def _food_before(seg: str, m: Mention) -> Optional[str]:
    """"Lobster tail may be added for twenty dollars per guest": the one food its clause names before the amount."""
    clause = re.split(r"[.;:]\s", seg[:m.start])[-1]
    foods = {c for _, _, c in find_foods(clause)}
    return foods.pop() if len(foods) == 1 and re.search(r"\badd|\bextra|upgrade|supplement|\+", clause, re.I) else None


def _label(seg: str, m: Mention) -> str:
    """The words just before an amount that name it: "Gyoza appetizer" in "Gyoza appetizer: $8 per person",
    "Child meal" in "Child meal (ages 3–10): $36"; a parenthesis or a piece count is no name."""
    head = _PIECES_NOTE.sub(" ", re.sub(r"\([^)]*\)", " ", seg[:m.start].rstrip("$ ")))
    clause = [c for c in re.split(r"[,;:(]|\band\b|\$", head) if re.search(r"[^\W\d_]", c)] or [""]
    return " ".join(re.findall(r"[^\W\d_][\w'-]*", clause[-1]))


def _label_base(seg: str, m: Mention) -> Optional[str]:
    """"Adult hibachi meal: $72", "Child meal (ages 3–10): $36": a label naming adults or children prices them
    ("Adult drink package", "Adult sake pairing" are extras)."""
    label = _label(seg, m)
    if re.search(r"package|pairing|drink|bar\b|sake|wine|beer|upgrade|add|extra|rental", label, re.I):
        return None
    named = {x for _, _, x in find_subjects(label)} & {"adult", "kid"}
    return named.pop() if len(named) == 1 else None


#: words that name no tier or add-on: the menu's own vocabulary and the price's unit
NAMES_NOTHING = frozenset("""menu menus hibachi package packages price prices pricing per guest guests person persons people head
    adult adults rate rates cost costs base dinner dinners meal meals the a an usd pp each tier tiers option options level plan
    experience party parties from starts start is are at and for our your json facts info details
    menú precio precios por persona personas invitado adulto adultos cena paquete""".split())


_KID_WORDS = frozenset({"kid", "kids", "child", "children", "niño", "niños", "enfant", "enfants", "usd", "age", "ages"})


def _tier_words(p: PricedFact) -> frozenset:
    """The words naming the tier of a per-person price: its record's name ("classic_hibachi" in
    "menus.classic_hibachi.price_per_guest") or the label before the amount ("Omakase: $95 per guest")."""
    fields = p.key.split(".")
    if len(fields) > 2:  # a record of its own under the top key
        label = human_key(fields[-2]) + " " + key_name(p.key)
    else:
        head = re.split(r"[;:(]|\$|\d", p.text)[0] if re.search(r":\s*\$?\d", p.text) else ""
        label = head
    return frozenset(w for w in re.findall(r"[^\W\d_]{3,}", label.lower()) if w not in NAMES_NOTHING and w not in _KID_WORDS)


_GUEST_MINIMUM = re.compile(r"\b\d+[- ](?:guests?|people|persons?|pax)[- ]minimum\b|\bminimum(?: of)? \d+ (?:guests?|people|persons|pax)\b")
_NEAR_SUBJECT = (("mínimo", "minimum"), ("minimo", "minimum"), ("minimum", "minimum"), ("depósito", "deposit"))


def _key_subject(key: str, seg: str, m: Mention) -> Optional[str]:
    near = seg[max(0, m.start - 30):m.start].lower().rstrip("$ ")  # "Zona C (Salem): $150 + mínimo de ventas de $1,200"
    near = re.split(r"\$|[;,+(]", _GUEST_MINIMUM.sub(" ", near))[-1]  # "Minimum 10 guests at €75 per guest": a price
    for hint, subject in _NEAR_SUBJECT:  # the words just before the amount first
        if hint in near:
            return subject
    if key_name(key).lower().strip(" .") in ("min", "mín", "mínimo", "minimo"):  # an owner's "min": "$800"
        return "minimum"
    whole = _GUEST_MINIMUM.sub(" ", seg.lower())  # "$19 per guest, 25-guest minimum": the minimum is a headcount, not this price
    for hint, subject in _KEY_SUBJECT:
        if hint in key.lower() or hint in whole:
            return subject
    named = {subj for _, _, subj in find_subjects(key_name(key))}  # "rate_child", "pricePerAdult"
    leaf = set(re.findall(r"[a-z]+", key_name(key).lower())) - {"price", "usd", "cost", "rate", "per", "guest", "person", "each", "pp"}
    if "." in key and (named == {"person"} or not named and not leaf):  # "kids.price_usd", not "kids_extras.goodie_bag_usd"
        # "menus.kids_classic.price_per_guest": the record's name says whose price (not "kids_extras.goodie_bag")
        parent = {subj for _, _, subj in find_subjects(key_name(key.rsplit(".", 1)[0]))} & {"kid", "adult"}
        named = parent or named
    return named.pop() if len(named) == 1 else None


_PRICE_HINT = re.compile(r"pric|\brates?\b|rate_|cost|fee|travel|mile|charge|minimum|\bmin\b|deposit|\badd|upgrade|extra|tarifa|precio|costo|cargo", re.I)
_PRICE_KEY = re.compile(r"^per (?:guest|person|head)\b", re.I)  # "per_guest_adult": "65"
_NOT_MONEY_AFTER = r"(?!\d|\s?(%|percent|mi\b|miles?|km\b|hours?|hrs?|minutes?|mins?|days?|weeks?|years?|guests?|people|adults?|kids?|children|ft|feet))"
_BARE_AMOUNTS = re.compile(
    r"(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)\.\d\d" + _NOT_MONEY_AFTER +              # "58.00/person", "700.00 per party"
    r"|(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)(?=\s?(/\s?|per\s)(person|guest|adult|child|kid|head|pp|party|event|order|mile|km)\b)"
    r"|(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)(?=\s?flat\b)"                                # "60 flat for 30-50 mi"
    r"|(?<=\+)\s?(\d+)" + _NOT_MONEY_AFTER, re.I)                                    # "filet +9"


_FRACTION_KEY = re.compile(r"pct|percent|tax|gratuity|\btips?\b|deposit|service|propina|impuesto", re.I)


_ADD_DOLLARS = re.compile(r"\badd(?:s)?\s+(?:\$\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s+dollars)\b", re.I)
_ADD_BARE = re.compile(r"(\badd(?:s)?\s+)(\d+(?:\.\d+)?)\b(?!\s*(?:%|dollars|percent|miles?|km|days?|hours?|minutes?|guests?|people|pieces?|pcs|oz))", re.I)


_BUNDLE_BARE = re.compile(r"(?<![\w$.,])(\d{1,3})\s+(for|x|por)\s+(\d+(?:\.\d\d)?)(?![\d.,%])(?!\s*(?:mi\b|miles?|km\b|guests?|people|ppl|pax|hours?|hrs?|min|days?))",
                          re.I)


def _bundle_dollars(seg: str) -> str:
    """"tacos 3.50 each or 3 for 10": beside a price, "3 for 10" is three for $10."""
    if "$" not in seg:
        return seg
    return _BUNDLE_BARE.sub(lambda m: f"{m.group(1)} {m.group(2)} ${m.group(3)}", seg)


def _sibling_dollars(seg: str) -> str:
    """"filet mignon add ten dollars, scallops add twelve, lobster tail add fifteen": the list's later
    amounts are dollars too."""
    seg = digitize(seg) if re.search(r"\badd", seg, re.I) else seg
    if not _ADD_DOLLARS.search(seg):
        return seg
    return _ADD_BARE.sub(lambda m: f"{m.group(1)}${m.group(2)}", seg)


_CURRENCY_SIGNS = frozenset("£€¥₹₩₱฿₦₪₫₺₴₽₡₲₵")  # "cheese & onion £4.60" has its currency: not "£$4.60"


def _dollarize(key: str, seg: str) -> str:
    """Amounts a terse price fact writes without "$" ("rate_adult: 58.00/person", "filet +9") get
    one; a fraction under a percentage key ("deposit_pct": "0.3", "sales_tax": "0.0825") is a percentage."""
    alone = _LONE_AMOUNT.match(seg)  # "adult_price": 55, or {"pricing": {"adult": 55}} read as "adult: 55"
    if alone and "%" not in seg and _FRACTION_KEY.search(human_key(key)) and 0 < float(alone.group(1).replace(",", "")) < 1:
        pct = round(float(alone.group(1)) * 100, 4)
        return f"{seg[:alone.start(1)]}{pct:g}%{seg[alone.end(1):]}"
    if "$" in seg or not _CURRENCY_SIGNS.isdisjoint(seg) or not (_PRICE_HINT.search(human_key(key)) or _PRICE_KEY.search(human_key(key)) or
                                                                _PRICE_HINT.search(seg) or alone and find_foods(human_key(key))):
        return seg  # (a food's own key is a price: "lobster tail": "14" is $14)
    if alone and (not re.search(r"\b(currency|percent|pct|miles?|km|radius|distance|days?|hours?|ages?|count|max|min_guests)\b|"
                                r"(?<!per )\bguests?\b|\b(?:billable|number of|count of)\b", human_key(key), re.I)
                  or re.search(r"travel|zone|trip", human_key(key), re.I) and re.search(r"\d\s?(?:km|mi|miles?)\b", human_key(key), re.I)
                  and not re.search(r"\b(?:days?|hours?|min|minutes?|notice|guests?)\b", human_key(key), re.I)):
        # "travel.suburbs_within_50_km": 75 names its distance in the key: the value is the fee
        free = " (free)" if float(alone.group(1).replace(",", "")) == 0 else ""  # "under_3": 0
        return f"{seg[:alone.start(1)]}${alone.group(1)}{free}{seg[alone.end(1):]}"
    return _BARE_AMOUNTS.sub(lambda m: "$" + m.group().lstrip(), seg)


#: a price field inside a record that names no currency: "per adult: 55", "precio por persona: 550", "price: 50"
_RECORD_PRICE = re.compile(r"((?:^|,\s)(?:price|precio|cost|costo|rate|tarifa|(?:price |precio |rate )?(?:per|por) "
                           r"(?:adult|person|persona|guest|head|pax|adulto)|pp|price_pp)\s*:\s*)(\d{1,5}(?:\.\d{1,2})?)(?=\s*(?:,|;|$))", re.I)


def _record_price(m: re.Match) -> str:
    per = " per person" if re.search(r"\b(?:per|por)\b|\bpp\b", m.group(1), re.I) else ""
    return f"{m.group(1)}${m.group(2)}{per}"


def _priced_parent(key: str, found: list) -> Optional[str]:
    """The record a lone price field belongs to: "packages.Premium.price" is Premium's."""
    parts = key.split(".")
    if len(parts) >= 3 and re.fullmatch(r"price|precio|cost|rate|amount", parts[-1], re.I) and sum(x.kind == "money" for x in found) == 1:
        return parts[-2].replace("_", " ").lower()
    return None


_LONE_AMOUNT = re.compile(r"^\s*(?:[^\W\d][\w\s-]*:\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:usd)?\s*$", re.I)


def _segment_unit(text: str) -> Optional[str]:
    if re.search(r"per person|/person|per guest|por persona", text, re.I):
        return "per_person"
    return None


_FOOD_BASE = re.compile(r"\b(?:of|on|to|sobre|del?)\s+(?:the\s+)?(?:estimated\s+|est\.\s+)?(?:food|subtotal|comida)\b|"
                        r"\bbefore (?:the )?(?:gratuity|tax|tips?|service)|pre-?tax|\bfood[\s-]only", re.I)
_ALL_CHARGES = re.compile(r"\ball (?:the )?(?:charges|fees|costs)|\bentire (?:bill|invoice)|\bwhole (?:bill|invoice)|"
                          r"\beverything\b|\bgrand total|todos los cargos", re.I)
_WITH_TAX = re.compile(r"\b(?:incl\.?|including|inclusive of|with|after|plus)\s+(?:the\s+)?(?:sales\s+)?(?:tax|taxes|hst|gst|vat|iva|pst|qst)\b|"
                       r"\b(?:tax|hst|gst|vat|iva)[\s-]inclusive\b|\bimpuestos? incluidos?\b|\bcon (?:el )?iva\b", re.I)
_JOINED = re.compile(r"[+&]|\band\b|\bplus\b|\by\b", re.I)
_EXCLUDED = r"(?:before|excluding|excl\.?|without|not including|not on|sin)\s+(?:the\s+)?(?:\w+\s+)?{0}|\bnot\s+(?:the\s+)?{0}|{0}[\w\s]{{0,14}}\b(?:not|no|excluded)\b"


_BASIS_KEY = re.compile(r"appl|base|basis|\bon\b|_on\b|calculated|charged_on|taken", re.I)


def _basis_fact(book, key: str) -> Optional[str]:
    """The fact that names what a percentage key is taken of: "gratuity_applies_to", "tax_base", "deposit_basis",
    or a sibling field of a nested record ("deposit.base" for "deposit.pct")."""
    parent = key.rsplit(".", 1)[0] + "." if "." in key else None
    for k, v in book.facts.items():  # {"deposit": {"pct": 30, "base": "food"}}: a sibling field names it
        if parent and k != key and k.startswith(parent) and "." not in k[len(parent):] and _BASIS_KEY.match(k[len(parent):]):
            return re.sub(r"^[\w ]{1,30}:\s*", "", v)  # a nested field reads "base: food"
    stem = re.split(r"[_\s.-]", key.split(".")[-1].lower())[0]
    if len(stem) < 3:
        return None
    for k, v in book.facts.items():
        last = k.split(".")[-1].lower()
        if k != key and last.startswith(stem) and _BASIS_KEY.search(last[len(stem):]):
            return re.sub(r"^[\w ]{1,40}:\s*", "", v) if "." in k else v  # "service charge applies to: food …" names no service
    return None


def percent_bases(book) -> dict[float, tuple[frozenset, frozenset]]:
    """What each percentage of the facts is taken of, as (the parts its base may include beyond
    the food, the parts it must include when the answer has them): "30% of the food total (before
    gratuity)" gives (∅, ∅); "10.25% on food + service charge (travel not taxed)" ({pct}, {pct});
    "25% of the estimated total (food + gratuity + travel)" ({pct, travel}, {pct, travel}). A
    percentage whose base the facts do not name is left out (anything goes)."""
    if "percent_bases" not in book.memo:
        out: dict[float, Optional[tuple[frozenset, frozenset]]] = {}
        for key, seg, m in book.mentions:
            if m.kind != "percent":
                continue
            clause = re.split(r";|(?<!\bincl)(?<!\bexcl)\.\s|\n", seg[m.end:])[0][:120]  # "of total incl. HST"
            if not _FOOD_BASE.search(clause) and (basis := _basis_fact(book, key)):
                clause = f"of {basis}"  # "gratuity_pct": 18 with "gratuity_applies_to": "food subtotal only (not travel)"
            joined = _JOINED.search(clause)
            if _WITH_TAX.search(clause):  # "Deposit 20% of total incl. HST": the tax is in its base
                spec = (frozenset({"pct", "travel", "fee"}), frozenset({"pct"}))
            elif _ALL_CHARGES.search(clause):  # "10.25% on all charges (menu and chef fee)": the event fees too
                spec = (frozenset({"pct", "travel", "fee"}), frozenset({"travel", "fee"}))
            elif not (_FOOD_BASE.search(clause) or joined and re.search(r"\bfood\b|comida", clause, re.I)):
                out[round(m.value, 2)] = None
                continue
            else:
                allowed = set()
                if joined and re.search(r"gratuity|service|tips?\b|propina|servicio", clause, re.I) and \
                        not re.search(_EXCLUDED.format(r"(?:gratuity|service|tips?)"), clause, re.I):
                    allowed.add("pct")
                if joined and re.search(r"travel", clause, re.I) and not re.search(_EXCLUDED.format("travel"), clause, re.I):
                    allowed.add("travel")
                if joined and re.search(r"\b(chef|event|setup|booking) fee", clause, re.I) or \
                        not re.search(r"\bfood\b|comida|\bmenu\b|subtotal", clause, re.I):
                    allowed.add("fee")  # "30% of the pre-tax estimate" takes the chef fee in, "of the food" does not
                spec = (frozenset(allowed), frozenset(allowed))
            if out.get(round(m.value, 2), spec) != spec:
                out[round(m.value, 2)] = None  # one figure, two bases: no constraint
            elif round(m.value, 2) not in out:
                out[round(m.value, 2)] = spec
        book.memo["percent_bases"] = {k: v for k, v in out.items() if v is not None}
    return book.memo["percent_bases"]
