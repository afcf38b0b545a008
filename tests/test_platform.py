"""Open edX fit: tracking events, completion, user retirement and the learner's own export."""
import json

import pytest

from community_xblock import events
from community_xblock.models import Follow, Keyphrase, Post, Reaction, Thread, Visit
from community_xblock.retirement import on_user_retired


@pytest.fixture
def published(monkeypatch):
    """What the block hands to ``runtime.publish`` (the workbench only logs it)."""
    from workbench.runtime import WorkbenchRuntime

    sent = []
    original = WorkbenchRuntime.publish

    def spy(runtime, block, name, data):
        sent.append((name, data))
        return original(runtime, block, name, data)

    monkeypatch.setattr(WorkbenchRuntime, "publish", spy)
    return sent


def names(sent):
    return [name for name, _data in sent]


class TestTrackingEvents:
    def test_every_action_publishes_its_forum_event(self, workbench, published):
        created = workbench.ok("create_thread", {"kind": "question", "title": "Why green?", "body": "B" * 2500,
                                                 "anonymous": True})
        thread_id = created["thread"]["id"]
        name, data = published[-1]
        assert name == "edx.forum.thread.created"
        assert data["id"] == thread_id and data["title"] == "Why green?"
        assert data["truncated"] is True and len(data["body"]) == events.BODY_LIMIT
        assert data["anonymous_to_peers"] is True
        assert data["commentable_id"] == workbench.usage_id == data["discussion"]["id"]

        answer = workbench.ok("reply", {"thread_id": thread_id, "body": "It reflects green."}, student="amelie")
        response_id = answer["post"]["id"]
        assert published[-1][0] == "edx.forum.response.created"
        workbench.ok("reply", {"thread_id": thread_id, "parent_id": response_id, "body": "Thanks"})
        assert published[-1][0] == "edx.forum.comment.created"
        assert published[-1][1]["response"]["id"] == response_id

        workbench.ok("react", {"post_id": response_id, "kind": "helpful"})
        assert names(published)[-2:] == ["edx.community.reaction.added", "edx.forum.response.voted"]
        assert published[-1][1]["vote_value"] == "up" and published[-1][1]["undo_vote"] is False
        assert published[-1][1]["target_username"] == "amelie"
        workbench.ok("accept_answer", {"post_id": response_id, "accepted": True})
        assert published[-1][0] == "edx.forum.response.mark" and published[-1][1]["marked"] is True
        workbench.ok("flag", {"post_id": response_id}, student="zsofia")
        assert published[-1][0] == "edx.forum.response.reported"
        workbench.ok("follow", {"thread_id": thread_id, "active": True}, student="zsofia")
        assert published[-1][0] == "edx.forum.thread.followed"
        workbench.ok("get_thread", {"thread_id": thread_id}, student="zsofia")
        assert published[-1][0] == "edx.forum.thread.viewed"
        workbench.ok("edit_post", {"post_id": response_id, "body": "Edited"}, student="amelie")
        assert published[-1][0] == "edx.forum.response.edited"
        workbench.ok("moderate_thread", {"thread_id": thread_id, "state": "closed", "value": True}, student="staff")
        assert published[-1][0] == "edx.forum.thread.locked"
        workbench.ok("moderate_thread", {"thread_id": thread_id, "state": "pinned", "value": True}, student="staff")
        assert published[-1][0] == "edx.community.thread.pinned"
        workbench.ok("hide_post", {"post_id": response_id, "hidden": True}, student="staff")
        assert published[-1][0] == "edx.community.response.hidden"
        workbench.ok("clear_flags", {"post_id": response_id}, student="staff")
        assert published[-1][0] == "edx.community.flags.cleared"
        workbench.ok("delete_post", {"post_id": response_id}, student="staff")
        assert published[-1][0] == "edx.forum.response.deleted"
        assert published[-1][1]["user_forums_roles"] == ["Moderator"]

    def test_refused_actions_publish_nothing(self, workbench, published):
        workbench.call("create_thread", {"kind": "question", "title": "x", "body": "y"})
        assert published == []


class TestCompletion:
    def test_excluded_from_unit_completion_by_default(self, workbench, published):
        from xblock.completable import XBlockCompletionMode

        assert workbench.block.completion_mode == XBlockCompletionMode.EXCLUDED
        workbench.ok("create_thread", {"kind": "discussion", "title": "Hello there", "body": "x"})
        assert "completion" not in names(published)

    def test_complete_on_first_contribution_when_the_author_asks(self, workbench, published):
        from workbench.runtime import WorkbenchRuntime
        from xblock.completable import XBlockCompletionMode

        workbench.ok("save_settings", {"complete_on_contribution": True}, student="staff")
        block = WorkbenchRuntime("amelie").get_block(workbench.usage_id)
        assert block.completion_mode == XBlockCompletionMode.COMPLETABLE
        workbench.ok("create_thread", {"kind": "discussion", "title": "Hello there", "body": "x"}, student="amelie")
        assert ("completion", {"completion": 1.0}) in published


class TestPrivacy:
    def test_a_learner_downloads_their_own_posts(self, workbench):
        created = workbench.ok("create_thread", {"kind": "question", "title": "Mine", "body": "Ez az enyém 🌱"},
                               student="amelie")
        workbench.ok("reply", {"thread_id": created["thread"]["id"], "body": "Not mine"}, student="zsofia")
        response = workbench.client.get(f"/handler/{workbench.usage_id}/export_my_posts/?student=amelie")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        posts = json.loads(response.content.decode("utf-8"))
        assert [post["body"] for post in posts] == ["Ez az enyém 🌱"]
        assert posts[0]["thread_title"] == "Mine" and posts[0]["kind"] == "thread"
        assert workbench.client.post(f"/handler/{workbench.usage_id}/export_my_posts/?student=amelie").status_code \
            == 405

    def test_retirement_blanks_the_person_and_keeps_the_conversation(self, workbench):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create(id=4242, username="leaving")
        created = workbench.ok("create_thread", {"kind": "question", "title": "My name is Leaving",
                                                 "body": "Personal story"}, student="4242")
        thread_id = created["thread"]["id"]
        workbench.ok("reply", {"thread_id": thread_id, "body": "Another learner's answer"}, student="amelie")
        response_id = Post.objects.get(thread_id=thread_id, is_opening=False).pk
        workbench.ok("react", {"post_id": response_id, "kind": "helpful"}, student="4242")
        workbench.page(student="4242")

        on_user_retired(sender=None, user=user, retired_username="retired__abc", retired_email="x@retired")

        opening = Post.objects.get(thread_id=thread_id, is_opening=True)
        assert (opening.body, opening.body_html, opening.author_name) == ("", "", "")
        assert not opening.author_key.startswith("4242")
        assert Thread.objects.get(pk=thread_id).title == ""
        assert Post.objects.get(pk=response_id).body == "Another learner's answer"
        assert Post.objects.get(pk=response_id).helpful_count == 1
        assert not Reaction.objects.filter(user_key="4242").exists()
        assert not Follow.objects.filter(user_key="4242").exists()
        assert not Visit.objects.filter(user_key="4242").exists()
        assert not Keyphrase.objects.filter(post=opening).exists()  # derived from their words
        assert Keyphrase.objects.filter(post_id=response_id).exists()
        assert Thread.objects.get(pk=thread_id).follower_count == 0
        html = workbench.ok("get_thread", {"thread_id": thread_id}, student="amelie")["html"]
        assert "removed at its author" in html and "Former learner" in html
        assert "Personal story" not in html and "Another learner&#x27;s answer" in html

    def test_the_plugin_connects_the_receiver_to_the_lms_retirement_signal(self):
        from community_xblock.apps import CommunityXBlockConfig

        receivers = CommunityXBlockConfig.plugin_app["signals_config"]["lms.djangoapp"]["receivers"]
        assert receivers[0]["signal_path"].endswith("USER_RETIRE_LMS_MISC")
        from community_xblock import retirement

        assert callable(getattr(retirement, receivers[0]["receiver_func_name"]))
