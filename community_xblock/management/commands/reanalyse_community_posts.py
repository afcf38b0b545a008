"""``django-admin reanalyse_community_posts [--community ORG+COURSE/BLOCK] [--force]``: upgrade stored analyses.

When the analysis rules change, ``ANALYSIS_VERSION`` goes up; this command analyses again, in batches and in the
order they were written (a reply reads what it answers), every post stored under an older version, so the
evaluation of a course that ended long ago improves too. ``--force`` analyses every post again.
"""
from django.core.management.base import BaseCommand
from django.db import transaction

from community_xblock.conversations.analysed import reanalyse
from community_xblock.insights.analysis import ANALYSIS_VERSION
from community_xblock.management.arguments import existing_community
from community_xblock.models import Post, Thread

BATCH = 500


class Command(BaseCommand):
    help = "Analyse again the posts stored under an older version of the text analysis (or all, with --force)."

    def add_arguments(self, parser):
        parser.add_argument("--community", help="ORG+COURSE/BLOCK (default: every community)")
        parser.add_argument("--force", action="store_true", help="analyse every post, whatever its version")
        parser.add_argument("--batch", type=int, default=BATCH, help="posts per transaction")

    def handle(self, *args, **options):
        posts = Post.objects.filter(deleted=False)
        if options["community"]:
            posts = posts.filter(community=existing_community(options["community"]))
        if not options["force"]:
            posts = posts.filter(analysis_version__lt=ANALYSIS_VERSION)
        total = posts.count()
        done, last = 0, None
        while True:
            batch = posts.order_by("created_at", "pk").select_related("parent")
            if last is not None:
                batch = batch.filter(created_at__gte=last[0]).exclude(created_at=last[0], pk__lte=last[1])
            batch = list(batch[:options["batch"]])
            if not batch:
                break
            threads = Thread.objects.select_related("anchor").in_bulk({post.thread_id for post in batch})
            with transaction.atomic():
                for post in batch:
                    reanalyse(post, threads[post.thread_id])
            done += len(batch)
            last = (batch[-1].created_at, batch[-1].pk)
            self.stderr.write(f"\r{done}/{total} posts analysed again (version {ANALYSIS_VERSION})", ending="")
        self.stderr.write("")
        self.stdout.write(f"{done} posts analysed again under version {ANALYSIS_VERSION}.")
