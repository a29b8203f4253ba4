"""Which language a customer wrote in, for replies the system writes itself (the safe reply).

Frontends often leave ``locale`` at its default "en"; a question in Spanish should still get
its hand-off message in Spanish. This is a small marker-word vote, not a language model: it
returns "es", "fr" or "pt" only when the text clearly says so, and "en" otherwise.
"""

from __future__ import annotations

import re

_MARKERS = {
    "es": {"el", "la", "los", "las", "de", "del", "que", "qué", "cuánto", "cuánta", "cuántos", "cuesta", "para", "por",
           "tienen", "hay", "puedo", "quiero", "precio", "personas", "niños", "fecha", "sábado", "domingo", "hola",
           "gracias", "una", "es", "con", "sin", "mi", "en", "y", "o", "cómo", "dónde", "cuándo", "también", "está"},
    "fr": {"le", "la", "les", "de", "des", "du", "que", "quel", "quelle", "combien", "coûte", "pour", "avez", "vous",
           "nous", "est", "une", "un", "et", "ou", "avec", "sans", "prix", "personnes", "enfants", "samedi", "bonjour",
           "merci", "je", "mon", "ma", "en", "pouvez", "disponible"},
    "pt": {"o", "a", "os", "as", "de", "do", "da", "que", "quanto", "quanta", "custa", "para", "por", "vocês", "têm",
           "tem", "uma", "um", "e", "ou", "com", "sem", "preço", "pessoas", "crianças", "sábado", "olá", "obrigado",
           "obrigada", "eu", "meu", "minha", "em", "não", "está", "posso"},
}
_ENGLISH = {"the", "a", "an", "is", "are", "do", "does", "you", "your", "what", "how", "much", "for", "and", "or",
            "with", "can", "we", "i", "my", "on", "in", "of", "to", "per", "price", "people", "kids", "have", "serve"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARKS = {"es": re.compile(r"[¿¡ñ]"), "fr": re.compile(r"[èàù]|\b(?:qu|d|l|j|n)'|\bç", re.I),  # ê and ç are Portuguese too
          "pt": re.compile(r"[ãõ]|ção\b|ções\b|\bvocês?\b", re.I)}


def language_of(text: str) -> str:
    """"es", "fr", "pt" when the text is clearly in that language; "en" otherwise."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return "en"
    english = sum(w in _ENGLISH for w in words)
    best, best_votes = "en", english
    for lang, markers in _MARKERS.items():
        votes = sum(w in markers for w in words) + 2 * len(_MARKS[lang].findall(text))
        if votes > best_votes:
            best, best_votes = lang, votes
    return best if best_votes >= 2 else "en"


def answers_in_english(question: str, answer: str) -> bool:
    """A question clearly in another language answered in English: three or more English function words and
    none of the question's language ("Non-spicy meats: bulgogi … it is spicy tho" to "¿qué carnes no pican?").
    Short answers in Spanish borrow English words ("el deposit es 25%"); those are not counted."""
    lang = language_of(question)
    if lang == "en":
        return False
    words = {w.lower() for w in _WORD.findall(answer or "")}
    return len(words & _ENGLISH) >= 3 and not (words & (_MARKERS[lang] - _ENGLISH)) and not _MARKS[lang].search(answer or "")
