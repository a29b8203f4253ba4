"""Arithmetic the facts require of a total: the minimum floor, a second chef, the service radius.

Each check is pure and returns contradicted claims only: a total under the minimum that the
answer does not raise to the minimum, a total for more guests than one chef serves without the
second chef's fee (or "one chef can handle it"), a "yes" or a fee beyond the service radius,
and "outside our area" for a place inside it.
"""

from __future__ import annotations

import re

from schemas.context import key_name

from .ages import question_ages
from .claim import Claim
from .fold import guarded
from .mentions import Mention
from .numbers import COUNT_WORDS, DOLLARS, close, dollar_values, money
from .policies import negated
from .text import CheckContext, sentence_at, within


def total_claims(t: str, found: list[Mention], ctx: CheckContext) -> list[Claim]:
    """Totals that skip the minimum or the second chef the facts require."""
    der = ctx.derived
    said = [m.value for m in found if m.kind == "money"]
    out = []
    if der.minimum is not None:
        below = [v for v in der.complete_food | _tier_totals(t, ctx) if v < der.minimum]
        hit = [v for v in below if within(v, said)]
        if hit and not within(der.minimum, said) and \
                not any(within(v, said) for v in der.complete_food if v >= der.minimum):  # "$975 for the taco bar … horchata $162.50": a line item
            mins = ctx.book.prices_for("minimum")
            m = next((p for p in mins if close(p.value, der.minimum)), mins[0] if mins else None)  # the day's minimum, when the day sets it
            cited = f"{m.key}: {m.text}" if m else f"a minimum order of {money(der.minimum)}"  # "Minimum order 80 pupusas"
            out.append(Claim(sentence_at(t, t.find(_num(hit[0], t))), "arithmetic", "contradicted",
                             f"{money(hit[0])} is below the minimum ({cited}); the total is {money(der.minimum)}",
                             ("below_minimum", hit[0])))
    if der.billed_guests and der.guests:
        prices = {p.value for p in ctx.book.prices_for("adult") + ctx.book.prices_for("person")}
        short = [x for x in said if any(close(x, der.guests * p) for p in prices)]
        if short and not any(close(x, der.billed_guests * p) for x in said for p in prices):
            out.append(Claim(sentence_at(t, t.find(_num(short[0], t))), "arithmetic", "contradicted",
                             f"{der.guests:g} guests are billed as {der.billed_guests:g} (the facts' guest minimum)",
                             ("below_guest_minimum", short[0])))
    if der.capacity and der.guests and der.guests > der.capacity:
        one_chef = re.search(r"one chef (can|could|will)?\s?(\w+ )?(handle|cover|serve|manage|do)\b|one chef is (enough|plenty|fine)|"
                             r"just one chef|only (need )?one chef|un solo chef", t, re.I)
        one_sent = sentence_at(t, one_chef.start()) if one_chef else ""
        if (one_chef and not negated(one_sent) and not re.search(r"second|another|additional|extra|two chefs|up to", one_sent, re.I)) or \
                (der.chef_fee and any(within(v, said) for v in der.complete_food) and not within(der.chef_fee, said)):
            fee = f"; a second chef costs {money(der.chef_fee)}" if der.chef_fee else f"; the party needs {der.chefs:g} chefs"
            out.append(Claim(one_sent or t[:200], "arithmetic", "contradicted", f"{der.guests:g} guests exceed one chef's {der.capacity:g}{fee}",
                             ("capacity",)))
    if der.capacity and der.guests and der.chef_fee and der.guests <= der.capacity and within(der.chef_fee, said) and \
            (extra := _SECOND_CHEF.search(t)) and not negated(sentence_at(t, extra.start())) and \
            not re.search(r"\bif\b|\bover\b|\bmore than\b|\babove\b|\bexceed|\bbeyond\b|\bsi\b", sentence_at(t, extra.start()), re.I):
        out.append(Claim(sentence_at(t, extra.start()), "arithmetic", "contradicted",
                         f"{der.guests:g} guests fit one chef's {der.capacity:g}; no second chef is needed", ("capacity", "extra")))
    out += _radius_claims(t, ctx) + _lead_time_claims(t, ctx) + _free_place_claims(t, ctx) + _free_distance_claims(t, ctx)
    out += _party_size_claims(t, ctx) + _percent_floor_claims(t, ctx) + _no_other_charge_claims(t, ctx) + _adults_minimum_claims(t, ctx)
    out += _chef_count_claims(t, ctx) + _staff_cost_claims(t, found, ctx)
    return out


_STAFF_WORD = re.compile(r"\b(?:servers?|bartenders?|attendants?|waiters?|waitstaff|staff|helpers?|meseros?)\b", re.I)


def _staff_cost_claims(t: str, found: list[Mention], ctx: CheckContext) -> list[Claim]:
    """"servers at $35/hr for 4 hours add $140" when 1 server per 25 guests means 2 of them for 50: one
    server's cost given as the staff cost."""
    said = {round(m.value, 2) for m in found if m.kind == "money"}
    for staff, one, full in ctx.derived.staff_costs:
        if full in said:
            continue
        for m in found:
            if m.kind == "money" and close(m.value, one):
                sent = sentence_at(t, m.start)
                if _STAFF_WORD.search(sent) and not re.search(r"\b(?:each|per (?:server|staff|person|head)|(?:one|1|a single) (?:server|bartender|attendant|waiter|staff)|apiece|cada)\b", sent, re.I):
                    return [Claim(sent[:200], "arithmetic", "contradicted",
                                  f"{ctx.derived.guests:g} guests need {staff:g} staff: {staff:g} × {money(one)} = {money(full)}", ("staff", one))]
    return []


#: the answer is digitized before it is checked ("three chefs" reads "3 chefs"); "one" is left a word (it is ambiguous)
_CHEF_COUNT = re.compile(r"\b(\d|one)\s+(?:chefs|chef|cocineros|cocinero)\b", re.I)
_THIS_PARTY = re.compile(r"\b(?:you(?:'ll|'d| will| would)?|your|we(?:'ll| will)? (?:send|bring|assign)|means|needs?|gets?|requires?|"
                         r"necesita|necesitan|llevamos|enviamos)\b", re.I)


def _chef_count_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"45 guests need 2 chefs" when one chef serves up to 20 (or the facts' bands say 3): the number of
    chefs for this party. A policy restated ("parties over 40 need 3 chefs") names no count of its own."""
    der = ctx.derived
    if not der.chefs or not der.guests or not der.capacity:
        return []
    party = f"{der.guests:g}"
    for sent in _lines(t):
        if not re.search(rf"(?<![\d.,]){party}(?![\d.,])", sent) or not _THIS_PARTY.search(sent) or \
                re.search(r"\b(?:if|up to|each|per|every|over|more than|above|si|cada)\b", sent, re.I):
            continue
        for m in _CHEF_COUNT.finditer(sent):
            n = int(m.group(1)) if m.group(1).isdigit() else COUNT_WORDS[m.group(1).lower()]
            if n != der.chefs and not negated(sent[:m.start()][-30:]):
                return [Claim(sent[:200], "arithmetic", "contradicted",
                              f"{party} guests need {der.chefs:g} chefs (one chef serves up to {der.capacity:g})", ("chefs", n))]
    each = next(((fee, n, total) for fee, (n, unit, total) in der.per_unit.items() if unit == "chef" and n >= 2), None)
    said = {round(x, 2) for x in dollar_values(t)}
    if each and round(each[2], 2) not in said and (one := _ONE_EXTRA.search(t)) and close(float(one.group(1).replace(",", "")), each[0]):
        return [Claim(sentence_at(t, one.start())[:200], "arithmetic", "contradicted",
                      f"{party} guests need {each[1]:g} extra chefs at {money(each[0])}: {money(each[2])}", ("chefs", "fee"))]
    return []


#: "$150 for the extra chef", "add $150 for a second chef"
_ONE_EXTRA = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s+(?:for|para)\s+(?:the|an?|one|el|un)\s+(?:extra|additional|second|2nd|adicional)\s+chef\b", re.I)


_SECOND_CHEF = re.compile(r"\b(?:plus|\+|and|with|add(?:ing)?|including)\s+(?:\$[\d,.]+\s+for\s+)?(?:a|the|one)?\s*(?:second|another|extra|additional|2nd)\s+chef\b|"
                          r"\b(?:you'?ll|you'?d|you will|you would) need (?:a|one|the)? ?(?:second|another|extra|additional|2nd) chef\b", re.I)
_TOTAL_CUE = re.compile(r"\btotal\b|\bin all\b|\baltogether\b|\bcomes? to\b|\bwould be\b|\bser[ií]an?\b|\bcuesta[n]? en total\b|=", re.I)


def _tier_totals(t: str, ctx: CheckContext) -> set[float]:
    """Every adult on one menu tier ("Classic Teppan – £45pp" next to "Premium – £62pp"), said as a total:
    10 × £45 = £450 is a complete food total, which the minimum may raise."""
    der, book = ctx.derived, ctx.book
    bases = [p.value for p in book.prices_for("adult") + book.prices_for("person")]
    if not bases or not der.guests or der.counts["kid"] or not _TOTAL_CUE.search(t):
        return set()
    return {round(der.guests * p.value, 2) for p in book.priced if p.unit == "per_person" and p.value >= max(bases) / 2}


_NO_OTHER = re.compile(r"\b(?:no|without)\s+(?:any\s+)?(?:other|additional|hidden|further)\s+(?:charges|fees|costs)\b(?!\s+(?:for|on|to)\b)|"
                       r"\bno hay (?:otros |m[aá]s )?cargos(?: adicionales| extra)?\b(?!\s+(?:por|para)\b)|"
                       r"\bsin (?:otros |m[aá]s )?cargos (?:adicionales|extra)\b(?!\s+(?:por|para)\b)|"
                       r"\bnothing (?:else|more) to pay\b|\bpas de frais (?:suppl[ée]mentaires|additionnels)\b", re.I)
_AUTO = re.compile(r"automatic|mandatory|added to (?:every|each|all|the)|always added|se agrega|obligatoire|automatique", re.I)


def _no_other_charge_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"No additional charges" when the facts add a charge to every booking (an automatic 15% service charge)."""
    if "auto_charges" not in ctx.book.memo:  # the facts' automatic charges and their percentages, once per fact book
        auto = [(k, seg, m) for k, seg, m in ctx.book.mentions if m.kind == "percent" and _AUTO.search(f"{key_name(k)} {seg}")
                and re.search(r"service|gratuity|propina|servicio|pourboire", f"{key_name(k)} {seg}", re.I)
                and not _PARTY_MIN.search(seg)]
        segs = [(k, seg) for k, seg, _ in auto]
        ctx.book.memo["auto_charges"] = (segs, {f"{m.value:g}%" for k, seg, m in ctx.book.mentions if (k, seg) in segs})
    auto, pcts = ctx.book.memo["auto_charges"]
    if not auto:
        return []
    if any(p in t.replace(" %", "%") for p in pcts) or re.search(r"service charge|gratuity|propina|cargo por servicio|pourboire", t, re.I):
        return []  # the answer names the charge: "…plus the automatic 18% service charge; there are no other charges"
    for sent in _lines(t):
        if _NO_OTHER.search(sent) and not _IF_CLAUSE.search(sent):
            return [Claim(sent[:200], "money", "contradicted", f"the facts add a charge to every booking ({auto[0][0]}: {auto[0][1]})",
                          ("no_other_charges",))]
    return []


_PCT_FLOOR = re.compile(r"(\d+(?:\.\d+)?)\s?%[^.;]{0,60}?\b(?:minimum|min\.?|at least|no less than|m[ií]nimo)(?: of)?:?\s*\$\s?(\d[\d,]*)|"
                        r"(\d+(?:\.\d+)?)\s?%[^.;]{0,60}?\$\s?(\d[\d,]*)\s*(?:minimum|min\b)|"
                        r"(\d+(?:\.\d+)?)\s?%\s*or\s*\$\s?(\d[\d,]*),?\s*whichever is (?:greater|higher|more)", re.I)


def _percent_floor_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"10% of the estimated total, minimum $100": a 10% amount under $100 said as what is due."""
    if "pct_floors" not in ctx.book.memo:
        ctx.book.memo["pct_floors"] = {(float(next(g for g in m.groups()[::2] if g)), float(next(g for g in m.groups()[1::2] if g).replace(",", "")))
                                       for _, seg in ctx.book.segments for m in _PCT_FLOOR.finditer(seg)}
    for pct, floor in ctx.book.memo["pct_floors"]:
        for sent in _lines(t):
            if f"{pct:g}%" not in sent.replace(" %", "%") or money(floor) in sent or f"${floor:g}" in sent:
                continue
            at = sent.replace(" %", "%").find(f"{pct:g}%")  # the amount the percentage comes to: "the 10% deposit is $60"
            due = DOLLARS.search(sent[at:]) if at >= 0 else None
            low = [a for a in ([float(due.group(1).replace(",", ""))] if due else []) if a < floor]
            if low and not _hedged(sent):
                return [Claim(sent[:200], "money", "contradicted", f"{money(low[0])} is under the facts' {money(floor)} minimum on the "
                              f"{pct:g}%", ("pct_floor", pct))]
    return []


_PARTY_MIN = re.compile(r"(?:parties|groups|events|party|group|bookings?)\s+(?:of\s+)?(\d+)\s*(?:\+|or more|and (?:up|over|above)|or larger)|"
                        r"(\d+)\s*\+\s*(?:guests|people|persons)|(\d+) or more (?:guests|people|persons)|"
                        r"(?:over|more than|above) (\d+) (?:guests|people|persons)|(?:groups|parties|events|bookings) (?:of )?(?:over|more than|above) (\d+)|(?:de|desde) (\d+) (?:personas|invitados) (?:o m[aá]s|en adelante)", re.I)
_CHARGE_NAME = re.compile(r"service charge|service fee|gratuity|cargo (?:por|de) servicio|propina", re.I)
_ADULTS_ONLY = re.compile(r"adults only|only adults|children (?:do not|don'?t) count|excluding (?:children|kids)|kids (?:do not|don'?t) count", re.I)
_EVERY = re.compile(r"\b(?:every|each|all|any)\s+(?:event|party|parties|booking|bookings|bill|bills|invoice|order|group|groups|"
                    r"reservation|quote)s?\b|\balways\b|\bregardless of (?:size|party size|group size)\b|\btodos los eventos\b|\bsiempre\b", re.I)
_ADDED = re.compile(r"\badd(?:ed|s)?\b|\bapplies\b|\bapplied\b|\bcharged?\b|\bincluded\b|\bautomatic|\bse (?:agrega|aplica|cobra)", re.I)
_NOT_APPLIED = re.compile(r"\bno\b|\bnot\b|n['’]t\b|\bwithout\b|\bwaived\b|\bsin\b", re.I)


def _party_thresholds(book) -> list[tuple[float, float, str]]:
    """(percentage, smallest party it applies to, its name): "a 20% service charge on food is added
    automatically for parties of 20 or more guests" gives (20, 20, "service charge"). Memoized."""
    if "party_thresholds" not in book.memo:
        found = []
        for key, seg, m in book.mentions:
            if m.kind != "percent":
                continue
            for sentence in re.split(r"(?<=[.;])\s+", seg):
                size, name = _PARTY_MIN.search(sentence), _CHARGE_NAME.search(sentence)
                if size and name and f"{m.value:g}%" in sentence.replace(" %", "%"):
                    n = next(float(g) for g in size.groups() if g)
                    exclusive = re.search(r"(?:over|more than|above)\s+\d", size.group(), re.I)  # "over 20", not "20 and over"
                    found.append((m.value, n + 1 if exclusive else n, name.group().lower()))
        book.memo["party_thresholds"] = found
    return book.memo["party_thresholds"]


def _party_size_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """A percentage the facts charge only from some party size: applied to a smaller party, or
    said not to apply to a party that reaches it ("only adults count" when children count)."""
    der, book = ctx.derived, ctx.book
    if not (rules := _party_thresholds(book)):
        return []
    party = der.guests
    for pct, size, name in rules:
        for sent in _lines(t):
            low = sent.lower()
            named = f"{pct:g}%" in low.replace(" %", "%") or name in low
            if not named:
                continue
            if _EVERY.search(low) and _ADDED.search(low) and not _NOT_APPLIED.search(low) and not re.search(rf"\b{size:g}\b", low) \
                    and not (party and party >= size) and not _IF_CLAUSE.search(low):
                return [Claim(sent[:200], "money", "contradicted", f"the facts add the {pct:g}% {name} only for parties of "
                              f"{size:g} or more", ("party_size", pct, "every"))]  # "an 18% gratuity is added to every event"
            if not party or _ADULTS_ONLY.search(book.text):
                continue  # no party size, or who counts is the facts' own rule: not checked
            applied = "$" in sent and not _NOT_APPLIED.search(sent)
            denied = "$" not in sent and not re.search(r"\b(?:under|below|fewer than|less than)\s+\d|\bsmaller (?:parties|groups|events)", low) and re.search(rf"\b(?:no|without|sin)\s+(?:\w+\s+){{0,2}}{re.escape(name)}|{re.escape(name)}[^.;,]{{0,40}}"
                                                   rf"(?:\bnot\b|n['’]t\b|\bnever\b)[^.;,]{{0,20}}\b(?:apply|applies|added|charged)\b|"
                                                   rf"(?:under|below) (?:the|our|that|its) (?:\d+[- ]guest )?(?:threshold|minimum|cutoff)", low)
            if party < size and applied:
                return [Claim(sent[:200], "money", "contradicted", f"the facts add the {pct:g}% {name} only for parties of "
                              f"{size:g} or more; this party is {party:g}", ("party_size", pct, "applied"))]
            if party >= size and denied:
                return [Claim(sent[:200], "money", "contradicted", f"the facts add the {pct:g}% {name} for parties of "
                              f"{size:g} or more; this party is {party:g}", ("party_size", pct, "denied"))]
    return []


#: the facts' guest minimum counts adults only: "15 guests. Kids under 12 don't count toward the 15", "minimum 10 adults"
_KIDS_EXCLUDED = re.compile(r"\b(?:kids?|children|child|little ones|ni[nñ]os)\b(?:\s+(?:under|below|younger than|menores de)\s+(\d+))?[^.;]{0,30}\b(?:don'?t|do not|doesn'?t|does not|not|never|aren'?t|are not|no)\s+"
                            r"(?:count|included|counted|cuentan|se cuentan)\b|\bonly adults (?:count|are counted)\b", re.I)
_MINIMUM_GUESTS = re.compile(r"\b(?:minimum|m[ií]nimo)\b[^.;\d]{0,30}?(\d+)\s*(adults?|guests?|people|persons?|pax|invitados|personas|adultos)\b|"
                             r"\b(\d+)[\s-]*(adults?|guests?|people|persons?|pax)\s*(?:minimum|min)\b", re.I)
#: the answer says the party reaches the minimum
_REACHES_MINIMUM = re.compile(r"\b(?:clears?|meets?|meeting|over|above|hits?|reach(?:es)?|exceeds?|satisf(?:y|ies)|beats?|"
                              r"super(?:a|an|amos)|cumpl(?:e|en|imos)|alcanz(?:a|an|amos)|por encima del?)\b[^.;]{0,30}\bm[ií]nim(?:um|o)\b|"
                              r"\bminimum\b[^.;]{0,25}\b(?:met|covered|cleared|satisfied|reached)\b", re.I)


def _adults_minimum(book) -> tuple[float, float | None] | None:
    """(the facts' guest minimum, the age under which kids do not count) when kids do not count toward it."""
    if "adults_minimum" not in book.memo:
        found = None
        by_key: dict[str, str] = {}
        for key, seg in book.segments:  # a fact's sentences together: "Yes, 15 guests. Kids under 12 don't count toward the 15."
            by_key[key] = f"{by_key.get(key, '')} {seg}"
        for text in by_key.values():
            if not re.search(r"minimum|\bmin\b|m[ií]nimo", text, re.I):
                continue
            excluded = _KIDS_EXCLUDED.search(text)
            for m in _MINIMUM_GUESTS.finditer(text):
                n, noun = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                if noun.lower().startswith("adult") or excluded:
                    found = float(n)
            if found is None and excluded and len(counts := set(re.findall(r"\b(\d+)\s+(?:guests|people|persons|adults)\b", text))) == 1:
                found = float(counts.pop())  # "q: Is there a minimum?, a: Yes, 15 guests."
            if found is not None:
                break
        age = excluded.group(1) if found is not None and excluded else None
        book.memo["adults_minimum"] = None if found is None else (found, float(age) if age else None)
    return book.memo["adults_minimum"]


def _adults_minimum_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"12 adults and 6 kids give you 18 guests, which clears our 15-guest minimum" when the kids
    do not count toward the 15."""
    if (rule := _adults_minimum(ctx.book)) is None:
        return []
    need, under = rule
    if under is not None and (any(a >= under for a in question_ages(ctx.question)) or under < 6 and
                              not re.search(r"toddler|bab(?:y|ies)|infant|under \d|little ones", ctx.question, re.I)):
        return []  # "kids under 3 don't count" and the customer's kids are 5 and 8 (or of no stated age)
    counts = ctx.derived.counts
    adults, kids = sum(counts["adult"]), sum(counts["kid"]) + sum(counts["young"])
    if not (adults and kids and adults < need <= adults + kids):
        return []
    for sent in _lines(t):
        if _REACHES_MINIMUM.search(sent) and not negated(sent) and not _IF_CLAUSE.search(sent) and "$" not in sent and \
                not re.search(r"\bneed|\bshort\b|\bmore\b|\bwould\b|'ll\b|\bwill\b|\bto (?:meet|reach|hit|clear|satisfy)\b|not yet|\bclose\b|\bonly adults\b|"
                              r"\bbilled as\b", sent, re.I):
            return [Claim(sent[:200], "arithmetic", "contradicted", f"only adults count toward the facts' {need:g}-guest minimum; "
                          f"{adults:g} adults do not reach it", ("adults_minimum", need))]
    return []


#: this customer's travel costs nothing: "there's no travel fee", "you're within our free 30 miles", "Trip fee: none"
_NO_TRAVEL_FEE = guarded(
    r"\bno (?:travel|trip|mileage|distance|delivery)(?: fee| charge| cost)s?\b|\bno (?:extra |additional )?(?:charge|fee) for (?:travel|the trip|mileage)\b|"
    r"\b(?:travel|trip|mileage)(?: fee| charge)?(?: (?:is|would be|will be|'s|comes to)|:)\s*(?:\*\*)?(?:free|included|on us|complimentary|"
    r"none|nothing|waived|n/a|\$0(?![\d.]))|\b(?:travel|trip|driving)\b[^.;]{0,20}\b(?:won'?t|doesn'?t|will not|does not) cost (?:you )?anything\b|"
    r"\b(?:within|inside|in) (?:our|the) free\b|\bfree (?:travel|delivery|trip)\b|"
    r"\b(?:travel|trip) (?:costs|is) nothing\b|"
    r"\bsin (?:cargo|costo) (?:de|por) (?:viaje|traslado)\b|\b(?:el )?(?:viaje|traslado) (?:es|sale|ser[aá]) gratis para (?:usted|ustedes|ti)\b", re.I)
_IF_CLAUSE = re.compile(r"\b(?:if|unless|when|whenever|as long as|si)\b", re.I)
_POLICY_LIMIT = re.compile(r"\b(?:within|inside|up to|under|for the first|first|dentro de|hasta)\s+(?:our\s+|the\s+)?(?:first\s+)?\d|"
                           r"\b\d+[- ](?:mile|km|millas?)\s+(?:free\s+)?(?:radius|zone|area|service area)", re.I)
_CUSTOMER_INSIDE = re.compile(r"\byou(?:'re| are)\s+(?:\w+\s+){0,2}?(?:within|inside|in|at the edge of)\b|\bfor you\b|"
                              r"\byour (?:address|event|party|location|venue)\b|\bsince you\b", re.I)


def _lines(t: str) -> list[str]:
    """The answer's sentences and lines, as these total checks read them."""
    return re.split(r"(?<=[.!?])\s+|\n+", t)


def _free_distance_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"No travel fee for you" when every fee the facts give the customer's distance is above $0
    (40 miles out, free only within 30). The policy restated ("travel is free within 30 miles") says
    nothing about this customer; an answer that also gives the fee is left to the money checks."""
    der = ctx.derived
    if not der.question_distances or not der.travel_fees or min(der.travel_fees) <= 0:
        return []
    for sent in _lines(t):
        hit = _NO_TRAVEL_FEE.search(sent)
        if not hit or re.search(r"\$\s?[1-9]", sent) or _IF_CLAUSE.search(sent) or negated(sent[:hit.start()][-30:]):
            continue
        if _POLICY_LIMIT.search(sent) and not _CUSTOMER_INSIDE.search(sent):
            continue  # "Travel is free within our 20-mile radius.": the policy, not this customer's price
        fees = " or ".join(money(f) for f in sorted(der.travel_fees))
        return [Claim(sent[:200], "money", "contradicted", f"the facts charge {fees} for travel to {max(der.question_distances):g} "
                      f"{'km' if ctx.book.distance_unit() == 'km' else 'miles'}", ("travel", "free", "distance"))]
    return []


_BOOK_YES = re.compile(r"^\W*(yes|yep|sure|absolutely|of course|no problem|we can|you'?re (all set|booked)|s[ií]\b|claro)", re.I)


def _lead_time_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """Saying yes to a date closer than the notice the facts require."""
    notice = ctx.book.notice_days()
    asked = ctx.derived.question_days
    if not notice or not asked or min(asked) >= min(notice) or not _BOOK_YES.search(t):
        return []
    return [Claim(t[:200], "booking", "contradicted",
                  f"{min(asked):g} day{'' if min(asked) == 1 else 's'} is less than the {min(notice):g} days' notice the facts require", ("notice",))]


_SERVE_YES = re.compile(r"^\W*(yes|yep|sure|absolutely|of course|no problem|we can|we do|we'?ll be there|s[ií]\b|claro)", re.I)
_SERVE_NO = guarded(r"outside (of )?(our|the|your)(?! free\b| complimentary\b| included\b| no[- ]charge\b)|beyond (our|the) (\d+[- ](?:mile|km) )?(service|max|range|area|radius|limit)|too far|"
                       r"out of (our )?(range|area)|can'?t (travel|come|go) (that|so) far|fuera de (nuestr|el|la)", re.I)


def _radius_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """Saying yes to a distance beyond the service area, or no to one inside it."""
    der = ctx.derived
    if der.radius is None and der.question_distances and any(p.unit == "per_mile" for p in ctx.book.priced) and \
            _SERVE_NO.search(t) and not _hedged(t):
        return [Claim(t[:200], "distance", "contradicted", "the facts charge per mile beyond the free miles and set no service limit",
                      ("radius", "no"))]
    if der.radius is None or not der.question_distances:
        return []
    far = max(der.question_distances)
    if far > der.radius and _SERVE_YES.search(t):
        return [Claim(t[:200], "distance", "contradicted", f"{far:g} miles is beyond the {der.radius:g}-mile service area",
                      ("radius", "yes"))]
    if far <= der.radius and _SERVE_NO.search(t) and re.search(r"mile|milla|\bkm\b|distance|area|travel", t, re.I):
        return [Claim(t[:200], "distance", "contradicted", f"{far:g} miles is inside the {der.radius:g}-mile service area",
                      ("radius", "no"))]
    return []


def _hedged(t: str) -> bool:
    """"We don't go that far unless…", "ask us": a hedge, not a claim that the area ends there."""
    return bool(re.search(r"\bunless\b|\bask\b|\bcontact\b", t, re.I))


def _num(v: float, t: str) -> str:
    s = f"{v:,.2f}".replace(".00", "")
    return s if s in t else f"{v:g}"


_FREE_TRAVEL = re.compile(r"\bfree\b|\bno (travel |extra |additional )?(fee|charge|cost)\b|\bsin cargo\b|\bgratis\b|\bno hay cargo\b|"
                          r"\bat no (extra )?cost\b|\bwaived\b", re.I)


def _free_place_claims(t: str, ctx: CheckContext) -> list[Claim]:
    """"Travel is free anywhere in the county, including Temecula" for a place the facts charge for."""
    out = []
    for place, fees in ctx.derived.place_fees.items():
        if not fees or min(fees) <= 0:
            continue
        for m in re.finditer(re.escape(place), t):
            sent = sentence_at(t, m.start())
            if _FREE_TRAVEL.search(sent) and not negated(sent.split(place)[0][-40:]) and \
                    not any(f"{f:,.0f}" in sent for f in fees):
                out.append(Claim(sent[:200], "money", "contradicted",
                                 f"the facts give {place} a travel fee of {' or '.join(money(f) for f in sorted(fees))}",
                                 ("place_free", place)))
                break
    return out
