"""Who is asking, and which community a block belongs to, from what the runtime provides.

The LMS and Studio pass a ``UsageKey`` (with a ``course_key``) and a user service built by
``common/djangoapps/xblock_django/user_service.py`` (``DjangoXBlockUserService``): its ``opt_attrs`` hold
``edx-platform.*`` keys, and for a visitor who is not signed in only ``edx-platform.is_authenticated`` (False)
and the country code. The SDK workbench passes plain string ids and only ``xblock-workbench.user_id``. Both
shapes are read here so the rest of the code never looks at the runtime.

Masquerade (``lms/djangoapps/courseware/masquerade.py``): when staff "view as a specific learner", the LMS
binds the *learner* as the user (their id, their name, role ``student``, not staff) and sets ``real_user`` on
that user object. No XBlock API says so; the service keeps the Django user as ``_django_user``, which is the
only place it shows. A write then would be stored under the learner's name, so ``Viewer.masquerading`` lets
the block refuse writes and keep reads.
"""
from dataclasses import dataclass

STAFF_ROLES = {"staff", "instructor", "administrator"}
PLATFORM_PREFIX = "edx-platform."
WORKBENCH_ORG = "workbench"
WORKBENCH_COURSE = "sdk"
WORKBENCH_RUN = "workbench"


@dataclass(frozen=True)
class CommunityKey:
    org: str
    course: str
    block_id: str
    run: str


@dataclass(frozen=True)
class Viewer:
    """The person behind a request."""

    user_key: str
    username: str
    is_staff: bool = False
    role: str = ""  # the platform's course role ("student", "staff", "instructor"), "" where unknown
    masquerading: bool = False  # staff viewing the course as this learner: they may read, not write
    in_platform: bool = False  # the LMS or Studio (not the SDK workbench)

    @property
    def is_authenticated(self):
        return bool(self.user_key)


def course_key_of(usage_id):
    """The course (or library) key of a usage id in the platform; None in the workbench (plain string ids)."""
    return getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)


def community_key_for(usage_id):
    """The community a block usage belongs to: every run of a course shares it."""
    course_key = course_key_of(usage_id)
    if course_key is not None:
        return CommunityKey(
            org=course_key.org, course=course_key.course, block_id=usage_id.block_id, run=course_key.run,
        )
    return CommunityKey(org=WORKBENCH_ORG, course=WORKBENCH_COURSE, block_id=str(usage_id), run=WORKBENCH_RUN)


def viewer_from_user(user, workbench_staff_ids=(), django_user=None):
    """Build a Viewer from an ``XBlockUser`` (the user service's current user).

    Staff comes from the platform's attributes; outside the platform, ``workbench_staff_ids`` (a setting) lists
    the workbench student ids that act as course staff, so the staff view can be tried in the SDK.
    ``django_user`` is the platform service's Django user, read only to notice a masquerade.
    """
    attrs = getattr(user, "opt_attrs", {}) or {}
    if any(key.startswith(PLATFORM_PREFIX) for key in attrs):
        if not attrs.get("edx-platform.is_authenticated", True) or attrs.get("edx-platform.user_id") is None:
            return Viewer(user_key="", username="", in_platform=True)
        user_key = str(attrs["edx-platform.user_id"])
        username = attrs.get("edx-platform.username") or user_key
        role = str(attrs.get("edx-platform.user_role") or "").lower()
        is_staff = bool(attrs.get("edx-platform.user_is_staff")) or role in STAFF_ROLES
        return Viewer(user_key=user_key, username=username, is_staff=is_staff, role=role,
                      masquerading=is_masquerade(django_user), in_platform=True)
    user_key = str(attrs.get("xblock-workbench.user_id") or "")
    is_staff = user_key in set(workbench_staff_ids)
    return Viewer(user_key=user_key, username=user_key, is_staff=is_staff, role="staff" if is_staff else "student")


def is_masquerade(django_user):
    """Whether the LMS bound this Django user in place of a staff member viewing as them."""
    real_user = getattr(django_user, "real_user", None)
    return real_user is not None and getattr(real_user, "pk", None) != getattr(django_user, "pk", None)


def jump_to_url(anchor_usage_key, usage_id):
    """The LMS ``jump_to`` URL of a component of this course, or None outside the LMS."""
    course_key = course_key_of(usage_id)
    if course_key is None:
        return None
    return f"/courses/{course_key}/jump_to/{anchor_usage_key}"


def page_url(usage_id):
    """An absolute link to the block in the LMS, for messages read outside the course (chat alerts): its
    ``jump_to`` under the site's ``LMS_ROOT_URL``; "" outside the LMS, where no such address exists."""
    from django.conf import settings

    path = jump_to_url(usage_id, usage_id)
    root = getattr(settings, "LMS_ROOT_URL", "")
    return f"{root.rstrip('/')}{path}" if path and root else ""
