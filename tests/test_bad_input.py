"""Bad input gets a 4xx with a clear message naming the field, and writes nothing."""
import json
import re

import pytest

from community_xblock.http import MAX_BODY_BYTES
from community_xblock.models import Flag, Follow, Post, Reaction, Thread


def snapshot():
    """Everything a handler could write, as comparable values."""
    return (
        list(Thread.objects.order_by("pk").values()),
        list(Post.objects.order_by("pk").values()),
        Reaction.objects.count(), Flag.objects.count(), Follow.objects.count(),
    )


@pytest.fixture
def thread(workbench):
    data = workbench.ok("create_thread", {"kind": "question", "title": "A fine question", "body": "Body"})
    thread = Thread.objects.get(pk=data["thread"]["id"])
    response = workbench.ok("reply", {"thread_id": thread.pk, "body": "An answer"}, student="amelie")
    thread.response_id = response["post"]["id"]
    return thread


def refused(workbench, handler, payload=None, status=400, field=None, **kwargs):
    before = snapshot()
    code, data = workbench.call(handler, payload, **kwargs)
    assert code == status, (handler, payload, code, data)
    assert isinstance(data["error"], str) and data["error"]
    if field:
        assert data["field"] == field
        assert field in data["error"]
    assert snapshot() == before, "a refused request wrote something"
    return data


class TestProtocol:
    def test_malformed_json(self, workbench, thread):
        data = refused(workbench, "create_thread", raw="{not json")
        assert data["error"] == "The request body is not valid JSON."

    def test_json_that_is_not_an_object(self, workbench, thread):
        refused(workbench, "create_thread", raw=json.dumps(["title", "body"]))

    def test_invalid_utf8(self, workbench, thread):
        refused(workbench, "reply", raw=b"\xff\xfe{}")

    def test_wrong_method(self, workbench, thread):
        response = workbench.client.get(f"/handler/{workbench.usage_id}/list_threads/?student=student_1")
        assert response.status_code == 405
        assert response["Allow"] == "POST"

    def test_oversized_body(self, workbench, thread):
        body = json.dumps({"title": "Big", "body": "x" * (MAX_BODY_BYTES + 10), "kind": "discussion"})
        refused(workbench, "create_thread", raw=body, status=413)


class TestFields:
    @pytest.mark.parametrize(("payload", "field"), [
        ({"body": "no title", "kind": "question"}, "title"),
        ({"title": "ab", "body": "too short a title", "kind": "question"}, "title"),
        ({"title": "x" * 201, "body": "too long a title", "kind": "question"}, "title"),
        ({"title": 42, "body": "a number as title", "kind": "question"}, "title"),
        ({"title": "Fine title", "body": "   ", "kind": "question"}, "body"),
        ({"title": "Fine title", "body": "x" * 10_001, "kind": "question"}, "body"),
        ({"title": "Fine title", "body": "nul \x00 byte", "kind": "question"}, "body"),
        ({"title": "Fine title", "body": "b", "kind": "poll"}, "kind"),
        ({"title": "Fine title", "body": "b", "component": "block-v1:Other+X+Y+type@video+block@z"}, "component"),
        ({"title": "Fine title", "body": "b", "anonymous": "yes"}, "anonymous"),
    ])
    def test_create_thread(self, workbench, thread, payload, field):
        refused(workbench, "create_thread", payload, field=field)

    @pytest.mark.parametrize(("handler", "payload", "field"), [
        ("reply", {"thread_id": "abc", "body": "x"}, "thread_id"),
        ("reply", {"thread_id": -3, "body": "x"}, "thread_id"),
        ("reply", {"thread_id": True, "body": "x"}, "thread_id"),
        ("reply", {"body": "x"}, "thread_id"),
        ("react", {"post_id": 1, "kind": "love"}, "kind"),
        ("react", {"post_id": 1, "kind": "helpful", "active": "no"}, "active"),
        ("list_threads", {"sort": "random"}, "sort"),
        ("list_threads", {"page": 0}, "page"),
        ("list_threads", {"show": "everything"}, "show"),
        ("moderate_thread", {"thread_id": 1, "state": "deleted", "value": True}, "state"),
    ])
    def test_other_handlers(self, workbench, thread, handler, payload, field):
        refused(workbench, handler, payload, field=field, student="staff" if handler == "moderate_thread" else "amelie")

    def test_a_comment_must_answer_a_response_of_the_thread(self, workbench, thread):
        refused(workbench, "reply", {"thread_id": thread.pk, "parent_id": thread.opening_post_id, "body": "x"},
                field="parent_id")


class TestUnknownIds:
    @pytest.mark.parametrize(("handler", "payload"), [
        ("get_thread", {"thread_id": 999_999}),
        ("reply", {"thread_id": 999_999, "body": "x"}),
        ("react", {"post_id": 999_999, "kind": "helpful"}),
        ("flag", {"post_id": 999_999}),
        ("edit_post", {"post_id": 999_999, "body": "x"}),
        ("delete_post", {"post_id": 999_999}),
        ("follow", {"thread_id": 999_999}),
    ])
    def test_unknown_ids_are_404(self, workbench, thread, handler, payload):
        refused(workbench, handler, payload, status=404)

    @pytest.mark.parametrize(("handler", "payload"), [
        ("get_thread", {"thread_id": "THREAD"}),
        ("reply", {"thread_id": "THREAD", "body": "x"}),
        ("react", {"post_id": "POST", "kind": "helpful"}),
        ("flag", {"post_id": "POST"}),
        ("delete_post", {"post_id": "POST"}),
        ("accept_answer", {"post_id": "RESPONSE"}),
        ("hide_post", {"post_id": "RESPONSE", "hidden": True}),
        ("moderate_thread", {"thread_id": "THREAD", "state": "pinned", "value": True}),
    ])
    def test_ids_of_another_community_are_404(self, workbench, thread, handler, payload):
        ids = {"THREAD": thread.pk, "POST": thread.opening_post_id, "RESPONSE": thread.response_id}
        payload = {key: ids.get(value, value) for key, value in payload.items()}
        refused(workbench, handler, payload, status=404, student="staff", usage_id=workbench.other_usage_id)


class TestPermissions:
    @pytest.mark.parametrize(("handler", "payload"), [
        ("moderate_thread", {"thread_id": "THREAD", "state": "pinned", "value": True}),
        ("moderate_thread", {"thread_id": "THREAD", "state": "hidden", "value": True}),
        ("moderate_thread", {"thread_id": "THREAD", "state": "closed", "value": True}),
        ("hide_post", {"post_id": "RESPONSE", "hidden": True}),
        ("clear_flags", {"post_id": "RESPONSE"}),
        ("list_threads", {"show": "flagged"}),
        ("edit_post", {"post_id": "POST", "body": "vandalised"}),
        ("delete_post", {"post_id": "POST"}),
        ("accept_answer", {"post_id": "RESPONSE", "accepted": True}),
    ])
    def test_forged_actions_are_403(self, workbench, thread, handler, payload):
        ids = {"THREAD": thread.pk, "POST": thread.opening_post_id, "RESPONSE": thread.response_id}
        payload = {key: ids.get(value, value) for key, value in payload.items()}
        refused(workbench, handler, payload, status=403, student="zsofia")

    def test_no_reaction_to_ones_own_post(self, workbench, thread):
        refused(workbench, "react", {"post_id": thread.opening_post_id, "kind": "helpful"}, status=403)

    def test_closed_threads_refuse_replies_with_409(self, workbench, thread):
        workbench.ok("moderate_thread", {"thread_id": thread.pk, "state": "closed", "value": True}, student="staff")
        refused(workbench, "reply", {"thread_id": thread.pk, "body": "too late"}, status=409, student="amelie")


class TestHostileText:
    def test_text_is_stored_as_written_and_rendered_safe(self, workbench):
        hostile = '<script>alert("x")</script>[link](javascript:alert(1)) <img src=x onerror=alert(1)> **ok**'
        created = workbench.ok("create_thread", {"title": "<b>Title</b>", "body": hostile, "kind": "discussion"})
        row = Post.objects.get(thread_id=created["thread"]["id"], is_opening=True)
        assert row.body == hostile
        detail = workbench.ok("get_thread", {"thread_id": created["thread"]["id"]}, student="amelie")
        html = detail["html"] + workbench.page(student="amelie")
        assert "<script>alert" not in html
        assert not re.search(r"<[^>]*\bonerror\s*=", html), "an event handler reached a tag"
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)
        assert "&lt;b&gt;Title&lt;/b&gt;" in html
        assert "<strong>ok</strong>" in html
