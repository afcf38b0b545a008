"""Detectors: they watch what is written and raise alerts for the community manager.

They run on write, inside the write's transaction and with the write's own time (so importing a past timeline
fires them as they would have fired live, stamped with that time), and they read the aggregates kept on write
(``ActivityTally`` hour rows) plus, only when a figure is already unusual, a bounded indexed read of one
component's posts in one window. A write that cannot change an alert costs nothing: a neutral post reads no row.

- ``buzz``: a burst of negativity on a component against its own trailing baseline (bad buzz);
- ``spread``: several learners reporting an error, or confused, about one component in a window;
- ``unanswered``: questions and course issues nobody answered within the age thresholds.
"""
from community_xblock.insights.detectors import buzz, spread, unanswered
from community_xblock.models import ReactionKind

NEGATIVE_REACTIONS = {ReactionKind.CONFUSED, ReactionKind.FOUND_ERROR}


def post_written(space, post, thread, now):
    """A post was written at ``now`` (its own time, for an import); call inside its transaction. The course
    team's own posts (an erratum says "error" too) are no buzz and no report."""
    if not post.author_is_staff:
        if post.sig_frustration:
            buzz.check(space, thread.anchor_id, now, post)
        if post.sig_error or post.sig_confusion:
            spread.check(space, thread.anchor_id, now, post)
    unanswered.check(space, now)


def reaction_added(space, post, kind, now):
    """A confused or found-an-error reaction (or a flag: ``kind`` "flag") was added to ``post``."""
    if kind in NEGATIVE_REACTIONS or kind == "flag":
        buzz.check(space, post.anchor_id, now)
    if kind in NEGATIVE_REACTIONS:
        spread.check(space, post.anchor_id, now, post, fresh=False)
