"""The two phases of a community, course then alumni, and what each lets learners do.

The switch date is the course end the runtime exposes, or the date the author set. Each phase has a policy:
``open`` (read and write), ``read_only`` (read; follow and flag still work) or ``closed`` (hidden from
learners). After the optional end of the alumni window the space becomes read-only. Staff are never
limited: they keep moderating in every phase. A phase change never deletes anything.
"""
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import NotAllowed

COURSE, ALUMNI = "course", "alumni"
SETTINGS = ("course_end", "course_policy", "alumni_policy", "alumni_until")  # what the phase depends on
OPEN, READ_ONLY, CLOSED = "open", "read_only", "closed"


@dataclass(frozen=True)
class PhaseState:
    phase: str  # COURSE or ALUMNI
    policy: str  # OPEN, READ_ONLY or CLOSED
    switch_at: datetime | None  # when the course phase ends (None: never, as far as we know)
    window_over: bool = False  # the alumni window has ended

    @property
    def is_alumni(self):
        return self.phase == ALUMNI


def phase_state(settings, runtime_course_end=None, now=None):
    """Where the community stands now. ``settings`` holds course_end, policies and alumni_until (ISO dates)."""
    now = now or timezone.now()
    switch_at = course_end_moment(settings.get("course_end"), runtime_course_end)
    if switch_at is None or now < switch_at:
        return PhaseState(COURSE, settings.get("course_policy") or OPEN, switch_at)
    until = _day_end(settings.get("alumni_until"))
    if until is not None and now > until:
        return PhaseState(ALUMNI, READ_ONLY if settings.get("alumni_policy") != CLOSED else CLOSED, switch_at,
                          window_over=True)
    return PhaseState(ALUMNI, settings.get("alumni_policy") or OPEN, switch_at)


def course_end_moment(course_end_setting, runtime_course_end=None):
    """When the course phase ends: the runtime's course end, else the end of the author's ``course_end`` day."""
    return runtime_course_end or _day_end(course_end_setting)


def require_can_read(state, viewer):
    if state.policy == CLOSED and not viewer.is_staff:
        raise NotAllowed(_("This community is closed."))


def can_contribute(state, viewer):
    """Whether the viewer may post, reply, edit, react and accept answers in this phase."""
    return viewer.is_staff or state.policy == OPEN


def require_can_contribute(state, viewer):
    """Posting, replying, editing, reacting and accepting answers."""
    require_can_read(state, viewer)
    if not can_contribute(state, viewer):
        raise NotAllowed(_("This community is read-only now: you can read the conversations but not add to them."))


def _day_end(value):
    """The end of the given ISO day, in the site's time zone, or None."""
    if not value:
        return None
    return timezone.make_aware(datetime.combine(date.fromisoformat(value), time.max))
