"""The course team's decisions, kept: who did what to which conversation, when and why, and what undid it."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.community import USER_KEY_LENGTH, Community
from community_xblock.models.conversations import Post, Thread

REASON_MAX_LENGTH = 500


class ModerationKind(models.TextChoices):
    """What a decision did; the labels are msgids, translated where the log is shown."""

    PIN = "pin", _("Pinned the conversation")
    UNPIN = "unpin", _("Unpinned the conversation")
    CLOSE = "close", _("Closed the conversation")
    REOPEN = "reopen", _("Reopened the conversation")
    HIDE_THREAD = "hide_thread", _("Hid the conversation from learners")
    SHOW_THREAD = "show_thread", _("Showed the conversation to learners again")
    HIDE_POST = "hide_post", _("Hid a post from learners")
    SHOW_POST = "show_post", _("Showed a post to learners again")
    DELETE_POST = "delete_post", _("Deleted a post")
    RESTORE_POST = "restore_post", _("Restored a deleted post")
    HOLD_POST = "hold_post", _("Held a post for review")
    AGREE_FLAGS = "agree_flags", _("Upheld a review: the post stays hidden")
    DISAGREE_FLAGS = "disagree_flags", _("Overruled a review: a held post is shown")
    CLEAR_FLAGS = "clear_flags", _("Cleared the flags on a post")
    RESTORE_FLAGS = "restore_flags", _("Reopened the flags on a post")
    SLOW_ON = "slow_on", _("Started slow mode")
    SLOW_OFF = "slow_off", _("Ended slow mode")


class ModerationAction(models.Model):
    """One decision of the course team, or of the review queue itself (``actor_key`` "").

    ``detail`` keeps what undoing it needs (the flags it decided, the answer a deletion unaccepted, the slow
    mode it ended); ``reverses`` points from an undo to the decision it undid (one undo each)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="moderation_actions")
    kind = models.CharField(max_length=16, choices=ModerationKind.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="moderation_actions", help_text="None: the whole space.")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor_key = models.CharField(max_length=USER_KEY_LENGTH)
    actor_name = models.CharField(max_length=255, blank=True, default="")
    reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="reversed_by")

    class Meta:
        indexes = [models.Index(fields=["community", "-created_at", "-id"], name="moderation_log_order")]


class FlaggerRecord(models.Model):
    """A person's record in one course's review queue: how often staff agreed with their flags, and how
    often flags against their own posts were upheld. Course-wide: one course, every unit's community."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    agreed = models.PositiveIntegerField(default=0, help_text="Their flags staff agreed with.")
    disagreed = models.PositiveIntegerField(default=0, help_text="Their flags staff disagreed with.")
    upheld_against = models.PositiveIntegerField(default=0, help_text="Posts of theirs hidden after review.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "user_key"], name="flagger_once_per_course")]


class CourseFlagHistory(models.Model):
    """A course's decided flags, agreed and disagreed: the hiding threshold follows it."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    agreed = models.PositiveIntegerField(default=0)
    disagreed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course"], name="flag_history_once_per_course")]


class WatchAction(models.TextChoices):
    """What a watched word does to a post that contains it (the course team's own list, or a shipped one)."""

    BLOCK = "block", _("Block: the post is refused")
    HOLD = "hold", _("Hold: the post waits for review")
    FLAG = "flag", _("Flag: the post goes to the review queue")


class WatchedWord(models.Model):
    """A word or phrase the course team watches in one course's posts, for one language ("" = every one)."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    language = models.CharField(max_length=8, blank=True, default="")
    word = models.CharField(max_length=60)
    action = models.CharField(max_length=8, choices=WatchAction.choices)
    added_by = models.CharField(max_length=USER_KEY_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "language", "word"],
                                               name="watched_word_once_per_course")]


class ShippedWordList(models.Model):
    """A shipped list of watched words the course team turned on for one language (off until then)."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    language = models.CharField(max_length=8)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "course", "language"],
                                               name="shipped_list_once_per_course")]
