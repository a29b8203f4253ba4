"""Does a question need a person? Is it a prompt injection?

``needs_human(question, book)`` returns the sorted reasons a person must take over (empty when
none): ``refund``, ``complaint``, ``damage``, ``allergy_guarantee``, ``insurance``,
``price_override``. A policy question ("do we get our deposit back if we cancel?") is not a
refund request. ``is_injection(question)`` says whether the text tries to re-instruct the
assistant. Both are pure and deterministic, English and Spanish.
"""

from __future__ import annotations

import re

from .facts import FactBook
from .lexicon import find_foods, find_subjects, food_core
from .mentions import mentions

_I = re.I
_REFUND = re.compile(r"\brefund|money back|reimburs|reembols|devoluci[oó]n|devuelvan|chargeback|compensat|"
                     r"\b(deposit|payment|money|dep[oó]sito|dinero)\b[^.?!]{0,12}\bback\b|"
                     r"\b(get|have|want|need)\s+(it|that|this)\s+back\b|recuperar (mi|el|nuestro) (dep[oó]sito|dinero)", _I)
_POLICY_ASK = re.compile(r"\bcancel|cancelaci[oó]n|cancelar|refundable|reembolsable|\bif\b|\bpolicy|pol[ií]tica|\bsi\b", _I)
_DEMAND = re.compile(r"\b(i|we) (want|expect|demand|need|deserve|am owed|are owed)|give (me|us)|refund (me|us|my|our)|money back|"
                     r"(can|could) (i|we) (get|have) (a|my|our) (full )?refund|(can|could|may) (i|we) (still )?(get|have) (my|our|the|it|that)\b|"
                     r"\banyway\b|\bemergency|emergencia|puedo recuperar|"
                     r"i'?d like|requesting|quiero|exijo|exigimos|merecemos|devu[eé]lvan|"
    r"confirm (my|our|the|a) (full )?(\$?[\d,.]+ )?(refund|deposit)|process (my|our|the) refund", _I)
_COMPLAINT = re.compile(
    r"\b(i|we)\b[^.?!]{0,30}\b(complain|file a complaint|make a complaint)|\b(my|our|a) complaint|quiero (presentar|poner|hacer) una queja|"
    r"\bquejarme|reclamo|\brude\b|grosero|unacceptable|inaceptable|disappoint|decepcion|terrible|awful|horrible"
    r"|not happy|unhappy|upset|angry|furious|dissatisfied|not satisfied|(poor|bad|lousy) service|insatisfech|molest"
    r"|(was|were|showed up|arrived|came|got there|an hour|minutes|hours) (\w+ )?late\b|lleg[oó] tarde"
    r"|(was|were|came out|arrived|served|got) (\w+ )?cold\b|cold food|comida (estaba )?fr[ií]a"
    r"|never showed|no[- ]show|didn'?t show|argued|inappropriate|unprofessional"
    r"|food poisoning|got sick|got there at|showed up|ruined|worst", _I)
_DEPOSIT_LATER = re.compile(r"(pay|skip|defer|postpone|delay)\b[^.?!]{0,15}\bdeposit\b[^.?!]{0,15}\b(later|after|at the event|on the day)|"
                            r"without (paying )?(a |the )?deposit|pagar el dep[oó]sito (despu[eé]s|m[aá]s tarde)", _I)
_DAMAGE = re.compile(r"damag|scorch|burn marks?|burn(ed|t) (our|my|the|a) |\bburn(ed|t)? (a )?holes?|\bholes? in\b|\bdent(ed|s)?\b|"
                     r"\bcrack(ed|s)?\b|who'?s (covering|paying)( for)? (that|this|it|the (repair|damage|cost))|"
                     r"who (will |is going to )?(pay|cover)s? (for )?(the )?(repair|damage|that|this|it)\b|\bstain(s|ed)?\b|\bbroke(n)?\b|\brepair|"
                     r"scratch(ed|es)\b|\bda[ñn]o|da[ñn]aron|quem[oó]|manch|"
                     r"\binjur|\bhurt\b|burn(ed|t) (him|her|me|us|them|my|our)\b|\bvet(erinary)? bill|hospital|medical bills?|\bER\b|"
                     r"stitches|\bwill you (cover|pay)\b|herid|lastim|veterinari", _I)
_ALLERGY = re.compile(r"allerg|alerg|anaphyla|celiac|cel[ií]ac|gluten|epipen|peanut|tree[- ]nut|cacahuate|man[ií]\b|nuez|"
                      r"shellfish allergy|lactose|diabet|pregnan|embarazad|medical|m[ée]dic", _I)
_GUARANTEE_ASK = re.compile(r"guarant|promise|ensure|assure|100\s?%|zero|completely|totally|entirely|certain|safe\b|"
                            r"garantiz|prometer|asegurar|seguro de que|sin riesgo|no cross", _I)
_INSURANCE = re.compile(r"insurance|insured|\bcoi\b|liability|certificado de seguro|p[oó]liza", _I)
_OVERRIDE = re.compile(
    r"discount|descuento|rebaja|\bwaive|exempt|exento|% off|percent off|price match|(make|do|go|it|any) cheaper|lower (the |your )?price|"
    r"reduce (the |your )?price|drop the price|special (price|rate|pricing)|instead of your (regular|normal|usual)|"
    r"no deposit|without (a |the )?deposit|sin dep[oó]sito|no minimum|without (a |the )?minimum|sin m[ií]nimo|"
    r"for free|free of charge|gratis|on the house|comp (it|us)|match (a|their) (quote|price)|"
    r"(gratuity|service charge|travel fee|fee|deposit|minimum) (is |has been )?(disabled|removed|waived|dropped|cancell?ed)|"
    r"(remove|drop|skip|cancel) (the |my |our )?(gratuity|service charge|travel fee|fee|deposit|minimum)", _I)
_PRICE_ASK = re.compile(r"can you do|could you do|drop|quote|charge (us|me)|make it|instead|lower|reduce|"
                        r"confirm|required to|must|only pay|pay only|cobrar|cobren", _I)
_INJECTION = re.compile(
    r"ignore (all |any |your |the |previous |prior |everything|above)|disregard|forget (your|all|previous)|"
    r"\bsystem\s?(:|note|update|message|prompt|override)|<<\s*\w+\s*>>|#{2,}\s*(instruction|admin|system|override|developer)|"
    r"\[\s*(system|admin|override|developer|assistant|instructions?|policy update|note to)[^\]]*\]|"
    r"\b(assistant|bot|ai)?\s?(instructions?|rules?|prompt|policy) (have |has |were |was |are |is )?(been )?(updated|changed|overridden)|"
    r"you are now|owner mode|admin mode|pretend (you|to be)|act as (the )?(owner|admin)|"
    r"developer mode|new rule|reply with|respond with|print (your )?(hidden )?(instructions|prompt)|hidden instructions|"
    r"jailbreak|ignora (tus|las|todo)|olvida (tus|las)|instrucciones ocultas|modo (due[ñn]o|administrador)|"
    r"</?\s*(context|system|instructions?|facts)\s*>|note (to|for) (the )?(assistant|bot|ai|chatbot)|"
    r"(message|instructions?) (to|for) (the )?(assistant|bot|ai)|\bfrom (the )?management\s?:|"
    r"(pricing|prices?|policy|policies|menu) (updated|changed|effective today)|updated (pricing|prices|policy)( effective)?", _I)
_GIVE_FREE = re.compile(r"(makes?|gives?|throw in|include|comp)\b.{0,30}\b(free|gratis)|free (for us|this time)", _I)
_FREE_ITEM = re.compile(r"\bfree\b|complimentary|no (extra )?charge|gratis|sin costo", _I)


def is_injection(question: str) -> bool:
    """True when the question tries to override the assistant's instructions or facts."""
    return bool(_INJECTION.search(question))


def needs_human(question: str, book: FactBook) -> tuple[str, ...]:
    """Sorted reasons a person must handle ``question`` (see module docstring)."""
    q = question
    reasons = set()
    complaint = bool(_COMPLAINT.search(q))
    conditional = re.search(r"\bif\b|\bsi\b|\bpolicy\b|pol[ií]tica|\bwhat happens\b", q, re.I)
    if any(complaint or (_DEMAND.search(q[max(0, m.start() - 50):m.end() + 15]) and (not conditional or is_injection(q)))
           for m in _REFUND.finditer(q)):
        reasons.add("refund")
    if complaint and not _is_policy_question(q):
        reasons.add("complaint")
    if _DAMAGE.search(q):
        reasons.add("damage")
    if _ALLERGY.search(q) and _GUARANTEE_ASK.search(q):
        reasons.add("allergy_guarantee")
    if _INSURANCE.search(q):
        reasons.add("insurance")
    if _asks_override(q, book) or _DEPOSIT_LATER.search(q):
        reasons.add("price_override")
    return tuple(sorted(reasons))


def _is_policy_question(q: str) -> bool:
    """"What if the chef is late?" asks about a policy; it does not report a problem."""
    return bool(re.match(r"\s*(what if|what happens if|if the|qu[eé] pasa si)", q, re.I))


def _asks_override(q: str, book: FactBook) -> bool:
    if _OVERRIDE.search(q) and not _free_unpriced_only(q, book):
        return True
    if _FREE_ITEM.search(q) and (is_injection(q) or _GIVE_FREE.search(q)) and not _free_unpriced_only(q, book):
        return True
    text, found = mentions(q)
    fact_money = book.values("money")
    proposed = [m for m in found if m.kind == "money" and m.value not in fact_money]
    return bool(proposed) and bool(_PRICE_ASK.search(q) or is_injection(q))


def _free_unpriced_only(q: str, book: FactBook) -> bool:
    """A "free X" where X has no price in the facts asks to change the menu, not a price."""
    if not _FREE_ITEM.search(q) or re.search(r"discount|descuento|waive|exempt|% off|deposit|minimum|price", q, re.I):
        return False
    if not re.search(r"for free|free of charge|gratis|\bfree\b", q, re.I):
        return False
    priced = {w for p in book.priced for w in (p.subject, *food_core(p.subject))}
    named = {c for _, _, c in find_foods(q)} | {s for _, _, s in find_subjects(q)}
    cores = {w for c in named for w in (c, *food_core(c))}
    return bool(named) and not (cores & priced)
