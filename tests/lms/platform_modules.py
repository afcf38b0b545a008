"""Stand-ins for the platform modules the block imports inside the LMS and Studio (only what it calls).

``openedx/core/djangoapps/content/course_overviews/models.py``: ``CourseOverview.get_from_id(course_key)``
(request-cached in the platform) answers the overview, whose ``end`` may be None; an unknown course raises
``CourseOverview.DoesNotExist``.
"""
import sys
import types

PACKAGE = "openedx.core.djangoapps.content.course_overviews"


class CourseOverview:
    class DoesNotExist(Exception):
        pass

    ends = {}  # course key -> end datetime or None; a key that is absent has no overview

    def __init__(self, course_key, end):
        self.id = course_key
        self.end = end

    @classmethod
    def get_from_id(cls, course_key):
        if course_key not in cls.ends:
            raise cls.DoesNotExist(f"CourseOverview matching query does not exist: {course_key}")
        return cls(course_key, cls.ends[course_key])


def install(monkeypatch):
    """Make ``from openedx.core.djangoapps.content.course_overviews.models import CourseOverview`` work."""
    CourseOverview.ends = {}
    parts = f"{PACKAGE}.models".split(".")
    for depth in range(1, len(parts) + 1):
        name = ".".join(parts[:depth])
        module = sys.modules.get(name) if name in sys.modules else types.ModuleType(name)
        module.__path__ = []
        monkeypatch.setitem(sys.modules, name, module)
        if depth > 1:
            monkeypatch.setattr(sys.modules[".".join(parts[:depth - 1])], parts[depth - 1], module, raising=False)
    monkeypatch.setattr(sys.modules[f"{PACKAGE}.models"], "CourseOverview", CourseOverview, raising=False)
    return CourseOverview
