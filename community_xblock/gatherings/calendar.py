"""Calendar files (RFC 5545) made with icalendar: one ``.ics`` per event, and the course's feed.

Times are written in the zone the event was planned in, with its VTIMEZONE, so calendars that do not know the
zone still place it right; text is escaped and long lines folded by the library; the description is the
Markdown as written (calendars show plain text, and Markdown reads as such), then the link to the space; the
session's link goes in URL and LOCATION.
"""
from datetime import UTC
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT = "-//community_xblock//hot-spot events//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(event, stamp, page_url=""):
    zone = ZoneInfo(event.time_zone)
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}-{event.org}-{event.course}@community-xblock")
    item.add("dtstamp", stamp.astimezone(UTC))
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.title)
    description = event.description
    if page_url:
        description = f"{description}\n\n{page_url}" if description else page_url
    if description:
        item.add("description", description)
    if event.link:
        item.add("url", event.link)
        item.add("location", event.link)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return item


def event_file(event, stamp, page_url=""):
    """The bytes of one event's ``.ics``."""
    calendar = _calendar(event.title)
    calendar.add_component(_vevent(event, stamp, page_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def course_feed(events, name, stamp, page_url=""):
    """The bytes of a feed of ``events`` (the course's), one VEVENT each."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, stamp, page_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
