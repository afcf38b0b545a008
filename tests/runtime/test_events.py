"""Hot-spot events through the block's handlers, in the SDK workbench and the LMS-shaped runtime: the course
team plans one (its conversation pinned), learners answer, the banner shows in the unit (and in every unit for a
course-wide event), the calendar files download; who may do what, and bad input."""
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from community_xblock.models import Event, Rsvp, Thread

ZONE = "Europe/Paris"


def local(delta):
    moment = (timezone.now() + delta).astimezone(ZoneInfo(ZONE))
    return moment.replace(tzinfo=None, second=0, microsecond=0).isoformat(timespec="minutes")


def plan(unit, student="staff", **changes):
    payload = {"kind": "live_qa", "title": "Live Q&A: the Calvin cycle", "description": "Bring *questions*.",
               "starts": local(timedelta(hours=2)), "ends": local(timedelta(hours=3)), "time_zone": ZONE,
               "capacity": 2, "link": "https://meet.example.org/calvin"}
    payload.update(changes)
    return unit.call("plan_event", payload, student=student)


def test_staff_plan_an_event_learners_see_its_banner_and_answer(unit):
    status, data = plan(unit)
    assert status == 200, data
    event = Event.objects.get()
    assert Thread.objects.get(pk=event.thread_id).pinned
    page = unit.page("amelie")
    assert "Live Q&amp;A: the Calvin cycle" in page and "Starts in 2 hours" in page
    answered = unit.ok("rsvp", {"event_id": event.pk, "answer": "going"}, student="amelie")
    assert "1 going" in answered["html"] and "1 place left" in answered["html"]
    unit.ok("rsvp", {"event_id": event.pk, "answer": "going"}, student="zsofia")
    status, data = unit.call("rsvp", {"event_id": event.pk, "answer": "going"}, student="student_1")
    assert status == 409 and data["error"].startswith("This event is full")
    assert Rsvp.objects.count() == 2


def test_a_course_wide_event_shows_in_every_unit_and_a_units_own_only_there(unit):
    plan(unit, title="Course-wide debate", course_wide=True, kind="debate")
    plan(unit, title="Only in the demo unit")
    other = unit.page("amelie", usage_id=unit.other_usage_id)
    assert "Course-wide debate" in other and "Only in the demo unit" not in other
    own = Event.objects.get(title="Only in the demo unit")
    status, _data = unit.call("rsvp", {"event_id": own.pk, "answer": "going"}, student="amelie",
                              usage_id=unit.other_usage_id)
    assert status == 404


def test_the_calendar_files_download_and_parse_back(unit):
    plan(unit)
    plan(unit, title="Second one", starts=local(timedelta(days=2)), ends=local(timedelta(days=2, hours=1)))
    event = Event.objects.get(title="Second one")
    status, headers, body = unit.download("event_calendar", f"event_id={event.pk}", student="amelie")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Second one" and vevent["DTSTART"].params["TZID"] == ZONE
    status, _headers, feed = unit.download("event_calendar", "", student="amelie")
    assert status == 200 and len(icalendar.Calendar.from_ical(feed).walk("VEVENT")) == 2
    assert unit.download("event_calendar", "event_id=999999", student="amelie")[0] == 404
    assert unit.download("event_calendar", "event_id=x", student="amelie")[0] == 400
    assert unit.download("event_calendar", "", student="amelie", method="post")[0] == 405


@pytest.mark.parametrize(("changes", "field"), [
    ({"starts": "tomorrow at six"}, "starts"),
    ({"time_zone": "Nowhere/Land"}, "time_zone"),
    ({"ends": local(timedelta(hours=1))}, "ends"),
    ({"capacity": -3}, "capacity"),
    ({"link": "javascript:alert(1)"}, "link"),
    ({"description": "<img src=x onerror=alert(1)>"}, "description"),
    ({"kind": "rave"}, "kind"),
])
def test_bad_plans_are_refused_with_the_field_named_and_nothing_written(unit, changes, field):
    status, data = plan(unit, **changes)
    assert status == 400 and data["field"] == field, data
    assert not Event.objects.exists() and not Thread.objects.filter(title__startswith="Live Q&A").exists()


def test_learners_cannot_plan_and_nobody_answers_a_bad_choice(unit):
    status, _data = plan(unit, student="amelie")
    assert status == 403 and not Event.objects.exists()
    plan(unit)
    event = Event.objects.get()
    for payload in ({"event_id": event.pk, "answer": "maybe"}, {"event_id": "x", "answer": "going"}):
        assert unit.call("rsvp", payload, student="amelie")[0] == 400
    assert not Rsvp.objects.exists()


def test_hostile_markdown_in_a_description_is_sanitised(unit):
    plan(unit, description="Come! <script>alert(1)</script> [x](javascript:alert(1))")
    html = Event.objects.get().description_html
    assert "<script" not in html and "javascript:" not in html and "Come!" in html


def held_event(unit, days_ago=3):
    """An event held ``days_ago`` days ago in the demo unit, planned through the domain rule (the handler refuses
    the past), with two learners' replies in its conversation while it ran."""
    from community_xblock.conversations import threads
    from community_xblock.core.lookups import space_for
    from community_xblock.gatherings import events
    from community_xblock.platform.identity import Viewer

    space = space_for(unit.block_for("staff").community_key)
    starts = timezone.now() - timedelta(days=days_ago)
    staff = Viewer(unit.user_key("staff"), "staff", is_staff=True)
    event = events.plan(space, staff, kind="debate", title="Past debate", description="", time_zone="UTC",
                        starts=starts.replace(tzinfo=None).isoformat(timespec="minutes"),
                        ends=(starts + timedelta(hours=2)).replace(tzinfo=None).isoformat(timespec="minutes"),
                        now=starts - timedelta(days=1))
    for minutes, student in ((10, "amelie"), (20, "zsofia")):
        threads.reply(space, Viewer(unit.user_key(student), student), thread_id=event.thread_id,
                      body="My argument.", now=starts + timedelta(minutes=minutes))
    return event


def control_post(unit, moment):
    """A learner's post in the course's other unit (the control) at ``moment``."""
    import dataclasses

    from community_xblock.conversations import threads
    from community_xblock.core.lookups import space_for
    from community_xblock.models import Community
    from community_xblock.platform.identity import Viewer

    unit.page("amelie", usage_id=unit.other_usage_id)  # the other unit's community exists once it is visited
    here = unit.block_for("staff").community_key
    other = Community.objects.exclude(block_id=here.block_id).get(org=here.org, course=here.course)
    space = space_for(dataclasses.replace(here, block_id=other.block_id))
    threads.start_thread(space, Viewer(unit.user_key("zsofia"), "zsofia"), kind="discussion", title="Meanwhile",
                         body="Elsewhere in the course.", now=moment)


def test_staff_see_past_events_and_what_each_did_to_the_buzz(unit):
    event = held_event(unit)
    control_post(unit, event.starts_at + timedelta(minutes=30))
    control_post(unit, event.starts_at - timedelta(days=2))
    page = unit.page("staff")
    assert "Past events" in page and "Measured effect" in page
    assert "Past events" not in unit.page("amelie")
    data = unit.ok("event_effect", {"event_id": event.pk}, student="staff")
    assert data["effect"]["unit"]["during"]["posts"] == 2 and data["effect"]["unit"]["during"]["participants"] == 2
    control = data["effect"]["control"]  # the other unit of the course, over the same days
    assert (control["before"]["posts"], control["during"]["posts"], control["after"]["posts"]) == (1, 1, 0)
    assert "Rate ratio to the week before" in data["html"] and "<svg" in data["html"]
    status, headers, body = unit.download("export_evaluation", "format=events", student="staff")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    lines = body.decode("utf-8").splitlines()
    assert lines[0].startswith("event_id,title,kind,course_wide,verdict,period,side") and len(lines) == 7


def test_only_staff_measure_an_event_and_only_one_that_began(unit):
    event = held_event(unit)
    status, data = unit.call("event_effect", {"event_id": event.pk}, student="amelie")
    assert status == 403
    assert unit.call("event_effect", {"event_id": 999999}, student="staff")[0] == 404
    assert unit.call("event_effect", {"event_id": "x"}, student="staff")[0] == 400
    plan(unit)
    coming = Event.objects.get(title="Live Q&A: the Calvin cycle")
    status, data = unit.call("event_effect", {"event_id": coming.pk}, student="staff")
    assert status == 409 and "not started" in data["error"]
    assert unit.download("export_evaluation", "format=events", student="amelie")[0] == 403
