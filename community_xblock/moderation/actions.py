"""What the course team does to keep a community healthy: pin, close, hide and delete.

Nothing here destroys a row: hiding and deleting are flags, so a decision can be reviewed and undone.
"""
from django.db import transaction
from django.utils.translation import gettext_noop as _

from community_xblock.aggregates.changes import ThreadChange
from community_xblock.conversations.threads import change_visible_replies
from community_xblock.core import permissions
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import post_for, thread_for
from community_xblock.models import Post, Thread

THREAD_SWITCHES = {"pinned", "closed", "hidden"}


def set_thread_state(space, viewer, *, thread_id, switch, value):
    """Pin/unpin, close/reopen, hide/unhide a whole thread. Returns the Thread."""
    permissions.require_staff(viewer)
    if switch not in THREAD_SWITCHES:
        raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="state",
                           choices=", ".join(sorted(THREAD_SWITCHES)))
    with transaction.atomic():
        thread = thread_for(space, viewer, thread_id, for_update=True)
        # Hiding takes the whole conversation out of the aggregates (and showing it brings it back).
        change = ThreadChange(thread.pk) if switch == "hidden" and thread.hidden != value else None
        setattr(thread, switch, value)
        thread.save(update_fields=[switch])
        if change:
            change.record()
    return thread


def set_post_hidden(space, viewer, *, post_id, hidden):
    """Hide a post from learners (or show it again); staff keep seeing it. Returns the Post."""
    permissions.require_staff(viewer)
    with transaction.atomic():
        post = post_for(space, viewer, post_id, lock=True)
        if post.is_opening:
            # The opening post is the thread: hiding it hides the conversation.
            set_thread_state(space, viewer, thread_id=post.thread_id, switch="hidden", value=hidden)
            return post
        if post.hidden != hidden:
            change = ThreadChange(post.thread_id, [post.pk], with_comments_of=None if post.parent_id else post.pk)
            Post.objects.filter(pk=post.pk).update(hidden=hidden)
            change_visible_replies(post, -1 if hidden else 1)
            if hidden:
                Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
            change.record()
    return post
