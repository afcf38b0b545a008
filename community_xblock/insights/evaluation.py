"""The qualitative evaluation of a unit (and of a course): aggregates of what was stored when posts were written.

Every figure is one aggregate query (or a small fixed number of them), so the report costs the same number of
queries for a community of ten posts or of a hundred thousand; only the rows the database scans grow.
"""
import hashlib
import statistics
from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import CharField, Count, F, IntegerField, Max, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from community_xblock.insights.analysis import SIGNALS
from community_xblock.insights.analysis.language import LANGUAGES
from community_xblock.insights.analysis.themes import excluded_stems
from community_xblock.models import SIGNAL_FIELDS, Anchor, Community, Keyphrase, Post, Thread, ThreadKind, Visit

REACTION_FIELDS = {"helpful": "helpful_count", "insightful": "insightful_count", "confused": "confused_count",
                   "error": "error_count"}
TOP_THEMES = 15
THEMES_PER_COMPONENT = 5
BACKLOG_POSTS = 3
UNANSWERED_SHOWN = 10
SUMMARY_EVERY = timedelta(days=7)


def unit_report(community, components=None):
    """Everything the evaluation view shows for one community.

    ``components`` are the unit's current ones, as the runtime lists them; without a runtime (a scheduled job)
    the components threads were linked to stand in for them.
    """
    posts = Post.objects.filter(community=community, deleted=False)
    threads = Thread.objects.filter(community=community, deleted=False)
    if components is None:
        names = dict(Anchor.objects.filter(community=community).values_list("usage_key", "display_name"))
    else:
        names = {component.usage_key: component.display_name for component in components}
    report = {
        "participation": _participation(community, posts),
        "conversation": _conversation(threads),
        "questions": _questions(threads),
        "reactions": posts.aggregate(**{kind: Sum(field, default=0) for kind, field in REACTION_FIELDS.items()}),
        "signals": posts.aggregate(**{signal: Count("pk", filter=Q(**{field: True}))
                                      for signal, field in SIGNAL_FIELDS.items()}),
        "languages": dict(posts.values_list("language").annotate(n=Count("pk")).order_by("-n")),
        "signals_over_time": _signals_over_time(posts),
        "backlog": _backlog(community, names),
    }
    report["themes"], report["themes_by_component"] = _themes(community, names)
    return report


def _participation(community, posts):
    return {
        "viewers": Visit.objects.filter(community=community).count(),
        "posters": posts.values("author_key").distinct().count(),
        "repliers": posts.filter(is_opening=False).values("author_key").distinct().count(),
    }


def _conversation(threads):
    totals = threads.aggregate(threads=Count("pk"), responses=Sum("response_count", default=0),
                               comments=Sum("comment_count", default=0))
    replies = totals["responses"] + totals["comments"]
    return {**totals, "replies": replies,
            "replies_per_thread": round(replies / totals["threads"], 2) if totals["threads"] else 0}


def _questions(threads):
    questions = threads.filter(kind=ThreadKind.QUESTION)
    counts = questions.aggregate(total=Count("pk"), answered=Count("pk", filter=Q(response_count__gt=0)),
                                 accepted=Count("pk", filter=Q(accepted_post__isnull=False)))
    delays = [
        (answered - asked).total_seconds() / 3600
        for asked, answered in questions.filter(first_response_at__isnull=False)
        .values_list("created_at", "first_response_at").iterator(chunk_size=5000)
    ]
    unanswered = list(
        questions.filter(response_count=0).select_related("anchor", "opening_post").order_by("created_at")
        [:UNANSWERED_SHOWN]
    )
    return {
        **counts,
        "answered_share": round(counts["answered"] / counts["total"], 3) if counts["total"] else 0,
        "median_hours_to_first_answer": round(statistics.median(delays), 1) if delays else None,
        "unanswered": [{"id": t.pk, "source_id": t.opening_post.source_id if t.opening_post else None,
                        "title": t.title, "created_at": t.created_at,
                        "component": t.anchor.display_name if t.anchor_id else None} for t in unanswered],
    }


def _signals_over_time(posts):
    """Week by week (the week is stored with each post: no date arithmetic over the whole community)."""
    rows = (posts.values("week").annotate(posts=Count("pk"), **{signal: Count("pk", filter=Q(**{field: True}))
                                                               for signal, field in SIGNAL_FIELDS.items()})
            .order_by("week"))
    return [{**row, "week": row["week"].isoformat() if row["week"] else None} for row in rows]


def _themes(community, names):
    """Top themes of the unit and of each component, from one pass over the keyphrases.

    The database counts (component, stem key, written form) triples; the few thousand distinct triples are
    then folded here into per-key totals, each shown in the form people wrote most.
    """
    rows = (Keyphrase.objects.filter(community=community)
            .values("anchor__usage_key", "anchor__display_name", "language", "key", "surface")
            .annotate(count=Count("pk")))
    totals, forms, per_component, component_names = Counter(), defaultdict(Counter), defaultdict(Counter), {}
    component_stems = {}  # language -> stems of the unit's component names: they say nothing as themes
    for row in rows:
        language = row["language"]
        if language not in component_stems:
            component_stems[language] = excluded_stems(names.values(), language) if language in LANGUAGES else set()
        if set(row["key"].split()) <= component_stems[language]:
            continue
        totals[row["key"]] += row["count"]
        forms[row["key"]][row["surface"]] += row["count"]
        if row["anchor__usage_key"]:
            per_component[row["anchor__usage_key"]][row["key"]] += row["count"]
            component_names[row["anchor__usage_key"]] = row["anchor__display_name"]

    def theme(key, count):
        return {"key": key, "phrase": forms[key].most_common(1)[0][0], "count": count}

    overall = [theme(key, count) for key, count in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
               [:TOP_THEMES]]
    by_component = [
        {"component": names.get(usage_key, component_names[usage_key]), "removed": usage_key not in names,
         "themes": [theme(key, count) for key, count in counts.most_common(THEMES_PER_COMPONENT)]}
        for usage_key, counts in per_component.items()
    ]
    return overall, by_component


def _backlog(community, names):
    """The unit's components ranked by confusion and error signals (text and reactions), with the posts behind."""
    rows = (Post.objects.filter(community=community, deleted=False, thread__anchor__isnull=False)
            .values("thread__anchor_id", "thread__anchor__usage_key", "thread__anchor__display_name")
            .annotate(confusion=Count("pk", filter=Q(sig_confusion=True)),
                      errors=Count("pk", filter=Q(sig_error=True)),
                      confused_reactions=Sum("confused_count", default=0),
                      error_reactions=Sum("error_count", default=0), posts=Count("pk"),
                      latest=Max("created_at")))
    backlog = []
    for row in rows:
        weight = row["confusion"] + row["errors"] + row["confused_reactions"] + row["error_reactions"]
        if not weight:
            continue
        backlog.append({
            "anchor_id": row["thread__anchor_id"],
            "component": names.get(row["thread__anchor__usage_key"], row["thread__anchor__display_name"]),
            "removed": row["thread__anchor__usage_key"] not in names,
            "confusion": row["confusion"], "errors": row["errors"],
            "confused_reactions": row["confused_reactions"], "error_reactions": row["error_reactions"],
            "posts": row["posts"], "weight": weight, "latest": row["latest"],
        })
    # Ties: error reports first (a wrong answer key hurts more than a hard passage), then the most recent.
    backlog.sort(key=lambda item: (-item["weight"], -(item["errors"] + item["error_reactions"]),
                                   -item["latest"].timestamp()))
    for item in backlog[:20]:
        evidence = (Post.objects.filter(community=community, deleted=False, hidden=False,
                                        thread__anchor_id=item["anchor_id"])
                    .filter(Q(sig_confusion=True) | Q(sig_error=True) | Q(confused_count__gt=0) | Q(error_count__gt=0))
                    .annotate(strength=F("confused_count") + F("error_count"))
                    .select_related("thread").order_by("-strength", "-created_at")[:BACKLOG_POSTS])
        item["evidence"] = [{"post_id": post.pk, "source_id": post.source_id, "thread_id": post.thread_id,
                             "title": post.thread.title,
                             "excerpt": post.body[:280], "confusion": post.sig_confusion, "error": post.sig_error}
                            for post in evidence]
    return backlog[:20]


def course_report(community):
    """Every community block of the same course, unit by unit, with its headline figures."""
    communities = Community.objects.filter(org=community.org, course=community.course)
    posts = dict(Post.objects.filter(community__in=communities, deleted=False).values_list("community_id")
                 .annotate(n=Count("pk")))
    signals = {row["community_id"]: row for row in Post.objects.filter(community__in=communities, deleted=False)
               .values("community_id").annotate(confusion=Count("pk", filter=Q(sig_confusion=True)),
                                                errors=Count("pk", filter=Q(sig_error=True)),
                                                praise=Count("pk", filter=Q(sig_praise=True)))}
    threads = {row["community_id"]: row for row in Thread.objects.filter(community__in=communities, deleted=False)
               .values("community_id").annotate(threads=Count("pk"),
                                                unanswered=Count("pk", filter=Q(kind="question",
                                                                                response_count=0)))}
    visitors = dict(Visit.objects.filter(community__in=communities).values_list("community_id")
                    .annotate(n=Count("pk")))
    units = []
    for unit in communities.order_by("display_name", "pk"):
        signal_row = signals.get(unit.pk, {})
        thread_row = threads.get(unit.pk, {})
        units.append({"id": unit.pk, "name": unit.display_name or unit.block_id, "this_unit": unit.pk == community.pk,
                      "posts": posts.get(unit.pk, 0), "threads": thread_row.get("threads", 0),
                      "unanswered": thread_row.get("unanswered", 0), "visitors": visitors.get(unit.pk, 0),
                      "confusion": signal_row.get("confusion", 0), "errors": signal_row.get("errors", 0),
                      "praise": signal_row.get("praise", 0)})
    return {"course": f"{community.org}+{community.course}", "units": units}


def export_rows(community, identified=False):
    """One row per post, for CSV: pseudonymous authors unless ``identified``.

    The row query casts dates and flags in the database: converting 100k values in Python costs more than
    writing the file.
    """
    raw = {"created": Cast("created_at", CharField()),
           **{f"n_{field}": Cast(field, IntegerField()) for field in SIGNAL_FIELDS.values()}}
    posts = (Post.objects.filter(community=community, deleted=False).annotate(**raw)
             .values_list("pk", "thread_id", "thread__kind", "is_opening", "parent_id", "thread__anchor__display_name",
                          "run", "created", "language", "author_key", "author_name",
                          *(f"n_{field}" for field in SIGNAL_FIELDS.values()),
                          *REACTION_FIELDS.values())
             .order_by("pk").iterator(chunk_size=5000))
    yield ["post_id", "thread_id", "thread_kind", "post_kind", "component", "run", "created_at", "language",
           "author", *SIGNALS, *(f"{kind}_reactions" for kind in REACTION_FIELDS)]
    names = {}
    for row in posts:
        (pk, thread_id, thread_kind, is_opening, parent_id, component, run, created, language, author_key,
         author_name, *counts) = row
        kind = "thread" if is_opening else ("comment" if parent_id else "response")
        if author_key not in names:
            names[author_key] = author_name if identified else pseudonym(community, author_key)
        yield [pk, thread_id, thread_kind, kind, component or "", run, created, language, names[author_key],
               *counts]


def pseudonym(community, user_key):
    """A stable pseudonym per community: the same person reads the same across exports, not across units."""
    digest = hashlib.sha256(f"{community.pk}:{user_key}".encode()).hexdigest()[:10]
    return f"learner-{digest}"


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
