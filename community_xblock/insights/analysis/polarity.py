"""How positive or negative a post sounds, from -1 to 1, beside the phrase rules.

English uses VADER (Hutto and Gilbert, 2014; the ``vaderSentiment`` package, MIT licence, its lexicon ships inside
it). French and Hungarian use the small lexicons below, written for this project (same licence as the package):
learner vocabulary keyed by Snowball stem of the folded word, valences from -3 to 3, with negation (a negator in
the three words before flips and damps a word, as VADER does) and intensifiers. Emoji count in every language.
The score is normalised like VADER's compound: sum / sqrt(sum² + 15).
"""

import math
from functools import cache, lru_cache

from community_xblock.insights.analysis.text import stemmer

PREFIX_MINIMUM = 4  # letters: shorter lexicon entries match whole stems only
ANGRY_EMOJI = set("😡😠🤬😤🙄😒😑😩😫💢👎😞😣😖😭")  # not 🤦: learners facepalm at their own slips
HAPPY_EMOJI = set("😀😃😄😁😊🙂😍🥰👍👏🙏❤💯🎉🤩✨😇")
NEGATORS = {
    "fr": {"pas", "ne", "n", "jamais", "aucun", "aucune", "rien", "plus", "sans", "ni"},
    "hu": {"nem", "sem", "se", "ne", "nincs", "nincsen", "soha", "semmi", "sehogy"},
}
INTENSIFIERS = {
    "fr": {"tres", "vraiment", "trop", "super", "hyper", "tellement", "completement", "totalement", "carrement"},
    "hu": {"nagyon", "igazan", "teljesen", "rettenetesen", "borzasztoan", "eleg", "tul", "iszonyu", "tok"},
}

LEXICONS = {
    "fr": {
        # negative
        "nul": -2.5,
        "null": -2.5,
        "horribl": -3,
        "affreux": -3,
        "terribl": -2,
        "catastroph": -3,
        "decu": -2,
        "decev": -2,
        "enerv": -2.5,
        "agac": -2,
        "exasper": -3,
        "frustr": -2.5,
        "penibl": -2,
        "ridicul": -2.5,
        "absurd": -2,
        "inutil": -2,
        "injust": -2,
        "inadmissibl": -3,
        "inaccept": -3,
        "honteux": -3,
        "scandal": -3,
        "pir": -2,
        "mauvais": -1.5,
        "lament": -2.5,
        "marr": -2.5,
        "galer": -1.5,
        "stress": -1.5,
        "decourag": -2,
        "abandon": -1.5,
        "triste": -1.5,
        "colere": -2.5,
        "perte": -1,
        "perdu": -1,
        "bloqu": -1,
        "problem": -1,
        "souci": -1,
        "bug": -1,
        "faux": -1,
        "erreur": -1,
        "casse": -1.5,
        "impossibl": -1.5,
        "difficil": -1,
        "complique": -1,
        "dur": -1,
        "lourd": -1,
        "long": -0.5,
        "lent": -1,
        "ennui": -1.5,
        "chiant": -2.5,
        "saoul": -2,
        "soul": -2,
        "degout": -2.5,
        "deprim": -2,
        "dommag": -1,
        "helas": -1.5,
        "malheureux": -1,
        # positive
        "merci": 2,
        "genial": 3,
        "super": 2.5,
        "excellent": 3,
        "bravo": 2.5,
        "top": 2,
        "parfait": 3,
        "clair": 1.5,
        "util": 1.5,
        "interess": 1.5,
        "bien": 1,
        "bon": 1,
        "bonn": 1,
        "adore": 3,
        "formid": 3,
        "chapeau": 2.5,
        "nickel": 2,
        "impecc": 2.5,
        "sympa": 2,
        "cool": 2,
        "chouet": 2,
        "merveil": 3,
        "magnif": 3,
        "agreabl": 2,
        "content": 2,
        "ravi": 2.5,
        "plaisir": 2,
        "aid": 1,
        "reussi": 2,
        "limpid": 2.5,
        "pertinent": 2,
        "rassur": 1.5,
        "passion": 2.5,
    },
    "hu": {
        "borzalm": -3,
        "szornyu": -3,
        "rossz": -1.5,
        "pocsek": -2.5,
        "idegesit": -2.5,
        "bosszant": -2.5,
        "duhit": -3,
        "duhos": -3,
        "frusztral": -2.5,
        "felesleg": -2,
        "hasznalhatatlan": -3,
        "nevetseg": -2.5,
        "abszurd": -2,
        "igazsagtalan": -2.5,
        "csalod": -2,
        "kiabrandit": -2.5,
        "elegem": -2.5,
        "katasztrof": -3,
        "tragikus": -3,
        "botrany": -3,
        "gaz": -2.5,
        "hiba": -1,
        "hibas": -1.5,
        "problem": -1,
        "gond": -1,
        "nehez": -1,
        "bonyolult": -1,
        "lass": -1,
        "unalm": -1.5,
        "stressz": -1.5,
        "szomor": -1.5,
        "sajnos": -1.5,
        "sajnal": -1,
        "felad": -1.5,
        "kiakaszt": -2.5,
        "felhaborit": -3,
        "kosz": 2,
        "koszon": 2,
        "koszi": 2,
        "szuper": 2.5,
        "nagyszer": 3,
        "remek": 3,
        "jo": 1.5,
        "hasznos": 2,
        "erthet": 1.5,
        "vilagos": 1.5,
        "klassz": 2.5,
        "imad": 3,
        "zsenialis": 3,
        "kival": 3,
        "tokeletes": 3,
        "profi": 2,
        "erdekes": 1.5,
        "segit": 1,
        "orul": 2,
        "csodas": 3,
        "kiraly": 2.5,
        "gratul": 2.5,
        "halas": 2,
        "elvezet": 2,
        "tetszet": 2,
    },
}


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _stem_lexicon(language):
    """The lexicon re-keyed by the stemmer's own stem of each entry, so lookups stem once."""
    lexicon = LEXICONS[language]
    return {stemmer(language).stemWord(key): value for key, value in lexicon.items()} | lexicon


@lru_cache(maxsize=65536)
def _valence(language, stem):
    """The valence of a stem: its own entry, or the longest entry of at least four letters it starts with
    (Hungarian and French stack suffixes the stemmer leaves on: "idegesítő" / "idegesítőbb")."""
    lexicon = _stem_lexicon(language)
    for end in range(len(stem), PREFIX_MINIMUM - 1, -1):
        valence = lexicon.get(stem[:end])
        if valence is not None:
            return valence
    return lexicon.get(stem)


def polarity(text, language):
    """The post's compound polarity, from -1 (very negative) to 1 (very positive)."""
    if language == "en":
        score = _vader().polarity_scores(text.without_urls)["compound"]
        return _with_emoji(score, text)
    negators, intensifiers = NEGATORS[language], INTENSIFIERS[language]
    words = text.words
    stems = text.stems(language)
    total = 0.0
    for index, stem in enumerate(stems):
        valence = _valence(language, stem)
        if valence is None:
            continue
        before = words[max(0, index - 3) : index]
        if any(word in intensifiers for word in before):
            valence *= 1.5
        if any(word in negators for word in before):
            valence *= -0.5
        total += valence
    total += 2 * len(text.emoji & HAPPY_EMOJI) - 2.5 * len(text.emoji & ANGRY_EMOJI)
    if text.raw.count("!") >= 2:
        total *= 1.2
    return total / math.sqrt(total * total + 15) if total else 0.0


def _with_emoji(score, text):
    """VADER reads some emoji; the angry ones learners use are added here."""
    angry = len(text.emoji & ANGRY_EMOJI)
    return max(-1.0, score - 0.3 * angry) if angry else score
