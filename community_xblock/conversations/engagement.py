"""Light-weight signals learners give: reactions, follows and flags.

Each is a row guarded by a unique constraint, so repeating one is a no-op; the counter it feeds moves only
when a row was really added or removed, in the same transaction.
"""
from dataclasses import replace
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import record_post_change
from community_xblock.aggregates.facts import PostFacts
from community_xblock.core import permissions
from community_xblock.core.lookups import lock_thread, post_for, thread_for
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
            before = PostFacts.of(post, post.thread, post.parent)
            record_post_change(post.community_id, before, before.with_reaction(counter, changed))
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


def flag(space, viewer, *, post_id, reason="", active=True, now=None):
    """Report a post to the course team (or withdraw one's report). Returns the Post."""
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        permissions.require_not_own(viewer, post.author_key, _("You cannot flag your own post."))
        changed = _toggle_row(Flag.objects, active, post=post, user_key=viewer.user_key,
                              defaults={"reason": reason, "created_at": now or timezone.now()})
        if changed:
            _move_flag_counts(post, changed)
    return post


def clear_flags(space, viewer, *, post_id):
    """Staff: the post was reviewed; its open flags are closed. Returns the Post."""
    permissions.require_staff(viewer)
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        cleared, _rows = Flag.objects.filter(post=post).delete()
        if cleared:
            _move_flag_counts(post, -cleared)
    return post


def open_flags(post):
    """The open flags on a post, as plain data (what clearing them would lose)."""
    return [{"user_key": user_key, "reason": reason, "created_at": created_at.isoformat()}
            for user_key, reason, created_at in post.flags.order_by("pk").values_list("user_key", "reason",
                                                                                      "created_at")]


def restore_flags(post_id, flags):
    """Undo a clearing (staff, through the moderation log): the flags in ``flags`` (as ``open_flags`` gave
    them) are open again, except those their authors raised again since. The caller checked the right to."""
    with transaction.atomic():
        post = Post.objects.select_related("thread", "parent").get(pk=post_id)
        lock_thread(post.thread_id)
        post.refresh_from_db()
        rows = [Flag(post=post, user_key=flag["user_key"], reason=flag["reason"],
                     created_at=datetime.fromisoformat(flag["created_at"])) for flag in flags]
        existing = set(post.flags.values_list("user_key", flat=True))
        Flag.objects.bulk_create([row for row in rows if row.user_key not in existing])
        added = len({row.user_key for row in rows} - existing)
        if added:
            _move_flag_counts(post, added)
    return post


def _move_flag_counts(post, delta):
    Post.objects.filter(pk=post.pk).update(flag_count=F("flag_count") + delta)
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
