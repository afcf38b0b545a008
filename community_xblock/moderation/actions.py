"""What the course team does to keep a community healthy: pin, close, hide, delete, and undo.

Nothing here destroys a row: hiding and deleting are flags, and every decision is logged (``log.py``) in the
transaction that applies it, with what undoing it needs, so a decision can be reviewed and undone. Decisions
on flags are the review queue's (``queue.py``).
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import ThreadChange
from community_xblock.conversations import threads
from community_xblock.conversations.threads import change_visible_replies
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, InvalidInput, NotFound
from community_xblock.core.lookups import post_for, thread_for
from community_xblock.models import ModerationAction, ModerationKind, Post, Thread
from community_xblock.moderation import log

THREAD_SWITCHES = {"pinned", "closed", "hidden"}
UNDO_REFUSED = _("This decision cannot be undone: it was undone already, or it undoes another.")


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
    return post


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
        accepted = Thread.objects.filter(accepted_post_id=post_id).exists()
        post = threads.delete(space, viewer, post_id=post_id)
        if viewer.is_staff and post.author_key != viewer.user_key:
            log.record(space, viewer, ModerationKind.DELETE_POST, thread_id=post.thread_id, post=post,
                       reason=reason, detail={"accepted": accepted})
    return post


def undo(space, viewer, *, action_id, reason=""):
    """Undo a logged decision of this community; the undo is logged too, linked to it. Returns the undo."""
    from community_xblock.moderation import queue  # the queue's decisions are undone by the queue

    permissions.require_staff(viewer)
    with transaction.atomic():
        action = (ModerationAction.objects.select_for_update().select_related("thread", "post")
                  .filter(community=space.community, pk=action_id).first())
        if action is None:
            raise NotFound(_("No such decision in this community."))
        if not log.undoable(action):
            raise Conflict(UNDO_REFUSED)
        try:
            with transaction.atomic():
                if action.kind in queue.DECISION_KINDS.values():
                    queue.reopen(space, viewer, action, reason)
                else:
                    _apply_undo(space, viewer, action, reason)
        except IntegrityError:  # a concurrent undo of the same decision won (one undo each)
            raise Conflict(UNDO_REFUSED) from None
    return ModerationAction.objects.get(reverses=action)


def _apply_undo(space, viewer, action, reason):
    if action.kind in log.SWITCH_OF_KIND:
        switch, value = log.SWITCH_OF_KIND[action.kind]
        if getattr(action.thread, switch) != value:
            raise Conflict(_("The conversation changed since this decision: it no longer holds."))
        set_thread_state(space, viewer, thread_id=action.thread_id, switch=switch, value=not value, reason=reason,
                         reverses=action)
    elif action.kind in (ModerationKind.HIDE_POST, ModerationKind.SHOW_POST, ModerationKind.HOLD_POST):
        hidden = action.kind != ModerationKind.SHOW_POST
        if is_hidden(action.post) != hidden or action.post.deleted:
            raise Conflict(_("The post changed since this decision: it no longer holds."))
        set_post_hidden(space, viewer, post_id=action.post_id, hidden=not hidden, reason=reason, reverses=action)
        Post.objects.filter(pk=action.post_id).update(held_for_review=False, held_reason="")
    else:  # DELETE_POST
        threads.restore(action.post_id, accepted=action.detail.get("accepted", False))
        log.record(space, viewer, log.UNDO[action.kind], thread_id=action.thread_id, post=action.post,
                   reason=reason, reverses=action)
