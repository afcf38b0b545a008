"""What the platform knows about the course a block sits in: its end date.

There is no ``modulestore`` service in the LMS (``lms/djangoapps/courseware/block_render.py``
``prepare_runtime_for_user`` lists the services, and an ``XBlock.wants("modulestore")`` gets None). The
platform's own code reads course dates from the course overview
(``openedx/core/djangoapps/content/course_overviews/models.py``: ``CourseOverview.get_from_id(course_key).end``,
request-cached, ``None`` when the course has no end), which both the LMS and Studio install.
"""
import logging

from community_xblock.platform.identity import course_key_of

log = logging.getLogger(__name__)


def course_end(usage_id):
    """The course's end (an aware datetime), or None: outside the platform, or when the course has none."""
    course_key = course_key_of(usage_id)
    if course_key is None:
        return None  # the SDK workbench: the author's date decides
    try:
        from openedx.core.djangoapps.content.course_overviews.models import CourseOverview
    except ImportError:
        log.info("No course overviews outside the platform; %s uses the author's course end", usage_id)
        return None
    try:
        return CourseOverview.get_from_id(course_key).end
    except CourseOverview.DoesNotExist:
        log.warning("No course overview for %s; the community uses the author's course end", course_key)
        return None
