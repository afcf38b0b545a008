"""``django-admin community_report --community ORG+COURSE/BLOCK | --course ORG+COURSE [--format json|text]``.

JSON: one object. For a community: ``community`` (its key), ``name``, and ``evaluation`` (the unit's evaluation:
participation, conversation, questions, reactions, signals, languages, signals over time, themes and themes by
component, the revision backlog with the posts behind it, named by their source ids where they were imported).
``alerts``: what the detectors raised, oldest first: ``kind`` (error_spread, bad_buzz, unanswered), ``component``
(its display name, or null for the unit's own conversations), ``fired_at`` (ISO 8601; for an imported timeline,
when it would have fired), ``status``, the figures that fired it, erratum counts and ``posts`` (by source id where
they have one). For a course: ``course`` and ``communities``, a list of those objects. Later keys
(``candidates``) are added beside these; existing keys keep their meaning, so scripts can rely on them.
"""
import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from community_xblock.insights.detectors.alerts import report_rows
from community_xblock.insights.evaluation import unit_report
from community_xblock.management.arguments import course_communities, existing_community


def community_document(community):
    return {"community": str(community), "name": community.display_name, "evaluation": unit_report(community),
            "alerts": report_rows(community)}


class Command(BaseCommand):
    help = "Print a community's (or a course's) evaluation as JSON or text."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--community", help="ORG+COURSE/BLOCK")
        scope.add_argument("--course", help="ORG+COURSE: every community of the course")
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args, **options):
        if options["community"]:
            document = community_document(existing_community(options["community"]))
            documents = [document]
        else:
            communities = list(course_communities(options["course"]))
            if not communities:
                raise CommandError(f"No community in course {options['course']}.")
            documents = [community_document(community) for community in communities]
            document = {"course": options["course"], "communities": documents}
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
    return "\n".join(lines)
