"""The one set of rules that checks an author's settings (the table in ``settings.py`` says what each holds).

The Studio editor and OLX import both hand raw values to ``clean()``; it returns every field checked and
converted, or raises ``InvalidConfiguration`` listing each wrong field with the reason, so nothing is
assigned unless everything is valid. ``soft_warnings()`` gives the soft problems Studio shows without refusing.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_noop as _

from community_xblock.authoring.settings import BY_NAME, SETTINGS
from community_xblock.core.errors import CommunityError, InvalidInput

FIELDS = [setting.name for setting in SETTINGS]  # the settings' names, in the table's order


class InvalidConfiguration(CommunityError):
    """Several fields can be wrong at once; each keeps its own message."""

    status = 400

    def __init__(self, errors):
        super().__init__(_("Some settings are not valid; nothing was saved."))
        self.errors = errors  # list of InvalidInput, each with .field

    def field_errors(self, gettext):
        return {error.field or "settings": error.translated(gettext) for error in self.errors}


@dataclass(frozen=True)
class SoftWarning:
    field: str
    message: str  # a msgid


def clean(raw):
    """Every known field of ``raw`` checked and converted; unknown keys are refused too."""
    errors, cleaned = [], {}
    if not isinstance(raw, dict):
        raise InvalidConfiguration([InvalidInput(_("The settings must be a JSON object."))])
    for name in raw:
        if name not in BY_NAME:
            errors.append(InvalidInput(_("%(field)s is not a setting of this block."), field=name))
    for setting in SETTINGS:
        if setting.name not in raw:
            continue
        try:
            cleaned[setting.name] = setting.clean(setting.name, raw[setting.name])
        except InvalidInput as error:
            error.label = setting.label
            errors.append(error)
    if errors:
        raise InvalidConfiguration(errors)
    return cleaned


def soft_warnings(settings, course_end=None):
    """Soft problems with a complete set of settings (``course_end``: the date the phase switches on)."""
    found = []
    until = settings.get("alumni_until")
    if until and course_end and until < course_end:
        found.append(SoftWarning(
            "alumni_until",
            _("The alumni window ends before the course does, so alumni will never have an open space."),
        ))
    if not settings.get("thread_kinds"):
        found.append(SoftWarning("thread_kinds", _("No conversation type is allowed: learners cannot start anything.")))
    if settings.get("course_policy") == "closed":
        found.append(SoftWarning("course_policy", _("The space is closed during the course: learners cannot see it.")))
    if not (settings.get("prompt") or "").strip():
        found.append(SoftWarning("prompt", _("There is no prompt: tell learners what this space is for.")))
    return found
