"""``django-admin rebuild_community_aggregates [--community ORG+COURSE/BLOCK | --course ORG+COURSE] [--verify]``.

Recomputes the aggregates the reports read (``models/aggregates.py``) from the posts: after an upgrade that
changes their rules, or to check the ones kept on write (``--verify`` compares and changes nothing; it exits with
status 1 when they differ). Run it when learners are not writing to the communities it rebuilds: a write made
during a rebuild may be counted twice or not at all until the next one.
"""
import time

from django.core.management.base import BaseCommand, CommandError

from community_xblock.aggregates.rebuild import differences, rebuild
from community_xblock.conversations import search
from community_xblock.management.arguments import course_communities, existing_community
from community_xblock.models import Community

SHOWN_DIFFERENCES = 10


class Command(BaseCommand):
    help = "Recompute (or, with --verify, check) communities' aggregates from their posts."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--community", help="ORG+COURSE/BLOCK (default: every community)")
        scope.add_argument("--course", help="ORG+COURSE: every community of the course")
        parser.add_argument("--verify", action="store_true", help="compare with the stored aggregates, change nothing")

    def handle(self, *args, **options):
        if options["community"]:
            communities = [existing_community(options["community"])]
        elif options["course"]:
            communities = list(course_communities(options["course"]))
        else:
            communities = list(Community.objects.order_by("pk"))
        wrong = 0
        for community in communities:
            started = time.perf_counter()
            if options["verify"]:
                found = differences(community)
                wrong += bool(found)
                verdict = f"{len(found)} differences" if found else "agree"
                self.stdout.write(f"{community}: {verdict}")
                for table, key, kept, recomputed in found[:SHOWN_DIFFERENCES]:
                    self.stdout.write(f"  {table} {key}: kept {kept}, recomputed {recomputed}")
                continue
            result = rebuild(community)
            search.rebuild(community)
            self.stdout.write(f"{community}: rebuilt ({len(result.tallies)} tally rows, {len(result.people)} people, "
                              f"{len(result.themes)} theme rows, the search index) in "
                              f"{time.perf_counter() - started:.1f} s")
        if wrong:
            raise CommandError(f"{wrong} of {len(communities)} communities differ from their posts.")
