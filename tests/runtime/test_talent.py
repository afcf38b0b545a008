"""The talent detector through the block's handlers, in the SDK workbench and the LMS-shaped runtime: staff see
candidates with reasons, promote (the badge then shows in every unit of the course), dismiss, snooze and
spotlight; learners endorse a peer and may leave the suggestions; who may do what; bad input; the expert's view
of questions waiting for them."""
from datetime import timedelta

import pytest
from django.utils import timezone

from community_xblock.conversations import threads
from community_xblock.core.lookups import space_for
from community_xblock.insights.talent import decisions
from community_xblock.models import CandidateDecision, CommunityExpert, Endorsement, Post, TalentOptOut, Thread
from community_xblock.platform.identity import Viewer
from tests.lms.harness import ANONYMOUS

ASKERS = ("zsofia", "student_1", "learner8")


def key(student):
    """A person's user key as the runtime gave it (the platform's user id in the LMS, the student id in the
    workbench): what the staff panel's buttons send."""
    return Post.objects.filter(author_name=student).values_list("author_key", flat=True).first()


def expert_candidate(unit, expert="amelie"):
    """Three questions answered by ``expert``, each found helpful and thanked by its asker."""
    answers = []
    for asker in ASKERS:
        question = unit.ok("create_thread", {"kind": "question", "title": f"How, {asker}?",
                                             "body": "How does the second step work?"}, student=asker)["thread"]["id"]
        answer = unit.ok("reply", {"thread_id": question, "body": "Divide both sides first."}, student=expert)
        unit.ok("react", {"post_id": answer["post"]["id"], "kind": "helpful"}, student=asker)
        unit.ok("reply", {"thread_id": question, "parent_id": answer["post"]["id"], "body": "Thanks, that helped!"},
                student=asker)
        answers.append(answer["post"]["id"])
    return answers


def test_staff_see_the_candidate_with_reasons_and_promote_her_badge_shows_in_another_unit(unit):
    answers = expert_candidate(unit)
    panel = unit.ok("talent", {}, student="staff")
    assert "amelie" in panel["html"] and "Answered 3 questions of 3 other learners" in panel["html"]
    assert panel["button"] == "Talent (1 candidate)"
    promoted = unit.ok("promote_expert", {"user_key": key("amelie")}, student="staff")
    assert "Take the badge back" in promoted["html"] and promoted["button"] == "Talent (0 candidates)"
    thread = unit.ok("get_thread", {"thread_id": Thread.objects.get(title="How, zsofia?").pk}, student="zsofia")
    assert "Community expert" in thread["html"] and "cx-by-expert" in thread["html"]
    # Another unit of the same course: her badge follows her.
    other = unit.ok("create_thread", {"kind": "question", "title": "Elsewhere", "body": "A question?"},
                    student="zsofia", usage_id=unit.other_usage_id)["thread"]["id"]
    unit.ok("reply", {"thread_id": other, "body": "Here is how."}, student="amelie", usage_id=unit.other_usage_id)
    elsewhere = unit.ok("get_thread", {"thread_id": other}, student="zsofia", usage_id=unit.other_usage_id)
    assert "Community expert" in elsewhere["html"]
    assert answers


def test_dismissed_and_snoozed_candidates_leave_the_list(unit):
    expert_candidate(unit)
    dismissed = unit.ok("decide_candidate", {"user_key": key("amelie"), "role": "expert", "decision": "dismissed"},
                        student="staff")
    assert dismissed["html"].count("cx-candidate-expert") == 1  # still suggested course-wide
    decision = CandidateDecision.objects.get()
    assert (decision.decision, decision.until) == ("dismissed", None)
    for course_wide in (False, True):
        snoozed = unit.ok("decide_candidate", {"user_key": key("amelie"), "role": "expert", "decision": "snoozed",
                                               "course_wide": course_wide}, student="staff")
    assert "amelie" not in snoozed["html"]
    assert all(decision.until > timezone.now() + timedelta(days=decisions.SNOOZE_DAYS - 1)
               for decision in CandidateDecision.objects.all())
    CandidateDecision.objects.update(until=timezone.now() - timedelta(minutes=1))  # the snooze is over
    assert "amelie" in unit.ok("talent", {}, student="staff")["html"]


def test_a_spotlight_is_a_pinned_shout_out_from_the_course_team(unit):
    expert_candidate(unit)
    unit.ok("spotlight", {"user_key": key("amelie"), "title": "Thank you Amelie", "body": "**Three** great answers."},
            student="staff")
    spotlight = Thread.objects.get(title="Thank you Amelie")
    assert spotlight.pinned and "<strong>Three</strong>" in spotlight.opening_post.body_html


def test_a_learner_endorses_a_peer_once_and_can_take_it_back(unit):
    answers = expert_candidate(unit)
    for _ in range(2):
        html = unit.ok("endorse", {"post_id": answers[0], "active": True}, student="student_1")["html"]
    assert Endorsement.objects.filter(person_key=key("amelie")).count() == 1
    assert 'data-action="endorse"' in html and 'aria-pressed="true"' in html
    unit.ok("endorse", {"post_id": answers[0], "active": False}, student="student_1")
    assert not Endorsement.objects.exists()


def test_enough_endorsements_put_someone_in_the_queue(unit):
    opening = unit.ok("create_thread", {"kind": "discussion", "title": "My notes", "body": "Notes on the video."},
                      student="amelie")["thread"]
    post_id = Thread.objects.get(pk=opening["id"]).opening_post_id
    for student in ASKERS:
        unit.ok("endorse", {"post_id": post_id}, student=student)
    html = unit.ok("talent", {}, student="staff")["html"]
    assert "amelie" in html and "3 peers say they know this topic." in html


def test_a_learner_may_leave_the_suggestions_and_decline_the_badge(unit):
    expert_candidate(unit)
    unit.ok("promote_expert", {"user_key": key("amelie")}, student="staff")
    assert unit.ok("leave_suggestions", {"active": True}, student="amelie") == {"expert": False, "left": True}
    assert not CommunityExpert.objects.exists() and TalentOptOut.objects.count() == 1
    assert "amelie" not in unit.ok("talent", {}, student="staff")["html"]
    status, data = unit.call("promote_expert", {"user_key": key("amelie")}, student="staff")
    assert status == 409 and data["error"] == "This learner declined the badge and left the suggestions."
    assert unit.ok("leave_suggestions", {"active": False}, student="amelie")["left"] is False
    assert "amelie" in unit.ok("talent", {}, student="staff")["html"]


def test_an_expert_sees_the_questions_waiting_for_one(unit):
    expert_candidate(unit)
    unit.ok("promote_expert", {"user_key": key("amelie")}, student="staff")
    space = space_for(unit.block_for("staff").community_key)
    threads.start_thread(space, Viewer("old", "old"), kind="question", title="Nobody answered me",
                         body="How?", now=timezone.now() - timedelta(hours=13))
    threads.start_thread(space, Viewer("new", "new"), kind="question", title="Just asked", body="How?")
    page = unit.page("amelie")
    assert "You are a community expert of this course" in page and "Nobody answered me" in page
    assert "Just asked" not in page.split("cx-expert-space")[1].split("</section>")[0]
    assert "You are a community expert" not in unit.page("zsofia")


def with_keys(payload):
    return {name: key("amelie") if value == "AMELIE" else value for name, value in payload.items()}


class TestAccess:
    STAFF_ONLY = [
        ("talent", {}),
        ("promote_expert", {"user_key": "AMELIE"}),
        ("remove_expert", {"user_key": "AMELIE"}),
        ("decide_candidate", {"user_key": "AMELIE", "role": "expert", "decision": "dismissed"}),
        ("spotlight", {"user_key": "AMELIE", "title": "Well done", "body": "Yes."}),
    ]

    @pytest.mark.parametrize(("handler", "payload"), STAFF_ONLY)
    def test_learners_cannot_use_the_staff_actions(self, unit, handler, payload):
        expert_candidate(unit)
        payload = with_keys(payload)
        status, _data = unit.call(handler, payload, student="zsofia")
        assert status == 403
        assert not (CommunityExpert.objects.exists() or CandidateDecision.objects.exists()
                    or Thread.objects.filter(title="Well done").exists())

    @pytest.mark.parametrize(("handler", "payload"), [*STAFF_ONLY[1:], ("endorse", {"post_id": "ANSWER"}),
                                                      ("leave_suggestions", {"active": True})])
    def test_nobody_signed_out_writes(self, lms, handler, payload):
        """Signed out (the LMS's AnonymousUser: the workbench always has a student)."""
        answers = expert_candidate(lms)
        payload = {name: answers[0] if value == "ANSWER" else value for name, value in with_keys(payload).items()}
        status, _data = lms.call(handler, payload, student=ANONYMOUS)
        assert status == 403
        assert not (CommunityExpert.objects.exists() or Endorsement.objects.exists()
                    or TalentOptOut.objects.exists())

    @pytest.mark.parametrize(("handler", "payload", "status", "message"), [
        ("promote_expert", {"user_key": "nobody-here"}, 404, "No such learner in this course."),
        ("promote_expert", {"user_key": "staff"}, 404, "No such learner in this course."),
        ("promote_expert", {}, 400, "Learner is required."),
        ("promote_expert", {"user_key": "a" * 300}, 400, None),
        ("remove_expert", {"user_key": "AMELIE"}, 404, "This learner is not a community expert."),
        ("decide_candidate", {"user_key": "AMELIE", "role": "guru", "decision": "dismissed"}, 400, None),
        ("decide_candidate", {"user_key": "AMELIE", "role": "expert", "decision": "promoted"}, 400, None),
        ("spotlight", {"user_key": "AMELIE", "title": "x", "body": "Yes."}, 400, None),
        ("spotlight", {"user_key": "AMELIE", "title": "Well done", "body": "<script>alert(1)</script>"}, 400, None),
    ])
    def test_bad_staff_input_is_refused_and_writes_nothing(self, unit, handler, payload, status, message):
        expert_candidate(unit)
        unit.ok("reply", {"thread_id": Thread.objects.first().pk, "body": "From the team."}, student="staff")
        answer_status, data = unit.call(handler, with_keys(payload), student="staff")
        assert answer_status == status, data
        assert message is None or data["error"] == message
        assert not (CommunityExpert.objects.exists() or CandidateDecision.objects.exists()
                    or Thread.objects.filter(title="Well done").exists())

    def test_endorsements_are_refused_for_oneself_anonymous_posts_and_other_communities(self, unit):
        answers = expert_candidate(unit)
        status, data = unit.call("endorse", {"post_id": answers[0]}, student="amelie")
        assert status == 403 and data["error"] == "You cannot endorse yourself."
        anonymous = unit.ok("create_thread", {"kind": "discussion", "title": "Secret", "body": "Shh.",
                                              "anonymous": True}, student="amelie")["thread"]["id"]
        status, data = unit.call("endorse", {"post_id": Thread.objects.get(pk=anonymous).opening_post_id},
                                 student="zsofia")
        assert status == 400 and data["error"] == "Only a learner who posts under their name can be endorsed."
        status, _data = unit.call("endorse", {"post_id": answers[0]}, student="zsofia", usage_id=unit.other_usage_id)
        assert status == 404
        status, _data = unit.call("endorse", {"post_id": 10**12}, student="zsofia")
        assert status == 404
        assert not Endorsement.objects.exists()

    def test_endorsements_are_rate_limited(self, unit):
        space = space_for(unit.block_for("staff").community_key)
        posts = [threads.start_thread(space, Viewer(f"p{number}", f"p{number}"), kind="discussion",
                                      title=f"Notes {number}", body="Notes.").opening_post_id
                 for number in range(decisions.ENDORSEMENT_LIMIT + 1)]
        for post_id in posts[:-1]:
            unit.ok("endorse", {"post_id": post_id}, student="zsofia")
        status, data = unit.call("endorse", {"post_id": posts[-1]}, student="zsofia")
        assert status == 429 and "try again tomorrow" in data["error"]
        assert Endorsement.objects.count() == decisions.ENDORSEMENT_LIMIT


def test_the_candidates_export_is_pseudonymous_unless_staff_ask_for_names(unit):
    expert_candidate(unit)
    status, headers, body = unit.download("export_evaluation", "format=candidates")
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="community-candidates.csv"'
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "author,role,unit,rank,score,promoted,reasons,post_ids"
    assert len(lines) == 3 and all(line.startswith("learner-") for line in lines[1:])  # this unit, course-wide
    assert "amelie" not in body.decode("utf-8")
    _status, _headers, named = unit.download("export_evaluation", "format=candidates&identified=1")
    assert named.decode("utf-8").splitlines()[1].startswith("amelie,expert,")
    status, _headers, _body = unit.download("export_evaluation", "format=candidates", student="zsofia")
    assert status == 403
