"""Tracking events, in the shape of the Open edX forum's, so Open edX analytics count them as discussion.

Names follow ``edx.forum.{thread|response|comment}.{created|edited|deleted|voted|reported|unreported}``,
``edx.forum.response.mark``, ``edx.forum.thread.{locked|unlocked|followed|unfollowed|viewed}``; what the
forum has no name for uses ``edx.community.*``. Bodies are cut at ``BODY_LIMIT`` characters with
``truncated``. Each function returns ``(name, data)``; the block publishes it through ``runtime.publish``.

Ids are strings, as the forum's are: event-routing-backends builds each xAPI object id with
``context.path.replace(data.id, '')`` (``processors/xapi/event_transformers/forum_events.py``), which fails
on a number. Only the allow-listed ``edx.forum.*`` names become xAPI statements (see the README's table);
comments have no vote in the forum's schema, so a helpful reaction on a comment sends only our own event.
"""
from dataclasses import dataclass

BODY_LIMIT = 2000


@dataclass(frozen=True)
class Source:
    """Who acted, and in which community block (the forum's "commentable")."""

    viewer: object
    commentable_id: str
    is_expert: bool = False  # a community expert of the course (insights/talent)


def _base(post_kind, thread, commentable_id):
    return {
        "commentable_id": commentable_id,
        "discussion": {"id": commentable_id},
        "thread_type": thread.kind,
        "run": thread.run,
        "component_id": thread.anchor.usage_key if thread.anchor_id else None,
        "category_name": None,
        "kind": post_kind,
    }


def _post_base(source, post):
    """Fields of every event about one post; ``id`` is the thread's for an opening post, as in the forum."""
    return {**_base(post.kind, post.thread, source.commentable_id), **_user_roles(source),
            "id": str(post.thread_id if post.is_opening else post.pk)}


def _thread_base(source, thread):
    return {**_base("thread", thread, source.commentable_id), **_user_roles(source), "id": str(thread.pk)}


def _body(text):
    return {"body": text[:BODY_LIMIT], "truncated": len(text) > BODY_LIMIT}


def _user_roles(source):
    """The forum's role fields, and ours: ``community_roles`` says "expert" for a promoted community expert (the
    forum's "Community TA" would claim moderation rights an expert does not have)."""
    viewer = source.viewer
    return {"user_forums_roles": ["Moderator" if viewer.is_staff else "Student"],
            "user_course_roles": ["Staff"] if viewer.is_staff else [],
            "community_roles": ["expert"] if source.is_expert else []}


def content_event(source, action, post):
    """created / edited / deleted, for the opening post (thread), a response or a comment."""
    kind, thread = post.kind, post.thread
    data = {**_base(kind, thread, source.commentable_id), **_body(post.body), **_user_roles(source),
            "id": str(thread.pk if kind == "thread" else post.pk),
            "anonymous": False, "anonymous_to_peers": post.anonymous}
    if kind == "thread":
        data["title"] = thread.title[:BODY_LIMIT]
        data["title_truncated"] = len(thread.title) > BODY_LIMIT
    else:
        data["response"] = {"id": str(post.parent_id or post.pk)}
        data["thread_id"] = str(thread.pk)
    return f"edx.forum.{kind}.{action}", data


def reaction_event(source, post, reaction, active):
    """'Helpful' is the forum's up-vote; every reaction kind is also sent under its own name."""
    data = {**_post_base(source, post), "reaction": reaction,
            "target_username": None if post.anonymous else post.author_name}
    events = [(f"edx.community.reaction.{'added' if active else 'removed'}", data)]
    if reaction == "helpful" and post.kind != "comment":
        events.append((f"edx.forum.{post.kind}.voted", {**data, "vote_value": "up", "undo_vote": not active}))
    return events


def report_event(source, post, active):
    data = {**_post_base(source, post), "target_username": None if post.anonymous else post.author_name}
    return f"edx.forum.{post.kind}.{'reported' if active else 'unreported'}", data


def mark_event(source, post, accepted):
    data = {**_post_base(source, post), "id": str(post.pk), "thread_id": str(post.thread_id), "marked": accepted,
            "target_username": None if post.anonymous else post.author_name}
    return "edx.forum.response.mark", data


def thread_state_event(source, thread, switch, value):
    """Closing is the forum's lock; pinning and hiding have no forum name."""
    data = {**_thread_base(source, thread)}
    names = {
        "closed": ("edx.forum.thread.locked", "edx.forum.thread.unlocked"),
        "pinned": ("edx.community.thread.pinned", "edx.community.thread.unpinned"),
        "hidden": ("edx.community.thread.hidden", "edx.community.thread.unhidden"),
    }
    return names[switch][0 if value else 1], data


def post_hidden_event(source, post, hidden):
    data = {**_post_base(source, post), "id": str(post.pk)}
    return f"edx.community.{post.kind}.{'hidden' if hidden else 'unhidden'}", data


def follow_event(source, thread, active):
    data = {**_thread_base(source, thread), "title": thread.title[:BODY_LIMIT]}
    return f"edx.forum.thread.{'followed' if active else 'unfollowed'}", data


def viewed_event(source, thread):
    data = {**_thread_base(source, thread), "title": thread.title[:BODY_LIMIT]}
    return "edx.forum.thread.viewed", data


def moderation_undone_event(source, undo):
    """A decision of the course team was undone (``undo`` is the logged undo, linked to the decision)."""
    where = _thread_base(source, undo.thread) if undo.thread_id else _space_base(source)  # the whole space
    data = {**where, "action_id": str(undo.reverses_id), "undone": undo.reverses.kind, "kind": undo.kind}
    return "edx.community.moderation.undone", data


def flags_decided_event(source, post, decision):
    """Staff decided on a post's open flags in the review queue: agreed, disagreed or ignored."""
    data = {**_post_base(source, post), "id": str(post.pk), "decision": decision}
    return "edx.community.flags.decided", data


def flags_cleared_event(source, post):
    data = {**_post_base(source, post), "id": str(post.pk)}
    return "edx.community.flags.cleared", data


def _space_base(source):
    return {"commentable_id": source.commentable_id, "discussion": {"id": source.commentable_id},
            **_user_roles(source)}


def alert_event(source, alert, status):
    """Staff acknowledged or resolved an alert of the detectors."""
    data = {**_space_base(source), "id": str(alert.pk), "kind": alert.kind, "status": status,
            "component_id": alert.anchor.usage_key if alert.anchor_id else None}
    return f"edx.community.alert.{status}", data


def erratum_event(source, erratum):
    """The course team published a correction (no text: the erratum's body is on the threads it answered)."""
    data = {**_space_base(source), "id": str(erratum.pk), "alert_id": str(erratum.alert_id),
            "component_id": erratum.anchor.usage_key if erratum.anchor_id else None}
    return "edx.community.erratum.published", data


def talent_event(source, action, user_key, role=None):
    """The course team promoted a community expert, took the badge back, or decided on a candidate; a learner
    endorsed a peer or left the suggestions. ``user_key`` is the person it is about."""
    data = {**_space_base(source), "user_id": user_key, **({"role": role} if role else {})}
    return f"edx.community.talent.{action}", data


def event_planned_event(source, event):
    """The course team planned a hot-spot event (for a unit, or the whole course)."""
    data = {**_space_base(source), "id": str(event.pk), "kind": event.kind, "course_wide": event.community_id is None,
            "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat()}
    return "edx.community.event.planned", data


def rsvp_event(source, event, answer):
    """Someone answered going, interested or not going to an event."""
    return "edx.community.event.answered", {**_space_base(source), "id": str(event.pk), "answer": answer}
