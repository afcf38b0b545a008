"""Bringing existing conversations into a community: a timeline of JSON lines, or an Open edX forum discussion.

Both become the same records (``records.Record``) and go through the same write path as the handlers
(``replay.py``): analysis in thread context, counters, visits, and every detector, in time order, each post
stamped with its own time.
"""
