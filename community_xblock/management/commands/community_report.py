"""``django-admin community_report --community ORG+COURSE/BLOCK | --course ORG+COURSE [--format json|text]``.

JSON: one object. For a community: ``community`` (its key), ``name``, and ``evaluation`` (the unit's evaluation:
participation, conversation, questions, reactions, signals, languages, signals over time, themes and themes by
component, the revision backlog with the posts behind it, named by their source ids where they were imported).
``alerts``: what the detectors raised, oldest first: ``kind`` (error_spread, bad_buzz, unanswered), ``component``
(its display name, or null for the unit's own conversations), ``fired_at`` (ISO 8601; for an imported timeline,
when it would have fired), ``status``, the figures that fired it, erratum counts and ``posts`` (by source id where
they have one). ``candidates``: the talent detector's suggestions, the unit's then the course-wide ones:
``author`` (username), ``role`` (expert, lead_user, trend_setter), ``unit`` (the community key, or null for
course-wide), ``rank`` (1 is the strongest, per role and scope), ``score`` (0-100, the weighted percentiles),
``promoted``, ``reasons`` (sentences) and ``posts`` (by source id where they have one). For a course: ``course``,
``communities`` (a list of those objects, each with its own unit's candidates) and ``candidates`` (every unit's
and the course-wide ones). ``events``: the measured effect of each event of the unit (and each course-wide
one) that has started, the latest first: ``periods`` (before, during, after: ``start``, ``end``, ``days``), ``unit``
and ``control`` (the other units; null for a course-wide event) with per period ``posts``, ``posts_per_day``,
``participants``, ``new_participants``, ``replies_per_thread``, ``negative_share`` and, for during and after,
``rate_ratio`` (``ratio``, ``low``, ``high``: the exact 95% Poisson interval against before), ``overall`` (the
ratio since the start) and ``verdict`` (lifted, lowered, unclear). Later keys are added beside these; existing
keys keep their meaning, so scripts can rely on them.
"""
import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from community_xblock.gatherings import effect
from community_xblock.insights.detectors.alerts import report_rows
from community_xblock.insights.evaluation import unit_report
from community_xblock.insights.talent import presenters as talent
from community_xblock.management.arguments import course_communities, existing_community
from community_xblock.models import TalentRole


def community_document(community, ranking, with_course_wide=True):
    candidates = talent.scoped(ranking, community.pk) if with_course_wide else \
        [candidate for role in TalentRole.values for candidate in ranking.of_unit(community.pk).get(role, [])]
    return {"community": str(community), "name": community.display_name, "evaluation": unit_report(community),
            "alerts": report_rows(community),
            "candidates": talent.report_rows(ranking, [community], candidates),
            "events": effect.of_unit(community)}


class Command(BaseCommand):
    help = "Print a community's (or a course's) evaluation as JSON or text."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--community", help="ORG+COURSE/BLOCK")
        scope.add_argument("--course", help="ORG+COURSE: every community of the course")
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args, **options):
        if options["community"]:
            community = existing_community(options["community"])
            document = community_document(community, talent.ranked(community.org, community.course))
            documents = [document]
        else:
            communities = list(course_communities(options["course"]))
            if not communities:
                raise CommandError(f"No community in course {options['course']}.")
            ranking = talent.ranked(communities[0].org, communities[0].course)
            documents = [community_document(community, ranking, with_course_wide=False) for community in communities]
            document = {"course": options["course"], "communities": documents,
                        "candidates": talent.report_rows(ranking, communities, list(ranking.shown()))}
        if options["format"] == "json":
            self.stdout.write(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        else:
            for each in documents:
                self.stdout.write(text_report(each))


def text_report(document):
    evaluation = document["evaluation"]
    participation, questions = evaluation["participation"], evaluation["questions"]
    lines = [f"{document['name'] or document['community']} ({document['community']})",
             f"  participation: {participation['viewers']} viewed, {participation['posters']} posted, "
             f"{participation['repliers']} replied",
             f"  conversations: {evaluation['conversation']['threads']}, "
             f"{evaluation['conversation']['replies_per_thread']} replies each",
             f"  questions: {questions['answered']}/{questions['total']} answered, {questions['accepted']} accepted, "
             f"median first answer {questions['median_hours_to_first_answer']} h",
             "  signals: " + ", ".join(f"{name} {count}" for name, count in evaluation["signals"].items()),
             "  revision backlog:"]
    for item in evaluation["backlog"]:
        posts = ", ".join(str(post["source_id"] or post["post_id"]) for post in item["evidence"])
        lines.append(f"    {item['component']}: weight {item['weight']} ({item['errors']} error reports, "
                     f"{item['confusion']} confused posts; {item['error_reactions'] + item['confused_reactions']} "
                     f"reactions) posts {posts}")
    lines.append("  themes: " + ", ".join(f"{theme['phrase']} ({theme['count']})" for theme in evaluation["themes"]))
    lines.append("  candidates:")
    for candidate in document["candidates"]:
        where = "course-wide" if candidate["unit"] is None else "this unit"
        lines.append(f"    {candidate['role']} #{candidate['rank']} ({where}): {candidate['author']}: "
                     + " ".join(candidate["reasons"]))
    lines.append("  events:")
    for measured in document["events"]:
        overall = measured["overall"]["unit"]
        lines.append(f"    {measured['title']} ({measured['kind']}): {measured['verdict']}, rate ratio since the start "
                     f"{overall['ratio']} ({overall['low']} to {overall['high']})")
    return "\n".join(lines)
