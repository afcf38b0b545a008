"""What the page shows of the events: the banner ("starts in 2 hours", "happening now") and each upcoming event
with its time in its own zone, its places and the viewer's answer. Plain data, for the templates and the JSON
answers alike."""
from zoneinfo import ZoneInfo

from django.utils import timezone

from community_xblock.models import EventKind, Rsvp

BANNER_AHEAD_HOURS = 24  # an event shows as "starts in N hours" from this close
SHOWN = 5


def event_view(event, answer, now, translator):
    zone = ZoneInfo(event.time_zone)
    return {
        "id": event.pk, "kind": event.kind, "kind_label": translator.gettext(EventKind(event.kind).label),
        "title": event.title, "description_html": event.description_html, "host": event.host_name,
        "starts_at": event.starts_at, "ends_at": event.ends_at, "time_zone": event.time_zone,
        "starts_local": event.starts_at.astimezone(zone), "ends_local": event.ends_at.astimezone(zone),
        "course_wide": event.community_id is None, "link": event.link,
        "going": event.going, "interested": event.interested, "capacity": event.capacity,
        "places_left": None if event.capacity is None else max(0, event.capacity - event.going),
        "answer": answer, "thread_id": event.thread_id,
        "banner": banner(event, now, translator),
    }


def banner(event, now, translator):
    """"Happening now", "Starts in N hours" within BANNER_AHEAD_HOURS, or "" (further off, or over)."""
    if event.starts_at <= now < event.ends_at:
        return translator.gettext("Happening now")
    hours = (event.starts_at - now).total_seconds() / 3600
    if 0 < hours <= BANNER_AHEAD_HOURS:
        whole = max(1, round(hours))
        return translator.ngettext("Starts in %(hours)s hour", "Starts in %(hours)s hours", whole) % {"hours": whole}
    return ""


def upcoming(events, viewer, translator, now=None):
    """The views of ``events`` (the SHOWN soonest upcoming) with the viewer's answers, in one query more."""
    now = now or timezone.now()
    answers = {}
    if viewer.is_authenticated and events:
        answers = dict(Rsvp.objects.filter(event__in=events, user_key=viewer.user_key)
                       .values_list("event_id", "answer"))
    return [event_view(event, answers.get(event.pk), now, translator) for event in events]
