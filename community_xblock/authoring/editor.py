"""What Studio shows an author: the editor, the preview, the soft warnings, and saving the settings.

Saving validates every field with ``configuration.clean`` before assigning any, so an invalid form changes
nothing; the answer names each wrong field with the reason, translated.
"""
from django.db.models import Count, Q
from django.utils.translation import gettext_noop as _
from xblock.validation import Validation, ValidationMessage

from community_xblock.authoring import configuration
from community_xblock.authoring.settings import GROUPS, SETTINGS, THREAD_KINDS
from community_xblock.models import Post, Thread, Visit


def editor_context(block):
    """The editor's sections and fields, from the settings table, translated for the author."""
    gettext = block.translator.gettext
    settings = block.settings()
    groups = []
    for key, title in GROUPS.items():
        fields = [_field_view(setting, settings[setting.name], block.unit_components, gettext)
                  for setting in SETTINGS if setting.group == key]
        fields = [field for field in fields if field is not None]
        if fields:
            groups.append({"key": key, "title": gettext(title), "fields": fields})
    return {"groups": groups, "save_url": block.runtime.handler_url(block, "save_settings")}


def _field_view(setting, value, components, gettext):
    """One setting as its widget shows it (None when there is nothing to edit, e.g. no component to prompt)."""
    view = {"name": setting.name, "widget": setting.widget, "label": gettext(setting.label),
            "help": gettext(setting.help), "value": "" if value is None else value}
    if setting.choices:
        chosen = value if isinstance(value, list) else [value]
        view["choices"] = [{"value": choice, "label": gettext(label), "selected": choice in chosen}
                           for choice, label in setting.choices.items()]
    if setting.widget == "component_prompts":
        if not components:
            return None
        view["components"] = [{"usage_key": c.usage_key, "name": c.display_name, "prompt": value.get(c.usage_key, "")}
                              for c in components]
    if setting.widget == "paragraphs":
        view["value"] = "\n\n".join(value)
    if setting.widget == "scheduled_prompts":
        view.update(_schedule_view(value, components, gettext))
    return view


def _schedule_view(schedule, components, gettext):
    """The scheduled prompts' rows, and the places a prompt can be for: the unit, its components, and a component
    that left the unit but still has a prompt (kept, so saving the form does not lose it)."""
    places = [{"value": "", "label": gettext("The whole unit")}]
    places += [{"value": c.usage_key, "label": c.display_name} for c in components]
    known = {place["value"] for place in places}
    places += [{"value": item["component"], "label": item["component"]} for item in schedule
               if item["component"] not in known]
    return {"items": schedule, "places": places,
            "blank": {"text": "", "component": "", "shows_from": "", "days_after_end": None}}


# The preview's activity tiles: key, label, and whether a non-zero figure asks for the author's attention.
FIGURES = (
    ("conversations", _("Conversations"), False),
    ("posts", _("Posts"), False),
    ("authors", _("People who wrote"), False),
    ("visitors", _("Visitors"), False),
    ("unanswered", _("Unanswered questions"), True),
    ("flagged", _("Flagged conversations"), True),
)


def preview_context(block):
    """Settings summary, phase and activity figures (three aggregate queries, whatever the size)."""
    community = block.community
    threads = Thread.objects.filter(community=community, deleted=False).aggregate(
        total=Count("pk"),
        questions=Count("pk", filter=Q(kind="question")),
        unanswered=Count("pk", filter=Q(kind="question", response_count=0)),
        flagged=Count("pk", filter=Q(flag_count__gt=0)),
    )
    posts = Post.objects.filter(community=community, deleted=False).aggregate(
        total=Count("pk"), authors=Count("author_key", distinct=True),
    )
    values = {"conversations": threads["total"], "posts": posts["total"], "authors": posts["authors"],
              "visitors": Visit.objects.filter(community=community).count(),
              "unanswered": threads["unanswered"], "flagged": threads["flagged"]}
    gettext = block.translator.gettext
    settings = block.settings()
    return {
        "settings": settings,
        # Labels for a list in the markup (badges), never joined into one string: no separator to translate.
        "kinds": [gettext(THREAD_KINDS[kind]) for kind in settings["thread_kinds"]],
        "phase": block.phase,
        "figures": [{"key": key, "label": gettext(label), "value": values[key], "alert": alert}
                    for key, label, alert in FIGURES],
        "warnings": [_translated(warning.message, block) for warning in _soft_warnings(block)],
    }


def validation(block):
    """The XBlock ``validate()`` answer: soft warnings only."""
    result = Validation(block.scope_ids.usage_id)
    for warning in _soft_warnings(block):
        result.add(ValidationMessage(ValidationMessage.WARNING, _translated(warning.message, block)))
    return result


def save(block, payload):
    """Validate and store every setting in ``payload`` (the whole editor form); the caller checked the rights."""
    cleaned = configuration.clean(payload)  # raises InvalidConfiguration, naming every wrong field
    for name, value in cleaned.items():
        setattr(block, name, value)
    block.save()
    return {
        "saved": sorted(cleaned),
        "warnings": [_translated(warning.message, block) for warning in _soft_warnings(block)],
    }


def _soft_warnings(block):
    course_end = block.platform_course_end
    settings = block.settings()
    return configuration.soft_warnings(
        settings, course_end.date().isoformat() if course_end else settings.get("course_end"),
    )


def _translated(message, block):
    return block.translator.gettext(message)
