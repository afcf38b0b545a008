"""One attempt at a delivery: build the payload, sign it, POST it with a timeout, record how it ended.

A timeout, a refused connection, a 429 or a 5xx may pass: the task retries. Any other 4xx will not: the
delivery fails at once (the address or the channel is wrong, and staff see why in the log). The host is checked
against the allow-list again before each attempt (``webhooks.sendable_host``), and redirects are not followed:
the allow-list names where a request may go, not where a receiver may send it on.
"""
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, replace

import requests
from django.db.models import F
from django.utils import timezone

from community_xblock.delivery import payloads, webhooks
from community_xblock.models import AlertPost, Delivery, DeliveryFailure, DeliveryStatus, Post, WebhookFormat
from community_xblock.platform import operator
from community_xblock.platform.translation import BlockTranslator

SIGNATURE_HEADER = "X-Community-Signature"
TIMESTAMP_HEADER = "X-Community-Timestamp"
DELIVERY_HEADER = "X-Community-Delivery"
USER_AGENT = "community-xblock-webhooks/1"
ERROR_MAX_LENGTH = 300


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    may_retry: bool
    status_code: int | None = None
    failure: str = ""  # a DeliveryFailure
    error: str = ""  # its technical detail
    attempts: int = 0  # the delivery's attempts, this one included


def signature(secret, timestamp, body):
    """HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret, hex: what the generic receiver checks."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def attempt(delivery_id):
    """Make one attempt; returns its Outcome (None when the delivery no longer exists or was delivered)."""
    delivery = Delivery.objects.select_related("webhook", "alert", "alert__community", "alert__anchor", "event",
                                               "event__community").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == DeliveryStatus.DELIVERED:
        return None
    webhook, translator = delivery.webhook, BlockTranslator(None, delivery.webhook.language)
    if delivery.event_id:
        payload = payloads.build_reminder(webhook, delivery, delivery.event, translator)
    else:
        payload = payloads.build(webhook, delivery, delivery.alert, _alert_posts(delivery.alert), translator)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
               DELIVERY_HEADER: str(delivery.pk)}
    if webhook.format == WebhookFormat.GENERIC:
        timestamp = str(int(time.time()))
        headers[TIMESTAMP_HEADER] = timestamp
        headers[SIGNATURE_HEADER] = "sha256=" + signature(webhook.secret, timestamp, body)
    started = time.monotonic()
    if webhooks.sendable_host(webhook.url) is None:  # the operator narrowed the allow-list since
        outcome = Outcome(False, False, failure=DeliveryFailure.NOT_ALLOWED, error=webhook.url[:200])
    else:
        outcome = _post(webhook.url, body, headers, operator.option("webhook_timeout_seconds"))
    _record(delivery, outcome, int((time.monotonic() - started) * 1000))
    return replace(outcome, attempts=delivery.attempts + 1)


def _alert_posts(alert):
    """What learners can see only: a post held for review or deleted since is not sent, not even by id."""
    post_ids = AlertPost.objects.filter(alert=alert).order_by("post__created_at").values_list("post_id", flat=True)
    return list(Post.objects.filter(pk__in=list(post_ids[:payloads.EXCERPTS * 4]), hidden=False, deleted=False,
                                    thread__hidden=False, thread__deleted=False)
                .order_by("created_at")[:payloads.EXCERPTS])


def _post(url, body, headers, timeout):
    try:
        response = requests.post(url, data=body, headers=headers, timeout=timeout, allow_redirects=False)
    except requests.Timeout:
        return Outcome(False, True, failure=DeliveryFailure.TIMEOUT, error=f"{timeout} s")
    except requests.RequestException as error:
        return Outcome(False, True, failure=DeliveryFailure.CONNECTION,
                       error=type(error).__name__ + ": " + str(error)[:200])
    code = response.status_code
    if 200 <= code < 300:
        return Outcome(True, False, code)
    return Outcome(False, code == 429 or code >= 500, code, DeliveryFailure.REFUSED, f"HTTP {code}")


def _record(delivery, outcome, duration_ms):
    now = timezone.now()
    fields = {"attempts": F("attempts") + 1, "last_status_code": outcome.status_code, "failure": outcome.failure,
              "last_error": outcome.error[:ERROR_MAX_LENGTH], "last_duration_ms": duration_ms,
              "last_attempt_at": now,
              "status": DeliveryStatus.DELIVERED if outcome.delivered else DeliveryStatus.RETRYING}
    if outcome.delivered:
        fields["delivered_at"] = now
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def give_up(delivery_id):
    Delivery.objects.filter(pk=delivery_id).exclude(status=DeliveryStatus.DELIVERED).update(
        status=DeliveryStatus.FAILED)
