"""The review queue: scored flags, posts hidden pending review, staff decisions and the records they move."""
import pytest

from community_xblock.aggregates.rebuild import differences
from community_xblock.models import (
    Community,
    CourseFlagHistory,
    Flag,
    FlaggerRecord,
    ModerationAction,
    Post,
    Thread,
)
from community_xblock.moderation import queue

FLAGGERS = ("student_1", "zsofia", "amelie")


def reply_to_flag(unit, author="amelie"):
    thread = unit.ok("create_thread", {"kind": "question", "title": "Why are leaves green?",
                                       "body": "Is it the chlorophyll?"}, student="student_1")["thread"]
    reply = unit.ok("reply", {"thread_id": thread["id"], "body": "Buy cheap essays at example.com"},
                    student=author)["post"]
    return thread, reply


def flag(unit, post_id, student, reason="spam", active=True):
    return unit.ok("flag", {"post_id": post_id, "reason": reason, "active": active}, student=student)


def review(unit, **kwargs):
    return unit.ok("review_queue", {}, student="staff", **kwargs)


def decide(unit, post_id, decision):
    return unit.ok("decide_flags", {"post_id": post_id, "decision": decision}, student="staff")


def record(student_key):
    row = FlaggerRecord.objects.filter(user_key=student_key).values("agreed", "disagreed", "upheld_against").first()
    return row or {"agreed": 0, "disagreed": 0, "upheld_against": 0}


def sees(unit, thread_id, post_id, student="bence"):
    posts = unit.ok("get_thread", {"thread_id": thread_id}, student=student)["thread"]["responses"]
    return any(post["id"] == post_id for post in posts)


def no_drift():
    for community in Community.objects.all():
        assert not differences(community)


class TestScoresAndHolds:
    def test_three_plain_flags_hide_a_post_pending_review_and_the_queue_explains_it(self, unit):
        thread, reply = reply_to_flag(unit)
        for student in FLAGGERS[:2]:
            flag(unit, reply["id"], student)
        assert sees(unit, thread["id"], reply["id"])
        flag(unit, reply["id"], "bence")
        post = Post.objects.get(pk=reply["id"])
        assert post.hidden and post.held_for_review and post.flag_score == 3
        assert not sees(unit, thread["id"], reply["id"], student="zsofia")
        [item] = review(unit)["queue"]["items"]
        assert item["held"] and item["score"] == 3 and item["threshold"] == 3
        assert item["thread_title"] == "Why are leaves green?" and "example.com" in item["excerpt"]
        assert [entry["explained"] for entry in item["flags"]] == [
            "A learner's flag: 1.0 × role ×1.0 × track record ×1.0 = 1.0"] * 3
        assert "visible posts" in item["author_history"]
        hold = ModerationAction.objects.get(kind="hold_post")
        assert hold.actor_key == "" and hold.detail == {"reason": "flags", "score": 3.0, "threshold": 3.0}
        log = unit.ok("moderation_log", {}, student="staff")
        assert log["decisions"][0]["actor"] == "" and "by the review queue" in log["html"]
        no_drift()

    def test_flags_on_an_opening_post_hide_the_conversation_and_the_last_flagger_is_told(self, unit):
        thread, _reply = reply_to_flag(unit)
        opening = Thread.objects.get(pk=thread["id"]).opening_post_id
        for student in ("zsofia", "amelie"):
            assert "html" in flag(unit, opening, student)
        assert flag(unit, opening, "bence") == {"thread_hidden": thread["id"]}
        assert Thread.objects.get(pk=thread["id"]).hidden
        assert unit.ok("list_threads", {}, student="zsofia")["threads"] == []
        decide(unit, opening, "disagreed")
        assert [item["id"] for item in unit.ok("list_threads", {}, student="zsofia")["threads"]] == [thread["id"]]
        no_drift()

    def test_a_withdrawal_under_the_threshold_shows_the_post_again(self, unit):
        thread, reply = reply_to_flag(unit)
        for student in (*FLAGGERS[:2], "staff"):
            flag(unit, reply["id"], student)
        assert Post.objects.get(pk=reply["id"]).held_for_review
        # A learner no longer sees the held post (so cannot withdraw); a staff member withdraws theirs.
        status, _data = unit.call("flag", {"post_id": reply["id"], "active": False}, student="zsofia")
        assert status == 404
        flag(unit, reply["id"], "staff", active=False)
        post = Post.objects.get(pk=reply["id"])
        assert not post.hidden and not post.held_for_review and post.flag_score == 2
        assert sees(unit, thread["id"], reply["id"])
        no_drift()

    def test_the_course_teams_flags_count_double_and_records_weigh_in(self, unit):
        _thread, reply = reply_to_flag(unit)
        FlaggerRecord.objects.create(org="x", course="y", user_key="unrelated", agreed=9)
        community = Community.objects.get()
        FlaggerRecord.objects.create(org=community.org, course=community.course,
                                     user_key=unit.user_key("zsofia"), agreed=3)
        FlaggerRecord.objects.create(org=community.org, course=community.course,
                                     user_key=unit.user_key("student_1"), disagreed=3)
        flag(unit, reply["id"], "zsofia")
        flag(unit, reply["id"], "student_1")
        weights = dict(Flag.objects.values_list("user_key", "weight"))
        assert weights == {unit.user_key("zsofia"): 1.6, unit.user_key("student_1"): 0.4}
        explained = [entry["explained"] for entry in review(unit)["queue"]["items"][0]["flags"]]
        assert explained[0].endswith("track record ×1.6 = 1.6") and explained[1].endswith("×0.4 = 0.4")
        flag(unit, reply["id"], "staff")  # 1.6 + 0.4 + 2.0: over the threshold
        assert Flag.objects.get(by_staff=True).weight == 2 and Post.objects.get(pk=reply["id"]).held_for_review

    def test_the_threshold_follows_the_courses_history(self, unit):
        _thread, reply = reply_to_flag(unit)
        community = Community.objects.get()
        CourseFlagHistory.objects.create(org=community.org, course=community.course, agreed=10, disagreed=0)
        assert queue.threshold(community).value == 1.5
        assert "staff agreed with 10 of the course's 10 decided flags" in review(unit)["queue"]["threshold_explained"]
        flag(unit, reply["id"], "zsofia")
        flag(unit, reply["id"], "student_1")
        assert Post.objects.get(pk=reply["id"]).held_for_review
        CourseFlagHistory.objects.update(agreed=2, disagreed=8)
        assert queue.threshold(community).value == 3.9


class TestDecisions:
    def held(self, unit):
        thread, reply = reply_to_flag(unit)
        for student in (*FLAGGERS[:2], "bence"):
            flag(unit, reply["id"], student)
        return thread, reply

    def test_agreeing_keeps_the_post_hidden_and_credits_the_flaggers(self, unit):
        thread, reply = self.held(unit)
        answer = decide(unit, reply["id"], "agreed")
        assert answer["queue"]["items"] == [] and answer["button"] == "Review queue (0 posts)"
        post = Post.objects.get(pk=reply["id"])
        assert post.hidden and not post.held_for_review and post.flag_count == 0 and post.flag_score == 0
        assert record(unit.user_key("zsofia")) == {"agreed": 1, "disagreed": 0, "upheld_against": 0}
        assert record(unit.user_key("amelie"))["upheld_against"] == 1
        assert CourseFlagHistory.objects.values_list("agreed", "disagreed").get() == (3, 0)
        assert Thread.objects.get(pk=thread["id"]).flag_count == 0
        no_drift()

    def test_disagreeing_shows_the_post_and_counts_against_the_flaggers(self, unit):
        thread, reply = self.held(unit)
        decide(unit, reply["id"], "disagreed")
        assert sees(unit, thread["id"], reply["id"])
        assert record(unit.user_key("bence")) == {"agreed": 0, "disagreed": 1, "upheld_against": 0}
        assert record(unit.user_key("amelie"))["upheld_against"] == 0
        no_drift()

    def test_ignoring_shows_a_held_post_and_moves_no_record(self, unit):
        thread, reply = self.held(unit)
        decide(unit, reply["id"], "ignored")
        assert sees(unit, thread["id"], reply["id"]) and not FlaggerRecord.objects.exists()
        # Decided flags stay decided: flagging again adds nothing, withdrawing removes nothing.
        flag(unit, reply["id"], "zsofia")
        flag(unit, reply["id"], "zsofia", active=False)
        assert Flag.objects.filter(decision="ignored").count() == 3 and Post.objects.get(pk=reply["id"]).flag_count == 0

    def test_undoing_a_decision_reopens_the_same_flags_and_takes_back_the_records(self, unit):
        thread, reply = self.held(unit)
        decide(unit, reply["id"], "agreed")
        decision = ModerationAction.objects.get(kind="agree_flags")
        unit.ok("undo_moderation", {"action_id": decision.pk}, student="staff")
        post = Post.objects.get(pk=reply["id"])
        assert post.hidden and post.held_for_review and post.flag_count == 3 and post.flag_score == 3
        assert record(unit.user_key("zsofia"))["agreed"] == 0 and record(unit.user_key("amelie"))["upheld_against"] == 0
        assert CourseFlagHistory.objects.values_list("agreed", "disagreed").get() == (0, 0)
        decide(unit, reply["id"], "disagreed")
        disagreement = ModerationAction.objects.get(kind="disagree_flags")
        unit.ok("undo_moderation", {"action_id": disagreement.pk}, student="staff")
        assert Post.objects.get(pk=reply["id"]).hidden and not sees(unit, thread["id"], reply["id"])
        no_drift()

    def test_the_queue_is_listed_heaviest_first(self, unit):
        thread, light = reply_to_flag(unit)
        heavy = unit.ok("reply", {"thread_id": thread["id"], "body": "Another spam"}, student="bence")["post"]
        flag(unit, light["id"], "zsofia")
        flag(unit, heavy["id"], "zsofia")
        flag(unit, heavy["id"], "staff")
        assert [item["post_id"] for item in review(unit)["queue"]["items"]] == [heavy["id"], light["id"]]
        assert "Review queue (2 posts)" in unit.page(student="staff")

    @pytest.mark.parametrize(("language", "text", "explained"), [
        ("fr", "File de modération", "Signalement d’un apprenant : 1,0 × rôle ×1,0 × historique ×1,0 = 1,0"),
        ("hu", "Moderálási sor", "Egy tanuló jelzése: 1,0 × szerep ×1,0 × előzmények ×1,0 = 1,0"),
    ])
    def test_the_queue_speaks_the_viewers_language(self, unit, language, text, explained):
        self.held(unit)
        page = review(unit, language=language)
        assert text in page["html"] and page["queue"]["items"][0]["flags"][0]["explained"] == explained


class TestUndoChains:
    def held(self, unit):
        thread, reply = reply_to_flag(unit)
        for student in (*FLAGGERS[:2], "bence"):
            flag(unit, reply["id"], student)
        return thread, reply

    def test_a_hold_decided_since_cannot_be_undone_and_the_decision_undoes_back_to_held(self, unit):
        _thread, reply = self.held(unit)
        decide(unit, reply["id"], "agreed")
        hold = ModerationAction.objects.get(kind="hold_post")
        status, data = unit.call("undo_moderation", {"action_id": hold.pk}, student="staff")
        assert status == 409 and Post.objects.get(pk=reply["id"]).hidden
        unit.ok("undo_moderation", {"action_id": ModerationAction.objects.get(kind="agree_flags").pk},
                student="staff")
        post = Post.objects.get(pk=reply["id"])
        assert post.hidden and post.held_for_review and post.held_reason == "flags"
        no_drift()

    def test_showing_a_held_post_by_hand_takes_it_out_of_the_hold(self, unit):
        thread, reply = self.held(unit)
        unit.ok("hide_post", {"post_id": reply["id"], "hidden": False}, student="staff")
        post = Post.objects.get(pk=reply["id"])
        assert not post.hidden and not post.held_for_review and post.flag_count == 3
        [item] = review(unit)["queue"]["items"]
        assert not item["held"] and item["flagged"]  # its flags still wait for a decision
        assert sees(unit, thread["id"], reply["id"])
        no_drift()

    def test_the_queue_leaves_out_what_went_with_a_deleted_response(self, unit):
        thread, reply = reply_to_flag(unit)
        comment = unit.ok("reply", {"thread_id": thread["id"], "parent_id": reply["id"], "body": "Spam too"},
                          student="bence")["post"]
        flag(unit, comment["id"], "zsofia")
        unit.ok("delete_post", {"post_id": reply["id"]}, student="staff")
        assert review(unit)["queue"]["items"] == [] and review(unit)["queue"]["pending"] == 0


class TestRefused:
    def test_choices_that_are_not_text_are_refused(self, unit):
        _thread, reply = reply_to_flag(unit)
        flag(unit, reply["id"], "zsofia")
        for decision in (["agreed"], {"x": 1}, 1, True):
            status, data = unit.call("decide_flags", {"post_id": reply["id"], "decision": decision},
                                     student="staff")
            assert status == 400 and data["field"] == "decision", decision
        assert Flag.objects.get().decision is None


    def test_learners_neither_see_the_queue_nor_decide(self, unit):
        _thread, reply = reply_to_flag(unit)
        flag(unit, reply["id"], "zsofia")
        for handler, payload in (("review_queue", {}), ("decide_flags", {"post_id": reply["id"],
                                                                          "decision": "agreed"})):
            status, data = unit.call(handler, payload, student="zsofia")
            assert status == 403 and data["error"], handler
        assert Flag.objects.get().decision is None and not FlaggerRecord.objects.exists()

    @pytest.mark.parametrize(("payload", "status", "field"), [
        ({"decision": "agreed"}, 400, "post_id"), ({"post_id": "POST"}, 400, "decision"),
        ({"post_id": "POST", "decision": "delete"}, 400, "decision"),
        ({"post_id": 999_999, "decision": "agreed"}, 404, None),
        ({"post_id": "POST", "decision": "agreed", "reason": "x" * 501}, 400, "reason"),
    ])
    def test_bad_input_decides_nothing(self, unit, payload, status, field):
        _thread, reply = reply_to_flag(unit)
        flag(unit, reply["id"], "zsofia")
        payload = {key: reply["id"] if value == "POST" else value for key, value in payload.items()}
        code, data = unit.call("decide_flags", payload, student="staff")
        assert code == status and data["error"], data
        if field:
            assert data["field"] == field
        assert Flag.objects.get().decision is None and ModerationAction.objects.count() == 0

    def test_nothing_left_to_decide(self, unit):
        _thread, reply = reply_to_flag(unit)
        flag(unit, reply["id"], "zsofia")
        decide(unit, reply["id"], "ignored")
        status, data = unit.call("decide_flags", {"post_id": reply["id"], "decision": "agreed"}, student="staff")
        assert status == 409 and "nothing to decide" in data["error"]
