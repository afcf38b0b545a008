"""What an event did to the buzz, without any XBlock runtime: the exact Poisson interval of a rate ratio checked
against the binomial sums it stands for, and an event's measured effect on a timeline written through the
domain rules (its unit against another unit of the course), counted period by period."""
import io
import math
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community_xblock.conversations import engagement, threads
from community_xblock.core.errors import Conflict, NotAllowed, NotFound
from community_xblock.core.lookups import space_for
from community_xblock.gatherings import effect, events
from community_xblock.insights.rates import clopper_pearson, rate_ratio
from community_xblock.platform.identity import CommunityKey, Viewer

STAFF = Viewer("staff", "staff", is_staff=True)
NOW = timezone.now().replace(microsecond=0)
STARTS = NOW - timedelta(days=10)
ENDS = STARTS + timedelta(hours=2)


def binomial_at_least(successes, trials, p):
    return sum(math.comb(trials, k) * p ** k * (1 - p) ** (trials - k) for k in range(successes, trials + 1))


def binomial_at_most(successes, trials, p):
    return sum(math.comb(trials, k) * p ** k * (1 - p) ** (trials - k) for k in range(successes + 1))


@pytest.mark.parametrize(("successes", "trials"), [(1, 2), (3, 10), (12, 40), (20, 30), (150, 400)])
def test_the_exact_interval_leaves_two_and_a_half_percent_on_each_side(successes, trials):
    low, high = clopper_pearson(successes, trials)
    assert binomial_at_least(successes, trials, low) == pytest.approx(0.025, abs=1e-9)
    assert binomial_at_most(successes, trials, high) == pytest.approx(0.025, abs=1e-9)


def test_rate_ratios_at_the_edges():
    assert clopper_pearson(0, 10)[1] == pytest.approx(1 - 0.025 ** (1 / 10))  # the closed form for none
    ratio = rate_ratio(20, 1, 10, 1)
    assert ratio.ratio == 2 and ratio.low == pytest.approx(0.8935, abs=1e-4) and ratio.high == pytest.approx(
        4.7846, abs=1e-4)  # R: poisson.test(c(20, 10), c(1, 1))
    assert not ratio.rose and not ratio.fell
    none_before = rate_ratio(5, 2, 0, 7)
    assert none_before.ratio is None and none_before.high is None and none_before.rose
    assert rate_ratio(0, 1, 0, 1).ratio is None
    assert rate_ratio(0, 1, 9, 1).fell
    with pytest.raises(ValueError):
        rate_ratio(1, 0, 1, 1)


def unit(name):
    return space_for(CommunityKey("EffX", "EFF1", name, "run"))


def learner(name):
    return Viewer(name, name)


def post(space, author, at, thread=None, viewer=None):
    viewer = viewer or learner(author)
    if thread is None:
        return threads.start_thread(space, viewer, kind="discussion", title=f"About it, {author}",
                                    body="What I think about the unit.", now=at).opening_post
    return threads.reply(space, viewer, thread_id=thread, body="And what I think of that.", now=at)


def planned(space, **changes):
    paris = ZoneInfo("Europe/Paris")
    fields = {"kind": "live_qa", "title": "Live Q&A", "description": "", "time_zone": "Europe/Paris",
              "starts": STARTS.astimezone(paris).replace(tzinfo=None).isoformat(timespec="seconds"),
              "ends": ENDS.astimezone(paris).replace(tzinfo=None).isoformat(timespec="seconds"),
              "now": STARTS - timedelta(days=1)}
    fields.update(changes)
    return events.plan(space, STAFF, **fields)


@pytest.fixture
def timeline(db):
    """The unit: 3 posts the week before, 4 learners' replies during (2 newcomers; staff's own reply not counted),
    15 posts the week after (one found confusing); the other unit: 3 posts before, 3 after, steady."""
    here, other = unit("here"), unit("other")
    post(here, "old", STARTS - timedelta(days=20))  # before the window: not counted, but "old" is no newcomer
    for day, author in enumerate(("ann", "ben", "old"), start=1):
        post(here, author, STARTS - timedelta(days=day))
    event = planned(here)
    for minutes, author in enumerate(("ann", "dora", "eve", "ann")):
        post(here, author, STARTS + timedelta(minutes=10 + 10 * minutes), thread=event.thread_id)
    post(here, "staff", STARTS + timedelta(minutes=50), thread=event.thread_id, viewer=STAFF)
    gone = post(here, "ann", STARTS + timedelta(minutes=55), thread=event.thread_id)
    threads.delete(here, learner("ann"), post_id=gone.pk)
    first = None
    for number in range(15):
        written = post(here, ("ben", "dora", "eve")[number % 3], ENDS + timedelta(hours=8 * number + 1),
                       thread=None if number % 5 == 0 else first)
        first = written.thread_id if number % 5 == 0 else first
    engagement.react(here, learner("ann"), post_id=written.pk, kind="confused", now=ENDS + timedelta(days=6))
    for day in (1, 3, 5):
        post(other, f"o{day}", STARTS - timedelta(days=day))
        post(other, f"o{day}", ENDS + timedelta(days=day))
    return here, other, event


def test_an_event_that_drew_learners_in_is_measured_against_the_other_unit(timeline):
    here, _other, event = timeline
    measured = effect.measure(event, NOW)
    unit_side, control = measured["unit"], measured["control"]
    assert [unit_side[period]["posts"] for period in effect.PERIODS] == [3, 4, 15]
    assert unit_side["during"]["participants"] == 3 and unit_side["during"]["new_participants"] == 2
    assert unit_side["during"]["replies_per_thread"] == 4.0
    assert unit_side["after"]["negative"] == 1 and unit_side["after"]["negative_share"] == round(1 / 15, 3)
    assert unit_side["before"]["new_participants"] == 2  # ann and ben; old wrote 20 days ago
    assert [control[period]["posts"] for period in effect.PERIODS] == [3, 0, 3]
    days_after = (measured["periods"]["after"]["end"] - ENDS).total_seconds() / 86400
    expected = rate_ratio(15, days_after, 3, 7)
    assert unit_side["after"]["rate_ratio"]["low"] == round(expected.low, 2)
    assert measured["control_units"] == 1 and measured["verdict"] == "lifted"
    rows = list(effect.export_rows([measured]))
    assert len(rows) == 6 and rows[0][:7] == [event.pk, "Live Q&A", "live_qa", False, "lifted", "before", "unit"]


def test_a_rise_the_whole_course_shares_is_no_lift(timeline):
    here, other, event = timeline
    for hour in range(30):
        post(other, f"p{hour % 6}", ENDS + timedelta(hours=5 * hour + 2))
    assert effect.measure(event, NOW)["verdict"] == "unclear"


def test_a_course_wide_event_has_no_control_and_an_event_to_come_no_effect(timeline):
    here, _other, _event = timeline
    course_wide = planned(here, title="Everyone", course_wide=True)
    measured = effect.measure(course_wide, NOW)
    assert measured["control"] is None and measured["unit"]["before"]["posts"] == 6
    coming = planned(here, starts=(NOW + timedelta(days=1)).replace(tzinfo=None).isoformat(timespec="seconds"),
                     ends=(NOW + timedelta(days=1, hours=1)).replace(tzinfo=None).isoformat(timespec="seconds"),
                     time_zone="UTC", now=NOW)
    assert effect.measure(coming, NOW) is None
    with pytest.raises(Conflict):
        effect.of_event(here, STAFF, coming.pk, NOW)


def test_only_the_course_team_measures_and_only_events_of_this_unit(timeline):
    here, other, event = timeline
    with pytest.raises(NotAllowed):
        effect.of_event(here, learner("ann"), event.pk, NOW)
    with pytest.raises(NotFound):
        effect.of_event(other, STAFF, event.pk, NOW)  # another unit's event
    with pytest.raises(NotFound):
        effect.of_event(here, STAFF, event.pk + 1000, NOW)


def test_measuring_reads_the_same_number_of_queries_whatever_the_activity(timeline):
    here, other, event = timeline
    with CaptureQueriesContext(connection) as small:
        effect.measure(event, NOW)
    for hour in range(40):
        post(here, f"q{hour}", ENDS + timedelta(hours=3 * hour + 1))
        post(unit(f"more{hour % 4}"), f"r{hour}", STARTS - timedelta(hours=3 * hour + 1))
    with CaptureQueriesContext(connection) as large:
        effect.measure(event, NOW)
    assert len(large) == len(small) == 4


def test_community_report_gives_the_effect_of_each_started_event(timeline):
    import json

    from django.core.management import call_command

    here, _other, event = timeline
    out = io.StringIO()
    call_command("community_report", "--community", str(here.community), stdout=out)
    (measured,) = json.loads(out.getvalue())["events"]
    assert measured["event_id"] == event.pk and measured["verdict"] == "lifted"
    assert measured["unit"]["during"]["posts"] == 4 and measured["control"]["after"]["posts"] == 3
    text = io.StringIO()
    call_command("community_report", "--community", str(here.community), "--format", "text", stdout=text)
    assert "Live Q&A (live_qa): lifted, rate ratio since the start" in text.getvalue()


def test_a_quieter_unit_after_the_event_is_lowered_and_a_running_event_has_no_after(db):
    here, other = unit("quiet"), unit("quiet-other")
    for day in range(1, 7):
        for number in range(3):
            post(here, f"w{number}", STARTS - timedelta(days=day, hours=number))
    post(other, "o1", STARTS - timedelta(days=2))
    post(other, "o1", ENDS + timedelta(days=2))
    event = planned(here)
    measured = effect.measure(event, NOW)
    assert measured["unit"]["after"]["posts"] == 0 and measured["verdict"] == "lowered"
    running = effect.measure(event, STARTS + timedelta(hours=1))
    assert set(running["periods"]) == {"before", "during"} and running["periods"]["during"]["days"] == 1 / 24


def test_without_other_units_the_interval_is_read_against_one(db):
    alone = space_for(CommunityKey("EffX", "ALONE", "unit", "run"))
    post(alone, "a", STARTS - timedelta(days=3))
    event = planned(alone)
    for hour in range(12):
        post(alone, f"b{hour}", ENDS + timedelta(hours=6 * hour + 1))
    measured = effect.measure(event, NOW)
    assert measured["control"] is None and measured["control_units"] == 0 and measured["verdict"] == "lifted"


def test_a_control_silent_before_and_busy_since_rose_more_than_anything(timeline):
    here, other, event = timeline
    from community_xblock.models import Post

    Post.objects.filter(community=other.community, created_at__lt=STARTS).update(deleted=True)
    measured = effect.measure(event, NOW)
    assert measured["overall"]["control"]["ratio"] is None and measured["overall"]["control"]["low"] is not None
    assert measured["overall"]["unit"]["rose"] and measured["verdict"] == "unclear"
