"""The block's views and JSON handlers, in the real SDK workbench (over Django's test client) and in the
LMS-shaped runtime."""
from community_xblock.models import Anchor, Post, Thread


def start(unit, student="student_1", **fields):
    payload = {"kind": "question", "title": "Why are leaves green?", "body": "Is it the **chlorophyll**?"}
    payload.update(fields)
    return unit.ok("create_thread", payload, student=student)["thread"]


class TestPage:
    def test_the_demo_unit_renders_with_its_components_to_link_to(self, unit):
        html = unit.page()
        assert 'class="cx"' in html
        for name in ("Video: How leaves capture light", "Reading: The Calvin cycle", "Problem: Limiting factors"):
            assert f">{name}</option>" in html
        assert "Which step of photosynthesis surprised you?" in html

    def test_threads_are_server_rendered_in_the_first_page(self, unit):
        start(unit, title="Rendered on the server")
        assert "Rendered on the server" in unit.page(student="amelie")

    def test_the_workbench_index_lists_every_scenario(self, workbench):
        response = workbench.client.get("/")
        assert response.status_code == 200
        assert b"Community: photosynthesis unit (demo)" in response.content

    def test_every_scenario_renders(self, workbench):
        from workbench.scenarios import get_scenarios

        for scenario_id in get_scenarios():
            if scenario_id.startswith("community."):
                assert workbench.client.get(f"/scenario/{scenario_id}/").status_code == 200

    def test_staff_see_moderation_controls_learners_do_not(self, unit):
        thread = start(unit)
        learner = unit.ok("get_thread", {"thread_id": thread["id"]}, student="amelie")["html"]
        staff = unit.ok("get_thread", {"thread_id": thread["id"]}, student="staff")["html"]
        assert 'data-action="moderate"' not in learner
        assert 'data-action="moderate"' in staff
        assert "moderation controls" in unit.page(student="staff")

    def test_static_assets_are_served_from_the_static_package(self, workbench):
        response = workbench.client.get("/resource/community/static/js/community.js")
        assert response.status_code == 200
        assert b"function CommunityXBlock" in response.content
        assert workbench.client.get("/resource/community/setup.py").status_code == 404


class TestConversation:
    def test_post_link_reply_comment_react_accept_follow(self, unit):
        video = unit.component_keys()[0]
        thread = start(unit, component=video)
        assert thread["anchor"]["name"] == "Video: How leaves capture light"
        answer = unit.ok("reply", {"thread_id": thread["id"], "body": "Chlorophyll reflects green."},
                              student="amelie")
        response_id = answer["post"]["id"]
        unit.ok("reply", {"thread_id": thread["id"], "parent_id": response_id, "body": "Thanks!"})
        unit.ok("react", {"post_id": response_id, "kind": "helpful", "active": True})
        detail = unit.ok("accept_answer", {"post_id": response_id, "accepted": True})["thread"]
        assert detail["answered"]
        accepted = detail["responses"][0]
        assert accepted["accepted"] and accepted["comments"][0]["body_html"] == "<p>Thanks!</p>"
        assert {r["kind"]: r["count"] for r in accepted["reactions"]}["helpful"] == 1
        followed = unit.ok("follow", {"thread_id": thread["id"], "active": True}, student="zsofia")
        assert followed["follower_count"] == 2

    def test_list_sorts_and_filters_by_component(self, unit):
        video, reading = unit.component_keys()[:2]
        start(unit, title="About the video", component=video)
        start(unit, title="About the reading", component=reading)
        data = unit.ok("list_threads", {"component": reading})
        assert [t["title"] for t in data["threads"]] == ["About the reading"]
        assert "About the reading" in data["html"]
        assert unit.ok("list_threads", {"sort": "unanswered"})["has_more"] is False

    def test_anonymous_posts_hide_the_author_from_peers_only(self, unit):
        thread = start(unit, anonymous=True)
        peer = unit.ok("get_thread", {"thread_id": thread["id"]}, student="amelie")
        staff = unit.ok("get_thread", {"thread_id": thread["id"]}, student="staff")
        assert peer["thread"]["opening"]["author"]["name"] is None
        assert "student_1" not in peer["html"]
        assert staff["thread"]["opening"]["author"]["name"] == "student_1"

    def test_edit_and_delete_own_post(self, unit):
        thread = start(unit)
        post_id = thread_opening(unit, thread)
        edited = unit.ok("edit_post", {"post_id": post_id, "body": "Edited *text*", "title": "Edited title"})
        assert edited["thread"]["title"] == "Edited title"
        assert unit.ok("delete_post", {"post_id": post_id}) == {"thread_deleted": thread["id"]}
        assert Thread.objects.get(pk=thread["id"]).deleted

    def test_staff_moderate(self, unit):
        thread = start(unit)
        for state in ("pinned", "closed", "hidden"):
            unit.ok("moderate_thread", {"thread_id": thread["id"], "state": state, "value": True},
                         student="staff")
        row = Thread.objects.get(pk=thread["id"])
        assert row.pinned and row.closed and row.hidden
        assert unit.ok("list_threads", {}, student="amelie")["threads"] == []

    def test_flag_then_staff_review(self, unit):
        thread = start(unit)
        post_id = thread_opening(unit, thread)
        unit.ok("flag", {"post_id": post_id, "reason": "off topic", "active": True}, student="amelie")
        flagged = unit.ok("list_threads", {"show": "flagged"}, student="staff")["threads"]
        assert flagged[0]["flag_count"] == 1
        unit.ok("clear_flags", {"post_id": post_id}, student="staff")
        assert Post.objects.get(pk=post_id).flag_count == 0

    def test_a_deleted_response_takes_its_comments_flags_with_it(self, unit):
        thread = start(unit)
        response = unit.ok("reply", {"thread_id": thread["id"], "body": "Chlorophyll reflects green."},
                           student="amelie")["post"]
        comment = unit.ok("reply", {"thread_id": thread["id"], "parent_id": response["id"], "body": "Spam!"},
                          student="zsofia")["post"]
        unit.ok("flag", {"post_id": comment["id"], "reason": "spam", "active": True}, student="amelie")
        assert unit.ok("list_threads", {"show": "flagged"}, student="staff")["threads"][0]["flag_count"] == 1
        unit.ok("delete_post", {"post_id": response["id"]}, student="staff")
        assert unit.ok("list_threads", {"show": "flagged"}, student="staff")["threads"] == []
        assert Thread.objects.get(pk=thread["id"]).flag_count == 0
        # The comment went with its response: there is nothing left to review.
        status, data = unit.call("clear_flags", {"post_id": comment["id"]}, student="staff")
        assert status == 404 and data["error"]

    def test_an_active_learner_keeps_the_marks_of_her_visit(self, unit):
        from datetime import timedelta

        from django.utils import timezone

        from community_xblock.models import Visit

        unit.page(student="amelie")
        Visit.objects.filter(user_key=unit.user_key("amelie")).update(seen_at=timezone.now() - timedelta(days=1))
        start(unit, title="Written while amelie was away")
        for _ in range(3):  # she keeps reading: the mark stays for the whole visit
            assert "cx-is-new" in unit.page(student="amelie")
            Visit.objects.filter(user_key=unit.user_key("amelie")).update(
                seen_at=timezone.now() - timedelta(minutes=5))

    def test_new_since_last_visit(self, unit):
        from datetime import timedelta

        from django.utils import timezone

        from community_xblock.models import Visit

        unit.page(student="amelie")
        Visit.objects.filter(user_key=unit.user_key("amelie")).update(seen_at=timezone.now() - timedelta(days=1))
        start(unit, title="Written while amelie was away")
        html = unit.page(student="amelie")
        assert "cx-is-new" in html


def thread_opening(unit, thread):
    return unit.ok("get_thread", {"thread_id": thread["id"]})["thread"]["opening"]["id"]


def test_a_removed_component_keeps_its_threads(unit):
    video = unit.component_keys()[0]
    thread = start(unit, component=video)
    Anchor.objects.filter(usage_key=video).update(usage_key="block-that-left-the-course")
    detail = unit.ok("get_thread", {"thread_id": thread["id"]})
    assert detail["thread"]["anchor"]["removed"]
    listed = unit.ok("list_threads", {})["html"]
    assert "About removed content: Video: How leaves capture light" in listed
    assert "(removed)" in unit.page()


def test_staff_code_is_sent_to_staff_only(unit):
    learner, staff = unit.page(student="amelie"), unit.page(student="staff")
    for part in ("parts.moderation", "parts.evaluation", "parts.watchlist"):
        assert part not in learner and part in staff
    for part in ("parts.list", "parts.thread", "parts.composer"):
        assert part in learner and part in staff
