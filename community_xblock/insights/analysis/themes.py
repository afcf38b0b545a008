"""Keyphrase candidates: the content words between stop words and punctuation, alone and in adjacent pairs
("light reaction", "réaction lumineuse"), grouped by stem.

Stop words come from the ``stop-words`` package and stems from ``snowballstemmer`` (English, French and
Hungarian Snowball stemmers): both are small pure-Python packages whose data ships inside them. The stem key
groups "reaction" and "reactions" (or "levelek" and "levelekről"); reports show the most frequent form as
people wrote it.
"""
import re
from functools import cache

import snowballstemmer

from .language import LANGUAGES, stop_words

SPLIT = re.compile(r"[.,;:!?()\[\]{}\"«»„”“…\n]+|\s[-–—]\s")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
MIN_LETTERS = 4
MAX_PHRASES = 12


@cache
def stemmer(language):
    return snowballstemmer.stemmer(LANGUAGES[language])


def keyphrases(text, language):
    """Up to MAX_PHRASES (stem key, surface) pairs, in order of appearance, without repeats."""
    stops = stop_words(language)
    found, seen = [], set()
    for chunk in SPLIT.split(text):
        run = []
        for token in WORD.findall(chunk) + [None]:
            if token is None or token.lower() in stops or token.isdigit() or "'" in token or "’" in token:
                _add(run, language, found, seen)
                run = []
            else:
                run.append(token)
    return found[:MAX_PHRASES]


def _add(run, language, found, seen):
    """Each content word of the run, then each adjacent pair (a post counts a theme once)."""
    words = [word for word in run if len(word) >= MIN_LETTERS or word.isupper()]
    stems = stemmer(language).stemWords([word.lower() for word in run])
    candidates = [((stem,), (word,)) for stem, word in zip(stems, run, strict=True) if word in words]
    candidates += [(tuple(stems[i:i + 2]), tuple(run[i:i + 2])) for i in range(len(run) - 1)]
    for stems_of, words_of in candidates:
        key = " ".join(stems_of)
        if key not in seen:
            seen.add(key)
            found.append((key[:120], " ".join(words_of)[:120]))
