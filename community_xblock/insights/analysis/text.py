"""The forms of a post's text the analysis works on, computed once per post.

Learners drop accents ("nem ertem", "a cote"), mix apostrophes and write in every case, so the rules match a
*folded* text: lower case, diacritics removed, typographic apostrophes and quotes made plain, URLs replaced by a
marker. Stems come from the Snowball stemmers (pure Python, shipped in ``snowballstemmer``), applied to the
folded words so that "hibás", "hibas" and "hibásak" meet.
"""
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "hu": "hungarian"}
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                             "„": '"', "\u00a0": " ", "\u202f": " "})


def word_set(text):
    """The words of a space-separated list (the tables of words read better as text)."""
    return frozenset(text.split())


def fold(text):
    """Lower case without diacritics, plain apostrophes and quotes; ``œ`` becomes ``oe``."""
    text = text.translate(APOSTROPHES).lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@lru_cache(maxsize=65536)
def fold_word(word):
    """``fold`` for a single word: learners' vocabulary repeats, so each word is folded once per process."""
    return fold(word)


@cache
def stemmer(language):
    return snowballstemmer.stemmer(STEMMERS.get(language, "english"))


@dataclass
class Text:
    """A post's text and the derived forms the rules read (each computed on first use)."""

    raw: str

    @cached_property
    def without_urls(self):
        return URL.sub(" ", self.raw)

    @cached_property
    def folded(self):
        """For the phrase rules: URLs become `` url `` so "the link https://..." still reads as a link."""
        return " " + re.sub(r"\s+", " ", fold(URL.sub(" url ", self.raw))) + " "

    @cached_property
    def words(self):
        """Folded words, URLs left out."""
        return WORD.findall(fold(self.without_urls))

    def stems(self, language):
        return stemmer(language).stemWords(self.words)

    @cached_property
    def is_question(self):
        return "?" in self.raw

    @cached_property
    def emoji(self):
        return {character for character in self.raw if unicodedata.category(character) == "So"}

    def __len__(self):
        return len(self.words)
