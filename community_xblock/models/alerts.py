"""What the detectors raise for the community manager, and the corrections the course team publishes.

An Alert is one situation (a burst of negativity, an error spreading, questions left unanswered) about one
component (or the unit's own threads, ``anchor`` empty); while it is not resolved, later posts of the same
situation join it (``AlertPost``) instead of raising another. An Erratum is the course team's correction of an
error: shown on the component's conversations and on the threads behind its alert.
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.community import USER_KEY_LENGTH, Anchor, Community
from community_xblock.models.conversations import Post


class AlertKind(models.TextChoices):
    ERROR_SPREAD = "error_spread", _("Possible error")
    BAD_BUZZ = "bad_buzz", _("Bad buzz")
    UNANSWERED = "unanswered", _("Unanswered questions")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class Alert(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=16, choices=AlertKind.choices)
    anchor = models.ForeignKey(Anchor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="The component it is about; empty: the unit's own conversations.")
    fired_at = models.DateTimeField(help_text="When the detector fired (an import: when it would have).")
    last_seen_at = models.DateTimeField(help_text="When a post last joined it.")
    status = models.CharField(max_length=12, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    decided_by = models.CharField(max_length=USER_KEY_LENGTH, blank=True, default="",
                                  help_text="Who acknowledged or resolved it.")
    decided_at = models.DateTimeField(null=True, blank=True)
    detail = models.JSONField(default=dict, help_text="The figures that fired it (observed, expected, learners).")
    post_count = models.PositiveIntegerField(default=0, help_text="AlertPost rows, kept with F().")
    erratum_at = models.DateTimeField(null=True, blank=True, help_text="When a correction was published for it.")
    reports_before = models.PositiveIntegerField(default=0, help_text="Posts behind it when the erratum came.")
    reports_after = models.PositiveIntegerField(default=0, help_text="Posts that joined it since the erratum.")

    class Meta:
        indexes = [models.Index(fields=["community", "status", "kind", "anchor"], name="alert_current"),
                   models.Index(fields=["community", "fired_at"], name="alert_recent")]

    @property
    def component_name(self):
        return self.anchor.display_name if self.anchor_id else None


class DetectorState(models.Model):
    """The detectors' own row per community: when the unanswered check last ran, and the lock firing takes.

    Not the Community row: every post and thread inserted holds a shared lock on that row (their foreign key,
    in InnoDB) until it commits, so two writers that each wanted it exclusively would deadlock."""

    community = models.OneToOneField(Community, on_delete=models.CASCADE, related_name="+")
    unanswered_checked_at = models.DateTimeField(null=True, blank=True)


class AlertPost(models.Model):
    """A post behind an alert (one row per alert and post)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="links")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "post"], name="alert_post_once")]


class Erratum(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="errata")
    anchor = models.ForeignKey(Anchor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="errata")
    body = models.TextField(help_text="Markdown, as the course team wrote it.")
    body_html = models.TextField()
    author_key = models.CharField(max_length=USER_KEY_LENGTH)
    author_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["community", "withdrawn", "anchor"], name="erratum_shown")]
