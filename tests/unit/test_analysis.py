"""Text analysis: quality on labelled timelines (development and held-out test sets, measured through the import
path, figures printed at the end of the run), and the behaviours the rules promise, one by one."""
import pytest

from community_xblock.insights.analysis import Context, analyse
from community_xblock.insights.analysis.text import Text
from community_xblock.insights.analysis.themes import excluded_stems, keyphrases
from tests import analysis_quality

QUALITY = {}  # (set, language, signal) -> (precision, recall, support); printed by conftest's terminal summary
# (precision, recall) floors. The development sets hold the issue's targets; the held-out sets, which the rules
# never saw, hold a little under what they measured when they were written: a change that makes the analysis
# worse on talk it was not tuned on fails here.
TARGETS = {"confusion": (0.80, 0.75), "error": (0.80, 0.75), "frustration": (0.0, 0.60)}
HELD_OUT_FLOORS = {"confusion": (0.72, 0.80), "error": (0.70, 0.72), "frustration": (0.0, 0.60)}


@pytest.mark.parametrize("set_name", analysis_quality.SETS)
def test_signal_quality_on_labelled_timelines(db, set_name):
    table, _misses = analysis_quality.measure(set_name)
    QUALITY.update({(set_name, *key): value for key, value in table.items()})
    floors = HELD_OUT_FLOORS if set_name in analysis_quality.HELD_OUT else TARGETS
    failures = [(language, signal, precision, recall) for (language, signal), (precision, recall, _n) in table.items()
                if signal in floors and (precision < floors[signal][0] or recall < floors[signal][1])]
    assert not failures, failures
    assert table[("all", "language")][0] >= 0.98


def test_the_labelled_sets_are_big_enough():
    for language in analysis_quality.LANGUAGES:
        held_out = [row for name in analysis_quality.HELD_OUT for row in analysis_quality.labelled(name, language)]
        assert len(held_out) >= 150, language
        rows = held_out + analysis_quality.labelled("dev", language)
        assert sum(row["reply_to"] is not None for row in rows) > len(rows) / 2  # threads with replies


def signals(text, **context):
    return analyse(text, Context(**context) if context else None).signals


REPORT = frozenset({"error"})


class TestTheThread:
    @pytest.mark.parametrize("reply", ["+1", "same here", "Same for me, on Firefox", "pareil", "idem chez moi",
                                       "nálam is", "nalam is ugyanez", "me too :("])
    def test_a_confirmation_inherits_the_report_it_answers(self, reply):
        assert "error" in signals(reply, is_opening=False, parent_signals=REPORT, opening_signals=REPORT)

    def test_a_confirmation_of_nothing_reports_nothing(self):
        assert signals("+1", is_opening=False, parent_signals=frozenset({"praise"})) == frozenset()

    def test_the_problem_is_still_there(self):
        assert "error" in signals("still nothing after reloading", is_opening=False, opening_signals=REPORT)
        assert "error" not in signals("still nothing after reloading", is_opening=False)

    def test_a_course_issue_opens_with_an_error_report(self):
        assert "error" in signals("Q3 of the quiz: the key says 12 kg", thread_kind="issue")
        assert "error" not in signals("Q3 of the quiz: the key says 12 kg", thread_kind="discussion")

    @pytest.mark.parametrize("reply", ["Did you save each trial before submitting?",
                                       "Tu as compté combien de termes entre u0 et un ? 😉",
                                       "Megnézted már, mit ad vissza a scanf, amikor nincs több szám?"])
    def test_a_helpers_question_back_is_not_confusion(self, reply):
        asked = frozenset({"confusion"})
        assert "confusion" not in signals(reply, is_opening=False, parent_signals=asked, opening_signals=asked)


    def test_the_askers_own_follow_up_question_is_confusion(self):
        assert "confusion" in signals("wait, why do we double it?", is_opening=False, author_is_asker=True)

    @pytest.mark.parametrize("reply", ["You're right, a line was missing from the instructions. I've added it.",
                                       "Bien vu, merci : la dernière ligne a sauté lors de la mise en page.",
                                       "Igazatok van, a pontozókulcsban egy tavalyi szempont maradt benne."])
    def test_the_team_owning_up_to_a_reported_defect_is_an_error_report(self, reply):
        assert "error" in signals(reply, is_opening=False, thread_kind="issue", author_is_staff=True)
        assert "error" not in signals(reply, is_opening=False, thread_kind="discussion", author_is_staff=False)

    def test_a_new_question_after_it_makes_sense_is_confusion(self):
        assert "confusion" in signals("ok that part makes sense now, thanks. but then why is Q7 two figures?")
        assert "confusion" not in signals("ok that part makes sense now, thanks!")

    @pytest.mark.parametrize(("reply", "thread_language"), [("+1", "hu"), ("ok merci", "fr"), ("ok", "fr")])
    def test_a_two_word_reply_speaks_its_threads_language(self, reply, thread_language):
        assert analyse(reply, Context(is_opening=False, thread_language=thread_language)).language == thread_language


class TestWhatLearnersWrite:
    @pytest.mark.parametrize(("text", "language"), [
        ("je comprends pas pourquoi le cycle est aérobie", "fr"),
        ("j'ai pas compris la dernière partie", "fr"),
        ("nem ertem, miert kell a ciklus", "hu"),
        ("is a negative t wrong??", "en"),
        ("Il sert à quoi le grossissement si on ne s'en sert pas ?", "fr"),
        ("i dont get why we divide by n-1", "en"),
    ])
    def test_confusion(self, text, language):
        assert analyse(text).language == language
        assert "confusion" in analyse(text).signals

    @pytest.mark.parametrize("text", ["When is the quiz due?", "Where can I download the slides?",
                                      "Anyone from Lyon here?", "This was not confusing at all."])
    def test_questions_that_are_not_confusion(self, text):
        assert "confusion" not in analyse(text).signals

    @pytest.mark.parametrize("text", [
        "The dataset link sends me to a login page", "I only get a blank page after submitting",
        "le lien renvoie vers une page de connexion", "A 4. feladatnal csak egy ures oldal jon be",
        "nem tolt be a video",
        "The grader marked my correct answer as wrong",
    ])
    def test_errors_described_by_their_symptom(self, text):
        assert "error" in analyse(text).signals

    @pytest.mark.parametrize("text", [
        "A type I error is rejecting a true null hypothesis.", "The error bars show the standard error.",
        "C'est un type d'erreur classique, la marge d'erreur est de 3 %.", "Figyelj, hogy ne okozzon hibát a kódban.",
        "My mistake, I had typed the wrong cell.",
    ])
    def test_error_words_that_report_nothing(self, text):
        assert "error" not in analyse(text).signals

    @pytest.mark.parametrize("text", [
        "love how the sim wipes all my trials. really great design 🙃",
        "Great, another broken video 🙄", "Génial, toujours une page blanche. Merci hein 🙄",
        "Szuper, megint nem tölt be.",
    ])
    def test_sarcasm_is_frustration_not_praise(self, text):
        found = analyse(text).signals
        assert "frustration" in found and "praise" not in found

    @pytest.mark.parametrize("text", [
        "seriously? third time I ask", "j'en ai marre de ce quiz 😡", "elegem van, feladom",
        "Komolyan, senki? Egy hete kérdeztem.",
    ])
    def test_frustration(self, text):
        assert "frustration" in analyse(text).signals

    @pytest.mark.parametrize("text", ["due in 2 hours, please help", "c'est à rendre dans une heure",
                                      "40 perc mulva lejar a hatarido", "exam tomorrow and I still can't do Q4"])
    def test_urgency_as_time_proximity(self, text):
        assert "urgency" in analyse(text).signals

    def test_a_closing_thanks_in_a_complaint_is_politeness(self):
        assert "praise" not in analyse("The video does not load, please fix. Thanks in advance").signals
        assert "praise" in analyse("Thanks, that explanation really helped!").signals


class TestThemes:
    def test_question_numbers_are_themes_and_urls_and_numbers_are_not(self):
        phrases = dict(keyphrases(Text("Q4 answer key looks wrong, see https://example.org/key.pdf 2026 0.05"), "en"))
        assert "Q4" in phrases.values() and "answer key" in phrases.values()
        assert not any("example" in phrase or "2026" in phrase or "pdf" in phrase for phrase in phrases.values())
        assert "4. feladat" in dict(keyphrases(Text("A 4. feladat kulcsa hibás"), "hu")).values()

    def test_component_and_people_names_are_left_out(self):
        excluded = excluded_stems(["Video: p-values explained", "Amelie"], "en")
        phrases = [surface for _key, surface in keyphrases(Text("Amelie, the video explained p-values and power"), "en",
                                                            excluded)]
        assert "power" in phrases and not any(word in " ".join(phrases) for word in ("Amelie", "video", "explained"))

    def test_themes_are_ranked_before_the_cap(self):
        text = " ".join(f"word{number}alpha" for number in range(20)) + ". Chlorophyll absorbs light. " * 3
        phrases = [surface for _key, surface in keyphrases(Text(text), "en")]
        assert "Chlorophyll absorbs" in phrases[:3]
