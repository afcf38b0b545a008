"""Who may change a block's settings, in Studio and nowhere else.

Studio's editor and handler runtime (``cms/djangoapps/contentstore/utils.py`` ``load_services_for_studio``)
builds the user service with no course role (``user_role`` "student", ``user_is_staff`` False), so the user
service cannot say who is an author. It also provides ``studio_user_permissions``
(``openedx/core/djangoapps/content/services.py`` ``StudioPermissionsService``): ``can_write(course_key)`` is
the platform's own "may edit this course" check (newer platforms add ``can_edit_content``, which is preferred
where it exists). The LMS has no such service and never saves settings; the SDK workbench has neither and lets
its configured staff ids act as authors.
"""
from community_xblock.platform.identity import course_key_of


def may_edit_settings(block, viewer):
    """Whether the person behind this request may change the block's settings."""
    permissions = block.runtime.service(block, "studio_user_permissions")
    if permissions is not None:
        can_edit = getattr(permissions, "can_edit_content", None) or permissions.can_write
        return viewer.is_authenticated and bool(can_edit(course_key_of(block.scope_ids.usage_id)))
    if viewer.in_platform:
        return False  # the LMS: settings are changed in Studio
    return viewer.is_staff  # the SDK workbench
