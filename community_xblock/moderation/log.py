"""The moderation log: each decision of the course team with who took it, when and why.

Decisions are written by ``actions`` in the transaction that applies them, so the log never tells of a
decision that did not happen (nor misses one that did). Undoing one is a decision too, linked to the one it
undoes (``ModerationAction.reverses``: one undo each, enforced by the database).
"""
from community_xblock.core import permissions
from community_xblock.models import ModerationAction, ModerationKind

LOG_PAGE = 50

SWITCH_KINDS = {
    ("pinned", True): ModerationKind.PIN, ("pinned", False): ModerationKind.UNPIN,
    ("closed", True): ModerationKind.CLOSE, ("closed", False): ModerationKind.REOPEN,
    ("hidden", True): ModerationKind.HIDE_THREAD, ("hidden", False): ModerationKind.SHOW_THREAD,
}
SWITCH_OF_KIND = {kind: switch for switch, kind in SWITCH_KINDS.items()}
UNDO = {
    **{kind: SWITCH_KINDS[(switch, not value)] for (switch, value), kind in SWITCH_KINDS.items()},
    ModerationKind.HIDE_POST: ModerationKind.SHOW_POST, ModerationKind.SHOW_POST: ModerationKind.HIDE_POST,
    ModerationKind.HOLD_POST: ModerationKind.SHOW_POST,
    ModerationKind.SLOW_ON: ModerationKind.SLOW_OFF, ModerationKind.SLOW_OFF: ModerationKind.SLOW_ON,
    ModerationKind.DELETE_POST: ModerationKind.RESTORE_POST,
    **dict.fromkeys((ModerationKind.AGREE_FLAGS, ModerationKind.DISAGREE_FLAGS, ModerationKind.CLEAR_FLAGS),
                    ModerationKind.RESTORE_FLAGS),
}


def record(space, viewer, kind, *, thread_id, post=None, reason="", detail=None, reverses=None):
    """Log one decision (call inside the transaction that applies it); ``viewer`` None is the review queue
    itself (a post hidden when its flag score crossed the threshold)."""
    return ModerationAction.objects.create(
        community=space.community, kind=kind, thread_id=thread_id, post=post,
        actor_key=viewer.user_key if viewer else "", actor_name=(viewer.username or "") if viewer else "",
        reason=reason, detail=detail or {}, reverses=reverses)


def recent(space, viewer, limit=LOG_PAGE):
    """The latest decisions in this community, newest first, each with what undid it (staff only)."""
    permissions.require_staff(viewer)
    return list(ModerationAction.objects.filter(community=space.community)
                .select_related("thread", "reversed_by").order_by("-created_at", "-pk")[:limit])


def undoable(action):
    """Whether the log offers to undo ``action``: of a kind that has an inverse, not yet undone, and not
    itself an undo (a decision undone by mistake is taken again, and logged again)."""
    return action.kind in UNDO and action.reverses_id is None and not _has_undo(action)


def _has_undo(action):
    try:
        return action.reversed_by is not None
    except ModerationAction.DoesNotExist:
        return False


def present(action, gettext):
    """What the log shows of one decision (plain data: the JSON answer and the template read the same)."""
    return {
        "id": action.pk,
        "kind": action.kind,
        "label": gettext(ModerationKind(action.kind).label),
        "actor": action.actor_name or action.actor_key,  # "" when the review queue decided by itself
        "created_at": action.created_at,
        "thread_id": action.thread_id,
        "thread_title": action.thread.title if action.thread_id else gettext("The whole space"),
        "post_id": action.post_id,
        "reason": action.reason,
        "undoes": action.reverses_id,
        "undone": _has_undo(action),
        "can_undo": undoable(action),
    }
