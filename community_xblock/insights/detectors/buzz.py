"""Bad buzz: negativity on one component in the last two hours, far above that component's own past week.

Negativity is what the hour rows of ``ActivityTally`` count as such: frustration signals, open flags, confused
and found-an-error reactions (reactions and flags count in the hour of the post they are on), compared with
the week before (``figures.py``). An exceedance fires only when the window also holds at least ``MIN_POSTS``
negative posts from ``MIN_LEARNERS`` distinct learners: one person's rant, or one post flagged by many, is not a
buzz (the course team's own posts are never among them). While the alert is current, each negative post of the
ongoing burst joins it without reading the window again, and without the firing lock (a new post cannot be
in the alert twice; the alert's row takes the counts one writer at a time).
"""
from community_xblock.insights.detectors import alerts
from community_xblock.insights.detectors.evidence import NEGATIVE_COLUMNS, NEGATIVE_POSTS
from community_xblock.insights.detectors.figures import window_start
from community_xblock.models import AlertKind, Post

WINDOW_HOURS = 2  # this hour's row and the one before it: a burst across the hour is not cut in two
MIN_POSTS = 3
MIN_LEARNERS = 2
POSTS_READ = 200  # the window's posts read at most, once a figure is unusual
WINDOWS = {"negativity": (WINDOW_HOURS, NEGATIVE_COLUMNS)}


def check(space, moment, post=None):
    """``post``: the negative post just written (None for a reaction or a flag on an older post)."""
    figures = moment.figures["negativity"]
    if figures.observed < MIN_POSTS or not figures.unusual:
        return None
    current = moment.current.get(AlertKind.BAD_BUZZ)
    if current is not None and post is not None:  # the burst goes on: this post joins it, nothing else to read
        joined = alerts.join(current, [(post.pk, post.created_at)], moment.now, fresh=True)
        if joined is not None:
            return joined
    moment.lock()
    start = window_start(moment.now, WINDOW_HOURS)
    # The newest first: in a burst larger than the read, the posts that fired it are among those kept.
    posts = list(Post.objects.filter(NEGATIVE_POSTS, community_id=space.community.pk, anchor_id=moment.anchor_id,
                                     created_at__gte=start, created_at__lte=moment.now, deleted=False,
                                     hidden=False, author_is_staff=False)
                 .order_by("-created_at").values_list("pk", "created_at", "author_key")[:POSTS_READ])[::-1]
    learners = {author for _pk, _at, author in posts}
    if len(posts) < MIN_POSTS or len(learners) < MIN_LEARNERS:
        return None
    return alerts.raise_or_join(
        space.community, AlertKind.BAD_BUZZ, moment.anchor_id, moment.now, [(pk, at) for pk, at, _author in posts],
        locked=True, detail=lambda: {"observed": figures.observed, "expected": round(figures.expected, 2),
                                     "chance": figures.chance, "learners": len(learners)})
