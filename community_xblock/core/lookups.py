"""Finding a community's threads and posts the way every rule needs them.

One rule for everybody: an id that is unknown, belongs to another community (or, when runs are isolated, to
another run), was deleted, or is hidden from this viewer gives the same 404, so ids cannot be probed across
communities. Every read and write goes through ``threads_visible_to``, ``thread_for`` or ``post_for``.
"""
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from community_xblock.core.errors import not_found
from community_xblock.models import Community, Post, Thread


@dataclass(frozen=True)
class Space:
    """What one request reads and writes: a community, the run the viewer is in, whether runs are isolated, and
    after how many quiet days a conversation closes.

    With shared runs (the default) every run of the course meets in one space; isolated, the request sees and
    answers only the threads started in its own run. New posts are always written in ``run``.
    """

    community: Community
    run: str
    isolated: bool = False
    close_after_days: int = 0  # conversations without activity for this long are closed (0: never)

    @property
    def run_filter(self):
        """The run threads must belong to, or None when every run is shared."""
        return self.run if self.isolated else None


def community_for(key):
    """The community of a block, created on first use (concurrent first uses agree on one row)."""
    try:
        return Community.objects.get(org=key.org, course=key.course, block_id=key.block_id)
    except Community.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return Community.objects.create(org=key.org, course=key.course, block_id=key.block_id)
    except IntegrityError:
        return Community.objects.get(org=key.org, course=key.course, block_id=key.block_id)


def space_for(key, isolated=False):
    """The space of a block for a request made in ``key.run``."""
    return Space(community=community_for(key), run=key.run, isolated=isolated)


def threads_visible_to(space, viewer):
    return Thread.objects.filter(visible_thread(space, viewer), community=space.community)


def visible_thread(space, viewer, through=""):
    """The condition for a thread the viewer may see in this space (``through``: the path to it, "post__thread__"
    from another table, so a query joins the thread rather than listing every visible one)."""
    condition = Q(**{f"{through}deleted": False})
    if space.run_filter:
        condition &= Q(**{f"{through}run": space.run_filter})
    if not viewer.is_staff:
        condition &= Q(**{f"{through}hidden": False})
    return condition


def thread_for(space, viewer, thread_id, for_update=False, related=()):
    threads = threads_visible_to(space, viewer)
    if related:
        threads = threads.select_related(*related)
    if for_update:
        threads = threads.select_for_update()
    try:
        return threads.get(pk=thread_id)
    except Thread.DoesNotExist:
        raise not_found("conversation") from None


def post_for(space, viewer, post_id, lock=False):
    """A post the viewer can see, with its thread (also checked for visibility).

    ``lock`` is for writes: every write to a post first locks its thread's row, then reads the post again.
    Inserting a row that references a post or thread takes a shared lock on it in InnoDB, and two writers
    that each hold one and wait for the other's exclusive lock deadlock; with one lock per thread taken
    first, writers to the same thread queue instead.
    """
    posts = Post.objects.select_related("thread", "parent").filter(
        community=space.community, deleted=False, thread__deleted=False,
    )
    if space.run_filter:
        posts = posts.filter(thread__run=space.run_filter)
    if not viewer.is_staff:
        posts = posts.filter(hidden=False, thread__hidden=False)
    try:
        post = posts.get(pk=post_id)
    except Post.DoesNotExist:
        raise not_found("post") from None
    if post.parent_id and (post.parent.deleted or (post.parent.hidden and not viewer.is_staff)):
        raise not_found("post")
    if lock:
        lock_thread(post.thread_id)
        try:
            post = posts.get(pk=post_id)
        except Post.DoesNotExist:
            # Hidden or deleted by the writer who held the lock first: gone for this viewer, as above.
            raise not_found("post") from None
    return post


def lock_thread(thread_id):
    list(Thread.objects.select_for_update().filter(pk=thread_id).values_list("pk"))
