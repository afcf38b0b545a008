"""Aggregates kept on write: what the evaluation, the course view, the summaries and the detectors read.

Every count here moves in the transaction of the write that changes it, by ``F()`` increments (never a recount),
as the ledger in ``community_xblock/aggregates`` computes them; ``rebuild_community_aggregates`` recomputes
them from the posts and must find the same. They count only what learners can see: a hidden or deleted post,
a post of a hidden or deleted thread, a comment under a hidden or deleted response count nowhere.
"""
from django.db import models

from community_xblock.models.community import USER_KEY_LENGTH, Community
from community_xblock.models.insights import DIGEST_LENGTH

# Each table's unique constraint starts with the community, so the foreign key needs no index of its own
# (``db_index=False``): one index less to write on every post.


class TallyScope(models.TextChoices):
    HOUR = "h", "per component and hour"
    COMPONENT = "c", "per component, all time"
    WEEK = "w", "per week, the whole unit"
    UNIT = "u", "the whole unit, all time"


# The counted columns of ActivityTally, in the order reports show them. ``NOT_ABOUT_A_COMPONENT`` is the
# component of threads not linked to one; whole-unit rows use it too (their scope tells them apart).
POST_COLUMNS = (
    "posts", "threads", "responses", "comments",
    "sig_confusion", "sig_error", "sig_praise", "sig_frustration", "sig_urgency",
    "helpful", "insightful", "confused", "found_error", "flags",
    "lang_en", "lang_fr", "lang_hu", "lang_other",
)
THREAD_COLUMNS = ("questions", "answered", "accepted")  # counted on the component and unit rows
PARTICIPATION_COLUMNS = ("posters", "repliers")  # the unit row only
TALLY_COLUMNS = POST_COLUMNS + THREAD_COLUMNS + PARTICIPATION_COLUMNS
NOT_ABOUT_A_COMPONENT = 0
WHOLE_UNIT = -1  # ThemeTally's component for the whole unit's rows


def _counter(help_text=""):
    return models.IntegerField(default=0, help_text=help_text)


class ActivityTally(models.Model):
    """Counts of posts, signals, reactions and flags for a component in an hour, a component overall, the unit in
    a week, and the unit overall. Reactions and flags count in the hour of the post they are on."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    scope = models.CharField(max_length=1, choices=TallyScope.choices)
    component = models.IntegerField(default=NOT_ABOUT_A_COMPONENT, help_text="The Anchor's id, or 0.")
    start = models.DateTimeField(help_text="The hour or week the row counts; a fixed epoch for all-time rows.")
    posts = _counter()
    threads = _counter()
    responses = _counter()
    comments = _counter()
    sig_confusion = _counter()
    sig_error = _counter()
    sig_praise = _counter()
    sig_frustration = _counter()
    sig_urgency = _counter()
    helpful = _counter("Reactions on counted posts, like the three after it.")
    insightful = _counter()
    confused = _counter()
    found_error = _counter()
    flags = _counter("Open flags on counted posts.")
    lang_en = _counter()
    lang_fr = _counter()
    lang_hu = _counter()
    lang_other = _counter()
    questions = _counter("Question threads (component and unit rows).")
    answered = _counter("Question threads with at least one visible response.")
    accepted = _counter("Question threads with an accepted answer.")
    posters = _counter("People with at least one counted post (unit row).")
    repliers = _counter("People with at least one counted response or comment (unit row).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "scope", "component", "start"], name="tally_once"),
        ]

    def counts(self):
        return {column: getattr(self, column) for column in TALLY_COLUMNS}


class Participant(models.Model):
    """One person's contribution to a community: what participation and the expert detector read."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    posts = _counter()
    threads = _counter()
    responses = _counter()
    comments = _counter()
    answers = _counter("Responses to other people's questions.")
    accepted_answers = _counter()
    helpful_received = _counter("Helpful reactions from others on this person's posts.")
    insightful_received = _counter()
    peers_helped = _counter("Distinct people whose threads this person replied in.")
    questions = _counter("Question threads this person started.")
    thanks_received = _counter("Replies thanking this person (a comment on their response, a reply to their thread).")
    answer_minutes = models.BigIntegerField(default=0, help_text="Summed delay of their answers (capped), minutes.")
    appreciated_by = _counter("Distinct people who found their posts helpful or insightful.")
    repliers_drawn = _counter("Distinct people who replied in this person's threads.")
    threads_taken_up = _counter("Their threads that drew TAKEN_UP distinct repliers or more.")
    staff_posts = _counter("Posts written as the course team: the talent detector looks at learners only.")
    first_post_at = models.DateTimeField(null=True, blank=True)
    last_post_at = models.DateTimeField(null=True, blank=True)

    COUNTERS = ("posts", "threads", "responses", "comments", "answers", "accepted_answers", "helpful_received",
                "insightful_received", "peers_helped", "questions", "thanks_received", "answer_minutes",
                "appreciated_by", "repliers_drawn", "threads_taken_up", "staff_posts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user_key"], name="participant_once"),
        ]
        indexes = [models.Index(fields=["community", "helpful_received"], name="participant_by_helpful")]


class HelpedPeer(models.Model):
    """What ``helper`` did for ``peer``: counted replies in threads ``peer`` started, and ``peer``'s helpful and
    insightful reactions on ``helper``'s counted posts. The pairs behind peers_helped, repliers_drawn (the
    replies) and appreciated_by (the reactions); a row at zero on both is deleted."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    helper_key = models.CharField(max_length=USER_KEY_LENGTH)
    peer_key = models.CharField(max_length=USER_KEY_LENGTH)
    replies = _counter()
    reactions = _counter()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "helper_key", "peer_key"], name="helped_peer_once"),
        ]


class ThemeTally(models.Model):
    """How many counted posts carry a keyphrase, in a component (0: not about one) or the whole unit (WHOLE_UNIT)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    component = models.IntegerField(default=NOT_ABOUT_A_COMPONENT)
    key = models.CharField(max_length=120)
    posts = _counter()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "component", "key"], name="theme_tally_once"),
        ]
        indexes = [models.Index(fields=["community", "component", "posts"], name="theme_tally_top")]


class ThreadReplier(models.Model):
    """How many counted replies a person wrote in someone else's thread: the pairs behind Thread.replier_count."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    thread = models.ForeignKey("Thread", on_delete=models.CASCADE, related_name="+", db_index=False)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    replies = _counter()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "thread", "user_key"], name="thread_replier_once"),
        ]


class ThemeOrigin(models.Model):
    """Who raised a keyphrase first in a community, and how many counted posts by other people in other threads
    carry it: how a trend-setter is found.

    The origin is a record of what happened (the first post written with the key, counted or not; the rebuild
    keeps it and creates it only where none was kept); ``elsewhere`` and ``early`` are aggregates like the others.
    """

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=120)
    post_id = models.BigIntegerField()
    thread_id = models.BigIntegerField()
    author_key = models.CharField(max_length=USER_KEY_LENGTH)
    raised_at = models.DateTimeField()
    elsewhere = _counter("Counted posts carrying the key, by others, in other threads.")
    early = _counter("Those of them written within UPTAKE_EARLY of the origin: a key many people write at once "
                     "is common ground, not a trend.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "key"], name="theme_origin_once")]
        indexes = [models.Index(fields=["community", "elsewhere"], name="theme_origin_grown")]


class ThemeForm(models.Model):
    """How often a keyphrase was written in one form: themes show the form people wrote most."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=120)
    digest = models.CharField(max_length=DIGEST_LENGTH, help_text="surface_digest(surface): the form's identity")
    surface = models.CharField(max_length=120)
    posts = _counter()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "key", "digest"], name="theme_form_once"),
        ]


class AnswerDelay(models.Model):
    """Questions answered within a band of delay (hours), with their summed delay: the median comes from these."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    band = models.PositiveSmallIntegerField()
    questions = _counter()
    total_minutes = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "band"], name="answer_delay_once")]
