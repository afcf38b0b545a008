"""Reading a handler's JSON payload into checked values.

Every reader raises ``InvalidInput`` naming the field, before any domain rule runs, so a refused request
never writes anything.
"""
from django.utils.translation import gettext_noop as _

from .errors import InvalidInput


def require_object(payload):
    if not isinstance(payload, dict):
        raise InvalidInput(_("The request body must be a JSON object."))
    return payload


def read_id(payload, field, required=True):
    """A positive integer id (JSON numbers or digit strings; booleans are refused)."""
    value = payload.get(field)
    if value is None or value == "":
        if required:
            raise InvalidInput(_("%(field)s is required."), field=field)
        return None
    if isinstance(value, bool):
        value = None
    elif isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or value <= 0 or value > 2**62:
        raise InvalidInput(_("%(field)s must be a positive whole number."), field=field)
    return value


def read_text(payload, field, max_length, min_length=1, required=True):
    """A string, stripped; must be between min_length and max_length characters."""
    value = payload.get(field)
    if value is None:
        if required:
            raise InvalidInput(_("%(field)s is required."), field=field)
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(field)s must be text."), field=field)
    if "\x00" in value:
        raise InvalidInput(_("%(field)s contains a character that is not allowed."), field=field)
    value = value.strip()
    if len(value) < min_length:
        if min_length <= 1:
            raise InvalidInput(_("%(field)s must not be empty."), field=field)
        raise InvalidInput(
            _("%(field)s must be at least %(min)s characters long."), field=field, min=min_length,
        )
    if len(value) > max_length:
        raise InvalidInput(
            _("%(field)s must be at most %(max)s characters long."), field=field, max=max_length,
        )
    return value


def read_choice(payload, field, choices, default=None):
    value = payload.get(field, default)
    if value not in choices:
        raise InvalidInput(
            _("%(field)s must be one of: %(choices)s."), field=field, choices=", ".join(sorted(choices)),
        )
    return value


def read_bool(payload, field, default=False):
    value = payload.get(field, default)
    if not isinstance(value, bool):
        raise InvalidInput(_("%(field)s must be true or false."), field=field)
    return value


def read_page(payload, field="page"):
    value = payload.get(field, 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise InvalidInput(_("%(field)s must be a page number between 1 and 10000."), field=field)
    return value
