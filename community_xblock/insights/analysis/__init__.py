"""What a post says, computed once when it is written and stored with it: its language, its signals
(confusion, error report, praise, frustration, urgency), whether it thanks the person it answers, and its
keyphrase candidates.

The post is read in its thread (``Context``): the thread's kind, what the post answers, the thread's and the
community's language, the names themes leave out. Reports only aggregate the stored results, so no page ever
waits for text analysis. ``ANALYSIS_VERSION`` is stored with each post: when the rules change, the version goes up
and ``reanalyse_community_posts`` upgrades the posts written under an older one.
"""
from dataclasses import dataclass, field

from community_xblock.insights.analysis.gratitude import says_thanks
from community_xblock.insights.analysis.language import detect_language
from community_xblock.insights.analysis.signals import SIGNALS, detect_signals
from community_xblock.insights.analysis.text import Text
from community_xblock.insights.analysis.themes import excluded_stems, keyphrases

ANALYSIS_VERSION = 4


@dataclass(frozen=True)
class Context:
    """The thread a post is read in."""

    thread_kind: str = "discussion"
    is_opening: bool = True
    parent_signals: frozenset = frozenset()  # the signals of the post it answers (None for an opening post)
    opening_signals: frozenset = frozenset()  # the signals of the thread's opening post
    thread_language: str = ""  # the opening post's language
    community_language: str = ""
    excluded_names: tuple = field(default_factory=tuple)  # component and people names themes leave out
    author_is_staff: bool = False  # the course team's posts answer and clarify
    author_is_asker: bool = False  # a reply by the thread's own author


@dataclass(frozen=True)
class Analysis:
    language: str
    signals: frozenset
    keyphrases: tuple  # (stem key, surface form as written), strongest first
    thanks: bool = False  # a reply that thanks the person it answers
    version: int = ANALYSIS_VERSION


def analyse(text, context=None, title=""):
    """The analysis of a post's ``text`` (with its thread's ``title`` for an opening post) in ``context``."""
    body = Text(f"{title}\n{text}" if title else text)
    fallback = (context.thread_language or context.community_language) if context else None
    language = detect_language(body, fallback=fallback)
    excluded = excluded_stems(context.excluded_names, language) if context and context.excluded_names else frozenset()
    signals = frozenset(detect_signals(body, language, context))
    thanks = says_thanks(body, language, signals, is_opening=context.is_opening if context else True)
    return Analysis(language, signals, tuple(keyphrases(body, language, excluded)), thanks)


__all__ = ["ANALYSIS_VERSION", "SIGNALS", "Analysis", "Context", "analyse", "detect_language", "detect_signals",
           "keyphrases"]
