"""One post to import, checked: the JSON-lines format of ``import_community_posts``.

    {"id": "p1", "reply_to": null, "author": "amelie", "created": "2026-03-02T14:05:00+01:00",
     "kind": "question", "title": "Why green?", "component": "Video: leaves", "text": "...", "anonymous": false}

``reply_to`` names an earlier id (or null for a thread's opening post); ``kind``, ``title`` and ``component``
(a display name or a usage key) apply to opening posts; ``role`` may say ``staff``; ``author_id`` (the platform's
user id, where known) makes the post that user's own; ``endorsed`` marks a response as the accepted answer;
``reactions`` names who reacted, by kind (``{"helpful": ["bea", "carl"], "insightful": [...]}``, also
``confused`` and ``error``). Other keys (a labelled set's ``lang`` and ``signals``) are ignored.
"""
import json
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from community_xblock.core.errors import InvalidInput
from community_xblock.core.validation import check_text
from community_xblock.models import TITLE_MAX_LENGTH, ReactionKind, ThreadKind

BODY_MAX_LENGTH = 10_000
ID_MAX_LENGTH = 255
TITLE_WORDS = 10
REACTIONS_MAX = 1000  # reactors per kind on one post


class BadRecord(ValueError):
    """A line that cannot be imported; the message says why."""


@dataclass(frozen=True)
class Record:
    source_id: str
    reply_to: str | None
    author: str
    created: datetime
    text: str
    kind: str = ThreadKind.DISCUSSION
    title: str = ""
    component: str = ""
    anonymous: bool = False
    staff: bool = False
    author_id: str = ""  # the platform user id, where the source has one
    endorsed: bool = False
    reactions: tuple = ()  # (kind, author) pairs

    @property
    def is_opening(self):
        return self.reply_to is None


def record_from_line(line):
    """The Record of one JSON line, or BadRecord."""
    try:
        data = json.loads(line)
    except ValueError as error:
        raise BadRecord(f"not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise BadRecord("a line must be a JSON object")
    return record_from_dict(data)


def record_from_dict(data):
    source_id = _identifier(data.get("id"), "id")
    reply_to = None if data.get("reply_to") in (None, "") else _identifier(data.get("reply_to"), "reply_to")
    author = _text(data.get("author"), "author", ID_MAX_LENGTH)
    text = _text(data.get("text"), "text", BODY_MAX_LENGTH, multiline=True)
    created = _moment(data.get("created"))
    fields = {"source_id": source_id, "reply_to": reply_to, "author": author, "created": created, "text": text,
              "anonymous": _flag(data.get("anonymous", False), "anonymous"), "staff": data.get("role") == "staff",
              "author_id": "" if data.get("author_id") in (None, "") else _identifier(data["author_id"], "author_id"),
              "endorsed": _flag(data.get("endorsed", False), "endorsed"),
              "reactions": _reactions(data.get("reactions"))}
    if reply_to is None:
        kind = data.get("kind") or ThreadKind.DISCUSSION
        if kind not in ThreadKind.values:
            raise BadRecord(f"kind must be one of {', '.join(ThreadKind.values)}")
        title = data.get("title") or " ".join(text.split()[:TITLE_WORDS])
        fields.update(kind=kind, title=_text(title, "title", TITLE_MAX_LENGTH)[:TITLE_MAX_LENGTH],
                      component=_text(data.get("component") or "", "component", ID_MAX_LENGTH, minimum=0))
    return Record(**fields)


def _identifier(value, name):
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise BadRecord(f"{name} must be a non-empty string or number")
    value = str(value)
    if len(value) > ID_MAX_LENGTH:
        raise BadRecord(f"{name} is longer than {ID_MAX_LENGTH} characters")
    return value


def _text(value, name, max_length, minimum=1, *, multiline=False):
    if not isinstance(value, str):
        raise BadRecord(f"{name} must be text")
    try:
        return check_text(value, name, max_length, minimum, multiline=multiline)
    except InvalidInput as error:
        raise BadRecord(error.translated(str)) from None


def _moment(value):
    if not isinstance(value, str):
        raise BadRecord("created must be an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRecord(f"created is not an ISO 8601 date and time: {value!r}") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _flag(value, name):
    if not isinstance(value, bool):
        raise BadRecord(f"{name} must be true or false")
    return value


def _reactions(value):
    if value in (None, {}):
        return ()
    if not isinstance(value, dict) or not set(value) <= set(ReactionKind.values):
        raise BadRecord(f"reactions must map {', '.join(ReactionKind.values)} to lists of authors")
    pairs = []
    for kind, authors in sorted(value.items()):
        if not isinstance(authors, list) or len(authors) > REACTIONS_MAX:
            raise BadRecord(f"reactions.{kind} must be a list of at most {REACTIONS_MAX} authors")
        pairs += [(kind, _text(author, f"reactions.{kind}", ID_MAX_LENGTH)) for author in dict.fromkeys(authors)]
    return tuple(pairs)
