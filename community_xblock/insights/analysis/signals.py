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
SELF_DIRECTED_EMOJI = set("🤦")


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
    if _has(language, "frustration", folded) or _frustrated_tone(text, score, own_mistake):
        found.add("frustration")
    if not _has(language, "not_confusion", folded) and (
            _has(language, "confusion", folded) or _asks_about_the_content(text, language, found, context)):
        found.add("confusion")
    warm = bool(text.emoji & HAPPY_EMOJI) and not text.emoji & ANGRY_EMOJI and not found & {"error", "frustration"}
    if (_has(language, "praise", folded) or warm) and not _has(language, "not_praise", folded):
        found.add("praise")
        negative = found & {"error", "frustration"} or score() < SARCASTIC_POLARITY
        sarcastic = _has(language, "sarcasm", folded) and negative
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
    rather than confess confusion."""
    if not text.is_question or found & {"error", "frustration"}:
        return False
    asked = " ".join(QUESTION.findall(text.folded))  # the question sentences: "Due tonight! How do I...?"
    if context is not None and (context.author_is_staff or not (context.is_opening or context.author_is_asker)
                                and _has(language, "clarifying", asked)):
        return False
    return _has(language, "asks", asked) and not _has(language, "logistics", asked) \
        and not _has(language, "social", asked)


def _frustrated_tone(text, score, own_mistake):
    """An angry emoji, or a strongly negative post said with feeling ("!!", "?!"). A facepalm at one's own slip
    ("I ran my own cell twice 🤦") is not anger at the course."""
    angry = text.emoji & ANGRY_EMOJI
    if angry and not (own_mistake and angry <= SELF_DIRECTED_EMOJI):
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
    if not context.is_opening and reported and _has(language, "persists", text.folded) \
            and not _has(language, "own_mistake", text.folded):
        inherited.add("error")
    if context.is_opening and context.thread_kind == "issue" and not found & {"error", "praise"} \
            and not _has(language, "own_mistake", text.folded):
        inherited.add("error")
    return inherited


def _confirms(text, language):
    """A confirmation: a short reply that says "same", or a longer one that starts by saying so."""
    if len(text) <= CONFIRMATION_WORDS:
        return _has(language, "confirmation", text.folded)
    return _has(language, "confirmation", text.folded[:CONFIRMATION_OPENING])
