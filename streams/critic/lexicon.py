"""Domain vocabulary: food items and priced subjects in English and Spanish.

This is general catering vocabulary, not any one business's menu: whether an item is *offered*
is always decided by the facts. ``FOODS`` maps a surface form to a canonical English name;
``SUBJECTS`` maps a surface form to the priced subject it names (adult price, kid price, ...).
Surface forms are lower-case and matched on word boundaries, longest first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import guarded, lower

#: guests too young to be counted by age ("2 toddlers", "the babies"); a regular-expression alternation
#: items whose name covers several things ("no alcohol" denies no soft drinks; "we don't do dessert" leaves the menu's fruit)
GENERIC_FOODS = frozenset({"vegetables", "noodles", "salad", "fried rice", "dessert", "drinks", "mushrooms", "white fish"})
YOUNG_NOUNS = r"toddlers?|babies|baby|infants?|little ones|beb[eé]s?"
#: a third age tier's words ("Teens 13–17: $36", "4 teens"): a priced subject and a count
TEEN_FORMS = ("teen", "teens", "teenager", "teenagers", "adolescente", "adolescentes")

# canonical -> surface forms (English and Spanish). The canonical name itself is always a form.
_FOOD_FORMS: dict[str, tuple[str, ...]] = {
    "wagyu": ("wagyu", "wagyu steak", "wagyu beef", "bistec wagyu", "carne wagyu"),
    "kobe beef": ("kobe", "kobe beef"),
    "lobster tail": ("lobster tail", "lobster tails", "cola de langosta", "colas de langosta", "queue de homard", "queues de homard", "cauda de lagosta"),
    "lobster": ("lobster", "langosta", "homard", "lagosta", "hummer"),
    "crab legs": ("crab legs", "crab", "king crab", "patas de cangrejo", "cangrejo"),
    "oysters": ("oysters", "oyster", "ostras", "ostiones"),
    "eel": ("eel", "unagi", "anguila"),
    "duck": ("duck", "pato"),
    "lamb chops": ("lamb chops", "lamb", "chuletas de cordero", "cordero"),
    "pork belly": ("pork belly", "panceta", "samgyupsal", "samgyeopsal"),
    "pork": ("pork", "cerdo", "puerco"),  # a meat, not a cut: "spicy pork bulgogi" offers no pork belly
    "tempura": ("tempura",),
    "sushi": ("sushi", "sashimi", "california roll", "california rolls", "sushi roll", "sushi rolls", "maki", "nigiri"),
    "tuna": ("tuna", "atún", "atun"),
    "octopus": ("octopus", "pulpo", "polvo", "poulpe"),
    "broccoli": ("broccoli", "brócoli", "brocoli", "brócolis"),
    "carrots": ("carrots", "carrot", "zanahoria", "zanahorias", "carottes", "cenouras"),
    "asparagus": ("asparagus", "espárragos", "esparragos", "asperges"),
    "ranch dressing": ("ranch dressing", "ranch"),
    "veal": ("veal", "ternera"),
    "bison": ("bison",),
    "venison": ("venison", "venado"),
    "quail": ("quail", "codorniz"),
    "turkey": ("turkey", "pavo"),
    "mussels": ("mussels", "mejillones"),
    "clams": ("clams", "almejas"),
    "ribeye": ("ribeye", "rib eye", "rib-eye"),
    "halibut": ("halibut",),
    "sea bass": ("sea bass", "chilean sea bass", "lubina"),
    "mahi mahi": ("mahi mahi", "mahi-mahi"),
    "swordfish": ("swordfish", "pez espada"),
    "scallops": ("scallops", "scallop", "vieiras", "vieira", "pétoncles", "pétoncle", "saint-jacques", "jakobsmuscheln"),
    "shrimp": ("shrimp", "prawns", "camarones", "camarón", "gambas", "crevettes", "crevette", "camarão", "camarões", "garnelen"),
    "salmon": ("salmon", "salmón", "saumon", "salmão", "lachs"),
    "chicken": ("chicken", "pollo", "poulet", "frango", "hähnchen", "huhn"),
    "tofu": ("tofu",),
    "calamari": ("calamari", "squid", "calamares", "calamar"),
    "filet mignon": ("filet mignon", "filete mignon", "fillet mignon"),
    "sirloin steak": ("sirloin steak", "sirloin", "bistec de solomillo", "solomillo"),
    "ny strip steak": ("ny strip steak", "ny strip", "new york strip", "bistec new york", "bistec ny"),
    "vegetables": ("vegetables", "veggies", "verduras", "vegetales", "légumes", "legumes", "gemüse"),
    "fried rice": ("fried rice", "garlic fried rice", "arroz frito", "riz frit", "gebratener reis"),
    "yakisoba noodles": ("yakisoba noodles", "yakisoba", "fideos yakisoba"),
    "gyoza": ("gyoza", "dumplings"),
    "edamame": ("edamame",),
    "miso soup": ("miso soup", "sopa de miso", "soupe miso", "sopa miso", "misosuppe"),
    "salad": ("salad", "house salad", "side salad", "ensalada", "salade", "salada", "salat"),
    "spring rolls": ("spring rolls", "egg rolls", "rollitos"),
    "mushrooms": ("mushrooms", "mushroom", "portobello", "shiitake", "champiñones", "hongos"),
    "noodles": ("noodles", "udon", "ramen", "lo mein", "fideos", "nouilles", "nudeln", "macarrão"),
    "ribs": ("ribs", "short ribs", "short rib", "rib", "costillas"),
    "yellowtail": ("yellowtail", "hamachi"),
    "chicken wings": ("chicken wings", "wings", "alitas"),
    "pork chops": ("pork chops", "pork chop"),
    "brisket": ("brisket",),
    "sausage": ("sausage", "sausages", "salchicha"),
    "bacon": ("bacon", "tocino"),
    "hot dogs": ("hot dogs", "hot dog"),
    "burgers": ("burgers", "burger", "hamburguesas"),
    "pizza": ("pizza",),
    "tacos": ("tacos",),
    "dessert": ("dessert", "desserts", "cake", "postre", "postres", "sobremesa", "nachtisch"),
    "drinks": ("sake", "wine", "beer", "cocktails", "open bar", "alcohol", "vino", "cerveza"),
    "white fish": ("white fish", "cod", "tilapia"),
    "creme brulee": ("crème brûlée", "creme brulee", "crème brulée", "creme brûlée"),
    "mochi": ("mochi", "mochi ice cream"),
    "cheesecake": ("cheesecake", "cheese cake"),
    "ice cream": ("ice cream", "helado", "tempura ice cream", "green tea ice cream"),
}

# canonical -> words that must appear in the facts for the item to count as offered
_FOOD_CORE: dict[str, tuple[str, ...]] = {
    "lobster tail": ("lobster",), "crab legs": ("crab",), "lamb chops": ("lamb",),
    "pork belly": ("pork belly", "panceta", "samgyupsal", "samgyeopsal"), "pork chops": ("pork",), "chicken wings": ("wing",), "sirloin steak": ("sirloin",), "ny strip steak": ("strip",),
    "kobe beef": ("kobe",), "sea bass": ("bass",), "mahi mahi": ("mahi",),
    "yakisoba noodles": ("yakisoba",), "fried rice": ("rice",), "miso soup": ("miso",),
    "filet mignon": ("filet",), "spring rolls": ("roll",), "oysters": ("oyster",),
    "scallops": ("scallop",), "mussels": ("mussel",), "clams": ("clam",),
    "vegetables": ("vegetable", "zucchini", "veggie", "veg"),
    "mushrooms": ("mushroom", "portobello", "shiitake"), "noodles": ("noodle", "udon", "ramen", "yakisoba"),
    "dessert": ("dessert", "sorbet", "ice cream", "mochi", "cake", "flan", "postre", "cheesecake", "tiramisu", "brownie", "cookie", "pie"), "drinks": ("sake", "wine", "beer", "drink", "beverage", "alcohol"),
    "white fish": ("cod", "tilapia", "white fish"),
    "ice cream": ("ice cream", "helado"), "creme brulee": ("brulee", "brûlée"), "cheesecake": ("cheesecake", "cheese cake"),
}

_SUBJECT_FORMS: dict[str, tuple[str, ...]] = {
    "adult": ("adult", "adults", "grown-up", "grown-ups", "grownup", "adulto", "adultos", "adulte", "adultes", "erwachsene", "erwachsener"),
    "kid": ("kid", "kids", "kid's", "kids'", "child", "children", "children's", "niño", "niños",
            "niña", "niñas", "menores", "little ones", "toddler", "toddlers", "infant", "infants", "baby", "babies", "bebé", "bebés", "enfant", "enfants", "criança", "crianças", "kinder", "keiki", "bambini", "bambino", "kinderen"),
    "teen": TEEN_FORMS,
    "minimum": ("minimum", "minimums", "food minimum", "minimum spend", "mínimo", "minimo",
                "consumo mínimo"),
    "deposit": ("deposit", "deposits", "depósito", "deposito", "anticipo", "acompte", "dépôt", "dépôts", "anzahlung", "sinal"),
    "travel": ("travel", "travel fee", "mile", "miles", "km", "traslado", "milla", "millas", "déplacement", "anfahrt", "deslocamento"),
    "chef": ("second chef", "extra chef", "extra chefs", "additional chef", "additional chefs", "another chef",
             "second chefs", "segundo chef", "chef adicional", "chefs adicionales"),
    "service": ("service charge", "gratuity", "tip", "tips", "propina", "cargo por servicio", "pourboire", "trinkgeld", "gorjeta", "servicegebühr", "taxa de serviço", "frais de service"),
}


@lru_cache(maxsize=1)
def food_forms() -> dict[str, str]:
    """Surface form -> canonical food name."""
    return {form: canon for canon, forms in _FOOD_FORMS.items() for form in (canon, *forms)}


#: canonical food -> the words that name it on their own in a fact's label ("filet" in "Add filet for $11")
FOOD_CORES = {canon: frozenset(cores) for canon, cores in _FOOD_CORE.items() if canon not in ("vegetables", "dessert", "drinks", "noodles",
                                                                                           "mushrooms", "white fish")}


def food_core(canonical: str) -> tuple[str, ...]:
    """Words whose presence in the facts shows ``canonical`` is a known item."""
    return _FOOD_CORE.get(canonical, (canonical.split()[0].rstrip("s"),))


@lru_cache(maxsize=1)
def subject_forms() -> dict[str, str]:
    """Surface form -> priced subject (adult, kid, minimum, deposit, travel, chef, service, or a food)."""
    out = {form: canon for canon, forms in _SUBJECT_FORMS.items() for form in forms}
    for form, canon in food_forms().items():
        out.setdefault(form, canon)
    return out


_TOKEN = re.compile(r"[\wÀ-ÿ][\wÀ-ÿ'-]*")


@lru_cache(maxsize=2)
def _index(kind: str) -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """Forms and, per first word, the form lengths in words (longest first)."""
    forms = food_forms() if kind == "food" else subject_forms()
    firsts: dict[str, set[int]] = {}
    for form in forms:
        words = form.split()
        firsts.setdefault(words[0], set()).add(len(words))
    return forms, {w: tuple(sorted(ns, reverse=True)) for w, ns in firsts.items()}


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) for every word of ``text``; cached."""
    return tuple([(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(lower(text))])


def _longest_matches(text: str, kind: str) -> tuple[tuple[int, int, str], ...]:
    """Word n-grams of ``text`` that are forms, longest first, left to right."""
    forms, firsts = _index(kind)
    toks = tokens(text)
    out, i = [], 0
    while i < len(toks):
        word = toks[i][2]
        lengths = firsts.get(word) or firsts.get(word.rstrip("'")) or ()
        step = 1
        for n in lengths:
            phrase = " ".join(t[2] for t in toks[i:i + n]) if n > 1 else word
            hit = forms.get(phrase) or (forms.get(phrase.rstrip("'")) if n == 1 else None)
            if hit and i + n <= len(toks):
                out.append((toks[i][0], toks[i + n - 1][1], hit))
                step = n
                break
        i += step
    return tuple(out)


@lru_cache(maxsize=4096)
def find_foods(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical) for every food form in ``text``, longest match first, left to right."""
    return _longest_matches(text, "food")


@lru_cache(maxsize=4096)
def find_subjects(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, subject) for every priced-subject form in ``text``."""
    return _longest_matches(text, "subject")


_ASKED = guarded(
    r"(?:do (?:you|u|ya|y'?all)(?: guys| all)?|does (?:your|the) \w+(?: \w+)?|can (?:you|u)|could you|can the chef|could the chef|would it be possible to|is it possible to)\s+"
    r"(?:\w+\s+)?(?:offer|have|serve|do|make|cook|prepare|include|get|carry)\s+(?:any\s+|some\s+)?(?P<a>[a-zà-ÿ][a-zà-ÿ -]{2,30}?)"
    r"(?=\s*(?:\?|$|,|\.|\b(?:for|at|as|on|in|too)\b))"
    r"|\bis (?P<b>[a-zà-ÿ][a-zà-ÿ -]{2,30}?) (?:one of|on (?:the|your) menu|available|something you|an option|part of|included in)"
    r"|\b(?:can|could|may) (?:we|i) (?:get|have|order|add)\s+(?:a |an |some |the )?(?P<d>[a-zà-ÿ][a-zà-ÿ -]{2,30}?)"
    r"(?=\s*(?:\?|$|,|\.|\b(?:for|at|as|on|in|too|with)\b))"
    r"|\b(?:tienen|ofrecen|sirven|preparan|hacen)\s+(?P<c>[a-zà-ÿ][a-zà-ÿ -]{2,30}?)(?=\s*(?:\?|$|,|\.|\b(?:en|para)\b))", re.I)
_GENERIC = frozenset("""legs chops belly steak steaks beef fish meat sauce style fresh grilled roasted party guests option
options menu food dish dishes plate plates the our your some any more extra kind type proteins protein that this
you for and with guys all free allergy allergies allergic diet dietary opción opcion opciones tienen tienes hay algún alguna
platillo plato platos comida menú menu sin con del las los una unos unas para por que más muy without
monday tuesday wednesday thursday friday saturday sunday weekend weekday weekdays today tomorrow tonight next date dates
january february march april may june july august september october november december morning afternoon evening noon
night lunch dinner brunch event events booking day days week weeks month hour hours people adult adults kid kids guest
lunes martes miércoles jueves viernes sábado domingo mañana hoy fecha noche premium special specials upgrade upgrades
fancy nice good best popular
parties partie birthday birthdays wedding weddings anniversary graduation corporate company office picnic picnics reunion shower
celebration celebrations quinceañera quinceanera cumpleaños boda bodas fiesta fiestas""".split())  # "can you do this Saturday?", "do you do birthday parties?"


def asked_item_words(question: str) -> frozenset[str]:
    """Significant words of the item a customer asks about ("Do you offer lamb chops?" → {"lamb"}).

    "Can we get a Hawaiian pizza?" names an item only when a food word says so: with it the
    phrase's other words name the kind ({"hawaiian", "pizza"}); "Can we get a quote?" asks for none.
    """
    words: set[str] = set()
    for m in _ASKED.finditer(question):
        phrase = next(g for g in m.groups() if g).lower()
        found = {w[:-1] if w.endswith("s") and len(w) > 4 else w
                 for w in re.findall(r"[a-zà-ÿ]{3,}", phrase) if w not in _GENERIC}
        if m.group("d") and not find_foods(phrase):
            continue
        words |= found
    return frozenset(words)
