"""Menu claims: items offered, items denied, paid extras claimed as included, the item asked about.

``food_claims`` and ``asked_item_claims`` guarantee: an item counts as offered only when a fact
names it (English and Spanish names map to one canonical item); saying an unlisted item is
*not* offered is a supported claim.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .claim import Claim
from .fold import Folded, guarded
from .lexicon import GENERIC_FOODS, find_foods, food_core, food_forms
from .policies import negated
from .text import CheckContext, sentence_at

_AVAILABLE = re.compile(r"\b(yes|available|offer|serve|can (prepare|cook|add|do|make)|include|option|upgrade|add|"
                        r"one of our|we have|podemos|ofrecemos|tenemos|claro|s[ií]|incluid)", re.I)
#: an instruction to record what the customer said (a CRM note, a lead summary), not a question to answer
_RECORDING = re.compile(r"\b(?:summari[sz]e|summary|write(?: it)? up|log (?:this|a|the|complaint)|add (?:a )?note|note for|registra|"
                        r"crm|record (?:this|the))\b", re.I)
_CONDITIONAL = re.compile(r"\?|\bif\b|as long as|\bunless\b|\bsi\b|\bskip", re.I)
_INCLUDED = guarded(r"\b(included|includes|include|comes? with|free|complimentary|no extra|at no (extra )?(charge|cost)|"
                       r"incluid[oa]s?|incluye|sin costo|gratis)\b", re.I)
_CUSTOMER_SIDE = re.compile(r"\byou(?:'ll| will|'d)? (?:just |only )?(?:need to )?(?:provide|bring|supply|need)\b|\b(?:are|is) (?:on you|yours|up to you)\b|"
                            r"\b(?:ustedes?|t[uú]) (?:pone|ponen|trae|traen)\b|\bpueden traer\b", re.I)
_BYO = re.compile(r"\bbyob?\b|\b(?:bring|supply|provide|have) (?:your|their) own\b|welcome to (?:bring|supply|provide|have)", re.I)
_UPGRADE_WORD = re.compile(r"upgrade|premium|extra\b|add-on|add on|additional|mejora|adicional", re.I)
_AVAILABILITY_VERB = re.compile(r"\b(have|offer|serve|carry|make|do|available|on (our|the) menu|option|tenemos|ofrecemos|servimos|"
                                r"disponible|men[uú]|hacemos|preparamos)\b", re.I)
_CLAUSE = re.compile(r",|;|—|–|\bbut\b|\bpero\b|\bhowever\b|\bsin embargo\b|"
                     r"\band (?=(?:we|i|they|there)\b)", re.I)  # "the mandu is pork & veggie and we don't have a vegan one"


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Words of lexicon foods: those items are judged by the lexicon check (with translations)."""
    return frozenset(w for form in food_forms() for w in (form.split() + [form.split()[-1].rstrip("s")]))


_DIETARY = frozenset("vegetarian vegan gluten dairy halal kosher keto pescatarian".split())
_CATEGORIES = frozenset("appetizer starter snack side dessert entree entrée main course beverage drink entrada postre".split())


#: "Yes!", "Yes to both!", "¡Claro!": a short opening yes that affirms the sentences after it
_YES_OPENER = re.compile(r"\W*(?:yes|yep|sure|absolutely|definitely|of course|certainly|s[ií]|claro|por supuesto)\b[^.!?]{0,20}[.!?]*\s*$", re.I)


def asked_item_claims(t: str, sents: list[str], ctx: CheckContext, flagged: set[str]) -> list[Claim]:
    """The item the customer asked about, even outside the lexicon: offering it needs a fact."""
    known = _lexicon_words()
    missing = {w for w in ctx.asked_words if w not in ctx.book.text and w not in known}
    out = []
    said_yes = False  # "Yes! Our birria tacos are a favorite": the opening yes affirms what follows
    for s in sents:
        low = s.lower()
        hit = next((w for w in sorted(missing) if re.search(rf"\b{re.escape(w)}", low)), None)
        if hit and (hit in _DIETARY or hit.rstrip("s") in _CATEGORIES) and any(c in ctx.book.foods for _, _, c in find_foods(s)):
            continue  # "tofu works for vegetarians", "our appetizer is edamame": a listed item the word describes
        if hit and not negated(s) and not (flagged & {hit}) and (said_yes and hit not in _DIETARY or _AVAILABLE.search(s) or
                                                                 re.search(rf"\b(?:our|nuestr[oa]s?)\s+(?:[\w-]+\s+){{0,2}}{re.escape(hit)}", low)):
            # "Our strawberry shortcake cupcake would be perfect": the business's own item
            out.append(Claim(s[:200], "menu", "unsupported", f"'{hit}' is not on the menu: no fact mentions it", ("menu", hit)))
        said_yes = said_yes or bool(_YES_OPENER.match(s)) and not hit
    return out



#: Dish words that turn a menu ingredient into a different dish ("chicken" → "chicken nuggets").
_DISH = re.compile(r"\s+(nuggets?|tenders?|fingers?|strips?|sliders?|skewers?|kebabs?|kabobs?|sandwich(?:es)?|wraps?|burritos?|"
                   r"quesadillas?|nachos|fries|bites|poppers|pasta|alfredo|parm(?:esan)?|curry|pot pies?|lollipops?|katsu|"
                   r"sushi rolls?|tacos?|pizza|burgers?|hot dogs?|mac and cheese|chili|stew|soup|ramen|pho)\b", re.I)


def _plain_included(canon: str, book) -> bool:
    """The item is named in a fact without any price ("every plate includes fried rice"), so a
    priced variant ("garlic butter fried rice upgrade +$3") does not make the plain item a paid extra."""
    key = ("plain", canon)
    if key not in book.memo:
        book.memo[key] = any(canon in {c for _, _, c in find_foods(seg)} and "$" not in seg for _, seg in book.segments)
    return book.memo[key]


def _dish_claims(t: str, start: int, end: int, canon: str, ctx: CheckContext) -> list[Claim]:
    """"Chicken nuggets" when the facts list chicken but no nuggets: an invented dish."""
    m = _DISH.match(t, end)
    if not m:
        return []
    dish = f"{t[start:end]} {m.group(1)}".lower()
    word = m.group(1).lower()
    forms = {word, word[:-1] if word.endswith("s") else word + "s", word[:-2] if word.endswith("es") else word}
    if find_foods(word) or any(re.search(rf"\b{re.escape(f)}\b", ctx.book.text) for f in forms):
        return []
    sent = sentence_at(t, start)
    if negated(sent):
        return [Claim(sent[:200], "menu", "supported", f"{dish} is correctly not offered", ("menu", dish, "not"))]
    return [Claim(sent[:200], "menu", "unsupported", f"{dish} is not on the menu: the facts list {canon} but no {m.group(1).lower()}",
                  ("menu", dish))]


# "b(?<!\wb)ut" is "\bbut": a pattern whose every branch begins with a letter lets ``re`` skip to those letters
_STRONG_BREAK = Folded(r";|\s[—–]\s|b(?<!\wb)ut\b|p(?<!\wp)ero\b|h(?<!\wh)owever\b|,\s*(?:and|so|y|which|while|since|because)\b")


def _item_clause(t: str, pos: int, sent: str) -> str:
    """The clause of ``sent`` holding ``pos``: a negation elsewhere in the sentence ("so he won't
    need red meat") does not deny the item; commas of a list do not end a clause."""
    base = t.find(sent) if sent in t else 0
    offset, left, right = pos - base, 0, len(sent)
    for m in _STRONG_BREAK.finditer(sent):
        if m.end() <= offset:
            left = m.end()
        elif m.start() >= offset:
            right = m.start()
            break
    return sent[left:right]


def food_claims(t: str, ctx: CheckContext) -> list[Claim]:
    out = []
    foods = find_foods(t)
    starts = {s for s, _, _ in foods}
    judged_to = -1  # end of a compound already judged as a whole: its head is no item of its own
    for start, end, canon in foods:
        if start < judged_to:
            continue
        if _FOOD_PEOPLE.match(t, end):  # "the sushi lovers in your group": people, not a dish offered
            continue
        dish = _dish_claims(t, start, end, canon, ctx)
        if dish:  # the claim is about the dish, not the ingredient
            out += dish
            continue
        sent = sentence_at(t, start)
        nxt = re.match(r"\s+", t[end:end + 3])
        if nxt and end + nxt.end() in starts:  # "lobster fried rice": a compound dish, judged as a whole
            compound_end = next(e for s, e, _ in foods if s == end + nxt.end())
            compound = t[start:compound_end].lower()
            if compound not in ctx.book.text and _denied(t, start, sent):
                out.append(Claim(sent[:200], "menu", "supported", f"{compound} is correctly not offered", ("menu", compound, "not")))
                judged_to = compound_end  # "Lobster pizza isn't on our menu": not a denial of the pizza the facts list
                continue
        if canon == "drinks" and _GENERIC_DRINK.fullmatch(t[start:end]) and (soft := _SOFT_DRINKS.search(ctx.book.text)):
            # "drinks (lemonade and iced tea)" when the facts sell lemonade and rule out only alcohol
            out.append(Claim(sent[:200], "menu", "supported", f"the facts list drinks ({soft.group()})", ("menu", canon)))
            continue
        offered = canon not in ctx.book.denied_foods and \
            (canon in ctx.book.foods or any(re.search(rf"(?<![^\W\d_]){re.escape(core)}(?:s|es)?(?![^\W\d_])", ctx.book.text) for core in food_core(canon)))
        priced = ctx.book.prices_for(canon)
        if offered and priced and _INCLUDED.search(sent) and not _UPGRADE_WORD.search(sent) and not negated(sent) \
                and not _plain_included(canon, ctx.book) \
                and "$" not in sent:
            p = priced[0]
            out.append(Claim(sent[:200], "menu", "contradicted", f"{canon} is a paid extra ({p.key}: {p.text})", ("menu", canon, "free")))
        elif offered and canon not in GENERIC_FOODS and (named := _unlisted_kind(t, start, end, ctx.book)):
            out.append(Claim(sent[:200], "menu", "supported", f"{named} is correctly not offered", ("menu", named, "not")))
        elif offered and canon not in GENERIC_FOODS and _denied(t, start, sent) and not _restricted(canon, sent, ctx.book):
            seg = next(iter(ctx.book.segments_with(r"|".join(food_core(canon)))), ("facts", canon))
            out.append(Claim(sent[:200], "menu", "contradicted", f"{canon} is offered ({seg[0]}: {seg[1]})", ("menu", canon, "not")))
        elif offered and _NOT_INCLUDED.search(_item_clause(t, start, sent)) and \
                (seg := next(iter(ctx.book.segments_with(rf"\b(?:includes?|included|comes? with|come with)\b[^.;]*\b(?:{'|'.join(map(re.escape, food_core(canon)))})")), None)) \
                and not ctx.book.prices_for(canon):
            out.append(Claim(sent[:200], "menu", "contradicted", f"{canon} is included ({seg[0]}: {seg[1]})", ("menu", canon, "included")))
        elif offered:
            out.append(Claim(sent[:200], "menu", "supported", f"{canon} appears in the facts", ("menu", canon)))
        elif negated(clause := _item_clause(t, start, sent)) or _or_any_after_denial(clause, sent):
            out.append(Claim(sent[:200], "menu", "supported", f"{canon} is correctly not offered", ("menu", canon, "not")))
        elif canon in ctx.question_foods and _CONDITIONAL.search(sent) and not _AVAILABLE.search(sent):
            continue
        elif canon in ctx.question_foods and _RECORDING.search(ctx.question) and not _AVAILABLE.search(clause) and \
                not re.match(r"\s*(?:[:(—–-]\s*)?(?:at\s+)?[$€£]\s?\d", t[end:]):  # no price of its own
            continue  # "summarize: Dave … wants brisket + sausage" → "Meats: brisket + sausage": the customer's words, recorded
        elif _CUSTOMER_SIDE.search(_item_clause(t, start, sent)) or \
                _BYO.search(_item_clause(t, start, sent)) and re.search(r"byob?\b|(?:bring|supply|provide) (?:your|their) own|corkage|descorche|traer", ctx.book.text):
            continue  # "You'll need to provide tables, chairs and drinks", "drinks are BYO": no menu claim
        elif canon in ctx.book.denied_foods and not _CONDITIONAL.search(_item_clause(t, start, sent)) and not _BYO.search(sent):
            seg = next(iter(ctx.book.segments_with(r"|".join(re.escape(c) for c in food_core(canon)))), ("facts", canon))
            out.append(Claim(sent[:200], "menu", "contradicted", f"the facts rule out {t[start:end].lower()} ({seg[0]}: {seg[1]})",
                             ("menu", canon)))
        elif (listed := _described_dish(t, end, ctx.book)):
            out.append(Claim(sent[:200], "menu", "supported", f"the {t[start:end].lower()} dish named is {listed}, which the facts list",
                             ("menu", listed)))
        else:
            out.append(Claim(sent[:200], "menu", "unsupported", f"{canon} is not on the menu: no fact mentions it", ("menu", canon)))
    return out


_DISH_IS = re.compile(r"\s+(?:dish|option|course|plate|main|entr[ée]e|item|choice|one)\s+(?:is|would be|will be|'s|=|:)\s+(?:the\s+|our\s+)?"
                      r"([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})", re.I)


def _described_dish(t: str, end: int, book) -> str:
    """"The pork dish is the secreto ibérico": a kind of food naming an item of the facts' list (whose
    name the food vocabulary does not know), not an item of its own. Empty when it names none."""
    m = _DISH_IS.match(t, end)
    if not m:
        return ""
    words = m.group(1).lower().split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if len(name) >= 4 and re.search(rf"(?:^|[:,;(]\s*|\band\s)\s*{re.escape(name)}(?=\s*[,;.)]|\s+and\b|$)", book.text):  # a list item
            return name
    return ""


_NAMED_KIND = re.compile(r"(?:^|[.!?;:,—–(]\s*|\b(?:a|an|the|no|any|so|but|and|sorry,?)\s+)([A-Za-zÀ-ÿ][\w'-]*)\s+$", re.I)
_DENIED_AFTER = re.compile(r"\s*(?:s|es)?\s+(?:isn'?t|is not|aren'?t|are not|isn’t|aren’t|no (?:est[áa]n?|es)|is no longer|are no longer)\b", re.I)


def _unlisted_kind(t: str, start: int, end: int, book) -> str:
    """"Hawaiian pizza isn't on our menu" when the facts list other pizzas: the named kind, which
    no fact names, is what is denied. Empty when the item is not a kind the facts leave out."""
    m = _NAMED_KIND.search(t[max(0, start - 40):start])
    if not m or not _DENIED_AFTER.match(t, end):
        return ""
    word = m.group(1).lower()
    if len(word) < 3 or word in book.text or word in _lexicon_words():
        return ""
    return f"{word} {t[start:end].lower()}"


_GENERIC_DRINK = re.compile(r"drinks?|beverages?|bebidas?", re.I)
_SOFT_DRINKS = re.compile(r"\b(?:lemonade|iced tea|sweet tea|tea|sodas?|soft drinks|juices?|agua fresca|horchata|punch|coffee|"
                          r"smoothies?|lassi|refrescos?|limonada|bottled water)\b", re.I)


def _or_any_after_denial(clause: str, sent: str) -> bool:
    """"We don't bring sake — or any alcohol — to events": the denial carries over to "or any …"."""
    at = sent.find(clause)
    return at > 0 and bool(re.match(r"\W*(?:or|nor|ni|o)\s+(?:any|other|ning[uú]n\w*)\b", clause, re.I)) and negated(sent[:at])


_FOOD_PEOPLE = re.compile(r"[\s-]+(?:lovers?|fans?|eaters?|enthusiasts?|fanatics?|aficionados?)\b", re.I)
_NOT_INCLUDED = guarded(r"\b(?:is|are)(?: not|n't) (?:included|part of (?:the|our|your) (?:package|plates?|meal|dinner))|"
                           r"\bnot included\b|\bdoes(?: not|n't) (?:include|come with)|\bdon'?t (?:include|come with)|no (?:est[aá]|vienen?) incluid", re.I)
_UNSURE = re.compile(r"\b(?:don'?t|do not) have (?:any |the |all the )?(?:details?|info(?:rmation)?|specifics?)\b|"
                     r"\b(?:don'?t|do not) know (?:whether|if)\b|\bnot sure\b|\bcan'?t (?:confirm|promise|say)\b|\bno (?:details?|info(?:rmation)?) on\b", re.I)


_WHEN = re.compile(r"\b(?:on|during|over|for|in|until|till|after|before)\s+(?:the\s+)?(?:holidays?|weekends?|weekdays?|sundays?|saturdays?|"
                   r"fridays?|summer|winter|fall|autumn|spring|kids|children|\w+ events?|\w+ parties|now)\b|\bright now\b|\bseasonal", re.I)


def _restricted(canon: str, sent: str, book) -> bool:
    """"Lobster tail +$15 (not available on holidays)" when the facts say "no lobster on holidays": a denial
    with the facts' own condition."""
    when = {w.rstrip("s").lower() for m in _WHEN.finditer(sent) for w in re.findall(r"[a-z]{3,}", m.group(), re.I)} - {"the", "during", "over", "for",
                                                                                                                       "until", "till", "after", "before"}
    core = "|".join(re.escape(c) for c in food_core(canon))
    return bool(when) and any(w in seg.lower() for _, seg in book.segments_with(
        rf"\b(?:no|not|sin)\b[^.;,()]{{0,20}}\b(?:{core})|(?:{core})[^.;]{{0,40}}\b(?:not available|unavailable|sold out|seasonal)") for w in when)


def _denied(t: str, pos: int, sent: str) -> bool:
    """The clause holding ``pos`` says the item is not offered ("we don't have X", "X isn't on the menu")."""
    start = t.find(sent) if sent in t else 0
    offset = pos - start
    clauses, at = _CLAUSE.split(sent), 0
    for clause in clauses:
        at = sent.find(clause, at)
        if at <= offset <= at + len(clause):
            return negated(clause) and bool(_AVAILABILITY_VERB.search(clause)) and not _UNSURE.search(clause)
    return False


_NO_DIET = guarded(r"\b(?:no|not any|don'?t (?:have|offer|serve) any|do not (?:have|offer|serve) any|don'?t (?:have|offer|serve)|"
                      r"do not (?:have|offer|serve)|no tenemos|não temos)\s+(?:\w+\s+)?(vegetarian|veggie|meatless|vegetarian[ao]s?)\b|"
                      r"\b(?:vegetarian|veggie|meatless)(?: food| options?| dishes| plates?| meals?)? (?:is|are)(?:n'?t| not) (?:on (?:our|the) menu|available|offered|something we)",
                      re.I)
_VEG_FACT = re.compile(r"\b(?:tofu|vegetarian|veggie|vegetable (?:plate|option|entr[ée]e)|meatless|vegetarian[ao])\b", re.I)


def diet_denial_claims(sentences: list[str], ctx: CheckContext) -> list[Claim]:
    """"Sorry, we have no vegetarian options" while the menu lists tofu or a vegetarian plate."""
    out = []
    for s in sentences:
        if _NO_DIET.search(s) and (seg := next(iter(ctx.book.segments_with(_VEG_FACT.pattern)), None)) and \
                not re.search(r"\bnot vegetarian\b|\bno (?:vegetarian|veggie)\b", seg[1], re.I):
            out.append(Claim(s[:200], "menu", "contradicted", f"the facts offer a vegetarian choice ({seg[0]}: {seg[1]})",
                             ("menu", "vegetarian", "not")))
    return out
