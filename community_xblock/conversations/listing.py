"""Reading a community: pages of threads and one thread with its replies.

Query budget, whatever the size of the community: a page of threads is one query for the rows (with their
anchor and opening post) plus one for which of them the viewer follows; a thread is one query for the
thread, one for its posts, and one each for the viewer's reactions, flags and follow on them.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop as _

from community_xblock.core import permissions
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import thread_for, threads_visible_to
from community_xblock.core.validation import read_choice, read_page, read_text
from community_xblock.models import Endorsement, Flag, Follow, Reaction, ThreadKind

PAGE_SIZE = 20
SORT_ORDERS = {
    "active": ("-pinned", "-last_activity_at"),
    "new": ("-created_at",),
    "top": ("-score", "-last_activity_at"),
    "unanswered": ("-created_at",),
}
SHOW_FILTERS = {"all", "following", "flagged"}


@dataclass
class ThreadPage:
    threads: list
    has_more: bool
    followed_ids: set = field(default_factory=set)


@dataclass
class ThreadWithPosts:
    thread: object
    posts: list
    my_reactions: set
    my_flags: set
    following: bool
    my_endorsements: set = field(default_factory=set)  # authors of these posts the viewer endorsed in the unit


def list_threads(space, viewer, *, sort="active", anchor_key="", show="all", page=1):
    """One page of the threads the viewer may see, in the requested order."""
    threads = threads_visible_to(space, viewer).select_related("anchor", "opening_post")
    if sort == "unanswered":
        threads = threads.filter(kind=ThreadKind.QUESTION, response_count=0)
    if anchor_key:
        threads = threads.filter(anchor__usage_key=anchor_key)
    if show == "following":
        threads = threads.filter(follows__user_key=viewer.user_key)
    elif show == "flagged":
        permissions.require_staff(viewer)
        threads = threads.filter(flag_count__gt=0)
    start = (page - 1) * PAGE_SIZE
    rows = list(threads.order_by(*SORT_ORDERS[sort])[start:start + PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    followed = set()
    if rows and viewer.is_authenticated:
        followed = set(
            Follow.objects.filter(thread__in=rows, user_key=viewer.user_key).values_list("thread_id", flat=True)
        )
    return ThreadPage(threads=rows, has_more=has_more, followed_ids=followed)


def thread_row(space, viewer, thread_id):
    """One thread with what its summary shows (anchor, opening post)."""
    return thread_for(space, viewer, thread_id, related=("anchor", "opening_post"))


def read_thread(space, viewer, thread_id):
    """A thread with every post the viewer may see, oldest first, and the viewer's own marks on them."""
    thread = thread_row(space, viewer, thread_id)
    posts = thread.posts.filter(deleted=False).order_by("created_at", "pk")
    if not viewer.is_staff:
        posts = posts.filter(hidden=False)
    posts = list(posts)
    visible_ids = {post.pk for post in posts}
    # A comment whose response is gone goes with it.
    posts = [post for post in posts if post.parent_id is None or post.parent_id in visible_ids]
    my_reactions, my_flags, following, my_endorsements = set(), set(), False, set()
    if viewer.is_authenticated and posts:
        my_reactions = set(
            Reaction.objects.filter(post__in=posts, user_key=viewer.user_key).values_list("post_id", "kind")
        )
        my_flags = set(Flag.objects.filter(post__in=posts, user_key=viewer.user_key).values_list("post_id", flat=True))
        following = Follow.objects.filter(thread=thread, user_key=viewer.user_key).exists()
        my_endorsements = set(Endorsement.objects.filter(
            community=space.community, endorser_key=viewer.user_key,
            person_key__in={post.author_key for post in posts}).values_list("person_key", flat=True))
    return ThreadWithPosts(thread, posts, my_reactions, my_flags, following, my_endorsements)


def read_list_options(payload, viewer):
    """Validated (sort, anchor_key, show, page) from a list request."""
    sort = read_choice(payload, "sort", set(SORT_ORDERS), default="active")
    show = read_choice(payload, "show", SHOW_FILTERS, default="all")
    anchor_key = read_text(payload, "component", max_length=255, required=False, min_length=0)
    page = read_page(payload)
    if show == "following" and not viewer.is_authenticated:
        raise InvalidInput(_("%(field)s: sign in to see the conversations you follow."), field="show")
    return sort, anchor_key, show, page
