"""An event's reminder on a real Celery worker (the machine's Redis), at its moment: planning the event in the
LMS-shaped runtime enqueues the task with its ETA; when it comes, the learners who answered get an email through
a real local mail server and the course's chat channel a message through a real local HTTP receiver."""
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from community_xblock.models import Delivery, Event


def test_the_reminder_goes_out_at_its_moment_by_email_and_to_chat(worker, lms, mail, receiver, settings):
    settings.XBLOCK_SETTINGS["CommunityXBlock"]["event_reminder_minutes"] = 60
    lms.ok("add_webhook", {"url": receiver.url, "format": "mattermost"}, student="staff")
    # It starts an hour and six seconds from now: its reminder is due in six seconds.
    start = (timezone.now() + timedelta(hours=1, seconds=6)).astimezone(ZoneInfo("Europe/Paris"))
    planned = lms.ok("plan_event", {
        "kind": "live_qa", "title": "Live Q&A: the Calvin cycle", "time_zone": "Europe/Paris",
        "starts": start.replace(tzinfo=None).isoformat(timespec="seconds"),
        "ends": (start + timedelta(hours=1)).replace(tzinfo=None).isoformat(timespec="seconds")}, student="staff")
    for student, answer in (("amelie", "going"), ("zsofia", "interested"), ("learner8", "not_going")):
        lms.ok("rsvp", {"event_id": planned["event_id"], "answer": answer}, student=student)
        get_user_model().objects.filter(username=student).update(email=f"{student}@example.org")
    assert Event.objects.get().reminded_at is None and not mail.messages  # not yet
    assert mail.arrived.wait(30) and receiver.arrived.wait(30)
    deadline = time.monotonic() + 10
    while len(mail.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mail.recipients() == ["amelie@example.org", "zsofia@example.org"]
    assert "Live Q&A: the Calvin cycle" in receiver.bodies()[0]["text"]
    assert Event.objects.get().reminded_at is not None
    deadline = time.monotonic() + 10
    while Delivery.objects.get().status != "delivered" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Delivery.objects.get().status == "delivered"
