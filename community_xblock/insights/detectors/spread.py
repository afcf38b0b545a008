"""An error spreading: several distinct learners report an error, or are confused about the same thing, on one
component within ``WINDOW_HOURS``.

A report is a post whose text reports an error or confusion, or a found-an-error or confused reaction. The
detector counts distinct learners (staff never count), not posts: one learner repeating themselves is not a
spread. It fires when ``ERROR_LEARNERS`` learners report an error while the window's error reports far exceed
the component's own past week (a Poisson exceedance on the hour rows, as for bad buzz), or when
``THEME_LEARNERS`` learners reporting an error or confusion share one theme (a keyphrase) while all reports far
exceed the past week: some content always confuses a few, and that is the evaluation's business; many confused
by the same thing at once is what an error looks like. The hour rows are read first: a
window with fewer reports than ``ERROR_LEARNERS`` reads no post.

While the alert is current, each new report joins it as long as the figures stay unusual; after an erratum every
report about the component joins it, so the alert shows whether reports stopped.
"""
from collections import defaultdict

from community_xblock.insights.detectors import alerts
from community_xblock.insights.detectors.evidence import ERROR_COLUMNS, REPORT_COLUMNS, REPORT_POSTS, REPORT_REACTIONS
from community_xblock.insights.detectors.figures import window_start
from community_xblock.models import AlertKind, Keyphrase, Post, Reaction, ReactionKind

WINDOW_HOURS = 48
WINDOWS = {"errors": (WINDOW_HOURS, ERROR_COLUMNS), "reports": (WINDOW_HOURS, REPORT_COLUMNS)}
ERROR_LEARNERS = 4
THEME_LEARNERS = 5
POSTS_READ = 300


def check(space, moment, post, fresh=True):
    """``post``: the report just written (``fresh``), or the post that just drew a reaction."""
    community, now = space.community, moment.now
    current = moment.current.get(AlertKind.ERROR_SPREAD)
    if current is not None and current.erratum_at:  # tracking whether reports stop: every report counts
        return _join(moment, current, post, fresh)
    error_figures, figures = moment.figures["errors"], moment.figures["reports"]
    if figures.observed < ERROR_LEARNERS or not (error_figures.unusual or figures.unusual):
        return None
    if current is not None:  # the spread goes on: this report joins it
        joined = _join(moment, current, post, fresh)
        if joined is not None:
            return joined
    moment.lock()
    start = window_start(now, WINDOW_HOURS)
    rows = list(Post.objects.filter(REPORT_POSTS, community_id=community.pk, anchor_id=moment.anchor_id,
                                    created_at__gte=start, created_at__lte=now, deleted=False, hidden=False,
                                    author_is_staff=False)
                .order_by("-created_at")
                .values_list("pk", "created_at", "author_key", "sig_error", "error_count", "confused_count")
                [:POSTS_READ])
    reporters = _reporters(rows, start)
    errors = {user_key for user_key, error in reporters.items() if error}
    theme = ""
    if len(errors) < ERROR_LEARNERS or not error_figures.unusual:
        theme = shared_theme(rows, minimum=THEME_LEARNERS) if figures.unusual else ""
        if not theme:
            return None
    posts = [(pk, at) for pk, at, *_rest in reversed(rows)]
    return alerts.raise_or_join(
        community, AlertKind.ERROR_SPREAD, moment.anchor_id, now, posts, locked=True,
        detail=lambda: {"learners": len(reporters), "error_learners": len(errors), "window_hours": WINDOW_HOURS,
                        "observed": error_figures.observed, "expected": round(error_figures.expected, 2),
                        "reports": figures.observed, "reports_expected": round(figures.expected, 2),
                        "theme": theme or shared_theme(rows)})


def _join(moment, current, post, fresh):
    """``post`` joins the current alert. A post written by this write cannot be in it already: no lock. A post
    that drew a reaction may be, and two reactions at once must not both add it: under the firing lock."""
    if not fresh:
        moment.lock()
    return alerts.join(current, [(post.pk, post.created_at)], moment.now, fresh=fresh)


def _reporters(rows, start):
    """{learner: reported an error} for the window's report posts and their confused / error reactions."""
    reporters = defaultdict(bool)
    for _pk, _at, author, sig_error, _errors, _confused in rows:
        reporters[author] |= sig_error
    reacted = [pk for pk, _at, _author, _sig, error_count, confused_count in rows if error_count or confused_count]
    if reacted:
        for user_key, kind in Reaction.objects.filter(
                post_id__in=reacted, kind__in=REPORT_REACTIONS,
                created_at__gte=start).values_list("user_key", "kind"):
            reporters[user_key] |= kind == ReactionKind.FOUND_ERROR
    return reporters


def shared_theme(rows, minimum=2):
    """The keyphrase most reporters share (the alert names it, as they wrote it), or "" when fewer than
    ``minimum`` distinct learners share one."""
    author_of = {pk: author for pk, _at, author, *_rest in rows}
    learners, surfaces = defaultdict(set), {}
    for post_id, key, surface in Keyphrase.objects.filter(post_id__in=list(author_of)).values_list(
            "post_id", "key", "surface"):
        learners[key].add(author_of[post_id])
        surfaces.setdefault(key, surface)
    best = max(learners, key=lambda key: (len(learners[key]), key), default=None)
    return surfaces[best] if best is not None and len(learners[best]) >= minimum else ""
