"""The community manager's alerts: bad buzz, an error spreading (with its erratum), unanswered questions; the
panel, deciding, the remedies, the report, and an imported timeline firing them at the time they would have."""
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community_xblock.conversations import threads
from community_xblock.core.lookups import space_for
from community_xblock.insights.detectors import alerts as alert_store
from community_xblock.models import Alert, AlertPost, Erratum, Thread
from community_xblock.platform.identity import Viewer

FRUSTRATED = "This is so frustrating, I am fed up with it."
ERROR = "There is an error in the video: the formula at 3:10 is wrong."
CONFUSED = "I do not understand why we double the rate here."


def post(unit, student, body, component=None, *, title="About the video", kind="discussion"):
    payload = {"kind": kind, "title": title, "body": body}
    if component:
        payload["component"] = component
    return unit.ok("create_thread", payload, student=student)["thread"]["id"]


def only_alert(kind):
    found = list(Alert.objects.filter(kind=kind))
    assert len(found) == 1, found
    return found[0]


class TestBadBuzz:
    def test_a_burst_of_negativity_from_several_learners_raises_one_alert_with_its_posts(self, unit):
        component = unit.component_keys()[0]
        first = post(unit, "amelie", FRUSTRATED, component)
        post(unit, "zsofia", FRUSTRATED, component)
        assert not Alert.objects.exists()  # two posts are not a buzz yet
        post(unit, "student_1", FRUSTRATED, component)
        alert = only_alert("bad_buzz")
        assert alert.anchor.usage_key == component and alert.detail["learners"] == 3
        assert alert.detail["observed"] == 3 and alert.detail["chance"] < 0.005
        post(unit, "amelie", "Honestly this is ridiculous, so annoying.", component)
        alert.refresh_from_db()
        assert alert.post_count == 4 and Alert.objects.count() == 1  # later posts join it
        assert "Alerts (1 new)" in unit.page(student="staff")
        answer = unit.ok("alerts", {}, student="staff")
        shown = answer["panel"]["alerts"][0]
        assert shown["title"].startswith("Bad buzz about ") and shown["takes_remedies"]
        assert {item["thread_id"] for item in shown["posts"]} >= {first}
        assert 'data-action="alert-slow-mode"' in answer["html"] and 'data-form="pin_staff_note"' in answer["html"]

    def test_one_learners_rant_is_not_a_buzz(self, unit):
        component = unit.component_keys()[0]
        for _ in range(4):
            post(unit, "amelie", FRUSTRATED, component)
        assert not Alert.objects.exists()

    def test_a_component_that_is_always_this_negative_raises_nothing(self, unit):
        block = unit.block_for("staff")
        space = space_for(block.community_key)
        components = block.unit_components
        now = timezone.now()
        # Four frustrated posts an hour for the past week: three more in this hour are its usual weather.
        for hours in range(1, 7 * 24, 1):
            for number in range(4):
                threads.start_thread(space, Viewer(f"past{number}", f"past{number}"), kind="discussion",
                                     title="Again", body=FRUSTRATED, anchor=components[0],
                                     now=now - timedelta(hours=hours, minutes=number))
        Alert.objects.all().delete()
        for student in ("amelie", "zsofia", "student_1"):
            post(unit, student, FRUSTRATED, components[0].usage_key)
        assert not Alert.objects.filter(kind="bad_buzz").exists()

    def test_a_flag_burst_counts_and_staff_posts_never_do(self, unit):
        component = unit.component_keys()[0]
        ids = [post(unit, student, "A neutral remark about the figure.", component)
               for student in ("amelie", "zsofia", "student_1")]
        for _ in range(3):
            post(unit, "staff", FRUSTRATED, component)
        assert not Alert.objects.exists()
        openings = Thread.objects.filter(pk__in=ids).values_list("opening_post_id", flat=True)
        for number, post_id in enumerate(openings):
            unit.ok("flag", {"post_id": post_id}, student=f"flagger{number}")
        assert only_alert("bad_buzz").post_count == 3

    def test_posts_waiting_for_review_raise_nothing(self, unit):
        unit.configure(premoderation="all")
        component = unit.component_keys()[0]
        for student in ("amelie", "zsofia", "student_1"):
            assert unit.ok("create_thread", {"kind": "discussion", "title": "About the video", "body": FRUSTRATED,
                                             "component": component}, student=student)["held"]
        assert not Alert.objects.exists()  # nobody sees them yet

    def test_remedies_pin_a_note_about_the_component_and_slow_the_space(self, unit):
        component = unit.component_keys()[0]
        for student in ("amelie", "zsofia", "student_1"):
            post(unit, student, FRUSTRATED, component)
        alert = only_alert("bad_buzz")
        unit.ok("pin_staff_note", {"alert_id": alert.pk, "title": "We hear you",
                                   "body": "We are fixing the **video** today."}, student="staff")
        note = Thread.objects.get(title="We hear you")
        assert note.pinned and note.anchor.usage_key == component
        unit.ok("set_slow_mode", {"minutes": "10", "hours": "6"}, student="staff")
        assert "Slow mode: one post every 10 min in this space" in unit.page(student="amelie")


class TestErrorSpread:
    def test_four_learners_reporting_an_error_raise_it_and_an_erratum_reaches_them(self, unit):
        component = unit.component_keys()[1]
        ids = [post(unit, student, ERROR, component) for student in ("amelie", "zsofia", "learner8")]
        unit.ok("follow", {"thread_id": ids[0], "active": True}, student="student_1")
        assert not Alert.objects.exists()
        ids.append(post(unit, "student_1", "Same here, the formula in the video is wrong.", component))
        alert = only_alert("error_spread")
        assert alert.detail["error_learners"] == 4 and alert.post_count == 4
        shown = unit.ok("alerts", {}, student="staff")["panel"]["alerts"][0]
        assert shown["title"].startswith("Possible error in ") and shown["takes_erratum"]

        unit.ok("publish_erratum", {"alert_id": alert.pk,
                                    "body": "The formula at 3:10 should read **r = 2k**. <script>x()</script>"},
                student="staff")
        erratum = Erratum.objects.get()
        assert "<script" not in erratum.body_html and "<strong>r = 2k</strong>" in erratum.body_html
        page = unit.page(student="student_1")
        assert "Correction about" in page and "r = 2k" in page  # at the top of the space
        for thread_id in ids:  # pinned on the threads, and a reply from the course team in each for followers
            thread = unit.ok("get_thread", {"thread_id": thread_id}, student="student_1")
            assert "Correction about" in thread["html"]
            assert thread["thread"]["response_count"] == 1
        other = post(unit, "amelie", "A question about the reading.", unit.component_keys()[0])
        assert "Correction about" not in unit.ok("get_thread", {"thread_id": other}, student="amelie")["html"]

        alert.refresh_from_db()
        assert alert.status == "acknowledged" and alert.reports_before == 4 and alert.reports_after == 0
        post(unit, "learner9", ERROR, component)  # reports that still come are counted after it
        alert.refresh_from_db()
        assert alert.reports_after == 1
        answer = unit.ok("alerts", {}, student="staff")
        assert "Before the erratum: 4 reports. Since: 1 report." in answer["html"]

    def test_the_course_teams_reactions_and_its_own_replies_are_no_reports(self, unit):
        component = unit.component_keys()[1]
        ids = [post(unit, student, ERROR, component) for student in ("amelie", "zsofia", "student_1")]
        opening = Thread.objects.get(pk=ids[0]).opening_post_id
        unit.ok("react", {"post_id": opening, "kind": "error", "active": True}, student="staff")
        assert not Alert.objects.exists()  # three learners and a staff member: not four learners
        staff_reply = unit.ok("reply", {"thread_id": ids[0], "body": ERROR}, student="staff")["post"]["id"]
        unit.ok("react", {"post_id": staff_reply, "kind": "error", "active": True}, student="learner8")
        assert not Alert.objects.exists()  # a reaction to the course team's post reports nothing
        post(unit, "learner8", ERROR, component)
        assert staff_reply not in set(AlertPost.objects.values_list("post_id", flat=True))

    def test_a_report_arriving_as_staff_resolve_does_not_join_the_resolved_alert(self, unit):
        component = unit.component_keys()[1]
        for student in ("amelie", "zsofia", "student_1", "learner8"):
            post(unit, student, ERROR, component)
        first = only_alert("error_spread")
        other = Thread.objects.get(pk=post(unit, "learner9", "A neutral remark.", component)).opening_post_id
        Alert.objects.filter(pk=first.pk).update(status="resolved")  # decided between the detector's read and join
        joined = alert_store.join(first, [(other, timezone.now())], timezone.now())
        assert joined is None and Alert.objects.get(pk=first.pk).post_count == 4
        assert not AlertPost.objects.filter(post_id=other).exists()

    def test_confusion_counts_when_many_are_confused_by_the_same_thing(self, unit):
        component = unit.component_keys()[1]
        for number in range(4):
            post(unit, f"learner{number}", CONFUSED, component, title=f"Q{number}{number}{number}")
        post(unit, "learner4", "I do not understand the reading at all.", component, title="Q444")  # other theme
        assert not Alert.objects.exists()
        post(unit, "learner5", CONFUSED, component, title="Q555")
        alert = only_alert("error_spread")
        assert alert.detail["learners"] == 6 and alert.detail["error_learners"] == 0 and alert.detail["theme"]

    def test_reports_spread_over_more_than_the_window_raise_nothing(self, unit):
        block = unit.block_for("staff")
        space = space_for(block.community_key)
        component = block.unit_components[1]
        now = timezone.now()
        for number, days in enumerate((6, 3)):
            threads.start_thread(space, Viewer(f"old{number}", f"old{number}"), kind="discussion", title="Oops",
                                 body=ERROR, anchor=component, now=now - timedelta(days=days))
        post(unit, "amelie", ERROR, component.usage_key)
        assert not Alert.objects.exists()

    def test_resolving_closes_it_and_a_new_wave_raises_a_new_alert(self, unit):
        component = unit.component_keys()[1]
        for student in ("amelie", "zsofia", "student_1", "learner8"):
            post(unit, student, ERROR, component)
        alert = only_alert("error_spread")
        unit.ok("decide_alert", {"alert_id": alert.pk, "status": "acknowledged"}, student="staff")
        answer = unit.ok("decide_alert", {"alert_id": alert.pk, "status": "resolved"}, student="staff")
        assert answer["button"] == "Alerts (0 new)"
        status, data = unit.call("decide_alert", {"alert_id": alert.pk, "status": "acknowledged"}, student="staff")
        assert status == 409 and data["error"] == "This alert is already resolved."
        post(unit, "learner7", ERROR, component)
        assert Alert.objects.filter(kind="error_spread").count() == 2


class TestUnanswered:
    def test_a_question_unanswered_for_a_day_raises_an_alert_and_waits_in_the_queue(self, unit):
        block = unit.block_for("staff")
        space = space_for(block.community_key)
        now = timezone.now()
        asked = threads.start_thread(space, Viewer("amelie", "amelie"), kind="question", title="Deadline?",
                                     body="When is the lab due?", now=now - timedelta(hours=30))
        answered = threads.start_thread(space, Viewer("zsofia", "zsofia"), kind="question", title="Format?",
                                        body="PDF or Word?", now=now - timedelta(hours=29))
        threads.reply(space, Viewer("student_1", "student_1"), thread_id=answered.pk, body="PDF.",
                      now=now - timedelta(hours=28))
        post(unit, "student_1", "Hello everyone.")  # the first write of the hour looks
        alert = only_alert("unanswered")
        assert list(AlertPost.objects.filter(alert=alert).values_list("post_id", flat=True)) == [
            asked.opening_post_id]
        panel = unit.ok("alerts", {}, student="staff")["panel"]
        assert [item["thread_id"] for item in panel["waiting"]] == [asked.pk]
        assert panel["waiting"][0]["age"] == "unanswered for more than 24 hours"
        post(unit, "zsofia", "Hello again.")  # checked once an hour, and each question crosses once
        assert AlertPost.objects.count() == 1
        unit.ok("reply", {"thread_id": asked.pk, "body": "Friday noon."}, student="staff")
        assert unit.ok("alerts", {}, student="staff")["panel"]["waiting"] == []


class TestAccess:
    @pytest.mark.parametrize(("handler", "payload"), [
        ("alerts", {}),
        ("decide_alert", {"alert_id": "ALERT", "status": "resolved"}),
        ("publish_erratum", {"alert_id": "ALERT", "body": "Fixed."}),
        ("pin_staff_note", {"alert_id": "ALERT", "title": "Note", "body": "Calm."}),
        ("withdraw_erratum", {"erratum_id": 1}),
    ])
    def test_learners_cannot_use_the_alerts(self, unit, handler, payload):
        alert = self._error_alert(unit)
        payload = {key: alert.pk if value == "ALERT" else value for key, value in payload.items()}
        status, _data = unit.call(handler, payload, student="amelie")
        assert status == 403
        alert.refresh_from_db()
        assert alert.status == "open" and not Erratum.objects.exists() and not Thread.objects.filter(
            title="Note").exists()

    @pytest.mark.parametrize(("payload", "status", "message"), [
        ({"alert_id": 999_999, "status": "resolved"}, 404, "This alert does not exist in this community."),
        ({"alert_id": "ALERT", "status": "open"}, 400, None),
        ({"alert_id": "ALERT"}, 400, None),
    ])
    def test_bad_decisions_are_refused(self, unit, payload, status, message):
        alert = self._error_alert(unit)
        payload = {key: alert.pk if value == "ALERT" else value for key, value in payload.items()}
        answer_status, data = unit.call("decide_alert", payload, student="staff")
        assert answer_status == status and (message is None or data["error"] == message)
        alert.refresh_from_db()
        assert alert.status == "open"

    def test_an_alert_of_another_community_is_404(self, unit):
        alert = self._error_alert(unit)
        for handler, payload in (("decide_alert", {"alert_id": alert.pk, "status": "resolved"}),
                                 ("publish_erratum", {"alert_id": alert.pk, "body": "Fixed."})):
            status, _data = unit.call(handler, payload, student="staff", usage_id=unit.other_usage_id)
            assert status == 404
        assert not Erratum.objects.exists()

    def test_errata_only_for_errors_and_with_something_to_show(self, unit):
        alert = self._error_alert(unit)
        status, data = unit.call("publish_erratum", {"alert_id": alert.pk, "body": "<script>x()</script>"},
                                 student="staff")
        assert status == 400 and data["field"] == "body"
        for student in ("amelie", "zsofia", "student_1"):
            post(unit, student, FRUSTRATED)
        buzz = only_alert("bad_buzz")
        status, data = unit.call("publish_erratum", {"alert_id": buzz.pk, "body": "Fixed."}, student="staff")
        assert status == 409 and data["error"] == "Only an alert about a possible error takes an erratum."
        assert not Erratum.objects.exists()

    def test_a_withdrawn_erratum_is_no_longer_shown(self, unit):
        alert = self._error_alert(unit)
        unit.ok("publish_erratum", {"alert_id": alert.pk, "body": "The key is fixed."}, student="staff")
        assert "The key is fixed." in unit.page(student="amelie").split("cx-thread-list")[0]
        unit.ok("withdraw_erratum", {"erratum_id": Erratum.objects.get().pk}, student="staff")
        assert "Correction about" not in unit.page(student="amelie")

    @staticmethod
    def _error_alert(unit):
        component = unit.component_keys()[1]
        for student in ("learner1", "learner2", "learner3", "learner4"):
            post(unit, student, ERROR, component)
        return only_alert("error_spread")


def test_an_imported_timeline_fires_at_the_time_it_would_have_and_the_report_lists_it(tmp_path, unit):
    block = unit.block_for("staff")
    community = block.community
    start = timezone.now().replace(microsecond=0) - timedelta(days=10)
    records = []
    for number in range(5):
        records.append({"id": f"e{number}", "reply_to": None, "author": f"learner{number}",
                        "created": (start + timedelta(hours=5 * number)).isoformat(), "kind": "discussion",
                        "title": "Formula", "component": "Video: rates", "text": ERROR})
    path = tmp_path / "timeline.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    call_command("import_community_posts", str(path), "--community", str(community), "--quiet")
    alert = only_alert("error_spread")
    assert alert.fired_at == start + timedelta(hours=15)  # the fourth learner's post
    report = alert_store.report_rows(community)
    assert report == [{**report[0], "kind": "error_spread", "component": "Video: rates",
                       "fired_at": (start + timedelta(hours=15)).isoformat(), "posts": ["e0", "e1", "e2", "e3", "e4"]}]
