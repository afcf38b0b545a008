"""Background work on the platform's Celery.

In the LMS and Studio, ``shared_task`` registers with the platform's own Celery app, which finds this module
through the plugin app (``openedx/core/lib/celery/__init__.py`` calls ``APP.autodiscover_tasks()`` over the
installed apps). The demo's app runs tasks in-process (``community_xblock/demo/celery.py``).
"""
from celery import shared_task

from community_xblock.delivery import sending
from community_xblock.platform import operator


@shared_task(bind=True, name="community_xblock.deliver_alert", max_retries=None, acks_late=True,
             ignore_result=True)
def deliver(self, delivery_id):
    """Send one alert to one webhook; retry with exponential backoff while the receiver may recover."""
    outcome = sending.attempt(delivery_id)
    if outcome is None or outcome.delivered:
        return
    attempts = self.request.retries + 1
    # In-process (the demo), a retry would run at once inside the request: one attempt, then staff redeliver.
    if not outcome.may_retry or attempts >= operator.option("webhook_attempts") or self.request.is_eager:
        sending.give_up(delivery_id)
        return
    raise self.retry(countdown=operator.option("webhook_backoff_seconds") * 2 ** (attempts - 1))
