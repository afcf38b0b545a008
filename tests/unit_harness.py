"""What the two demo-unit harnesses (tests/workbench_unit.py and tests/lms/harness.py) share: one request
protocol, so a test runs unchanged in the SDK workbench and in the LMS-shaped runtime."""
import json


def request_body(payload, raw):
    """The bytes a handler receives: ``raw`` as given, else the payload as JSON."""
    body = raw if raw is not None else json.dumps(payload if payload is not None else {})
    return body.encode("utf-8") if isinstance(body, str) else body


def decoded(content):
    try:
        return json.loads(content.decode("utf-8"))
    except ValueError:
        return None


class UnitHarness:
    """Subclasses answer ``call(handler, payload, *, student, ...) -> (status, data)``."""

    def ok(self, handler, payload=None, student="student_1", **kwargs):
        status, data = self.call(handler, payload, student=student, **kwargs)
        assert status == 200, (status, data)
        return data
