"""What the course team does to keep a community healthy: pin, close, hide, delete, slow mode.

Nothing here destroys a row: hiding and deleting are flags, and every decision is logged (``log.py``) in the
transaction that applies it, with what undoing it needs (``undo.py``). Decisions on flags are the review
queue's (``queue.py``).
"""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import ThreadChange
from community_xblock.conversations import threads
from community_xblock.conversations.threads import change_visible_replies
from community_xblock.core import permissions
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import post_for, thread_for
from community_xblock.models import Community, ModerationKind, Post, Thread, ThreadKind
from community_xblock.moderation import log

THREAD_SWITCHES = {"pinned", "closed", "hidden"}


def pinned_note(space, viewer, *, title, body, anchor=None, now=None):
    """A conversation from the course team, pinned on top of the space (a note about a bad buzz, a spotlight);
    ``anchor`` a UnitComponent or None. Returns the Thread."""
    permissions.require_staff(viewer)
    thread = threads.start_thread(space, viewer, kind=ThreadKind.DISCUSSION, title=title, body=body, anchor=anchor,
                                  now=now)
    return set_thread_state(space, viewer, thread_id=thread.pk, switch="pinned", value=True)


def set_thread_state(space, viewer, *, thread_id, switch, value, reason="", reverses=None):
    """Pin/unpin, close/reopen, hide/unhide a whole thread. Returns the Thread."""
    permissions.require_staff(viewer)
    if switch not in THREAD_SWITCHES:
        raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="state",
                           choices=", ".join(sorted(THREAD_SWITCHES)))
    with transaction.atomic():
        thread = thread_for(space, viewer, thread_id, for_update=True)
        if apply_thread_switch(thread, switch, value):
            log.record(space, viewer, log.SWITCH_KINDS[(switch, value)], thread_id=thread.pk, reason=reason,
                       reverses=reverses)
        if switch == "hidden" and thread.opening_post_id:
            # Decided by hand: an opening post held by the queue no longer waits for it.
            Post.objects.filter(pk=thread.opening_post_id).update(held_for_review=False, held_reason="")
    return thread


def apply_thread_switch(thread, switch, value):
    """Set one switch of a locked thread, moving the aggregates when hiding; False when it already was so."""
    if getattr(thread, switch) == value:
        return False
    # Hiding takes the whole conversation out of the aggregates (and showing it brings it back).
    change = ThreadChange(thread.pk) if switch == "hidden" else None
    setattr(thread, switch, value)
    thread.save(update_fields=[switch])
    if change:
        change.record()
    return True


def set_post_hidden(space, viewer, *, post_id, hidden, reason="", reverses=None):
    """Hide a post from learners (or show it again); staff keep seeing it. Returns the Post."""
    permissions.require_staff(viewer)
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        if post.is_opening:
            # The opening post is the thread: hiding it hides the conversation.
            set_thread_state(space, viewer, thread_id=post.thread_id, switch="hidden", value=hidden, reason=reason,
                             reverses=reverses)
            return post
        if apply_post_hidden(post, hidden):
            log.record(space, viewer, ModerationKind.HIDE_POST if hidden else ModerationKind.SHOW_POST,
                       thread_id=post.thread_id, post=post, reason=reason, reverses=reverses)
        # Staff decided by hand: the post no longer waits in the queue for a hold (its open flags still do).
        set_held(post, "")
    return post


def set_held(post, reason):
    """Mark ``post`` held for review for ``reason`` (flags, watched_word, premoderation), or not ("")."""
    Post.objects.filter(pk=post.pk).update(held_for_review=bool(reason), held_reason=reason)
    post.held_for_review, post.held_reason = bool(reason), reason


def apply_post_hidden(post, hidden):
    """Hide or show ``post`` (its thread's row locked) with counters and aggregates, whoever decided it: an
    opening post hides its conversation. False when it already was so."""
    if post.is_opening:
        return apply_thread_switch(Thread.objects.get(pk=post.thread_id), "hidden", hidden)
    if post.hidden == hidden:
        return False
    change = ThreadChange(post.thread_id, [post.pk], with_comments_of=None if post.parent_id else post.pk)
    Post.objects.filter(pk=post.pk).update(hidden=hidden)
    change_visible_replies(post, -1 if hidden else 1)
    if hidden:
        Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
    change.record()
    post.hidden = hidden
    return True


def is_hidden(post):
    """Whether learners no longer see ``post`` because of a hide (its own, or its conversation's)."""
    return Thread.objects.get(pk=post.thread_id).hidden if post.is_opening else post.hidden


def delete_post(space, viewer, *, post_id, reason=""):
    """Delete a post: its author's own choice, or a decision of the course team about someone else's post,
    which is logged (with the accepted-answer mark it takes away, for undoing). Returns the Post."""
    with transaction.atomic():
        post = threads.delete(space, viewer, post_id=post_id)
        if viewer.is_staff and post.author_key != viewer.user_key:
            log.record(space, viewer, ModerationKind.DELETE_POST, thread_id=post.thread_id, post=post,
                       reason=reason, detail={"accepted": post.was_accepted})
    return post


def set_slow_mode(space, viewer, *, thread_id=None, minutes, hours, reason="", reverses=None):
    """Slow mode on a thread (or the whole space, ``thread_id`` None): one post per ``minutes`` for each
    learner, ending by itself after ``hours``. Returns the Thread or the Community."""
    permissions.require_staff(viewer)
    until = timezone.now() + timedelta(hours=hours)
    with transaction.atomic():
        target = slow_target(space, viewer, thread_id)
        type(target).objects.filter(pk=target.pk).update(slow_seconds=minutes * 60, slow_until=until)
        target.slow_seconds, target.slow_until = minutes * 60, until
        log.record(space, viewer, ModerationKind.SLOW_ON, thread_id=thread_id, reason=reason, reverses=reverses,
                   detail={"minutes": minutes, "until": until.isoformat()})
    return target


def end_slow_mode(space, viewer, *, thread_id=None, reason="", reverses=None):
    """End slow mode now on a thread or the whole space (nothing logged when none was on)."""
    permissions.require_staff(viewer)
    with transaction.atomic():
        target = slow_target(space, viewer, thread_id)
        if not (target.slow_until and target.slow_until > timezone.now()):
            return target
        detail = {"minutes": target.slow_seconds // 60, "until": target.slow_until.isoformat()}
        type(target).objects.filter(pk=target.pk).update(slow_seconds=0, slow_until=None)
        target.slow_seconds, target.slow_until = 0, None
        log.record(space, viewer, ModerationKind.SLOW_OFF, thread_id=thread_id, reason=reason, reverses=reverses,
                   detail=detail)
    return target


def slow_target(space, viewer, thread_id):
    if thread_id is None:
        return Community.objects.select_for_update().get(pk=space.community.pk)
    return thread_for(space, viewer, thread_id, for_update=True)
