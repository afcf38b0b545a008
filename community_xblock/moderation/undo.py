"""Undoing a logged decision: each kind by its inverse, once, and only while it still holds.

The decision's row is locked first (one undo at a time; the database's one-to-one ``reverses`` keeps it to one
undo even across processes), then its thread, as every writer locks it. A decision the conversation has moved
on from (a pin undone by hand, a hold decided since, a slow mode that ran out) is refused with 409 rather than
reapplied; the undo is logged as a decision of its own, linked to the one it undoes.
"""
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.conversations import threads
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, NotFound
from community_xblock.core.lookups import lock_thread
from community_xblock.models import ModerationAction, ModerationKind
from community_xblock.moderation import actions, log, queue

UNDO_REFUSED = _("This decision cannot be undone: it was undone already, or it undoes another.")


def undo(space, viewer, *, action_id, reason=""):
    """Undo a logged decision of this community; the undo is logged too, linked to it. Returns the undo."""
    permissions.require_staff(viewer)
    with transaction.atomic():
        # The decision's row alone first (one undo at a time), then its thread, as every writer locks it.
        action = ModerationAction.objects.select_for_update().filter(community=space.community, pk=action_id).first()
        if action is None:
            raise NotFound(_("No such decision in this community."))
        if not log.undoable(action):
            raise Conflict(UNDO_REFUSED)
        if action.thread_id:
            lock_thread(action.thread_id)
        action = ModerationAction.objects.select_related("thread", "post").get(pk=action.pk)
        try:
            with transaction.atomic():
                if action.kind in queue.DECISION_KINDS.values():
                    queue.reopen(space, viewer, action, reason)
                else:
                    _apply_undo(space, viewer, action, reason)
        except IntegrityError:  # a concurrent undo of the same decision won (one undo each)
            raise Conflict(UNDO_REFUSED) from None
        undone = ModerationAction.objects.filter(reverses=action).first()
        if undone is None:  # nothing to undo any more (slow mode that ran out, a post shown since...)
            raise Conflict(_("This decision no longer holds: there is nothing left to undo."))
    return undone


def _apply_undo(space, viewer, action, reason):
    if action.kind in log.SWITCH_OF_KIND:
        switch, value = log.SWITCH_OF_KIND[action.kind]
        if getattr(action.thread, switch) != value:
            raise Conflict(_("The conversation changed since this decision: it no longer holds."))
        actions.set_thread_state(space, viewer, thread_id=action.thread_id, switch=switch, value=not value,
                                 reason=reason, reverses=action)
    elif action.kind in (ModerationKind.HIDE_POST, ModerationKind.SHOW_POST, ModerationKind.HOLD_POST):
        hidden = action.kind != ModerationKind.SHOW_POST
        still_held = action.kind != ModerationKind.HOLD_POST or action.post.held_for_review
        if actions.is_hidden(action.post) != hidden or action.post.deleted or not still_held:
            raise Conflict(_("The post changed since this decision: it no longer holds."))
        actions.set_post_hidden(space, viewer, post_id=action.post_id, hidden=not hidden, reason=reason,
                                reverses=action)
    elif action.kind in (ModerationKind.SLOW_ON, ModerationKind.SLOW_OFF):
        _undo_slow_mode(space, viewer, action, reason)
    else:  # DELETE_POST
        threads.restore(action.post_id, accepted=action.detail.get("accepted", False))
        log.record(space, viewer, log.UNDO[action.kind], thread_id=action.thread_id, post=action.post,
                   reason=reason, reverses=action)


def _undo_slow_mode(space, viewer, action, reason):
    """Undo starting slow mode (end it, if it still runs as started) or ending it (start it again until it
    would have ended, if that is still to come)."""
    target = actions.slow_target(space, viewer, action.thread_id)
    until = datetime.fromisoformat(action.detail["until"])
    if action.kind == ModerationKind.SLOW_ON:
        if target.slow_until != until or until <= timezone.now():
            raise Conflict(_("Slow mode changed since this decision: it no longer holds."))
        actions.end_slow_mode(space, viewer, thread_id=action.thread_id, reason=reason, reverses=action)
        return
    if until <= timezone.now() or (target.slow_until and target.slow_until > timezone.now()):
        raise Conflict(_("Slow mode changed since this decision: it no longer holds."))
    with transaction.atomic():
        type(target).objects.filter(pk=target.pk).update(slow_seconds=action.detail["minutes"] * 60, slow_until=until)
        log.record(space, viewer, ModerationKind.SLOW_ON, thread_id=action.thread_id, reason=reason,
                   reverses=action, detail={"minutes": action.detail["minutes"], "until": until.isoformat()})
