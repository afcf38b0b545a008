"""``django-admin import_community_posts FILE --community ORG+COURSE/BLOCK``: bring a timeline into a community.

FILE holds JSON lines, one post a line (see ``imports/records.py``); ``-`` reads standard input. With
``--forum-discussion ID --forum-course COURSE_ID`` instead of a file, the unit's Open edX inline discussion is
read through the forum's Python API (the ``forum`` app of the LMS; ``discussion_id`` is kept from the block's
``<discussion>`` OLX). Posts go through the handlers' write path, in time order, each with its own time; a second
import of the same posts adds nothing; a bad line is reported with its number and the rest goes on.
"""
import sys

from django.core.management.base import BaseCommand, CommandError

from community_xblock.imports import forum
from community_xblock.imports.records import BadRecord, record_from_line
from community_xblock.imports.replay import replay
from community_xblock.management.arguments import IMPORT_RUN, space_from


class Command(BaseCommand):
    help = "Import posts (JSON lines, or an Open edX forum discussion) into a community, through its write path."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="JSON lines, one post a line ('-': standard input)")
        parser.add_argument("--community", required=True, help="ORG+COURSE/BLOCK: the community block's key")
        parser.add_argument("--run", default=IMPORT_RUN, help="the course run the posts are written in")
        parser.add_argument("--forum-discussion", help="an Open edX inline discussion's discussion_id")
        parser.add_argument("--forum-course", help="its course id (course-v1:ORG+COURSE+RUN)")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        space = space_from(options["community"], options["run"])
        if options["forum_discussion"]:
            if not options["forum_course"]:
                raise CommandError("--forum-discussion needs --forum-course")
            numbered = list(enumerate(forum.records(options["forum_course"], options["forum_discussion"]), start=1))
            bad = []
        elif options["file"]:
            numbered, bad = self._read(options["file"])
        else:
            raise CommandError("Give a FILE of JSON lines, or --forum-discussion and --forum-course.")
        result = replay(space, numbered, progress=None if options["quiet"] else self._progress)
        for line, message in sorted(bad + result.errors):
            self.stderr.write(f"line {line}: {message}")
        self.stdout.write(f"{result.imported} imported, {result.skipped} already there, "
                          f"{len(bad) + len(result.errors)} refused.")

    @staticmethod
    def _read(path):
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115 - closed below
        numbered, bad = [], []
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    numbered.append((number, record_from_line(line)))
                except BadRecord as error:
                    bad.append((number, str(error)))
        finally:
            if handle is not sys.stdin:
                handle.close()
        return numbered, bad

    def _progress(self, done, total):
        if total >= 1000 and (done == total or done % max(1, total // 50) == 0):
            filled = 30 * done // total
            self.stderr.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{total}", ending="")
            if done == total:
                self.stderr.write("")
