"""Questions and course issues nobody has answered ``FIRST_THRESHOLD`` after they were asked.

Checked at most once an hour per community, by the first write of that hour: the cache remembers the last
check (so the other writes of the hour read nothing), and a compare-and-set on the community's DetectorState
row lets one writer through when several arrive at once. Each check reads the questions that crossed the
threshold since the previous one, through the unanswered-threads index, so each crosses once; a question answered
later simply leaves the "needs the course team" queue.
"""
from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache

from community_xblock.insights.detectors import alerts
from community_xblock.models import AlertKind, DetectorState, Thread, ThreadKind

FIRST_THRESHOLD = timedelta(hours=24)
AGE_THRESHOLDS_HOURS = (24, 72, 168)  # the queue's age bands
CHECK_EVERY = timedelta(hours=1)
FIRST_LOOK_BACK = timedelta(days=7)  # how far back the first check of a community looks
QUESTIONS_READ = 200
WAITING_KINDS = (ThreadKind.QUESTION, ThreadKind.COURSE_ISSUE)


def check(space, now):
    community = space.community
    # The creation time too: a database rebuilt (tests, a re-import) may give a new community an old id.
    key = f"community_xblock:unanswered_checked:{community.pk}:{community.created_at.timestamp()}"
    remembered = cache.get(key)
    if remembered is not None and timedelta(0) <= now - remembered < CHECK_EVERY:
        return []
    previous = DetectorState.objects.filter(community=community).values_list(
        "unanswered_checked_at", flat=True).first()
    if previous is not None and timedelta(0) <= now - previous < CHECK_EVERY:
        cache.set(key, previous, CHECK_EVERY.total_seconds())
        return []
    if not _take_turn(community, previous, now):
        return []  # another write checked first
    cache.set(key, now, CHECK_EVERY.total_seconds())
    since = (previous or now - FIRST_LOOK_BACK) - FIRST_THRESHOLD
    by_anchor = defaultdict(list)
    for kind in WAITING_KINDS:
        for anchor_id, opening_id, created_at in waiting_threads(community, now, kind).filter(
                created_at__gt=since).order_by("created_at").values_list(
                "anchor_id", "opening_post_id", "created_at")[:QUESTIONS_READ]:
            if opening_id:
                by_anchor[anchor_id].append((opening_id, created_at))
    return [alerts.raise_or_join(community, AlertKind.UNANSWERED, anchor_id, now, posts,
                                 detail=lambda posts=posts: {"questions": len(posts),
                                                             "hours": FIRST_THRESHOLD // timedelta(hours=1)})
            for anchor_id, posts in by_anchor.items()]


def _take_turn(community, previous, now):
    """Move the last check from ``previous`` to ``now``; False when another writer moved it first."""
    if previous is None and not DetectorState.objects.filter(community=community).exists():
        alerts.serialise(community)  # creates the row (the first check of this community)
    return bool(DetectorState.objects.filter(community=community, unanswered_checked_at=previous).update(
        unanswered_checked_at=now))


def waiting_threads(community, now, kind):
    """Threads of ``kind`` waiting for an answer past the first threshold. One kind at a time: with the kind
    and the answer count equal, every database reads them through the unanswered-threads index (with a list
    of kinds, SQLite reads every thread of the community by date instead)."""
    return Thread.objects.filter(community=community, kind=kind, response_count=0, deleted=False,
                                 hidden=False, closed=False, created_at__lte=now - FIRST_THRESHOLD)


def needing_the_team(community, now, shown):
    """The "needs the course team" queue: the ``shown`` oldest waiting questions and issues, and how many."""
    oldest, count = [], 0
    for kind in WAITING_KINDS:
        threads = waiting_threads(community, now, kind)
        oldest += threads.select_related("anchor").order_by("created_at")[:shown]
        count += threads.count()
    return sorted(oldest, key=lambda thread: (thread.created_at, thread.pk))[:shown], count


def age_band(created_at, now):
    """The largest age threshold (hours) the question has passed."""
    hours = (now - created_at) / timedelta(hours=1)
    return max((band for band in AGE_THRESHOLDS_HOURS if hours >= band), default=AGE_THRESHOLDS_HOURS[0])
