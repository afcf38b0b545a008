"""What one viewer may see of threads and posts, as plain dicts for the templates and the JSON answers.

Anonymity is applied here and nowhere else: peers get no name for an anonymous post, while its author and
the course team still see who wrote it. Flag counts are for the course team only (None for everybody else).
"""
import re
from dataclasses import dataclass

from django.utils.text import Truncator

from community_xblock.conversations import pace
from community_xblock.models import REACTION_COUNTER, ThreadKind
from community_xblock.platform.identity import jump_to_url
from community_xblock.privacy import is_retired_key

EXCERPT_WORDS = 40
MARKDOWN_MARKS = re.compile(r"[*_`#>~|]+|!?\[|\]\([^)]*\)")


@dataclass(frozen=True)
class Audience:
    """Everything about the viewer and the page that shapes how rows are shown."""

    viewer: object
    since: object  # datetime of the "new since" baseline, or None
    component_keys: frozenset  # usage keys of the unit's current components
    usage_id: object  # the block's usage id, to build jump_to URLs
    run: str = ""  # the course run the viewer is in: posts of other runs are labelled with theirs
    community: object = None  # the Community row: its slow mode
    close_after_days: int = 0  # the author's auto-close (see conversations/pace.py)
    experts: frozenset = frozenset()  # the user keys of the course's community experts (their badge)


def author_view(author_key, author_name, anonymous, audience, is_staff=False):
    viewer = audience.viewer
    is_you = bool(viewer.user_key) and viewer.user_key == author_key
    named = not anonymous or viewer.is_staff or is_you
    retired = is_retired_key(author_key)
    return {
        "name": author_name if named else None,
        "initials": initials(author_name) if named and not retired else "",
        "anonymous": anonymous,
        "is_you": is_you,
        "retired": retired,
        # The course team's answers are told apart; an anonymous staff post stays anonymous to learners.
        "staff": is_staff and named,
        # Not on an anonymous post seen by a peer: the badge would narrow down who wrote it.
        "expert": author_key in audience.experts and (named and not anonymous or viewer.is_staff),
    }


def anchor_view(anchor, audience):
    if anchor is None:
        return None
    removed = anchor.usage_key not in audience.component_keys
    return {
        "usage_key": anchor.usage_key,
        "name": anchor.display_name,
        "category": anchor.category,
        "removed": removed,
        "url": None if removed else jump_to_url(anchor.usage_key, audience.usage_id),
    }


def thread_summary(thread, audience, followed_ids=()):
    opening = thread.opening_post
    viewer = audience.viewer
    summary = {
        "id": thread.pk,
        "title": thread.title,
        "kind": thread.kind,
        "kind_label": ThreadKind(thread.kind).label,  # a msgid, translated in the template
        "run": thread.run,
        "other_run": bool(audience.run) and thread.run != audience.run,
        "pinned": thread.pinned,
        "closed": pace.is_closed(thread, audience.close_after_days),
        "auto_closed": not thread.closed and pace.auto_closed(thread, audience.close_after_days),
        "hidden": thread.hidden,
        "created_at": thread.created_at,
        "last_activity_at": thread.last_activity_at,
        "is_new": _is_new(thread.last_activity_at, audience) and thread.author_key != viewer.user_key,
        "following": thread.pk in followed_ids,
        "response_count": thread.response_count,
        "reply_count": thread.reply_count,
        "score": thread.score,
        "follower_count": thread.follower_count,
        "answered": thread.accepted_post_id is not None,
        "anchor": anchor_view(thread.anchor, audience),
        "author": author_view(thread.author_key, opening.author_name if opening else "",
                              opening.anonymous if opening else False, audience,
                              opening.author_is_staff if opening else False),
        "excerpt": excerpt(opening.body) if opening else "",
        # A search's marked title and passage (see the search handler); named here so every template lookup finds
        # its key: a missing one costs Django a logged exception per row.
        "title_html": None,
        "match_html": None,
    }
    summary["flag_count"] = thread.flag_count if viewer.is_staff else None
    return summary


def post_view(post, thread, audience, my_reactions=frozenset(), my_flags=frozenset(), *, can_contribute=True,
              my_endorsements=frozenset()):
    """One post as ``audience`` sees it. ``can_contribute`` is False when the phase lets the viewer read only:
    then only flagging stays offered (it works in every phase)."""
    viewer = audience.viewer
    author = author_view(post.author_key, post.author_name, post.anonymous, audience, post.author_is_staff)
    view = {
        "id": post.pk,
        "kind": post.kind,
        "parent_id": post.parent_id,
        "run": post.run,
        "other_run": bool(audience.run) and post.run != audience.run,
        "body": post.body if (author["is_you"] or viewer.is_staff) else None,
        "body_html": post.body_html,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "hidden": post.hidden,
        "is_new": _is_new(post.created_at, audience) and not author["is_you"],
        "author": author,
        "accepted": thread.accepted_post_id == post.pk,
        "reactions": [
            {"kind": kind, "count": getattr(post, counter), "mine": (post.pk, kind) in my_reactions}
            for kind, counter in REACTION_COUNTER.items()
        ],
        "flagged_by_me": post.pk in my_flags,
        "can_edit": (author["is_you"] or viewer.is_staff) and can_contribute and viewer.is_authenticated,
        "can_react": viewer.is_authenticated and not author["is_you"] and can_contribute,
        "can_flag": viewer.is_authenticated and not author["is_you"],
        # "Knows this topic": a peer's word about a learner who posts under their name.
        "can_endorse": (viewer.is_authenticated and not viewer.is_staff and not author["is_you"] and can_contribute
                        and not post.anonymous and not post.author_is_staff and not author["retired"]),
        "endorsed": post.author_key in my_endorsements,
        "comments": [],
    }
    view["flag_count"] = post.flag_count if viewer.is_staff else None
    return view


def thread_detail(read, audience, can_contribute=True):
    """The thread page: summary, opening post, responses each with their comments.

    ``can_contribute`` is False when the community's phase lets the viewer read only.
    """
    thread = read.thread
    viewer = audience.viewer
    views = {
        post.pk: post_view(post, thread, audience, read.my_reactions, read.my_flags, can_contribute=can_contribute,
                           my_endorsements=read.my_endorsements)
        for post in read.posts
    }
    opening, responses = None, []
    for post in read.posts:
        view = views[post.pk]
        if post.is_opening:
            opening = view
        elif post.parent_id:
            views[post.parent_id]["comments"].append(view)
        else:
            responses.append(view)
    # An accepted answer is read first, right after the question.
    responses.sort(key=lambda response: not response["accepted"])
    summary = thread_summary(thread, audience, {thread.pk} if read.following else ())
    summary.update({
        "opening": opening,
        "responses": responses,
        # The course team may still answer a conversation closed by inactivity (and so wake it up).
        "can_reply": viewer.is_authenticated and can_contribute and (
            not summary["closed"] or (viewer.is_staff and summary["auto_closed"])),
        "slow_mode": _slow_mode_view(audience, thread),
        "can_accept": (thread.kind == "question" and can_contribute and viewer.is_authenticated
                       and (viewer.is_staff or viewer.user_key == thread.author_key)),
    })
    return summary


def _slow_mode_view(audience, thread):
    """The slow mode a post in ``thread`` meets (its own or the space's, the stricter), and whether the thread
    has one of its own (staff end that one in the thread, the space's in the staff tools)."""
    mode = pace.slow_mode(audience.community, thread) if audience.community is not None else None
    if mode is None:
        return None
    return {"minutes": mode.minutes, "until": mode.until, "whole_space": mode.whole_space,
            "thread_has_own": pace.slow_mode(None, thread) is not None}


def space_slow_mode(community):
    """The whole space's slow mode, as the page shows it (None when off)."""
    mode = pace.slow_mode(community)
    return {"minutes": mode.minutes, "until": mode.until} if mode else None


def component_prompts(components, prompts):
    """The author's per-component prompts, for the components still in the unit, in course order."""
    return [{"component": component, "prompt": prompts[component.usage_key]}
            for component in components if prompts.get(component.usage_key)]


def excerpt(markdown_text):
    """The first words of a post as plain text (Markdown marks and link targets dropped)."""
    return Truncator(MARKDOWN_MARKS.sub("", markdown_text[:2000])).words(EXCERPT_WORDS)


def initials(name):
    """The avatar's letters: the first of the first two words ("Zsófia Kovács" -> "ZK"), or of the one word."""
    letters = [word[0] for word in name.split() if word[:1].isalnum()]
    return "".join(letters[:2]).upper()


def _is_new(moment, audience):
    return audience.since is not None and moment > audience.since
