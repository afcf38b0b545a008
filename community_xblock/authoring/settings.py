"""Every setting an author controls, declared once: one row per setting.

A row says what the setting holds (the XBlock field it becomes, its default), what the editor calls it and how
it is edited (label, help, widget, the labels of its choices), how a raw value is checked and converted (the
cleaner, used by the editor and by OLX import alike), and where it sits in OLX. The block's fields, the
validation, the OLX code and the Studio editor all read this table: adding a setting is adding a row.

OLX placements: ``"attribute"`` (an attribute of ``<community>``), ``"prompt"`` (a ``<prompt>`` child),
``"component-prompts"`` (``<component-prompt component="...">`` children), ``"scheduled-prompts"``
(``<scheduled-prompt component=".." from="YYYY-MM-DD" | days-after-end="N">`` children), ``"lifecycle:<attribute>"`` (an
attribute of ``<lifecycle>``), ``"phase:<course|alumni>:<policy|until|prompts>"`` (on or inside a ``<phase>``),
or None: not exported (secrets such as a webhook address stay out of course exports).
"""
from dataclasses import dataclass, field
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.utils.translation import gettext_noop as _
from xblock.fields import Boolean, Dict, Integer, List, Scope, String

from community_xblock.core.errors import InvalidInput
from community_xblock.core.validation import ASCII_ID, check_text, iso_day
from community_xblock.gatherings.prompts import clean_schedule
from community_xblock.models import ThreadKind

PROMPT_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 255
URL_MAX_LENGTH = 500
MAX_COMPONENT_PROMPTS = 50
MAX_ALUMNI_PROMPTS = 10

THREAD_KINDS = {kind.value: kind.label for kind in ThreadKind}
POLICIES = {"open": _("Open: read and write"), "read_only": _("Read-only"), "closed": _("Closed to learners")}
PREMODERATION = {
    "off": _("No approval needed"),
    "first_posts": _("A learner's first posts wait for approval"),
    "all": _("Every learner post waits for approval"),
}
RUN_SCOPES = {"shared": _("Every run shares the space (alumni meet new learners)"),
              "isolated": _("Each run sees only its own conversations")}

# The editor's sections, in order.
GROUPS = {
    "learners": _("What learners see"),
    "kinds": _("Conversation types learners can start"),
    "options": _("Options"),
    "lifecycle": _("After the course"),
    "platform": _("Open edX discussion"),
    "moderation": _("Moderation"),
    "alerts": _("Alerts to the community manager"),
    "experts": _("Community experts"),
}


# ----- cleaners: raw value (editor JSON or OLX text) -> checked value, or InvalidInput naming the field -------------

def _text(name, value, max_length, min_length, *, multiline=False):
    if not isinstance(value, str):
        raise InvalidInput(_("%(field)s must be text."), field=name)
    return check_text(value, name, max_length, min_length, multiline=multiline)


def clean_name(name, value):
    return _text(name, value, NAME_MAX_LENGTH, min_length=1)


def clean_label(name, value):
    return _text(name, value, NAME_MAX_LENGTH, min_length=0)


def clean_prompt(name, value):
    return _text(name, value, PROMPT_MAX_LENGTH, min_length=0, multiline=True)


def clean_bool(name, value):
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):  # OLX attributes are text
        return value == "true"
    raise InvalidInput(_("%(field)s must be true or false."), field=name)


def clean_choice(choices):
    def clean(name, value):
        if value not in choices:
            raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field=name, choices=", ".join(choices))
        return value

    return clean


def clean_date(name, value):
    """An ISO date (YYYY-MM-DD) or empty for "not set"."""
    return iso_day(value, name, _("%(field)s must be a date written YYYY-MM-DD, or empty."))


def clean_kinds(name, value):
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list) or any(kind not in THREAD_KINDS for kind in value):
        raise InvalidInput(_("%(field)s must list some of: %(choices)s."), field=name,
                           choices=", ".join(THREAD_KINDS))
    return [kind for kind in THREAD_KINDS if kind in value]


def clean_prompt_list(name, value):
    if not isinstance(value, list) or len(value) > MAX_ALUMNI_PROMPTS:
        raise InvalidInput(_("%(field)s must be a list of at most %(max)s prompts."), field=name,
                           max=MAX_ALUMNI_PROMPTS)
    prompts = [clean_prompt(name, item) for item in value]
    return [prompt for prompt in prompts if prompt]


def clean_component_prompts(name, value):
    if not isinstance(value, dict) or len(value) > MAX_COMPONENT_PROMPTS:
        raise InvalidInput(_("%(field)s must map components to prompts (at most %(max)s)."), field=name,
                           max=MAX_COMPONENT_PROMPTS)
    prompts = {}
    for component, prompt in value.items():
        key = _text(name, component, NAME_MAX_LENGTH, min_length=1)
        text = clean_prompt(name, prompt)
        if text:
            prompts[key] = text
    return prompts


def _whole_number(value, lowest, highest):
    """``value`` (an int, or its digits as text) when it lies in [lowest, highest], else None."""
    if isinstance(value, str) and ASCII_ID.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        return None
    return value


def clean_points(name, value):
    if (points := _whole_number(value, 1, 1000)) is None:
        raise InvalidInput(_("%(field)s must be a whole number of points between 1 and 1000."), field=name)
    return points


def clean_days(name, value):
    if (days := _whole_number(value, 0, 365)) is None:
        raise InvalidInput(_("%(field)s must be a whole number of days between 0 and 365."), field=name)
    return days


def clean_hours(name, value):
    if (hours := _whole_number(value, 0, 720)) is None:
        raise InvalidInput(_("%(field)s must be a whole number of hours between 0 and 720."), field=name)
    return hours


def clean_url(name, value):
    """An https address, or http to this machine (a receiver under test); empty for "none"."""
    value = _text(name, value, URL_MAX_LENGTH, min_length=0)
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme == "http" and parts.hostname and _loopback(parts.hostname):
        return value
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise InvalidInput(_("%(field)s must be an https:// address without a user name or password."), field=name)
    return value


def _loopback(host):
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


# ----- the table ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One setting: its field, how the editor shows it, how it is checked, where it sits in OLX."""

    name: str
    field_type: type  # the XBlock field class
    default: object
    label: str  # msgid: the editor's label, the field's display name, and how error messages name it
    help: str  # msgid
    clean: object  # (name, raw value) -> checked value
    widget: str  # text, textarea, checkbox, select, number, date, url, kinds, component_prompts, paragraphs,
    # scheduled_prompts
    group: str  # a key of GROUPS
    olx: str | None = "attribute"
    scope: object = Scope.settings
    choices: dict = field(default_factory=dict)  # value -> msgid of its label (select and kinds widgets)

    def xblock_field(self):
        extra = {"values": list(self.choices)} if self.choices and self.field_type is String else {}
        return self.field_type(display_name=self.label, help=self.help, default=self.default, scope=self.scope,
                               enforce_type=True, **extra)


SETTINGS = [
    Setting("display_name", String, _("Community"), _("Display name"),
            _("The name of the community shown to learners and in the course outline."),
            clean_name, "text", "learners"),
    Setting("prompt", String,
            _("What did this unit make you think about? Ask questions, share what you found, help others."),
            _("Prompt"), _("The unit's editorial line: what learners are invited to talk about (Markdown)."),
            clean_prompt, "textarea", "learners", olx="prompt", scope=Scope.content),
    Setting("component_prompts", Dict, {}, _("Prompts per component"),
            _("An optional prompt for each component of the unit, shown with the conversations about it."),
            clean_component_prompts, "component_prompts", "learners", olx="component-prompts", scope=Scope.content),
    Setting("scheduled_prompts", List, [], _("Scheduled prompts"),
            _("Prompts that take over the unit's (or a component's) prompt from a day you choose, or a number of "
              "days after the course end for the alumni; the latest begun shows."),
            clean_schedule, "scheduled_prompts", "learners", olx="scheduled-prompts", scope=Scope.content),
    Setting("discussion_category", String, "", _("Category"),
            _("A label grouping this community with others (imported from a discussion block)."),
            clean_label, "text", "learners"),
    Setting("discussion_target", String, "", _("Subcategory"),
            _("A second label, shown under the name (imported from a discussion block)."),
            clean_label, "text", "learners"),
    Setting("thread_kinds", List, list(THREAD_KINDS), _("Conversation types"),
            _("Which kinds of conversation learners can start."),
            clean_kinds, "kinds", "kinds", choices=THREAD_KINDS),
    Setting("allow_anchors", Boolean, True, _("Link to components"),
            _("Learners can link a conversation to a component of the unit."),
            clean_bool, "checkbox", "options"),
    Setting("allow_anonymous", Boolean, True, _("Anonymous posts"),
            _("Learners can post anonymously to their peers (the course team still sees who wrote)."),
            clean_bool, "checkbox", "options"),
    Setting("complete_on_contribution", Boolean, False, _("Completion"),
            _("Mark the block complete on a learner's first post (otherwise it does not count for unit completion)."),
            clean_bool, "checkbox", "options"),
    Setting("participation_grade", Boolean, False, _("Participation grade"),
            _("Grade participation, quality over volume: long enough posts, helpful reactions and accepted answers "
              "count most, with a weekly cap."),
            clean_bool, "checkbox", "options"),
    Setting("grade_target", Integer, 10, _("Points for full marks"),
            _("How many participation points earn the full grade."),
            clean_points, "number", "options"),
    Setting("run_scope", String, "shared", _("Course runs"),
            _("Whether every run of the course meets in one space, or each run sees its own conversations."),
            clean_choice(RUN_SCOPES), "select", "options", choices=RUN_SCOPES),
    Setting("course_end", String, "", _("Course end"),
            _("When the alumni phase starts (YYYY-MM-DD), if the platform does not give the course end."),
            clean_date, "date", "lifecycle", olx="lifecycle:course_end"),
    Setting("course_policy", String, "open", _("During the course"),
            _("What learners may do while the course runs."),
            clean_choice(POLICIES), "select", "lifecycle", olx="phase:course:policy", choices=POLICIES),
    Setting("alumni_policy", String, "open", _("After the course"),
            _("What learners may do once the course has ended (the alumni phase)."),
            clean_choice(POLICIES), "select", "lifecycle", olx="phase:alumni:policy", choices=POLICIES),
    Setting("alumni_until", String, "", _("Alumni window ends"),
            _("After this day (YYYY-MM-DD) the space becomes read-only; empty keeps it going."),
            clean_date, "date", "lifecycle", olx="phase:alumni:until"),
    Setting("alumni_prompts", List, [], _("Alumni prompts"),
            _("Prompts shown only in the alumni phase, one per paragraph."),
            clean_prompt_list, "paragraphs", "lifecycle", olx="phase:alumni:prompts", scope=Scope.content),
    Setting("discussion_id", String, "", _("Discussion id"),
            _("The Open edX inline discussion this community continues (kept from <discussion> OLX; its history "
              "can be imported)."),
            clean_label, "text", "platform"),
    Setting("sort_key", String, "", _("Sort key"),
            _("Where the platform's discussion topics list this community (kept from <discussion> OLX)."),
            clean_label, "text", "platform"),
    Setting("premoderation", String, "off", _("Approval before posts are shown"),
            _("Whether learners' posts wait for the course team's approval in the review queue: never, a "
              "learner's first posts (until two are shown), or every post."),
            clean_choice(PREMODERATION), "select", "moderation", choices=PREMODERATION),
    Setting("close_after_days", Integer, 0, _("Close quiet conversations"),
            _("Close a conversation to new replies after this many days without activity; 0 keeps them open."),
            clean_days, "number", "moderation"),
    Setting("alerts_webhook_url", String, "", _("Alerts webhook"),
            _("Where alerts about this community are posted (a chat tool's incoming webhook); empty: none are sent. "
              "Kept out of course exports."),
            clean_url, "url", "alerts", olx=None),
    Setting("expert_wait_hours", Integer, 12, _("Ask an expert after"),
            _("Hours a question waits without an answer before it is shown to the course's community experts in "
              "their space; 0: never."),
            clean_hours, "number", "experts"),
]

BY_NAME = {setting.name: setting for setting in SETTINGS}


def xblock_fields():
    """The block's fields, one per row (the block class inherits them, see block.py)."""
    return {setting.name: setting.xblock_field() for setting in SETTINGS}


def settings_fields():
    """A mixin holding the block's settings fields, one per row (``CommunityXBlock`` inherits it)."""
    from xblock.core import XBlockMixin

    namespace = {"__module__": __name__, "__doc__": "The author's settings, one field per row of SETTINGS."}
    return type("SettingsFields", (XBlockMixin,), {**namespace, **xblock_fields()})
