"""Hot-spot events without any XBlock runtime: planning one is checked (kinds, times in a time zone, capacity,
link, host), RSVPs move exact counts and hold the capacity, and the calendar files are valid RFC 5545 that
icalendar reads back and a second parser (vobject) imports."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.utils import timezone

from community_xblock.core.errors import CommunityError, Conflict, InvalidInput, NotAllowed, NotFound
from community_xblock.core.lookups import space_for
from community_xblock.gatherings import calendar, events, rsvp
from community_xblock.models import CommunityExpert, Event, Rsvp
from community_xblock.platform.identity import CommunityKey, Viewer

STAFF = Viewer("staff", "staff", is_staff=True)
NOW = timezone.now()
SOON = (NOW + timedelta(days=3)).astimezone(ZoneInfo("Europe/Budapest")).replace(tzinfo=None, second=0,
                                                                                    microsecond=0)


def local(moment):
    return moment.isoformat(timespec="minutes")


def unit(name="unit1", course="GATH1"):
    return space_for(CommunityKey("GathX", course, name, "run"))


def planned(space, **changes):
    fields = {"kind": "live_qa", "title": "Live Q&A on the Calvin cycle", "description": "Bring **questions**.",
              "starts": local(SOON), "ends": local(SOON + timedelta(hours=1)), "time_zone": "Europe/Budapest",
              "capacity": None, "link": "https://meet.example.org/calvin"}
    fields.update(changes)
    return events.plan(space, STAFF, **fields)


@pytest.mark.django_db
class TestPlanning:
    def test_an_event_is_stored_in_utc_with_the_zone_it_was_planned_in(self):
        event = planned(unit())
        assert event.starts_at == SOON.replace(tzinfo=ZoneInfo("Europe/Budapest"))
        assert event.time_zone == "Europe/Budapest" and event.host_key == "staff"
        assert "<strong>questions</strong>" in event.description_html
        assert event.thread.pinned and event.thread.title == event.title  # its conversation, on top of the unit

    @pytest.mark.parametrize(("changes", "field"), [
        ({"kind": "party"}, "kind"),
        ({"title": "x"}, "title"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"starts": "next tuesday"}, "starts"),
        ({"starts": local(SOON) + "+02:00"}, "starts"),
        ({"ends": local(SOON - timedelta(hours=1))}, "ends"),
        ({"starts": local(SOON - timedelta(days=30)), "ends": local(SOON - timedelta(days=29))}, "ends"),
        ({"ends": local(SOON + timedelta(days=15))}, "ends"),
        ({"starts": local(SOON + timedelta(days=800)), "ends": local(SOON + timedelta(days=800, hours=1))},
         "starts"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"capacity": "ten"}, "capacity"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "http://meet.example.org/"}, "link"),
        ({"description": "<script>alert(1)</script>"}, "description"),
    ])
    def test_bad_plans_are_refused_and_nothing_is_written(self, changes, field):
        with pytest.raises(InvalidInput) as refused:
            planned(unit(), **changes)
        assert refused.value.field == field
        assert not Event.objects.exists()

    def test_only_the_course_team_plans_and_an_expert_session_needs_an_expert(self):
        space = unit()
        with pytest.raises(NotAllowed):
            events.plan(space, Viewer("amelie", "amelie"), kind="debate", title="A debate", description="",
                        starts=local(SOON), ends=local(SOON + timedelta(hours=1)), time_zone="Europe/Paris")
        with pytest.raises(NotFound):
            planned(space, kind="expert_session", host="amelie")
        CommunityExpert.objects.create(org="GathX", course="GATH1", user_key="amelie", promoted_by="staff")
        assert planned(space, kind="expert_session", host="amelie").host_key == "amelie"

    def test_a_unit_sees_its_own_events_and_the_course_wide_ones_not_another_units(self):
        mine, theirs = unit(), unit("unit2")
        own, whole = planned(mine), planned(mine, title="For the whole course", course_wide=True)
        planned(theirs, title="Not here")
        assert [event.pk for event in events.of_unit(mine.community)] == [own.pk, whole.pk]
        with pytest.raises(NotFound):
            events.event_of(mine, Event.objects.get(title="Not here").pk)
        with pytest.raises(NotFound):
            events.event_of(unit("x", course="OTHER"), own.pk)


@pytest.mark.django_db
class TestRsvp:
    def test_answers_move_exact_counts(self):
        space = unit()
        event = planned(space)
        for person in ("a", "b", "c"):
            rsvp.answer(space, Viewer(person, person), event_id=event.pk, choice="going")
        rsvp.answer(space, Viewer("a", "a"), event_id=event.pk, choice="interested")
        rsvp.answer(space, Viewer("a", "a"), event_id=event.pk, choice="interested")  # again: nothing moves
        event = rsvp.answer(space, Viewer("b", "b"), event_id=event.pk, choice="not_going")
        assert (event.going, event.interested, event.not_going) == (1, 1, 1)
        assert Rsvp.objects.count() == 3

    def test_the_capacity_holds_and_a_place_that_frees_up_can_be_taken(self):
        space = unit()
        event = planned(space, capacity=2)
        for person in ("a", "b"):
            rsvp.answer(space, Viewer(person, person), event_id=event.pk, choice="going")
        with pytest.raises(Conflict):
            rsvp.answer(space, Viewer("c", "c"), event_id=event.pk, choice="going")
        rsvp.answer(space, Viewer("c", "c"), event_id=event.pk, choice="interested")
        rsvp.answer(space, Viewer("a", "a"), event_id=event.pk, choice="not_going")
        assert rsvp.answer(space, Viewer("c", "c"), event_id=event.pk, choice="going").going == 2

    def test_nobody_answers_signed_out_nor_to_an_event_of_another_unit(self):
        event = planned(unit("unit2"))
        with pytest.raises(CommunityError):
            rsvp.answer(unit(), Viewer("", ""), event_id=event.pk, choice="going")
        with pytest.raises(NotFound):
            rsvp.answer(unit(), Viewer("a", "a"), event_id=event.pk, choice="going")
        assert not Rsvp.objects.exists()


@pytest.mark.django_db
class TestCalendarFiles:
    def test_one_event_reads_back_with_its_zone_escaped_text_and_folded_lines(self):
        description = "Bring questions; commas, semicolons\\ and a very long line " + "á" * 120
        event = planned(unit(), title="Q&A, part 1; the Calvin cycle", description=description)
        data = calendar.event_file(event, NOW, page_url="https://lms.example.org/jump_to/x")
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded at 75 octets
        parsed = icalendar.Calendar.from_ical(data)
        (vevent,) = parsed.walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Q&A, part 1; the Calvin cycle"
        assert vevent["DTSTART"].dt == SOON.replace(tzinfo=ZoneInfo("Europe/Budapest"))
        assert vevent["DTSTART"].params["TZID"] == "Europe/Budapest"
        assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Budapest"]
        assert str(vevent["DESCRIPTION"]).startswith(description) and str(vevent["URL"]) == event.link
        assert b"SUMMARY:Q&A\\, part 1\\; the Calvin cycle" in data  # RFC 5545 escaping

    def test_the_course_feed_imports_into_a_second_parser(self):
        space = unit()
        first, second = planned(space), planned(space, title="Debate: C3 or C4?", kind="debate", course_wide=True)
        data = calendar.course_feed(events.of_unit(space.community), "GathX GATH1", NOW)
        imported = vobject.readOne(data.decode("utf-8"))
        summaries = [component.summary.value for component in imported.vevent_list]
        assert summaries == [first.title, second.title]
        start = imported.vevent_list[0].dtstart.value
        assert start.utcoffset() == SOON.replace(tzinfo=ZoneInfo("Europe/Budapest")).utcoffset()
        assert datetime.fromisoformat(start.isoformat()) == first.starts_at
