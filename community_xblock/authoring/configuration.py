"""What an author configures, and the one set of rules that checks it.

The Studio editor and OLX import both hand raw values to ``clean()``; it returns every field checked and
converted, or raises ``InvalidConfiguration`` listing each wrong field with the reason, so nothing is
assigned unless everything is valid. ``soft_warnings()`` gives the soft problems Studio shows without refusing.
"""
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop as _

from community_xblock.core.errors import CommunityError, InvalidInput
from community_xblock.core.validation import ASCII_ID, check_text

THREAD_KINDS = ("discussion", "question", "issue")
PHASE_POLICIES = ("open", "read_only", "closed")
RUN_SCOPES = ("shared", "isolated")
PROMPT_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 255
MAX_COMPONENT_PROMPTS = 50
MAX_ALUMNI_PROMPTS = 10

# Field name -> what kind of value it holds. The XBlock fields carry the same names.
FIELDS = {
    "display_name": "name",
    "prompt": "prompt",
    "component_prompts": "component_prompts",
    "thread_kinds": "thread_kinds",
    "allow_anchors": "bool",
    "allow_anonymous": "bool",
    "course_end": "date",
    "course_policy": "policy",
    "alumni_policy": "policy",
    "alumni_until": "date",
    "alumni_prompts": "prompt_list",
    "run_scope": "run_scope",
    "complete_on_contribution": "bool",
    "discussion_category": "label",
    "discussion_target": "label",
    "participation_grade": "bool",
    "grade_target": "grade_target",
    "discussion_id": "label",
    "sort_key": "label",
}
# What the editor calls each setting: error messages name a setting by its translated label.
LABELS = {
    "display_name": _("Display name"),
    "prompt": _("Prompt"),
    "component_prompts": _("Prompts per component"),
    "thread_kinds": _("Conversation types"),
    "allow_anchors": _("Link to components"),
    "allow_anonymous": _("Anonymous posts"),
    "course_end": _("Course end"),
    "course_policy": _("During the course"),
    "alumni_policy": _("After the course"),
    "alumni_until": _("Alumni window ends"),
    "alumni_prompts": _("Alumni prompts"),
    "run_scope": _("Course runs"),
    "complete_on_contribution": _("Completion"),
    "discussion_category": _("Category"),
    "discussion_target": _("Subcategory"),
    "participation_grade": _("Participation grade"),
    "grade_target": _("Points for full marks"),
    "discussion_id": _("Discussion id"),
    "sort_key": _("Sort key"),
}


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
        if name not in FIELDS:
            errors.append(InvalidInput(_("%(field)s is not a setting of this block."), field=name))
    for name, kind in FIELDS.items():
        if name not in raw:
            continue
        try:
            cleaned[name] = CLEANERS[kind](name, raw[name])
        except InvalidInput as error:
            error.label = LABELS[name]
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


def _name(field, value):
    return _text(field, value, NAME_MAX_LENGTH, min_length=1)


def _label(field, value):
    return _text(field, value, NAME_MAX_LENGTH, min_length=0)


def _prompt(field, value):
    return _text(field, value, PROMPT_MAX_LENGTH, min_length=0, multiline=True)


def _text(field, value, max_length, min_length, *, multiline=False):
    if not isinstance(value, str):
        raise InvalidInput(_("%(field)s must be text."), field=field)
    return check_text(value, field, max_length, min_length, multiline=multiline)


def _bool(field, value):
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):  # OLX attributes are text
        return value == "true"
    raise InvalidInput(_("%(field)s must be true or false."), field=field)


def _choice(choices):
    def clean_choice(field, value):
        if value not in choices:
            raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field=field, choices=", ".join(choices))
        return value

    return clean_choice


def _date(field, value):
    """An ISO date (YYYY-MM-DD) or empty for "not set"."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InvalidInput(_("%(field)s must be a date written YYYY-MM-DD, or empty."), field=field)


def _thread_kinds(field, value):
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list) or any(kind not in THREAD_KINDS for kind in value):
        raise InvalidInput(_("%(field)s must list some of: %(choices)s."), field=field,
                           choices=", ".join(THREAD_KINDS))
    return [kind for kind in THREAD_KINDS if kind in value]


def _prompt_list(field, value):
    if not isinstance(value, list) or len(value) > MAX_ALUMNI_PROMPTS:
        raise InvalidInput(_("%(field)s must be a list of at most %(max)s prompts."), field=field,
                           max=MAX_ALUMNI_PROMPTS)
    prompts = [_prompt(field, item) for item in value]
    return [prompt for prompt in prompts if prompt]


def _component_prompts(field, value):
    if not isinstance(value, dict) or len(value) > MAX_COMPONENT_PROMPTS:
        raise InvalidInput(_("%(field)s must map components to prompts (at most %(max)s)."), field=field,
                           max=MAX_COMPONENT_PROMPTS)
    prompts = {}
    for component, prompt in value.items():
        key = _text(field, component, NAME_MAX_LENGTH, min_length=1)
        text = _prompt(field, prompt)
        if text:
            prompts[key] = text
    return prompts


def _grade_target(field, value):
    if isinstance(value, str) and ASCII_ID.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise InvalidInput(_("%(field)s must be a whole number of points between 1 and 1000."), field=field)
    return value


CLEANERS = {
    "name": _name,
    "label": _label,
    "prompt": _prompt,
    "bool": _bool,
    "policy": _choice(PHASE_POLICIES),
    "run_scope": _choice(RUN_SCOPES),
    "date": _date,
    "thread_kinds": _thread_kinds,
    "prompt_list": _prompt_list,
    "component_prompts": _component_prompts,
    "grade_target": _grade_target,
}
