"""Reading a handler's JSON payload into checked values.

Every reader raises ``InvalidInput`` naming the field, before any domain rule runs, so a refused request
never writes anything.
"""
import re
from datetime import date

from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import InvalidInput
from community_xblock.core.markup import visible_characters

ASCII_ID = re.compile(r"[0-9]{1,19}")
# Lone surrogates (JSON's "\ud800" decodes to one; no database stores it), and the bidi embeddings, overrides
# and isolates that make text read in another order than it is stored (spoofed titles).
FORBIDDEN = re.compile("[\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# Control characters; a multi-line text may hold tabs and line breaks.
CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def require_object(payload):
    if not isinstance(payload, dict):
        raise InvalidInput(_("The request body must be a JSON object."))
    return payload


def read_id(payload, field, required=True):
    """A positive integer id (JSON numbers or strings of ASCII digits; booleans are refused)."""
    value = payload.get(field)
    if value is None or value == "":
        if required:
            raise InvalidInput(_("%(field)s is required."), field=field)
        return None
    if isinstance(value, bool):
        value = None
    elif isinstance(value, str) and ASCII_ID.fullmatch(value):
        value = int(value)
    if not isinstance(value, int) or value <= 0 or value > 2**62:
        raise InvalidInput(_("%(field)s must be a positive whole number."), field=field)
    return value


def read_text(payload, field, max_length, min_length=1, required=True, *, multiline=False):
    """A string, stripped; between min_length and max_length characters (the minimum counts visible ones).

    Lone surrogates, bidi overrides and control characters (but tabs and line breaks in ``multiline`` text)
    are refused, and so is text made only of invisible characters.
    """
    value = payload.get(field)
    if value is None:
        if required:
            raise InvalidInput(_("%(field)s is required."), field=field)
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(field)s must be text."), field=field)
    return check_text(value, field, max_length, min_length, multiline=multiline)


def check_text(value, field, max_length, min_length=1, *, multiline=False):
    """``value`` stripped and checked as ``read_text`` describes (also for settings)."""
    if FORBIDDEN.search(value) or (CONTROL_TEXT if multiline else CONTROL_LINE).search(value):
        raise InvalidInput(_("%(field)s contains a character that is not allowed."), field=field)
    value = value.strip()
    visible = len(visible_characters(value))
    if visible < min_length:
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
    if not isinstance(value, str) or value not in choices:  # a list or an object is no choice either
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


def iso_day(value, name, message):
    """``value`` as an ISO date (YYYY-MM-DD, spaces around allowed), None when empty; else InvalidInput with
    ``message`` naming ``name``: the settings' dates and the scheduled prompts' days read the same way."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InvalidInput(message, field=name)
