"""``django-admin publish_community_summaries``: the weekly evaluation summary of every community that is due.

Run it from a scheduler (cron, a Celery beat) so institution-wide analytics receive a summary each week even
when nobody opens the evaluation. In the LMS the event goes through ``eventtracking`` like any tracking event;
elsewhere each event is printed as one JSON line.
"""
from django.core.management.base import BaseCommand

from community_xblock.insights.evaluation import summary_due, summary_event, unit_report
from community_xblock.models import Community
from community_xblock.platform.eventtracking import emitter


class Command(BaseCommand):
    help = "Publish the weekly evaluation summary event of every community whose summary is due."

    def handle(self, *args, **options):
        emit = emitter(self.stdout)
        sent = 0
        for community in Community.objects.order_by("pk").iterator():
            if summary_due(community):
                emit(*summary_event(community, unit_report(community)))
                sent += 1
        self.stderr.write(f"{sent} summaries published.")
