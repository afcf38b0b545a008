"""The candidates as plain data, for the staff view, ``community_report`` and the exports.

The staff view names people (the course team sees names everywhere in staff mode); the exports are pseudonymous
unless staff ask for names; the report names people by username, as the import files and the platform do.
"""
from django.utils import translation

from community_xblock.insights.talent import evidence
from community_xblock.insights.talent.ranking import rank_course
from community_xblock.insights.talent.reasons import posts_of, reasons
from community_xblock.models import TalentRole


def ranked(org, course, now=None):
    """The course's ranking with the posts behind each shown candidate."""
    return evidence.attach(rank_course(org, course, now=now))


def candidate_data(candidate, translator, unit_names):
    return {
        "author_key": candidate.author_key, "name": candidate.name, "role": candidate.role,
        "role_label": translator.gettext(TalentRole(candidate.role).label),
        "community_id": candidate.community_id, "unit": unit_names.get(candidate.community_id),
        "rank": candidate.rank, "score": round(candidate.score, 1), "promoted": candidate.promoted,
        "reasons": reasons(candidate, translator), "posts": posts_of(candidate, unit_names),
    }


def scoped(ranking, community_id):
    """The candidates of one unit, then the course-wide ones, role by role."""
    unit = ranking.of_unit(community_id)
    return [candidate for role in TalentRole.values for candidate in unit.get(role, [])] + \
        [candidate for role in TalentRole.values for candidate in ranking.course.get(role, [])]


def report_rows(ranking, communities, candidates):
    """``community_report``'s ``candidates``: author (username), role, unit (the community key, or null for
    course-wide), rank, reasons (in English) and posts (by source id where they were imported)."""
    keys = {community.pk: str(community) for community in communities}
    with translation.override("en"):
        return [{"author": candidate.name or candidate.author_key, "role": candidate.role,
                 "unit": keys.get(candidate.community_id), "rank": candidate.rank,
                 "score": round(candidate.score, 1), "promoted": candidate.promoted,
                 "reasons": reasons(candidate, translation),
                 "posts": [row["source_id"] or row["pk"] for row in candidate.posts]} for candidate in candidates]


def export_rows(ranking, candidates, name_of):
    """The candidates export: one row per candidate, ``name_of(candidate)`` naming them (a pseudonym unless staff
    asked for names)."""
    with translation.override("en"):
        for candidate in candidates:
            yield [name_of(candidate), candidate.role,
                   ranking.communities.get(candidate.community_id, "") if candidate.community_id else "",
                   candidate.rank, round(candidate.score, 1), int(candidate.promoted),
                   " ".join(reasons(candidate, translation)),
                   " ".join(str(row["pk"]) for row in candidate.posts)]
