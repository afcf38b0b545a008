"""An optional participation grade that rewards quality over volume.

Points per post: a thread or a response of at least ``MIN_LENGTH`` characters earns 1 (a comment 0.5, shorter
posts nothing); every helpful or insightful reaction from someone else adds 0.5; an accepted answer adds 2.
A learner earns at most ``WEEKLY_CAP`` points in a calendar week, so a flood of posts in one week does not
outweigh steady participation; the grade is points / target, capped at 1.

Whose grade: the LMS scores the user of the request that publishes the ``grade`` event and ignores any
``user_id`` in it (``xmodule/services.py`` ``EventPublishingService._handle_grade_event``). A learner's own
writes publish their grade at once; when someone else's reaction or acceptance changes an author's points,
``grade_changed`` leaves a ``PendingGrade`` row and the author's next request publishes it (``take_pending``).
"""
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone

from community_xblock.models import PendingGrade, Post, Thread

MIN_LENGTH = 80
WEEKLY_CAP = 5.0
ACCEPTED_BONUS = 2.0
REACTION_POINTS = 0.5


def points(community, user_key):
    """The learner's capped participation points in this community (weeks as stored with each post)."""
    posts = (Post.objects.filter(community=community, author_key=user_key, deleted=False, hidden=False)
             .annotate(length=Length("body"), liked=F("helpful_count") + F("insightful_count"))
             .values_list("pk", "week", "length", "is_opening", "parent_id", "liked"))
    accepted = set(Thread.objects.filter(community=community, accepted_post__author_key=user_key)
                   .values_list("accepted_post_id", flat=True))
    weekly = defaultdict(float)
    for pk, week, length, _is_opening, parent_id, liked in posts:
        earned = (0.5 if parent_id else 1.0) if length >= MIN_LENGTH else 0.0
        earned += REACTION_POINTS * liked + (ACCEPTED_BONUS if pk in accepted else 0.0)
        weekly[week] += earned
    return sum(min(total, WEEKLY_CAP) for total in weekly.values())


def grade_event(community, user_key, target):
    """The ``grade`` event data for the requesting learner ``user_key``."""
    earned = min(points(community, user_key), float(target))
    return {"value": round(earned, 2), "max_value": float(target)}


def grade_changed(community, user_key):
    """Someone else changed ``user_key``'s points: their grade is due on their next request."""
    try:
        with transaction.atomic():
            PendingGrade.objects.update_or_create(community=community, user_key=user_key,
                                                  defaults={"changed_at": timezone.now()})
    except IntegrityError:
        pass  # a parallel request marked it


def take_pending(community, user_key):
    """Whether a grade was due for ``user_key`` (and no longer is)."""
    removed, _rows = PendingGrade.objects.filter(community=community, user_key=user_key).delete()
    return bool(removed)
