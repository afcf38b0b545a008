"""Bad input gets a 4xx with a clear message naming the field, and writes nothing."""
import json
import re

import pytest

from community_xblock.core.errors import FIELD_LABELS
from community_xblock.handlers.http import MAX_BODY_BYTES
from community_xblock.models import Flag, Follow, Post, Reaction, Thread


def snapshot():
    """Everything a handler could write, as comparable values."""
    return (
        list(Thread.objects.order_by("pk").values()),
        list(Post.objects.order_by("pk").values()),
        Reaction.objects.count(), Flag.objects.count(), Follow.objects.count(),
    )


@pytest.fixture
def thread(unit):
    data = unit.ok("create_thread", {"kind": "question", "title": "A fine question", "body": "Body"})
    thread = Thread.objects.get(pk=data["thread"]["id"])
    response = unit.ok("reply", {"thread_id": thread.pk, "body": "An answer"}, student="amelie")
    thread.response_id = response["post"]["id"]
    return thread


def refused(unit, handler, payload=None, status=400, field=None, **kwargs):
    before = snapshot()
    code, data = unit.call(handler, payload, **kwargs)
    assert code == status, (handler, payload, code, data)
    assert isinstance(data["error"], str) and data["error"]
    if field:
        assert data["field"] == field
        label = FIELD_LABELS.get(field)
        assert label and label in data["error"], (data["error"], label)  # named as the form names it
    assert snapshot() == before, "a refused request wrote something"
    return data


class TestProtocol:
    def test_malformed_json(self, unit, thread):
        data = refused(unit, "create_thread", raw="{not json")
        assert data["error"] == "The request body is not valid JSON."

    def test_json_that_is_not_an_object(self, unit, thread):
        refused(unit, "create_thread", raw=json.dumps(["title", "body"]))

    def test_invalid_utf8(self, unit, thread):
        refused(unit, "reply", raw=b"\xff\xfe{}")

    def test_wrong_method(self, unit, thread):
        status, headers, _body = unit.download("list_threads", student="student_1")
        assert status == 405
        assert headers["Allow"] == "POST"

    def test_oversized_body(self, unit, thread):
        body = json.dumps({"title": "Big", "body": "x" * (MAX_BODY_BYTES + 10), "kind": "discussion"})
        refused(unit, "create_thread", raw=body, status=413)


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
    def test_create_thread(self, unit, thread, payload, field):
        refused(unit, "create_thread", payload, field=field)

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
    def test_other_handlers(self, unit, thread, handler, payload, field):
        refused(unit, handler, payload, field=field, student="staff" if handler == "moderate_thread" else "amelie")

    def test_a_comment_must_answer_a_response_of_the_thread(self, unit, thread):
        refused(unit, "reply", {"thread_id": thread.pk, "parent_id": thread.opening_post_id, "body": "x"},
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
    def test_unknown_ids_are_404(self, unit, thread, handler, payload):
        refused(unit, handler, payload, status=404)

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
    def test_ids_of_another_community_are_404(self, unit, thread, handler, payload):
        ids = {"THREAD": thread.pk, "POST": thread.opening_post_id, "RESPONSE": thread.response_id}
        payload = {key: ids.get(value, value) for key, value in payload.items()}
        refused(unit, handler, payload, status=404, student="staff", usage_id=unit.other_usage_id)


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
    def test_forged_actions_are_403(self, unit, thread, handler, payload):
        ids = {"THREAD": thread.pk, "POST": thread.opening_post_id, "RESPONSE": thread.response_id}
        payload = {key: ids.get(value, value) for key, value in payload.items()}
        refused(unit, handler, payload, status=403, student="zsofia")

    def test_no_reaction_to_ones_own_post(self, unit, thread):
        refused(unit, "react", {"post_id": thread.opening_post_id, "kind": "helpful"}, status=403)

    def test_closed_threads_refuse_replies_with_409(self, unit, thread):
        unit.ok("moderate_thread", {"thread_id": thread.pk, "state": "closed", "value": True}, student="staff")
        refused(unit, "reply", {"thread_id": thread.pk, "body": "too late"}, status=409, student="amelie")


class TestHostileText:
    def test_text_is_stored_as_written_and_rendered_safe(self, unit):
        hostile = '<script>alert("x")</script>[link](javascript:alert(1)) <img src=x onerror=alert(1)> **ok**'
        created = unit.ok("create_thread", {"title": "<b>Title</b>", "body": hostile, "kind": "discussion"})
        row = Post.objects.get(thread_id=created["thread"]["id"], is_opening=True)
        assert row.body == hostile
        detail = unit.ok("get_thread", {"thread_id": created["thread"]["id"]}, student="amelie")
        html = detail["html"] + unit.page(student="amelie")
        assert "<script>alert" not in html
        assert not re.search(r"<[^>]*\bonerror\s*=", html), "an event handler reached a tag"
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)
        assert "&lt;b&gt;Title&lt;/b&gt;" in html
        assert "<strong>ok</strong>" in html


class TestHostileCharacters:
    @pytest.mark.parametrize(("handler", "raw", "field"), [
        ("create_thread", r'{"kind": "question", "title": "Lone \ud800 surrogate", "body": "b"}', "title"),
        ("create_thread", r'{"kind": "question", "title": "Fine title", "body": "lone \udfff"}', "body"),
        ("reply", r'{"thread_id": THREAD, "body": "lone \ud83d"}', "body"),
        ("flag", r'{"post_id": RESPONSE, "reason": "\ud800"}', "reason"),
        ("list_threads", r'{"component": "\ud800"}', "component"),
    ])
    def test_a_lone_surrogate_is_refused_in_every_text_field(self, unit, thread, handler, raw, field):
        raw = raw.replace("THREAD", str(thread.pk)).replace("RESPONSE", str(thread.response_id))
        refused(unit, handler, raw=raw, field=field, student="amelie")

    def test_a_lone_surrogate_in_a_setting_is_refused_not_dropped(self, unit, thread):
        before = unit.settings()
        status, data = unit.call("save_settings", raw=r'{"prompt": "Talk \ud800 here"}', student="staff",
                                 mode="studio")
        assert status == 400 and "prompt" in data["errors"]
        assert unit.settings() == before

    @pytest.mark.parametrize("value", ["²", "١", "１２", "٣٤", "12 ", "0x1f", "1e3"])
    def test_ids_are_ascii_digits_only(self, unit, thread, value):
        refused(unit, "get_thread", {"thread_id": value}, field="thread_id")

    def test_deeply_nested_json_under_the_size_limit(self, unit, thread):
        deep = '{"title": ' + "[" * 5000 + "]" * 5000 + "}"
        assert len(deep) < MAX_BODY_BYTES
        data = refused(unit, "create_thread", raw=deep)
        assert "nested" in data["error"]
        refused(unit, "create_thread", raw='{"kind": ' + "[" * 20 + '"question"' + "]" * 20 + "}")

    @pytest.mark.parametrize("title", [
        "\u200b\u200b\u200b\u200b",  # zero-width spaces only
        "\u200d\u2060\ufeff\u200c",  # joiners, word joiner, byte-order mark
        "Good \u202eevil title",  # right-to-left override
        "Isolate \u2066trick\u2069",  # bidi isolates
        "Bell \x07 title",  # control characters
        "Two\nlines",  # a title is one line
    ])
    def test_invisible_spoofing_and_control_characters_in_titles(self, unit, thread, title):
        refused(unit, "create_thread", {"kind": "question", "title": title, "body": "b"}, field="title")

    def test_emoji_sequences_with_joiners_are_fine(self, unit, thread):
        created = unit.ok("create_thread", {"kind": "question", "title": "Lab 👩‍🔬 work", "body": "Line 1\n\tLine 2"})
        assert Thread.objects.get(pk=created["thread"]["id"]).title == "Lab 👩‍🔬 work"

    @pytest.mark.parametrize("body", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                      "<iframe src='https://evil.example'></iframe>", "\u200b\u200b"])
    def test_a_body_that_sanitises_to_nothing_is_refused(self, unit, thread, body):
        refused(unit, "create_thread", {"kind": "question", "title": "Fine title", "body": body}, field="body")
        refused(unit, "reply", {"thread_id": thread.pk, "body": body}, field="body", student="amelie")
        refused(unit, "edit_post", {"post_id": thread.opening_post_id, "body": body}, field="body")


class TestMessagesNameFieldsByTheirLabels:
    def test_english(self, unit, thread):
        data = refused(unit, "create_thread", {"kind": "question", "title": "ab", "body": "x"}, field="title")
        assert data["error"] == "Title must be at least 3 characters long."

    @pytest.mark.parametrize(("language", "expected"), [
        ("fr", "Titre : au moins 3 caractères."),
        ("hu", "Cím: legalább 3 karakter hosszú legyen."),
    ])
    def test_translated(self, unit, thread, language, expected):
        status, data = unit.call("create_thread", {"kind": "question", "title": "ab", "body": "x"}, language=language)
        assert status == 400 and data["error"] == expected

    def test_settings_are_named_as_the_editor_names_them(self, unit, thread):
        status, data = unit.call("save_settings", {"display_name": "  "}, student="staff", mode="studio")
        assert status == 400 and data["errors"]["display_name"] == "Display name must not be empty."
