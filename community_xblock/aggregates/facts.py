"""What one post and one thread contribute to the aggregates: the single rule the write path and the rebuild share.

A write takes the facts of what it touches before and after (``PostFacts.of`` / ``ThreadFacts.of``); the ledger
adds the difference of their contributions. The rebuild adds the contributions of every post and thread as they
are now. Both run the functions below, so they cannot disagree on what counts.
"""
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta

from community_xblock.models import NOT_ABOUT_A_COMPONENT, REACTION_COUNTER, SIGNAL_FIELDS, ThreadKind

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the start of all-time rows
TALLIED_LANGUAGES = ("en", "fr", "hu")
REACTION_COLUMNS = {"helpful_count": "helpful", "insightful_count": "insightful", "confused_count": "confused",
                    "error_count": "found_error"}
assert set(REACTION_COLUMNS) == set(REACTION_COUNTER.values())
KIND_COLUMN = {"thread": "threads", "response": "responses", "comment": "comments"}
# Delay bands for the time to a first answer, in hours; the last band is open.
ANSWER_DELAY_BANDS = (0.5, 1, 2, 4, 8, 24, 48, 168)
# An answer's delay counts up to two days in a person's responsiveness: a late answer to an old question is
# still an answer, not a sign that its author is slow.
ANSWER_MINUTES_CAP = 48 * 60
# A thread is "taken up" when this many distinct people other than its author reply in it.
TAKEN_UP = 4
# A keyphrase's uptake by others this soon after it was first written is "early" (see ThemeOrigin).
UPTAKE_EARLY = timedelta(days=3)


@dataclass(frozen=True)
class PostFacts:
    """The fields of a post (and of its thread and parent) that decide what it counts for."""

    post_id: int
    component: int
    created_at: datetime
    week: object  # a date
    kind: str  # "thread", "response" or "comment"
    author_key: str
    thread_author_key: str
    thread_kind: str
    thread_id: int
    thread_created_at: datetime
    parent_author_key: str | None  # the response a comment answers
    thanks: bool  # the text thanks the person it answers
    by_staff: bool
    counted: bool
    signals: tuple  # the SIGNAL_FIELDS that are set
    language: str
    reactions: tuple  # (helpful, insightful, confused, found_error) counts
    flags: int

    @classmethod
    def of(cls, post, thread, parent=None):
        """The facts of a Post row (``thread`` its Thread, ``parent`` its parent Post or None)."""
        counted = not (post.deleted or post.hidden or thread.deleted or thread.hidden
                       or parent is not None and (parent.deleted or parent.hidden))
        return cls(
            post_id=post.pk, component=thread.anchor_id or NOT_ABOUT_A_COMPONENT, created_at=post.created_at,
            week=post.week, kind=post.kind, author_key=post.author_key, thread_author_key=thread.author_key,
            thread_kind=thread.kind, thread_id=thread.pk, thread_created_at=thread.created_at,
            parent_author_key=parent.author_key if parent is not None else None, thanks=post.thanks,
            by_staff=post.author_is_staff, counted=counted,
            signals=tuple(field for field in SIGNAL_FIELDS.values() if getattr(post, field)),
            language=post.language, reactions=tuple(getattr(post, field) for field in REACTION_COLUMNS),
            flags=post.flag_count,
        )

    def with_reaction(self, counter, delta):
        """The same post with ``delta`` more reactions on ``counter`` (a Post field, e.g. "helpful_count")."""
        index = list(REACTION_COLUMNS).index(counter)
        reactions = tuple(count + delta if position == index else count
                          for position, count in enumerate(self.reactions))
        return replace(self, reactions=reactions)

    def tally(self):
        """The post's counts in each ActivityTally row it belongs to ({} when it does not count)."""
        if not self.counted:
            return {}
        counts = {"posts": 1, KIND_COLUMN[self.kind]: 1}
        counts.update(dict.fromkeys(self.signals, 1))
        counts.update({column: value for column, value in zip(REACTION_COLUMNS.values(), self.reactions,
                                                              strict=True) if value})
        if self.flags:
            counts["flags"] = self.flags
        counts[f"lang_{self.language}" if self.language in TALLIED_LANGUAGES else "lang_other"] = 1
        return counts

    def participant(self):
        """What it adds to its author's Participant row."""
        if not self.counted:
            return {}
        counts = {"posts": 1, KIND_COLUMN[self.kind]: 1}
        if self.by_staff:
            counts["staff_posts"] = 1
        if self.kind == "thread" and self.thread_kind == ThreadKind.QUESTION:
            counts["questions"] = 1
        if self.kind == "response" and self.thread_kind == ThreadKind.QUESTION and not self.own_thread:
            counts["answers"] = 1
            delay = (self.created_at - self.thread_created_at).total_seconds() / 60
            counts["answer_minutes"] = min(ANSWER_MINUTES_CAP, max(0, round(delay)))
        helpful, insightful, _confused, _error = self.reactions
        if helpful:
            counts["helpful_received"] = helpful
        if insightful:
            counts["insightful_received"] = insightful
        return counts

    @property
    def own_thread(self):
        return self.author_key == self.thread_author_key

    @property
    def helped_peer(self):
        """The person this post replies to (the thread's author), when it is a counted reply to someone else."""
        if self.counted and self.kind != "thread" and not self.own_thread:
            return self.thread_author_key
        return None

    @property
    def thanked(self):
        """The person a counted thank-you reply thanks: a comment's response author, a response's thread author."""
        if not (self.counted and self.thanks) or self.kind == "thread":
            return None
        person = self.parent_author_key if self.kind == "comment" else self.thread_author_key
        return person if person != self.author_key else None

    @property
    def hour(self):
        return self.created_at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)

    @property
    def week_start(self):
        return datetime.combine(self.week, time.min, tzinfo=UTC)

    @property
    def revision_weight(self):
        """What puts the post in a component's revision evidence: confusion and error, in text and reactions."""
        _helpful, _insightful, confused, error = self.reactions
        return ("sig_confusion" in self.signals) + ("sig_error" in self.signals) + confused + error


@dataclass(frozen=True)
class ThreadFacts:
    """The fields of a thread that count for it as a whole: question, answered, accepted, time to first answer."""

    thread_id: int
    component: int
    counted: bool
    is_question: bool
    answered: bool
    accepted_author_key: str | None
    first_answer_hours: float | None

    @classmethod
    def of(cls, thread, accepted_author_key=None):
        delay = None
        if thread.first_response_at is not None:
            delay = max(0.0, (thread.first_response_at - thread.created_at).total_seconds() / 3600)
        return cls(
            thread_id=thread.pk, component=thread.anchor_id or NOT_ABOUT_A_COMPONENT,
            counted=not (thread.deleted or thread.hidden), is_question=thread.kind == ThreadKind.QUESTION,
            answered=thread.response_count > 0, accepted_author_key=accepted_author_key if thread.accepted_post_id
            else None, first_answer_hours=delay,
        )

    def tally(self):
        if not (self.counted and self.is_question):
            return {}
        counts = {"questions": 1}
        if self.answered:
            counts["answered"] = 1
        if self.accepted_author_key is not None:
            counts["accepted"] = 1
        return counts

    def answer_delay(self):
        """(band, minutes) of the first answer's delay, or None."""
        if not (self.counted and self.is_question) or self.first_answer_hours is None:
            return None
        band = next((index for index, limit in enumerate(ANSWER_DELAY_BANDS) if self.first_answer_hours < limit),
                    len(ANSWER_DELAY_BANDS))
        return band, round(self.first_answer_hours * 60)

    def accepted_by(self):
        """The author whose response is this counted question's accepted answer, or None."""
        return self.accepted_author_key if self.counted and self.is_question else None
