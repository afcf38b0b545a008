"""An event's reminder, ``event_reminder_minutes`` (an operator option) before it starts: an email to each person
who answered going or interested and whose address the platform knows, and a message to the course's chat
channels (one delivery per active webhook, sent and retried like alerts).

Planning an event schedules the Celery task ``remind_event`` for that moment; ``send_event_reminders`` (a
management command an operator may run from cron) sweeps any event whose task was lost. Whoever comes first
claims the reminder in one conditional update (``reminded_at``), so it goes out once. The emails are sent inside
the claim's transaction: a mail server that refuses them undoes the claim, and the task tries again later.
"""
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import formats, timezone, translation

from community_xblock.delivery import webhooks
from community_xblock.models import Event, Rsvp, RsvpAnswer
from community_xblock.platform import operator, people
from community_xblock.platform.translation import BlockTranslator

REMINDED = (RsvpAnswer.GOING, RsvpAnswer.INTERESTED)


def lead():
    return timedelta(minutes=operator.option("event_reminder_minutes"))


def due_at(event):
    return event.starts_at - lead()


def schedule(event):
    """Once the planning commits, enqueue the reminder for its moment (a broker that is down is logged; the
    sweep sends it)."""
    from community_xblock import tasks  # the task imports this module

    transaction.on_commit(lambda: tasks.remind_event.apply_async((event.pk,), eta=due_at(event)), robust=True)


def send_if_due(event_id, now=None):
    """Send the event's reminder if it is due and nobody sent it yet. Returns {"emails", "deliveries"} sent, or
    None (not due yet, over, cancelled, or already reminded)."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Event.objects.filter(pk=event_id, cancelled=False, reminded_at__isnull=True,
                                       starts_at__lte=now + lead(), ends_at__gt=now).update(reminded_at=now)
        if not claimed:
            return None
        event = Event.objects.select_related("community").get(pk=event_id)
        emails = _email(event)
        return {"emails": emails, "deliveries": webhooks.event_reminder(event)}


def sweep(now=None):
    """Send every due reminder not sent yet; returns how many events were reminded."""
    now = now or timezone.now()
    due = Event.objects.filter(cancelled=False, reminded_at__isnull=True, starts_at__lte=now + lead(),
                               ends_at__gt=now).values_list("pk", flat=True)
    return sum(1 for event_id in list(due) if send_if_due(event_id, now) is not None)


def _email(event):
    """One email to each person who answered (and to the host), over one connection."""
    keys = list(Rsvp.objects.filter(event=event, answer__in=REMINDED).values_list("user_key", flat=True))
    addresses = people.email_addresses([*keys, event.host_key])
    if not addresses:
        return 0
    translator = BlockTranslator(None, settings.LANGUAGE_CODE)
    sender = operator.option("reminder_from_email") or settings.DEFAULT_FROM_EMAIL
    messages = [EmailMessage(*message(event, translator, hosting=key == event.host_key), sender, [address])
                for key, address in sorted(addresses.items(), key=lambda pair: pair[1])]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def message(event, translator, hosting=False):
    """(subject, body) of the reminder email, in the translator's language, the time in the event's zone."""
    gettext = translator.gettext
    with translation.override(translator.language):
        starts = formats.date_format(event.starts_at.astimezone(ZoneInfo(event.time_zone)), "DATETIME_FORMAT")
    subject = gettext("Reminder: “%(title)s” starts at %(time)s") % {"title": event.title,
                                                                      "time": f"{starts} ({event.time_zone})"}
    lines = [subject, "", gettext("You are hosting this event.") if hosting else
             gettext("You answered that you would come, or that you were interested."),
             gettext("Hosted by %(host)s.") % {"host": event.host_name}]
    if event.link:
        lines.append(gettext("Join the live session: %(link)s") % {"link": event.link})
    page = event.community.page_url if event.community_id else ""
    if page:
        lines.append(gettext("Its conversation: %(link)s") % {"link": page})
    return subject, "\n".join(lines) + "\n"
