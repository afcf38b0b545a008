"""The evaluation's downloads: a row per post, as CSV, JSON lines or one JSON document, written as a stream; and
the talent detector's candidates of the unit and the course, and the measured effect of its events, as CSV.

Rows come from the database in chunks and leave as encoded chunks of a few hundred rows, so memory stays flat
whatever the size of the community (only the pseudonyms of the authors seen so far are remembered). Learners are
pseudonymous unless staff ask for names.
"""
import csv
import hashlib
import io
import json
from json.encoder import encode_basestring

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from community_xblock.gatherings import effect
from community_xblock.insights.analysis import SIGNALS
from community_xblock.insights.evaluation import unit_report
from community_xblock.insights.talent import presenters as talent
from community_xblock.models import SIGNAL_FIELDS, Anchor, Post

REACTION_FIELDS = {"helpful": "helpful_count", "insightful": "insightful_count", "confused": "confused_count",
                   "error": "error_count"}
COLUMNS = ["post_id", "thread_id", "thread_kind", "post_kind", "component", "run", "created_at", "language",
           "author", *SIGNALS, *(f"{kind}_reactions" for kind in REACTION_FIELDS)]
ROWS_PER_CHUNK = 500
READ_CHUNK = 5000
CANDIDATE_COLUMNS = ["author", "role", "unit", "rank", "score", "promoted", "reasons", "post_ids"]
FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "json": "application/json", "candidates": "text/csv",
           "events": "text/csv"}
# The others: community-evaluation.<format>.
FILE_NAMES = {"candidates": "community-candidates.csv", "events": "community-events-effect.csv"}


def stream(community, export_format, identified=False, components=None):
    """The encoded chunks of a download in ``export_format`` (one of FORMATS); ``components`` as for the report."""
    if export_format == "candidates":
        return csv_chunks(candidate_rows(community, identified), CANDIDATE_COLUMNS)
    if export_format == "events":
        return csv_chunks(effect.export_rows(effect.of_unit(community)), effect.EXPORT_COLUMNS)
    rows = export_rows(community, identified)
    if export_format == "csv":
        return csv_chunks(rows)
    if export_format == "jsonl":
        return jsonl_chunks(rows)
    return json_chunks(rows, unit_report(community, components), pseudonymous=not identified)


def export_rows(community, identified=False):
    """One list per post, in COLUMNS order (a generator), read ``READ_CHUNK`` posts at a time by id.

    Each chunk is its own small query (MySQL's driver reads a whole result into memory, so one query over a
    million posts would not stream), built by the ORM and read through the cursor: the query casts the date to
    text in the database, and the rows skip the ORM's per-value conversions, which cost more than writing. The
    components are the community's few anchors, named from a dictionary rather than a join.
    """
    posts = (Post.objects.filter(community=community, deleted=False)
             .annotate(created=Cast("created_at", CharField()))
             .values_list("pk", "thread_id", "thread__kind", "is_opening", "parent_id", "anchor_id", "run", "created",
                          "language", "author_key", "author_name", *SIGNAL_FIELDS.values(), *REACTION_FIELDS.values()))
    components = dict(Anchor.objects.filter(community=community).values_list("pk", "display_name"))
    names = {}
    last = 0
    while True:
        sql, params = posts.filter(pk__gt=last).order_by("pk")[:READ_CHUNK].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            chunk = cursor.fetchall()
        if not chunk:
            return
        for (pk, thread_id, thread_kind, is_opening, parent_id, anchor_id, run, created, language, author_key,
             author_name, *counts) in chunk:
            kind = "thread" if is_opening else ("comment" if parent_id else "response")
            if author_key not in names:
                names[author_key] = author_name if identified else pseudonym(community, author_key)
            # Flags come back as 0/1 (or True/False, by driver): the columns are numbers.
            yield [pk, thread_id, thread_kind, kind, components.get(anchor_id, ""), run, created, language,
                   names[author_key], *map(int, counts)]
        last = chunk[-1][0]


def candidate_rows(community, identified=False):
    """The unit's and the course-wide candidates, one row each, in CANDIDATE_COLUMNS order; pseudonymous (the
    same pseudonyms as the posts' export of this unit) unless staff ask for names."""
    ranking = talent.ranked(community.org, community.course)
    return talent.export_rows(ranking, talent.scoped(ranking, community.pk),
                              lambda candidate: candidate.name if identified else pseudonym(community,
                                                                                             candidate.author_key))


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


def csv_chunks(rows, columns=COLUMNS):
    """The header, then the rows, as UTF-8 CSV chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for batch in _batches(rows):
        writer.writerows(batch)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


TEXT_COLUMNS = {"thread_kind", "post_kind", "component", "run", "created_at", "language", "author"}


def jsonl_chunks(rows):
    """One JSON object per post and line, keyed by COLUMNS (written field by field: twice as fast as dumps)."""
    names = [json.dumps(column) + ": " for column in COLUMNS]
    encoders = [_text if column in TEXT_COLUMNS else _number for column in COLUMNS]
    for batch in _batches(rows):
        yield "".join("{" + ", ".join(name + encode(value) for name, encode, value in zip(names, encoders, row,
                                                                                             strict=True)) + "}\n"
                      for row in batch).encode("utf-8")


def _text(value):
    return "null" if value is None else encode_basestring(str(value))


def _number(value):
    return "null" if value is None else str(int(value))


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
