"""The strategist's course page, in the SDK workbench and the LMS-shaped runtime: every community block of the
course with its health, the course's coming events and its charter; staff only; queries independent of size."""
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community_xblock.models import Community

FRUSTRATED = "This is so frustrating, I am fed up with it."


def grow(unit, count):
    for number in range(count):
        thread = unit.ok("create_thread", {"kind": "question", "title": f"Question {number}", "body": FRUSTRATED},
                         student=f"learner{number}")["thread"]["id"]
        if number % 2:
            unit.ok("reply", {"thread_id": thread, "body": "Here is how."}, student="zsofia")
    unit.ok("create_thread", {"kind": "discussion", "title": "In the other unit", "body": "Hello."},
            student="amelie", usage_id=unit.other_usage_id)


def page(unit):
    with CaptureQueriesContext(connection) as captured:
        answer = unit.ok("course_page", {}, student="staff")
    return answer, len(captured)


def test_every_unit_of_the_course_with_its_health_the_events_and_the_charter(unit):
    grow(unit, 4)
    start = (timezone.now() + timedelta(days=1)).replace(tzinfo=None, second=0, microsecond=0)
    unit.ok("plan_event", {"kind": "debate", "title": "The great debate", "time_zone": "UTC",
                           "starts": start.isoformat(timespec="minutes"),
                           "ends": (start + timedelta(hours=1)).isoformat(timespec="minutes"), "course_wide": True},
            student="staff")
    unit.ok("save_charter", {"charter": "Be kind."}, student="staff")
    answer, _queries = page(unit)
    units = {row["name"]: row for row in answer["health"]["units"]}
    assert len(units) == Community.objects.count() == 2
    here = next(row for row in units.values() if row["this_unit"])
    assert here["unanswered"] == 2 and here["this_week"] >= 4 and here["negative_percent"] > 0
    assert [event["title"] for event in answer["health"]["events"]] == ["The great debate"]
    assert answer["health"]["charter"]["version"] == 1
    assert "The great debate" in answer["html"] and "Health of every community block of the course" in answer["html"]


def test_learners_cannot_open_it(unit):
    status, _data = unit.call("course_page", {}, student="amelie")
    assert status == 403


def test_its_queries_do_not_grow_with_the_course(unit):
    grow(unit, 2)
    page(unit)  # first read: the communities' aggregates are checked
    _answer, small = page(unit)
    grow(unit, 12)
    _answer, large = page(unit)
    assert small == large
