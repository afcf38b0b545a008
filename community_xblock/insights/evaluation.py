"""The qualitative evaluation of a unit (and of a course), read from the aggregates kept on write.

Every figure comes from a few small reads of ``models/aggregates.py`` (the unit's row, its weeks, its components,
its top themes) and two indexed reads of threads and posts that stop after a handful of rows (the oldest
unanswered questions, each backlog component's heaviest posts): the report costs the same for a community of
ten posts or of a million. A community tallied under older rules is rebuilt from its posts first, once.
"""
from collections import Counter
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from community_xblock.aggregates.facts import ANSWER_DELAY_BANDS
from community_xblock.aggregates.rebuild import rebuild
from community_xblock.conversations.presenters import excerpt
from community_xblock.insights.analysis.language import LANGUAGES
from community_xblock.insights.analysis.themes import excluded_stems
from community_xblock.models import (
    NOT_ABOUT_A_COMPONENT,
    SIGNAL_FIELDS,
    TALLY_COLUMNS,
    TALLY_VERSION,
    WHOLE_UNIT,
    ActivityTally,
    Anchor,
    AnswerDelay,
    Community,
    Post,
    TallyScope,
    ThemeForm,
    ThemeTally,
    Thread,
    ThreadKind,
)

REACTIONS = {"helpful": "helpful", "insightful": "insightful", "confused": "confused", "error": "found_error"}
TOP_THEMES = 15
THEMES_PER_COMPONENT = 5
THEME_CANDIDATES = 4  # read this many times more than shown: component names are taken out after the read
BACKLOG_SIZE = 20
BACKLOG_POSTS = 3
UNANSWERED_SHOWN = 10
SUMMARY_EVERY = timedelta(days=7)
ZERO = dict.fromkeys(TALLY_COLUMNS, 0)


def tallied(community):
    """``community`` with aggregates under the current rules (rebuilt from its posts when they are older)."""
    if community.tally_version < TALLY_VERSION:
        rebuild(community)
        community.tally_version = TALLY_VERSION
    return community


def unit_report(community, components=None):
    """Everything the evaluation view shows for one community.

    ``components`` are the unit's current ones, as the runtime lists them; without a runtime (a scheduled job,
    a command) the components threads were linked to stand in for them.
    """
    tallied(community)
    rows = {(row.scope, row.component): row for row in ActivityTally.objects.filter(
        community=community, scope__in=(TallyScope.UNIT, TallyScope.COMPONENT))}
    unit = rows[(TallyScope.UNIT, NOT_ABOUT_A_COMPONENT)].counts() if (TallyScope.UNIT, 0) in rows else ZERO
    components_seen = {component: row for (scope, component), row in rows.items()
                       if scope == TallyScope.COMPONENT and component != NOT_ABOUT_A_COMPONENT}
    anchors = {anchor.pk: anchor for anchor in Anchor.objects.filter(community=community, pk__in=components_seen)}
    if components is None:
        names = {anchor.usage_key: anchor.display_name for anchor in anchors.values()}
    else:
        names = {component.usage_key: component.display_name for component in components}
    report = {
        "participation": {"viewers": Community.objects.filter(pk=community.pk).values_list(
            "viewer_count", flat=True).get(), "posters": unit["posters"], "repliers": unit["repliers"]},
        "conversation": _conversation(unit),
        "questions": _questions(community, unit),
        "reactions": {name: unit[column] for name, column in REACTIONS.items()},
        "signals": {signal: unit[field] for signal, field in SIGNAL_FIELDS.items()},
        "languages": _languages(unit),
        "signals_over_time": _weeks(community),
        "backlog": _backlog(community, components_seen, anchors, names),
    }
    report["themes"], report["themes_by_component"] = _themes(community, components_seen, anchors, names)
    return report


def _conversation(unit):
    replies = unit["responses"] + unit["comments"]
    return {"threads": unit["threads"], "responses": unit["responses"], "comments": unit["comments"],
            "replies": replies, "replies_per_thread": round(replies / unit["threads"], 2) if unit["threads"] else 0}


def _questions(community, unit):
    unanswered = (Thread.objects.filter(community=community, kind=ThreadKind.QUESTION, response_count=0,
                                        deleted=False, hidden=False)
                  .select_related("anchor", "opening_post").order_by("created_at")[:UNANSWERED_SHOWN])
    return {
        "total": unit["questions"], "answered": unit["answered"], "accepted": unit["accepted"],
        "answered_share": round(unit["answered"] / unit["questions"], 3) if unit["questions"] else 0,
        "median_hours_to_first_answer": median_delay(AnswerDelay.objects.filter(community=community)),
        "unanswered": [{"id": t.pk, "source_id": t.opening_post.source_id if t.opening_post else None,
                        "title": t.title, "created_at": t.created_at,
                        "component": t.anchor.display_name if t.anchor_id else None} for t in unanswered],
    }


def median_delay(bands):
    """The median time to a first answer, in hours, from the delay bands: the mean delay of the band the median
    question falls in (exact when the middle questions share a band, within that band otherwise)."""
    bands = sorted((row.band, row.questions, row.total_minutes) for row in bands if row.questions > 0)
    total = sum(questions for _band, questions, _minutes in bands)
    if not total:
        return None
    seen = 0
    for band, questions, minutes in bands:
        seen += questions
        if seen * 2 >= total:
            estimate = minutes / questions / 60
            low = ANSWER_DELAY_BANDS[band - 1] if band else 0
            high = ANSWER_DELAY_BANDS[band] if band < len(ANSWER_DELAY_BANDS) else estimate
            return round(min(max(estimate, low), high), 1)
    return None


def _languages(unit):
    counts = {language: unit[f"lang_{language}"] for language in LANGUAGES} | {"other": unit["lang_other"]}
    return {language: count for language, count in sorted(counts.items(), key=lambda item: -item[1]) if count}


def _weeks(community):
    """Week by week (the week of each post is kept with it: site-local Mondays)."""
    weeks = ActivityTally.objects.filter(community=community, scope=TallyScope.WEEK, posts__gt=0).order_by("start")
    return [{"week": row.start.date().isoformat(), "posts": row.posts,
             **{signal: getattr(row, field) for signal, field in SIGNAL_FIELDS.items()}} for row in weeks]


def _backlog(community, components_seen, anchors, names):
    """The unit's components ranked by confusion and error signals (text and reactions), with the posts behind."""
    backlog = []
    for component, row in components_seen.items():
        weight = row.sig_confusion + row.sig_error + row.confused + row.found_error
        anchor = anchors.get(component)
        if not weight or anchor is None:
            continue
        backlog.append({
            "anchor_id": component, "component": names.get(anchor.usage_key, anchor.display_name),
            "removed": anchor.usage_key not in names, "confusion": row.sig_confusion, "errors": row.sig_error,
            "confused_reactions": row.confused, "error_reactions": row.found_error, "posts": row.posts,
            "weight": weight,
        })
    # Ties: error reports first (a wrong answer key hurts more than a hard passage), then the most recent signal.
    tied = Counter((item["weight"], item["errors"] + item["error_reactions"]) for item in backlog)
    for item in backlog:
        item["latest"] = _latest_signal(community, item["anchor_id"]) \
            if tied[(item["weight"], item["errors"] + item["error_reactions"])] > 1 else None
    backlog.sort(key=lambda item: (-item["weight"], -(item["errors"] + item["error_reactions"]),
                                   -(item["latest"].timestamp() if item["latest"] else 0)))
    backlog = backlog[:BACKLOG_SIZE]
    for item in backlog:
        evidence = (Post.objects.filter(community=community, anchor_id=item["anchor_id"], revision_weight__gt=0,
                                        deleted=False, hidden=False, thread__deleted=False, thread__hidden=False)
                    .exclude(parent__hidden=True).exclude(parent__deleted=True)
                    .select_related("thread").order_by("-revision_weight", "-created_at")[:BACKLOG_POSTS])
        item["evidence"] = [{"post_id": post.pk, "source_id": post.source_id, "thread_id": post.thread_id,
                             "title": post.thread.title, "excerpt": excerpt(post.body),
                             "confusion": post.sig_confusion, "error": post.sig_error} for post in evidence]
    return backlog


def _latest_signal(community, component):
    """The last hour a confusion or error signal came in about ``component``."""
    signalled = Q(sig_confusion__gt=0) | Q(sig_error__gt=0) | Q(confused__gt=0) | Q(found_error__gt=0)
    return (ActivityTally.objects.filter(signalled, community=community, scope=TallyScope.HOUR, component=component)
            .order_by("-start").values_list("start", flat=True).first())


def _themes(community, components_seen, anchors, names):
    """Top themes of the unit and of each component; the unit's component names are no themes."""
    stems = set().union(*(excluded_stems(names.values(), language) for language in LANGUAGES)) if names else set()

    def top(component, count):
        rows = (ThemeTally.objects.filter(community=community, component=component, posts__gt=0)
                .order_by("-posts", "key").values_list("key", "posts")[:count * THEME_CANDIDATES])
        return [(key, posts) for key, posts in rows if not set(key.split()) <= stems][:count]

    overall = top(WHOLE_UNIT, TOP_THEMES)
    by_component = [(component, top(component, THEMES_PER_COMPONENT)) for component in components_seen
                    if component in anchors]
    keys = {key for key, _posts in overall} | {key for _c, themes in by_component for key, _posts in themes}
    forms = {}
    for key, surface, _posts in (ThemeForm.objects.filter(community=community, key__in=keys, posts__gt=0)
                                 .order_by("key", "-posts", "surface").values_list("key", "surface", "posts")):
        forms.setdefault(key, surface)

    def theme(key, posts):
        return {"key": key, "phrase": forms.get(key, key), "count": posts}

    return [theme(key, posts) for key, posts in overall], [
        {"component": names.get(anchors[component].usage_key, anchors[component].display_name),
         "removed": anchors[component].usage_key not in names, "themes": [theme(*pair) for pair in themes]}
        for component, themes in by_component if themes
    ]


def course_units(community):
    """Every community block of ``community``'s course (tallied, by name) and {community id: its unit row}: what
    the course views read, in two queries."""
    units = [tallied(unit) for unit in
             Community.objects.filter(org=community.org, course=community.course).order_by("display_name", "pk")]
    return units, {row.community_id: row for row in ActivityTally.objects.filter(community__in=units,
                                                                                 scope=TallyScope.UNIT)}


def course_report(community):
    """Every community block of the same course, unit by unit, with its headline figures (one row each)."""
    communities, rows = course_units(community)
    units = {community_id: row.counts() for community_id, row in rows.items()}
    return {"course": f"{community.org}+{community.course}", "units": [
        {"id": unit.pk, "name": unit.display_name or unit.block_id, "this_unit": unit.pk == community.pk,
         "posts": counts["posts"], "threads": counts["threads"], "posters": counts["posters"],
         "questions": counts["questions"], "answered": counts["answered"],
         "unanswered": counts["questions"] - counts["answered"], "visitors": unit.viewer_count,
         "confusion": counts["sig_confusion"], "errors": counts["sig_error"], "praise": counts["sig_praise"]}
        for unit in communities for counts in [units.get(unit.pk, ZERO)]]}


def summary_due(community, now=None):
    """Claim the weekly summary event for this community (atomic: one request wins)."""
    now = now or timezone.now()
    claimed = Community.objects.filter(pk=community.pk).filter(
        Q(summary_published_at__isnull=True) | Q(summary_published_at__lte=now - SUMMARY_EVERY),
    ).update(summary_published_at=now)
    return bool(claimed)


def summary_event(community, report):
    """The tracking event institution-wide analytics can collect: the headline figures of a unit."""
    return "edx.community.evaluation.summary", {
        "community": {"org": community.org, "course": community.course, "block_id": community.block_id,
                      "name": community.display_name},
        "participation": report["participation"],
        "conversation": report["conversation"],
        "questions": {key: value for key, value in report["questions"].items() if key != "unanswered"},
        "reactions": report["reactions"],
        "signals": report["signals"],
        "top_themes": [theme["phrase"] for theme in report["themes"][:5]],
        "backlog": [{"component": item["component"], "weight": item["weight"]} for item in report["backlog"][:5]],
    }
