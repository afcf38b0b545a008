"""Where alerts and event reminders are sent (a course's chat webhooks) and what happened to each sending."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from community_xblock.models.alerts import Alert
from community_xblock.models.community import USER_KEY_LENGTH

URL_MAX_LENGTH = 500


class WebhookFormat(models.TextChoices):
    GENERIC = "generic", _("Signed JSON")
    SLACK = "slack", _("Slack")
    MATTERMOST = "mattermost", _("Mattermost")
    TEAMS = "teams", _("Microsoft Teams (Workflows)")


class Webhook(models.Model):
    """A chat channel of a course's team: every community block of the course (org + course, all runs) sends
    its alerts there."""

    org = models.CharField(max_length=255)
    course = models.CharField(max_length=255)
    url = models.URLField(max_length=URL_MAX_LENGTH)
    format = models.CharField(max_length=12, choices=WebhookFormat.choices)
    secret = models.CharField(max_length=64, help_text="Signs the generic JSON (HMAC-SHA256).")
    include_text = models.BooleanField(default=False, help_text="Send excerpts of learners' posts (off: counts "
                                                                "and a link only).")
    language = models.CharField(max_length=16, default="en", help_text="The language its messages are written in.")
    active = models.BooleanField(default=True)
    created_by = models.CharField(max_length=USER_KEY_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["org", "course", "active"], name="webhook_of_course")]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RETRYING = "retrying", _("Retrying")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class DeliveryFailure(models.TextChoices):
    """How the last attempt failed, as the log says it (the technical detail is kept beside it)."""

    TIMEOUT = "timeout", _("No answer in time")
    CONNECTION = "connection", _("Could not connect")
    REFUSED = "refused", _("The receiver refused it")
    NOT_ALLOWED = "not_allowed", _("The host is no longer allowed")


class Delivery(models.Model):
    """One alert, or one event's reminder, sent to one webhook: its attempts so far and how the last one ended."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("Event", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries",
                              help_text="The event whose reminder this is (alert is then empty).")
    status = models.CharField(max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    failure = models.CharField(max_length=12, choices=DeliveryFailure.choices, blank=True, default="")
    last_error = models.CharField(max_length=300, blank=True, default="", help_text="The technical detail.")
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["webhook", "created_at"], name="delivery_log")]
