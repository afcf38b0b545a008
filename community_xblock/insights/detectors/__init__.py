"""Detectors: they watch what is written and raise alerts for the community manager.

They run on write, inside the write's transaction and with the write's own time (so importing a past timeline
fires them as they would have fired live, stamped with that time), and they read the aggregates kept on write
(``ActivityTally`` hour rows) plus, only when a figure is already unusual, a bounded indexed read of one
component's posts in one window. A write that cannot change an alert costs nothing: a neutral post reads no
row (but for the unanswered check, once an hour per community).

- ``buzz``: a burst of negativity on a component against its own trailing baseline (bad buzz);
- ``spread``: several learners reporting an error, or confused, about one component in a window;
- ``unanswered``: questions and course issues nobody answered within the age thresholds.
"""
from community_xblock.insights.detectors import buzz, spread, unanswered
from community_xblock.insights.detectors.evidence import REPORT_REACTIONS
from community_xblock.insights.detectors.moment import Moment
from community_xblock.models import AlertKind


def post_written(space, post, thread, now):
    """A post was written at ``now`` (its own time, for an import); call inside its transaction. The course
    team's own posts (an erratum says "error" too) are no buzz and no report."""
    if not post.author_is_staff:
        _assess(space, thread.anchor_id, now, post, negative=post.sig_frustration,
                report=post.sig_error or post.sig_confusion, fresh=True)
    unanswered.check(space, now)


def reaction_added(space, post, kind, now, by_staff=False):
    """A reaction (or a flag: ``kind`` "flag") was added to ``post``. The course team's reactions and flags,
    and reactions to the course team's own posts or to posts learners no longer see, are no buzz and no report."""
    if by_staff or post.author_is_staff or post.hidden or post.deleted:
        return
    _assess(space, post.anchor_id, now, post, negative=kind in REPORT_REACTIONS or kind == "flag",
            report=kind in REPORT_REACTIONS, fresh=False)


def _assess(space, anchor_id, now, post, *, negative, report, fresh):
    if not (negative or report):
        return
    windows = {**(buzz.WINDOWS if negative else {}), **(spread.WINDOWS if report else {})}
    kinds = [kind for kind, wanted in ((AlertKind.BAD_BUZZ, negative), (AlertKind.ERROR_SPREAD, report)) if wanted]
    moment = Moment(space.community, anchor_id, now, windows, kinds)
    if negative:
        # A reaction or a flag on an older post is not a post of the burst: the window is read.
        buzz.check(space, moment, post if fresh else None)
    if report:
        spread.check(space, moment, post, fresh=fresh)
