"""The errors domain rules raise, each carrying the HTTP status a handler answers with.

Messages are English msgids marked with ``gettext_noop``: domain modules run without any XBlock runtime, so
the handler layer translates them with the block's i18n service when it builds the response.
"""
from django.utils.translation import gettext_noop as _


class CommunityError(Exception):
    """A refused request. ``message`` is a msgid; ``params`` fill its ``%(name)s`` placeholders."""

    status = 400

    def __init__(self, message, field=None, **params):
        if field:
            params["field"] = field
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params

    def translated(self, gettext):
        text = gettext(self.message)
        return text % self.params if self.params else text

    def field_errors(self, gettext):
        """{field: message} for the form fields this error is about."""
        return {self.field: self.translated(gettext)} if self.field else {}


class InvalidInput(CommunityError):
    status = 400


class NotAllowed(CommunityError):
    status = 403


class NotFound(CommunityError):
    status = 404


class MethodNotAllowed(CommunityError):
    status = 405


class Conflict(CommunityError):
    status = 409


class BodyTooLarge(CommunityError):
    status = 413


def not_found(what):
    """The one answer for unknown ids and ids of another community: they must be indistinguishable."""
    # Translators: %(what)s is "conversation" or "post".
    return NotFound(_("No such %(what)s in this community."), what=what)
