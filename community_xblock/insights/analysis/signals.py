"""What a post signals to the course team: confusion, an error report, praise, frustration, urgency.

Three layers, each a small step a reader can follow:

1. **Phrases** (``rules/<language>.py``), matched on the folded text: what learners actually write, including
   symptoms ("blank page", "asks me to log in") for errors and questions about the content for confusion. Spans
   that use error words to explain the content ("type I error", "marge d'erreur", "ne okozzon hibát") or own up
   to the learner's own slip are removed before the error phrases are matched.
2. **Polarity** (``polarity.py``): a strongly negative post with an exclamation, an angry emoji or a complaint is
   frustration; praise inside a negative post said with a sarcastic frame ("great, another broken link") is not
   praise but frustration; a bare "thanks" closing a complaint or a question is politeness, not praise.
3. **The thread** (``Context``): a short confirmation ("+1", "same here", "pareil", "nálam is") inherits the error
   or confusion of what it answers; the opening post of a course-issue thread reports an error unless it says
   otherwise.
"""

import re
from functools import cache

from community_xblock.insights.analysis.polarity import ANGRY_EMOJI, HAPPY_EMOJI, polarity
from community_xblock.insights.analysis.rules import en, fr, hu

SIGNALS = ("confusion", "error", "praise", "frustration", "urgency")
RULES = {"en": en.RULES, "fr": fr.RULES, "hu": hu.RULES}
CONFIRMATION_WORDS = 12  # a confirmation is short: "+1, same on Firefox"
CONFIRMATION_OPENING = 40  # characters: or it opens with one ("Same here. And on top of that...")
INHERITED = ("error", "confusion")
FRUSTRATED_POLARITY = -0.5
QUESTION = re.compile(r"[^.!?\n]*\?+")
CONCESSION = re.compile(r"\b(?:but|however|although|mais|pourtant|cependant|de|viszont|azonban|csak hat)\b")
INTENSITY = re.compile(r"!{2,}|\?!|!\?")
SARCASTIC_POLARITY = -0.1
TEACHING_EMOJI = set("😉")  # "how many terms are there? 😉": a helper's hint, not a question
IRONIC_EMOJI = set("🙃😏")  # "really great design 🙃": the praise is sarcasm


@cache
def _compiled(language, name):
    """One expression for a list. The patterns that start at a word boundary share one leading ``\\b``: Python's
    engine then tries the alternatives at word starts only, ten times faster than ``\\b`` inside each."""
    patterns = RULES[language][name]
    at_words = [pattern[2:] for pattern in patterns if pattern.startswith(r"\b")]
    anywhere = [pattern for pattern in patterns if not pattern.startswith(r"\b")]
    parts = [rf"\b(?:{_alternatives(at_words)})"] if at_words else []
    return re.compile("|".join(parts + ([_alternatives(anywhere)] if anywhere else [])))


def _alternatives(patterns):
    return "|".join(f"(?:{pattern})" for pattern in patterns)


def _has(language, name, text):
    return bool(_compiled(language, name).search(text))


has_phrase = _has  # for the other readers of the phrase rules (gratitude.py)


def detect_signals(text, language, context=None):
    """The signals of ``text`` (a ``Text``) written in ``language``, read in its thread's ``context``."""
    folded = text.folded
    found = set()
    own_mistake = _has(language, "own_mistake", folded)
    if _has(language, "error", _compiled(language, "not_error").sub(" ", folded)) and not own_mistake:
        found.add("error")
    if _has(language, "urgency", folded) and not _has(language, "not_urgency", folded):
        found.add("urgency")
    # Polarity is the costliest step (VADER reads every word), and only two decisions need it: computed on demand.
    score = cache(lambda: polarity(text, language))
    if _has(language, "frustration", folded) or _frustrated_tone(text, score):
        found.add("frustration")
    # A helper's question back ("mit ad vissza a scanf...? 😉") may read like confusion: only what the post says
    # outside its questions counts then.
    declared = QUESTION.sub(" ", folded) if _asks_back(text, language, context) else folded
    if not _resolved(language, folded) and (
            _has(language, "confusion", declared) or _asks_about_the_content(text, language, found, context)):
        found.add("confusion")
    warm = bool(text.emoji & HAPPY_EMOJI) and not text.emoji & ANGRY_EMOJI and not found & {"error", "frustration"}
    if (_has(language, "praise", folded) or warm) and not _has(language, "not_praise", folded):
        found.add("praise")
        negative = found & {"error", "frustration"} or score() < SARCASTIC_POLARITY
        sarcastic = _has(language, "sarcasm", folded) and negative or bool(text.emoji & IRONIC_EMOJI)
        if sarcastic or text.emoji & ANGRY_EMOJI:  # "Merci hein 🙄": thanks said with an eye-roll
            found.discard("praise")
            found.add("frustration")
        elif found & {"error", "confusion", "urgency", "frustration"} and _only_politeness(language, folded):
            found.discard("praise")
        elif "frustration" in found and CONCESSION.search(folded):
            found.discard("praise")  # "I really appreciate the course, but ...": the point is the complaint
    if context is not None:
        found |= _from_the_thread(text, language, context, found)
    return found


def _asks_about_the_content(text, language, found, context):
    """A question that asks to understand ("is a negative t wrong??", "il sert à quoi ?", "melyik a jó?"), and is
    not about logistics, small talk or a request, not part of an error report, not a frustrated "anyone??". The
    course team's questions, and the questions others ask the asker back ("which version do you use?"), clarify
    rather than confess confusion, and so do the teaching questions helpers ask with a wink ("how many terms are
    there between u0 and un? 😉")."""
    if not text.is_question or "error" in found:
        return False
    asked = " ".join(QUESTION.findall(text.folded))  # the question sentences: "Due tonight! How do I...?"
    if "frustration" in found and not _has(language, "understanding", asked):
        return False  # "anyone??" is impatience; "why do we round down?? I'm fed up" still asks to understand
    if context is not None and context.author_is_staff or _asks_back(text, language, context):
        return False
    # Small talk and opinion polls frame the whole post ("honest opinion: ... do we really need...?").
    return _has(language, "asks", asked) and not _has(language, "logistics", asked) \
        and not _has(language, "social", text.folded)


def _resolved(language, folded):
    """The post says the confusion is gone ("makes sense now"), unless it moves on to a new question after a
    "but" ("makes sense now, thanks. but then why is Q7 two figures?")."""
    if not _has(language, "not_confusion", folded):
        return False
    after = CONCESSION.split(folded)[-1]
    return after == folded or not ("?" in after and _has(language, "understanding", after))


def _asks_back(text, language, context):
    """A reply by someone other than the asker whose question checks or teaches ("did you save each trial?",
    "tu as compté combien de termes ? 😉")."""
    if context is None or context.is_opening or context.author_is_asker or not text.is_question:
        return False
    return bool(text.emoji & TEACHING_EMOJI) or _has(language, "clarifying", " ".join(QUESTION.findall(text.folded)))


def _frustrated_tone(text, score):
    """An angry emoji, or a strongly negative post said with feeling ("!!", "?!")."""
    if text.emoji & ANGRY_EMOJI:
        return True
    return bool(INTENSITY.search(text.raw)) and score() <= FRUSTRATED_POLARITY


def _only_politeness(language, folded):
    """The praise comes only from a closing "thanks" / "merci d'avance" / "köszi": politeness, not praise."""
    remaining = _compiled(language, "bare_thanks").sub(" ", folded)
    return not _has(language, "praise", remaining)


def _from_the_thread(text, language, context, found):
    """What the post means in its thread: confirmations inherit, issue threads open with an error report."""
    inherited = set()
    answered = context.parent_signals or context.opening_signals
    if _confirms(text, language):
        inherited |= set(INHERITED) & set(answered)
        if context.thread_kind == "issue" and not inherited:
            inherited.add("error")
    reported = "error" in answered or "error" in context.opening_signals
    own_mistake = _has(language, "own_mistake", text.folded)
    if not context.is_opening and reported and _has(language, "persists", text.folded) and not own_mistake:
        inherited.add("error")
    # "You're right, a line was missing" / "bien vu" / "igazatok van": the team (or a peer, under a report)
    # acknowledges a defect someone raised.
    raised = reported or context.author_is_staff and context.thread_kind == "issue"
    if not context.is_opening and raised and not own_mistake \
            and _has(language, "acknowledges", text.folded):
        inherited.add("error")
    if context.is_opening and context.thread_kind == "issue" and not found & {"error", "praise"} and not own_mistake:
        inherited.add("error")
    return inherited


def _confirms(text, language):
    """A confirmation: a short reply that says "same", or a longer one that starts by saying so."""
    if len(text) <= CONFIRMATION_WORDS:
        return _has(language, "confirmation", text.folded)
    return _has(language, "confirmation", text.folded[:CONFIRMATION_OPENING])
