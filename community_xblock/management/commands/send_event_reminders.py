"""``django-admin send_event_reminders``: send every event reminder that is due and was not sent yet.

Planning an event enqueues its reminder on Celery for the right moment; run this from cron (every few minutes)
where tasks may be lost or where Celery runs in-process (the demo). A reminder is claimed once, so running both
never sends it twice.
"""
from django.core.management.base import BaseCommand

from community_xblock.gatherings import reminders


class Command(BaseCommand):
    help = "Send the reminders of events starting soon (once each)."

    def handle(self, *args, **options):
        self.stdout.write(f"Reminded {reminders.sweep()} event(s).")
