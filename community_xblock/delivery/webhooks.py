"""A course's chat webhooks: added and removed by its staff, on the operator's allow-listed hosts only; a new
alert becomes one Delivery per active webhook, enqueued once the write that raised it commits."""
import secrets
from urllib.parse import urlparse

from django.db import transaction
from django.utils.translation import gettext_noop as _

from community_xblock.core import permissions
from community_xblock.core.errors import InvalidInput, NotFound
from community_xblock.models import Delivery, DeliveryStatus, Webhook, WebhookFormat
from community_xblock.models.delivery import URL_MAX_LENGTH
from community_xblock.platform import operator

LOG_SHOWN = 20


def host_allowed(host, allowed):
    """``host`` is on the allow-list: named exactly, or under an entry written ".example.org"."""
    host = (host or "").lower().rstrip(".")
    return any(host == entry.lower() or (entry.startswith(".") and host.endswith(entry.lower()))
               for entry in allowed)


def checked_url(url):
    parsed = urlparse(url)
    if parsed.scheme not in ("https", "http") or not parsed.hostname or parsed.username or parsed.password:
        raise InvalidInput(_("%(field)s must be an http or https address without a user name or password."),
                           field="url")
    if len(url) > URL_MAX_LENGTH:
        raise InvalidInput(_("%(field)s is too long (at most %(limit)s characters)."), field="url",
                           limit=URL_MAX_LENGTH)
    if not host_allowed(parsed.hostname, operator.option("webhook_hosts")):
        raise InvalidInput(_("%(field)s: the site's operator does not allow webhooks to %(host)s."), field="url",
                           host=parsed.hostname)
    return url


def course_webhooks(community):
    return Webhook.objects.filter(org=community.org, course=community.course)


def add(space, viewer, *, url, kind, include_text, language):
    permissions.require_staff(viewer)
    if kind not in WebhookFormat.values:
        raise InvalidInput(_("%(field)s must be one of: %(choices)s."), field="format",
                           choices=", ".join(WebhookFormat.values))
    community = space.community
    return Webhook.objects.create(org=community.org, course=community.course, url=checked_url(url), format=kind,
                                  secret=secrets.token_hex(32), include_text=include_text, language=language,
                                  created_by=viewer.user_key)


def webhook_for(space, viewer, webhook_id):
    permissions.require_staff(viewer)
    webhook = course_webhooks(space.community).filter(pk=webhook_id).first()
    if webhook is None:
        raise NotFound(_("This webhook does not exist in this course."))
    return webhook


def remove(space, viewer, *, webhook_id):
    webhook_for(space, viewer, webhook_id).delete()


def read(space, viewer):
    """The course's webhooks and the latest deliveries to them (staff only)."""
    permissions.require_staff(viewer)
    hooks = list(course_webhooks(space.community).order_by("created_at"))
    log = list(Delivery.objects.filter(webhook__in=hooks).select_related("webhook", "alert", "alert__anchor")
               .order_by("-created_at", "-pk")[:LOG_SHOWN])
    return hooks, log


def redeliver(space, viewer, *, delivery_id):
    """Send a delivery again from its first attempt (after a failure, or to test a channel)."""
    permissions.require_staff(viewer)
    delivery = Delivery.objects.filter(pk=delivery_id, webhook__org=space.community.org,
                                       webhook__course=space.community.course).first()
    if delivery is None:
        raise NotFound(_("This delivery does not exist in this course."))
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING, attempts=0)
    _enqueue_after_commit([delivery.pk])
    return delivery


def alert_raised(alert):
    """A new alert: a Delivery for each active webhook of its course, sent once this transaction commits."""
    community = alert.community
    hooks = list(course_webhooks(community).filter(active=True).values_list("pk", flat=True))
    if not hooks:
        return
    deliveries = Delivery.objects.bulk_create([Delivery(webhook_id=pk, alert=alert) for pk in hooks])
    _enqueue_after_commit([delivery.pk for delivery in deliveries])


def _enqueue_after_commit(delivery_ids):
    from community_xblock import tasks  # the Celery task imports this package's sending

    # Robust: a broker that is down is logged and the delivery stays pending in the log (staff can send it
    # again); the learner's committed post is answered normally.
    for delivery_id in delivery_ids:
        transaction.on_commit(lambda delivery_id=delivery_id: tasks.deliver.delay(delivery_id), robust=True)
