"""Scheduled prompts: the editorial line over time. An author plans what the unit (or one of its components)
invites learners to talk about from a given day, or a number of days after the course end for its alumni.

A scheduled prompt replaces the unit's own prompt (or the component's) from its day on, until a later scheduled
prompt for the same place begins; before its day it is not shown. A prompt counted from the course end waits
while the course end is unknown. Days are the site's days, as the lifecycle's dates are (``core/phases.py``).

Each item is ``{"text": Markdown, "component": usage key or "" for the unit, "shows_from": "YYYY-MM-DD" or "",
"days_after_end": whole days or None}``, exactly one of the two times given. The rules run without any XBlock
runtime: the settings table uses ``clean_schedule``, the block ``current``, the strategist's page ``timeline``.
"""
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import phases
from community_xblock.core.errors import InvalidInput
from community_xblock.core.validation import check_text, iso_day

MAX_SCHEDULED = 30
TEXT_MAX_LENGTH = 2000
KEY_MAX_LENGTH = 255
MAX_DAYS_AFTER_END = 3650
UNIT = ""  # the ``component`` of a prompt for the whole unit
SHOWN, COMING, REPLACED, WAITING = "shown", "coming", "replaced", "waiting"  # a prompt's state on a day


def clean_schedule(name, value):
    """The checked, ordered list of scheduled prompts from an editor's or OLX's raw list; items without text are
    dropped (an emptied row in the editor)."""
    if not isinstance(value, list) or len(value) > MAX_SCHEDULED:
        raise InvalidInput(_("%(field)s must be a list of at most %(max)s scheduled prompts."), field=name,
                           max=MAX_SCHEDULED)
    cleaned = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidInput(_("%(field)s must be a list of at most %(max)s scheduled prompts."), field=name,
                               max=MAX_SCHEDULED)
        text = item.get("text") or ""
        if not isinstance(text, str):
            raise InvalidInput(_("%(field)s must be text."), field=name)
        text = check_text(text, name, TEXT_MAX_LENGTH, min_length=0, multiline=True)
        if not text:
            continue
        component = item.get("component") or UNIT
        if not isinstance(component, str) or len(component) > KEY_MAX_LENGTH:
            raise InvalidInput(_("%(field)s: a prompt's component must be a component's id (at most %(max)s "
                                 "characters)."), field=name, max=KEY_MAX_LENGTH)
        shows_from, days = _day(name, item.get("shows_from")), _days(name, item.get("days_after_end"))
        if (shows_from is None) == (days is None):
            raise InvalidInput(_("%(field)s: give each prompt either a day (YYYY-MM-DD) or a number of days after "
                                 "the course end."), field=name)
        cleaned.append({"text": text, "component": component.strip(), "shows_from": shows_from or "",
                        "days_after_end": days})
    return sorted(cleaned, key=_order)


def _day(name, value):
    return iso_day(value, name, _("%(field)s: a prompt's day must be written YYYY-MM-DD."))


def _days(name, value):
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS_AFTER_END:
        raise InvalidInput(_("%(field)s: days after the course end must be a whole number between 0 and %(max)s."),
                           field=name, max=MAX_DAYS_AFTER_END)
    return value


def _order(item):
    """Dated prompts by day, then those counted from the end by their days (the end comes after the course)."""
    return (item["component"], item["days_after_end"] is not None, item["shows_from"], item["days_after_end"] or 0)


def begins(item, course_end):
    """When ``item`` starts to show (aware): the start of its day; for N days after the course end, of the day N
    days after the day the course ends (so "0" is that day). None while that end is unknown."""
    if item["shows_from"]:
        return _day_start(date.fromisoformat(item["shows_from"]))
    if course_end is None:
        return None
    return _day_start(timezone.localdate(course_end) + timedelta(days=item["days_after_end"]))


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def current(schedule, course_end, now=None):
    """{component key or UNIT: the text shown now}: for each place, the scheduled prompt begun most recently."""
    return {place: item["text"] for place, item in _latest(schedule, course_end, now or timezone.now()).items()}


def timeline(schedule, course_end, now=None):
    """Every scheduled prompt with when it begins and its state now (shown, coming, replaced, waiting for the
    course end), in the order they begin, place by place."""
    now = now or timezone.now()
    live = {id(item) for item in _latest(schedule, course_end, now).values()}
    rows = []
    for item in schedule:
        start = begins(item, course_end)
        state = WAITING if start is None else COMING if start > now else SHOWN if id(item) in live else REPLACED
        rows.append({**item, "begins": start, "state": state})
    return sorted(rows, key=lambda row: (row["component"], row["begins"] is None, row["begins"] or now))


def _latest(schedule, course_end, now):
    """{place: the scheduled prompt begun most recently there}."""
    begun = [(start, index, item) for index, item in enumerate(schedule)
             if (start := begins(item, course_end)) is not None and start <= now]
    return {item["component"]: item for _start, _index, item in sorted(begun, key=lambda row: row[:2])}


def record(prompt, course_end_setting, schedule, component_names):
    """The unit's editorial line as the course page reads it (the block keeps it on its Community row): the
    unit's prompt, the author's course end, the scheduled prompts with their components' names."""
    return {"prompt": prompt, "course_end_setting": course_end_setting or "",
            "scheduled": [{**item, "component_name": component_names.get(item["component"], item["component"])}
                          for item in schedule]}


def schedule_today(copy, runtime_course_end, now):
    """The unit's prompt and its scheduled prompts with their state today, from its ``record``, counting from the
    viewing run's course end (or the unit's own setting where the platform has none)."""
    course_end = phases.course_end_moment(copy.get("course_end_setting"), runtime_course_end)
    return {"prompt": copy.get("prompt", ""), "scheduled": timeline(copy.get("scheduled", []), course_end, now)}
