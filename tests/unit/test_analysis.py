"""Text analysis on labelled posts we wrote ourselves (tests/data/labelled_posts.json): language, signals,
themes. The precision/recall table is printed at the end of the test run."""
import json
from pathlib import Path

import pytest

from community_xblock.insights.analysis import SIGNALS, analyse, detect_language, keyphrases

DATA = json.loads((Path(__file__).parents[1] / "data" / "labelled_posts.json").read_text(encoding="utf-8"))
LANGUAGES = ("en", "fr", "hu")
GATED = {"confusion", "error"}
MIN_PRECISION, MIN_RECALL = 0.75, 0.6
QUALITY = {}  # filled by the test, printed by conftest's terminal summary


def scores(language, signal):
    tp = fp = fn = 0
    for row in DATA:
        if row["lang"] != language:
            continue
        found, expected = signal in analyse(row["text"]).signals, signal in row["signals"]
        tp, fp, fn = tp + (found and expected), fp + (found and not expected), fn + (expected and not found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fn


def test_the_labelled_set_is_big_enough():
    for language in LANGUAGES:
        rows = [row for row in DATA if row["lang"] == language]
        assert len(rows) >= 50, language
        for signal in GATED:
            assert sum(signal in row["signals"] for row in rows) >= 10, (language, signal)


def test_signal_precision_and_recall():
    failures = []
    for language in LANGUAGES:
        for signal in SIGNALS:
            precision, recall, support = scores(language, signal)
            QUALITY[(language, signal)] = (precision, recall, support)
            if signal in GATED and (precision < MIN_PRECISION or recall < MIN_RECALL):
                failures.append((language, signal, precision, recall))
    assert not failures, failures


def test_language_detection():
    right = sum(detect_language(row["text"]) == row["lang"] for row in DATA)
    QUALITY[("all", "language")] = (right / len(DATA), right / len(DATA), len(DATA))
    assert right / len(DATA) >= 0.95


@pytest.mark.parametrize(("language", "text", "same"), [
    ("en", "The light reaction happens first. Light reactions need water.", ("light reaction", "Light reactions")),
    ("fr", "La réaction lumineuse produit de l'ATP ; les réactions lumineuses ont lieu le jour.",
     ("réaction lumineuse", "réactions lumineuses")),
    ("hu", "A fényreakciók a tilakoidban zajlanak. A fényreakció oxigént termel.", ("fényreakciók", "fényreakció")),
])
def test_themes_group_forms_by_stem_and_keep_what_people_wrote(language, text, same):
    phrases = keyphrases(text, language)
    keys = {key for key, surface in phrases if surface in same}
    assert len(keys) == 1, phrases
    assert {surface for _key, surface in phrases} >= {same[0]}


def test_stop_words_never_make_a_theme():
    assert keyphrases("the and of is it this that", "en") == []
    assert keyphrases("le la les et est un une des", "fr") == []
    assert keyphrases("a az és hogy nem is egy", "hu") == []
