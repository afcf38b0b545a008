"""What people write and how others respond: threads, posts, reactions, flags and follows."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.community import USER_KEY_LENGTH, Anchor, Community

TITLE_MAX_LENGTH = 200


class ThreadKind(models.TextChoices):
    """The kinds of conversation; the labels are msgids, translated where they are shown."""

    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")
    COURSE_ISSUE = "issue", _("Course issue")


class Thread(models.Model):
    """A conversation: a title, a kind, and its posts (the first one is the opening post)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    run = models.CharField(max_length=255, help_text="The course run the thread was started in.")
    kind = models.CharField(max_length=16, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    anchor = models.ForeignKey(Anchor, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads")
    author_key = models.CharField(max_length=USER_KEY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    pinned = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)
    slow_seconds = models.PositiveIntegerField(default=0, help_text="Slow mode: seconds between a learner's posts.")
    slow_until = models.DateTimeField(null=True, blank=True, help_text="When slow mode ends by itself.")
    hidden = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)

    response_count = models.PositiveIntegerField(default=0, help_text="Visible direct answers to the opening post.")
    comment_count = models.PositiveIntegerField(default=0, help_text="Visible comments on responses.")
    score = models.IntegerField(default=0, help_text="Helpful + insightful reactions on the opening post.")
    flag_count = models.PositiveIntegerField(default=0, help_text="Open flags on any post of the thread.")
    follower_count = models.PositiveIntegerField(default=0)
    opening_post = models.OneToOneField(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    first_response_at = models.DateTimeField(null=True, blank=True, help_text="When the first response came.")
    replier_count = models.PositiveIntegerField(
        default=0, help_text="Distinct people other than its author with a counted reply (ThreadReplier rows).")

    class Meta:
        # Each index serves one list order, so a page reads only the rows it shows whatever the size of
        # the community. ``deleted`` and ``hidden`` stay out of them on purpose: they are rare residual
        # filters, and Django writes ``deleted=False`` as ``NOT deleted``, which no database can match
        # against an index column (SQLite would then sort the whole community for every page).
        indexes = [
            models.Index(fields=["community", "pinned", "last_activity_at"], name="thread_active"),
            models.Index(fields=["community", "created_at"], name="thread_new"),
            models.Index(fields=["community", "score", "last_activity_at"], name="thread_top"),
            models.Index(fields=["community", "kind", "response_count", "created_at"], name="thread_unanswered"),
            models.Index(fields=["community", "anchor", "pinned", "last_activity_at"], name="thread_by_anchor"),
        ]

    def __str__(self):
        return self.title

    @property
    def reply_count(self):
        return self.response_count + self.comment_count


class Post(models.Model):
    """Something a person wrote in a thread: the opening post, a response, or a comment on a response."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="posts")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="comments",
        help_text="The response a comment answers; empty for the opening post and for responses.",
    )
    is_opening = models.BooleanField(default=False)
    anchor = models.ForeignKey(Anchor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="The thread's component, kept on each post for per-component reads.")
    run = models.CharField(max_length=255)
    author_key = models.CharField(max_length=USER_KEY_LENGTH)
    author_name = models.CharField(max_length=255)
    anonymous = models.BooleanField(default=False, help_text="Hidden from peers; staff still see the author.")
    author_is_staff = models.BooleanField(default=False, help_text="Written by the course team.")
    body = models.TextField(help_text="Markdown, exactly as written.")
    body_html = models.TextField(help_text="The sanitised rendering of body, made when it is written.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)

    helpful_count = models.PositiveIntegerField(default=0)
    insightful_count = models.PositiveIntegerField(default=0)
    confused_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)
    flag_score = models.FloatField(default=0, help_text="The summed weights of the open flags (review queue).")
    held_for_review = models.BooleanField(
        default=False, help_text="Hidden until staff decide: its flag score crossed the threshold, it contains a "
                                 "watched word, or the author's posts wait for approval (held_reason).")
    held_reason = models.CharField(max_length=16, blank=True, default="",
                                   help_text="flags, watched_word or premoderation (see moderation/intake.py).")
    revision_weight = models.PositiveIntegerField(
        default=0, help_text="Confusion and error signals plus confused and found-an-error reactions: the "
                             "revision backlog shows the heaviest posts of a component first.")

    # What the text says, analysed when it is written (see the analysis package).
    week = models.DateField(null=True, blank=True, help_text="The Monday of the week it was written, for reports.")
    language = models.CharField(max_length=8, blank=True, default="")
    sig_confusion = models.BooleanField(default=False)
    sig_error = models.BooleanField(default=False)
    sig_praise = models.BooleanField(default=False)
    sig_frustration = models.BooleanField(default=False)
    sig_urgency = models.BooleanField(default=False)
    thanks = models.BooleanField(default=False, help_text="A reply that thanks the person it answers.")
    analysis_version = models.PositiveSmallIntegerField(default=0, help_text="The rules the analysis was made with.")
    source_id = models.CharField(max_length=255, null=True, blank=True,
                                 help_text="The post's id where it was imported from (a timeline, a forum).")

    class Meta:
        indexes = [
            models.Index(fields=["thread", "created_at"], name="post_in_thread"),
            models.Index(fields=["community", "author_key"], name="post_by_author"),
            models.Index(fields=["community", "week"], name="post_by_week"),
            models.Index(fields=["community", "analysis_version"], name="post_by_analysis_version"),
            models.Index(fields=["community", "anchor", "revision_weight", "created_at"], name="post_for_revision"),
            models.Index(fields=["community", "flag_count"], name="post_flagged"),
            # The detectors' bounded read of one component's posts in one window. Not led by the community: an
            # index that starts with it would be SQLite's pick for every "posts of this community" query (the
            # review queue's among them), read whole.
            models.Index(fields=["anchor", "created_at"], name="post_by_anchor_time"),
            models.Index(fields=["community", "held_for_review"], name="post_held"),
        ]
        constraints = [
            # Imports are idempotent: a source id is imported once per community (NULLs never collide).
            models.UniqueConstraint(fields=["community", "source_id"], name="post_source_once_per_community"),
        ]

    def __str__(self):
        return f"post {self.pk} in thread {self.thread_id}"

    @property
    def kind(self):
        if self.is_opening:
            return "thread"
        return "comment" if self.parent_id else "response"


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", "helpful"
    INSIGHTFUL = "insightful", "insightful"
    CONFUSED = "confused", "confused"
    FOUND_ERROR = "error", "found an error"


# The Post counter each reaction kind moves.
REACTION_COUNTER = {
    ReactionKind.HELPFUL: "helpful_count",
    ReactionKind.INSIGHTFUL: "insightful_count",
    ReactionKind.CONFUSED: "confused_count",
    ReactionKind.FOUND_ERROR: "error_count",
}
# The Post flag each text signal of the analysis package is stored in.
SIGNAL_FIELDS = {signal: f"sig_{signal}" for signal in ("confusion", "error", "praise", "frustration", "urgency")}
# Reactions on an opening post that raise its thread in the "top" order.
SCORING_REACTIONS = {ReactionKind.HELPFUL, ReactionKind.INSIGHTFUL}
# Reactions that weigh a post in the revision backlog (``Post.revision_weight``).
REVISION_REACTIONS = {ReactionKind.CONFUSED, ReactionKind.FOUND_ERROR}


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    kind = models.CharField(max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user_key", "kind"], name="reaction_once_per_kind"),
        ]


class FlagDecision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    DISAGREED = "disagreed", _("Disagreed")
    IGNORED = "ignored", _("Ignored")


class Flag(models.Model):
    """Someone's report that a post breaks the rules; open (no decision) until staff decide on it.

    ``weight`` is what it added to the post's flag score when it was raised; the row stays after the decision,
    which the flagger's track record counts (``moderation/queue.py``).
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    reason = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    by_staff = models.BooleanField(default=False)
    weight = models.FloatField(default=1)
    decision = models.CharField(max_length=12, choices=FlagDecision.choices, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user_key"], name="flag_once_per_user"),
        ]


class Follow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user_key"], name="follow_once_per_user"),
        ]
