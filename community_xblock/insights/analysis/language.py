"""Which of the course's languages (English, French, Hungarian) a post is written in.

With three candidate languages and posts of a few sentences, the share of each language's stop words, plus the
letters only one of them uses, decides reliably (see the labelled set in tests/data); it costs no model and no
install beyond the stop-word lists the theme extraction already uses.
"""
import re
from functools import cache

from stop_words import get_stop_words

LANGUAGES = {"en": "english", "fr": "french", "hu": "hungarian"}
DEFAULT = "en"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Letters that belong to one language only, among the three.
TELLTALE = {"hu": set("őűŐŰ"), "fr": set("çàèùâêîôûëïÇÀÈÙÂÊÎÔÛËÏœ")}
# The most frequent function words: the long lists overlap (English "a" is also Hungarian "a").
CORE = {
    "en": {"the", "and", "is", "it", "of", "to", "in", "that", "this", "i", "you", "what", "why", "how", "with",
           "for", "not", "are", "was", "does", "do", "can", "but", "be", "on", "my", "there", "which", "if"},
    "fr": {"le", "la", "les", "et", "est", "un", "une", "des", "du", "de", "je", "pas", "que", "qui", "ce",
           "pour", "dans", "sur", "il", "on", "ne", "en", "au", "avec", "mais", "ça", "vous", "nous", "c'est"},
    "hu": {"a", "az", "és", "hogy", "nem", "is", "egy", "meg", "van", "ez", "mi", "miért", "de", "már", "csak",
           "még", "volt", "ha", "ezt", "itt", "mert", "vagy", "nagyon", "nekem", "kell", "lesz", "amit", "azt"},
}


@cache
def stop_words(language):
    return frozenset(word.lower() for word in get_stop_words(LANGUAGES[language]))


def words(text):
    return [word.lower().replace("’", "'") for word in WORD.findall(text)]


def detect_language(text):
    tokens = words(text)
    if not tokens:
        return DEFAULT
    scores = {}
    for language in LANGUAGES:
        core = sum(2 for token in tokens if token in CORE[language])
        listed = sum(1 for token in tokens if token in stop_words(language))
        scores[language] = (core + listed) / len(tokens)
    for language, letters in TELLTALE.items():
        if any(character in letters for character in text):
            scores[language] += 0.5
    return max(scores, key=scores.get)
