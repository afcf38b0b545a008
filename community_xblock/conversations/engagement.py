"""Light-weight signals learners give: reactions, follows and flags.

Each is a row guarded by a unique constraint, so repeating one is a no-op; the counter it feeds moves only
when a row was really added or removed, in the same transaction.
"""
from dataclasses import replace

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import record_post_change, record_reaction
from community_xblock.aggregates.facts import PostFacts
from community_xblock.core import permissions
from community_xblock.core.lookups import post_for, thread_for
from community_xblock.insights import detectors
from community_xblock.models import (
    REACTION_COUNTER,
    REVISION_REACTIONS,
    SCORING_REACTIONS,
    Flag,
    Follow,
    Post,
    Reaction,
    Thread,
)

FLAG_REASON_MAX_LENGTH = 500


def react(space, viewer, *, post_id, kind, active=True, now=None):
    """Add or remove the viewer's reaction of ``kind`` to a post. Returns the Post."""
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        permissions.require_not_own(viewer, post.author_key, _("You cannot react to your own post."))
        changed = _toggle_row(Reaction.objects, active, post=post, user_key=viewer.user_key, kind=kind,
                              defaults={"created_at": now or timezone.now()})
        if changed:
            counter = REACTION_COUNTER[kind]
            weight = {"revision_weight": F("revision_weight") + changed} if kind in REVISION_REACTIONS else {}
            Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + changed}, **weight)
            if post.is_opening and kind in SCORING_REACTIONS:
                Thread.objects.filter(pk=post.thread_id).update(score=F("score") + changed)
            record_reaction(post, PostFacts.of(post, post.thread, post.parent), counter, changed,
                            reactor_key=viewer.user_key, kind=kind)
            if changed > 0:
                detectors.reaction_added(space, post, kind, now or timezone.now(), by_staff=viewer.is_staff)
    return post


def follow(space, viewer, *, thread_id, active=True):
    """Follow or unfollow a thread. Returns the Thread, its follower count fresh."""
    permissions.require_signed_in(viewer)
    with transaction.atomic():
        thread = thread_for(space, viewer, thread_id, for_update=True)
        changed = _toggle_row(Follow.objects, active, thread=thread, user_key=viewer.user_key)
        if changed:
            Thread.objects.filter(pk=thread.pk).update(follower_count=F("follower_count") + changed)
        thread.refresh_from_db(fields=["follower_count"])
    return thread


def flag(space, viewer, *, post_id, reason="", active=True, now=None, weight=1.0):
    """Report a post to the course team (or withdraw one's open report); ``weight`` is what the flag adds to
    the post's flag score (the review queue decides it). Returns the Post and the weight added (negative when
    withdrawn, 0 when nothing changed)."""
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        permissions.require_not_own(viewer, post.author_key, _("You cannot flag your own post."))
        if active:
            _row, created = Flag.objects.get_or_create(
                post=post, user_key=viewer.user_key,
                defaults={"reason": reason, "created_at": now or timezone.now(), "weight": weight,
                          "by_staff": viewer.is_staff})
            moved = weight if created else 0
            if created:
                move_flag_counts(post, 1, weight)
                detectors.reaction_added(space, post, "flag", now or timezone.now(), by_staff=viewer.is_staff)
            return post, moved
        # Only an open flag can be withdrawn: a decided one is the course team's record.
        withdrawn = Flag.objects.filter(post=post, user_key=viewer.user_key, decision=None).first()
        if withdrawn is None:
            return post, 0
        withdrawn.delete()
        move_flag_counts(post, -1, -withdrawn.weight)
        return post, -withdrawn.weight


def move_flag_counts(post, delta, weight):
    """Open flags on ``post`` moved by ``delta`` and its flag score by ``weight`` (raised, withdrawn, decided
    or reopened): the post's and thread's counters and the aggregates."""
    Post.objects.filter(pk=post.pk).update(flag_count=F("flag_count") + delta, flag_score=F("flag_score") + weight)
    Thread.objects.filter(pk=post.thread_id).update(flag_count=F("flag_count") + delta)
    before = PostFacts.of(post, post.thread, post.parent)
    record_post_change(post.community_id, before, replace(before, flags=before.flags + delta))


def _toggle_row(manager, active, defaults=None, **key):
    """Create or delete the row identified by ``key``. Returns +1, -1, or 0 when nothing changed."""
    if active:
        _row, created = manager.get_or_create(defaults=defaults or {}, **key)
        return 1 if created else 0
    removed, _rows = manager.filter(**key).delete()
    return -removed
