"""Replaying records through the handlers' write path, in time order, each post in its own transaction.

Idempotent: a record whose id was already imported into the community is skipped (``Post.source_id``, unique per
community). A record that cannot be written is reported with its line and reason and nothing of it is kept; the
others go on. Replies find what they answer by source id; a comment on a comment becomes a comment on its
response (the space nests two levels, as the Open edX forum does).
"""
from dataclasses import dataclass, field

from django.db import transaction

from community_xblock.conversations import engagement, threads
from community_xblock.core.errors import CommunityError
from community_xblock.imports.records import BadRecord
from community_xblock.models import Anchor, Post, Thread
from community_xblock.platform.components import UnitComponent
from community_xblock.platform.identity import Viewer

IMPORTED_CATEGORY = "imported"
IMPORTER = Viewer(user_key="importer", username="importer", is_staff=True, role="staff")


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # (line number, message)


def replay(space, numbered_records, progress=None):
    """Write ``numbered_records`` ((line number, Record) pairs) into ``space``. Returns an ImportResult."""
    result = ImportResult()
    ordered = sorted(numbered_records, key=lambda item: (item[1].created, item[0]))
    known = _imported_posts(space.community, [record.source_id for _line, record in ordered])
    anchors = _anchors_by_name_or_key(space.community)
    for done, (line, record) in enumerate(ordered, start=1):
        if record.source_id in known:
            result.skipped += 1
        else:
            try:
                with transaction.atomic():
                    known[record.source_id] = _write(space, record, known, anchors)
                result.imported += 1
            except (BadRecord, CommunityError) as error:
                message = error.translated(str) if isinstance(error, CommunityError) else str(error)
                result.errors.append((line, message))
        if progress:
            progress(done, len(ordered))
    return result


def _write(space, record, known, anchors):
    written = _write_post(space, record, known, anchors)
    for kind, author in record.reactions:  # a reactor is known by name, as an author without author_id is
        if author != (record.author_id or record.author):
            engagement.react(space, Viewer(user_key=author, username=author), post_id=written.post_id, kind=kind,
                             now=record.created)
    return written


def _write_post(space, record, known, anchors):
    viewer = Viewer(user_key=record.author_id or record.author, username=record.author, is_staff=record.staff,
                    role="staff" if record.staff else "student")
    if record.is_opening:
        thread = threads.start_thread(space, viewer, kind=record.kind, title=record.title, body=record.text,
                                      anchor=_anchor(record.component, anchors), anonymous=record.anonymous,
                                      now=record.created, source_id=record.source_id)
        return Written(thread.pk, thread.opening_post_id, is_opening=True)
    if record.reply_to not in known:
        raise BadRecord(f"reply_to {record.reply_to!r} is not an earlier post of this file or community")
    target = known[record.reply_to]
    # Answering the opening post makes a response; answering a response or a comment, a comment on that response.
    response_id = None if target.is_opening else (target.response_id or target.post_id)
    post = threads.reply(space, viewer, thread_id=target.thread_id, body=record.text, parent_id=response_id,
                         anonymous=record.anonymous, now=record.created, source_id=record.source_id)
    if record.endorsed and response_id is None and Thread.objects.filter(pk=target.thread_id, kind="question").exists():
        threads.accept(space, IMPORTER, post_id=post.pk)  # an endorsed response of a forum question
    return Written(target.thread_id, post.pk, response_id=response_id)


@dataclass(frozen=True)
class Written:
    """Where an imported record landed."""

    thread_id: int
    post_id: int
    response_id: int | None = None  # for a comment: the response it answers
    is_opening: bool = False


def _imported_posts(community, source_ids, batch=500):
    """source id -> Written, for the records already in the community (asked in batches: SQLite caps parameters)."""
    known = {}
    for start in range(0, len(source_ids), batch):
        rows = Post.objects.filter(community=community, source_id__in=source_ids[start:start + batch]).values_list(
            "source_id", "thread_id", "pk", "parent_id", "is_opening")
        known.update({source_id: Written(thread_id, pk, parent_id, is_opening)
                      for source_id, thread_id, pk, parent_id, is_opening in rows})
    return known


def _anchors_by_name_or_key(community):
    anchors = {}
    for anchor in Anchor.objects.filter(community=community):
        component = UnitComponent(anchor.usage_key, anchor.display_name, anchor.category)
        anchors[anchor.usage_key] = anchors[anchor.display_name] = component
    return anchors


def _anchor(name_or_key, anchors):
    """The component a thread is about: one the community knows (by name or usage key), or a new one."""
    if not name_or_key:
        return None
    if name_or_key not in anchors:
        is_key = name_or_key.startswith(("block-v1:", "i4x://"))
        usage_key = name_or_key if is_key else f"{IMPORTED_CATEGORY}:{name_or_key}"
        anchors[name_or_key] = UnitComponent(usage_key, name_or_key, IMPORTED_CATEGORY)
    return anchors[name_or_key]
