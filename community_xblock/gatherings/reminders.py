"""An event's reminder, ``event_reminder_minutes`` (an operator option) before it starts: a message to the
course's chat channels (one delivery per active webhook, sent and retried like alerts) and an email to each person
who answered going or interested, and to the host, whose address the platform knows (``platform/people.py``).

Planning an event schedules the Celery task ``remind_event``; it hops towards the moment in steps of at most
``HOP`` (a far-off ETA would be redelivered by Redis after its visibility timeout, and dropped by RabbitMQ after
its consumer timeout). ``send_event_reminders`` (a management command an operator may run from cron) sends any
reminder whose task was lost. The event is claimed in one conditional update (``reminded_at``) in a short
transaction that also creates the chat deliveries; then each person is claimed (an ``EventReminder`` row) before
their email goes, so nobody gets it twice. A mail server that cannot be reached releases that person's claim and
the task tries again; an address the server refuses is logged and not retried. An event that has started is not
reminded any more.
"""
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from community_xblock.delivery import webhooks
from community_xblock.gatherings.presenters import reminder_title
from community_xblock.models import Event, EventReminder, Rsvp, RsvpAnswer
from community_xblock.platform import operator, people
from community_xblock.platform.translation import BlockTranslator

log = logging.getLogger(__name__)
REMINDED = (RsvpAnswer.GOING, RsvpAnswer.INTERESTED)
HOP = timedelta(minutes=20)
# The person's address is the problem, not the server: their claim stays, so the retries skip them.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def lead():
    return timedelta(minutes=operator.option("event_reminder_minutes"))


def due_at(starts_at):
    return starts_at - lead()


def schedule(event):
    """Once the planning commits, enqueue the reminder's first hop (a broker that is down is logged; the sweep
    sends it)."""
    from community_xblock import tasks  # the task imports this module

    countdown = max(0.0, min(HOP, due_at(event.starts_at) - timezone.now()).total_seconds())
    transaction.on_commit(lambda: tasks.remind_event.apply_async((event.pk,), countdown=countdown), robust=True)


def send_if_due(event_id, now=None):
    """Claim and send the event's reminder if it is due, not sent and the event not started. Returns {"emails",
    "deliveries"} sent, or None when there was nothing to claim."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = _due(now).filter(pk=event_id).update(reminded_at=now)
        if not claimed:
            return None
        event = Event.objects.select_related("community").get(pk=event_id)
        deliveries = webhooks.event_reminder(event)
    return {"emails": email_pending(event), "deliveries": deliveries}


def email_pending(event):
    """Email everyone to remind who was not emailed yet; returns how many were. Raises what a mail server that
    cannot be reached raises (after releasing the claim of the person it failed on)."""
    keys = list(Rsvp.objects.filter(event=event, answer__in=REMINDED).values_list("user_key", flat=True))
    done = set(EventReminder.objects.filter(event=event).values_list("user_key", flat=True))
    addresses = people.email_addresses([key for key in {*keys, event.host_key} if key not in done])
    if not addresses:
        return 0
    translator = BlockTranslator(None, settings.LANGUAGE_CODE)
    sender = operator.option("reminder_from_email") or settings.DEFAULT_FROM_EMAIL
    sent = 0
    with get_connection() as connection:
        for key, address in sorted(addresses.items(), key=lambda pair: pair[1]):
            try:
                EventReminder.objects.create(event=event, user_key=key)
            except IntegrityError:  # another worker has this person
                continue
            subject, body = message(event, translator, hosting=key == event.host_key)
            try:
                sent += connection.send_messages([EmailMessage(subject, body, sender, [address])]) or 0
            except REFUSED as refused:
                log.warning("Event %s: the reminder to %s was refused: %s", event.pk, key, refused)
            except (smtplib.SMTPException, OSError):
                EventReminder.objects.filter(event=event, user_key=key).delete()
                raise
    return sent


def sweep(now=None):
    """Send every due reminder not sent yet; returns how many events were reminded. One event's failure is logged
    and does not stop the others (its people are emailed by its task's retries or the next sweep)."""
    now = now or timezone.now()
    reminded = 0
    for event_id in list(_due(now).values_list("pk", flat=True)):
        try:
            reminded += send_if_due(event_id, now) is not None
        except (smtplib.SMTPException, OSError):
            log.exception("Event %s: its reminder emails could not all be sent", event_id)
            reminded += 1
    return reminded


def _due(now):
    return Event.objects.filter(cancelled=False, reminded_at__isnull=True, starts_at__lte=now + lead(),
                                starts_at__gt=now)


def message(event, translator, hosting=False):
    """(subject, body) of the reminder email, in the translator's language, the time in the event's zone."""
    gettext = translator.gettext
    subject = reminder_title(event, translator)
    lines = [subject, "", gettext("You are hosting this event.") if hosting else
             gettext("You answered that you would come, or that you were interested."),
             gettext("Hosted by %(host)s.") % {"host": event.host_name}]
    if event.link:
        lines.append(gettext("Join the live session: %(link)s") % {"link": event.link})
    page = event.community.page_url if event.community_id else ""
    if page:
        lines.append(gettext("Its conversation: %(link)s") % {"link": page})
    return subject, "\n".join(lines) + "\n"
