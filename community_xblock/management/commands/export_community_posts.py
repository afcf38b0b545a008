"""``django-admin export_community_posts --community ORG+COURSE/BLOCK [--format csv|jsonl|json] [--identified]
[--output FILE]``: the evaluation's download, written as a stream to a file (or standard output).

The same rows as the staff view's export (``insights/exports.py``), in constant memory at any size: the way to
export a large community from a platform whose handlers hold a download in memory.
"""
import sys

from django.core.management.base import BaseCommand

from community_xblock.insights import exports
from community_xblock.management.arguments import existing_community


class Command(BaseCommand):
    help = "Write a community's posts (one row each, pseudonymous by default) as CSV, JSON lines or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True, help="ORG+COURSE/BLOCK")
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="csv")
        parser.add_argument("--identified", action="store_true", help="names instead of per-unit pseudonyms")
        parser.add_argument("--output", help="a file to write (default: standard output)")

    def handle(self, *args, **options):
        community = existing_community(options["community"])
        chunks = exports.stream(community, options["format"], identified=options["identified"])
        target = open(options["output"], "wb") if options["output"] else sys.stdout.buffer  # noqa: SIM115
        try:
            for chunk in chunks:
                target.write(chunk)
        finally:
            if options["output"]:
                target.close()
