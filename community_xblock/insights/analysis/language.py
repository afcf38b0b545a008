"""Which of the course's languages (English, French, Hungarian) a post is written in.

With three candidate languages and posts of a few sentences, the share of each language's stop words (folded, so
"miért" and "miert" count alike), its common conversational words, and the letters only one of them uses decide
reliably; it costs no model and no install beyond the stop-word lists the themes already use. A reply of a word or
two ("+1", "ok merci", "nálam is") carries too little evidence: unless it is clear, it takes the language of its
thread, then of its community.
"""

from functools import cache

from stop_words import get_stop_words

from community_xblock.insights.analysis.text import Text, fold, word_set

LANGUAGES = {"en": "english", "fr": "french", "hu": "hungarian"}
DEFAULT = "en"
# Letters that belong to one language only, among the three (before folding).
TELLTALE = {"hu": set("őűŐŰ"), "fr": set("çàèùâêîôûëïÇÀÈÙÂÊÎÔÛËÏœ")}
# The most frequent function and conversational words (folded): the long lists overlap (English "a" is Hungarian).
CORE = {
    "en": word_set('the and is it of to in that this i you what why how with for not are was does do can but be on my '
                  "there which if thanks same here me too yes dont don't im i'm its it's thank please hi hello also "
                  'have get got just when where so or should would could will again video'),
    "fr": word_set('le la les et est un une des du de je pas que qui ce pour dans sur il on ne en au avec mais ca vous '
                  "nous c'est merci moi aussi pareil oui bonjour quoi pourquoi comment j'ai suis tu mon ma mes bien "
                  "tres meme idem salut svp voila alors donc aux d'accord chez rien trop"),
    "hu": word_set('a az es hogy nem is egy meg van ez mi miert de mar csak volt ha ezt itt mert '
                   'vagy nagyon nekem kell '
                  'lesz amit azt igen koszi koszonom szia sziasztok nalam en te ertem jo akkor most mit hol mikor '
                  'hogyan nincs ugyanez valaki tudja kerdes sem lehet minden nekunk ti oke szerintem'),
}
SHORT = 4  # words: below this a reply is judged on clear evidence only
CLEAR_MARGIN = 0.5


@cache
def stop_words(language):
    return frozenset(fold(word) for word in get_stop_words(LANGUAGES[language]))


def language_scores(text):
    """The evidence for each language: its words' share of the post, plus its telltale letters."""
    tokens = text.words
    scores = dict.fromkeys(LANGUAGES, 0.0)
    if tokens:
        for language in LANGUAGES:
            core = sum(2 for token in tokens if token in CORE[language])
            listed = sum(1 for token in tokens if token in stop_words(language))
            scores[language] = (core + listed) / len(tokens)
    for language, letters in TELLTALE.items():
        if any(character in letters for character in text.raw):
            scores[language] += 0.5
    return scores


def detect_language(text, fallback=None):
    """The post's language; ``fallback`` (the thread's, else the community's) decides a short, unclear reply."""
    if isinstance(text, str):
        text = Text(text)
    scores = language_scores(text)
    ranked = sorted(scores, key=scores.get, reverse=True)
    best, second = ranked[0], ranked[1]
    clear = scores[best] - scores[second] >= CLEAR_MARGIN * max(scores[best], 0.01)
    if fallback and (len(text) < SHORT and not (clear and scores[best] >= 1.0) or scores[best] == 0):
        return fallback
    return best if scores[best] > 0 else (fallback or DEFAULT)
