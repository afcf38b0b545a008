"""An event's reminder without any runtime around it: who gets it (going and interested, with an address the
platform knows), that it goes out once whoever sends it, only when due, and to the course's chat channels; the
email written in the site's language with the time in the event's zone. Sent through Django's SMTP backend to a
real local mail server (tests/delivery/mail_server.py)."""
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community_xblock.conversations import threads
from community_xblock.core.lookups import space_for
from community_xblock.gatherings import events, reminders, rsvp
from community_xblock.models import CommunityExpert, Delivery, Event, EventReminder, Webhook
from community_xblock.platform.identity import CommunityKey, Viewer

STAFF = Viewer("staff", "staff", is_staff=True)


def person(name, with_email=True):
    """A platform account (its key is its id, as in the LMS), with an address unless told otherwise."""
    user = get_user_model().objects.create(username=name, email=f"{name}@example.org" if with_email else "")
    return Viewer(str(user.pk), name)


def subject_of(message):
    return str(make_header(decode_header(message["Subject"])))


def event_in(space, minutes, **changes):
    start = (timezone.now() + timedelta(minutes=minutes)).replace(tzinfo=None, second=0, microsecond=0)
    fields = {"kind": "live_qa", "title": "Live Q&A", "description": "", "time_zone": "UTC",
              "starts": start.isoformat(timespec="minutes"),
              "ends": (start + timedelta(hours=1)).isoformat(timespec="minutes"),
              "link": "https://meet.example.org/qa"}
    fields.update(changes)
    return events.plan(space, STAFF, **fields)


@pytest.fixture
def answered(db):
    space = space_for(CommunityKey("RemX", "REM1", "unit", "run"))
    event = event_in(space, 20)
    for viewer, answer in ((person("ann"), "going"), (person("bea"), "interested"), (person("cid"), "not_going"),
                           (person("dan", with_email=False), "going")):
        rsvp.answer(space, viewer, event_id=event.pk, choice=answer)
    return space, event


def test_those_who_answered_going_or_interested_get_one_email(answered, mail):
    space, event = answered
    assert reminders.send_if_due(event.pk) == {"emails": 2, "deliveries": 0}
    assert mail.recipients() == ["ann@example.org", "bea@example.org"]
    subject = subject_of(mail.messages[0][1])
    assert "Live Q&A" in subject and "(UTC)" in subject
    assert "https://meet.example.org/qa" in mail.messages[0][1].get_payload()
    assert reminders.send_if_due(event.pk) is None and len(mail.messages) == 2  # once
    assert reminders.sweep() == 0


def test_only_a_due_event_is_reminded_and_the_sweep_finds_it(answered, mail):
    space, _event = answered
    later = event_in(space, 180, title="Later")
    assert reminders.send_if_due(later.pk) is None
    assert reminders.sweep() == 1  # the first one, due; the later one waits
    assert Event.objects.get(pk=later.pk).reminded_at is None
    assert reminders.sweep(now=timezone.now() + timedelta(hours=2, minutes=1)) == 1


def test_the_courses_chat_channels_hear_it_too(answered, mail):
    space, event = answered
    Webhook.objects.create(org="RemX", course="REM1", url="https://chat.example.org/hook", format="slack",
                           secret="s", created_by="staff")
    Webhook.objects.create(org="OtherX", course="REM1", url="https://chat.example.org/other", format="slack",
                           secret="s", created_by="staff")
    assert reminders.send_if_due(event.pk)["deliveries"] == 1
    assert Delivery.objects.get().event_id == event.pk


def test_a_mail_server_that_is_down_leaves_the_people_to_email_later(answered, mail, settings):
    from tests.delivery.receiver import closed_port_url

    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = int(closed_port_url().rsplit(":", 1)[1].split("/")[0])
    _space, event = answered
    with pytest.raises(OSError):
        reminders.send_if_due(event.pk)
    event.refresh_from_db()
    assert event.reminded_at is not None and not EventReminder.objects.exists()  # nobody is marked emailed
    settings.EMAIL_PORT = port  # the server is back: the task's retry sends what is left
    assert reminders.email_pending(event) == 2 and reminders.email_pending(event) == 0
    assert mail.recipients() == ["ann@example.org", "bea@example.org"]


def test_an_address_the_server_refuses_does_not_hold_the_others(answered, mail):
    mail.refused = {"ann@example.org"}
    _space, event = answered
    assert reminders.send_if_due(event.pk)["emails"] == 1
    assert mail.recipients() == ["bea@example.org"]
    assert reminders.email_pending(event) == 0  # the refused address is not tried again


def test_an_event_that_has_started_is_not_reminded_any_more(answered, mail):
    _space, event = answered
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    assert reminders.send_if_due(event.pk) is None and reminders.sweep() == 0 and not mail.messages


def test_the_host_is_reminded_that_they_host(db, mail):
    space = space_for(CommunityKey("RemX", "REM2", "unit", "run"))
    host = person("hostess")
    CommunityExpert.objects.create(org="RemX", course="REM2", user_key=host.user_key, promoted_by="staff")
    threads.start_thread(space, host, kind="discussion", title="Notes", body="My notes.")
    event = event_in(space, 20, kind="expert_session", host=host.user_key)
    reminders.send_if_due(event.pk)
    (recipients, message), = mail.messages
    assert recipients == ["hostess@example.org"] and "You are hosting this event." in message.get_payload()


def test_the_task_a_few_seconds_early_sends_at_the_due_moment(answered, mail, settings):
    from community_xblock import tasks

    _space, event = answered
    settings.XBLOCK_SETTINGS = {"CommunityXBlock": {**settings.XBLOCK_SETTINGS["CommunityXBlock"],
                                                    "event_reminder_minutes": 20}}
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + timedelta(minutes=20, seconds=3))
    tasks.remind_event.apply(args=(event.pk,))  # three seconds before it is due
    assert Event.objects.get(pk=event.pk).reminded_at is not None and len(mail.messages) == 2


def test_the_email_is_in_the_sites_language(answered, mail, settings):
    settings.LANGUAGE_CODE = "fr"
    _space, event = answered
    reminders.send_if_due(event.pk)
    assert subject_of(mail.messages[0][1]).startswith("Rappel")


def test_each_chat_format_says_what_and_when_without_mentions(answered):
    from community_xblock.delivery import payloads
    from community_xblock.platform.translation import BlockTranslator

    _space, event = answered
    Event.objects.filter(pk=event.pk).update(title="@channel Live Q&A <b>")
    event.refresh_from_db()
    translator = BlockTranslator(None, "en")
    bodies = {kind: payloads.build_reminder(Webhook(format=kind), Delivery(pk=7), event, translator)
              for kind in ("generic", "slack", "mattermost", "teams")}
    assert bodies["generic"]["event"] == "community.event_reminder"
    assert bodies["generic"]["community_event"]["going"] == 2 and bodies["generic"]["delivery_id"] == 7
    assert "&lt;b&gt;" in bodies["slack"]["blocks"][0]["text"]["text"]
    assert "@\u200bchannel" in bodies["mattermost"]["text"]
    card = bodies["teams"]["attachments"][0]["content"]
    assert card["body"][2]["facts"][1] == {"title": "Host", "value": "staff"}
    Event.objects.filter(pk=event.pk).update(host_key="learner-7", host_name="Zsófia Learner")
    event.refresh_from_db()  # a learner hosting (a community expert) is not named outside the course
    hosted = payloads.build_reminder(Webhook(format="generic"), Delivery(pk=8), event, translator)
    assert hosted["community_event"]["host"] == "a community expert of the course"
    assert card["actions"][0]["url"] == "https://meet.example.org/qa"
