"""What breaks in a real LMS and Studio and not in the workbench: each test follows a platform behaviour that
tests/lms/runtime.py reproduces from the platform's source."""
import gettext
import json
import logging
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from opaque_keys.edx.keys import UsageKey

from community_xblock.models import Post, Reaction, Thread, Visit

TITLE = "Why are leaves green?"


def start(lms, student="student_1", **fields):
    payload = {"kind": "question", "title": TITLE, "body": "Is it the **chlorophyll**?", **fields}
    return lms.ok("create_thread", payload, student=student)["thread"]


class TestStudio:
    def test_the_course_team_saves_settings_in_studios_editor(self, lms):
        """Studio's editor runtime names every author a "student"; studio_user_permissions decides."""
        status, data = lms.call("save_settings", {"display_name": "Leaves and light"}, student="staff",
                                mode="studio")
        assert status == 200, data
        assert lms.settings()["display_name"] == "Leaves and light"

    def test_someone_without_write_access_cannot_save_in_studio(self, lms):
        status, data = lms.call("save_settings", {"display_name": "Hijacked"}, student="amelie", mode="studio")
        assert status == 403 and "Studio" in data["error"]
        assert lms.settings()["display_name"] == "Unit community"

    def test_the_lms_never_saves_settings_even_for_staff(self, lms):
        status, _data = lms.call("save_settings", {"display_name": "From the LMS"}, student="staff")
        assert status == 403
        assert lms.settings()["display_name"] == "Unit community"

    def test_the_preview_and_the_editor_render_in_studio(self, lms):
        start(lms)
        preview = lms.view("author_view")
        assert "Preview for authors" in preview
        assert 'data-figure="conversations"><dt>Conversations</dt><dd>1</dd>' in preview
        editor = lms.view("studio_view")
        assert 'name="display_name"' in editor and "Video: How leaves capture light" in editor


class TestComponentsThisViewerMayLoad:
    @pytest.fixture
    def staff_only_video(self, lms):
        unit = lms.runtime("staff").get_block(lms.unit_id)
        video = next(child for child in unit.children if child.block_id.endswith("0"))
        block = lms.runtime("staff", mode="studio").get_block(video)
        block.visible_to_staff_only = True
        block.save()
        return block.display_name

    def test_a_staff_only_sibling_is_left_out_for_learners_and_the_page_renders(self, lms, staff_only_video):
        assert f">{staff_only_video}</option>" in lms.page(student="staff")  # staff first fill their cache
        learner_page = lms.page(student="amelie")
        assert staff_only_video not in learner_page
        assert ">Reading: The Calvin cycle</option>" in learner_page

    def test_a_sibling_of_another_group_is_left_out(self, lms):
        unit = lms.runtime("staff").get_block(lms.unit_id)
        problem = lms.runtime("staff", mode="studio").get_block(unit.children[2])
        problem.group_access = {"50": [1]}
        problem.save()
        lms.course.groups["zsofia"] = {1}
        assert "Problem: Limiting factors" not in lms.page(student="amelie")
        assert "Problem: Limiting factors" in lms.page(student="zsofia")

    def test_a_learner_cannot_link_a_conversation_to_a_component_they_may_not_see(self, lms, staff_only_video):
        hidden = next(key for key in lms.component_keys() if key.endswith("@0"))
        status, data = lms.call("create_thread", {"kind": "question", "title": "Sneaky", "body": "x",
                                                  "component": hidden}, student="amelie")
        assert status == 400 and data["field"] == "component"


class TestTranslationsInATutorImage:
    @pytest.fixture
    def tutor_folder(self, tmp_path):
        """openedx-atlas creates conf/plugins-locale/xblock.v1/<module> even when it pulled nothing for it."""
        root = tmp_path / "conf" / "plugins-locale" / "xblock.v1"
        (root / "community_xblock").mkdir(parents=True)
        return root

    def test_the_package_catalog_is_used_when_the_operator_folder_is_empty(self, lms, tutor_folder):
        lms.plugins_locale_root = tutor_folder
        start(lms)
        page = lms.page(student="amelie", language="fr")
        assert "Lancer une conversation" in page  # template strings
        assert "Start a conversation" not in page
        status, data = lms.call("create_thread", {"kind": "question", "title": "ab", "body": "x"},
                                student="amelie", language="hu")
        assert status == 400 and data["error"].startswith("Cím")  # Python strings, with the field's label

    def test_an_operator_catalog_wins_where_it_has_the_string(self, lms, tutor_folder, tmp_path):
        messages = tutor_folder / "community_xblock" / "fr" / "LC_MESSAGES"
        messages.mkdir(parents=True)
        po = tmp_path / "django.po"
        po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Start a conversation"\nmsgstr "Ouvrir une discussion"\n', encoding="utf-8")
        subprocess.run(["msgfmt", "-o", str(messages / "django.mo"), str(po)], check=True)
        lms.plugins_locale_root = tutor_folder
        page = lms.page(student="amelie", language="fr")
        assert "Ouvrir une discussion" in page  # the operator's string
        assert "Trier par" in page  # a string the operator's catalog lacks comes from the package's

    def test_the_platform_service_really_finds_nothing_in_the_empty_folder(self, lms, tutor_folder):
        """The premise: the platform's service keeps Django's own translator, not a catalog of ours."""
        from .runtime import PlatformI18nService

        service = PlatformI18nService(lms.block_for("amelie"), tutor_folder)
        assert not isinstance(service.translator, gettext.NullTranslations)


class TestCourseEnd:
    def test_the_phase_follows_the_course_overview_end(self, lms):
        lms.configure(alumni_policy="read_only")
        lms.overviews.ends[lms.course.key] = timezone.now() - timedelta(days=1)
        assert "Alumni phase:" in lms.page(student="amelie")
        status, data = lms.call("create_thread", {"kind": "question", "title": "Late", "body": "x"},
                                student="amelie")
        assert status == 403 and "read-only" in data["error"]

    def test_a_course_without_an_overview_uses_the_authors_date_and_says_why(self, lms, caplog):
        del lms.overviews.ends[lms.course.key]
        lms.configure(course_end="2020-01-01")
        with caplog.at_level(logging.WARNING, logger="community_xblock.platform.course"):
            assert "Alumni phase:" in lms.page(student="amelie")
        assert any("No course overview" in record.message for record in caplog.records)

    def test_no_course_end_anywhere_keeps_the_course_phase(self, lms):
        assert "Course phase:" in lms.page(student="amelie")


class TestMasquerade:
    def test_staff_viewing_as_a_learner_read_but_do_not_write_under_their_name(self, lms):
        thread = start(lms, student="amelie")
        lms.page(student="amelie")
        visit_before = list(Visit.objects.filter(user_key=lms.user_key("amelie")).values())
        page = lms.page(student="staff", masquerade_as="amelie")
        assert TITLE in page and "moderation controls" not in page
        read = lms.ok("get_thread", {"thread_id": thread["id"]}, student="staff", masquerade_as="amelie")
        assert read["thread"]["title"] == TITLE
        before = (Thread.objects.count(), Post.objects.count(), Reaction.objects.count())
        for handler, payload in [
            ("create_thread", {"kind": "question", "title": "Written as amelie", "body": "x"}),
            ("reply", {"thread_id": thread["id"], "body": "as amelie"}),
            ("follow", {"thread_id": thread["id"], "active": False}),
        ]:
            status, data = lms.call(handler, payload, student="staff", masquerade_as="amelie")
            assert status == 403 and "viewing the course as another learner" in data["error"], (handler, data)
        assert (Thread.objects.count(), Post.objects.count(), Reaction.objects.count()) == before
        assert list(Visit.objects.filter(user_key=lms.user_key("amelie")).values()) == visit_before

    def test_staff_viewing_as_a_learner_do_not_end_or_extend_her_visit(self, lms):
        thread = start(lms, student="amelie")
        lms.page(student="amelie")
        # Her visit ended hours ago: a request of hers now would start a new one and move her baseline.
        Visit.objects.filter(user_key=lms.user_key("amelie")).update(seen_at=timezone.now() - timedelta(hours=5))
        visit_before = list(Visit.objects.filter(user_key=lms.user_key("amelie")).values())
        lms.page(student="staff", masquerade_as="amelie")
        lms.ok("list_threads", {}, student="staff", masquerade_as="amelie")
        lms.ok("get_thread", {"thread_id": thread["id"]}, student="staff", masquerade_as="amelie")
        assert list(Visit.objects.filter(user_key=lms.user_key("amelie")).values()) == visit_before


class TestTrackingEventsBecomeXapi:
    FORUM_EVENTS = {f"edx.forum.{kind}.{action}" for kind in ("thread", "response", "comment")
                    for action in ("created", "deleted", "edited", "reported", "unreported")}
    FORUM_EVENTS |= {"edx.forum.thread.viewed", "edx.forum.thread.voted", "edx.forum.response.voted"}

    def test_forum_events_carry_string_ids_the_xapi_transformers_can_use(self, lms):
        thread = start(lms)
        answer = lms.ok("reply", {"thread_id": thread["id"], "body": "It reflects green."}, student="amelie")
        lms.ok("reply", {"thread_id": thread["id"], "parent_id": answer["post"]["id"], "body": "Thanks"})
        lms.ok("react", {"post_id": answer["post"]["id"], "kind": "helpful"})
        lms.ok("flag", {"post_id": answer["post"]["id"]}, student="zsofia")
        lms.ok("get_thread", {"thread_id": thread["id"]}, student="zsofia")
        path = f"/courses/{lms.course.key}/xblock/{lms.usage_id}/handler/reply"
        forum = [(name, data) for name, data in lms.published if name in self.FORUM_EVENTS]
        assert {name for name, _ in forum} >= {"edx.forum.thread.created", "edx.forum.response.created",
                                               "edx.forum.comment.created", "edx.forum.response.voted",
                                               "edx.forum.response.reported", "edx.forum.thread.viewed"}
        for name, data in forum:
            assert isinstance(data["id"], str), name
            # event_routing_backends/processors/xapi/event_transformers/forum_events.py
            object_path = path.rstrip("/").replace(data["id"], "").rstrip("/")
            assert object_path, name
            json.dumps(data)


class TestCourseExportKeepsPlatformFields:
    def export(self, block):
        from io import BytesIO

        out = BytesIO()
        block.runtime.export_to_xml(block, out)
        return out.getvalue().decode("utf-8")

    def test_platform_fields_survive_export_and_import(self, lms):
        block = lms.block_for("staff", mode="studio")
        block.visible_to_staff_only = True
        block.group_access = {"50": [1, 2]}
        block.start = datetime(2026, 9, 1, tzinfo=UTC)
        block.save()
        exported = self.export(lms.block_for("staff", mode="studio"))
        assert 'visible_to_staff_only="true"' in exported and "group_access=" in exported and "start=" in exported
        runtime = lms.runtime("staff", mode="studio")
        again = runtime.get_block(runtime.parse_xml_string(exported.encode("utf-8")))
        assert again.visible_to_staff_only is True
        assert again.group_access == {"50": [1, 2]}
        assert again.start == datetime(2026, 9, 1, tzinfo=UTC)
        assert again.settings() == block.settings()

    def test_a_real_discussion_imports_as_is(self, lms):
        runtime = lms.runtime("staff", mode="studio")
        olx = ('<community url_name="d8a1" display_name="Discussion" discussion_category="Week 1" '
               'discussion_target="Photosynthesis" discussion_id="4b2c8e1f0a9d" sort_key="03" '
               'visible_to_staff_only="false"/>')
        block = runtime.get_block(runtime.parse_xml_string(olx.encode("utf-8")))
        assert (block.discussion_id, block.sort_key, block.discussion_category) == ("4b2c8e1f0a9d", "03", "Week 1")
        exported = self.export(block)
        assert 'discussion_id="4b2c8e1f0a9d"' in exported and 'sort_key="03"' in exported

    def test_unknown_attributes_are_still_refused(self, lms):
        from community_xblock.authoring.olx import OlxError

        runtime = lms.runtime("staff", mode="studio")
        with pytest.raises(OlxError, match="onload"):
            runtime.parse_xml_string(b'<community onload="alert(1)"/>')


class TestAnonymousVisitor:
    def test_a_visitor_who_is_not_signed_in_is_not_taken_for_a_workbench_user(self, lms):
        start(lms)
        block = lms.block_for("anonymous")
        assert block.viewer.in_platform and not block.viewer.is_authenticated and not block.viewer.is_staff
        page = lms.page(student="anonymous")
        assert TITLE in page and "Start a conversation" not in page
        status, data = lms.call("create_thread", {"kind": "question", "title": "Drive-by", "body": "x"},
                                student="anonymous")
        assert status == 403 and "Sign in" in data["error"]
        assert not Visit.objects.filter(user_key="").exists()


def test_the_demo_unit_keys_are_the_platforms(lms):
    key = UsageKey.from_string(lms.usage_id)
    assert key.course_key == lms.course.key and key.block_type == "community"


def test_a_platform_catalog_compiler_is_available():
    assert shutil.which("msgfmt"), "gettext's msgfmt builds the operator catalog of the Tutor test"
