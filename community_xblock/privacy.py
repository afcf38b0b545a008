"""A learner's own data: the export they can download, and what is left when their account is retired.

Retirement follows the Moodle forum pattern: the person's text and personal data are blanked, the thread
structure and everybody else's replies stay, so conversations still read. The LMS retirement pipeline sends
``USER_RETIRE_LMS_MISC``; ``apps.plugin_app`` connects ``on_user_retired`` to it.
"""
import hashlib

from django.db import transaction
from django.db.models import F

from community_xblock.aggregates import changes as aggregates
from community_xblock.core import course_cache
from community_xblock.models import (
    CandidateDecision,
    CharterAcceptance,
    CommunityExpert,
    Endorsement,
    Event,
    EventReminder,
    Flag,
    FlaggerRecord,
    Follow,
    Keyphrase,
    ModerationAction,
    Post,
    Reaction,
    Rsvp,
    TalentOptOut,
    Thread,
    Visit,
    WatchedWord,
)

RETIRED_NAME = ""
RETIRED_PREFIX = "retired-"


def is_retired_key(user_key):
    return user_key.startswith(RETIRED_PREFIX)


def export_posts(community, viewer):
    """Everything the viewer wrote in this community (deleted posts included: they are still theirs)."""
    if not viewer.is_authenticated:
        return []
    posts = (Post.objects.filter(community=community, author_key=viewer.user_key)
             .select_related("thread", "thread__anchor").order_by("created_at", "pk"))
    return [{
        "id": post.pk,
        "kind": post.kind,
        "thread_id": post.thread_id,
        "thread_title": post.thread.title,
        "component": post.thread.anchor.display_name if post.thread.anchor_id else None,
        "run": post.run,
        "created_at": post.created_at.isoformat(),
        "edited_at": post.edited_at.isoformat() if post.edited_at else None,
        "anonymous_to_peers": post.anonymous,
        "deleted": post.deleted,
        "body": post.body,
    } for post in posts]


def retire_user(user_key):
    """Blank what ``user_key`` wrote and who they were, in every community. Returns how many posts."""
    retired_key = RETIRED_PREFIX + hashlib.sha256(user_key.encode("utf-8")).hexdigest()[:16]
    with transaction.atomic():
        aggregates.retire(user_key, retired_key)
        # Themes are the person's own words too.
        Keyphrase.objects.filter(post__author_key=user_key).delete()
        blanked = Post.objects.filter(author_key=user_key).update(
            body="", body_html="", author_name=RETIRED_NAME, author_key=retired_key,
        )
        Thread.objects.filter(author_key=user_key).update(title="", author_key=retired_key)
        for follow in Follow.objects.filter(user_key=user_key):
            Thread.objects.filter(pk=follow.thread_id).update(follower_count=F("follower_count") - 1)
        Follow.objects.filter(user_key=user_key).delete()
        Visit.objects.filter(user_key=user_key).delete()
        # Their reactions and flags keep counting, but no longer point at them.
        Reaction.objects.filter(user_key=user_key).update(user_key=retired_key)
        Flag.objects.filter(user_key=user_key).update(user_key=retired_key, reason="")
        # The review queue's records and the moderation log keep their counts, not the person.
        FlaggerRecord.objects.filter(user_key=user_key).update(user_key=retired_key)
        ModerationAction.objects.filter(actor_key=user_key).update(actor_key=retired_key, actor_name=RETIRED_NAME)
        WatchedWord.objects.filter(added_by=user_key).update(added_by=retired_key)
        # The talent detector forgets them: no badge, no decision about them; their endorsements keep counting.
        for expert in CommunityExpert.objects.filter(user_key=user_key):
            course_cache.forget(expert, course_cache.EXPERTS)  # the row names its course as a community does
        for model in (CommunityExpert, CandidateDecision, TalentOptOut):
            model.objects.filter(user_key=user_key).delete()
        Endorsement.objects.filter(endorser_key=user_key).update(endorser_key=retired_key)
        Endorsement.objects.filter(person_key=user_key).update(person_key=retired_key)
        # Events: their answers keep counting, their acceptance of the charter holds, their name goes.
        Rsvp.objects.filter(user_key=user_key).update(user_key=retired_key)
        EventReminder.objects.filter(user_key=user_key).delete()
        CharterAcceptance.objects.filter(user_key=user_key).update(user_key=retired_key)
        Event.objects.filter(host_key=user_key).update(host_key=retired_key, host_name=RETIRED_NAME)
    return blanked


def on_user_retired(sender, user=None, **kwargs):
    """Receiver for the LMS's ``USER_RETIRE_LMS_MISC`` signal (sent with ``user``, ``retired_username``)."""
    if user is not None and user.pk is not None:
        retire_user(str(user.pk))
