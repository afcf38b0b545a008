"""Tracking events sent outside a block's request (a scheduled command), the way the platform sends them.

Inside a request, ``runtime.publish`` reaches eventtracking with the course context. A management command has no
runtime: in the LMS, the ``eventtracking`` library's default tracker is configured (``EVENT_TRACKING_BACKENDS``)
and ``tracker.emit(name, data)`` sends the event like any other; where the library is missing, or installed but
not configured (a workbench, a test machine), each event is written as one JSON line instead.
"""
import json

from django.core.serializers.json import DjangoJSONEncoder


def emitter(stream):
    """``emit(name, data)``: eventtracking's configured tracker, else a JSON line on ``stream``."""
    try:
        from eventtracking import tracker

        tracker.get_tracker()  # raises KeyError when no default tracker was configured
        return tracker.emit
    except (ImportError, KeyError):
        return lambda name, data: stream.write(json.dumps({"name": name, "data": data}, cls=DjangoJSONEncoder))
