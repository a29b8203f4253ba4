"""Policy statements and promises in an answer, checked against the facts.

Every check is ``(sentences, book) -> list[Claim]`` and is pure. Topics: refundability of the
deposit, gratuity, deposit credited to the bill, "no minimum", booking confirmations and date
availability, who brings what, and age cut-offs ("under 3" vs "3 and under"). Promises live in
``promises.py``.
"""

from __future__ import annotations

import re
from typing import Optional

from schemas.context import human_key, key_name

from .claim import Claim
from .facts import FactBook, PricedFact
from .fold import Folded, guarded
from .numbers import DOLLARS, money

_I = re.I
NOT_NEGATION = Folded(r"\bno (extra |additional |added )?(charge|cost|problem|matter|worries|risk)\b|\bsin costo\b|"
                      r"\bpas de (probl[èe]me|souci|frais)\b|\bkein problem\b|\bsem problema\b")
NEGATION = Folded(
    r"\b(not|no|never|cannot|can't|can ?not|won't|isn't|aren't|don't|doesn't|unable|unfortunately|nor|sorry)\b|n't\b|"
    r"\b(no ofrecemos|no tenemos|no servimos|no hay|no puedo|no podemos|lo siento|lamentablemente|tampoco)\b|"
    r"\b(pas|malheureusement|d[ée]sol[ée]e?|nicht|leider|keine?|n[ãa]o|infelizmente)\b")
ROUTING = Folded(r"\b(owner|manager|staff|team|forward|forwarding|passing|pass (it|this|your)|flag(ging)?|handled by|"
                     r"request|escalat|reach (them|the owner)|(our|the) office|review(ed)? by|due[ñn][oa]s?|encargad|equipo|gerente|solicitud|oficina|don[oa]|equipe|tratad[oa]s? pel[oa]|atendid[oa]s? pel[oa])\b|"
                     r"\b(call|text|contact|phone|call/text)\b[^.!?]{0,60}\bto (confirm|discuss|ask about|talk about|check) (any |the |your )?"
                     r"(special |custom |discounted )?(pricing|prices?|rates?|discounts?|quotes?|exceptions?|requests?)\b|"
                     r"\bplease (contact|call|email|e-mail|text|reach out to)\b")  # "for special pricing, please contact Dana at …"


#: a sentence's clauses as a contrast splits them: "Cheques are fine; we don't take Amex", "… — but he'll make sure …"
BUT_CLAUSES = re.compile(r"[;—–]|\bbut\b|\bpero\b")


def negated(sentence: str) -> bool:
    """True when the sentence denies or refuses (ignoring "no extra charge", "no problem")."""
    return bool(NEGATION.search(NOT_NEGATION.sub(" ", sentence.replace("’", "'"))))  # "don’t" as LLMs often write it


def make_claim(sentence: str, kind: str, status: str, reason: str, key: tuple) -> Claim:
    """A claim citing (at most 200 characters of) its sentence."""
    return Claim(sentence.strip()[:200], kind, status, reason, key)


def cite(seg: tuple[str, str]) -> str:
    """"key: text" of a fact segment, for a reason."""
    return f"{seg[0]}: {seg[1].strip()}"


# --- polarity topics -----------------------------------------------------------------------
_TOPICS = {
    "refund": dict(
        about=r"refund|deposit|dep[oó]sito|reembols|devol|back|rembours|acompte|erstatt|anzahlung",
        pos=r"full(y)? (deposit )?refund|refunded|refundable|get (the whole|your|the) (\$[\d,.]+ )?deposit back|whole deposit back|"
            r"refund (your|the) (whole |entire |full )?(\$[\d,.]+ )?deposit|give (you )?(your|the) (whole |full )?deposit back|"
            r"se reembolsa|reembolso completo|te devolvemos|devolvemos|\bse (?:les? |te )?devuelven?\b|devoluci[oó]n completa|\breembolsable|refund of (your|the) (\w+ )?deposit|"
            r"(back|refund\w*)[^.;]{0,30}\bincluding (the|your) (\$[\d,.]+ )?deposit|\bremboursable|\bremboursé|\b(rück)?erstattbar|zurückerstattet",
        neg=r"non-?refundable|(refundable|remboursable|(rück)?erstattbar):\s*(no|non|nein|false)\b|(not|n'?t|never) (fully )?refundable|no (?:son |es )?reembolsable|no se reembolsa|no (deposit )?refunds?\b|"
            r"(can'?t|cannot|won'?t|not|n'?t|never) (be |get |gets )?refunded|(can'?t|cannot|won'?t|don'?t|do not|unable to|not able to|never) (\w+ )?refund|"
            r"(can'?t|cannot|won'?t|unable to|not able to) \w+[^.;!?]{0,50}\b(or|nor) (\w+ )?refund|"
            r"no (se )?devuelve|no hay reembolso|sin reembolso|deposit (is )?(kept|retained)|\bkeep (the|your) deposit|"
            r"non[- ]remboursable|non-refundable|(n'est |ne sont )?pas remboursable|nicht (rück)?erstattbar|keine (rück)?erstattung|"
            r"\bpas (\w+ )?(refundable|rembours\w*)|\bne (sera|seront|sont|est) pas (\w+ )?(rembours\w*|refund\w*)|"
            r"nicht (\w+ )?(zurück)?erstatt\w*|(is not|isn'?t|are not|aren'?t|never) (grounds|a reason|cause) for (a |any )?refund(?!s? (if|when|unless))",
    ),
    "gratuity": dict(
        about=r"tip|gratuity|service charge|propina|cargo por servicio|pourboire|frais de service|trinkgeld|gorjeta|mancia",
        pos=r"(is|are) (already |automatically )?(included|added|charged)|automatically (added|included|charged)|auto[- ]?(added|applied|included|charged)|"
            r"(added|included|charged|applied) automatically|(ajouté|inclus|compris|appliqué)e?s? automatiquement|(est|sont) (déjà )?(inclus|compris)|"
            r"(gratuity|tips?|service charge|propina)\s+(of\s\d+(\.\d+)?\s?%\s+)?(is\s+|are\s+)?(already\s+)?included|"
            r"(added|applied|charged) (to|on) (every|each|all|your|the) (final )?(invoice|bill|total)s?|invoices? includes?|"
            r"includes? an? \d+\s?% (service|gratuity)|se incluye|incluid[oa]s?\b|se agrega|se a[ñn]ade|(ist|sind) (bereits )?(inklusive|inbegriffen|enthalten)|"
            r"\bwe (do |always )?add (a|an|the) (\w+ )?\d+(\.\d+)?\s?% (service|gratuity|tip)",
        neg=r"not included|n'?t included|included:\s*(no|false)\b|(?<!not )(?<!n't )optional|up to (you|the host|the guests?)\b|(your|their|the host'?s|the guests?'?s?) discretion|customary|typical|most guests tip|"
            r"no (est[aá]n? )?incluid|opcional|(n'est|ne sont) pas (inclus|compris)|pas inclus|non (inclus|compris)|à votre discrétion|"
            r"(isn'?t|is not|aren'?t|are not|not|never|no \w+ (gets?|is)) (\w+ )?(added|included|charged|applied) automatically|"
            r"n'est (jamais |pas )(ajouté|inclus|added|included)|pas (ajouté|added)|nothing (is )?(charged|added)|no se (agrega|añade|incluye|cobra)|"
            r"(laissez|donnez) ce que vous (voulez|souhaitez)|facultatif|nicht (inklusive|enthalten|inbegriffen)|freiwillig|não (está )?incluíd",
    ),
    "tax": dict(
        about=r"\btax|\bgst\b|\bhst\b|\bqst\b|\bpst\b|\btps\b|\btvq\b|\bvat\b|\biva\b|impuesto|steuer|mwst|\btaxe",
        pos=r"(tax|taxes|gst|hst|qst|vat|iva|tps|tvq)( and [a-z]+)? (is |are )?(already )?(included|inclusive)|includes? (all )?(applicable )?(tax|taxes|gst|hst|vat|iva)|"
            r"no (extra |additional )?(tax|taxes|gst|hst|vat)( on top)?|nothing extra|(tax|gst|vat|hst)[- ]inclusive|"
            r"tax[- ]inclusive|inc(l|lusive)?\.? (of )?(gst|vat|hst|tax)|(gst|vat|hst|tax) inc\b|taxes? (sont )?(incluses?|comprises?)|"
            r"tout compris|(iva|impuestos?) (est[aá]n? )?incluid|inkl\.? (mwst|ust)|(mwst|steuer)[a-z]* (ist )?(inklusive|enthalten)",
        neg=r"plus (an? )?(\d+(\.\d+)?\s?% )?(applicable |sales |local )?(tax|taxes|gst|hst|vat|iva|tps|tvq)|\+ ?(\d+(\.\d+)?\s?% )?(tax|taxes|gst|hst|vat|iva|tps|tvq)|"
            r"(^|\n)[\W_]*(sales )?(tax|taxes|gst|hst|vat|tps|tvq)[\W_]*\(?\d+(\.\d+)?\s?%\)?[\W_]*:[\W_]*\$|"
            r"(?<!no )(?<!no extra )(?<!no additional )(tax|taxes|gst|hst|qst|vat|tps|tvq)( and [a-z]+)?( \d+(\.\d+)?\s?%)? (is |are )?(extra|additional|not included|n'?t included|added|on top|separate|charged separately)|"
            r"(before|excluding|excl\.?|not including|pre-?|exclusive of|ex\.?) (applicable )?(\d+(\.\d+)?\s?% )?(sales )?(tax|taxes|gst|hst|vat)|en sus|taxes en plus|"
            r"(tps|tvq|taxes?) (et [a-z]+ )?en (sus|plus)|(taxes?|tps|tvq) non (incluses|comprises)|más (el )?(iva|impuestos?)|\+ ?iva|"
            r"(iva|impuestos?) no incluid|sin (iva|impuestos)|zzgl\.?|nicht (inklusive|enthalten)|tax[- ]exclusive|"
            r"(do|does|did)(n'?t| not) include (\w+ )?(tax|taxes|gst|hst|vat|sales tax)|never include (\w+ )?(tax|gst|vat)|"
            r"\bexclud\w* (\w+ )?(\d+(\.\d+)?\s?% )?(\w+ )?(tax|taxes|gst|hst|vat)|subject to (an? )?(\d+(\.\d+)?\s?% )?(\w+ )?(tax|gst|hst|vat)|"
            r"(tax|taxes|gst|hst|vat)\b[^.;]{0,35}\b(sit|sits|are|is|go|goes) on top|exkl\.? (mwst|ust)|"
            r"(tax|taxes|gst|vat)( \w+)? (included|inclusive)\s*[:?]\s*(no|false)\b|includes? (tax|taxes|gst|vat)\s*[:?]\s*(no|false)\b|"
            r"\bexcept (\w+ )?(tax|taxes|gst|hst|vat)\b|not inclusive of (\w+ )?(tax|gst|vat)|no (tax|taxes|gst|vat) (is |are )?included|"
            r"(?<!no )(?<!no extra )(?<!no additional )(tax|gst|vat)\b(?:[^.;]|\.\d){0,25}\b(charged on top|will be added|is added|are added|added at checkout)",
    ),
    "deposit_credit": dict(
        about=r"deposit|dep[oó]sito",
        pos=r"credited|applied to (the|your) (final )?(bill|total|invoice|balance)|counts? toward|goes toward|applied toward|"
            r"deducted|subtracted|comes off|taken off|descontad|"
            r"se abona|se descuenta|se aplica",
        neg=r"(isn'?t|is not|not|won'?t be|never) (applied|credited|deducted)|separate (booking )?fee|(deposit|it)(?:(?!\b(?:tip|tips|gratuity|tax|taxes|plus)\b)[^.;\n]){0,40}\bon top of (the|your|that|this|it|everything)(?!,? (the |your )?(remaining |rest of the )?balance)|extra fee|"
            r"no se (abona|descuenta|aplica)|(charged|paid|billed|due|owed) in addition to (the|your) (final |remaining )?(balance|bill|total|invoice)",
    ),
}


for _t in _TOPICS.values():  # matched on lower-cased text: case-folding patterns are several times slower
    _t.update({k + "_rx": guarded(v) for k, v in list(_t.items())})  # guarded: most sentences lack every phrase
    _t["any_rx"] = guarded(_t["pos"] + "|" + _t["neg"])


def _polarity(text: str, topic: dict) -> Optional[str]:
    text = text.lower()
    if not topic["about_rx"].search(text):
        return None
    if topic["neg_rx"].search(text):
        return "neg" if not topic["pos_rx"].search(topic["neg_rx"].sub(" ", text)) else "both"
    if topic["pos_rx"].search(text):
        return "pos"
    return None


_BARE = re.compile(r"\s*(?:\d+(?:\.\d+)?|yes|no|true|false|s[ií])\s*", re.I)


def _fact_polarity(book: FactBook, topic: dict) -> tuple[Optional[str], list]:
    key = ("topic", topic["about"])
    if key not in book.memo:
        facts = [(k, f"{human_key(k)}: {v.strip()}" if _BARE.fullmatch(v) else v) for k, v in sorted(book.facts.items())]
        segs = [(k, v) for k, v in facts  # "deposit_refundable_until_days_before": "10" reads "deposit refundable until days before: 10"
                if topic["any_rx"].search(v.lower()) and topic["about_rx"].search(f"{k} {v}".lower())]
        pols = {_polarity(v, topic) or _polarity(f"{k} {v}", topic) for k, v in segs} - {None}  # "deposit_refundable": "no"
        book.memo[key] = (None if not pols else "pos" if pols & {"pos", "both"} else "neg", segs)
    return book.memo[key]


_CONDITION = Folded(r"\b(within|inside|less than|fewer than|later than|after (that|the|\d+)|under \d+|closer than|\d+\s?[–-]\s?\d+[\s-]days?|"
                        r"\d+ (days?|hours?|weeks?) (before|out|ahead|prior|in advance)|at \d+ (days?|hours?)|"
                        r"menos de|dentro de|despu[eé]s)\b")
_CONDITIONAL_CONFIRM = Folded(r"\b(once|after|when|as soon as|until|upon|cuando|una vez|hasta que)\b")


def _clause_polarity(sentence: str, topic: dict, fact: str) -> Optional[str]:
    """The sentence's polarity, clause by clause: "no refund inside 7 days" restates a conditional
    policy ("both"), while an unconditional denial anywhere makes the sentence a denial."""
    pols, seen = set(), ""
    for clause in re.split(r"[;,]|\bbut\b|\bpero\b", sentence):
        pol = _polarity(clause, topic)
        if pol is None and seen and re.match(r"\s*(?:it|it'?s|it is|this|which|they|that)\b", clause, re.I) and \
                (term := topic["about_rx"].search(seen.lower())):
            pol = _polarity(f"{term.group()} {clause}", topic)  # "the gratuity isn't in the price; it's added automatically"
        if pol == "neg" and fact != "neg" and _CONDITION.search(seen + clause):
            pol = "both"
        seen += clause
        if pol:
            pols.add(pol)
    if not pols:
        return _polarity(sentence, topic)
    if "neg" in pols and "pos" not in pols:
        return "neg"
    if "pos" in pols and "neg" not in pols:
        return "both" if "both" in pols else "pos"
    return "both"


def _a_fact_clause_says(sentence: str, pol: str, topic: dict, segs: list) -> bool:
    """A fact with two sides ("18% gratuity added for 25+ guests. Under 25: gratuity optional";
    "a 15% service charge is added ... Additional tips optional") has a clause on the same term
    ("gratuity", "tips") with the sentence's polarity."""
    terms = _terms(sentence.lower(), topic)
    for _, text in segs:
        for clause in re.split(r"[.;]\s|\n", text.lower()):
            if _polarity(clause, topic) == pol and _terms(clause, topic) & terms:
                return True
    return False


_SAME_TERM = {"propina": "tip", "cargo por servicio": "service charge", "depósito": "deposit", "deposito": "deposit"}


def _terms(text: str, topic: dict) -> set[str]:
    return {_SAME_TERM.get(t, t) for t in topic["about_rx"].findall(text)}


_BUT_DEPOSIT = re.compile(r"\b(?:beyond|except|other than|apart from|besides|excluding|on top of|but not) (?:the|your|a)? ?(?:\$[\d,.]+ )?deposit", re.I)
_IT = re.compile(r"^\W*(?:(?:and|but|so|please note|note|just note)(?: that)?,? |once (?:paid|booked|it'?s paid),? ){0,2}"
                 r"(?:it|it'?s|this|that one|se (?:paga|abona|cobra)|lo pagas?)\b", re.I)


_DEPOSIT_WORD = r"deposit|dep[oó]sito|acompte|anzahlung|caparra|acconto|aanbetaling"
_IT_NEXT = re.compile(r"\s*(?:it|it'?s|it is|this|which|that)\b", re.I)


#: a party-size threshold: "25+", "25 or more", "over 25"; ``_PARTY_SIZE`` also reads "at least 25"
_OVER_SIZE = re.compile(r"\b(\d+)\s*\+|\b(\d+) (?:or more|and (?:up|over|above))|\b(?:over|above|more than) (\d+)", _I)
_PARTY_SIZE = re.compile(_OVER_SIZE.pattern + r"|\bat least (\d+)", _I)


def _below_threshold(sentence: str, segs: list) -> bool:
    """"For 15 guests gratuity is never added" when the facts add it for parties of 25+: the sentence's own
    party is below the facts' threshold."""
    sizes = [int(next(g for g in m.groups() if g)) for _, text in segs for m in _OVER_SIZE.finditer(text)]
    said = [int(x) for x in re.findall(r"\b(\d+)\s*(?:guests?|people|persons?|pax)\b", sentence, _I)]
    return bool(sizes and said) and all(n < min(sizes) for n in said)




def _threshold_clauses(text: str) -> dict[int, str]:
    """The clauses of ``text`` that name a party-size threshold, by size ("added for parties of 25+" → {25: …})."""
    out = {}
    for clause in re.split(r"[;,]|\s[—–]\s|\bbut\b|\bso\b|\botherwise\b|\bpero\b", text, flags=_I):
        for m in _PARTY_SIZE.finditer(clause):
            out.setdefault(int(next(g for g in m.groups() if g)), clause)
    return out


def _same_rule(sentence: str, segs: list, topic: dict) -> bool:
    """"It's only automatic at 25 or more guests" restates the facts' "added automatically for parties
    of 25+": every clause naming a threshold names one the facts add the charge at, and says it is added."""
    said = _threshold_clauses(sentence)
    if not said:
        return False
    facts = {n: c for _, text in segs for n, c in _threshold_clauses(text).items()}
    return all(n in facts and _polarity(facts[n], topic) == "pos" and _ADDED.search(c) and not _NOT.search(c)
               for n, c in said.items())


_ADDED = re.compile(r"automatic|mandatory|required|\badded\b|\bapplied\b|\bcharged\b|obligatori|se (?:agrega|añade|cobra)", _I)
_NOT = re.compile(r"\bnot\b|n't\b|\bnever\b|\bno\b|optional|opcional", _I)


def topic_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """Refundability, gratuity and deposit-credit statements against the facts' polarity."""
    out = []
    whole = "\n".join(sentences).lower()
    for name, topic in _TOPICS.items():
        fact, segs = _fact_polarity(book, topic)
        if fact is None or not topic["about_rx"].search(whole) and not (name == "deposit_credit" and re.search(_DEPOSIT_WORD, whole, _I)) \
                or not topic["any_rx"].search(whole):
            continue  # (the cheap test first: a sentence is read only when it, or for a credited deposit the one before, is about the topic)
        for prev, s, nxt in zip([""] + sentences, sentences, sentences[1:] + [""]):
            shown = s
            if not topic["about_rx"].search(s.lower()):  # no clause of it can be about the topic
                if not (name == "deposit_credit" and _IT.search(s) and re.search(_DEPOSIT_WORD, prev, _I)):
                    continue
                s = f"The deposit: {s}"  # "We collect a 20% deposit. It's charged in addition to your final balance."
            if name == "tax" and re.search(r"\btotal|comes to|that'?s|\bfor \$|=", s, _I) and _polarity(s, topic) == "pos" and \
                    re.search(r"\d\s?%|tax\s*\(?\$|\$[\d,.]+\s*(?:in\s+)?(?:sales\s+)?tax\b|tax\s*\(\d", whole, _I):
                continue  # "Your total is $1,284, which includes tax ($84)": the tax added to a total, judged by its arithmetic
            pol = _clause_polarity(s, topic, fact)
            if pol == "neg" and _IT_NEXT.match(nxt) and (term := topic["about_rx"].search(s.lower())) and \
                    _polarity(f"{term.group()} {nxt}", topic) == "pos":
                pol = "both"  # "The gratuity isn't in the per-person price; it's added automatically to the invoice."
            if pol is None or (name == "refund" and not re.search(_DEPOSIT_WORD + r"|cancel|annul", s, _I) and
                               not (_IT.search(s) and re.search(_DEPOSIT_WORD, prev, _I))) or \
                    name == "refund" and _BUT_DEPOSIT.search(s):
                continue  # "Once paid it's non-refundable" after a deposit sentence is about the deposit; "everything beyond the
                # deposit is refunded" is not
            said_fact, said_segs = fact, segs
            if name == "refund" and re.search(_DEPOSIT_WORD, s, _I):  # the deposit's own facts, not the balance's
                own = [(k, v) for k, v in segs if re.search(_DEPOSIT_WORD, f"{k} {v}", _I)
                       and not _BUT_DEPOSIT.search(f"{human_key(k)} {v}")]  # "payments beyond the deposit refunded" is the balance's
                pols = {"both" if re.search(r"\blate\b|\bwithin\b|\binside\b|less than|fewer than|under \d", f"{human_key(k)} {v}", _I) and
                        not _polarity(v, topic) == "neg" or re.search(r"\blate\b", human_key(k)) else
                        _polarity(v, topic) or _polarity(f"{k} {v}", topic) for k, v in own} - {None}  # "late_cancellation: deposit kept"
                if pols - {"both"}:  # "balance refunded (deposit kept)" speaks of both: the deposit's own facts decide
                    pols -= {"both"}
                if pols:
                    said_fact, said_segs = ("pos" if pols & {"pos", "both"} else "neg"), own
            # refunds have their own conditions ("no refund inside 7 days" is no clause for "never refundable")
            ok = pol == "both" or pol == said_fact or name != "refund" and _a_fact_clause_says(s, pol, topic, segs) or \
                name == "gratuity" and (pol == "neg" and _below_threshold(s, segs) or _same_rule(s, segs, topic))
            if pol == "both" and fact == "neg" and name == "gratuity" and any(  # "we add a mandatory 15% service charge, and tips
                    _polarity(c, topic) == "pos" and not _a_fact_clause_says(c, "pos", topic, segs)  # are optional" when none is added
                    for c in re.split(r"[;,]|\bbut\b|\bpero\b", s)):
                ok = False
            why = f"agrees with {cite(said_segs[0])}" if ok else f"contradicts {cite(said_segs[0])}"
            out.append(make_claim(shown, name, "supported" if ok else "contradicted", why, (name, pol if ok else "x")))
    return out


_ASKS_STAFF = Folded(r"\b(?:confirm|check|ask|verify|call|text|contact|reach|not sure|don'?t know|can'?t say|whether|if)\b|\?")


_TAX_FACT = re.compile(_TOPICS["tax"]["about"], re.I)


def unstated_tax_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Yes, all our prices include tax" when no fact mentions tax: whether a price includes tax is the
    business's to say. Only an affirmed inclusion is read ("plus tax" commits to nothing the
    customer is promised), and a sentence that hands the question to staff states nothing."""
    topic = _TOPICS["tax"]
    if book.speaks_of(_TAX_FACT) or not topic["about_rx"].search("\n".join(sentences).lower()):
        return []  # the facts speak of tax, or no sentence does
    return [make_claim(s, "tax", "unsupported", "no fact says whether prices include tax", ("tax", "unstated"))
            for s in sentences if topic["about_rx"].search(s.lower()) and _polarity(s, topic) == "pos"
            and not _ASKS_STAFF.search(s)][:1]


_NO_DEPOSIT = Folded(r"\bno deposit (is |'?s )?(needed|required|necessary|due)\b|^\W*no deposit\b|"
                     r"\b(do not|don'?t|doesn'?t|won'?t|will not) (need|have) to (pay|put down|leave) (a|any) deposit|"
                     r"\b(do not|don'?t|doesn'?t) need (a|any) deposit|\bthere'?s no deposit|\bdeposits? (is|are)n'?t (needed|required)|"
                     r"\bno (se )?(necesita|requiere|hace falta) (un |ning[uú]n )?dep[oó]sito|sin dep[oó]sito\b|pas (besoin )?d'acompte")
_SOME_NO_DEPOSIT = (r"\bno deposit\b|deposit (is )?(not required|optional|waived)|without (a )?deposit|sin dep[oó]sito|"
                    r"no (se )?(requiere|necesita) dep[oó]sito")


def minimum_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"There's no minimum" against a minimum in the facts; "no deposit is needed" against a deposit."""
    mins = book.prices_for("minimum")
    out = []
    deposits = book.prices_for("deposit") or book.segments_with(r"(?i)\d+\s?%[^.;]{0,30}\bdeposit|\bdeposit[^.;]{0,30}\d+\s?%")
    for s in sentences if deposits and not book.segments_with(_SOME_NO_DEPOSIT) else ():
        if _NO_DEPOSIT.search(s) and not re.search(r"\bif\b|\bunless\b|\bunder \d|\bfewer than|\bless than|\bsmall", s, _I):
            seg = deposits[0]
            said = f"{seg.key}: {seg.text}" if isinstance(seg, PricedFact) else cite(seg)
            out.append(make_claim(s, "deposit", "contradicted", f"the facts require a deposit ({said})", ("deposit", "none")))
    for s in sentences:
        if mins and re.search(r"\bno minimum(?! (?:adjustment|top-?up|charge applies|fee applies|surcharge))|n'?t (have )?(a|any) minimum|no m[ií]nimo|sin (consumo )?m[ií]nimo|no hay m[ií]nimo", s, _I):
            p = mins[0]
            out.append(make_claim(s, "minimum", "contradicted", f"contradicts {p.key}: {p.text}", ("minimum", "none")))
    return out


_CONFIRM = Folded(
    r"you'?re (all set|booked|confirmed|locked in)|you are (all set|booked|confirmed)|"
    r"\b(is|are|has been|have been) (now )?(confirmed|booked|locked in|reserved)\b|we'?ll collect the deposit later|"
    r"pay the deposit (at|on|after) the event|booked for\b|est[aá]s? (confirmad|reservad)|queda (confirmad|reservad)")


_TO_CUSTOMER = Folded(r"\b(?:you|your|you'?re|yours|tu|tus|su|sus|usted|ustedes|vous|votre)\b")
_MEETS_MINIMUM = Folded(r"\b(over|above|meet|meets|hit|hits|clear|clears|past)\b[^.;]{0,25}\bminimum\b[^.;]{0,20}\ball set\b")
_NO_DEPOSIT_HOLD = Folded(r"(held|reserved|booked|confirmed|hold)\b[^.]{0,20}\bwithout (a |the |any )?deposit|"
                              r"no deposit (is )?(needed|required)|deposit (later|at the event|after the event)")


def booking_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """Confirming a booking in chat; dates held only after the deposit when the facts say so."""
    whole = " ".join(sentences)
    if not _CONFIRM.search(whole) and not re.search(r"held|reserved|hold|reservad", whole, _I):
        return []
    hold = book.segments_with(r"only (held|reserved)|held only|(held|reserved) (once|after|until)")
    records = bool(book.segments_with(r"\b(?:confirmed|tentative|booked|reserved|reservad[oa]|BOOKED)\b"))  # a calendar or bookings list
    out = []
    for s in sentences:
        if records and not _TO_CUSTOMER.search(s):
            continue  # "dinner on Oct 19 is booked (Carter)", "80 of those are confirmed": the facts' records read back
        if _CONFIRM.search(s) and not negated(s) and not _CONDITIONAL_CONFIRM.search(s) and not _MEETS_MINIMUM.search(s):
            if hold:
                out.append(make_claim(s, "booking", "contradicted", f"contradicts {cite(hold[0])}", ("booking", "confirmed")))
            else:
                out.append(make_claim(s, "booking", "unsupported", "no fact lets the assistant confirm a booking", ("booking", "confirmed")))
        elif hold and _NO_DEPOSIT_HOLD.search(s):
            out.append(make_claim(s, "booking", "contradicted", f"contradicts {cite(hold[0])}", ("booking", "no_deposit")))
        elif hold and re.search(r"(only )?(held|reserved|hold)\b.*deposit|isn'?t reserved|not reserved|no est[aá] reservad", s, _I):
            out.append(make_claim(s, "booking", "supported", f"agrees with {cite(hold[0])}", ("booking", "held_after_deposit")))
    return out


#: a holiday names a date: "Christmas Eve", "Thanksgiving", "New Year's Eve", "Nochebuena"
_HOLIDAY = (r"christmas|xmas|thanksgiving|new year'?s?|easter|(fourth|4th) of july|independence day|memorial day|labor day|"
            r"halloween|valentine'?s|mother'?s day|father'?s day|hanukkah|diwali|navidad|nochebuena|nochevieja|a[nñ]o nuevo|"
            r"acci[oó]n de gracias|pascua")
_SPECIFIC_DATE = Folded(r"\b(january|february|march|april|june|july|august|september|october|november|december|enero|febrero|marzo|"
                        r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|tomorrow|tonight|\d{1,2}(st|nd|rd|th)|"
                        + _HOLIDAY + r")\b")
#: "Thanksgiving works for us", "we have Saturday, June 14 open": said of a named date only
_DATE_WORKS = Folded(r"\b(works|is fine|is no problem) (for us|for me|on our end)\b")
_DATE_HELD_OPEN = Folded(r"\bwe have [^.;!?]{0,30}\b(open|available|free)\b")
#: a fact naming the weekdays the business works: a date on one of them can be said to work
_SCHEDULE_FACT = (r"\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bweekdays?\b|"
                  r"\b(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados?|domingos?)\b")
_DATE_WORDS = Folded(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|weekend|"
                         r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
                         r"lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|ma[nñ]ana|(that|your|the|this) date|\d{1,2}(st|nd|rd|th)|"
                         + _HOLIDAY + r")\b")
_OPEN_DATE = Folded(r"\b(is|are|looks) (still )?(open|available|free)\b|we'?re (available|free|open)|we have (availability|that date)|"
                        r"we'?ve got you (down|booked)|you'?re (all set|all booked|booked)\b|"
                        r"est[aá] (disponible|libre)|tenemos disponibilidad")


def _weekly_schedule(book: FactBook) -> bool:
    """A fact names the weekdays the business works ("Thursday through Sunday"), not today's date."""
    return any(not re.search(r"\btoday\b|\bhoy\b|\bcurrent date\b", f"{human_key(k)} {seg}", re.I)
               for k, seg in book.segments_with(_SCHEDULE_FACT))


def availability_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Yes, the 31st is open": the facts never hold the calendar."""
    if not _DATE_WORDS.search(" ".join(sentences)):
        return []
    # a fact about availability that names no date ("availability is checked by the booking team")
    # holds no calendar
    if any(_DATE_WORDS.search(seg[1]) for seg in book.segments_with(r"availab|calendar|open dates|disponib")):
        return []
    from .dates import calendar  # noqa: PLC0415 (dates imports this module)
    if calendar(book):
        return []  # {"2025-06-28": {"11:00": "booked", "17:00": "open"}}: a calendar, judged date by date
    return [make_claim(s, "booking", "unsupported", "no fact says which dates are available", ("availability",))
            for s in sentences if _DATE_WORDS.search(s) and (
                _OPEN_DATE.search(s) or _SPECIFIC_DATE.search(s) and (
                    _DATE_HELD_OPEN.search(s) or _DATE_WORKS.search(s) and not _weekly_schedule(book)))
            and not negated(s) and not _if_open(s)]


# --- credentials -------------------------------------------------------------------------------------
# A credential, certification or sourcing label is a claim about the business only its facts can make:
# "halal-certified", "a Michelin star", "award-winning", "certified gluten-free kitchen", "organic".
_CREDENTIALS = {  # label in an answer -> what a fact must say for it
    "certified": r"certif", "certification": r"certif", "certificado": r"certif", "michelin": r"michelin",
    "award": r"award|premio", "accredited": r"accredit", "licensed": r"licens", "halal": r"halal", "kosher": r"kosher",
    "organic": r"organic|org[aá]nic", "grass-fed": r"grass", "wild-caught": r"wild", "james beard": r"beard",
    "five-star": r"five-star|5-star|star", "5-star": r"five-star|5-star|star", "premio": r"award|premio",
}
_CREDENTIAL = Folded(r"\b(certified|certification|certificado|michelin|award|accredited|licensed|halal|kosher|organic|grass-fed|"
                     r"wild-caught|james beard|five-star|5-star|premio)")
_HEDGE = Folded(r"\b(if|whether|confirm|check|ask|verify|not sure|no information|don'?t (know|have)|can'?t say|can (tell|answer|share)|"
                r"recommend|suggest|contact|reach out|si|confirmar|preguntar)\b|\?")


def credential_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A credential the answer affirms ("all our chicken is halal-certified") that no fact gives."""
    out = []
    for s in sentences if _CREDENTIAL.search(" ".join(sentences)) else ():
        for m in _CREDENTIAL.finditer(s):
            label = m.group(1).lower()
            clause = re.split(r"[,;:—–]|\bbut\b|\bpero\b", s)
            clause = next((c for c in clause if label in c.lower()), s)
            if negated(clause) or _HEDGE.search(clause) or book.segments_with(_CREDENTIALS[label]):
                continue
            out.append(make_claim(s, "policy", "unsupported", f"no fact says the business is {label}", ("credential", label)))
    return out


# --- a service fee is not the tip ---------------------------------------------------------------
_FEE_NOT_TIP = r"service (?:fee|charge)[^.]*?\b(?:not|isn'?t|is not)\b (?:a |the )?(?:gratuity|tip)|\bnot a gratuity\b|\bno es (?:una )?propina\b"
_FEE_IS_TIP = Folded(r"\bservice (?:fee|charge)\b(?:[^.;]|\.(?=\d)){0,60}?\b(?:goes (?:straight |directly )?to (?:the|your|our) chef|"
                     r"(?:is|as|serves as|covers|includes) (?:a |the |their |your )?(?:tip|gratuity)|in place of (?:a |the )?tip)")


_PCT_IS_TIP = Folded(r"\b(?:the|our|this|that) (\d+(?:\.\d+)?)\s?%\s(?:(?:service )?(?:fee|charge)\s)?(?:is|works as|serves as)\s"
                     r"(?:our|a|the|your)\s(?:gratuity|tip)\b")
_PRONOUN = re.compile(r"\s*(?:this|that|it|which)\b", re.I)
_TIP_WORD = Folded(r"\b(?:tip|tips|gratuity|tipping)\b")


def fee_tip_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"The 10% service fee goes to the chef as their tip" when the facts say the fee is not a gratuity."""
    segs = book.segments_with(_FEE_NOT_TIP)
    if not segs:
        return []
    if "fee_pcts" not in book.memo:  # the service charge's percentages, once per fact book
        book.memo["fee_pcts"] = {m.value for key, seg, m in book.mentions
                                 if m.kind == "percent" and re.search(r"service", f"{key} {seg}", re.I)}
    fee_pcts = book.memo["fee_pcts"]
    out = []
    for prev, s in zip([""] + sentences, sentences):  # "Service fee (10%): $100.10 — this goes to the chef as their tip"
        joined = f"{prev} {s}" if _PRONOUN.match(s) else s
        m = _FEE_IS_TIP.search(joined)
        pct = _PCT_IS_TIP.search(s)  # "the 20% is our gratuity for the chef"
        if m and m.end() > len(joined) - len(s) and not negated(m.group()) and not _TIP_WORD.search(m.group()[12:]) or \
                pct and float(pct.group(1)) in fee_pcts and not negated(pct.group()):
            out.append(make_claim(s, "gratuity", "contradicted", f"contradicts {cite(segs[0])}", ("service fee", "tip")))
    return out


# --- fees nobody charges --------------------------------------------------------------------------
_NAMED_FEE = Folded(r"\b(processing|cancell?ation|admin(?:istrative)?|booking|handling|rebooking|rescheduling|reschedule|date[- ]change|"
                    r"change|card|credit[- ]card|convenience|transaction|clean[- ]?up|cleaning|set[- ]?up|fuel|propane|equipment|"
                    r"rental|corkage|cake[- ]cutting|holiday|weekend|peak|rush|late[- ]booking|last[- ]minute)\s+(?:fee|charge|surcharge)s?\b|"
                    r"\b(?:fee|cargo) (?:de|por) (procesamiento|cancelaci[oó]n|reserva|tarjeta|limpieza|administraci[oó]n)\b")


#: what a fee's name is about, as the facts may word it ("booking fee" for a "reservation fee")
_FEE_WORDS = (("process", "process"), ("cancel", "cancel"), ("admin", "admin"), ("book", "booking|reservation"), ("handl", "handl"),
              ("resched", "resched|date change"), ("date", "date change|resched"), ("credit", "card|credit"), ("change", "change|resched"),
              ("card", "card|credit"),
              ("convenien", "convenien"), ("transact", "transact"), ("clean", "clean"), ("set", "set ?up|setup"),
              ("fuel", "fuel"), ("propane", "propane"), ("equipment", "equipment"), ("rent", "rent"), ("cork", "cork"),
              ("cake", "cake"), ("holiday", "holiday"), ("weekend", "weekend"), ("peak", "peak"), ("rush", "rush"),
              ("late", "late|last[- ]minute|short notice"), ("last", "late|last[- ]minute|short notice"),
              ("procesamiento", "process|procesamiento"), ("cancelaci", "cancel"), ("reserva", "reserv|book"),
              ("tarjeta", "card|tarjeta"), ("limpieza", "clean|limpieza"), ("administraci", "admin"))
_NO_FEE_AFTER = re.compile(r"^\W*(?:s\b\W*)?(?::\s*)?(?:is |are |would be |will be )?(?:\*\*)?(?:none|n/a|\$0(?![\d.])|included|waived|free|"
                           r"not charged|not applicable)\b|^[^.;]{0,25}\b(?:don'?t|doesn'?t|do not|does not|won'?t|will not|never) apply\b|"
                           r"^[^.;]{0,15}\b(?:are|is) included in (?:the|our|your) (?:\$[\d,.]+ )?(?:per[- ]person |per[- ]guest )?(?:price|rate)\b", re.I)


def _keyed_text(book: FactBook) -> str:
    """Every fact as "key: value", lower-cased: "card_surcharge": "3% on credit card payments" names a card surcharge."""
    if "keyed_text" not in book.memo:
        book.memo["keyed_text"] = " ".join(f"{human_key(k)}: {v}." for k, v in sorted(book.facts.items())).lower()
    return book.memo["keyed_text"]


def named_fee_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"You get the deposit back minus a small processing fee" when no fact mentions a processing
    fee: a fee the answer names must be one the facts charge. Said not to apply ("setup fee:
    included", "weekend surcharges don't apply") it claims nothing."""
    out = []
    for s in sentences:
        for m in _NAMED_FEE.finditer(s):
            word = re.sub(r"[- ]", "", (m.group(1) or m.group(2)).lower())
            about = next((rx for stem, rx in _FEE_WORDS if word.startswith(stem)), word[:5])
            gap = r"(?:[^.;\n]|\.(?=\d)){0,50}"  # "card payments incur a 1.5% surcharge", "reschedules within 7 days of the event incur a $75 fee"
            near = rf"(?<![^\W\d_])(?:{about}){gap}(?:fee|charge|surcharge|cost|\$|\+\s?\d+(?:\.\d+)?\s?%)|(?:fee|charge|surcharge){gap}(?<![^\W\d_])(?:{about})"
            if re.search(near, book.text) or re.search(near, _keyed_text(book)) or negated(s[:m.start()][-40:]) or \
                    re.search(r"\b(?:no|without|any|sin)\s+(?:\w+\s+)?$", s[:m.start()], re.I) or _NO_FEE_AFTER.search(s[m.end():]):
                continue
            out.append(make_claim(s, "fee", "unsupported", f"no fact mentions {m.group().lower()}", ("fee", word)))
            break
    return out


# --- a full refund the facts cut short ------------------------------------------------------------
_FULL_REFUND = Folded(r"\bfull (?:deposit )?(?:refund|deposit back|amount back)|\b(?:fully|100\s?%) refund(?:ed|able)?\b|"
                      r"\brefund(?:ed)? in full\b|\b(?:the )?(?:whole|entire|full) deposit (?:back|returned|refunded)|"
                      r"\ball (?:of )?(?:your|the) (?:deposit|money) back|\breembolso (?:completo|total)\b")
_CUT_REFUND = re.compile(r"\b(?:minus|less|deduct(?:ed|ing)?|retain(?:ed|s)?|withh[oe]ld|keep(?:s)?|menos)\b[^.;]{0,40}(?:fee|\$|%|cargo)", re.I)
_REFUND_FACT = r"(?i)refund|reembols|money back|deposit back"
_WHOLE_REFUND = re.compile(r"\bfull(?:y)?\b|\bin full\b|100\s?%|\bentire\b|\bwhole\b|complet|\btotal\b", re.I)


def full_refund_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Cancel 10+ days out and you get the full deposit back" when every refund the facts give is cut
    ("deposit refunded minus a $50 processing fee")."""
    segs = book.segments_with(_REFUND_FACT)
    cut = [seg for seg in segs if _CUT_REFUND.search(seg[1])]
    if not cut or any(_WHOLE_REFUND.search(seg[1]) and not _CUT_REFUND.search(seg[1]) for seg in segs):
        return []
    for s in sentences:
        if (m := _FULL_REFUND.search(s)) and not negated(s[:m.start()][-40:]) and not _CUT_REFUND.search(s) and \
                not re.search(r"\b(?:not|no|isn'?t|aren'?t|won'?t)\b[^.;]{0,20}$", s[:m.start()], re.I):
            return [make_claim(s, "policy", "contradicted", f"the refund is cut: {cite(cut[0])}", ("refund", "full"))]
    return []


# --- travel free everywhere ----------------------------------------------------------------------
_FREE_TRAVEL = Folded(r"\b(?:travel|trip|driving|mileage|traslado|viaje)\b[^.;]{0,40}\b(?:free|included|no (?:extra |additional )?(?:charge|cost|fee)|"
                      r"gratis|sin (?:costo|cargo))|\b(?:free|no (?:extra )?charge for) (?:travel|mileage)")
_EVERYWHERE = Folded(r"\b(?:always|no matter (?:where|how far)|anywhere|wherever|everywhere|all of|any distance|"
                     r"siempre|no importa (?:d[oó]nde|la distancia)|cualquier lugar)\b")


_QUALIFIED = Folded(r"\b(?:within|up to|under|inside|first|beyond|past|over|hasta|dentro de|\d+\s?(?:miles?|mi|km))\b")
_NEVER_CHARGE = Folded(r"\bnever charge (?:for )?(?:travel|mileage)|\bno travel (?:fee|charge)s? (?:ever|anywhere|no matter)")


def free_travel_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Travel is always free, wherever you are" when the facts charge for travel past some distance."""
    charged = [p for p in book.priced if p.subject == "travel" and p.value > 0 or p.unit == "per_mile"]
    if not charged:
        return []
    out = []
    for s in sentences:
        if _FREE_TRAVEL.search(s) and _EVERYWHERE.search(s) and not _QUALIFIED.search(s) and not negated(s) and not _HEDGE.search(s) \
                or _NEVER_CHARGE.search(s):
            out.append(make_claim(s, "policy", "contradicted", f"the facts charge for travel: {charged[0].text}",
                                  ("travel", "free everywhere")))
    return out


# --- payment methods ------------------------------------------------------------------------
_METHODS = {  # method -> how a text names it ("check" only as a way to pay: "by check", "checks accepted")
    "cash": r"\bcash\b(?![\s-]?app\b)|\befectivo\b|\bbargeld\b|\besp[eè]ces\b|\bcontanti\b", "Venmo": r"\bvenmo\b", "Zelle": r"\bzelle\b", "PayPal": r"\bpaypal\b",
    "Cash App": r"\bcash[\s-]?app\b", "Apple Pay": r"\bapple pay\b", "Google Pay": r"\bgoogle pay\b",
    "cards": r"(?<!gift )\b(?:credit|debit)(?: or debit| or credit)? cards?\b|\b(?:major|all|any|by|with|via) (?:major )?cards?\b|\bcards?\b(?= accepted| payments?| or | and | (?:is |are )?(?:ok|okay|fine|welcome)\b)|\bvisa\b|"
             r"\bmastercard\b|\bamex\b|american express|\btarjetas?\b|\bcard (?:payments?|fee)|\bcards? only\b|\b(?:take|takes|accept|accepts) (?:credit |debit )?cards?\b|\bkreditkarten?\b|\bcartes? (?:de cr[ée]dit|bancaires?)\b",
    "checks": r"\b(?:by|with|via|accept|accepts|take|takes) (?:a )?(?:personal )?checks?\b|\bchecks? (?:are |is )?(?:accepted|welcome)\b|"
              r"personal checks?|cashier'?s checks?|\bcheques?\b|(?<=\bno )checks?\b|\ba check (?:is|would be) (?:fine|ok|okay|accepted|welcome)\b|"
              r"\bchecks (?:are|work) (?:\w+ )?(?:fine|ok|okay|good|welcome|accepted)\b|\b(?:mail|send|drop off|hand)(?: (?:us|in|over))? (?:a |your )?checks?\b",
}
_METHOD_RX = {name: Folded(rx) for name, rx in _METHODS.items()}
_PAY_CONTEXT = Folded(r"\b(pay|pays|paid|paying|payment|payments|payable|accept|accepts|accepted|take|takes|method|methods|"
                      r"pagar|pago|pagos|aceptamos|acepta|m[eé]todos?|zahlen|bezahlen|zahlung|akzeptieren|payer|paiement|acceptons)\b|"
                      r"\b(?:cash|zelle|venmo|checks?|cheques?|paypal|cards?|kreditkarten?|amex|visa|mastercard|discover)\b(?! tips?)[^.]{0,25}\b(?:(?:is|are|sind|ist) (?:totally |perfectly |also |completely )?(?:fine|ok|okay|good|welcome|kein problem)|works?(?: too| as well| fine)?)\b")


_REFUSED_METHOD = re.compile(r"\b(?:don'?t|do not|doesn'?t|does not|can'?t|cannot|won'?t|no longer|unable to)\s+(?:take|accept|process|"
                             r"support)\b|\bnot accepted\b|\bno aceptamos\b", re.I)
_METHOD_ONLY = re.compile(r"\bonly\b|\bsolo\b|\bfor the (?:deposit|balance)\b", re.I)


_NOT_A_HEDGE = re.compile(r"\bif (?:that'?s|it'?s|that is|it is) (?:easier|simpler|more convenient|better|handier)\b|"
                          r"\bif you(?:'d)? (?:prefer|like|want|rather)\b", re.I)
#: the clauses a payment sentence's refusals are read in: "Cheques are fine, but we don't take Amex"
_PAY_CLAUSES = re.compile(r",?\s*\bbut\b|;|\s[—–]\s|(?<=[a-z]), (?=(?:we|you|they|and we)\b)", re.I)


_BRANDS = {"Visa": Folded(r"\bvisa\b"), "Mastercard": Folded(r"\bmaster ?card\b"), "Amex": Folded(r"\bamex\b|american express"),
           "Discover": Folded(r"\bdiscover\b(?! (?:our|the|how|what|more|why|a|an)\b)")}


def _card_brands(book: FactBook) -> set[str]:
    """The card brands the facts accept, when they name brands ("Visa, Mastercard") rather than "cards"."""
    if "brands" not in book.memo:
        said = " ".join(seg for _, seg in book.segments_with(_PAY_CONTEXT.pattern + r"|visa|mastercard"))
        book.memo["brands"] = {b for b, rx in _BRANDS.items() if rx.search(said)} if re.search(r"visa|mastercard|amex", said, _I) else set()
    return book.memo["brands"]


def _refuses(clause: str, name: str) -> bool:
    """The clause refuses this very method: "no credit cards", "cash is not accepted", "we don't take Zelle"
    (not "Zelle (no fees)", "no later than the event day", "(not refundable) is paid via Zelle")."""
    rx = _METHODS[name]
    if re.search(r"for the (?:deposit|balance)|on[- ]site|online|in person|on the day", clause, re.I):
        return False  # "cash is not accepted for the deposit (but is fine for the balance)": refused for one payment only
    return bool(re.search(rf"\b(?:no|not|never|keine?|pas de|aucune)\s+(?:\w+\s+)?(?:{rx})|(?:{rx})[^.;,()]{{0,15}}\b(?:not accepted|not taken|refused|not possible)\b|"
                          rf"(?:don'?t|do not|doesn'?t|does not|cannot|can'?t|won'?t|no longer|unable to)\s+(?:(?:take|accept|process)\s+"
                          rf"(?:\w+\s+){{0,3}}?)?(?:{rx})|\bno aceptamos\s+(?:\w+\s+)?(?:{rx})", clause, re.I))


def _accepted_in_facts(word: str, book: FactBook) -> bool:
    """The facts name this very method ("Amex", not just "cards") in a clause that does not refuse it."""
    word = re.sub(r"^(?:by|with|via|accept|accepts|take|takes)\s+", "", word.lower().strip())
    for _, seg in book.segments:
        for clause in re.split(r"[;.]\s|\bbut\b", seg.lower()):
            if word in clause and not negated(clause) and not _REFUSED_METHOD.search(clause):
                return True
    return False


_REFUSING_KEY = re.compile(r"\bnot (?:accepted|taken)\b|\b(?:refused|declined|rejected|excluded|unaccepted)\b|^no |\bno (?:methods?|payments?)\b")  # "payment.not_accepted"
_WALLETS = ("Venmo", "PayPal", "Cash App", "Apple Pay", "Google Pay")


def _without_wallet_cards(sentence: str, known: set[str]) -> str:
    """``sentence`` without the cards it names only as what funds an accepted wallet ("via Venmo using
    your debit card", "Venmo lets you fund payments with a debit card")."""
    for w in _WALLETS:
        if w in known:
            sentence = re.sub(rf"(?:{_METHODS[w]})(?:(?!\b(?:or|and|o|y)\b)[^.;,]){{0,40}}?\b(?:using|with|funded (?:by|with)|from|linked to)\s+"
                              rf"(?:an?\s+|your\s+)?(?:\w+\s+){{0,2}}cards?\b", w, sentence, flags=re.I)
    return sentence


def payment_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A way to pay the answer says is accepted that the facts' list of payment methods leaves out
    ("we accept all major credit cards" when the facts say cash, Venmo or Zelle)."""
    if "methods" not in book.memo:
        named = {name for name, rx in _METHOD_RX.items() for _, seg in book.segments if rx.search(seg)}
        listed = any(rx.search(seg) for _, seg in book.segments_with(_PAY_CONTEXT.pattern) for rx in _METHOD_RX.values())
        named = named if listed or named - {"cash", "checks"} else set()  # "cash tips appreciated" lists nothing
        # "Cash, Venmo, or Zelle. No credit cards.": a method the facts name only to refuse it is refused
        said_ok = {name for name, rx in _METHOD_RX.items() for key, seg in book.segments if not _REFUSING_KEY.search(human_key(key))
                   for clause in re.split(r"[;.,]\s|\bbut\b|\n|\s[-–—]\s", seg) if rx.search(clause) and not _refuses(clause, name)}
        book.memo["methods"] = (named & said_ok, named - said_ok)
    known, refusing = book.memo["methods"]
    out = []
    for s in sentences if known or refusing else ():
        if not _PAY_CONTEXT.search(s) and not _REFUSED_METHOD.search(s) or \
                _HEDGE.search(_NOT_A_HEDGE.sub(" ", _METHOD_RX["checks"].sub(" ", s))):  # "or mail a check if that's easier" hedges nothing
            continue
        for part in re.split(r"[;,]|\bbut\b|\band\b|—|–", s):  # "we take Visa — unfortunately we don't take Amex"
            refused = _REFUSED_METHOD.search(part)
            said = [(name, hit.group()) for name, rx in _METHOD_RX.items() if (hit := rx.search(part[refused.end():] if refused else ""))]
            if refused and said and said[0][0] in known and not _METHOD_ONLY.search(part) and _accepted_in_facts(said[0][1], book):
                said = [said[0][0]]
                out.append(make_claim(s, "policy", "contradicted", f"the facts accept {said[0]} (payment methods: "
                                      f"{', '.join(sorted(known))})", ("payment", said[0], "refused")))
                break
        affirmed = [c for c in _PAY_CLAUSES.split(s) if c and c.strip() and not negated(c)]
        if not affirmed:
            continue
        s_said, s = s, " … ".join(affirmed)  # "Cheques are fine, but we don't take Amex": the cheques are still accepted
        brands = _card_brands(book)
        odd = [b for b, rx in _BRANDS.items() if brands and b not in brands and rx.search(s)]
        if odd and (_PAY_CONTEXT.search(s) or "card" in s.lower()):  # "any major card including Amex" when the facts name Visa and Mastercard
            out.append(make_claim(s_said, "policy", "unsupported", f"the facts accept {', '.join(sorted(brands))} cards; {odd[0]} is not one",
                                  ("payment", odd[0])))
            continue
        unfunded = _without_wallet_cards(s, known)  # "via Venmo using your Visa debit card": the business is paid by Venmo
        for name, rx in _METHOD_RX.items():
            if name == "cards" and not rx.search(unfunded):
                continue
            if name in refusing and rx.search(s) and _PAY_CONTEXT.search(s):
                out.append(make_claim(s_said, "policy", "contradicted", f"the facts refuse {name} ({cite(next(seg for seg in book.segments if rx.search(seg[1])))})",
                                      ("payment", name, "accepted")))
            elif name not in known and rx.search(s):
                listed = ", ".join(sorted(known))
                out.append(make_claim(s_said, "policy", "unsupported", f"the facts' payment methods are {listed}; {name} is not one",
                                      ("payment", name)))
    return out


_IF_OPEN = Folded(r"\b(if|once|whether|assuming|provided|check|confirm|si)\b")


def _if_open(s: str) -> bool:
    """"if that date is open, ..." is a condition, not a claim; read in the clause that says it."""
    m = _OPEN_DATE.search(s) or _DATE_HELD_OPEN.search(s) or _DATE_WORKS.search(s)
    return bool(_IF_OPEN.search(re.split(r"[,;.!?]|\band\b", s[:m.start()])[-1]))


_WE_BRING = Folded(r"\bwe (bring|provide|supply)\b|\bwe'll (bring|provide)|traemos|llevamos|"
                   r"\b(?:our|the) (?:chefs?|crew|team) (?:brings?|provides?|supplies|supply|will bring|comes? with)\b")
_YOU_NEED = Folded(r"\byou (provide|bring|supply|need|just need|handle|take care of)|you'?d (just |only )?(need|provide|bring)|you'?ll (need|have) to (provide|bring)|you'?ll need|"
                       r"(provide|bring) your own|(usted|t[uú]) (pone|trae)|necesitas")
_NOTHING = Folded(r"don'?t need to (provide|bring) anything|nothing (to provide|to bring|needed)|no necesitas (traer|poner) nada")
_FACT_YOU = (r"\b(?:you|u|customers?|clients?|hosts?|guests?)(?:'ll| will)?(?: (?:still|also|just|only|now|always))? (?:provide|provides|bring|brings|supply|supplies|needs?(?: to (?:set up|provide|have|bring))?)\b|"
             r"\bno incluye\b|\bnot included:|\bdoes(?:n't| not) include\b")  # "u bring tables + chairs", "Q: What do I provide? A: tables, chairs"
_FACT_WE = (r"\b(we|chefs?|the chef|our chefs?|crew|the team)(?: (?:now|also|still|always|just))? (bring|brings|provide|provides|supply|supplies|cook on|cook with)\b|"
            r"\b(?:nosotros )?(llevamos|traemos|ponemos)\b|"
            r"(?:^|[:.;]\s*|\n)(incluye)\b")  # "Incluye chef, parrilla, gas y platos desechables"


_KEY_YOU = re.compile(r"\b(host|you|customer|client|guest)s?\b.*\b(provides?|brings?|supplies|needs?|supply|responsibilit)|^host provides|"
                      r"\bchecklist\b.*\bhosts?\b|\bhosts?\b.*\bchecklist\b|"
                      r"^(you|host|client|customer) (bring|provide)|^bring your own|"
                      r"^(not included|excluded|no incluye|no incluido|non inclus|nicht (?:enthalten|inklusive))$", re.I)
#: "Q: What do I provide? A: …", "P: ¿Qué necesitamos nosotros? R: …"
_ASKED_NEED = r"(?:what do (?:i|we) (?:need to )?(?:provide|bring|need)|qu[ée] (?:necesitamos|necesito|tenemos que (?:poner|traer)|debo (?:poner|traer))(?: nosotros)?)\?"
#: "plates/utensils are provided by Riverbend" (not "by you", "by the host")
_BY_US = r"\b(?:are|is) (?:provided|supplied|brought|included) by (?!you\b|the host|hosts?\b|guests?\b|the client|clients?\b|customers?\b|the customer)"
_KEY_WE = re.compile(r"^(we|chef|crew|team|our chefs?|the chef) (bring|brings|provide|provides|supply|supplies)|^(what )?we bring|"
                     r"^included (equipment|items)|^equipment (included|provided)|^(chef|we) brings?|"
                     r"^(?:(?:what is|what's|service|package|price) )?(?:included|includes?|incluye|incluido|inclus|inklusive|enthalten)$", re.I)
_SAME_ITEM = {"mesa": "table", "silla": "chair", "plato": "plate", "parrilla": "grill", "servilleta": "napkin",
              "utensilio": "utensil", "cubierto": "utensil", "propano": "propane", "vaso": "cup", "mantele": "tablecloth",
              "cutlery": "utensil", "silverware": "utensil", "fork": "utensil", "bebida": "drink", "beverage": "drink",
              "mesero": "server", "waiter": "server", "glasse": "cup", "carpa": "tent", "lemonade": "drink", "soda": "drink", "juice": "drink"}


def _items(text: str) -> set[str]:
    words = re.findall(r"[a-záéíóúñ]+", text.lower())
    return {_SAME_ITEM.get(w.rstrip("s"), w.rstrip("s")) for w in words if len(w) > 3} - {"provide", "bring", "that", "with", "your", "everything",
                                                          "else", "including", "need", "just", "also", "will", "supply",
                                                          "flat", "own", "guest", "their", "them", "they"}


#: things a caterer might bring: one the facts' list of what the business brings leaves out is a promise no fact makes
_EQUIPMENT = {"canopy", "tent", "generator", "light", "table", "chair", "tablecloth", "linen", "napkin", "plate", "utensil", "chopstick",
              "heater", "speaker", "music", "server", "bartender", "drink", "cooler", "umbrella", "decoration", "balloon", "dessert",
              "cake", "cup", "glassware"}  # as _items names them ("cubiertos", "cutlery" are "utensil")


def _named(item: str, book: FactBook) -> bool:
    """The facts name ``item`` somewhere ("drinks billed by consumption"): what they say of it is another check's."""
    words = [item] + [k for k, v in _SAME_ITEM.items() if v == item]
    return bool(re.search(rf"\b(?:{'|'.join(words)})", book.text, re.I))


_FOR_WHAT = re.compile(r"\b(?:for|para)\s+(?:the|your|our|a|an|el|la|los|las|su)?\s*[\w-]+", re.I)


def _upto(text: str, other: str) -> str:
    """``text`` up to where the other side's phrase starts."""
    m = re.search(other, text, _I)
    return text[:m.start()] if m else text


def _named_alike(part: str, book: FactBook, side: str) -> set[str]:
    """Items ``part`` names with the same word before them as a fact of ``side`` does ("a serving table")."""
    out = set()
    said = " ".join(seg for _, seg in book.segments_with(side))
    for m in re.finditer(r"(?=\b([a-záéíóúñ]{3,})\s+([a-záéíóúñ]{4,}))", part.lower()):
        if re.search(rf"\b{m.group(1)}\s+{m.group(2)}", said, _I):
            out |= _items(m.group(2))
    return out


def _side_items(book: FactBook) -> tuple[set[str], set[str], list]:
    """(items the customer provides, items the business brings, the segments saying so), memoized."""
    if "setup" not in book.memo:
        you, we, segs = set(), set(), []
        for key, seg in book.segments_with(_FACT_YOU + "|" + _FACT_WE + "|" + _ASKED_NEED + "|" + _BY_US):
            for part in re.split(r"[;.]", seg):
                if (by := re.search(_BY_US, part, _I)):  # "Plates/utensils are provided by Riverbend"
                    we |= _items(_FOR_WHAT.sub(" ", part[:by.start()]))
                    continue
                m_you, m_we = re.search(f"(?:{_FACT_YOU})(.*)", part, _I), re.search(f"(?:{_FACT_WE})(.*)", part, _I)
                if m_you:  # "a flat 10x10 ft space for the grill": the grill is what the space is for, not the host's
                    you |= _items(_FOR_WHAT.sub(" ", _upto(m_you.group(m_you.lastindex), _FACT_WE)))  # "u bring tables, we bring the rest"
                if m_we:
                    we |= _items(_FOR_WHAT.sub(" ", _upto(m_we.group(m_we.lastindex), _FACT_YOU)))
            for qa in re.finditer(_ASKED_NEED + r"\s*(?:a:|r:)?\s*([^.!?;]*)", seg, _I):
                if not re.match(r"\s*(?:nothing|none|no need|nada)\b", qa.group(1), _I):  # "A: Nothing, we bring everything"
                    you |= _items(_FOR_WHAT.sub(" ", _upto(qa.group(1), _FACT_WE)))  # "Q: What do I provide? A: tables, chairs"
            segs.append((key, seg))
        for key, seg in book.segments:  # {"we_bring": ["grill", "plates"], "host_provides": ["tables"]}: the key says whose
            name = key_name(key)
            if _KEY_YOU.search(name) and not re.search(_FACT_WE + "|" + _BY_US, seg, _I):
                you |= _items(_FOR_WHAT.sub(" ", seg))
                segs.append((key, seg))
            elif _KEY_WE.search(name) and not re.search(_FACT_YOU, seg, _I):
                we |= _items(_FOR_WHAT.sub(" ", seg))
                segs.append((key, seg))
        book.memo["setup"] = (you, we - you, segs)
    return book.memo["setup"]


def _with_lists(sentences: list[str]) -> list[str]:
    """Sentences with the bulleted lines that follow a colon joined to it ("You'll need: - plates - tables"),
    and a lower-case continuation to the "we bring" sentence it continues ("We bring everything — grill, plates")."""
    out: list[str] = []
    listing = False
    for s in sentences:
        if listing and (_BULLET.match(s) or _MARKER.fullmatch(s) or out[-1].endswith(_MARKER_END)) or \
                out and (_WE_BRING.search(out[-1]) or _YOU_NEED.search(out[-1])) and \
                (s[:1].islower() or len(out[-1].split()) <= 5 and s.count(",") >= 2 and not _OWNED.search(s)):
            # "We bring everything! Grill, plates, ..."; not "We bring the grill. Tables, chairs and plates are on you."
            out[-1] += " " + s.strip()
            continue
        out.append(s)
        listing = s.rstrip().rstrip("*_").endswith(":")
    return out


_OWNED = re.compile(r"\b(?:are|is)\s+(?:on you|yours|up to you|your (?:job|responsibility))\b|\byou'?ll need to\b|\byou need to\b", re.I)
_CONTRAST = re.compile(r"\bbut\b(?! also)|\bwhile\b|\bwhereas\b|\bhowever\b|;|\bpero\b|\bmientras\b", re.I)  # "we bring X, but Y is up to you"
_BULLET = re.compile(r"\s*(?:[-•*]|\d+[.)])\s")
_MARKER = re.compile(r"\s*\d+[.)]\s*")  # "1." that sentences() split from "1. Napkins"
_MARKER_END = tuple(f"{n}." for n in range(1, 10))


_MORE_STAFF = Folded(r"\b(?:a |an )?(?:second|another|extra|additional|2nd|two|2|three|3|dos|segundo|otro)\s+(?:chefs?|cooks?|servers?|staff)\b")


_NOT_ITEMS = frozenset("everything anything something whatever your their our own the some with and also just all else needed "
                       "everyone guests party event that this them here there".split())


def _named_in_facts(rest: str, book: FactBook) -> bool:
    """"we bring our own generator" when the facts say "we run on our own generator": the items named are the facts'."""
    items = [w for w in re.findall(r"[a-z]{4,}", re.split(r"[.;!?—–]|\bbut\b|\bso\b", rest.lower())[0]) if w not in _NOT_ITEMS]
    if "our_clauses" not in book.memo:
        book.memo["our_clauses"] = [c for _, seg in book.segments for c in re.split(r"[.;,]\s|\n|\band\b|\bso\b", seg.lower())
                                    if re.search(r"\b(?:we|our)\b", c) and not re.search(r"\bwe (?:need|require|ask)|\byou\b|\bclient|\bcustomer|\bhost", c)]
    ours = book.memo["our_clauses"]
    return bool(items) and all(any(re.search(rf"\b{w}", c) for c in ours) for w in items)  # not "for rain we need a canopy"


def setup_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """Who brings what: an item one side provides, claimed for the other side."""
    whole = " ".join(sentences)
    if not (_WE_BRING.search(whole) or _YOU_NEED.search(whole) or _NOTHING.search(whole)):
        return []
    you_items, we_items, segs = _side_items(book)
    if not segs:
        return [make_claim(s, "setup", "unsupported", "no fact says what the business brings", ("setup", "x"))
                for s in sentences if (we := _WE_BRING.search(s)) and not negated(s) and not _named_in_facts(s[we.end():], book)]
    out = []
    for s in _with_lists(sentences):
        we, you = _WE_BRING.search(s), _YOU_NEED.search(s)
        we_part = _CONTRAST.split(s[we.end():you.start() if you and you.start() > we.end() else len(s)])[0] if we else ""
        you_part = _CONTRAST.split(s[you.end():we.start() if we and we.start() > you.end() else len(s)])[0] if you else ""
        we_part, you_part = _MORE_STAFF.sub(" ", we_part), _MORE_STAFF.sub(" ", you_part)  # "you'd need a second chef" is a booking
        we_said, you_said = _items(_FOR_WHAT.sub(" ", we_part)), _items(_FOR_WHAT.sub(" ", you_part))
        both = we_items & you_items  # "we bring a serving table; guests provide dining tables": a table is no side's alone
        if (you_items & we_said | we_items & you_said) - both:  # the facts' own "serving table" on the side the answer puts it
            both |= _named_alike(we_part, book, _FACT_WE)
        wrong = (you_items & we_said - both) or (we_items & you_said - both) or _NOTHING.search(s) and you_items
        novel = {w for w in (we_said & _EQUIPMENT) - we_items - you_items if not _named(w, book)} if we and we_items else set()
        if wrong:
            out.append(make_claim(s, "setup", "contradicted", f"contradicts {cite(segs[0])}", ("setup", "x")))
        elif novel and not negated(s):  # "our crew brings a pop-up canopy" when the facts list what the crew brings
            out.append(make_claim(s, "setup", "unsupported", f"the facts list what the business brings ({cite(segs[0])}), "
                                  f"not {', '.join(sorted(novel))}", ("setup", "novel")))
        elif we or you:
            out.append(make_claim(s, "setup", "supported", f"agrees with {cite(segs[0])}", ("setup", "ok")))
    return out


#: what the facts say the business does not bring: "We bring chafing dishes but not tents", "Drinks not provided"
_NOT_BROUGHT = (r"\b(?:we|the chef|the crew|our crew)\b[^.;]*?\b(?:bring|brings|provide|provides|supply|supplies)\b[^.;]*?\b(?:but|and) not (?P<a>[^.;]{3,40})|"
                r"\b(?:we|the chef|the crew)\s(?:do not|don'?t|does not|doesn'?t) (?:bring|provide|supply) (?P<b>[^.;]{3,40})|"
                r"(?:^|[.;:]\s*|\n)(?P<c>[a-z][a-z ,&/-]{2,40}?) (?:are |is )?not (?:provided|included|supplied)\b")
_WE_ALSO_BRING = Folded(r"\bwe(?:'ll| will| can)? (?:also |even |always )?(?:bring|provide|supply|set up)\b|"
                        r"\b(?:our|the) (?:chefs?|crew|team) (?:also )?(?:brings?|provides?|supplies|will bring)\b")


def not_brought_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"We also bring a cooler of sweet tea" when the facts say "Drinks not provided", "and a pop-up tent for shade" when
    they say "we bring chafing dishes but not tents": an item the facts say the business does not bring, said to be brought."""
    if "not_brought" not in book.memo:
        found = {}
        for key, seg in book.segments_with(_NOT_BROUGHT):
            for m in re.finditer(_NOT_BROUGHT, seg, _I):
                for item in _items(next(g for g in m.groups() if g)):
                    found.setdefault(item, (key, seg))
        book.memo["not_brought"] = found
    denied = book.memo["not_brought"]
    if not denied:
        return []
    out = []
    for s in sentences:
        if (we := _WE_ALSO_BRING.search(s)) and not negated(s[we.start():]):
            said = _items(_FOR_WHAT.sub(" ", _CONTRAST.split(s[we.end():])[0])) & set(denied)
            if said:
                item = sorted(said)[0]
                out.append(make_claim(s, "setup", "contradicted", f"the facts say the business does not bring {item} "
                                      f"({cite(denied[item])})", ("setup", "not_brought", item)))
    return out


_INCL = Folded(r"(\d+)\s?(\+\s)?(and|or|y|o|&)\s(under|younger|menos|menores)|(\d+)\s(años\s)?o menos")
_EXCL = Folded(r"\bunder[- ](\d+)s?\b|younger than (\d+)|menores de (\d+)|less than (\d+)")


def age_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Under 3" where the facts say "3 and under" (or the reverse) moves an age cut-off."""
    if "age" not in book.memo:
        book.memo["age"] = (
            {float(next(g for g in (m.group(1), m.group(5)) if g)) for t in book.facts.values() for m in _INCL.finditer(t)},
            {float(next(g for g in m.groups() if g)) for t in book.facts.values() for m in _EXCL.finditer(_INCL.sub(" ", t))})
    inclusive, exclusive = book.memo["age"]
    if not inclusive and not exclusive:
        return []
    out = []
    for s in sentences:
        for m in _INCL.finditer(s):
            n = float(next(g for g in (m.group(1), m.group(5)) if g))
            if n in exclusive and n not in inclusive:
                out.append(make_claim(s, "age", "contradicted", f"facts say 'under {int(n)}', not '{int(n)} and under'", ("age", n, "incl")))
            elif inclusive and n not in inclusive and n + 1 not in exclusive:
                cut = ", ".join(f"{int(x)} and under" for x in sorted(inclusive))
                out.append(make_claim(s, "age", "contradicted", f"no fact says '{int(n)} and under' (facts: {cut})", ("age", n, "incl")))
        for m in _EXCL.finditer(_INCL.sub(" ", s)):
            n = float(next(g for g in m.groups() if g))
            if n in inclusive and n not in exclusive:
                seg = book.segments_with(rf"\b{int(n)}\s?(\+\s)?(and|or) (under|younger)")
                out.append(make_claim(s, "age", "contradicted", f"facts say '{int(n)} and under' ({cite(seg[0]) if seg else ''})", ("age", n, "excl")))
    return out


_AT_BOOKING = Folded(r"\bdue (at|upon|on|when) (booking|you book|reserv)|\b(at|upon) (the time of )?booking\b|\bwhen you book\b|"
                     r"\bto (book|reserve|hold|secure)\b|\bal reservar\b")
_DUE_BEFORE_EVENT = Folded(r"\b(due|paid|pay|payable|collected|paga|pagas|abona|pagadero)\b[^.;]{0,30}\b(\d+) (days?|weeks?|d[ií]as|semanas) "
                           r"(before|prior to|ahead of|antes del?)\b")


def deposit_due_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A deposit the facts take at booking said to be due some days before the event (that day count
    is another rule, such as the refund cut-off)."""
    if "deposit_due" not in book.memo:
        book.memo["deposit_due"] = [(k, v) for k, v in book.segments if re.search(_DEPOSIT_WORD, f"{k} {v}", _I) and _AT_BOOKING.search(v)]
    segs = book.memo["deposit_due"]
    if not segs or not _DUE_BEFORE_EVENT.search(" ".join(sentences)):
        return []
    out = []
    for prev, s in zip([""] + sentences, sentences):  # "The deposit is $200. It's due 30 days before the event."
        if (re.search(r"deposit|dep[oó]sito", s, _I) or _IT.search(s) and re.search(r"deposit|dep[oó]sito", prev, _I) and
                not _AT_BOOKING.search(s)) and (m := _DUE_BEFORE_EVENT.search(s)) and \
                not re.search(r"\b(balance|remaining|rest|final|saldo|resto)\b", s[:m.end()], _I):
            out.append(make_claim(s, "policy", "contradicted", f"the deposit is due at booking ({cite(segs[0])})",
                                  ("deposit_due", m.group(2))))
    return out


_BALANCE = r"\b(?:balance|remaining|remainder|rest|final payment|saldo|resto|restante)\b"
_BALANCE_BEFORE = Folded(r"\b(\d+)\s?(hours?|hrs?|days?|weeks?|d[ií]as|horas|semanas)\b[^.;]{0,12}\b(?:before|prior|ahead|in advance|antes)\b|"
                         r"\b(?:at|upon|when you) (?:booking|book)\b")
_BALANCE_LATE = Folded(r"\b(?:on|at) the day\b|\bday of(?: the)?(?: event| party)?\b|\b(?:the )?same day\b|\bon[- ]site\b|"
                       r"\b(?:at|after) (?:the )?(?:event|party)\b|\bthe day after\b|\bwhen (?:the )?chef (?:finishes|arrives|leaves|is done)\b|"
                       r"\bmismo d[ií]a\b|\bd[ií]a del evento\b|\bal (?:final|terminar)\b|\bdespu[eé]s del evento\b|\ble jour m[eê]me\b")
_DUE = Folded(r"\b(?:due|paid|pay|payable|settle[sd]?|collected|owed|se paga|pagas?|se cobra|se abona)\b")


def balance_due_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A balance the facts want some days or hours before the event said to be due on the day or after it
    ("El resto se paga el mismo día del evento" when the balance is due 48 hours before)."""
    if "balance_due" not in book.memo:
        book.memo["balance_due"] = [(k, v) for k, v in book.segments
                                    if re.search(_BALANCE, f"{k} {v}", _I) and _DUE.search(v) and _BALANCE_BEFORE.search(v)
                                    and not _BALANCE_LATE.search(v)]
    segs = book.memo["balance_due"]
    out = []
    for s in sentences if segs else ():
        for clause in re.split(r"[;—–]|\bbut\b|\bpero\b|,\s(?=not\b|no\b|and\b|y\b)", s):
            if re.search(_BALANCE, clause, _I) and _DUE.search(clause) and (late := _BALANCE_LATE.search(clause)) and \
                    not negated(clause[:late.end()]) and not _BALANCE_BEFORE.search(clause) and not _HEDGE.search(clause) and \
                    not re.search(r"\btips?\b|\bgratuity\b|\bpropina\b|\bdeposit\b|\bdep[oó]sito\b", clause[:late.start()], _I):
                out.append(make_claim(s, "policy", "contradicted", f"the balance is due before the event ({cite(segs[0])})",
                                      ("balance_due", "late")))
                break
    return out


_RESCHED = r"reschedul\w*|\bmov(?:e|ing) (?:the|your|our) (?:date|party|event|booking)|\bdate (?:change|move)s?\b|\bchang(?:e|ing) (?:the|your) date|postpon\w*|reprogram\w*|cambiar (?:la|su|tu) fecha"
_FREE_MOVE = Folded(r"\bfree\b|\bno (?:extra |additional )?(?:charge|fee|cost)\b|\bat no (?:extra |additional )?(?:cost|charge)\b|\bwithout (?:a |any )?(?:fee|charge)\b|"
                    r"\bwon'?t cost\b|\bdoesn'?t cost\b|\bcosts? nothing\b|\bgratis\b|\bsin (?:costo|cargo)\b")
_WEATHER = re.compile(r"\brain|weather|storm|\bwind|lightning|\bwe (?:have to |need to )?cancel|on our (?:end|side)|lluvia|clima|tormenta", re.I)


_RULE_SAID = re.compile(r"\b(?:at least|or more|if|as long as|has to|have to|must|needs? to|requested|provided|only|cutoff|cut-off)\b|\d\s?\+", re.I)
_FREE_FROM = re.compile(r"\b(\d+)\s?\+\s?(days?|weeks?)|\b(?:at least|minimum of|min\.?)\s(\d+)\s(days?|weeks?)|\b(\d+)\s(days?|weeks?)(?:'|’)?\s?(?:notice\s)?or more", re.I)


def free_reschedule_claims(sentences: list[str], book: FactBook, question: str = "") -> list[Claim]:
    """A reschedule called free when the facts charge for every reschedule the customer can ask for
    ("Customer-requested reschedules: $50 fee"; free only when the business cancels for weather), or
    when the customer is inside the days a free one needs ("free if requested 14+ days before", 8 days out)."""
    if "resched_fee" not in book.memo:
        said = [(k, part) for k, v in book.segments for part in re.split(r"(?<=[.;])\s", v) if re.search(_RESCHED, f"{human_key(k)} {part}", _I)]
        free = [(k, p) for k, p in said if _FREE_MOVE.search(p) and not _WEATHER.search(p)]
        froms = [(float(g[0]) * (7 if g[1].lower().startswith("w") else 1), (k, p)) for k, p in free
                 for m in _FREE_FROM.finditer(re.split(r";|\bwithin\b|\binside\b", p, flags=re.I)[0]) for g in [[x for x in m.groups() if x]]]
        book.memo["resched_fee"] = ([] if free else [(k, p) for k, p in said if re.search(r"[$€£]\s?\d|\d\s?(?:€|£|usd|eur)", p, _I)],
                                    froms if len(froms) == len(free) else [])
    segs, froms = book.memo["resched_fee"]
    restated = froms and question
    if restated:  # the customer's own timing, from the question
        from .dates import days_until  # noqa: PLC0415 (dates imports this module)
        from .refunds import question_days  # noqa: PLC0415
        days = days_until(book, question) or ((d,) if (d := question_days(question)) is not None else ())
        segs = [seg for need, seg in froms if days and all(x < need for x in days)][:1] if days else []
    out = []
    for s in sentences if segs else ():
        for clause in BUT_CLAUSES.split(s):
            if re.search(_RESCHED, clause, _I) and (free := _FREE_MOVE.search(clause)) and not negated(clause[:free.start()][-30:]) and \
                    not _WEATHER.search(clause) and not _HEDGE.search(clause[:free.start()]) and not re.search(r"[$€£]\s?\d", clause) and \
                    not (restated and _RULE_SAID.search(clause)):  # "a free reschedule has to be requested 7+ days before" restates the rule
                out.append(make_claim(s, "policy", "contradicted", f"the facts charge for a reschedule ({cite(segs[0])})",
                                      ("reschedule", "free")))
                break
    return out


_OPTIONAL_CHARGE = re.compile(r"\b(?:discretionary|optional|voluntary)\b|\bcan (?:ask|request) (?:for )?(?:it|this|them) (?:to be )?(?:removed|taken off)\b|"
                              r"\b(?:can|may) be (?:removed|waived|declined|taken off)\b|\bnot (?:compulsory|mandatory|obligatory)\b", re.I)
_MANDATORY = Folded(r"\b(?:mandatory|compulsory|obligatory|non-?negotiable|non-?optional|required|obligatori[oa])\b|"
                    r"\b(?:can'?t|cannot|can not) be (?:removed|waived|declined|taken off)\b|\bnot optional\b")
_SERVICE_WORD = r"\bservice (?:charge|fee)\b|\bgratuity\b|\btips?\b|\bpropina\b|\bcargo por servicio\b"


def mandatory_charge_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A service charge the facts call discretionary ("you can ask for it to be removed") said to be mandatory."""
    if "optional_charge" not in book.memo:  # "tips optional" says nothing of a service charge
        book.memo["optional_charge"] = [(k, v) for k, v in book.segments_with(_SERVICE_WORD) if any(
            _OPTIONAL_CHARGE.search(c) and re.search(r"\bservice (?:charge|fee)|\bgratuity|\bit\b", c, _I) for c in re.split(r"[.;]\s|\n", v))]
    segs = book.memo["optional_charge"]
    out = []
    for s in sentences if segs else ():
        for clause in BUT_CLAUSES.split(s):
            if (m := _MANDATORY.search(clause)) and not negated(clause[:m.start()][-25:]) and \
                    (re.search(_SERVICE_WORD, clause, _I) or re.search(r"^\W*(?:and )?(?:it|it'?s|this|that)\b", clause[:m.start()], _I)
                     and re.search(_SERVICE_WORD, s, _I)):
                out.append(make_claim(s, "gratuity", "contradicted", f"the facts make it optional ({cite(segs[0])})", ("service", "mandatory")))
                break
    return out


_INGREDIENTS = {"egg": r"eggs?|huevos?", "dairy": r"dairy|butter|milk|cream|cheese|l[aá]cteos|mantequilla|leche",
                "gluten": r"gluten|wheat|trigo", "soy": r"soy(?:a)?(?! free)", "nut": r"(?:pea|tree[- ]?)?nuts?|man[ií]",
                "sesame": r"sesame|s[eé]samo", "shellfish": r"shellfish|shrimp|mariscos", "pork": r"pork|lard|cerdo"}
_CONTAINS = re.compile(r"\b(?:contains?|has|have|is made with|are made with|made with|is cooked (?:in|with)|are cooked (?:in|with)|includes?|lleva|contiene)\s+"
                       r"(?:\w+\s+)?(" + "|".join(_INGREDIENTS.values()) + r")\b", re.I)
_LACKS = {k: re.compile(rf"\b(?:{v})[- ]free\b|\b(?:no|without|sin|zero)\s+(?:\w+\s+)?(?:{v})\b|\b(?:free of|doesn'?t (?:contain|have)|does not (?:contain|have)|"
                        rf"don'?t (?:contain|have|use)|has no)\s+(?:\w+\s+)?(?:{v})\b", re.I) for k, v in _INGREDIENTS.items()}


_SAYS_NONE = {k: re.compile(rf"\b(?:no|without|sin)\s+(?:\w+\s+)?(?:{v})\b|\bdoesn'?t (?:contain|have)|\bdoes not (?:contain|have)|"
                            r"\bdon'?t (?:contain|have|use)", re.I) for k, v in _INGREDIENTS.items()}


def _kind(word: str) -> Optional[str]:
    return next((k for k, v in _INGREDIENTS.items() if re.fullmatch(v, word, re.I)), None)


def ingredient_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """A dish the facts say contains an ingredient called free of it: "the fried rice is egg-free" when
    "our fried rice contains egg" (unless the facts make it without on request)."""
    from .lexicon import find_foods  # noqa: PLC0415
    if "contains" not in book.memo:
        found = []
        for key, seg in book.segments_with(_CONTAINS.pattern):
            for m in _CONTAINS.finditer(seg):
                kind = _kind(m.group(1))
                dishes = {c for _, _, c in find_foods(re.split(r"[;,(—–]|\band\b", seg[:m.start()])[-1])}
                if kind and dishes and not any(_LACKS[kind].search(c) and {x for _, _, x in find_foods(c)} & dishes
                                               for _, other in book.segments for c in re.split(r"[.;]\s", other)):
                    found += [(dish, kind, (key, seg)) for dish in dishes]
        book.memo["contains"] = found
    out = []
    for dish, kind, seg in book.memo["contains"]:
        said = next((s for s in sentences for clause in re.split(r"[;—–]|\bbut\b|\bpero\b|,\s(?=and\b)", s)
                     if _LACKS[kind].search(clause) and dish in {c for _, _, c in find_foods(clause)}
                     and not negated(_SAYS_NONE[kind].sub(" ", clause))), None)  # "no egg" is the claim, not a denial
        if said:
            out.append(make_claim(said, "menu", "contradicted", f"the facts say {dish} contains {kind} ({cite(seg)})", ("ingredient", dish, kind)))
    return out


_PER_WEIGHT = r"(?:/\s?|\bper\s|\ba\s|\bby the\s)(?:lb|lbs|pound|kg|kilo|kilogram|oz|ounce)s?\b"
_PER_HEAD = re.compile(r"^\s*(?:/\s?|per\s|a\s|each\s)?(?:person|guest|head|plate|pp)\b|^\s*pp\b", re.I)


def per_weight_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Brisket is $28 per person" when the facts sell it at "$28/lb": a price by weight said per head."""
    if "per_weight" not in book.memo:
        by_weight, per_head = set(), set()
        for _, seg in book.segments:
            for m in DOLLARS.finditer(seg):
                v = float(m.group(1).replace(",", ""))
                after = seg[m.end():m.end() + 14]
                (by_weight if re.match(r"\s*" + _PER_WEIGHT, after, re.I) else per_head if _PER_HEAD.match(after) else set()).add(v)
        book.memo["per_weight"] = (by_weight - per_head, {k: v for k, v in book.segments_with(_PER_WEIGHT)})
    weights, segs = book.memo["per_weight"]
    out = []
    for s in sentences if weights else ():
        for m in DOLLARS.finditer(s):
            v = float(m.group(1).replace(",", ""))
            if v in weights and _PER_HEAD.match(s[m.end():m.end() + 14]):
                seg = next(iter(segs.items()))
                out.append(make_claim(s, "price", "contradicted", f"the facts sell it by weight at {money(v)} ({cite(seg)})", ("per_weight", v)))
                break
    return out


_TIMES_WORDS = {"once": 1, "one": 1, "a single": 1, "1": 1, "twice": 2, "two": 2, "2": 2, "three": 3, "3": 3, "thrice": 3}
_RESCHEDULE_COUNT = Folded(r"\b(one|a single|1|two|2|three|3)\s(?:free\s)?(?:reschedul\w*|date changes?|date moves?)|"
                           r"\breschedul\w*\s(?:\w+\s){0,5}?(once|twice|thrice|(?:one|two|three|1|2|3) times?)\b|"
                           r"\b(unlimited|as many times)\b[^.;]{0,20}reschedul|reschedul[^.;]{0,30}\b(unlimited|as many times)")


def _times(m: re.Match) -> Optional[float]:
    word = next(g for g in m.groups() if g).lower()
    if word in ("unlimited", "as many times"):
        return float("inf")
    return float(_TIMES_WORDS.get(word.split()[0], 0)) or None


def reschedule_count_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"You can reschedule up to twice" against "one free reschedule"."""
    if "reschedules" not in book.memo:
        book.memo["reschedules"] = [(k, v, _times(m)) for k, v in book.segments for m in [_RESCHEDULE_COUNT.search(v)] if m]
    facts = book.memo["reschedules"]
    allowed = {n for _, _, n in facts if n}
    if len(allowed) != 1 or not _RESCHEDULE_COUNT.search(" ".join(sentences)):
        return []
    out = []
    for s in sentences:
        m = _RESCHEDULE_COUNT.search(s)
        n = _times(m) if m else None
        if n and n not in allowed and not negated(s[:m.start()]):
            out.append(make_claim(s, "policy", "contradicted", f"the facts allow {min(allowed):g} ({cite(facts[0][:2])})",
                                  ("reschedules", n)))
    return out


# --- a percentage charge the facts add, said to be included ----------------------------------------
_CHARGES = (("service", r"service|servicio|serviço|gratuit|\btips?\b|propina"),
            ("tax", r"\btax|\bvat\b|\bgst\b|\bhst\b|\biva\b|impuesto|\bmoms\b|\bmwst"))
_ON_TOP = re.compile(r"\badded\b|\badd(?:s|itional)?\b|on top|\bextra\b|\bplus\b|not included|excluded|\bexcl\b|"
                    r"adicional|no incluid|se (?:suma|añade|agrega|cobra aparte)|aparte|en sus|\bmás\b", re.I)
_SAID_INCLUDED = {name: re.compile(rf"(?:{words})[^.!?;]{{0,40}}?\b(?:is|are|'s|est[aá]n?|ya|already|va|van|viene)\s+"
                                   r"(?:already\s+|ya\s+)?(?:included|incluid[oa]s?)\b", re.I) for name, words in _CHARGES}


def _charges_on_top(book: FactBook) -> dict[str, tuple[str, str]]:
    """Per charge the facts add on top ("10% de servicio adicional"), its first segment; once per fact book.
    "Automatically added to the invoice" is in the bill, so "already included" is right there."""
    if "on_top" not in book.memo:
        book.memo["on_top"] = {name: next(((k, s) for k, s in book.segments
                                           if "%" in s and re.search(words, f"{k} {s}", re.I) and _ON_TOP.search(s) and
                                           not re.search(r"\binclud|incluid|incluye|automatic|autom[aá]tic", s, re.I)), None)
                               for name, words in _CHARGES}
    return book.memo["on_top"]


def included_charge_claims(sentences: list[str], book: FactBook) -> list[Claim]:
    """"Service is already included, so S/ 550" when the facts add a 10% service charge on top."""
    out = []
    for name, seg in _charges_on_top(book).items():
        if seg is None:
            continue
        for s in sentences:
            m = _SAID_INCLUDED[name].search(s)
            if m and not s.rstrip().endswith("?") and not negated(s[:m.end()]) and not _ON_TOP.search(s):
                out.append(make_claim(s, "percent", "contradicted", f"the facts add it on top: {cite(seg)}", ("included", name)))
    return out
