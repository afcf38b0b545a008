"""What Studio shows an author: the editor, the preview, the soft warnings, and saving the settings.

Saving validates every field with ``configuration.clean`` before assigning any, so an invalid form changes
nothing; the answer names each wrong field with the reason, translated.
"""
from django.db.models import Count, Q
from xblock.validation import Validation, ValidationMessage

from community_xblock.authoring import configuration
from community_xblock.models import Post, Thread, Visit


def editor_context(block):
    settings = block.settings()
    components = block.unit_components
    return {
        "settings": settings,
        "components": [{"usage_key": c.usage_key, "name": c.display_name,
                        "prompt": settings["component_prompts"].get(c.usage_key, "")} for c in components],
        "kinds": configuration.THREAD_KINDS,
        "policies": configuration.PHASE_POLICIES,
        "run_scopes": configuration.RUN_SCOPES,
        "alumni_prompts_text": "\n\n".join(settings["alumni_prompts"]),
        "save_url": block.runtime.handler_url(block, "save_settings"),
    }


def preview_context(block):
    """Settings summary, phase and activity counts (three aggregate queries, whatever the size)."""
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
    return {
        "settings": block.settings(),
        "phase": block.phase,
        "threads": threads,
        "posts": posts,
        "visitors": Visit.objects.filter(community=community).count(),
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
