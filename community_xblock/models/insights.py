"""What is derived from posts for the course team: keyphrases, grades due."""
import hashlib

from django.db import models
from django.utils import timezone

from community_xblock.models.community import USER_KEY_LENGTH, Anchor, Community
from community_xblock.models.conversations import Post

DIGEST_LENGTH = 16


def surface_digest(surface):
    """A form's identity, exact under any collation (MySQL's default ones hold "Quiz" and "quiz", or "hibás" and
    "hibas", for the same value)."""
    return hashlib.sha256(surface.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


class Keyphrase(models.Model):
    """A keyphrase candidate of a post: the stem key groups forms, the surface is how it was written."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="keyphrases")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    anchor = models.ForeignKey(Anchor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=8)
    key = models.CharField(max_length=120)
    surface = models.CharField(max_length=120)
    digest = models.CharField(max_length=DIGEST_LENGTH, default="", help_text="surface_digest(surface)")

    class Meta:
        indexes = [models.Index(fields=["community", "key"], name="keyphrase_by_key")]


class PendingGrade(models.Model):
    """An author whose participation points changed through someone else's action (a reaction, an accepted answer).

    The LMS scores only the user of the request that publishes a ``grade`` event, so the author's grade is
    published on their own next request (see grading.py); this row says one is due.
    """

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    user_key = models.CharField(max_length=USER_KEY_LENGTH)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user_key"], name="pending_grade_once_per_user"),
        ]
