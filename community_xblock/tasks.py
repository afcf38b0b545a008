"""Background work on the platform's Celery.

In the LMS and Studio, ``shared_task`` registers with the platform's own Celery app, which finds this module
through the plugin app (``openedx/core/lib/celery/__init__.py`` calls ``APP.autodiscover_tasks()`` over the
installed apps). The demo's app runs tasks in-process (``community_xblock/demo/celery.py``).
"""
from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from community_xblock.delivery import sending
from community_xblock.gatherings import reminders
from community_xblock.models import Event
from community_xblock.platform import operator

MAX_DATABASE_RETRIES = 10
MAX_REMINDER_RETRIES = 8
REMINDER_BACKOFF_SECONDS = 60  # doubled after each failure: about four hours in all
EARLY_TOLERANCE_SECONDS = 5


@shared_task(bind=True, name="community_xblock.deliver_alert", max_retries=None, acks_late=True,
             ignore_result=True)
def deliver(self, delivery_id):
    """Send one alert to one webhook; retry with exponential backoff while the receiver may recover."""
    backoff = operator.option("webhook_backoff_seconds")
    try:
        outcome = sending.attempt(delivery_id)
    except DatabaseError as error:  # the database, not the receiver, failed (locked, gone away): try again
        if self.request.is_eager or self.request.retries >= MAX_DATABASE_RETRIES:
            sending.give_up(delivery_id)  # the log says failed (if the database answers by now); staff resend
            raise
        raise self.retry(exc=error, countdown=backoff, max_retries=MAX_DATABASE_RETRIES) from error
    if outcome is None or outcome.delivered:
        return
    attempts = outcome.attempts
    # In-process (the demo), a retry would run at once inside the request: one attempt, then staff redeliver.
    if not outcome.may_retry or attempts >= operator.option("webhook_attempts") or self.request.is_eager:
        sending.give_up(delivery_id)
        return
    raise self.retry(countdown=backoff * 2 ** (attempts - 1))


@shared_task(bind=True, name="community_xblock.remind_event", max_retries=None, acks_late=True, ignore_result=True)
def remind_event(self, event_id):
    """An event's reminder (``gatherings/reminders.py``): hops towards its moment, then sends it, or finishes the
    emails an earlier attempt could not send."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.cancelled:
        return
    wait = (reminders.due_at(event.starts_at) - timezone.now()).total_seconds()
    if wait > EARLY_TOLERANCE_SECONDS:
        # In-process (the demo), the task runs as the event is planned: the sweep command sends it in time.
        if not self.request.is_eager:
            remind_event.apply_async((event_id,), countdown=min(wait, reminders.HOP.total_seconds()))
        return
    try:
        if event.reminded_at is None:
            reminders.send_if_due(event_id, now=max(timezone.now(), reminders.due_at(event.starts_at)))
        else:  # a mail server failed on an earlier attempt: the people not emailed yet
            reminders.email_pending(event)
    except (SMTPException, OSError, DatabaseError) as error:
        if self.request.is_eager or self.request.retries >= MAX_REMINDER_RETRIES:
            raise
        raise self.retry(exc=error, countdown=REMINDER_BACKOFF_SECONDS * 2 ** self.request.retries) from error
