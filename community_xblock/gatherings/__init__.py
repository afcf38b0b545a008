"""The social strategist's side: hot-spot events (with RSVP and calendar files) for a unit or the whole course.

- ``events.py``: planning an event (kinds, times in a time zone, capacity, link, host), checked before it is
  written;
- ``rsvp.py``: going / interested / not going, counted atomically, the capacity held under concurrency;
- ``calendar.py``: one ``.ics`` per event and the course's feed (RFC 5545, made with icalendar).
"""
