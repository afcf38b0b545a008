"""Who is asking, and which community a block belongs to, from what the runtime provides.

The LMS passes a ``UsageKey`` (with a ``course_key``) and a user service exposing ``edx-platform.*``
attributes; the SDK workbench passes plain string ids and only ``xblock-workbench.user_id``. Both shapes are
handled here so the rest of the code never looks at the runtime.
"""
from dataclasses import dataclass

STAFF_ROLES = {"staff", "instructor", "administrator"}
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

    @property
    def is_authenticated(self):
        return bool(self.user_key)


def community_key_for(usage_id):
    """The community a block usage belongs to: every run of a course shares it."""
    course_key = getattr(usage_id, "course_key", None)
    if course_key is not None:
        return CommunityKey(
            org=course_key.org, course=course_key.course, block_id=usage_id.block_id, run=course_key.run,
        )
    return CommunityKey(org=WORKBENCH_ORG, course=WORKBENCH_COURSE, block_id=str(usage_id), run=WORKBENCH_RUN)


def viewer_from_user(user, workbench_staff_ids=()):
    """Build a Viewer from an ``XBlockUser`` (the user service's current user).

    Staff comes from the platform's attributes; outside the LMS, ``workbench_staff_ids`` (a setting) lists
    the workbench student ids that act as course staff, so the staff view can be tried in the SDK.
    """
    attrs = getattr(user, "opt_attrs", {}) or {}
    if "edx-platform.user_id" in attrs or "edx-platform.username" in attrs:
        user_key = str(attrs.get("edx-platform.user_id") or "")
        username = attrs.get("edx-platform.username") or user_key
        role = str(attrs.get("edx-platform.user_role") or "").lower()
        is_staff = bool(attrs.get("edx-platform.user_is_staff")) or role in STAFF_ROLES
        return Viewer(user_key=user_key, username=username, is_staff=is_staff, role=role)
    user_key = str(attrs.get("xblock-workbench.user_id") or "")
    is_staff = user_key in set(workbench_staff_ids)
    return Viewer(user_key=user_key, username=user_key, is_staff=is_staff, role="staff" if is_staff else "student")


def jump_to_url(anchor_usage_key, usage_id):
    """The LMS ``jump_to`` URL of a component of this course, or None outside the LMS."""
    course_key = getattr(usage_id, "course_key", None)
    if course_key is None:
        return None
    return f"/courses/{course_key}/jump_to/{anchor_usage_key}"
