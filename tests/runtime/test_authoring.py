"""Studio: the editor, server-side validation, the author preview and soft warnings; the post-course phase."""
import json
from datetime import UTC

import lxml.html
import pytest

from community_xblock.authoring import configuration
from community_xblock.core import phases
from community_xblock.models import Post, Thread


def settings_of(unit):
    return unit.settings()


def block_of(html, css_class):
    """The block's element with ``css_class`` in a rendered page (the workbench wraps views in its own page)."""
    found = lxml.html.fromstring(html).xpath(f"//*[contains(concat(' ', @class, ' '), ' {css_class} ')]")
    assert found, f"no .{css_class} in the page"
    return found[0]


def rendered_text(element):
    """The text as a reader gets it: whitespace runs read as one space."""
    return " ".join(element.text_content().split())


def figures(html):
    """The preview's activity tiles: {key: (label, number)}."""
    return {tile.get("data-figure"): (rendered_text(tile.find("dt")), int(tile.findtext("dd")))
            for tile in block_of(html, "cx-figures").xpath("./div")}


def save(unit, student="staff", **settings):
    """The editor's save, in Studio's editor runtime (the unit has one runtime for everything)."""
    return unit.call("save_settings", settings, student=student, mode="studio")


class TestEditor:
    def test_the_editor_shows_every_setting(self, unit):
        html = unit.view("studio_view")
        for name in configuration.FIELDS:
            assert f'data-setting="{name}"' in html, name  # each row of the settings table has its widget
        assert 'data-component="' in html and 'value="question"' in html
        assert "Video: How leaves capture light" in html

    def test_every_input_keeps_its_label_help_and_error(self, unit):
        """The Studio-like layout wraps inputs in rows and columns: each control is still named by its own
        label (or its fieldset's legend), and points at a help text and an error slot that exist."""
        form = block_of(unit.view("studio_view"), "cx-studio")
        assert "editor-with-buttons" in form.get("class")  # Studio then shows our Save/Cancel, not its own
        ids = set(form.xpath(".//@id"))
        labelled = set(form.xpath(".//label/@for"))
        controls = [control for control in form.xpath(".//input | .//select | .//textarea")
                    if not control.xpath("ancestor::template")]
        assert controls
        for control in controls:
            assert control.get("id") in labelled, control.get("id")
        for described in form.xpath(".//*[@aria-describedby]"):
            for target in described.get("aria-describedby").split():
                assert target in ids, target
        for box in form.xpath(".//*[@data-setting]"):
            name = box.get("data-setting")
            assert box.xpath(f".//*[@data-error-for='{name}']"), name
            assert box.xpath(".//input | .//select | .//textarea | .//template"), name
        numbers = form.xpath(".//input[@type='number'][@name]")
        assert numbers and all(number.get("inputmode") == "numeric" for number in numbers)
        actions = form.xpath(".//*[contains(@class, 'cx-studio-actions')]//button")
        assert [button.get("type") for button in actions] == ["submit", "button"]
        assert actions[1].get("data-action") == "cancel"

    def test_valid_settings_are_saved(self, unit):
        video = unit.component_keys()[0]
        status, data = save(unit, display_name="Talk about leaves", prompt="What *surprised* you?",
                            thread_kinds=["question", "discussion"], allow_anonymous=False,
                            component_prompts={video: "Was the animation clear?"}, course_end="2026-12-18",
                            alumni_policy="read_only", alumni_until="2027-06-30",
                            alumni_prompts=["How do you use this at work?"], run_scope="isolated",
                            complete_on_contribution=True, discussion_category="Week 3")
        assert status == 200, data
        stored = settings_of(unit)
        assert stored["display_name"] == "Talk about leaves"
        assert stored["thread_kinds"] == ["discussion", "question"]
        assert stored["component_prompts"] == {video: "Was the animation clear?"}
        assert stored["alumni_until"] == "2027-06-30" and stored["run_scope"] == "isolated"
        page = unit.page()
        assert "Was the animation clear?" in page and "Week 3" in page

    def test_invalid_settings_name_every_wrong_field_and_change_nothing(self, unit):
        before = settings_of(unit)
        status, data = save(unit, display_name="  ", course_end="18/12/2026", course_policy="sometimes",
                            thread_kinds=["poll"], allow_anchors="maybe", prompt="fine")
        assert status == 400
        assert set(data["errors"]) == {"display_name", "course_end", "course_policy", "thread_kinds",
                                       "allow_anchors"}
        assert "YYYY-MM-DD" in data["errors"]["course_end"]
        assert settings_of(unit) == before

    def test_unknown_settings_are_refused(self, unit):
        status, data = save(unit, display_name="ok", grading="on")
        assert status == 400 and "grading" in data["errors"]

    def test_learners_cannot_change_settings(self, unit):
        status, _data = save(unit, student="amelie", display_name="Hijacked")
        assert status == 403
        assert settings_of(unit)["display_name"] == "Unit community"


class TestPreviewAndWarnings:
    def test_author_view_summarises_settings_phase_and_activity(self, unit):
        unit.ok("create_thread", {"kind": "question", "title": "Unanswered one", "body": "x"})
        html = unit.view("author_view")
        assert "Preview for authors" in html
        tiles = figures(html)
        assert tiles["conversations"] == ("Conversations", 1) and tiles["unanswered"] == ("Unanswered questions", 1)
        assert tiles["posts"] == ("Posts", 1) and tiles["flagged"] == ("Flagged conversations", 0)
        assert "Course phase:" in html
        assert 'data-action="open"' not in html  # not the live space

    def test_the_preview_lists_the_conversation_types_without_stray_separators(self, unit):
        """Two kinds read as a list of two items, never as "Discussion , Question" (no joined string, no
        separator to get wrong in a language)."""
        status, data = save(unit, thread_kinds=["question", "discussion"], allow_anchors=False)
        assert status == 200, data
        summary = block_of(unit.view("author_view"), "cx-summary")
        kinds = [rendered_text(item) for item in summary.xpath(".//ul[contains(@class, 'cx-kinds')]/li")]
        assert kinds == ["Discussion", "Question"]
        text = rendered_text(summary)
        assert "Conversation types Discussion Question" in text
        assert " ," not in text and ",," not in text
        values = {rendered_text(item.find("dt")): rendered_text(item.find("dd")) for item in summary.xpath("./div")}
        assert values["Link to components"] == "no" and values["Anonymous posts"] == "allowed"

    def test_the_preview_says_when_no_conversation_type_is_chosen(self, unit):
        status, data = save(unit, thread_kinds=[])
        assert status == 200, data
        summary = block_of(unit.view("author_view"), "cx-summary")
        assert not summary.xpath(".//ul[contains(@class, 'cx-kinds')]")
        assert "Conversation types —" in rendered_text(summary)

    def test_soft_warnings(self):
        found = configuration.soft_warnings(
            {"alumni_until": "2026-01-01", "thread_kinds": [], "course_policy": "closed", "prompt": ""},
            course_end="2026-06-30",
        )
        assert {warning.field for warning in found} == {"alumni_until", "thread_kinds", "course_policy", "prompt"}

    def test_validate_reports_warnings_on_the_block(self, unit):
        save(unit, course_end="2026-12-18", alumni_until="2026-06-01")
        block = unit.block_for("staff")
        messages = [message.text for message in block.validate().messages]
        assert any("alumni window ends before the course does" in text for text in messages)


class TestPhases:
    def test_the_phase_follows_the_course_end(self):
        from datetime import datetime

        settings = {"course_end": "2026-06-30", "course_policy": "open", "alumni_policy": "read_only",
                    "alumni_until": "2027-06-30"}
        during = phases.phase_state(settings, now=datetime(2026, 6, 1, tzinfo=UTC))
        after = phases.phase_state(settings, now=datetime(2026, 9, 1, tzinfo=UTC))
        later = phases.phase_state({**settings, "alumni_policy": "open"},
                                      now=datetime(2027, 9, 1, tzinfo=UTC))
        assert (during.phase, during.policy) == ("course", "open")
        assert (after.phase, after.policy) == ("alumni", "read_only")
        assert later.window_over and later.policy == "read_only"

    def test_a_runtime_course_end_wins_over_the_authors_date(self):
        from datetime import datetime

        state = phases.phase_state({"course_end": "2030-01-01"},
                                      runtime_course_end=datetime(2020, 1, 1, tzinfo=UTC))
        assert state.phase == "alumni"

    def test_read_only_alumni_phase_refuses_contributions_not_reading(self, unit):
        created = unit.ok("create_thread", {"kind": "question", "title": "Before the end", "body": "x"})
        save(unit, course_end="2020-01-01", alumni_policy="read_only")
        status, data = unit.call("reply", {"thread_id": created["thread"]["id"], "body": "late"},
                                      student="amelie")
        assert status == 403 and "read-only" in data["error"]
        status, _ = unit.call("create_thread", {"kind": "question", "title": "New one", "body": "x"},
                                   student="amelie")
        assert status == 403
        assert unit.ok("list_threads", {}, student="amelie")["threads"][0]["title"] == "Before the end"
        unit.ok("follow", {"thread_id": created["thread"]["id"], "active": True}, student="amelie")
        page = unit.page(student="amelie")
        assert "Alumni phase:" in page and "read-only" in page
        assert "Start a conversation" not in page
        # Staff keep moderating and answering.
        unit.ok("reply", {"thread_id": created["thread"]["id"], "body": "Staff answer"}, student="staff")
        assert Thread.objects.count() == 1 and Post.objects.count() == 2  # a phase change deleted nothing

    def test_a_read_only_phase_offers_no_control_that_would_be_refused(self, unit):
        created = unit.ok("create_thread", {"kind": "question", "title": "Before the end", "body": "x"})
        answer = unit.ok("reply", {"thread_id": created["thread"]["id"], "body": "An answer"}, student="amelie")
        save(unit, course_end="2020-01-01", alumni_policy="read_only")
        for student in ("student_1", "zsofia"):
            html = unit.ok("get_thread", {"thread_id": created["thread"]["id"]}, student=student)["html"]
            for action in ("react", "edit", "delete", "accept"):
                assert f'data-action="{action}"' not in html, (student, action)
        html = unit.ok("get_thread", {"thread_id": created["thread"]["id"]}, student="zsofia")["html"]
        assert 'data-action="flag"' in html  # reporting abuse works in every phase
        assert unit.call("flag", {"post_id": answer["post"]["id"]}, student="zsofia")[0] == 200
        staff = unit.ok("get_thread", {"thread_id": created["thread"]["id"]}, student="staff")["html"]
        assert 'data-action="edit"' in staff  # the course team is never limited

    def test_a_closed_space_is_hidden_from_learners(self, unit):
        save(unit, course_policy="closed")
        assert unit.call("list_threads", {}, student="amelie")[0] == 403
        assert "closed to learners" in unit.page(student="amelie")
        assert unit.call("list_threads", {}, student="staff")[0] == 200

    def test_alumni_prompts_show_in_the_alumni_phase_only(self, unit):
        save(unit, alumni_prompts=["Tell this year's learners how you use it."])
        assert "how you use it" not in unit.page()
        save(unit, course_end="2020-01-01")
        assert "how you use it" in unit.page()


class TestRuns:
    def test_alumni_of_earlier_runs_carry_their_run_label(self, unit):
        created = unit.ok("create_thread", {"kind": "discussion", "title": "From the 2024 run", "body": "x"})
        Thread.objects.filter(pk=created["thread"]["id"]).update(run="2024_T1")
        Post.objects.filter(thread_id=created["thread"]["id"]).update(run="2024_T1")
        listed = unit.ok("list_threads", {}, student="amelie")
        assert listed["threads"][0]["other_run"]
        assert "Alumni of run 2024_T1" in listed["html"]

    def test_isolated_runs_cannot_reach_another_runs_threads_by_id(self, unit):
        created = unit.ok("create_thread", {"kind": "question", "title": "From the 2024 run", "body": "Old text"})
        thread_id = created["thread"]["id"]
        opening = Post.objects.get(thread_id=thread_id, is_opening=True).pk
        Thread.objects.filter(pk=thread_id).update(run="2024_T1")
        Post.objects.filter(thread_id=thread_id).update(run="2024_T1")
        save(unit, run_scope="isolated")
        for handler, payload in [
            ("get_thread", {"thread_id": thread_id}),
            ("reply", {"thread_id": thread_id, "body": "Reaching across runs"}),
            ("react", {"post_id": opening, "kind": "helpful"}),
            ("follow", {"thread_id": thread_id, "active": True}),
            ("flag", {"post_id": opening}),
        ]:
            status, data = unit.call(handler, payload, student="amelie")
            assert status == 404, (handler, status, data)
            assert "Old text" not in json.dumps(data)
        assert Post.objects.filter(thread_id=thread_id).count() == 1
        save(unit, run_scope="shared")
        assert unit.ok("get_thread", {"thread_id": thread_id}, student="amelie")["thread"]["title"] == \
            "From the 2024 run"

    def test_staff_can_isolate_a_run(self, unit):
        created = unit.ok("create_thread", {"kind": "discussion", "title": "From the 2024 run", "body": "x"})
        Thread.objects.filter(pk=created["thread"]["id"]).update(run="2024_T1")
        unit.ok("create_thread", {"kind": "discussion", "title": "From this run", "body": "x"})
        assert len(unit.ok("list_threads", {})["threads"]) == 2
        save(unit, run_scope="isolated")
        assert [t["title"] for t in unit.ok("list_threads", {})["threads"]] == ["From this run"]


def test_settings_round_trip_through_json():
    raw = json.loads(json.dumps({"thread_kinds": "question discussion", "allow_anchors": "false"}))
    assert configuration.clean(raw) == {"thread_kinds": ["discussion", "question"], "allow_anchors": False}


class TestAlertsWebhookSetting:
    """A row of the settings table only: the editor, validation and OLX follow from it."""

    def test_off_by_default_and_shown_in_the_editor(self, unit):
        assert unit.settings()["alerts_webhook_url"] == ""
        assert 'data-setting="alerts_webhook_url"' in unit.view("studio_view")

    @pytest.mark.parametrize("url", ["http://hooks.example.com/x", "ftp://example.com/", "https://user:pw@example.com/",
                                     "javascript:alert(1)", "https://"])
    def test_only_https_or_a_local_receiver(self, unit, url):
        status, data = save(unit, alerts_webhook_url=url)
        assert status == 400 and "alerts_webhook_url" in data["errors"]

    def test_saved_but_kept_out_of_course_exports(self, unit):
        assert save(unit, alerts_webhook_url="https://hooks.example.com/services/T0/B0/secret")[0] == 200
        assert save(unit, alerts_webhook_url="http://127.0.0.1:9999/hook")[0] == 200
        from io import BytesIO

        block = unit.block_for("staff")
        out = BytesIO()
        block.runtime.export_to_xml(block, out)
        assert unit.settings()["alerts_webhook_url"] == "http://127.0.0.1:9999/hook"
        assert b"9999" not in out.getvalue() and b"alerts_webhook_url" not in out.getvalue()
