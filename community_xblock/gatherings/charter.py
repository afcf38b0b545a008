"""One editorial line for the whole course: the community guidelines (Markdown) the course team writes once
for every unit, which a learner accepts once, before a first post in any unit of the course.

Learners who posted before the charter was written are not asked (it is "before a first post"), nor is the
course team; an edit does not ask again (an acceptance keeps the version it accepted). Every learner's post asks
whether the course has a charter: the answer is cached per course and forgotten when staff change it.
"""
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.core import course_cache, permissions
from community_xblock.core.errors import Conflict, InvalidInput
from community_xblock.core.markup import render_markdown, visible_text
from community_xblock.core.validation import check_text
from community_xblock.models import CharterAcceptance, CourseCharter, Participant

BODY_MAX_LENGTH = 10_000


def of_course(community):
    """The course's charter, or None (cached per course)."""
    return course_cache.remembered(
        community, course_cache.CHARTER,
        lambda: CourseCharter.objects.filter(org=community.org, course=community.course).first())


def must_accept(space, viewer):
    """Whether the viewer must accept the charter before posting: a signed-in learner of a course with a
    charter, who has neither accepted it nor posted in the course before."""
    if viewer.is_staff or not viewer.is_authenticated or of_course(space.community) is None:
        return False
    course = {"org": space.community.org, "course": space.community.course}
    if CharterAcceptance.objects.filter(**course, user_key=viewer.user_key).exists():
        return False
    return not Participant.objects.filter(community__org=course["org"], community__course=course["course"],
                                          user_key=viewer.user_key, posts__gt=0).exists()


def require_accepted(space, viewer):
    if must_accept(space, viewer):
        raise Conflict(_("Please read and accept the community guidelines before your first post."),
                       field="charter")


def accept(space, viewer, now=None):
    """The viewer accepts the course's charter (again: nothing changes). Returns the CharterAcceptance."""
    permissions.require_signed_in(viewer)
    charter = of_course(space.community)
    if charter is None:
        raise Conflict(_("This course has no community guidelines to accept."))
    acceptance, _created = CharterAcceptance.objects.get_or_create(
        org=space.community.org, course=space.community.course, user_key=viewer.user_key,
        defaults={"version": charter.version, "accepted_at": now or timezone.now()})
    return acceptance


def save(space, viewer, body, now=None):
    """Write (or rewrite) the course's charter; an empty body removes it. Returns the CourseCharter or None."""
    permissions.require_staff(viewer)
    body = check_text(body, "charter", BODY_MAX_LENGTH, min_length=0, multiline=True)
    course = {"org": space.community.org, "course": space.community.course}
    course_cache.forget(space.community, course_cache.CHARTER)
    if not body:
        CourseCharter.objects.filter(**course).delete()
        return None
    html = render_markdown(body)
    if not visible_text(html):
        raise InvalidInput(_("%(field)s has nothing left to show once unsafe markup is removed."), field="charter")
    charter = CourseCharter.objects.select_for_update().filter(**course).first()
    if charter is None:
        return CourseCharter.objects.create(**course, body=body, body_html=html, updated_by=viewer.user_key,
                                            updated_at=now or timezone.now())
    CourseCharter.objects.filter(pk=charter.pk).update(body=body, body_html=html, version=charter.version + 1,
                                                       updated_by=viewer.user_key, updated_at=now or timezone.now())
    charter.refresh_from_db()
    return charter
