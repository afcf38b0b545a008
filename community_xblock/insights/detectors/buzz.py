"""Bad buzz: negativity on one component in the last two hours, far above that component's own past week.

Negativity is what the hour rows of ``ActivityTally`` count as such: frustration signals, open flags, confused
and found-an-error reactions (reactions and flags count in the hour of the post they are on). The window's
count is compared with a Poisson law whose mean is the component's rate over the seven days before the window
(never below ``FLOOR_EXPECTED``: a new or quiet component has little history, and three angry posts in two hours
there are news). An exceedance fires only when the window also holds at least ``MIN_POSTS`` negative posts
from ``MIN_LEARNERS`` distinct learners: one person's rant, or one post flagged by many, is not a buzz (the
course team's own posts are never among them).
"""
import math
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Q, Sum

from community_xblock.aggregates.facts import EPOCH
from community_xblock.insights.detectors import alerts
from community_xblock.models import NOT_ABOUT_A_COMPONENT, ActivityTally, AlertKind, Post, TallyScope

WINDOW_HOURS = 2  # this hour's row and the one before it: a burst across the hour is not cut in two
BASELINE_HOURS = 7 * 24
FLOOR_EXPECTED = 0.25
SIGNIFICANCE = 0.005
MIN_POSTS = 3
MIN_LEARNERS = 2
POSTS_READ = 200  # the window's posts read at most, once a figure is unusual

NEGATIVITY = F("sig_frustration") + F("flags") + F("confused") + F("found_error")


def tail(observed, expected):
    """P(X >= observed) for X ~ Poisson(expected)."""
    term = math.exp(-expected)
    below = 0.0
    for count in range(observed):
        below += term
        term *= expected / (count + 1)
    return max(0.0, 1.0 - below)


def window_start(now, hours=WINDOW_HOURS):
    """The start of the window of ``hours`` hour rows that ends with the hour of ``now``."""
    hour = now.astimezone(EPOCH.tzinfo).replace(minute=0, second=0, microsecond=0)
    return hour - timedelta(hours=hours - 1)


@dataclass(frozen=True)
class HourFigures:
    observed: int  # what the window's hour rows count
    expected: float  # what the week before the window makes expected in a window this long
    chance: float  # P(at least ``observed``) if nothing unusual happened

    @property
    def unusual(self):
        return self.chance <= SIGNIFICANCE


def hour_figures(community, anchor_id, start, now, *counted):
    """One query: each of ``counted`` (expressions over ActivityTally columns) in the component's hour rows
    from ``start`` to ``now``, against the ``BASELINE_HOURS`` before ``start``; one HourFigures each."""
    window_hours = max(1, round((now - start) / timedelta(hours=1)))
    sums = {}
    for number, expression in enumerate(counted):
        sums[f"recent{number}"] = Sum(expression, filter=Q(start__gte=start), default=0)
        sums[f"past{number}"] = Sum(expression, filter=Q(start__lt=start), default=0)
    figures = ActivityTally.objects.filter(
        community_id=community.pk, scope=TallyScope.HOUR, component=anchor_id or NOT_ABOUT_A_COMPONENT,
        start__gte=start - timedelta(hours=BASELINE_HOURS), start__lte=now,
    ).aggregate(**sums)
    found = []
    for number in range(len(counted)):
        observed = figures[f"recent{number}"]
        expected = max(FLOOR_EXPECTED, figures[f"past{number}"] * window_hours / BASELINE_HOURS)
        found.append(HourFigures(observed, expected, tail(observed, expected)))
    return found if len(found) > 1 else found[0]


def check(space, anchor_id, now, post=None):
    """``post``: the negative post just written (None for a reaction or a flag on an older post)."""
    start = window_start(now)
    figures = hour_figures(space.community, anchor_id, start, now, NEGATIVITY)
    if figures.observed < MIN_POSTS or not figures.unusual:
        return None
    alerts.serialise(space.community)
    current = alerts.current(space.community, AlertKind.BAD_BUZZ, anchor_id, now)
    if current is not None and post is not None:  # the burst goes on: this post joins it, nothing else to read
        return alerts.join(current, [(post.pk, post.created_at)], now, fresh=True)
    negative = (Q(sig_frustration=True) | Q(confused_count__gt=0) | Q(error_count__gt=0) | Q(flag_count__gt=0))
    posts = list(Post.objects.filter(negative, community_id=space.community.pk, anchor_id=anchor_id,
                                     created_at__gte=start, created_at__lte=now, deleted=False, hidden=False,
                                     author_is_staff=False)
                 .order_by("created_at").values_list("pk", "created_at", "author_key")[:POSTS_READ])
    learners = {author for _pk, _at, author in posts}
    if len(posts) < MIN_POSTS or len(learners) < MIN_LEARNERS:
        return None
    return alerts.raise_or_join(
        space.community, AlertKind.BAD_BUZZ, anchor_id, now, [(pk, at) for pk, at, _author in posts], locked=True,
        detail=lambda: {"observed": figures.observed, "expected": round(figures.expected, 2),
                        "chance": figures.chance, "learners": len(learners)})
