"""Chat webhooks with tasks in-process (as in the demo): the course team's channels, the payload of each chat
tool, signatures, what learners' words may go out, the delivery log and sending again. Each test raises a real
alert and a real local HTTP server receives it."""
import hashlib
import hmac
import json

import pytest

from community_xblock.models import Alert, Delivery, Webhook
from tests.delivery.receiver import Receiver, closed_port_url

ERROR = "There is an error in the video: the formula at 3:10 is wrong."


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def add(unit, url, kind="generic", include_text=False):
    return unit.call("add_webhook", {"url": url, "format": kind, "include_text": include_text}, student="staff")


def raise_alert(unit, capture, students=("amelie", "zsofia", "student_1", "learner8")):
    component = unit.component_keys()[1]
    for student in students:
        with capture(execute=True):
            unit.ok("create_thread", {"kind": "discussion", "title": "The formula", "body": ERROR,
                                      "component": component}, student=student)
    return Alert.objects.get(kind="error_spread")


class TestChannels:
    def test_staff_add_a_channel_and_a_new_alert_reaches_it_signed_without_learners_words(
            self, unit, receiver, django_capture_on_commit_callbacks):
        status, data = add(unit, receiver.url)
        assert status == 200 and "Signing secret" in data["html"]
        alert = raise_alert(unit, django_capture_on_commit_callbacks)
        assert len(receiver.received) == 1  # one delivery per alert, not one per post that joins it
        _path, headers, raw = receiver.received[0]
        secret = Webhook.objects.get().secret
        expected = hmac.new(secret.encode(), headers["X-Community-Timestamp"].encode() + b"." + raw,
                            hashlib.sha256).hexdigest()
        assert headers["X-Community-Signature"] == f"sha256={expected}"
        body = json.loads(raw)
        assert body["event"] == "community.alert" and body["alert"]["kind"] == "error_spread"
        assert body["alert"]["id"] == alert.pk and body["alert"]["post_count"] == 4
        assert body["alert"]["title"].startswith("Possible error in ")
        assert len(body["posts"]) == 3 and all(set(item) == {"id", "source_id"} for item in body["posts"])
        text = raw.decode()
        assert "formula" not in text and "amelie" not in text and "zsofia" not in text
        delivery = Delivery.objects.get()
        assert delivery.status == "delivered" and delivery.attempts == 1 and delivery.last_status_code == 200

    def test_excerpts_go_out_only_when_turned_on_and_never_names(self, unit, receiver,
                                                                 django_capture_on_commit_callbacks):
        add(unit, receiver.url, include_text=True)
        raise_alert(unit, django_capture_on_commit_callbacks)
        body = receiver.bodies()[0]
        assert [item["excerpt"] for item in body["posts"]] == [ERROR] * 3
        assert "amelie" not in json.dumps(body)

    def test_every_chat_tool_gets_its_own_shape(self, unit, receiver, django_capture_on_commit_callbacks):
        for kind in ("slack", "mattermost", "teams"):
            assert add(unit, receiver.url + "/" + kind, kind)[0] == 200
        raise_alert(unit, django_capture_on_commit_callbacks)
        bodies = {path.rsplit("/", 1)[1]: json.loads(raw) for path, _headers, raw in receiver.received}
        assert bodies["slack"]["blocks"][0]["text"]["type"] == "mrkdwn"
        assert bodies["slack"]["text"].startswith("Possible error in ")
        assert bodies["mattermost"]["text"].startswith("#### ")
        card = bodies["teams"]["attachments"][0]
        assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
        assert card["content"]["type"] == "AdaptiveCard" and card["content"]["version"] == "1.4"
        assert card["content"]["body"][0]["text"].startswith("Possible error in ")
        for _path, headers, _raw in receiver.received:
            assert "X-Community-Signature" not in headers  # only the generic JSON is signed

    def test_the_link_back_is_the_block_in_the_lms(self, lms, receiver, django_capture_on_commit_callbacks):
        add(lms, receiver.url)
        lms.page(student="staff")  # the block remembers where it is
        raise_alert(lms, django_capture_on_commit_callbacks)
        url = receiver.bodies()[0]["community"]["url"]
        assert url.startswith("https://lms.test/courses/course-v1:") and "/jump_to/block-v1:" in url


class TestRefused:
    @pytest.mark.parametrize(("url", "kind"), [
        ("https://hooks.slack.com/services/T/B/X", "slack"),  # not on the allow-list
        ("ftp://127.0.0.1/hook", "generic"),
        ("http://user:secret@127.0.0.1/hook", "generic"),
        # urllib3 (what requests sends with) ends the host at the backslash: 169.254.169.254, not 127.0.0.1
        ("http://169.254.169.254\\.127.0.0.1/latest/meta-data", "generic"),
        ("http://127.0.0.1 .evil.example/hook", "generic"),
        ("http://127.0.0.1/hook", "carrier-pigeon"),
    ])
    def test_bad_channels_are_refused_and_nothing_is_kept(self, unit, url, kind):
        status, data = add(unit, url, kind)
        assert status == 400
        if kind != "carrier-pigeon":
            assert data["error"] == ("Webhook address must be an https address on a host the site's operator "
                                     "allows for webhooks, without a user name or password.")
        assert not Webhook.objects.exists()

    def test_plain_http_only_where_the_operator_allows_it(self, unit, settings, receiver):
        bucket = settings.XBLOCK_SETTINGS["CommunityXBlock"]
        settings.XBLOCK_SETTINGS = {"CommunityXBlock": {**bucket, "webhook_allow_http": False}}
        assert add(unit, receiver.url)[0] == 400
        assert add(unit, receiver.url.replace("http://", "https://"))[0] == 200

    def test_a_host_taken_off_the_allow_list_is_not_called_any_more(self, unit, settings, receiver,
                                                                    django_capture_on_commit_callbacks):
        add(unit, receiver.url)
        bucket = settings.XBLOCK_SETTINGS["CommunityXBlock"]
        settings.XBLOCK_SETTINGS = {"CommunityXBlock": {**bucket, "webhook_hosts": ["localhost"]}}
        raise_alert(unit, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get()
        assert receiver.received == [] and delivery.status == "failed" and delivery.failure == "not_allowed"

    def test_the_refusal_is_translated(self, unit):
        status, data = unit.call("add_webhook", {"url": "https://evil.example/x", "format": "generic"},
                                 student="staff", language="fr")
        assert status == 400 and data["error"].startswith("Adresse du webhook doit être une adresse https")

    @pytest.mark.parametrize("handler", ["webhooks", "add_webhook", "remove_webhook", "redeliver"])
    def test_learners_cannot_touch_the_channels(self, unit, receiver, handler):
        add(unit, receiver.url)
        payload = {"add_webhook": {"url": receiver.url, "format": "generic"},
                   "remove_webhook": {"webhook_id": Webhook.objects.get().pk},
                   "redeliver": {"delivery_id": 1}}.get(handler, {})
        assert unit.call(handler, payload, student="amelie")[0] == 403
        assert Webhook.objects.count() == 1

    def test_another_courses_channel_is_404(self, unit, receiver):
        Webhook.objects.create(org="Other", course="X", url=receiver.url, format="generic", secret="s",
                               created_by="someone")
        status, data = unit.call("remove_webhook", {"webhook_id": Webhook.objects.get().pk}, student="staff")
        assert status == 404 and data["error"] == "This webhook does not exist in this course."
        assert Webhook.objects.count() == 1


class TestFailures:
    def test_a_receiver_that_answers_500_fails_in_process_and_staff_send_it_again(
            self, unit, receiver, django_capture_on_commit_callbacks):
        add(unit, receiver.url)
        receiver.statuses = [500]
        raise_alert(unit, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get()
        assert delivery.status == "failed" and delivery.last_status_code == 500 and delivery.attempts == 1
        log = unit.ok("webhooks", {}, student="staff")["html"]
        assert "The receiver refused it (<span class=\"cx-course-content\">HTTP 500</span>)" in log
        assert "Failed" in log
        with django_capture_on_commit_callbacks(execute=True):
            unit.ok("redeliver", {"delivery_id": delivery.pk}, student="staff")
        delivery.refresh_from_db()
        assert delivery.status == "delivered" and len(receiver.received) == 2

    def test_a_delivery_on_its_way_is_not_sent_twice(self, unit, receiver, django_capture_on_commit_callbacks):
        add(unit, receiver.url)
        raise_alert(unit, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get()
        Delivery.objects.filter(pk=delivery.pk).update(status="retrying")  # a retry scheduled on the worker
        status, data = unit.call("redeliver", {"delivery_id": delivery.pk}, student="staff")
        assert status == 409 and data["error"].startswith("This delivery is still on its way")
        assert len(receiver.received) == 1

    def test_a_receiver_that_is_down_never_breaks_the_learners_post(self, unit,
                                                                    django_capture_on_commit_callbacks):
        add(unit, closed_port_url())
        raise_alert(unit, django_capture_on_commit_callbacks)  # every post answered 200
        delivery = Delivery.objects.get()
        assert delivery.status == "failed" and delivery.last_status_code is None
        assert delivery.failure == "connection" and "ConnectionError" in delivery.last_error
        assert "Could not connect" in unit.ok("webhooks", {}, student="staff")["html"]
