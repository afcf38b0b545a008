"""An optional participation grade that rewards quality over volume.

Points per post: a thread or a response of at least ``MIN_LENGTH`` characters earns 1 (a comment 0.5, shorter
posts nothing); every helpful or insightful reaction from someone else adds 0.5; an accepted answer adds 2.
A learner earns at most ``WEEKLY_CAP`` points in a calendar week, so a flood of posts in one week does not
outweigh steady participation; the grade is points / target, capped at 1.
"""
from collections import defaultdict

from django.db.models import F
from django.db.models.functions import Length

from .models import Post, Thread

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
    """The ``grade`` event data for ``user_key`` (``user_id`` lets the LMS grade the author of a post
    when someone else's action, a reaction or an accepted answer, changes their points)."""
    earned = min(points(community, user_key), float(target))
    data = {"value": round(earned, 2), "max_value": float(target)}
    if user_key.isdigit():
        data["user_id"] = int(user_key)
    return data
