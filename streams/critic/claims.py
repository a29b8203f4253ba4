"""Extract an answer's factual claims and check each against the facts.

``check_answer(text, ctx)`` guarantees: the result is a deterministic tuple of ``Claim`` in text
order, one per distinct claim (a value repeated in one answer is one claim); every flagged
claim's reason cites the contradicting fact or says that no fact or computation supports it.
Courtesy, refusals and clarifying questions produce no claims.
"""

from __future__ import annotations

import re
from itertools import combinations
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from .ages import adult_rate_claims, age_brackets, bracket_claims
from .arithmetic import ROUND_TRIP, band_fees, convert_distance, party_size, size_tiers, travel_bands
from .chain import base_words, chain_claims
from .claim import Claim
from .conditions import (_days_named, antonym_claims, half_hour_claims, weather_limit_claims, arrival_claims, boundary_claims, capacity_claims, clock_claims, day_price_claims, forbidden_claims, time_fee_claims, uncovered_claims,
                         unstated_hours_claims, unstated_venue_claims, weekday_claims, window_claims)
from .dates import blackout_claims, calendar_claims, deadline_date_claims, record_date_claims, weekday_date_claims
from .deadlines import deadline_reason
from .fold import Folded, guarded
from .history import stale_prices
from .facts import BASE_SUBJECTS, PERCENT_NAMED, RECORD_NAME, FactBook, PricedFact, key_name, percent_bases
from .lexicon import find_foods, find_subjects, food_core
from .mentions import Mention, mentions
from .numbers import DOLLARS, close, money
from .menu import asked_item_claims, diet_denial_claims, food_claims
from .places import place_claims
from .policies import (ROUTING, cite, negated, age_claims, availability_claims, balance_due_claims, booking_claims, credential_claims, deposit_due_claims,
                       fee_tip_claims, free_reschedule_claims, ingredient_claims, mandatory_charge_claims, per_weight_claims, free_travel_claims, full_refund_claims, included_charge_claims, minimum_claims, named_fee_claims, unstated_tax_claims, payment_claims, reschedule_count_claims, setup_claims, not_brought_claims, topic_claims)
from .promises import affirmation_claims, injection_claims, payment_action_claims, promise_claims
from .refunds import refund_claims
from .triage import is_injection
from .timeline import time_claims
from .text import CheckContext, gap, sentence_at, sentence_span, sentences, within
from .totals import total_claims

_COMPUTE_CUE = re.compile(r"[×*=]|\(\d+\)\s*:|\d\s*:\s*[$€£¥]\d|\s\+\s|\bx\b|total|plus|altogether|in all|for both\b|combined\b|all[- ]in\b|comes? to|\bsum\b|\bwith\b|including|"
                          r"en total|\bmás\b|\bfor \d|\bpara \d|would be|ser[ií]a|makes|brings|\bso\b|that'?s|which is|"
                          r"\d+ (?:extra |additional |more )?(adults?|guests?|kids?|children|people|personas|adultos|niños|chefs?|hours?)\b.{0,25}\b(is|are|come|costs?|son|es)\b", re.I)
_CAPACITY_BEFORE = re.compile(r"\b(?:up to|serves?|handles?|covers?|max(?:imum)?|hasta|cooks? for|feeds?)\s+(?:up to\s+)?(?:about\s+)?$", re.I)
_CAPACITY = re.compile(r"\bchef\b.*\b(up to|serves?|handles?|covers?|max(imum)?|hasta)\b", re.I)
_PICK = re.compile(r"(choose|chooses|pick|picks|elige|eligen|escoge|escogen|get|gets)\s+$", re.I)


_Q_HOUR = re.compile(r"\b(\d{1,2})(?::\d{2})?\s?(?:[ap]\.?m\b|(?=\s?(?:-|–|to|until|till)\s?\d{1,2}(?::\d{2})?\s?[ap]\.?m\b))|"
                     r"(?:-|–|\bto|\buntil|\btill)\s?(\d{1,2})(?::\d{2})?\s?[ap]\.?m\b", re.I)


@lru_cache(maxsize=256)
def _question_hours(question: str) -> frozenset[float]:
    """The clock hours a question names: "if we eat at 6 pm", "serving from 6 to 9pm" give 6 (and 9)."""
    return frozenset(float(g) for m in _Q_HOUR.finditer(question) for g in m.groups() if g)


def check_answer(text: str, ctx: CheckContext) -> tuple[Claim, ...]:
    """All claims of one answer with their verdicts (see module docstring)."""
    t, found = mentions(text)
    sents = sentences(t)
    ctx = replace(ctx, answer_products=_answer_products(t, found, ctx))
    per_mention = chain_claims(t, found, [_mention_claim(t, m, ctx, found) for m in found], ctx)
    claims: list[Claim] = [c for c in per_mention if c is not None]
    claims += total_claims(t, found, ctx)
    food = food_claims(_without_business_name(t, ctx), ctx) + diet_denial_claims(sents, ctx)
    claims += food
    if ctx.asked_words and not any(c.flagged for c in food if c.kind == "menu"):
        claims += asked_item_claims(t, sents, ctx, set())
    claims += topic_claims(sents, ctx.book) + unstated_tax_claims(sents, ctx.book) + minimum_claims(sents, ctx.book) + booking_claims(sents, ctx.book)
    claims += deposit_due_claims(sents, ctx.book) + balance_due_claims(sents, ctx.book) + free_reschedule_claims(sents, ctx.book, ctx.question) + mandatory_charge_claims(sents, ctx.book) + ingredient_claims(sents, ctx.book) + per_weight_claims(sents, ctx.book) + reschedule_count_claims(sents, ctx.book)
    claims += setup_claims(sents, ctx.book) + not_brought_claims(sents, ctx.book) + age_claims(sents, ctx.book) + availability_claims(sents, ctx.book)
    claims += credential_claims(sents, ctx.book) + payment_claims(sents, ctx.book) + free_travel_claims(sents, ctx.book)
    claims += fee_tip_claims(sents, ctx.book) + named_fee_claims(sents, ctx.book) + included_charge_claims(sents, ctx.book)
    claims += full_refund_claims(sents, ctx.book)
    claims += bracket_claims(t, found, sents, ctx.book, ctx.question) + adult_rate_claims(sents, ctx.book, ctx.question)
    claims += boundary_claims(sents, ctx.book) + clock_claims(sents, ctx.book, ctx.question) + antonym_claims(sents, ctx.book)
    claims += arrival_claims(sents, ctx.book, ctx.question)
    claims += unstated_hours_claims(sents, ctx.book, ctx.question) + unstated_venue_claims(sents, ctx.book)
    claims += time_fee_claims(sents, ctx.book, ctx.question) + day_price_claims(sents, ctx.book, ctx.question)
    claims += capacity_claims(sents, ctx.book, ctx.derived.guests, ctx.question)
    claims += time_claims(sents, ctx.book, ctx.question)
    claims += uncovered_claims(sents, ctx.book) + weekday_claims(sents, ctx.book) + window_claims(sents, ctx.book)
    claims += half_hour_claims(sents, ctx.book) + weather_limit_claims(sents, ctx.book) + forbidden_claims(sents, ctx.book) + refund_claims(sents, ctx.book, ctx.question) + place_claims(sents, ctx.book, ctx.question)
    claims += promise_claims(sents, ctx.book, ctx.needs) + affirmation_claims(t, ctx.needs, ctx.book) + payment_action_claims(sents)
    claims += _routing_claims(t, ctx) + injection_claims(t, ctx.question, is_injection(ctx.question), ctx.book)
    claims += _size_tier_claims(t, found, ctx)
    claims += _comparison_claims(t, found, ctx) + record_date_claims(sents, ctx.book, ctx.question) + \
        weekday_date_claims(sents, ctx.book, ctx.question) + deadline_date_claims(sents, ctx.book, ctx.question) + \
        blackout_claims(sents, ctx.book)
    if cal := calendar_claims(sents, ctx.book, ctx.question):  # "June 28 is booked" reads the calendar; it confirms no booking
        read = {c.text for c in cal}
        claims = [c for c in claims if not (c.key == ("booking", "confirmed") and c.text in read)] + cal
    return _dedupe(claims)


_IF_YOU = Folded(r"\b(?:if|unless|were|had)\b|\bsi\b")


def _size_tier_claims(t: str, found: tuple, ctx: CheckContext) -> list[Claim]:
    """"For a group of 40, the rate is $66 per person" when the facts price 20–39 guests at $66 and 40+ at $61: a
    per-person price (or a deposit) by party size must be the party's own tier's. Only a party of one size
    without kids is read; a sentence naming a size inside the other tier ("39 guests would pay $66") or a
    condition ("if you had…") compares tiers and claims nothing of the party."""
    n = party_size(ctx.derived.counts)
    if n is None or ctx.derived.counts["kid"]:
        return []
    out = []
    for subject in ("person", "deposit"):
        tiers = size_tiers(ctx.book, subject)
        own = [v for lo, hi, v in tiers if lo <= n <= hi]
        if len(own) != 1:
            continue
        for m in found:
            if m.kind != "money" or m.approx or close(m.value, own[0]) or \
                    (m.unit != "per_person" and m.subject not in ("adult", "person") if subject == "person" else m.subject != "deposit"):
                continue
            tier = next(((lo, hi) for lo, hi, v in tiers if close(v, m.value)), None)
            if tier is None:
                continue
            start, end = sentence_span(t, m.start)
            said = [x.value for x in found if start <= x.start < end and x.kind in ("number", "people") and isinstance(x.value, float)]
            if any(tier[0] <= x <= tier[1] for x in said) or _IF_YOU.search(t[start:end]):
                continue
            span = f"{tier[0]:g}+" if tier[1] == float("inf") else f"{tier[0]:g}–{tier[1]:g}"
            out.append(Claim(t[start:end][:200], "money", "contradicted",
                             f"{money(m.value)} is the {span}-guest {'price' if subject == 'person' else 'deposit'}; {n:g} guests pay {money(own[0])}",
                             ("size_tier", subject, m.value)))
    return out


_ABOVE = Folded(r"\b(?:(?:well |comfortably |just )?(?:over|above|exceeds?|more than|past|clears?|meets?|hits?)|"
                r"por encima de|supera)\s(?:our |the |your |el |nuestro )?(?:event |food )?$")
_BELOW = Folded(r"\b(?:(?:well |just )?(?:under|below|less than|short of)|por debajo de)\s(?:our |the |your |el |nuestro )?(?:event |food )?$")
_NOT_OR_IF = Folded(r"\b(?:not|n't|never|no|to get|to reach|to clear|to hit|to meet|any|if|once|when|unless|until|"
                    r"would|should|need|needs)\b|n['’]t\b")
_MIN_AFTER = Folded(r"^\s?(?:event |food |order )?(?:minimum|min\b|m[ií]nimo)")


def _comparison_claims(t: str, found: tuple, ctx: CheckContext) -> list[Claim]:
    """"$575 … that's over our $750 minimum": an amount said to clear (or miss) the facts' minimum must
    be above (or below) it. The amounts the answer gives just before the comparison are read: one of
    them must clear it (a breakdown "$812 ($696 + $116)" holds the total that does). A denied or
    conditional comparison ("does not meet", "to get over", "any order over") states nothing."""
    mins = {p.value for p in ctx.book.prices_for("minimum")}
    out = []
    for k, m in enumerate(found):
        if k == 0 or m.kind != "money" or not within(m.value, mins) or not _MIN_AFTER.search(t[m.end:m.end + 12]):
            continue
        before = t[max(found[k - 1].end, m.start - 40):m.start].replace("$", "")
        if _NOT_OR_IF.search(before):
            continue  # "which does not meet the $750 minimum", "add $175 to get over the minimum", "any order over"
        above, below = _ABOVE.search(before), _BELOW.search(before)
        said = [x.value for x in found[:k] if x.kind == "money" and m.start - x.end <= 150]  # "$812 ($696 + $116), above"
        if not said or not (above or below):
            continue
        if above and max(said) < m.value or below and min(said) >= m.value:
            amount, side = (max(said), "below") if above else (min(said), "at or above")
            out.append(Claim(sentence_at(t, m.start)[:200], "minimum", "contradicted",
                             f"{money(amount)} is {side} the {money(m.value)} minimum", ("minimum", "compare", amount)))
    return out


def _without_business_name(t: str, ctx: CheckContext) -> str:
    """``t`` with the business's own name blanked: "Flying Shrimp Hibachi" offers no shrimp."""
    business = ctx.book.facts.get("business", "")
    name = re.split(r"\s[—–-]\s|,|\(|:", business)[0].strip()
    return t.replace(name, " " * len(name)) if len(name) > 3 else t


def _answer_products(t: str, found, ctx: CheckContext) -> frozenset:
    """When the customer gave no guest counts, counts the answer states × per-person prices (and pair sums)."""
    if ctx.derived.question_gave_counts or not ctx.derived.per_person:
        return frozenset()
    ns = {m.value for m in found if m.kind in ("people", "number") and isinstance(m.value, float) and 0 < m.value <= 500
          and not re.search(r"[×*x]\s*$", t[max(0, m.start - 3):m.start])}  # "× 2" multiplies a fee, it counts no guests
    products = {round(n * p, 2) for n in ns for p in ctx.derived.per_person}
    return frozenset(products | {round(a + b, 2) for a in products for b in products})


def _dedupe(claims: list[Claim]) -> tuple[Claim, ...]:
    seen, out = set(), []
    for c in claims:
        k = (c.key, c.status)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return tuple(out)


_UNVERIFIED = re.compile(r"\b(?:unverified|not verified|not confirmed|unconfirmed|can'?t confirm|cannot confirm|flag(?:ged)? for|"
                         r"needs? (?:the )?(?:owner|manager)'?s? (?:review|approval|sign-off)|no (?:written )?approval on file)\b", re.I)
_REPORTED = re.compile(r"\b(?:customer|client|caller|guest|lead|they|she|he)(?:'s (?:message|note|email|text|form))?\s+(?:says?|said|claims?|claimed|mentions?|mentioned|"
                       r"states?|stated|reports?|reported|asks?|asked|requests?|requested|wants?)\b|\b(?:unverified|not verified)\b|"
                       r"\b(?:cliente|client)\s+(?:dice|afirma|pide|indique|affirme|sagt|behauptet)\b", re.I)
#: a plain number in a money slot: "fourteen adults at 72", "at 35 each", "a service charge of 216",
#: "210 for the six kids" (asked only in a sentence that talks money)
_MONEY_SLOT_BEFORE = re.compile(r"(?:\bat|\b(?:charge|fee|cost|price|total|deposit|bill|tip|gratuity)\s(?:of|is|comes to|would be))\s$", re.I)
_MONEY_SLOT_AFTER = re.compile(r"\s(?:each|apiece|a head|per (?:person|guest|head|adult|kid|child|mile|tray)s?)\b|"
                               r"\sfor\s(?:the\s|your\s)?(?:\w+\s)?(?:adults?|kids?|guests?|children|people)\b", re.I)
_MONEY_WORD = re.compile(r"\$|\bdollars?\b|\busd\b|\bprice|\bfee\b|\bcharge|\bcost|\btotal|\bbill|\bquote|\bd[oó]lares\b", re.I)
_JSON_MONEY_KEY = guarded(r"[\"']?[\w -]*(?:budget|price|total|deposit|paid|amount|cost|fee|balance|quote|revenue|owed|\bdue|"
                            r"precio|presupuesto|importe|anticipo|dep[oó]sito|preis|betrag|anzahlung|montant|prix|acompte|valor|sinal)"
                            r"[\w -]*[\"']?\s*[:=]\s*$", re.I)


def _mention_claim(t: str, m: Mention, ctx: CheckContext, found: tuple = ()) -> Optional[Claim]:
    sent = sentence_at(t, m.start)
    book, der = ctx.book, ctx.derived
    if m.kind == "phone":
        ok = m.value in book.phones() or m.value in ctx.question_phones
        return _c(sent, m, ok, f"phone {m.value} appears in the facts" if ok else f"no fact gives the phone number {m.value}")
    if m.kind == "email":
        ok = m.value in book.text or m.value in ctx.question.lower()
        return _c(sent, m, ok, "e-mail appears in the facts" if ok else f"no fact gives the e-mail {m.value}")
    if m.kind == "money":
        return _money_claim(sent, m, ctx, t, found)
    v = m.value
    kind = "proteins" if m.kind == "number" and _PICK.search(t[max(0, m.start - 12):m.start]) else m.kind
    if kind == "proteins":
        counts = book.protein_counts()
        start, _ = sentence_span(t, m.start)
        said = set(re.findall(r"[^\W\d_]{3,}", t[start:m.end].lower()))
        amounts = [float(x.replace(",", "")) for x in DOLLARS.findall(t[start:m.end])]
        priced = {w for p in book.priced if any(close(p.value, a) for a in amounts)
                  for n in re.findall(RECORD_NAME, p.text, re.I) for w in re.findall(r"[^\W\d_]{3,}", n.lower())}
        named = [(w, n) for w, n in book.tier_protein_counts().items() if w & said] or \
            [(w, n) for w, n in book.tier_protein_counts().items() if w & priced]  # "Our package is $55 per adult and includes 3 proteins"
        if len(named) == 1 and not close(named[0][1], v):  # "Classic includes 3 proteins" when Classic guests choose 2
            return _c(sent, m, False, f"on {'/'.join(sorted(named[0][0]))} guests choose {named[0][1]:g} proteins", "contradicted")
        if counts and not within(v, counts):
            return _c(sent, m, False, f"facts say guests choose {', '.join(f'{c:g}' for c in sorted(counts))} proteins", "contradicted")
        return _c(sent, m, True, "matches the number of proteins in the facts") if counts else None
    if kind == "percent":
        ok = within(v, book.values("percent"))
        named = PERCENT_NAMED.match(t, m.end)  # "10.25% sales tax", "25% deposit": the word after names it
        topic = None if _SHARE_OF_DEPOSIT.match(t, m.end) else _percent_topic(named.group()) if named else \
            None if _TAX_BEFORE.search(t[max(0, m.start - 25):m.start]) else _percent_topic(_clause_at(t, m.start, m.end) or sent)
        typed = book.percents_for(topic) if topic else set()
        if ok and typed and not within(v, typed):
            return _c(sent, m, False, f"the facts give the {topic} as {', '.join(f'{x:g}%' for x in sorted(typed))}", "contradicted")
        if ok and (wrong := _said_base(t, m, book)):
            return _c(sent, m, False, wrong, "contradicted")
        flat = book.prices_for("deposit") if topic == "deposit" and not typed else []
        if flat and not any(re.search(r"%|percent|por ?ciento", p.text) for p in flat):  # "El depósito es el 20%" of a flat $100
            what = "a deposit per guest" if flat[0].unit == "per_person" else "a flat deposit"
            return _c(sent, m, False, f"the facts give {what}, not a percentage ({flat[0].key}: {flat[0].text})", "contradicted")
        if not ok and _REPORTED.search(_clause_at(t, m.start, m.end) or sent) and \
                any(x.kind == "percent" and close(x.value, v) for x in mentions(ctx.question)[1]):
            # a record's note "Customer says the owner approved 50% off. Not verified": the customer's claim, reported
            return _c(sent, m, True, f"{v:g}% is the customer's own figure, reported as theirs")
        return _c(sent, m, ok, f"{v:g}% appears in the facts" if ok else f"no fact gives {v:g}%")
    if kind in ("days", "hours", "weeks", "minutes"):
        ok = within(v, _durations_of(kind, ctx)) or (kind, round(v, 2)) in der.durations or \
            kind == "days" and within(v, der.question_days)  # "this Saturday is only 5 days away"
        if ok and kind in ("days", "weeks", "hours"):
            start, end = sentence_span(t, m.start)
            wrong = deadline_reason(t[start:end], m.start - start, kind, v, book, _question_days(ctx) | set(der.question_days))
            if wrong:
                return _c(sent, m, False, wrong, "contradicted")
        summed = None if ok or kind not in ("hours", "minutes") else _duration_sum(t, m, ctx)
        return _c(sent, m, ok or bool(summed),
                  summed or (f"{v:g} {kind} appears in the facts" if ok else f"no fact gives {v:g} {kind}"))
    if kind == "number" and _PIECES.match(t, m.end) and (given := _fact_pieces(book)):
        start, end = sentence_span(t, m.start)  # "10 orders (60 pieces)" of a 6-piece order
        said = {x.value for x in found if start <= x.start < end and x is not m and isinstance(x.value, float)}
        listed = ", ".join(f"{c:g}" for c in sorted(given))
        ok = within(v, given | {c * n for c in given for n in der.question_numbers | set(der.people) | said})
        return _c(sent, m, ok, f"the facts give {listed} pieces a serving", "contradicted")
    if kind == "number" and (_DATE_OR_MEASURE.match(t, m.end) or re.search(r"\b(?:on|the|of)\s*$|\d\s*(?:and|,|&)\s*$", t[max(0, m.start - 8):m.start])
                             and _DATE_OR_MEASURE.match(t, m.end)):
        return None  # "on 31 December", "24 and 31 December", "0.33 l Asahi": a date or a measure, not a count
    if kind == "number" and v in (0.0, 1.0, 2.0, 3.0):
        return None  # "the two of them", "three zones", "2 appetizers are available", "zero cross-contact": counts of what the answer names
    if kind == "people" and der.capacity and _CAPACITY.search(_clause_at(t, m.start, m.end) or sent) and not close(v, der.capacity) \
            and _CAPACITY_BEFORE.search(t[max(0, m.start - 30):m.start]):  # "one chef handles 50", not "For 45 adults: … (one chef handles 40)"
        return _c(sent, m, False, f"the facts say one chef serves up to {der.capacity:g} guests", "contradicted")
    pool = book.counts() | der.question_numbers | set(der.distance) | set(der.people) | set(der.numbers) | \
        {x for x in book.values("money") if x >= 100}  # "nine hundred" for $900
    if kind == "number" and (t[max(0, m.start - 60):m.start].rstrip().endswith((":", "=")) and _JSON_MONEY_KEY.search(t, max(0, m.start - 60), m.start)
                             or (_MONEY_SLOT_BEFORE.search(t[max(0, m.start - 20):m.start]) or _MONEY_SLOT_AFTER.match(t, m.end))
                             and _MONEY_WORD.search(sent)):
        # {"budget": 1200, "est_total": 896} in a record, "at 72 each" in prose: money written as a plain number
        pool = pool | book.values("money") | set(der.money) | set(der.food_totals) | set(der.grand_totals) | \
            {x.value for x in mentions(ctx.question)[1] if x.kind == "money" and isinstance(x.value, float)}
    if kind == "distance" and (other := _other_unit(v, m, ctx)):
        return _c(sent, m, *other)
    if kind == "distance":
        if m.start in _free_zone_numbers(t):
            free = book.free_miles()
            if free and not within(v, free):
                return _c(sent, m, False, f"the facts give {', '.join(f'{x:g}' for x in sorted(free))} free miles", "contradicted")
        pool = book.values("distance") | der.question_distances | set(der.distance) | book.values("number")
    ok = within(v, pool)
    if not ok and kind == "number" and v in _question_hours(ctx.question):
        return _c(sent, m, True, f"{v:g} o'clock is the question's time")  # "4:30 pm if you eat at 6" for "if we eat at 6 pm"
    if not ok and kind == "number" and _HOURS_RANGE.search(t[max(0, m.start - 40):m.end + 8]) and v % 12 in _fact_hours(book):
        return _c(sent, m, True, f"{v:g} o'clock is a time of the facts")  # "Mon-Fri 9-5" for "Mon-Fri 9am-5pm"
    if not ok and kind == "number" and (listed := _list_count(t, m, book)):
        return _c(sent, m, True, listed)
    if not ok and kind in ("age", "number") and (edge := _bracket_edge(v, _clause_at(t, m.start, m.end) or sent, book)
                                                  or _bracket_edge(v, sent, book)):  # "13 and older": the clause ends at "and"
        return _c(sent, m, True, edge)
    return _c(sent, m, ok, f"{v:g} comes from the facts or the question" if ok else f"no fact, question value or computation gives {v:g} ({kind})")


_HOURS_RANGE = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun|weekdays?|weekends?|daily|open|hours)[a-z.]*,?\s+(?:from\s+)?\d{1,2}\s?(?:[-–]|to)\s?\d{1,2}\b", re.I)
_FACT_CLOCK = re.compile(r"\b(\d{1,2})(?::\d\d)?\s?(?:[ap]\.?m?\b)|\b(\d{1,2}):\d\d\b|\b(\d{1,2})\s?[-–]\s?(\d{1,2})\b", re.I)


def _fact_hours(book: FactBook) -> set[float]:
    """Hours (on a 12-hour dial) of the facts' clock times and hour ranges ("9am-5pm", "Mon–Fri 10–6")."""
    if "hours_of_day" not in book.memo:
        out = set()
        for _, seg in book.segments_with(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bhours\b|\bopen\b|\boffice\b"):
            if not re.search(r"\b(?:office|open|hours|phone|call|reach)\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s?[-–]", seg, re.I):
                continue
            for m in _FACT_CLOCK.finditer(seg):
                out |= {float(int(g) % 12) for g in m.groups() if g and int(g) <= 24}
        book.memo["hours_of_day"] = out
    return book.memo["hours_of_day"]


_UNIT_NAME = {"km": "km", "mi": "miles"}


def _other_unit(v: float, m: Mention, ctx: CheckContext) -> Optional[tuple[bool, str, str]]:
    """A distance in the unit the facts do not use: a conversion of a distance of the facts or the
    question is supported; "30 miles" for the facts' "30 km" is contradicted. None when the units agree."""
    unit = ctx.book.distance_unit()
    if unit is None or m.unit == unit:
        return None
    if within(v, {q.value for q in mentions(ctx.question)[1] if q.kind == "distance" and q.unit == m.unit}):
        return None  # the customer's own "25 miles"
    known = ctx.book.values("distance") | ctx.derived.question_distances | set(ctx.derived.distance)
    for x in known:
        conv = convert_distance(x, m.unit)
        if abs(v - conv) <= max(1.0, 0.05 * conv):
            return True, f"{x:g} {_UNIT_NAME[unit]} is about {v:g} {_UNIT_NAME[m.unit]}", "supported"
    if within(v, ctx.book.values("distance")):
        return False, f"the facts give {v:g} {_UNIT_NAME[unit]}, not {_UNIT_NAME[m.unit]}", "contradicted"
    return False, f"no fact or question distance gives {v:g} {_UNIT_NAME[m.unit]}", "unsupported"


_COUNTED = re.compile(r"\s*(?:different\s+|separate\s+)?([^\W\d_]{4,})", re.I)


def _list_count(t: str, m: Mention, book) -> Optional[str]:
    """"The omakase is 5 courses" when the facts list five courses ("courses": [five items])."""
    noun = _COUNTED.match(t, m.end)
    if not noun:
        return None
    stem = noun.group(1).lower().rstrip("s")
    for k, v in book.facts.items():
        name = key_name(k)
        if stem not in name:
            continue
        items = [x for x in re.split(r"[;,]|\band\b", v.split(":", 1)[1] if v.lower().startswith(name + ":") else v) if x.strip()]
        if len(items) == m.value:
            return f"the facts list {len(items)} {noun.group(1)} ({k})"
    return None


_FROM_AGE = re.compile(r"\b(from|starting( at)?|over|older than|a partir de|desde)\b[^.;]{0,12}$|^\s?(\+|and (up|older|over|above)|or (older|over|above)|y (más|mayores))", re.I)
_BELOW_AGE = re.compile(r"\b(under|younger than|below|less than|menores de|menos de)\b[^.;]{0,6}$", re.I)


def _bracket_edge(v: float, clause: str, book) -> Optional[str]:
    """"The adult price applies from age 13" when the kids' bracket ends at 12; "under 13" likewise."""
    ages = {x for x in (age_brackets(book) or ())[::2] if x is not None}  # where the free and the kids' brackets end
    at = clause.find(f"{v:g}")
    if at < 0:
        return None
    before, after = clause[:at], clause[at + len(f"{v:g}"):]
    if within(v - 1, ages) and (_FROM_AGE.search(before) or _FROM_AGE.match(after) or _BELOW_AGE.search(before)):
        return f"the age after the facts' bracket ending at {v - 1:g}"
    return None


#: a count of pieces (not a share per guest); ounces and skewers belong to one item each ("8 oz ribeye")
#: and are not compared across items
_PIECES = re.compile(r"[\s-]?(pieces?|pcs?\b|pc\b|piezas?)(?!\s(?:per|each|a|por)\s?(?:guest|person|head|persona)|\s(?:each|apiece))", re.I)
_FACT_PIECES = re.compile(r"(\d+(?:\.\d+)?)" + _PIECES.pattern, re.I)


def _fact_pieces(book) -> set[float]:
    """How many pieces the facts say an item comes with; memoized."""
    if "pieces" not in book.memo:
        book.memo["pieces"] = {float(m.group(1)) for m in _FACT_PIECES.finditer(book.text)}
    return book.memo["pieces"]


def _question_days(ctx: CheckContext) -> set[float]:
    """Day counts the customer gave ("3 weeks out" is 21 days)."""
    return {q.value * (7 if q.kind == "weeks" else 1) for q in mentions(ctx.question)[1] if q.kind in ("days", "weeks")}


_PER = {"minutes": 1.0, "hours": 60.0, "days": 1440.0, "weeks": 10080.0}


def _durations_of(kind: str, ctx: CheckContext) -> set[float]:
    """Every duration of ``kind`` the facts or the question give, also in other units ("2 days" is 48 hours)."""
    qm = mentions(ctx.question)[1]
    out = set()
    for k, size in _PER.items():
        vals = ctx.book.values(k) | {q.value for q in qm if q.kind == k}
        out |= {round(x * size / _PER[kind], 2) for x in vals}
    return out


_HOURS_THEN = re.compile(r"^\s*(?:hours?|hrs?|horas?)\s*(?:and\s+|y\s+|,\s*)?(\d+)\s*(?:minutes?|mins?|minutos)\b", re.I)
_AFTER_HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|horas?)\s*(?:and\s+|y\s+|,\s*)?$", re.I)
_OVER = re.compile(r"\b(a little|just|slightly|a bit) (over|more than)\s*$|\bover\s*$|m[aá]s de\s*$", re.I)
_ABOUT = re.compile(r"\b(about|around|roughly|approximately|approx\.?|~|nearly|almost|unas|aproximadamente|alrededor de)\s*$", re.I)


def _duration_sum(t: str, m: Mention, ctx: CheckContext) -> Optional[str]:
    """A length of time the facts' durations add up to: "45 min setup + 2 hours + 20 min cleanup" is
    "3 hours 5 minutes", "185 minutes" or "a little over 3 hours" (about: within 15%)."""
    minutes = m.value * 60 if m.kind == "hours" else m.value
    if m.kind == "hours" and (tail := _HOURS_THEN.match(t, m.end)):
        minutes += float(tail.group(1))  # "3 hours 5 minutes" is one length
    elif m.kind == "minutes" and (head := _AFTER_HOURS.search(t, max(0, m.start - 20), m.start)):
        minutes += float(head.group(1)) * 60
    parts = sorted({x * _PER[k] for k in ("minutes", "hours") for x in ctx.book.values(k)})
    sums = {a + b for a, b in combinations(parts, 2)} | {a + b + c for a, b, c in combinations(parts, 3)}
    before = t[max(0, m.start - 20):m.start]
    for total in sorted(sums):
        if close(total, minutes) or _OVER.search(before) and minutes < total < minutes + 60 or \
                _ABOUT.search(before) and abs(total - minutes) <= 0.15 * total:
            return f"the facts' durations add up to {total:g} minutes"
    return None


_FREE_PHRASE = re.compile(
    r"(?:first|primeras?)\s+(\d[\d.]*)[\s-]*(?:miles?|millas?|km)(?:\s+\w+){0,5}?\s+(?:are|is|son|es)?\s*(?:free|gratis|included)"
    r"|(?:free|gratis|included|no charge)\s+(?:\w+\s+){0,3}?(?:within|for the first|up to|for|hasta|dentro de)\s+(?:the\s+first\s+)?(\d[\d.]*)"
    r"|(\d[\d.]*)\s+free\s+(?:miles|km)|(\d[\d.]*)\s+(?:miles|millas|km)\s+(?:are\s+)?(?:free|gratis)", re.I)


@lru_cache(maxsize=64)
def _free_zone_numbers(t: str) -> frozenset[int]:
    """Start offsets of numbers stated as the free-travel distance ("first 20 miles are free")."""
    return frozenset(m.start(i) for m in _FREE_PHRASE.finditer(t) for i in range(1, 5) if m.group(i))


_CLAUSE_END = re.compile(r"[,;.!?]\s|\n|\b(and|so|but|y|pero)\b", re.I)


def _clause_at(t: str, start: int, end: int) -> str:
    """The clause around a mention ("18–20% for the chef is customary" out of a longer sentence)."""
    left = max((m.end() for m in _CLAUSE_END.finditer(t, max(0, start - 80), start)), default=max(0, start - 80))
    right = _CLAUSE_END.search(t, end)
    return t[left:right.start() if right else len(t)]


_SAID_BASE = re.compile(r"\b(?:calculated|computed|taken|based|charged|applied|figured|worked out)\s+(?:on|of|from|off)\b|"
                        r"\b(?:of|on)\s+(?:the|your)\s+(?:full|whole|entire|grand|final|overall)\s+(?:total|bill|invoice|amount)", re.I)
_SAID_PART = re.compile(r"(?<!not )(?<!n't )\b(?:including|incl\.?|plus|after|(?:food|subtotal|menu|meal)s?\s*(?:and|\+|&|plus|with))\s+(?:the\s+|your\s+)?(?:[\d.]+%\s+)?"
                        r"(?:(gratuity|service charge|service fee|tips?|tax(?:es)?)|(travel|mileage|trip fee))\b", re.I)
_WHOLE = re.compile(r"\b(?:full|whole|entire|grand|final|overall)\s+(?:total|bill|invoice|amount)", re.I)
_BASE_END = re.compile(r",(?!\s*(?:including|incl\.?|plus|with|as well as)\b)|[;:(—–]|\s-\s|\b(?:is|are|will|'ll|gets?|goes|due|paid|settled|you|we|which|so|but)\b", re.I)


def _said_base(t: str, m: Mention, book) -> Optional[str]:
    """"The 20% deposit is calculated on your full total including the 18% service charge" when
    the facts take the 20% of the food alone: the base an answer names must be the facts' base."""
    spec = percent_bases(book).get(round(m.value, 2))
    if spec is None:
        return None
    start, end = sentence_span(t, m.start)
    nxt = t.find("%", m.end + 1, end)
    said = t[m.end:nxt if nxt > 0 else end]
    base = _SAID_BASE.search(said)
    if not base:
        return None
    said = _BASE_END.split(said[base.end():])[0]  # the base named, up to the next clause: "on food, and the travel fee is paid on the day"
    parts = {"pct" if x.group(1) else "travel" for x in _SAID_PART.finditer(said)}
    if _WHOLE.search(said) and not parts:
        parts = {"pct"} if book.percents_for("gratuity") - {m.value} else set()
    extra = parts - spec[0]
    if not extra:
        return None
    words = {"pct": "the gratuity or service charge", "travel": "the travel fee"}
    return f"the facts take {m.value:g}% of {base_words(spec[0])}, not of an amount with {' and '.join(words[x] for x in sorted(extra))}"


_TAX_BEFORE = re.compile(r"\b(tax|taxes|impuestos?|iva)\b[^,;.$%\d]{0,15}$", re.I)  # "Tax at 7% of food (gratuity isn't taxed)"


#: "40% of the $300 deposit": a share of the deposit (a refund), not the deposit's rate
_SHARE_OF_DEPOSIT = re.compile(r"\s?(?:%|percent|por ?ciento)?\s*(?:of|del?|du)\s+(?:the|your|el|la|su|tu|votre|le|l')?\s*(?:\$\s?[\d,.]+\s+|[\d,.]+\s?\$\s+)?"
                               r"(?:deposit|dep[oó]sito|d[ée]p[oô]t|acompte)", re.I)
_REFUND_SHARE = re.compile(r"\bback\b|refund|\breturn|reembols|devuel|devol|rembours|r[ée]cup[ée]r", re.I)


def _percent_topic(text: str):
    if re.search(r"deposit|dep[oó]sito", text, re.I):
        return None if _REFUND_SHARE.search(text) else "deposit"  # "50% of the deposit back" is a refund share
    if re.search(r"gratuity|\btip|service charge|propina|chef", text, re.I):
        return "gratuity"
    return None


def _c(sent: str, m: Mention, ok: bool, reason: str, bad: str = "unsupported") -> Claim:
    return Claim(sent[:200], m.kind, "supported" if ok else bad, reason, (m.kind, m.value))


#: units charged once per event, not per person or per time block
_ONCE = ("per_event", "flat", "per_order")


def _units_clash(said: Optional[str], fact: Optional[str]) -> bool:
    """Two units of one amount that cannot both be right ("per person" vs "flat", "per hour" vs "per 30 minutes")."""
    if said is None or fact is None:
        return False
    if said.endswith("min") and fact.endswith("min"):
        return said != fact
    return (said == "per_person" and fact in _ONCE) or (said in _ONCE and fact == "per_person")


_KM_AFTER = re.compile(r"^\s?(?:/\s?|per |a |an |each |por |par |pro )(?:additional |extra )?(?:km|kilomet|kil[oó]metro)", re.I)
_MILE_AFTER = re.compile(r"^\s?(?:/\s?|per |a |an |each |por |par |pro )(?:additional |extra )?(?:mi\b|miles?|millas?)", re.I)


def _distance_unit_swap(t: str, m: Mention, same: list) -> Optional[str]:
    """"$1.50 per kilometer" for a rate the facts give per mile, or the reverse."""
    if m.unit != "per_mile":
        return None
    after = t[m.end:m.end + 25]
    said = "km" if _KM_AFTER.match(after) else "mile" if _MILE_AFTER.match(after) else None
    if said is None:
        return None
    for p in same:
        text, found = mentions(p.text)
        tail = next((text[x.end:x.end + 25] for x in found if x.kind == "money" and close(x.value, p.value)), "")
        fact = "km" if _KM_AFTER.match(tail) else "mile" if _MILE_AFTER.match(tail) else None
        if fact and fact != said:
            return f"{money(m.value)} is charged per {'kilometre' if fact == 'km' else 'mile'} in the facts ({p.key}: {p.text}), " \
                   f"not per {'kilometre' if said == 'km' else 'mile'}"
    return None


def _time_for_once(said: Optional[str], fact: Optional[str]) -> bool:
    """"A second chef is $150 per hour" for $150 per event, or the reverse: only where the answer itself writes
    the unit (a $150 deposit near "72 hours' notice" is no hourly charge)."""
    return bool(said and fact) and (said.endswith("min") and fact in (*_ONCE, "per_person") or fact.endswith("min") and said in _ONCE)


_FACT_BLOCK = re.compile(r"(?:per|each|every|por cada) (?:additional |extra )?(?:(\d+)[\s-]?(?:minutes?|mins?|minutos)|"
                         r"(half[\s-]hour|hour|hora))", re.I)


def _fact_units(book) -> dict[float, set]:
    """Every unit the facts give each amount (None where a mention has none), memoized."""
    if "units" not in book.memo:
        units: dict[float, set] = {}
        per_seg: dict[int, int] = {}
        for _, seg, m in book.mentions:
            if m.kind == "money":
                per_seg[id(seg)] = per_seg.get(id(seg), 0) + 1
        for _, seg, m in book.mentions:
            if m.kind != "money":
                continue
            unit = m.unit
            block = _FACT_BLOCK.search(seg) if unit is None and per_seg[id(seg)] == 1 else None
            if block:  # "each additional 30 minutes is $80"
                unit = f"per_{int(block.group(1))}min" if block.group(1) else \
                    "per_30min" if block.group(2).lower().startswith("half") else "per_60min"
            units.setdefault(round(m.value, 2), set()).add(unit)
        for p in book.priced:
            if p.unit:
                units.setdefault(round(p.value, 2), set()).add(p.unit)
                units[round(p.value, 2)].discard(None)
        book.memo["units"] = units
    return book.memo["units"]


_HOUR = re.compile(r"\b(hour|hr|hora)s?\b", re.I)
_HALF_OR_MINUTES = re.compile(r"half[\s-]hour|media hora|\d+[\s-]?(minutes?|mins?|minutos)", re.I)


def _unit_misuse(t: str, m: Mention, book) -> Optional[str]:
    """An amount of the facts restated with another unit, whatever subject the answer gives it."""
    units = _fact_units(book).get(round(m.value, 2))
    if not units or None in units:
        return None
    said = m.unit
    if said is None:  # "the extra hour would be $100" for a fee per 30 minutes
        clause = _clause_at(t, m.start, m.end)
        if _HOUR.search(clause) and not _HALF_OR_MINUTES.search(clause):
            said = "per_60min"
    if said and all(_units_clash(said, u) or _time_for_once(m.unit, u) for u in units):
        fact = sorted(units)[0]
        return f"{money(m.value)} is charged {fact.replace('_', ' ').replace('60min', 'hour').replace('min', ' minutes')} in the facts, " \
               f"not {said.replace('_', ' ').replace('60min', 'hour').replace('min', ' minutes')}"
    return None


_COMPARED = re.compile(r"\b(?:instead of|rather than|than|vs\.?|versus|compared|upgrade|upgrades|upgrading|difference|"
                       r"cheaper|pricier|lower|higher|more|less|switch|move to|en vez de|en lugar de)\b")


def _other_tier(t: str, m: Mention, book) -> Optional[str]:
    """"The classic hibachi is $95 per guest" when $95 is the omakase tier's price and classic's is $70."""
    tiers = book.tiers()
    whose, own = tiers.get(round(m.value, 2), (None, None))
    if not own:
        return None
    clause = _clause_at(t, m.start, m.end).lower()
    every = frozenset().union(*(w for _, w in tiers.values()))
    if not set(re.findall(r"[^\W\d_]{3,}", clause)) & every:  # "On Premium, kids 6–12 are $30 each": the tier leads the sentence
        start, _ = sentence_span(t, m.start)
        clause = t[start:m.end].lower()
    words = set(re.findall(r"[^\W\d_]{3,}", clause))
    if words & own or _COMPARED.search(clause):
        return None  # "$60 per person instead of the weekend price", "most Silver customers upgrade to $70"
    named = [(v, w) for v, (who, w) in tiers.items() if who == whose and w & words and not close(v, m.value)]
    if len(named) != 1:
        return None
    v, w = named[0]
    return f"{money(m.value)} is the {'/'.join(sorted(own))} price; the {'/'.join(sorted(w & words))} price is {money(v)}"


_EACH_OF = re.compile(r"\b(?:chefs?|hours?|tables?|trays?|orders?|platters?|blocks?|stations?|grills?|cocineros?|horas?)\b"
                      r"[^.;$]{0,20}[$€£¥]?$", re.I)


def _unit_conflict(unit: Optional[str], fact: PricedFact, before: str = "", after: str = "") -> Optional[str]:
    if unit == "per_person" and re.match(r"\s*each\b", after, re.I) and _EACH_OF.search(before):
        return None  # "two extra chefs at $150 each": each chef
    flat_subject = fact.subject in ("deposit", "minimum", "chef") and fact.unit != "per_person"
    if unit == "per_person" and (fact.unit in _ONCE or flat_subject):
        return f"{fact.subject} is charged once ({fact.key}: {fact.text}), not per person"
    if unit in _ONCE and fact.unit == "per_person":
        return f"{fact.subject} is charged per person ({fact.key}: {fact.text}), not {unit.replace('_', ' ')}"
    return None


def _money_claim(sent: str, m: Mention, ctx: CheckContext, t: str = "", found: tuple = ()) -> Claim:
    v, book, der = m.value, ctx.book, ctx.derived
    key = ("money", v, m.subject)
    if within(v, _question_money(ctx.question)) and not within(v, book.values("money")) and negated(_clause_at(t, m.start, m.end)):
        return Claim(sent[:200], "money", "supported", f"the customer's own {money(v)}, refused", ("money", v, "refused"))
    if within(v, _question_money(ctx.question)) and not within(v, book.values("money")) and \
            _REPORTED.search(_clause_at(t, m.start, m.end) or sent) and _UNVERIFIED.search(t[max(0, m.start - 160):m.end + 160] if t else sent):
        # a record's note "Lead's message says the owner approved $30/adult; unverified": their figure, reported as theirs
        return Claim(sent[:200], "money", "supported", f"{money(v)} is the customer's own figure, reported as theirs", ("money", v, "reported"))
    if (old := book.memo.get("replaced", {}).get(round(v, 2))) and not re.search(r"\b(?:was|used to|previously|old|antes)\b", sent, re.I) and \
            (m.subject == old[0] or m.subject is None and old[0] in {x for _, _, x in find_subjects(_clause_at(t, m.start, m.end) or sent)}):
        return Claim(sent[:200], "money", "contradicted", f"{money(v)} is an old {old[0]} price; the facts now give {money(old[1])}", key + ("old",))
    if (stale := stale_prices(book, ctx.question).get(round(v, 2))) and not _WAS_WORD.search(_clause_at(t, m.start, m.end) or sent):
        return Claim(sent[:200], "money", "contradicted", f"{money(v)} is an old price; for the event's date the facts give "
                     f"{money(stale[0])} ({stale[1]})", key + ("history",))
    if (each := der.per_unit.get(round(v, 2))) and not _PER_ANY.search(t[m.end:m.end + 30]) and \
            not _PER_ANY.search(t[max(0, m.start - 12):m.start]) and not _COMPUTE_CUE.search(sent) and \
            not within(each[2], [x.value for x in found if x.kind == "money"]):  # "the deposit is $100" for two chefs at $100 per chef
        return Claim(sent[:200], "money", "contradicted", f"the facts charge {money(v)} per {each[1]}; for {each[0]:g} {each[1]}s "
                     f"that is {money(each[2])}", key + ("per_unit",))
    if v == 0 and _FREE_WORD.search(t[max(0, t.rfind("\n", 0, m.start)):m.end] if t else sent) and \
            (seg := book.segments_with(_FREE_WORD.pattern)):
        return Claim(sent[:200], "money", "supported", f"$0 for what the facts make free ({cite(seg[0])})", ("money", v, "free"))
    if m.subject in ("travel", None) and any(close(v, p.value) for p in book.priced if p.subject == "travel") and \
            (m.subject or _TRAVEL_WORD.search(sent) or der.place_fees) and not _OWN_BAND.match(t, m.end) and \
            (band := _wrong_band(sent, v, book, der)):
        return Claim(sent[:200], "money", "contradicted", band, key + ("band",))  # "la tarifa de viaje es de $40 fija"
    if der.place_minimums and (m.subject == "minimum" or _MINIMUM_WORD.search(_clause_at(t, m.start, m.end) or sent)):
        place, mins = next(iter(der.place_minimums.items()))
        if not any(close(v, x) for x in mins) and any(close(v, p.value) for p in book.priced if p.subject == "minimum"):
            return Claim(sent[:200], "money", "contradicted", f"the facts give {place} a minimum of "
                         f"{' or '.join(money(x) for x in sorted(mins))}, not {money(v)}", key + ("place",))
    if der.day_minimums and (m.subject == "minimum" or _MINIMUM_WORD.search(_clause_at(t, m.start, m.end) or sent)) and \
            not within(v, der.day_minimums) and any(close(v, p.value) for p in book.prices_for("minimum")) and \
            not ((said := _days_named(_clause_at(t, m.start, m.end) or sent)) and not said & _days_named(ctx.question)) and \
            not any(within(float(x.replace(",", "")), der.day_minimums) for x in DOLLARS.findall(sent)) and \
            not re.search(r"\b(?:if|were|would|could)\b", sent, re.I):  # "$900 instead of $1,200"; "if you moved to a Tuesday"
        return Claim(sent[:200], "money", "contradicted", f"the facts' minimum for the day asked is "
                     f"{' or '.join(money(x) for x in der.day_minimums)}, not {money(v)}", key + ("day",))  # "$900 for Saturday events"
    if (doubled := _doubled_travel(sent, v, der, book)):
        return Claim(sent[:200], "money", "contradicted", doubled, key + ("doubled",))
    if t and (wrong := _wrong_travel_fee(t, m, sent, der, book)):
        return Claim(sent[:200], "money", "contradicted", wrong, key + ("travel",))
    facts = book.prices_for(m.subject) if m.subject else []
    same = [p for p in facts if close(p.value, v)]
    if same:
        conflict = _unit_conflict(m.unit, same[0], t[max(0, m.start - 40):m.start], t[m.end:m.end + 8]) or \
            _unit_misuse(t, m, book) or _other_tier(t, m, book) or _distance_unit_swap(t, m, same)
        if conflict:
            return Claim(sent[:200], "money", "contradicted", conflict, key + (m.unit,))
        return Claim(sent[:200], "money", "supported", f"matches {same[0].key}: {same[0].text}", key)
    misuse = _unit_misuse(t, m, book) if within(v, book.values("money")) else None
    if misuse:
        return Claim(sent[:200], "money", "contradicted", misuse, key + (m.unit,))
    if within(v, der.one_way) and not within(v, der.money):
        return Claim(sent[:200], "money", "contradicted", f"{money(v)} is one way; the facts bill travel each way, so the round trip is "
                     f"{money(v * 2)}", key)
    if within(v, der.money) and (not (facts or m.unit == "per_person") or _COMPUTE_CUE.search(sent) or
                                 m.subject == "travel" and within(v, der.travel_fees)) and \
            not _balance_as_total(why := next(w for x, w in der.money.items() if close(x, v)), sent):
        return Claim(sent[:200], "money", "supported", f"computed from the facts: {why}", ("money", v, None))
    if within(v, ctx.answer_products) and not (facts and m.subject in BASE_SUBJECTS - {"adult", "kid", "person"}):
        return Claim(sent[:200], "money", "supported", "the answer's own guest count × a per-person price", ("money", v, None))
    if facts and (named := _named_price(sent, v, book)) and \
            (named.subject == m.subject or m.subject in BASE_SUBJECTS or m.subject not in _named(sent)):  # swapped prices
        return Claim(sent[:200], "money", "supported", f"matches {named.key}: {named.text}", ("money", v, named.subject))
    if _COMPUTE_CUE.search(sent) and (pair := _named_sum(sent, v, book)):
        return Claim(sent[:200], "money", "supported", f"the sum of the prices of {pair}", ("money", v, None))
    if (extra := der.unasked.get(round(v, 2))) and any(re.search(rf"\b{re.escape(w)}", sent, re.I) for w in (extra[0], *food_core(extra[0]))):
        return Claim(sent[:200], "money", "supported", f"computed from the facts: {extra[1]} ({extra[0]}, suggested)", ("money", v, None))
    if (diff := _difference(t, m, found, book, der)):
        return Claim(sent[:200], "money", "supported", diff, ("money", v, "difference"))
    if _HALF_ADULT.search(sent) and any(close(v * 2, p.value) for p in book.prices_for("adult")) and \
            any(close(v, p.value) for p in book.prices_for("kid")):  # "the kids' meal is half the adult price, $30"
        return Claim(sent[:200], "money", "supported", "half the adult price, as the facts' kids' price", ("money", v, "kid"))
    if facts:  # "Total for the kids: $82.50" may be a sum the answer's chain shows: left for it to support
        p = facts[0]
        return Claim(sent[:200], "money", "unsupported" if _COMPUTE_CUE.search(sent) else "contradicted",
                     f"{money(v)} contradicts {p.key}: {p.text}", key)
    if m.subject in (None, "person", "adult") and (tier := _other_tier(t, m, book)):
        return Claim(sent[:200], "money", "contradicted", tier, key + ("tier",))
    if within(v, book.values("money")) and m.subject is None and (other := _swapped_item(t, m, book)):
        return Claim(sent[:200], "money", "contradicted", other, ("money", v, "swapped"))
    if within(v, book.values("money")):
        owners = {p.subject for p in book.priced if close(p.value, v)}
        said = {x for _, _, x in find_subjects(sent)} | {x for _, _, x in find_foods(sent)}
        named_owner = any(w in sent.lower() for o in owners for w in (o, *food_core(o))) or \
            any(re.search(rf"\b{re.escape(x)}\b", o) for o in owners for x in said)  # "filet (+$8)", "noodles" for yakisoba noodles
        if owners and len(said) == 1 and not owners & said and "person" not in owners and not named_owner and \
                not _COMPUTE_CUE.search(sent) and not _INSTEAD_OF.search(t[max(0, m.start - 25):m.start]):
            p = next(p for p in book.priced if close(p.value, v))
            return Claim(sent[:200], "money", "unsupported", f"{money(v)} is the {p.subject} price ({p.key}: {p.text}), "
                         f"not a {'/'.join(sorted(said))} amount", key)
        return Claim(sent[:200], "money", "supported", f"{money(v)} appears in the facts", ("money", v, None))
    return Claim(sent[:200], "money", "unsupported", f"no fact or computation gives {money(v)}", key)


_WAS_WORD = re.compile(r"\b(?:was|were|used to|previously|old|older|earlier|before|until|antes|era|avant|vorher|no longer)\b", re.I)
_PER_ANY = re.compile(r"\b(?:per|each|every|apiece|par|por|pro|a|an)\b|/|\bx\b|×", re.I)
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than|than|vs\.?|versus|compared (?:to|with)|en vez de|en lugar de|au lieu de)\s*[$€£¥]?$", re.I)
_GAP_AFTER = re.compile(r"\s?(?:per \w+ |a \w+ |each )?(more|less|cheaper|short|higher|lower|under|over|above|below|m[aá]s|menos)\b", re.I)
_GAP_BEFORE = re.compile(r"\b(difference( of| is)?|save|saves|saving|savings of|short by|diferencia de|ahorra[sn]?)\s*$", re.I)


def _difference(t: str, m: Mention, found, book, der) -> Optional[str]:
    """"$13 more per person ($58 vs $45)", "$290 short of the $900 minimum": the gap between two
    amounts of the facts, the answer or a computation."""
    if not t or not (_GAP_AFTER.match(t, m.end) or _GAP_BEFORE.search(t, max(0, m.start - 25), m.start)):
        return None
    pool = book.values("money") | set(der.money) | {x.value for x in found if x.kind == "money" and x.start != m.start}
    pair = gap(m.value, pool)
    return f"{money(pair[0])} − {money(pair[1])}" if pair else None


_BOTH_WAYS = guarded(r"each way|both ways|round[\s-]trip|there and back|ida y vuelta|cada sentido|hin und zur[üu]ck|aller[- ]retour", re.I)


def _doubled_travel(sent: str, v: float, der, book: FactBook) -> Optional[str]:
    """"$30 each way, so $60 total for travel" when the facts bill the one-way miles once: the
    fee for the customer's distance, doubled."""
    if der.round_trip or not _BOTH_WAYS.search(sent) or within(v, der.travel_fees) or book.segments_with(ROUND_TRIP) or \
            not (_TRAVEL_WORD.search(sent) or re.search(r"\bmil(?:e|la)s?\b|\bkm\b|kil[oó]metro", sent, re.I)):
        return None
    fee = next((f for f in der.travel_fees if f and close(v, f * 2)), None)
    return None if fee is None else f"the facts bill the travel once ({money(fee)} for the customer's distance), not both ways ({money(v)})"


#: an amount said as the travel fee: "$70 travel fee", "the travel fee would be $30", "Travel: $95"
_FEE_AFTER = re.compile(r"\s*(?:flat\s+|one-way\s+)?(?:travel|trip|mileage|driving)\s*(?:fee|charge|cost)\b", re.I)
_FEE_BEFORE = guarded(r"(?<![+&])(?<!\band )(?<!\bon )(?<!\bplus )(?<!\+ )(?<!& )\b(?:travel|trip|mileage)\s*(?:fee|charge|cost)?s?\s*"
                         r"(?:is|would be|will be|comes to|of|:|-|–)\s*(?:about|around|just|only|a flat|flat)?\s*\**\s*$", re.I)
_PAY_BEFORE = re.compile(r"\b(?:you'?d pay|you would pay|you'll pay|you will pay|that'?s|it'?s|comes to|works out to)\s*(?:about|around|just|only)?\s*$", re.I)
_RATE_WORDS = re.compile(r"\s*(?:per mile|/\s?mi(?:le)?\b|a mile\b|each mile|per km|/\s?km\b)", re.I)


def _wrong_travel_fee(t: str, m: Mention, sent: str, der, book: FactBook) -> Optional[str]:
    """"35 miles × $2 per mile = $70 travel fee" when the first 25 miles are free: an amount said as the
    travel fee for the customer's own distance must be the fee the facts give that distance."""
    if not der.question_distances or not der.travel_fees or der.place_fees or re.search(r"\b(?:if|unless|si)\b", sent, re.I) or \
            _days_named(sent):
        return None  # "On weekends the travel fee is $40": another rule's fee
    v = m.value
    if within(v, der.travel_fees) or within(v, der.one_way) or m.unit or _RATE_WORDS.match(t, m.end):
        return None  # "$2/mile" is the rate
    before, after = t[max(0, m.start - 45):m.start].rstrip("$ "), t[m.end:m.end + 25]
    known = der.question_distances | set(der.distance) | book.free_miles() | ({der.radius} if der.radius else set())
    other = [float(x) for x in re.findall(r"\b(\d+(?:\.\d+)?)[\s-]?(?:miles?|mi\b|km\b)", t[max(0, m.start - 60):m.start] + " " +
                                                                                        t[m.end:m.end + 30].split(".")[0])]
    if any(not within(x, known) for x in other):
        return None  # "a 45-mile trip carries a $40 travel fee": another distance's fee
    paid = _PAY_BEFORE.search(before) and re.search(_RATE_WORDS.pattern.lstrip("\\s*"), sent, re.I) and \
        len(DOLLARS.findall(sent)) <= 2 and not re.search(r"\b(?:adults?|guests?|people|kids?|total|subtotal|food)\b", sent, re.I)
    if not (_FEE_AFTER.match(after) or _FEE_BEFORE.search(before) or paid) or \
            re.search(r"\b(?:total|subtotal|incl\w*\.?|with|before|after|plus|excl\w*\.?|without)\s+(?:the\s+)?(?:travel|trip|mileage)\b", before, re.I):
        return None  # "Total with travel fee: $620", "Subtotal before travel fee: $600"
    miles = " or ".join(f"{x:g}" for x in sorted(der.question_distances))
    right = " or ".join("free" if f == 0 else money(f) for f in sorted(der.travel_fees))
    return f"the facts' travel fee for {miles} miles is {right}, not {money(v)}"


_DATE_OR_MEASURE = re.compile(r"(?:st|nd|rd|th)?\s*(?:and\s+\d{1,2}(?:st|nd|rd|th)?\s+|,\s*\d{1,2}\s+)?(?:of\s+)?"
                              r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|m[äa]rz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|"
                              r"mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
                              r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
                              r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro)[a-z]*\b|\.\d{1,2}\.|"
                              r"\s?(?:l|ml|cl|oz|g|kg|lb|lbs|cm|mm)\b", re.I)


_HALF_ADULT = re.compile(r"\bhalf (?:of )?(?:the )?adult|\bhalf[- ]price\b", re.I)
_BALANCE_CUE = re.compile(r"balance|remain|\bdue\b|\bowe|\bleft\b|\brest\b|after|on the day|day of|then|later|"
                          r"saldo|restante|pendiente|resto|quedan?\b|despu[eé]s|solde|reste|restant|apr[eè]s|rest(betrag)?\b|"
                          r"falta|faltan|luego|−|\s-\s", re.I)


_TOTAL_WORD = re.compile(r"\btotal\b|in all|altogether|all in|en total|au total|no total|insgesamt", re.I)


def _balance_as_total(why: str, sent: str) -> bool:
    """"For 10 adults it's $500 in total" where $500 is 10 × $60 less the $100 deposit: a balance is no total
    unless the sentence says it is what is left to pay."""
    return why.endswith(" deposit") and " − " in why and bool(_TOTAL_WORD.search(sent)) and not _BALANCE_CUE.search(sent)


_MINIMUM_WORD = re.compile(r"\bminimum\b|\bm[ií]nimo\b", re.I)
_TRAVEL_WORD = re.compile(r"travel|trip|drive|driving|mileage|zone|band|tier|viaje|traslado|desplazamiento|recorrido|zona", re.I)
_BAND_EDGE = re.compile(r"(?:past|over|beyond|above|more than|under|within|up to|from|after|>|<|m[aá]s de|hasta|dentro de)\s*$", re.I)


#: "$100 flat for 41–60 miles": an amount stated with its own band is the schedule, not this customer's fee
_OWN_BAND = re.compile(r"\s*(?:flat\s*)?(?:\(|for\s+|from\s+|over\s+|beyond\s+|past\s+|up to\s+|within\s+)\d+(?:\s*(?:[-–]|to)\s*\d+)?\s*(?:mi|miles|km)\b",
                       re.I)


def _wrong_band(sent: str, v: float, book, der) -> Optional[str]:
    """"Tacoma is 34 miles out, which puts you in the $100 travel band" when 34 miles falls in the
    facts' $50 band: a band's fee said of the customer's own distance must be that band's."""
    for place, fees in der.place_fees.items():
        if re.search(rf"\b{re.escape(place)}\b", sent) and not any(close(f, v) for f in fees):
            return f"the facts give {place} a travel fee of {' or '.join(money(f) for f in sorted(fees))}, not {money(v)}"
    if not travel_bands(book):
        return None
    # "Yes, the travel fee is a flat $40": a sentence with one amount and no other number speaks of
    # the one distance the customer gave
    implied = len(der.question_distances) == 1 and len(re.findall(r"\d+(?:[.,]\d+)*", sent)) == 1
    for miles in der.question_distances:
        said = [x for x in re.finditer(rf"(?<![\d.]){re.escape(f'{miles:g}')}(?![\d.])", sent)
                if not _BAND_EDGE.search(sent[max(0, x.start() - 14):x.start()]) and not re.match(r"\s*(?:-|–|to\b|a\b)\s*\d", sent[x.end():])]
        if not said and not implied:  # "anything past 40 miles is $100" is a band, not the customer's distance
            continue
        fees = band_fees(book, miles)
        if fees and not any(close(f, v) for f in fees):
            right = " or ".join(money(f) if f else "free" for f in sorted(fees))
            return f"{miles:g} miles falls in the facts' {right} travel band, not {money(v)}"
    # "Anything over 40 miles is $100 flat" to a customer 65 miles out, when the $100 band ends at 60
    ends = [hi for lo, hi, fee in travel_bands(book) if close(fee, v)]
    if ends and _OPEN_BAND.search(sent) and not re.search(r"quote|not available|don'?t travel|do not travel|can'?t|cannot|case[- ]by[- ]case", sent, re.I) \
            and any(miles > max(ends) and not band_fees(book, miles) for miles in der.question_distances):
        return f"the facts' {money(v)} band ends at {max(ends):g} miles; the customer's distance is beyond every band"
    return None


_OPEN_BAND = re.compile(r"\b(?:over|beyond|past|above|more than|further than|m[aá]s de)\s+\d+(?:\.\d+)?\s*(?:mi|miles|km)\b(?!\s*(?:[-–]|to|and)\s*\d)", re.I)


_FREE_WORD = re.compile(r"\bfree\b|no charge|at no cost|included|complimentary|gratis|sin costo", re.I)
_ITEM_CLAUSE = re.compile(r"[,;:(\n]|\bor\b|\band\b|\by\b|\bo\b")


def _swapped_item(t: str, m: Mention, book) -> Optional[str]:
    """"crawfish tails (+$10/person)" where $10 is another add-on's price and crawfish tails cost $6."""
    if not m.plus and m.unit != "per_person" and not re.search(r"[×x*]\s*\$?\s*$", t[max(0, m.start - 4):m.start]):
        return None  # "+$10", "$10 per person" or "12 × $15": a price of one
    clause = _ITEM_CLAUSE.split(t[max(0, m.start - 60):m.start].rstrip(" +$(:"))[-1].lower()
    items = {p.subject for p in book.priced if p.subject not in BASE_SUBJECTS
             and any(re.search(rf"\b{re.escape(w)}", clause) for w in (p.subject, *food_core(p.subject)))}
    if len(items) != 1:
        return None
    item = items.pop()
    own = book.prices_for(item)
    if any(close(p.value, m.value) for p in own):
        return None
    owner = next((p for p in book.priced if close(p.value, m.value) and p.subject not in BASE_SUBJECTS), None)
    if owner is None:
        return None
    return f"{money(m.value)} is the {owner.subject} price; {item} is {money(own[0].value)} ({own[0].key}: {own[0].text})"


def _question_money(question: str) -> set[float]:
    return {m.value for m in mentions(question)[1] if m.kind == "money"}


def _named(sent: str) -> set[str]:
    """The foods and priced subjects a sentence names, by their canonical names."""
    return {x for _, _, x in find_foods(sent)} | {x for _, _, x in find_subjects(sent)}


def _named_price(sent: str, v: float, book) -> Optional[PricedFact]:
    """A fact's price for an item the sentence names ("lobster tail for the 12 adults is +$16 each")."""
    named = _named(sent)
    return next((p for p in book.priced if close(p.value, v) and p.subject in named and p.subject not in ("adult", "kid", "person")), None)


def _named_sum(sent: str, v: float, book) -> Optional[str]:
    """Two or three items the sentence names whose prices add up to ``v`` ("filet plus scallops comes
    to $17 extra per person")."""
    low = sent.lower()
    own = [p for p in book.priced if p.subject not in ("adult", "kid", "person") and
           any(re.search(rf"\b{re.escape(w)}", low) for w in (p.subject, *food_core(p.subject)))]
    for n in (2, 3):
        for combo in combinations(own[:8], n):
            if len({p.subject for p in combo}) == n and len({p.unit for p in combo}) == 1 and close(sum(p.value for p in combo), v):
                return " + ".join(f"{p.subject} ({money(p.value)})" for p in combo)
    return None


def _routing_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """When a person is needed, handing over to staff is the substance of a good answer."""
    if ctx.needs and ROUTING.search(t):
        return [Claim(t[:120], "routing", "supported", "routes the customer to staff", ("routing",))]
    return []
