"""Slow mode (a thread or the whole space, staff exempt, ends by itself) and closing after inactivity."""
from datetime import timedelta

import pytest
from django.utils import timezone

from community_xblock.models import Community, ModerationAction, Post, Thread


def start(unit, student="amelie", title="How long should the lab report be?"):
    return unit.call("create_thread", {"kind": "question", "title": title, "body": "Any word limit?"},
                     student=student)


def reply(unit, thread_id, student="zsofia", body="About four pages."):
    return unit.call("reply", {"thread_id": thread_id, "body": body}, student=student)


@pytest.fixture
def thread_id(unit):
    status, data = start(unit)
    assert status == 200
    return data["thread"]["id"]


class TestSlowMode:
    def test_a_thread_in_slow_mode_takes_one_post_per_interval_from_each_learner(self, unit, thread_id):
        answer = unit.ok("set_slow_mode", {"thread_id": thread_id, "minutes": "10", "hours": "6",
                                           "reason": "Heated"}, student="staff")
        assert answer["thread"]["slow_mode"]["minutes"] == 10 and "Slow mode: one post every 10 min" in \
            answer["html"]
        assert reply(unit, thread_id)[0] == 200
        status, data = reply(unit, thread_id, body="And another thing!")
        assert status == 429 and data["error"] == "Slow mode: you can post again here in 10 min."
        assert reply(unit, thread_id, student="student_1")[0] == 200  # each learner has their own pace
        for _ in range(2):  # the course team is exempt
            assert reply(unit, thread_id, student="staff")[0] == 200
        assert start(unit, student="zsofia", title="A new question elsewhere")[0] == 200  # other threads free
        Post.objects.filter(author_key=unit.user_key("zsofia")).update(created_at=timezone.now() - timedelta(
            minutes=11))
        assert reply(unit, thread_id, body="Eleven minutes later")[0] == 200

    def test_slow_mode_ends_by_itself_and_by_hand(self, unit, thread_id):
        unit.ok("set_slow_mode", {"thread_id": thread_id, "minutes": "60", "hours": "1"}, student="staff")
        reply(unit, thread_id)
        Thread.objects.filter(pk=thread_id).update(slow_until=timezone.now() - timedelta(seconds=1))
        assert reply(unit, thread_id, body="The hour is over")[0] == 200
        unit.ok("set_slow_mode", {"thread_id": thread_id, "minutes": "60", "hours": "1"}, student="staff")
        answer = unit.ok("end_slow_mode", {"thread_id": thread_id}, student="staff")
        assert answer["thread"]["slow_mode"] is None and reply(unit, thread_id, body="Free again")[0] == 200

    def test_the_whole_space(self, unit, thread_id):
        answer = unit.ok("set_slow_mode", {"minutes": "5", "hours": "24"}, student="staff")
        assert 'data-action="end-slow-mode"' in answer["html"]
        assert "Slow mode: one post every 5 min in this space" in unit.page(student="zsofia")
        assert reply(unit, thread_id)[0] == 200
        status, data = start(unit, student="zsofia", title="A second question too soon")
        assert status == 429 and "5 min" in data["error"]
        unit.ok("end_slow_mode", {}, student="staff")
        assert start(unit, student="zsofia", title="A second question now fine")[0] == 200

    def test_logged_and_undone(self, unit, thread_id):
        unit.ok("set_slow_mode", {"minutes": "5", "hours": "24", "reason": "Exam week"}, student="staff")
        decision = unit.ok("moderation_log", {}, student="staff")["decisions"][0]
        assert (decision["kind"], decision["thread_title"], decision["reason"]) == (
            "slow_on", "The whole space", "Exam week")
        unit.ok("undo_moderation", {"action_id": decision["id"]}, student="staff")
        assert Community.objects.get().slow_until is None
        undo = ModerationAction.objects.get(kind="slow_off")
        assert unit.call("undo_moderation", {"action_id": undo.pk}, student="staff")[0] == 409  # an undo
        # Ended by hand, slow mode comes back until it would have ended.
        unit.ok("set_slow_mode", {"minutes": "5", "hours": "24"}, student="staff")
        until = Community.objects.get().slow_until
        unit.ok("end_slow_mode", {}, student="staff")
        ended = ModerationAction.objects.filter(kind="slow_off", reverses=None).get()
        unit.ok("undo_moderation", {"action_id": ended.pk}, student="staff")
        assert Community.objects.get().slow_until == until and Community.objects.get().slow_seconds == 300

    def test_a_thread_and_the_whole_space_each_hold_their_pace(self, unit, thread_id):
        other = start(unit, student="student_1", title="Another question about the lab")[1]["thread"]["id"]
        unit.ok("set_slow_mode", {"thread_id": thread_id, "minutes": "10", "hours": "6"}, student="staff")
        unit.ok("set_slow_mode", {"minutes": "5", "hours": "6"}, student="staff")
        assert reply(unit, other)[0] == 200
        status, data = reply(unit, thread_id)  # the space's 5 minutes apply here too
        assert status == 429 and "5 min" in data["error"]

    def test_undoing_a_slow_mode_that_ran_out_is_refused(self, unit, thread_id):
        unit.ok("set_slow_mode", {"thread_id": thread_id, "minutes": "10", "hours": "1"}, student="staff")
        # An hour later: the thread and the logged decision both say it ended a minute ago.
        ended = timezone.now() - timedelta(minutes=1)
        Thread.objects.filter(pk=thread_id).update(slow_until=ended)
        ModerationAction.objects.update(detail={"minutes": 10, "until": ended.isoformat()})
        status, data = unit.call("undo_moderation", {"action_id": ModerationAction.objects.get().pk},
                                 student="staff")
        assert status == 409 and data["error"]
        assert ModerationAction.objects.count() == 1

    def test_learners_cannot_set_it_and_bad_values_write_nothing(self, unit, thread_id):
        status, data = unit.call("set_slow_mode", {"thread_id": thread_id, "minutes": "10", "hours": "6"},
                                 student="zsofia")
        assert status == 403 and data["error"]
        for payload, field in (({"minutes": "7", "hours": "6"}, "minutes"), ({"minutes": "10", "hours": "1000"},
                                                                              "hours"),
                               ({"minutes": 10, "hours": "6"}, "minutes"),
                               ({"thread_id": 999_999, "minutes": "10", "hours": "6"}, None)):
            status, data = unit.call("set_slow_mode", payload, student="staff")
            assert status in (400, 404) and data["error"], payload
            if field:
                assert data["field"] == field
        assert not Thread.objects.filter(slow_seconds__gt=0).exists() and not ModerationAction.objects.exists()


class TestQuietConversationsClose:
    def test_after_the_authors_days_without_activity(self, unit, thread_id):
        unit.configure(close_after_days=14)
        Thread.objects.filter(pk=thread_id).update(last_activity_at=timezone.now() - timedelta(days=15))
        status, data = reply(unit, thread_id)
        assert status == 409 and "closed" in data["error"]
        detail = unit.ok("get_thread", {"thread_id": thread_id}, student="zsofia")
        assert detail["thread"]["closed"] and detail["thread"]["auto_closed"] and not detail["thread"]["can_reply"]
        assert "closed after a quiet spell" in detail["html"]
        # The course team may still answer, which wakes the conversation up.
        assert reply(unit, thread_id, student="staff", body="Still open for questions: ask away.")[0] == 200
        assert reply(unit, thread_id)[0] == 200

    def test_zero_keeps_them_open_and_the_setting_is_checked(self, unit, thread_id):
        Thread.objects.filter(pk=thread_id).update(last_activity_at=timezone.now() - timedelta(days=400))
        assert reply(unit, thread_id)[0] == 200
        status, data = unit.call("save_settings", {"close_after_days": 400}, student="staff", mode="studio")
        assert status == 400 and "between 0 and 365" in data["errors"]["close_after_days"]
