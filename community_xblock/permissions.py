"""Who may do what. Each check raises ``NotAllowed`` with the reason a person would be given."""
from django.utils.translation import gettext_noop as _

from .errors import NotAllowed


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



def require_author(viewer):
    """Saving the block's settings.

    Studio only lets the course team reach a block's handlers, and its user service may not say which course
    role the author has; so only a viewer the runtime names a learner (the LMS, the workbench) is refused.
    """
    if viewer.role == "student" and not viewer.is_staff:
        raise NotAllowed(_("Only the course team can change this block's settings."))
