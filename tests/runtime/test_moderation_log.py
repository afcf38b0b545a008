"""The moderation log: every decision of the course team with who, when and why, and undone exactly."""
import pytest

from community_xblock.aggregates.rebuild import differences
from community_xblock.models import Community, Flag, ModerationAction, Post, Thread


def start(unit, student="student_1", **fields):
    payload = {"kind": "question", "title": "Why are leaves green?", "body": "Is it the **chlorophyll**?"}
    payload.update(fields)
    return unit.ok("create_thread", payload, student=student)["thread"]


def answered_question(unit):
    thread = start(unit)
    response = unit.ok("reply", {"thread_id": thread["id"], "body": "Chlorophyll reflects green light."},
                       student="amelie")["post"]
    unit.ok("reply", {"thread_id": thread["id"], "parent_id": response["id"], "body": "Thanks!"}, student="zsofia")
    return thread, response


def counters(thread_id):
    return Thread.objects.filter(pk=thread_id).values(
        "response_count", "comment_count", "flag_count", "accepted_post_id", "pinned", "closed", "hidden",
        "deleted").get()


def log(unit):
    return unit.ok("moderation_log", {}, student="staff")["decisions"]


def undo(unit, decision, **payload):
    return unit.ok("undo_moderation", {"action_id": decision["id"], **payload}, student="staff")


def no_drift():
    for community in Community.objects.all():
        assert not differences(community), community


class TestEveryDecisionIsLogged:
    def test_who_when_what_and_why(self, unit):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": True,
                                    "reason": "The question of the week"}, student="staff")
        [decision] = log(unit)
        assert decision["kind"] == "pin" and decision["label"] == "Pinned the conversation"
        assert decision["actor"] and decision["reason"] == "The question of the week"
        assert decision["thread_title"] == "Why are leaves green?" and decision["can_undo"]
        html = unit.ok("moderation_log", {}, student="staff")["html"]
        assert "The question of the week" in html and 'data-action="undo-moderation"' in html

    def test_a_decision_that_changes_nothing_is_not_logged(self, unit):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "closed", "value": False}, student="staff")
        assert log(unit) == []

    def test_learners_deleting_their_own_posts_are_not_moderation(self, unit):
        thread, response = answered_question(unit)
        unit.ok("delete_post", {"post_id": response["id"]}, student="amelie")
        assert log(unit) == []

    @pytest.mark.parametrize(("language", "label"), [("fr", "Conversation fermée"),
                                                     ("hu", "Lezárta a beszélgetést")])
    def test_the_log_speaks_the_viewers_language(self, unit, language, label):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "closed", "value": True}, student="staff")
        data = unit.ok("moderation_log", {}, student="staff", language=language)
        assert data["decisions"][0]["label"] == label and label in data["html"]


class TestUndo:
    @pytest.mark.parametrize("state", ["pinned", "closed", "hidden"])
    def test_a_thread_switch(self, unit, state):
        thread, _response = answered_question(unit)
        before = counters(thread["id"])
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": state, "value": True}, student="staff")
        answer = undo(unit, log(unit)[0], reason="Too early")
        assert counters(thread["id"]) == before
        latest, undone = answer["decisions"][:2]
        assert latest["undoes"] == undone["id"] and latest["reason"] == "Too early"
        assert undone["undone"] and not undone["can_undo"] and not latest["can_undo"]
        no_drift()

    def test_hiding_a_post(self, unit):
        thread, response = answered_question(unit)
        before = counters(thread["id"])
        unit.ok("hide_post", {"post_id": response["id"], "hidden": True}, student="staff")
        assert counters(thread["id"])["response_count"] == 0
        undo(unit, log(unit)[0])
        assert counters(thread["id"]) == before and not Post.objects.get(pk=response["id"]).hidden
        no_drift()

    def test_a_staff_deletion_gives_back_the_post_its_comments_flags_and_accepted_mark(self, unit):
        thread, response = answered_question(unit)
        comment = Post.objects.get(parent_id=response["id"])
        unit.ok("flag", {"post_id": comment.pk, "reason": "rude", "active": True}, student="amelie")
        unit.ok("accept_answer", {"post_id": response["id"], "accepted": True}, student="student_1")
        before = counters(thread["id"])
        unit.ok("delete_post", {"post_id": response["id"], "reason": "Wrong answer"}, student="staff")
        assert counters(thread["id"])["flag_count"] == 0 and counters(thread["id"])["accepted_post_id"] is None
        [decision] = log(unit)
        assert decision["kind"] == "delete_post" and decision["reason"] == "Wrong answer"
        undo(unit, decision)
        assert counters(thread["id"]) == before and not Post.objects.get(pk=response["id"]).deleted
        no_drift()

    def test_deleting_a_whole_conversation(self, unit):
        thread = start(unit)
        opening = unit.ok("get_thread", {"thread_id": thread["id"]})["thread"]["opening"]["id"]
        unit.ok("delete_post", {"post_id": opening}, student="staff")
        assert unit.ok("list_threads", {}, student="amelie")["threads"] == []
        undo(unit, log(unit)[0])
        assert [item["id"] for item in unit.ok("list_threads", {}, student="amelie")["threads"]] == [thread["id"]]
        no_drift()

    def test_clearing_flags_reopens_them_as_they_were(self, unit):
        thread, response = answered_question(unit)
        for flagger, reason in (("student_1", "spam"), ("zsofia", "off topic")):
            unit.ok("flag", {"post_id": response["id"], "reason": reason, "active": True}, student=flagger)
        flags = sorted(Flag.objects.values_list("user_key", "reason", "created_at", "weight"))
        unit.ok("clear_flags", {"post_id": response["id"]}, student="staff")
        assert set(Flag.objects.values_list("decision", flat=True)) == {"ignored"}
        assert counters(thread["id"])["flag_count"] == 0
        undo(unit, log(unit)[0])
        assert sorted(Flag.objects.values_list("user_key", "reason", "created_at", "weight")) == flags
        assert set(Flag.objects.values_list("decision", flat=True)) == {None}
        assert counters(thread["id"])["flag_count"] == 2 and Post.objects.get(pk=response["id"]).flag_count == 2
        assert Post.objects.get(pk=response["id"]).flag_score == 2
        no_drift()


class TestUndoRefused:
    def test_twice_or_an_undo_or_after_a_later_change(self, unit):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "closed", "value": True}, student="staff")
        decision = log(unit)[0]
        undo(unit, decision)
        for target in (decision, log(unit)[0]):  # the decision again, then the undo itself
            status, data = unit.call("undo_moderation", {"action_id": target["id"]}, student="staff")
            assert status == 409 and "cannot be undone" in data["error"]
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": True}, student="staff")
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": False}, student="staff")
        pin = log(unit)[1]
        before = ModerationAction.objects.count()
        status, data = unit.call("undo_moderation", {"action_id": pin["id"]}, student="staff")
        assert status == 409 and "no longer holds" in data["error"]
        assert ModerationAction.objects.count() == before

    def test_learners_may_neither_read_nor_undo(self, unit):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": True}, student="staff")
        decision_id = ModerationAction.objects.get().pk
        for handler, payload in (("moderation_log", {}), ("undo_moderation", {"action_id": decision_id})):
            status, data = unit.call(handler, payload, student="amelie")
            assert status == 403 and data["error"], handler
        assert Thread.objects.get(pk=thread["id"]).pinned and ModerationAction.objects.count() == 1

    @pytest.mark.parametrize(("payload", "status", "field"), [
        ({}, 400, "action_id"), ({"action_id": "x"}, 400, "action_id"), ({"action_id": 999_999}, 404, None),
        ({"action_id": "ACTION", "reason": "x" * 501}, 400, "reason"),
        ({"action_id": "ACTION", "reason": "\u202egnorw"}, 400, "reason"),
    ])
    def test_bad_input_writes_nothing(self, unit, payload, status, field):
        thread = start(unit)
        unit.ok("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": True}, student="staff")
        if payload.get("action_id") == "ACTION":
            payload = {**payload, "action_id": ModerationAction.objects.get().pk}
        code, data = unit.call("undo_moderation", payload, student="staff")
        assert code == status and data["error"]
        if field:
            assert data["field"] == field
        assert Thread.objects.get(pk=thread["id"]).pinned and ModerationAction.objects.count() == 1

    def test_a_reason_too_long_refuses_the_decision_itself(self, unit):
        thread = start(unit)
        status, data = unit.call("moderate_thread", {"thread_id": thread["id"], "state": "pinned", "value": True,
                                                     "reason": "x" * 501}, student="staff")
        assert status == 400 and data["field"] == "reason"
        assert not Thread.objects.get(pk=thread["id"]).pinned and ModerationAction.objects.count() == 0


def test_a_decision_of_another_community_is_unknown_here(unit, db):
    from community_xblock.models import ModerationKind

    thread = start(unit)
    other = Community.objects.create(org="Other", course="X", block_id="elsewhere")
    foreign_thread = Thread.objects.create(community=other, run="r", title="Elsewhere", author_key="x")
    foreign = ModerationAction.objects.create(community=other, kind=ModerationKind.PIN, thread=foreign_thread,
                                              actor_key="x")
    Thread.objects.filter(pk=foreign_thread.pk).update(pinned=True)
    status, data = unit.call("undo_moderation", {"action_id": foreign.pk}, student="staff")
    assert status == 404 and data["error"]
    assert Thread.objects.get(pk=foreign_thread.pk).pinned and thread
