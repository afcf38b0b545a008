"""What happens to a post as it comes in: watched words, and pre-moderation by the author's policy.

Before a write (``screen``), a post containing a word the course team blocks is refused (400, the word named,
nothing written), and whether it will wait for review is decided: when it contains a held word, or when the
author's policy makes learners' posts wait for approval (the ``premoderation`` setting: ``first_posts`` until the
learner has ``FIRST_POSTS`` visible posts in the unit, or ``all``). After the write (``after_write``) it is held
(hidden until staff decide in the review queue), or a flagging word raises a flag of the queue's own.
Words match whole, between Unicode word boundaries, accents and case aside; a word listed for a language applies
to posts in that language. The course team is never screened.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import InvalidInput
from community_xblock.insights.analysis.language import detect_language
from community_xblock.insights.analysis.text import fold
from community_xblock.models import Participant, WatchAction
from community_xblock.moderation import queue, watchlist

FIRST_POSTS = 2
SEVERITY = [WatchAction.BLOCK, WatchAction.HOLD, WatchAction.FLAG]


@dataclass(frozen=True)
class Match:
    word: str
    action: str


@lru_cache(maxsize=4096)
def _pattern(word):
    return re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)")


def strongest(words, text, language):
    """The most severe watched word in ``text`` (block, then hold, then flag), or None."""
    folded = fold(text)
    found = [Match(word, action) for word, action, word_language in words
             if (not word_language or word_language == language) and _pattern(word).search(folded)]
    return min(found, key=lambda match: SEVERITY.index(match.action), default=None)


@dataclass(frozen=True)
class Screening:
    """What happens to a post about to be written: the strongest watched word it contains, and why it will be
    held for review ("watched_word", "premoderation", or "" when it will be shown)."""

    match: Match | None = None
    hold: str = ""


def screen(space, viewer, *texts, policy="off"):
    """Decide before the write: refuse a post with a blocked word (400, nothing written), and say whether it will
    wait for review, so that the write knows (a post nobody sees yet raises no alert)."""
    if viewer.is_staff:
        return Screening()
    words = watchlist.course_words(space.community)
    match = None
    if words:
        text = "\n".join(texts)
        match = strongest(words, text, detect_language(text))
    if match and match.action == WatchAction.BLOCK:
        raise InvalidInput(_("Your post contains “%(word)s”, which the course team does not allow here. Please "
                             "rephrase it."), field="body", word=match.word)
    if match and match.action == WatchAction.HOLD:
        return Screening(match, "watched_word")
    return Screening(match, "premoderation" if _premoderated(space, viewer, policy) else "")


def after_write(space, post, screening, policy="off"):
    """Hold or flag the post just written, as ``screening`` decided. True when it is held."""
    if screening.hold == "watched_word":
        queue.hold(space, post, "watched_word", detail={"word": screening.match.word})
        return True
    if screening.hold == "premoderation":
        queue.hold(space, post, "premoderation", detail={"policy": policy})
        return True
    if screening.match and screening.match.action == WatchAction.FLAG:
        queue.raise_queue_flag(space, post, screening.match.word)  # refreshes ``post`` when the flag counts
        return post.held_for_review
    return False


def _premoderated(space, viewer, policy):
    if policy == "all":
        return True
    if policy != "first_posts":
        return False
    visible = Participant.objects.filter(community=space.community, user_key=viewer.user_key).values_list(
        "posts", flat=True).first() or 0
    return visible < FIRST_POSTS
