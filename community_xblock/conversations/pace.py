"""The pace of a conversation: slow mode (a learner posts at most once per interval, for a while) and closing
after inactivity. The rules a write and a page apply; the course team's switches are in ``moderation/actions``.

Slow mode is set on a thread or on the whole space and ends by itself at ``slow_until``; the stricter of the
two applies. The course team is exempt. A conversation without activity for the author's ``close_after_days``
is closed to new replies, as if staff had closed it (the course team may still answer it). Imports replay
history, which slow mode does not judge.
"""
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import TooSoon
from community_xblock.models import Community, Post

SLOW_INTERVALS = (60, 300, 600, 1800, 3600)  # seconds between two posts of a learner
SLOW_DURATIONS = (1, 6, 24, 72)  # hours
CHOICES = {"minutes": [seconds // 60 for seconds in SLOW_INTERVALS], "hours": list(SLOW_DURATIONS)}  # the forms'


@dataclass(frozen=True)
class SlowMode:
    seconds: int
    until: object  # aware datetime
    whole_space: bool

    @property
    def minutes(self):
        return max(1, self.seconds // 60)


def active_modes(community, thread=None, now=None):
    """The slow modes running for a new post in ``thread`` (or a new thread): the space's, the thread's."""
    now = now or timezone.now()
    modes = []
    if community is not None and community.slow_until and community.slow_until > now and community.slow_seconds:
        modes.append(SlowMode(community.slow_seconds, community.slow_until, True))
    if thread is not None and thread.slow_until and thread.slow_until > now and thread.slow_seconds:
        modes.append(SlowMode(thread.slow_seconds, thread.slow_until, False))
    return modes


def slow_mode(community, thread=None, now=None):
    """The stricter running slow mode, as the page shows it, or None (``community`` None: the thread's own)."""
    return max(active_modes(community, thread, now), key=lambda mode: mode.seconds, default=None)


def check_pace(space, viewer, thread=None):
    """Refuse (429) a learner's post that comes sooner than any running slow mode allows. Call it inside the
    write's transaction: a whole-space slow mode locks the community's row, so that a learner's parallel
    requests are judged one after the other (a thread's mode is covered by the thread's lock)."""
    if viewer.is_staff:
        return
    modes = active_modes(space.community, thread)
    if not modes:
        return
    if any(mode.whole_space for mode in modes):
        list(Community.objects.select_for_update().filter(pk=space.community.pk).values_list("pk"))
    waits = []
    for mode in modes:
        mine = Post.objects.filter(community=space.community, author_key=viewer.user_key)
        if not mode.whole_space:
            mine = mine.filter(thread=thread)
        last = mine.order_by("-created_at").values_list("created_at", flat=True).first()
        if last is not None:
            waits.append(last + timedelta(seconds=mode.seconds) - timezone.now())
    wait = max(waits, default=timedelta(0))
    if wait > timedelta(0):
        raise TooSoon(_("Slow mode: you can post again here in %(minutes)s min."),
                      minutes=max(1, round(wait.total_seconds() / 60)))


def auto_closed(thread, close_after_days, now=None):
    """Whether ``thread`` is closed by inactivity (``close_after_days`` 0: never)."""
    if not close_after_days:
        return False
    return thread.last_activity_at < (now or timezone.now()) - timedelta(days=close_after_days)


def is_closed(thread, close_after_days, now=None):
    return thread.closed or auto_closed(thread, close_after_days, now)
