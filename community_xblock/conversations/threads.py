"""Writing in a community: start a thread, reply, edit, delete, accept an answer.

Every function runs in one transaction: it validates, checks permission, then writes rows and moves the
denormalised counters with ``F()`` expressions, so concurrent writers never lose a count.
"""
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import ThreadChange, record_new_post, record_thread_change, thread_facts
from community_xblock.aggregates.facts import ThreadFacts
from community_xblock.conversations import pace, search, visits
from community_xblock.conversations.analysed import apply_analysis, reanalyse, store_keyphrases
from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, InvalidInput
from community_xblock.core.lookups import lock_thread, post_for, thread_for
from community_xblock.core.markup import render_markdown, visible_text
from community_xblock.insights import detectors
from community_xblock.models import Anchor, Follow, Post, Thread, ThreadKind

TITLE_MIN_LENGTH = 3
BODY_MAX_LENGTH = 10_000


def start_thread(space, viewer, *, kind, title, body, anchor=None, anonymous=False, now=None, source_id=None,
                 detect=True):
    """Open a conversation; ``anchor`` is a ``UnitComponent`` of the unit or None. Returns the Thread.

    ``now`` stamps the writes and ``source_id`` names the post where it came from (an import replays a past
    timeline with each post's own time and id). ``detect``: the detectors see the post (not one about to wait
    for review: nobody sees it yet).
    """
    permissions.require_signed_in(viewer)
    live = now is None
    now = now or timezone.now()
    body_html = rendered_body(body)
    with transaction.atomic():
        if live:  # an import replays history, which slow mode does not judge
            pace.check_pace(space, viewer)
        anchor_row = _anchor_row(space.community, anchor) if anchor else None
        thread = Thread.objects.create(
            community=space.community, run=space.run, kind=kind, title=title, anchor=anchor_row,
            author_key=viewer.user_key, created_at=now, last_activity_at=now, follower_count=1,
        )
        opening = _new_post(space, thread, viewer, body, body_html, anonymous=anonymous, now=now, is_opening=True,
                            title=title, source_id=source_id)
        thread.opening_post = opening
        thread.save(update_fields=["opening_post"])
        # People hear back about what they started: the author follows their own thread.
        Follow.objects.create(thread=thread, user_key=viewer.user_key, created_at=now)
        record_new_post(opening, thread, None, opening.analysis.keyphrases, thread_after=ThreadFacts.of(thread))
        if detect:
            detectors.post_written(space, opening, thread, now)
    return thread


def reply(space, viewer, *, thread_id, body, parent_id=None, anonymous=False, now=None, source_id=None,
          detect=True):
    """Answer a thread (a response) or a response (a comment). Returns the new Post; ``detect`` as for
    ``start_thread``."""
    permissions.require_signed_in(viewer)
    live = now is None
    now = now or timezone.now()
    body_html = rendered_body(body)
    with transaction.atomic():
        thread = thread_for(space, viewer, thread_id, for_update=True, related=("anchor",))
        if thread.closed or (not viewer.is_staff and pace.auto_closed(thread, space.close_after_days, now)):
            raise Conflict(_("This conversation is closed to new replies."))
        if live:  # an import replays history, which slow mode does not judge
            pace.check_pace(space, viewer, thread)
        parent = None
        if parent_id is not None:
            parent = post_for(space, viewer, parent_id)  # the thread lock above covers it
            if parent.thread_id != thread.pk:
                raise InvalidInput(
                    _("%(field)s must be a response in the same conversation."), field="parent_id",
                )
            if parent.parent_id or parent.is_opening:
                raise InvalidInput(
                    _("%(field)s must be a response: comments can only answer a response."), field="parent_id",
                )
        before = thread_facts(thread)
        post = _new_post(space, thread, viewer, body, body_html, anonymous=anonymous, now=now, parent=parent,
                         source_id=source_id)
        counter = "comment_count" if parent else "response_count"
        Thread.objects.filter(pk=thread.pk).update(**{counter: F(counter) + 1}, last_activity_at=now)
        setattr(thread, counter, getattr(thread, counter) + 1)
        if parent is None and viewer.user_key != thread.author_key and thread.first_response_at is None:
            # Time to first answer, for the evaluation: only the first response by someone else sets it.
            Thread.objects.filter(pk=thread.pk, first_response_at__isnull=True).update(first_response_at=now)
            thread.first_response_at = now
        record_new_post(post, thread, parent, post.analysis.keyphrases, thread_before=before,
                        thread_after=ThreadFacts.of(thread, before.accepted_author_key))
        if detect:
            detectors.post_written(space, post, thread, now)
    return post


def edit(space, viewer, *, post_id, body, title=None, now=None):
    """Change a post's text (and its thread's title, for an opening post). Returns the Post."""
    body_html = rendered_body(body)
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        permissions.require_author_or_staff(viewer, post.author_key, permissions.EDIT_REFUSAL)
        if title is not None:
            if not post.is_opening:
                raise InvalidInput(
                    _("%(field)s can only be changed on the opening post of a conversation."), field="title",
                )
            Thread.objects.filter(pk=post.thread_id).update(title=title)
        post.body = body
        post.body_html = body_html
        post.edited_at = now or timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        thread = Thread.objects.select_related("anchor").get(pk=post.thread_id)
        reanalyse(post, thread)
        search.index_post(post, thread.title if post.is_opening else "")
    return post


def delete(space, viewer, *, post_id):
    """Soft-delete a post (its author or staff). Deleting the opening post deletes the thread.

    Rows stay in the database: staff decisions and evaluations may still need them, and nothing a learner
    wrote is ever destroyed by a click.
    """
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        permissions.require_author_or_staff(viewer, post.author_key, permissions.DELETE_REFUSAL)
        change = _change_for(post)
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(deleted=True)
        elif not post.hidden:
            change_visible_replies(post, -1)
        Post.objects.filter(pk=post.pk).update(deleted=True)
        # Said on the post: undoing a staff deletion gives the accepted mark back (moderation/undo.py).
        post.was_accepted = bool(Thread.objects.filter(pk=post.thread_id, accepted_post=post)
                                 .update(accepted_post=None))
        # A deleted response takes its comments with it: their flags no longer wait for review.
        flags_gone = post.flag_count + (_comment_flags(post) if post.kind == "response" else 0)
        if flags_gone:
            Thread.objects.filter(pk=post.thread_id).update(flag_count=F("flag_count") - flags_gone)
        change.record()
    return post


def restore(post_id, accepted=False):
    """Undo a deletion (staff, through the moderation log): the inverse of ``delete``, step by step.
    ``accepted`` gives back the accepted-answer mark the deletion took. The caller checked the right to."""
    with transaction.atomic():
        post = Post.objects.select_related("thread", "parent").get(pk=post_id)
        lock_thread(post.thread_id)
        post.refresh_from_db()
        if not post.deleted:
            return post
        change = _change_for(post)
        Post.objects.filter(pk=post.pk).update(deleted=False)
        post.deleted = False
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(deleted=False)
        elif not post.hidden:
            change_visible_replies(post, 1)
        if accepted:
            Thread.objects.filter(pk=post.thread_id, accepted_post=None).update(accepted_post=post)
        flags_back = post.flag_count + (_comment_flags(post) if post.kind == "response" else 0)
        if flags_back:
            Thread.objects.filter(pk=post.thread_id).update(flag_count=F("flag_count") + flags_back)
        change.record()
    return post


def _change_for(post):
    """What deleting ``post`` touches: the whole thread for its opening post, a response with its comments,
    or the comment alone."""
    if post.is_opening:
        return ThreadChange(post.thread_id)
    return ThreadChange(post.thread_id, [post.pk], with_comments_of=None if post.parent_id else post.pk)


def _comment_flags(response):
    return response.comments.filter(deleted=False).aggregate(total=Sum("flag_count", default=0))["total"]


def accept(space, viewer, *, post_id, accepted=True):
    """Mark (or unmark) a response as the accepted answer of its question. Returns the response."""
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        thread = thread_for(space, viewer, post.thread_id)
        permissions.require_can_accept(viewer, thread)
        if thread.kind != ThreadKind.QUESTION:
            raise InvalidInput(
                _("%(field)s must be a response to a question: only questions have accepted answers."),
                field="post_id",
            )
        if post.is_opening or post.parent_id:
            raise InvalidInput(
                _("%(field)s must be a response: only a response can be the accepted answer."), field="post_id",
            )
        before = thread_facts(thread)
        if accepted:
            thread.accepted_post = post
        elif thread.accepted_post_id == post.pk:
            thread.accepted_post = None
        thread.save(update_fields=["accepted_post"])
        accepted_author = post.author_key if thread.accepted_post_id == post.pk else before.accepted_author_key
        record_thread_change(thread.community_id, before, ThreadFacts.of(thread, accepted_author))
    return post


def change_visible_replies(post, delta):
    """Move the thread's reply counters when ``post`` appears (+1) or disappears (-1) for learners.

    A response takes its comments with it; comments that are themselves hidden or deleted were never
    counted.
    """
    if post.is_opening:
        return
    if post.parent_id:
        if post.parent.hidden or post.parent.deleted:
            return
        Thread.objects.filter(pk=post.thread_id).update(comment_count=F("comment_count") + delta)
        return
    visible_comments = post.comments.filter(deleted=False, hidden=False).count()
    Thread.objects.filter(pk=post.thread_id).update(
        response_count=F("response_count") + delta,
        comment_count=F("comment_count") + delta * visible_comments,
    )


def rendered_body(body):
    """The sanitised HTML of ``body``; a body that sanitises to nothing is refused rather than shown empty."""
    html = render_markdown(body)
    if not visible_text(html):
        raise InvalidInput(_("%(field)s has nothing left to show once unsafe markup is removed."), field="body")
    return html


def _new_post(space, thread, viewer, body, body_html, *, anonymous, now, parent=None, is_opening=False, title="",
              source_id=None):
    """A post in ``thread``, written in the space's run, analysed."""
    post = Post(
        community=space.community, thread=thread, parent=parent, is_opening=is_opening, anchor_id=thread.anchor_id,
        run=space.run,
        author_key=viewer.user_key, author_name=viewer.username, author_is_staff=viewer.is_staff, anonymous=anonymous,
        body=body, body_html=body_html, created_at=now, source_id=source_id,
    )
    analysis = apply_analysis(post, thread, title)
    post.week = week_of(now)
    post.save()
    store_keyphrases(post, analysis, thread.anchor_id)
    search.index_post(post, title)
    # Writing is being here: the author counts among the space's visitors from their first post.
    visits.record_visit(space.community, viewer, now=now)
    return post


def week_of(moment):
    """The Monday starting the (site-local) week of ``moment``: reports group posts by it."""
    day = timezone.localtime(moment).date()
    return day - timedelta(days=day.weekday())


def _anchor_row(community, component):
    """The Anchor for a unit component, its display name refreshed to what the course calls it now."""
    anchor, created = Anchor.objects.get_or_create(
        community=community, usage_key=component.usage_key,
        defaults={"display_name": component.display_name, "category": component.category},
    )
    if not created and anchor.display_name != component.display_name:
        anchor.display_name = component.display_name
        anchor.save(update_fields=["display_name"])
    return anchor
