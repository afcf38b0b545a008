"""Questions and course issues nobody has answered ``FIRST_THRESHOLD`` after they were asked.

Checked at most once an hour per community, by the first write of that hour (a compare-and-set on
``Community.unanswered_checked_at``, so concurrent writers do not check twice); each check reads the questions
that crossed the threshold since the previous check, through the unanswered-threads index. Each crosses once:
a question answered later simply leaves the "needs the course team" queue.
"""
from collections import defaultdict
from datetime import timedelta

from community_xblock.insights.detectors import alerts
from community_xblock.models import AlertKind, Community, Thread, ThreadKind

FIRST_THRESHOLD = timedelta(hours=24)
AGE_THRESHOLDS_HOURS = (24, 72, 168)  # the queue's age bands
CHECK_EVERY = timedelta(hours=1)
FIRST_LOOK_BACK = timedelta(days=7)  # how far back the first check of a community looks
QUESTIONS_READ = 200
WAITING_KINDS = (ThreadKind.QUESTION, ThreadKind.COURSE_ISSUE)


def check(space, now):
    community = space.community
    previous = community.unanswered_checked_at
    if previous is not None and now - previous < CHECK_EVERY:
        return []
    if not Community.objects.filter(pk=community.pk, unanswered_checked_at=previous).update(
            unanswered_checked_at=now):
        return []  # another write checked first
    community.unanswered_checked_at = now
    since = (previous or now - FIRST_LOOK_BACK) - FIRST_THRESHOLD
    waiting = waiting_threads(community, now).filter(created_at__gt=since).order_by("created_at")
    by_anchor = defaultdict(list)
    for anchor_id, opening_id, created_at in waiting.values_list(
            "anchor_id", "opening_post_id", "created_at")[:QUESTIONS_READ]:
        if opening_id:
            by_anchor[anchor_id].append((opening_id, created_at))
    return [alerts.raise_or_join(community, AlertKind.UNANSWERED, anchor_id, now, posts,
                                 detail={"questions": len(posts), "hours": FIRST_THRESHOLD // timedelta(hours=1)})
            for anchor_id, posts in by_anchor.items()]


def waiting_threads(community, now):
    """Threads waiting for an answer past the first threshold: the "needs the course team" queue."""
    return Thread.objects.filter(community=community, kind__in=WAITING_KINDS, response_count=0, deleted=False,
                                 hidden=False, closed=False, created_at__lte=now - FIRST_THRESHOLD)


def age_band(created_at, now):
    """The largest age threshold (hours) the question has passed."""
    hours = (now - created_at) / timedelta(hours=1)
    return max((band for band in AGE_THRESHOLDS_HOURS if hours >= band), default=AGE_THRESHOLDS_HOURS[0])
