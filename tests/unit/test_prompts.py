"""Scheduled prompts without any XBlock runtime: what the author may write, and which prompt shows on a day (a
dated one from its day, one counted from the course end once the end is known, the latest begun winning)."""
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from community_xblock.core.errors import InvalidInput
from community_xblock.gatherings.prompts import (
    COMING,
    MAX_SCHEDULED,
    REPLACED,
    SHOWN,
    UNIT,
    WAITING,
    clean_schedule,
    current,
    timeline,
)

VIDEO = "block-v1:X+Y+Z+type@video+block@v1"
END = timezone.make_aware(datetime(2026, 12, 18, 23, 59))
SCHEDULE = clean_schedule("scheduled_prompts", [
    {"text": "Week 2: an example from your work?", "shows_from": "2026-11-02"},
    {"text": "Week 3: what would you change?", "shows_from": "2026-11-09"},
    {"text": "A month on: what do you still use?", "days_after_end": 30},
    {"text": "Rewatch: which step?", "component": VIDEO, "shows_from": "2026-11-05"},
    {"text": "  ", "shows_from": "2026-11-01"},  # an emptied editor row: dropped
])


def on(day):
    return timezone.make_aware(datetime.fromisoformat(day))


def test_the_latest_begun_prompt_shows_for_each_place():
    assert current(SCHEDULE, END, on("2026-11-01")) == {}
    assert current(SCHEDULE, END, on("2026-11-06")) == {UNIT: "Week 2: an example from your work?",
                                                         VIDEO: "Rewatch: which step?"}
    assert current(SCHEDULE, END, on("2026-12-01"))[UNIT] == "Week 3: what would you change?"
    assert current(SCHEDULE, END, END + timedelta(days=31))[UNIT] == "A month on: what do you still use?"
    assert current(SCHEDULE, None, on("2027-06-01"))[UNIT] == "Week 3: what would you change?"  # no end known


def test_the_timeline_says_what_each_prompt_is_doing_today():
    states = {row["text"]: row["state"] for row in timeline(SCHEDULE, END, on("2026-11-10"))}
    assert states == {"Week 2: an example from your work?": REPLACED, "Week 3: what would you change?": SHOWN,
                      "A month on: what do you still use?": COMING, "Rewatch: which step?": SHOWN}
    waiting = {row["text"]: row["state"] for row in timeline(SCHEDULE, None, on("2026-11-10"))}
    assert waiting["A month on: what do you still use?"] == WAITING
    assert len(SCHEDULE) == 4


@pytest.mark.parametrize("raw", [
    "not a list",
    [{"text": "Both", "shows_from": "2026-11-02", "days_after_end": 3}],
    [{"text": "Neither"}],
    [{"text": "Bad day", "shows_from": "2 November"}],
    [{"text": "Negative", "days_after_end": -1}],
    [{"text": "Too late", "days_after_end": 99999}],
    [{"text": "A bool", "days_after_end": True}],
    [{"text": 42, "shows_from": "2026-11-02"}],
    [{"text": "Long key", "component": "x" * 300, "shows_from": "2026-11-02"}],
    ["a string item"],
    [{"text": "x" * 2001, "shows_from": "2026-11-02"}],
    [{"text": f"Prompt {n}", "shows_from": "2026-11-02"} for n in range(MAX_SCHEDULED + 1)],
])
def test_bad_schedules_are_refused_naming_the_setting(raw):
    with pytest.raises(InvalidInput) as refused:
        clean_schedule("scheduled_prompts", raw)
    assert refused.value.params["field"] == "scheduled_prompts"


def test_days_arrive_as_text_from_olx_and_as_numbers_from_the_editor():
    assert clean_schedule("s", [{"text": "t", "days_after_end": "30"}]) == \
        clean_schedule("s", [{"text": "t", "days_after_end": 30}])


def test_a_prompt_begins_at_the_start_of_its_day():
    dated = clean_schedule("s", [{"text": "Dated", "shows_from": "2026-11-02"},
                                 {"text": "Thirty days on", "days_after_end": 30}])
    assert current(dated, END, on("2026-11-01T23:59:59")) == {}
    assert current(dated, END, on("2026-11-02T00:00:00")) == {UNIT: "Dated"}
    assert current(dated, END, on("2027-01-16T23:59:59"))[UNIT] == "Dated"  # the course ended on 18 December
    assert current(dated, END, on("2027-01-17T00:00:00"))[UNIT] == "Thirty days on"
    on_the_day = clean_schedule("s", [{"text": "The day it ends", "days_after_end": 0}])
    assert current(on_the_day, END, on("2026-12-18T00:00:00")) == {UNIT: "The day it ends"}
