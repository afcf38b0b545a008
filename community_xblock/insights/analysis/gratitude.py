"""Whether a reply thanks the person it answers: what the talent detector counts as "thanks received".

A reply counts when it says thanks ("thanks, that fixed it", "merci, ça marche", "köszi, sokat segített") and
is not a thanks said before any help ("thanks in advance", "merci de me répondre", "előre is köszönöm"), a thanks
that says the help did not help ("thanks anyway", "nem segített"), or a sarcastic one (the signals read it as
frustration). An opening post thanks nobody: its "thanks" goes to whoever will answer.
"""
from community_xblock.insights.analysis.signals import has_phrase


def says_thanks(text, language, signals, *, is_opening):
    """True when ``text`` (a ``Text``) in ``language`` thanks the person it answers; ``signals`` are its own."""
    if is_opening or "frustration" in signals:
        return False
    folded = text.folded
    return has_phrase(language, "gratitude", folded) and not has_phrase(language, "not_gratitude", folded)
