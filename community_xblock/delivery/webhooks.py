"""A course's chat webhooks: added and removed by its staff, on the operator's allow-listed hosts only; a new
alert becomes one Delivery per active webhook, enqueued once the write that raised it commits."""
import re
import secrets
from urllib.parse import urlparse

from django.db import transaction
from django.utils.translation import gettext_noop as _
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from community_xblock.core import permissions
from community_xblock.core.errors import Conflict, InvalidInput, NotFound
from community_xblock.models import Delivery, DeliveryStatus, Webhook, WebhookFormat
from community_xblock.models.delivery import URL_MAX_LENGTH
from community_xblock.platform import operator

LOG_SHOWN = 20


HOST_PATTERN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def host_allowed(host, allowed):
    """``host`` is on the allow-list: named exactly, or under an entry written ".example.org"."""
    host = (host or "").lower().rstrip(".")
    return any(host == entry.lower() or (entry.startswith(".") and host.endswith(entry.lower()))
               for entry in allowed)


def sendable_host(url):
    """The host a request to ``url`` would really reach, or None when the address is not one we send to.

    ``requests`` reads an address with urllib3's parser, which does not always agree with the standard
    library's (a backslash ends urllib3's host); the host must be the same for both, plain letters, digits,
    dots and dashes, on the operator's allow-list, and the scheme https (or http where the operator allows it).
    Checked when a webhook is added and again before every attempt, so the allow-list always holds."""
    try:
        standard, seen_by_requests = urlparse(url), parse_url(url)
    except (ValueError, LocationParseError):
        return None
    host = (standard.hostname or "").lower()
    schemes = ("https", "http") if operator.option("webhook_allow_http") else ("https",)
    if (standard.scheme not in schemes or standard.username or standard.password or "\\" in url
            or any(character.isspace() for character in url) or not HOST_PATTERN.match(host)
            or (seen_by_requests.host or "").lower() != host
            or not host_allowed(host, operator.option("webhook_hosts"))):
        return None
    return host


def checked_url(url):
    if len(url) > URL_MAX_LENGTH:
        raise InvalidInput(_("%(field)s is too long (at most %(limit)s characters)."), field="url",
                           limit=URL_MAX_LENGTH)
    if sendable_host(url) is None:
        raise InvalidInput(_("%(field)s must be an https address on a host the site's operator allows for "
                             "webhooks, without a user name or password."), field="url")
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
    log = list(Delivery.objects.filter(webhook__in=hooks).select_related("webhook", "alert", "alert__anchor", "event")
               .order_by("-created_at", "-pk")[:LOG_SHOWN])
    return hooks, log


def redeliver(space, viewer, *, delivery_id):
    """Send a delivery again from its first attempt (after a failure, or to test a channel)."""
    permissions.require_staff(viewer)
    delivery = Delivery.objects.filter(pk=delivery_id, webhook__org=space.community.org,
                                       webhook__course=space.community.course).first()
    if delivery is None:
        raise NotFound(_("This delivery does not exist in this course."))
    # Only a delivery that is done: one still waiting or retrying has a task of its own on the way.
    if not Delivery.objects.filter(pk=delivery.pk, status__in=(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED)) \
            .update(status=DeliveryStatus.PENDING, attempts=0):
        raise Conflict(_("This delivery is still on its way: wait for it to be delivered or to fail."))
    _enqueue_after_commit([delivery.pk])
    return delivery


def alert_raised(alert):
    """A new alert: a Delivery for each active webhook of its course, sent once this transaction commits."""
    return _deliver_to_course(alert.community.org, alert.community.course, alert=alert)


def event_reminder(event):
    """An event starts soon: a Delivery of its reminder for each active webhook of its course, sent once this
    transaction commits. Returns how many."""
    return _deliver_to_course(event.org, event.course, event=event)


def _deliver_to_course(org, course, **about):
    hooks = list(Webhook.objects.filter(org=org, course=course, active=True).values_list("pk", flat=True))
    # One insert each (a course has a channel or two): bulk_create gives no ids back on MySQL.
    _enqueue_after_commit([Delivery.objects.create(webhook_id=pk, **about).pk for pk in hooks])
    return len(hooks)


def _enqueue_after_commit(delivery_ids):
    from community_xblock import tasks  # the Celery task imports this package's sending

    # Robust: a broker that is down is logged and the delivery stays pending in the log (staff can send it
    # again); the learner's committed post is answered normally.
    for delivery_id in delivery_ids:
        transaction.on_commit(lambda delivery_id=delivery_id: tasks.deliver.delay(delivery_id), robust=True)
