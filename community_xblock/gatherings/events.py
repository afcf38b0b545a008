"""Planning a hot-spot event: what the course team gives, checked before anything is written.

Times arrive as a local date and time (``2026-03-04T18:00``) with the IANA time zone they were planned in
(``Europe/Budapest``): stored in UTC, shown and exported in that zone, so a learner's calendar puts the session at
the right hour whatever its own zone, and a daylight-saving change between planning and the event moves nothing.
"""
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import permissions
from community_xblock.core.errors import InvalidInput, NotFound
from community_xblock.core.markup import render_markdown, visible_text
from community_xblock.core.validation import check_text
from community_xblock.gatherings import reminders
from community_xblock.insights.talent.decisions import experts_named
from community_xblock.models import EVENT_TITLE_MAX_LENGTH, Event, EventKind
from community_xblock.moderation.actions import pinned_note

DESCRIPTION_MAX_LENGTH = 5_000
LINK_MAX_LENGTH = 500
MAX_DURATION = timedelta(days=14)
MAX_AHEAD = timedelta(days=2 * 365)
CAPACITY_MAX = 100_000


def zone_of(name):
    """The ZoneInfo of an IANA name, or InvalidInput (only names of the tz database: never a file path)."""
    if not isinstance(name, str) or name not in _zone_names():
        raise InvalidInput(_("%(field)s must be a time zone such as Europe/Paris."), field="time_zone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("%(field)s must be a time zone such as Europe/Paris."), field="time_zone") from None


@cache
def _zone_names():
    return frozenset(available_timezones())


def local_moment(value, zone, field):
    """An aware datetime from a local ``YYYY-MM-DDTHH:MM`` in ``zone``, or InvalidInput naming ``field``."""
    if not isinstance(value, str) or len(value) > 32:
        raise InvalidInput(_("%(field)s must be a date and time such as 2026-03-04T18:00."), field=field)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(_("%(field)s must be a date and time such as 2026-03-04T18:00."), field=field) from None
    if moment.tzinfo is not None:  # the zone is its own field: an offset here would contradict it
        raise InvalidInput(_("%(field)s must be a local time, without an offset: the time zone says where."),
                           field=field)
    return moment.replace(tzinfo=zone)


def clean_link(value):
    value = check_text(value or "", "link", LINK_MAX_LENGTH, min_length=0)
    if value and (urlsplit(value).scheme != "https" or not urlsplit(value).netloc):
        raise InvalidInput(_("%(field)s must be an https address."), field="link")
    return value


def clean_capacity(value):
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= CAPACITY_MAX:
        raise InvalidInput(_("%(field)s must be a whole number of places between 1 and %(most)s."),
                           field="capacity", most=CAPACITY_MAX)
    return value


def plan(space, viewer, *, kind, title, description, starts, ends, time_zone, course_wide=False, capacity=None,
         link="", host=None, now=None):
    """Create an event of this unit (or the whole course), with its conversation pinned in this unit. ``starts``
    and ``ends`` are local times in ``time_zone``; ``host`` a community expert's user key (an expert session), or
    None for the viewer. Returns the Event."""
    permissions.require_staff(viewer)
    if kind not in EventKind.values:
        raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="kind",
                           choices=", ".join(EventKind.values))
    title = check_text(title, "title", EVENT_TITLE_MAX_LENGTH, min_length=3)
    description = check_text(description or "", "description", DESCRIPTION_MAX_LENGTH, min_length=0,
                             multiline=True)
    zone = zone_of(time_zone)
    start, end = local_moment(starts, zone, "starts"), local_moment(ends, zone, "ends")
    now = now or timezone.now()
    if end <= start:
        raise InvalidInput(_("%(field)s must come after the start."), field="ends")
    if end - start > MAX_DURATION:
        raise InvalidInput(_("%(field)s: an event lasts at most 14 days."), field="ends")
    if end <= now:
        raise InvalidInput(_("%(field)s is in the past."), field="ends")
    if start > now + MAX_AHEAD:
        raise InvalidInput(_("%(field)s is more than two years ahead."), field="starts")
    host_key, host_name = viewer.user_key, viewer.username
    if host:
        host_key, host_name = _expert_host(space, host)
    event = Event.objects.create(
        org=space.community.org, course=space.community.course, community=None if course_wide else space.community,
        kind=kind, title=title, description=description, description_html=_description_html(description),
        starts_at=start, ends_at=end, time_zone=time_zone, capacity=clean_capacity(capacity), link=clean_link(link),
        host_key=host_key, host_name=host_name, created_by=viewer.user_key, created_at=now)
    # Its conversation, pinned where it was planned: questions before, talk during, the buzz after.
    event.thread = pinned_note(space, viewer, title=title, body=description or title, now=now)
    Event.objects.filter(pk=event.pk).update(thread=event.thread)
    reminders.schedule(event)
    return event


def _description_html(description):
    """The sanitised description; one that had text and sanitises to nothing is refused, as a post would be."""
    html = render_markdown(description) if description else ""
    if description and not visible_text(html):
        raise InvalidInput(_("%(field)s has nothing left to show once unsafe markup is removed."),
                           field="description")
    return html


def _expert_host(space, user_key):
    """(key, name) of a community expert of the course (the talent detector's), to host a session; or NotFound."""
    expert = next((row for row in experts_named(space.community) if row["user_key"] == user_key), None)
    if expert is None:
        raise NotFound(_("No such community expert in this course."))
    return expert["user_key"], expert["name"] or expert["user_key"]


def concerning(community):
    """The course's events, not cancelled, that concern this unit: its own and the course-wide ones."""
    return Event.objects.filter(Q(community=community) | Q(community__isnull=True), org=community.org,
                                course=community.course, cancelled=False)


def of_unit(community, *, upcoming_from=None, limit=None):
    """The course's events that concern this unit, soonest first."""
    events = concerning(community)
    if upcoming_from is not None:
        events = events.filter(ends_at__gt=upcoming_from)
    events = events.order_by("starts_at", "pk")
    return list(events[:limit] if limit else events)


def past_of_unit(community, now, limit):
    """The course's events of this unit that are over, the latest first: what staff measure the effect of."""
    return list(concerning(community).filter(ends_at__lte=now).order_by("-ends_at", "-pk")[:limit])


def event_of(space, event_id, *, lock=False):
    """An event of this course that concerns this unit (``lock``: its row locked for update), or the 404 every
    unknown id, and every id of another unit or course, gets."""
    events = concerning(space.community)
    event = (events.select_for_update() if lock else events).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event in this course."))
    return event
