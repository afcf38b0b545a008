"""Keyphrase candidates: what a post is about, for the evaluation's themes.

The content words between stop words and punctuation, alone and in adjacent pairs ("light reaction", "réaction
lumineuse"), grouped by Snowball stem of the folded words (so "levelek" and "levelekről" meet, accents or not), and
question numbers kept as themes of their own ("Q4", "4. feladat": an error cluster about one question shows up).
Left out: URLs, other numbers, chit-chat ("thanks", "bonjour", "sziasztok"), and the names of the unit's
components and of the people in the thread (``excluded``: they would top every list without saying anything).
Each post's candidates are ranked (repeated phrases first, pairs before single words) before the cap, so the end
of a long post is not dropped for its greetings.
"""

import re
from functools import cache

from community_xblock.insights.analysis.language import stop_words
from community_xblock.insights.analysis.text import WORD, fold, fold_word, stemmer, word_set

SPLIT = re.compile(r"[.,;:!?()\[\]{}\"«»„”“…\n/]+|\s[-–—]\s")
MIN_LETTERS = 4
MAX_PHRASES = 12
KEY_LENGTH = 120
PAIR_WEIGHT = 1.5
NUMBERED = re.compile(
    r"\b(?:(?P<q>q)\s?(?P<qn>\d{1,3})\b"
    r"|(?P<kind>questions?|exercises?|exercices?|problems?|tasks?|feladat\w*|kerdes\w*|quiz|kviz)\s*(?:n[o°]\s*|#\s*)?(?P<n>\d{1,3})\b"
    r"|(?P<pre>\d{1,3})\.?\s*(?P<kind2>feladat\w*|kerdes\w*|question|exercice))",
    re.IGNORECASE,
)
NUMBER_NAMES = {"q": "Q", "question": "Q", "kerdes": "kérdés", "feladat": "feladat", "exercise": "exercise",
                "exercice": "exercice", "problem": "problem", "task": "task", "quiz": "quiz", "kviz": "kvíz"}
# Chit-chat breaks a phrase; weak words make a theme only in a pair ("answer key", "problème de lien").
CHATTER = {
    "en": word_set('thanks thank hello please yeah yes okay guys everyone anyone someone somebody anybody really '
                  'actually maybe also still just sure hope thx cheers great good nice lot bit same seems hey '
                  'folks lol honestly understand'),
    "fr": word_set("merci bonjour salut svp vraiment aussi alors quelqu'un tout truc chose choses bien peu pareil idem "
                  'coucou bonsoir cordialement super genial faut oui voila donc enfin juste merci beaucoup comprends '
                  'comprend comprendre compris pense sais'),
    "hu": word_set('koszi koszonom sziasztok szia valaki tenyleg szerintem egyebkent dolog akkor most nalam nekem udv '
                  'hello helo oke szuper legyszi kerem tudja tudna tudom kell lehet igen persze ertem ertettem '
                  'erteni ugyanaz elnezest csinalja'),
}
WEAK = {
    "en": word_set('question questions answer answers help problem issue wrong think know thing things something '
                  'anything need want like right post reply course week people time today tomorrow yesterday day '
                  'days start starting end way stuff part'),
    "fr": word_set('question questions reponse aide probleme souci besoin cours message semaine'),
    "hu": word_set('kerdes kerdesem valasz segitseg problema gond kurzus het oldal pont'),
}


@cache
def _stopped(language):
    return stop_words(language) | CHATTER[language]


@cache
def _weak_stems(language):
    return frozenset(stemmer(language).stemWords(sorted(WEAK[language])))


def excluded_stems(names, language):
    """The stems of the words of component and person names, which themes leave out."""
    words = [word for name in names for word in WORD.findall(fold(name))]
    return frozenset(stemmer(language).stemWords(words))


def keyphrases(text, language, excluded=frozenset()):
    """Up to MAX_PHRASES (stem key, surface as written) pairs, the strongest first, without repeats."""
    counts, surfaces, first = {}, {}, {}
    position = 0

    def add(key, surface, weight):
        nonlocal position
        key = key[:KEY_LENGTH]
        counts[key] = counts.get(key, 0) + weight
        surfaces.setdefault(key, surface[:KEY_LENGTH])
        first.setdefault(key, position)
        position += 1

    for match in NUMBERED.finditer(text.without_urls):
        label, number = _numbered(match)
        add(f"#{fold(label)} {number}", f"{label}{number}" if label == "Q" else f"{label} {number}", PAIR_WEIGHT)
    stops = _stopped(language)
    stem = stemmer(language)
    for chunk in SPLIT.split(text.without_urls):
        run = []
        for token in WORD.findall(chunk) + [None]:
            if token is None or fold_word(token) in stops or "'" in token or any(map(str.isdigit, token)):
                _add_run(run, stem, language, excluded, add)
                run = []
            else:
                run.append(token)
    ranked = sorted(counts, key=lambda key: (-counts[key], first[key]))
    return [(key, surfaces[key]) for key in ranked[:MAX_PHRASES]]


def _numbered(match):
    if match.group("q"):
        return "Q", match.group("qn")
    kind = fold(match.group("kind") or match.group("kind2"))
    base = next((name for prefix, name in NUMBER_NAMES.items() if kind.startswith(prefix)), kind)
    if base == "Q":
        return "Q", match.group("n") or match.group("pre")
    if match.group("pre"):
        return f"{match.group('pre')}.", base
    return base, match.group("n")


def _add_run(run, stem, language, excluded, add):
    """Each content word of the run, then each adjacent pair (a post counts a phrase as often as it repeats it)."""
    if not run:
        return
    stems = stem.stemWords([fold_word(word) for word in run])
    skipped = excluded | _weak_stems(language)
    for word, word_stem in zip(run, stems, strict=True):
        if (len(word) >= MIN_LETTERS or word.isupper() and len(word) > 1) and word_stem not in skipped:
            add(word_stem, word, 1)
    for index in range(len(run) - 1):
        pair = stems[index : index + 2]
        if not set(pair) <= excluded:
            add(" ".join(pair), " ".join(run[index : index + 2]), PAIR_WEIGHT)
