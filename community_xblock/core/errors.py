"""The errors domain rules raise, each carrying the HTTP status a handler answers with.

Messages are English msgids marked with ``gettext_noop``: domain modules run without any XBlock runtime, so
the handler layer translates them with the block's i18n service when it builds the response.
"""
from django.utils.translation import gettext_noop as _

# What a person calls each field of a handler's payload: messages name a field by its translated label, the
# JSON answer by its name (so the page can find the input). Settings bring their labels from the settings table.
FIELD_LABELS = {
    "title": _("Title"),
    "body": _("Message"),
    "kind": _("Type"),
    "component": _("About"),
    "anonymous": _("Anonymous"),
    "thread_id": _("Conversation"),
    "post_id": _("Post"),
    "parent_id": _("Response"),
    "reason": _("Reason"),
    "sort": _("Sort by"),
    "show": _("Show"),
    "page": _("Page"),
    "active": _("On or off"),
    "accepted": _("Accepted"),
    "hidden": _("Hidden"),
    "state": _("State"),
    "value": _("Value"),
    "format": _("Format"),
    "action_id": _("Decision"),
    "decision": _("Decision"),
    "word": _("Word or phrase"),
    "minutes": _("One post every"),
    "hours": _("For"),
    "word_id": _("Watched word"),
    "language": _("Language"),
    "action": _("What it does"),
    "alert_id": _("Alert"),
    "status": _("Status"),
    "erratum_id": _("Erratum"),
    "url": _("Webhook address"),
    "include_text": _("Include excerpts of learners' posts"),
    "webhook_id": _("Webhook"),
    "delivery_id": _("Delivery"),
    "user_key": _("Learner"),
    "role": _("Role"),
    "course_wide": _("Course-wide"),
    "time_zone": _("Time zone"),
    "starts": _("Starts"),
    "ends": _("Ends"),
    "capacity": _("Places"),
    "link": _("Link"),
    "description": _("Description"),
    "event_id": _("Event"),
    "answer": _("Answer"),
    "host": _("Host"),
    "charter": _("Community guidelines"),
    "query": _("Search"),
    "before": _("Where the results go on"),
}


class CommunityError(Exception):
    """A refused request. ``message`` is a msgid; ``params`` fill its ``%(name)s`` placeholders.

    ``field`` names the offending payload field; ``%(field)s`` in the message becomes its translated label
    (``label``, or the one in FIELD_LABELS).
    """

    status = 400

    def __init__(self, message, field=None, label=None, **params):
        if field:
            params["field"] = field
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.label = label
        self.params = params

    def translated(self, gettext):
        text = gettext(self.message)
        if not self.params:
            return text
        params = dict(self.params)
        if self.field:
            label = self.label or FIELD_LABELS.get(self.field)
            params["field"] = gettext(label) if label else self.field
        return text % params

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


class TooSoon(CommunityError):
    status = 429


class BodyTooLarge(CommunityError):
    status = 413


def not_found(what):
    """The one answer for unknown ids and ids of another community: they must be indistinguishable."""
    # Translators: %(what)s is "conversation" or "post".
    return NotFound(_("No such %(what)s in this community."), what=what)
