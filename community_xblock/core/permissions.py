"""Who may do what. Each check raises ``NotAllowed`` with the reason a person would be given."""
from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import NotAllowed


def require_signed_in(viewer):
    if not viewer.is_authenticated:
        raise NotAllowed(_("Sign in to take part in the community."))


def require_staff(viewer):
    require_signed_in(viewer)
    if not viewer.is_staff:
        raise NotAllowed(_("Only the course team can do this."))


EDIT_REFUSAL = _("You can only edit your own posts.")
DELETE_REFUSAL = _("You can only delete your own posts.")


def require_author_or_staff(viewer, author_key, refusal):
    require_signed_in(viewer)
    if not (viewer.is_staff or viewer.user_key == author_key):
        raise NotAllowed(refusal)


def require_can_accept(viewer, thread):
    require_signed_in(viewer)
    if not (viewer.is_staff or viewer.user_key == thread.author_key):
        raise NotAllowed(_("Only the person who asked, or the course team, can accept an answer."))


def require_not_own(viewer, author_key, message):
    require_signed_in(viewer)
    if viewer.user_key == author_key:
        raise NotAllowed(message)


def require_own_identity(viewer):
    """Writes are refused while staff view the course as a specific learner (they would carry the learner's name)."""
    if viewer.masquerading:
        raise NotAllowed(_("You are viewing the course as another learner: you can read this space, but not "
                           "write in it under their name."))


def require_settings_editor(allowed):
    """Saving the block's settings: ``allowed`` comes from the platform (see platform/studio.py)."""
    if not allowed:
        raise NotAllowed(_("Only the course team can change this block's settings, in Studio."))
