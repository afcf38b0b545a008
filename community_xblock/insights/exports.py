"""The evaluation's downloads: a row per post, as CSV, JSON lines or one JSON document, written as a stream.

Rows come from the database in chunks and leave as encoded chunks of a few hundred rows, so memory stays flat
whatever the size of the community (only the pseudonyms of the authors seen so far are remembered). Learners are
pseudonymous unless staff ask for names.
"""
import csv
import hashlib
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast

from community_xblock.insights.analysis import SIGNALS
from community_xblock.insights.evaluation import unit_report
from community_xblock.models import SIGNAL_FIELDS, Post

REACTION_FIELDS = {"helpful": "helpful_count", "insightful": "insightful_count", "confused": "confused_count",
                   "error": "error_count"}
COLUMNS = ["post_id", "thread_id", "thread_kind", "post_kind", "component", "run", "created_at", "language",
           "author", *SIGNALS, *(f"{kind}_reactions" for kind in REACTION_FIELDS)]
ROWS_PER_CHUNK = 500
READ_CHUNK = 5000
FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "json": "application/json"}


def stream(community, export_format, identified=False, components=None):
    """The encoded chunks of a download in ``export_format`` (one of FORMATS); ``components`` as for the report."""
    rows = export_rows(community, identified)
    if export_format == "csv":
        return csv_chunks(rows)
    if export_format == "jsonl":
        return jsonl_chunks(rows)
    return json_chunks(rows, unit_report(community, components), pseudonymous=not identified)


def export_rows(community, identified=False):
    """One list per post, in COLUMNS order (a generator).

    The row query casts dates and flags in the database: converting a million values in Python costs more than
    writing the file.
    """
    raw = {"created": Cast("created_at", CharField()),
           **{f"n_{field}": Cast(field, IntegerField()) for field in SIGNAL_FIELDS.values()}}
    posts = (Post.objects.filter(community=community, deleted=False).annotate(**raw)
             .values_list("pk", "thread_id", "thread__kind", "is_opening", "parent_id", "thread__anchor__display_name",
                          "run", "created", "language", "author_key", "author_name",
                          *(f"n_{field}" for field in SIGNAL_FIELDS.values()), *REACTION_FIELDS.values())
             .order_by("pk").iterator(chunk_size=READ_CHUNK))
    names = {}
    for row in posts:
        (pk, thread_id, thread_kind, is_opening, parent_id, component, run, created, language, author_key,
         author_name, *counts) = row
        kind = "thread" if is_opening else ("comment" if parent_id else "response")
        if author_key not in names:
            names[author_key] = author_name if identified else pseudonym(community, author_key)
        yield [pk, thread_id, thread_kind, kind, component or "", run, created, language, names[author_key], *counts]


def pseudonym(community, user_key):
    """A stable pseudonym per community: the same person reads the same across exports, not across units."""
    digest = hashlib.sha256(f"{community.pk}:{user_key}".encode()).hexdigest()[:10]
    return f"learner-{digest}"


def _batches(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == ROWS_PER_CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_chunks(rows):
    """The header, then the rows, as UTF-8 CSV chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for batch in _batches(rows):
        writer.writerows(batch)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def jsonl_chunks(rows):
    """One JSON object per post and line, keyed by COLUMNS."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    for batch in _batches(rows):
        yield "".join(encoder.encode(dict(zip(COLUMNS, row, strict=True))) + "\n" for row in batch).encode("utf-8")


def json_chunks(rows, report, pseudonymous):
    """One JSON document: the report, then the posts as arrays under "columns" (a large export stays compact)."""
    head = json.dumps({"report": report, "pseudonymous": pseudonymous, "columns": COLUMNS}, cls=DjangoJSONEncoder,
                      ensure_ascii=False)
    yield (head[:-1] + ', "posts": [').encode("utf-8")
    encoder = json.JSONEncoder(ensure_ascii=False)
    first = True
    for batch in _batches(rows):
        text = ",".join(encoder.encode(row) for row in batch)
        yield (text if first else "," + text).encode("utf-8")
        first = False
    yield b"]}"
