"""The social strategist's side: one editorial line and hot-spot events for a unit or the whole course.

- ``charter.py``: the course's community guidelines, accepted once before a first post;
- ``prompts.py``: scheduled prompts (from a day, or days after the course end) and the course page's copy;
- ``events.py``: planning an event (kinds, times in a time zone, capacity, link, host), checked before it is
  written, and the events that concern a unit;
- ``rsvp.py``: going / interested / not going, counted atomically, the capacity held under concurrency;
- ``calendar.py``: one ``.ics`` per event and the course's feed (RFC 5545, made with icalendar);
- ``reminders.py``: the reminder before an event, by email and to the course's chat channels;
- ``effect.py``: what an event did to the buzz, against the course's other units;
- ``presenters.py``: what the page shows of all this; ``course_page.py``: every unit of the course at a glance.
"""
