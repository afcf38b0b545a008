"""What a post says, computed once when it is written and stored with it: its language, its signals
(confusion, error report, praise, frustration, urgency) and its keyphrase candidates.

Reports only aggregate these stored results, so no page ever waits for text analysis.
"""
from dataclasses import dataclass

from .language import detect_language
from .signals import SIGNALS, detect_signals
from .themes import keyphrases


@dataclass(frozen=True)
class Analysis:
    language: str
    signals: frozenset
    keyphrases: tuple  # (stem key, surface form as written)


def analyse(text):
    language = detect_language(text)
    return Analysis(language, frozenset(detect_signals(text, language)), tuple(keyphrases(text, language)))


__all__ = ["SIGNALS", "Analysis", "analyse", "detect_language", "detect_signals", "keyphrases"]
