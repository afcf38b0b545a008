"""Reading the review queue: the flagged posts of a community, heaviest first, each with its score explained,
the post in its context and its author's history in the course. A fixed number of queries per page: the
posts (by an index on open flags), their flags, the people's records, the authors' participation."""
from collections import defaultdict

from django.db.models import Sum
from django.utils import formats

from community_xblock.conversations.presenters import excerpt
from community_xblock.core import permissions
from community_xblock.models import Flag, FlaggerRecord, ModerationAction, ModerationKind, Participant, Post
from community_xblock.moderation.queue import BASE_WEIGHT, MIN_COURSE_DECISIONS, MIN_DECIDED, FlagWeight, threshold

QUEUE_PAGE = 20


def pending_count(space):
    """How many posts wait for a decision (the staff tools' badge)."""
    flagged, held = _pending(space)
    return flagged.count() + held.filter(flag_count=0).count()


def _pending(space):
    """Posts with open flags, and posts held for review, that staff can still reach: not gone with a deleted
    response, and in this run when runs are isolated. Two queries, each read through its own index (one
    ``flagged OR held`` makes SQLite read every post of the community)."""
    posts = Post.objects.filter(community=space.community, deleted=False, thread__deleted=False) \
        .exclude(parent__deleted=True)
    if space.run_filter:
        posts = posts.filter(thread__run=space.run_filter)
    # ``__in=[True]``: Django writes ``held_for_review=True`` as the bare column, which no index matches.
    return posts.filter(flag_count__gt=0), posts.filter(held_for_review__in=[True])


def _heaviest(space, count):
    """The ``count`` pending posts with the highest flag score (then the newest)."""
    found = {}
    for side in _pending(space):
        for post in side.select_related("thread", "parent").order_by("-flag_score", "-pk")[:count]:
            found[post.pk] = post
    return sorted(found.values(), key=lambda post: (-post.flag_score, -post.pk))[:count]


def review_queue(space, viewer, gettext):
    """The queue's page: {threshold, explained threshold, items}, plain data (JSON and template alike)."""
    permissions.require_staff(viewer)
    community = space.community
    limit = threshold(community)
    posts = _heaviest(space, QUEUE_PAGE)
    flags = defaultdict(list)
    for flag in Flag.objects.filter(post__in=posts, decision=None).order_by("pk"):
        flags[flag.post_id].append(flag)
    people = {key for post in posts for key in [post.author_key, *(flag.user_key for flag in flags[post.pk])]}
    records = {row["user_key"]: row for row in FlaggerRecord.objects.filter(
        org=community.org, course=community.course, user_key__in=people).values()}
    written = dict(Participant.objects.filter(community__org=community.org, community__course=community.course,
                                              user_key__in={post.author_key for post in posts})
                   .values("user_key").annotate(total=Sum("posts")).values_list("user_key", "total"))
    # The word that held a post, as the queue's hold recorded it (the lists may have changed since).
    held_words = {post_id: detail.get("word", "") for post_id, detail in ModerationAction.objects.filter(
        post__in=[post for post in posts if post.held_reason == "watched_word"], kind=ModerationKind.HOLD_POST)
        .order_by("pk").values_list("post_id", "detail")}
    return {
        "pending": pending_count(space),
        "threshold": limit.value,
        "threshold_explained": _explain_threshold(limit, gettext),
        "items": [_item(post, flags[post.pk], records=records, written=written, limit=limit,
                        held_words=held_words, gettext=gettext) for post in posts],
    }


def _explain_threshold(limit, gettext):
    if not limit.from_history:
        return gettext("Posts are hidden pending review at a flag score of %(threshold)s (the default, until "
                       "the course has decided %(needed)s flags).") % {"threshold": _number(limit.value),
                                                          "needed": MIN_COURSE_DECISIONS}
    return gettext("Posts are hidden pending review at a flag score of %(threshold)s: staff agreed with "
                   "%(agreed)s of the course's %(decided)s decided flags.") % {
        "threshold": _number(limit.value), "agreed": limit.agreed, "decided": limit.agreed + limit.disagreed}


def _held_because(post, held_words, gettext):
    if post.held_reason == "premoderation":
        return gettext("Waiting for approval: the author's posts are checked before they are shown.")
    if post.held_reason == "watched_word":
        return gettext("Held: it contains the watched word “%(word)s”.") % {"word": held_words.get(post.pk, "")}
    return gettext("Hidden pending review: its flag score reached the threshold.")


def _item(post, flags, *, records, written, limit, held_words, gettext):
    author = records.get(post.author_key, {})
    return {
        "post_id": post.pk,
        "thread_id": post.thread_id,
        "thread_title": post.thread.title,
        "kind": post.kind,
        "context": excerpt(post.parent.body) if post.parent_id else "",
        "excerpt": excerpt(post.body),
        "author": post.author_name or post.author_key,
        "held": post.held_for_review,
        "held_because": _held_because(post, held_words, gettext) if post.held_for_review else "",
        "flagged": bool(flags),
        # actions.is_hidden, from the thread already read with the page (no query per item).
        "hidden": post.thread.hidden if post.is_opening else post.hidden,
        "score": round(post.flag_score, 2),
        "threshold": limit.value,
        "flags": [_flag(flag, records, gettext) for flag in flags],
        "author_history": gettext("The author in this course: visible posts %(posts)s; hidden after review "
                                  "before %(upheld)s.") % {"posts": written.get(post.author_key) or 0,
                                                "upheld": author.get("upheld_against", 0)},
    }


def _number(value):
    """A weight or score as the viewer's language writes it (1.5, 1,5), one decimal at least."""
    value = round(float(value), 2)
    return formats.number_format(value, decimal_pos=1 if value == round(value, 1) else 2)


def _flag(flag, records, gettext):
    """A flag's weight as it was made when raised (role × the flagger's record then), with their record now."""
    record = records.get(flag.user_key, {})
    role = FlagWeight(flag.by_staff, 0, 0).role_factor
    then = round(flag.weight / role / BASE_WEIGHT, 2)
    if not flag.user_key:
        who = gettext("The watched words' flag")
    else:
        who = gettext("A course team member's flag") if flag.by_staff else gettext("A learner's flag")
    agreed, disagreed = record.get("agreed", 0), record.get("disagreed", 0)
    track = gettext("their flags so far: %(agreed)s agreed, %(disagreed)s disagreed (the record counts from "
                    "%(needed)s decided flags)") % {"agreed": agreed, "disagreed": disagreed, "needed": MIN_DECIDED}
    return {
        "weight": round(flag.weight, 2),
        "reason": flag.reason if flag.user_key else gettext("contains the watched word “%(word)s”") % {
            "word": flag.reason},
        "explained": gettext("%(who)s: %(base)s × role ×%(role)s × track record ×%(record)s = %(weight)s") % {
            "who": who, "base": _number(BASE_WEIGHT), "role": _number(role), "record": _number(then),
            "weight": _number(flag.weight)},
        "record": track if flag.user_key else "",  # the queue's own flag has no record
    }
