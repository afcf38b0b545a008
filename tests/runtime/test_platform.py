"""Open edX fit: tracking events, completion, user retirement and the learner's own export."""
import json

from community_xblock import tracking
from community_xblock.models import Follow, Keyphrase, Post, Reaction, Thread, Visit
from community_xblock.privacy import on_user_retired


def names(sent):
    return [name for name, _data in sent]


class TestTrackingEvents:
    def test_every_action_publishes_its_forum_event(self, unit):
        created = unit.ok("create_thread", {"kind": "question", "title": "Why green?", "body": "B" * 2500,
                                                 "anonymous": True})
        thread_id = created["thread"]["id"]
        name, data = unit.published[-1]
        assert name == "edx.forum.thread.created"
        assert data["id"] == str(thread_id) and data["title"] == "Why green?"  # ids are strings, as the forum's
        assert data["truncated"] is True and len(data["body"]) == tracking.BODY_LIMIT
        assert data["anonymous_to_peers"] is True
        assert data["commentable_id"] == unit.usage_id == data["discussion"]["id"]

        answer = unit.ok("reply", {"thread_id": thread_id, "body": "It reflects green."}, student="amelie")
        response_id = answer["post"]["id"]
        assert unit.published[-1][0] == "edx.forum.response.created"
        unit.ok("reply", {"thread_id": thread_id, "parent_id": response_id, "body": "Thanks"})
        assert unit.published[-1][0] == "edx.forum.comment.created"
        assert unit.published[-1][1]["response"]["id"] == str(response_id)

        unit.ok("react", {"post_id": response_id, "kind": "helpful"})
        assert names(unit.published)[-2:] == ["edx.community.reaction.added", "edx.forum.response.voted"]
        assert unit.published[-1][1]["vote_value"] == "up" and unit.published[-1][1]["undo_vote"] is False
        assert unit.published[-1][1]["target_username"] == "amelie"
        unit.ok("accept_answer", {"post_id": response_id, "accepted": True})
        assert unit.published[-1][0] == "edx.forum.response.mark" and unit.published[-1][1]["marked"] is True
        unit.ok("flag", {"post_id": response_id}, student="zsofia")
        assert unit.published[-1][0] == "edx.forum.response.reported"
        unit.ok("follow", {"thread_id": thread_id, "active": True}, student="zsofia")
        assert unit.published[-1][0] == "edx.forum.thread.followed"
        unit.ok("get_thread", {"thread_id": thread_id}, student="zsofia")
        assert unit.published[-1][0] == "edx.forum.thread.viewed"
        unit.ok("edit_post", {"post_id": response_id, "body": "Edited"}, student="amelie")
        assert unit.published[-1][0] == "edx.forum.response.edited"
        unit.ok("moderate_thread", {"thread_id": thread_id, "state": "closed", "value": True}, student="staff")
        assert unit.published[-1][0] == "edx.forum.thread.locked"
        unit.ok("moderate_thread", {"thread_id": thread_id, "state": "pinned", "value": True}, student="staff")
        assert unit.published[-1][0] == "edx.community.thread.pinned"
        unit.ok("hide_post", {"post_id": response_id, "hidden": True}, student="staff")
        assert unit.published[-1][0] == "edx.community.response.hidden"
        unit.ok("clear_flags", {"post_id": response_id}, student="staff")
        assert unit.published[-1][0] == "edx.community.flags.cleared"
        unit.ok("delete_post", {"post_id": response_id}, student="staff")
        assert unit.published[-1][0] == "edx.forum.response.deleted"
        assert unit.published[-1][1]["user_forums_roles"] == ["Moderator"]

    def test_refused_actions_publish_nothing(self, unit):
        unit.call("create_thread", {"kind": "question", "title": "x", "body": "y"})
        assert unit.published == []


class TestCompletion:
    def test_excluded_from_unit_completion_by_default(self, unit):
        from xblock.completable import XBlockCompletionMode

        assert unit.block_for("amelie").completion_mode == XBlockCompletionMode.EXCLUDED
        unit.ok("create_thread", {"kind": "discussion", "title": "Hello there", "body": "x"})
        assert unit.completions == {}

    def test_complete_on_first_contribution_when_the_author_asks(self, unit):
        from xblock.completable import XBlockCompletionMode

        unit.configure(complete_on_contribution=True)
        assert unit.block_for("amelie").completion_mode == XBlockCompletionMode.COMPLETABLE
        unit.ok("create_thread", {"kind": "discussion", "title": "Hello there", "body": "x"}, student="amelie")
        assert unit.completions == {unit.user_key("amelie"): 1.0}


class TestPrivacy:
    def test_a_learner_downloads_their_own_posts(self, unit):
        created = unit.ok("create_thread", {"kind": "question", "title": "Mine", "body": "Ez az enyém 🌱"},
                          student="amelie")
        unit.ok("reply", {"thread_id": created["thread"]["id"], "body": "Not mine"}, student="zsofia")
        status, headers, body = unit.download("export_my_posts", student="amelie")
        assert status == 200
        assert "attachment" in headers["Content-Disposition"]
        posts = json.loads(body.decode("utf-8"))
        assert [post["body"] for post in posts] == ["Ez az enyém 🌱"]
        assert posts[0]["thread_title"] == "Mine" and posts[0]["kind"] == "thread"
        assert unit.download("export_my_posts", student="amelie", method="post")[0] == 405

    def test_retirement_blanks_the_person_and_keeps_the_conversation(self, unit):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create(id=4242, username="leaving")
        leaving = unit.student_for(user)
        key = unit.user_key(leaving)
        created = unit.ok("create_thread", {"kind": "question", "title": "My name is Leaving",
                                            "body": "Personal story"}, student=leaving)
        thread_id = created["thread"]["id"]
        unit.ok("reply", {"thread_id": thread_id, "body": "Another learner's answer about chlorophyll"},
                student="amelie")
        response_id = Post.objects.get(thread_id=thread_id, is_opening=False).pk
        unit.ok("react", {"post_id": response_id, "kind": "helpful"}, student=leaving)
        unit.page(student=leaving)

        on_user_retired(sender=None, user=user, retired_username="retired__abc", retired_email="x@retired")

        opening = Post.objects.get(thread_id=thread_id, is_opening=True)
        assert (opening.body, opening.body_html, opening.author_name) == ("", "", "")
        assert opening.author_key != key
        assert Thread.objects.get(pk=thread_id).title == ""
        assert Post.objects.get(pk=response_id).body == "Another learner's answer about chlorophyll"
        assert Post.objects.get(pk=response_id).helpful_count == 1
        assert not Reaction.objects.filter(user_key=key).exists()
        assert not Follow.objects.filter(user_key=key).exists()
        assert not Visit.objects.filter(user_key=key).exists()
        assert not Keyphrase.objects.filter(post=opening).exists()  # derived from their words
        assert Keyphrase.objects.filter(post_id=response_id).exists()
        assert Thread.objects.get(pk=thread_id).follower_count == 0
        html = unit.ok("get_thread", {"thread_id": thread_id}, student="amelie")["html"]
        assert "removed at its author" in html and "Former learner" in html
        assert "Personal story" not in html and "Another learner&#x27;s answer" in html

    def test_the_plugin_connects_the_receiver_to_the_lms_retirement_signal(self):
        from community_xblock.apps import CommunityXBlockConfig

        receivers = CommunityXBlockConfig.plugin_app["signals_config"]["lms.djangoapp"]["receivers"]
        assert receivers[0]["signal_path"].endswith("USER_RETIRE_LMS_MISC")
        from community_xblock import privacy

        config = CommunityXBlockConfig.plugin_app["signals_config"]["lms.djangoapp"]
        assert f"community_xblock.{config['relative_path']}" == privacy.__name__
        assert callable(getattr(privacy, receivers[0]["receiver_func_name"]))
