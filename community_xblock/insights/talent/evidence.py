"""The posts behind the candidates shown: an expert's best answers, a lead user's threads that drew people in, a
trend-setter's first posts of the themes that grew. Three reads for the whole ranking, each bounded by what the
shown candidates wrote, not by the size of the course."""
from collections import defaultdict

from django.db.models import Exists, F, OuterRef

from community_xblock.aggregates.facts import TAKEN_UP
from community_xblock.models import Keyphrase, Post, TalentRole, Thread, ThreadKind

EVIDENCE_POSTS = 3
POST_FIELDS = ("pk", "community_id", "author_key", "author_name", "anonymous", "source_id", "thread_id",
               "thread__title", "body", "created_at", "helpful_count", "insightful_count")


def attach(ranking):
    """Fill ``posts`` (and ``name``) of every shown candidate, and each trend-setter's theme surfaces."""
    by_role = defaultdict(list)
    for candidate in ranking.shown():
        by_role[candidate.role].append(candidate)
    communities = set(ranking.communities)
    _experts(by_role[TalentRole.EXPERT], communities)
    _lead_users(by_role[TalentRole.LEAD_USER], communities)
    _trend_setters(by_role[TalentRole.TREND_SETTER])
    _names([candidate for listed in by_role.values() for candidate in listed], communities)
    return ranking


def _counted(posts):
    return posts.filter(deleted=False, hidden=False, thread__deleted=False, thread__hidden=False)


def _pick(candidates, rows, sort_key):
    """Give each candidate its best rows: from its unit (or any unit, course-wide), ``sort_key`` first."""
    mine = defaultdict(list)
    for row in rows:
        mine[row["author_key"]].append(row)
    for candidate in candidates:
        own = [row for row in mine[candidate.author_key]
               if candidate.community_id is None or row["community_id"] == candidate.community_id]
        candidate.posts = sorted(own, key=sort_key)[:EVIDENCE_POSTS]


def _experts(candidates, communities):
    if not candidates:
        return
    accepted = Thread.objects.filter(accepted_post_id=OuterRef("pk"))
    rows = _counted(Post.objects.filter(
        author_key__in={candidate.author_key for candidate in candidates},
        community_id__in=communities, is_opening=False, parent__isnull=True,
        thread__kind=ThreadKind.QUESTION)).exclude(thread__author_key=F("author_key")) \
        .annotate(accepted=Exists(accepted)).values(*POST_FIELDS, "accepted")
    _pick(candidates, rows, lambda row: (not row["accepted"], -(row["helpful_count"] + row["insightful_count"]),
                                         -row["created_at"].timestamp()))


def _lead_users(candidates, communities):
    if not candidates:
        return
    rows = _counted(Post.objects.filter(
        author_key__in={candidate.author_key for candidate in candidates},
        community_id__in=communities, is_opening=True, thread__replier_count__gte=TAKEN_UP)) \
        .values(*POST_FIELDS, "thread__replier_count")
    _pick(candidates, rows, lambda row: (-row["thread__replier_count"], row["created_at"].timestamp()))


def _trend_setters(candidates):
    origin_posts = {theme[1] for candidate in candidates for theme in candidate.themes}
    if not origin_posts:
        return
    rows = {row["pk"]: row for row in Post.objects.filter(pk__in=origin_posts).values(*POST_FIELDS)}
    surfaces = {(post_id, key): surface for post_id, key, surface in Keyphrase.objects.filter(
        post_id__in=origin_posts).values_list("post_id", "key", "surface")}
    for candidate in candidates:
        candidate.themes = [(surfaces.get((post_id, key), key), post_id, uptake, units)
                            for key, post_id, uptake, units in candidate.themes]
        candidate.posts = list({theme[1]: rows[theme[1]] for theme in candidate.themes
                                if theme[1] in rows}.values())[:EVIDENCE_POSTS]


def _names(candidates, communities):
    """Each candidate's username, from the posts shown or, for someone endorsed with none, any post of theirs."""
    names = {row["author_key"]: row["author_name"] for candidate in candidates for row in candidate.posts}
    missing = {candidate.author_key for candidate in candidates} - set(names)
    if missing:
        names.update(Post.objects.filter(community_id__in=communities, author_key__in=missing)
                     .values_list("author_key", "author_name").distinct())
    for candidate in candidates:
        candidate.name = names.get(candidate.author_key, "")
