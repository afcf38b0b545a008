"""The staff evaluation view, the course-wide view, exports, the summary event and the participation grade,
through the real SDK runtime."""
import csv
import io
import json
from datetime import timedelta

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community_xblock.models import Alert, AlertKind, AlertStatus, Community, Post, Thread


def seed_unit(unit, question_asked_hours_ago=0):
    """Posts about the video (confusion), the problem (errors) and general praise, in three languages; the
    question about the video waits ``question_asked_hours_ago`` for its answer."""
    video, _reading, problem = unit.component_keys()
    unit.page(student="amelie")
    unit.page(student="zsofia")
    question = unit.ok("create_thread", {
        "kind": "question", "component": video, "title": "Light reactions",
        "body": "I don't understand the light reactions: where does the oxygen come from?"}, student="tom")
    Thread.objects.filter(pk=question["thread"]["id"]).update(
        created_at=timezone.now() - timedelta(hours=question_asked_hours_ago))
    unit.ok("create_thread", {
        "kind": "question", "component": video, "title": "Réactions lumineuses",
        "body": "Je ne comprends pas les réactions lumineuses, c'est confus."}, student="amelie")
    issue = unit.ok("create_thread", {
        "kind": "issue", "component": problem, "title": "Answer key",
        "body": "The answer key of question 2 is wrong: light is the limiting factor."}, student="zsofia")
    unit.ok("create_thread", {
        "kind": "discussion", "title": "Köszönöm", "body": "Köszönöm, nagyon jó lecke, szuper videó!"}, student="tom")
    answer = unit.ok("reply", {"thread_id": question["thread"]["id"],
                                    "body": "From water, split in photosystem II."}, student="zsofia")
    unit.ok("react", {"post_id": answer["post"]["id"], "kind": "helpful"}, student="tom")
    opening = Post.objects.get(thread_id=issue["thread"]["id"], is_opening=True).pk
    for student in ("tom", "amelie"):
        unit.ok("react", {"post_id": opening, "kind": "error"}, student=student)
    return question, issue



def seed_two_units(unit, kind):
    """The seeded unit, and a second unit of the course with one conversation of ``kind``; staff visit both."""
    seed_unit(unit)
    unit.page(student="staff")
    unit.page(student="staff", usage_id=unit.other_usage_id)
    unit.ok("create_thread", {"kind": kind, "title": "Elsewhere", "body": "x"}, usage_id=unit.other_usage_id)

class TestUnitEvaluation:
    def test_the_report(self, unit):
        seed_unit(unit, question_asked_hours_ago=5)
        data = unit.ok("evaluation", {}, student="staff")
        report = data["report"]
        # amelie and zsofia opened the page; tom only posted, which counts as being there.
        assert report["participation"] == {"viewers": 3, "posters": 3, "repliers": 1}
        assert report["conversation"]["threads"] == 4 and report["conversation"]["replies_per_thread"] == 0.25
        questions = report["questions"]
        assert (questions["total"], questions["answered"], questions["answered_share"]) == (2, 1, 0.5)
        assert 4.9 < questions["median_hours_to_first_answer"] < 5.1
        assert [q["title"] for q in questions["unanswered"]] == ["Réactions lumineuses"]
        assert report["reactions"]["helpful"] == 1 and report["reactions"]["error"] == 2
        assert report["signals"]["confusion"] == 2 and report["signals"]["error"] == 1
        assert report["signals"]["praise"] >= 1
        assert set(report["languages"]) == {"en", "fr", "hu"}
        backlog = report["backlog"]
        assert [item["component"] for item in backlog] == ["Problem: Limiting factors",
                                                           "Video: How leaves capture light"]
        assert backlog[0]["error_reactions"] == 2 and backlog[0]["evidence"][0]["error"]
        assert backlog[1]["confusion"] == 2
        themes = {theme["phrase"] for theme in report["themes"]}
        assert "light reactions" in {phrase.lower() for phrase in themes}
        html = data["html"]
        assert html.count('role="img"') == 4 and "<table" in html and "<title id=" in html
        assert "Revision backlog" in html

    def test_learners_cannot_see_it(self, unit):
        assert unit.call("evaluation", {}, student="amelie")[0] == 403
        assert unit.call("course_evaluation", {}, student="amelie")[0] == 403
        assert unit.download("export_evaluation", "format=csv", student="amelie")[0] == 403

    def test_exports_are_downloads_only(self, unit):
        status, headers, _body = unit.download("export_evaluation", "format=csv", method="post")
        assert status == 405 and headers["Allow"] == "GET"
        status, _headers, body = unit.download("export_evaluation", "format=xml")
        assert status == 400 and b"Format" in body

    def test_queries_do_not_grow_with_the_community(self, unit):
        """One query per backlog component (at most 20, the unit's size), none per post or thread."""
        seed_unit(unit)
        unit.ok("evaluation", {}, student="staff")

        def count():
            with CaptureQueriesContext(connection) as captured:
                unit.ok("evaluation", {}, student="staff")
            return len(captured)

        small = count()
        for number in range(30):
            unit.ok("create_thread", {"kind": "question", "component": unit.component_keys()[number % 2 * 2],
                                           "title": f"Extra {number}", "body": "I'm confused by the graph."},
                         student=f"extra{number}")
        assert count() == small


def headline_tiles(html):
    """{figure: (label, value, context)} of the headline tiles, as the page shows them."""
    return {tile.get("data-figure"): tuple(part.text_content().strip() for part in tile.xpath("./dt|./dd"))
            for tile in lxml.html.fromstring(html).xpath('//dl[@class="cx-tiles"]/div[@data-figure]')}


def raise_alerts(community, new=1, acknowledged=0):
    now = timezone.now()
    for status in [AlertStatus.OPEN] * new + [AlertStatus.ACKNOWLEDGED] * acknowledged:
        Alert.objects.create(community=community, kind=AlertKind.BAD_BUZZ, fired_at=now, last_seen_at=now,
                             status=status)


class TestHeadlineFigures:
    def test_the_unit_headlines_come_first(self, unit):
        question, _issue = seed_unit(unit)
        raise_alerts(Thread.objects.get(pk=question["thread"]["id"]).community, new=2, acknowledged=1)
        html = unit.ok("evaluation", {}, student="staff")["html"]
        assert headline_tiles(html) == {
            "participation": ("Participation", "100%", "3 of 3 visitors posted"),
            "answered": ("Questions answered", "50%", "1 answered out of 2 questions"),
            "alerts": ("Open alerts", "2", "New, not yet acknowledged"),  # the acknowledged one is handled
            "top_issue": ("Top issue", "Problem: Limiting factors", "3 confusion or error signals"),
        }
        assert html.index('class="cx-tiles"') < html.index('role="img"')  # before every chart

    def test_an_empty_unit(self, unit):
        unit.page(student="amelie")
        assert headline_tiles(unit.ok("evaluation", {}, student="staff")["html"]) == {
            "participation": ("Participation", "0%", "0 of 1 visitor posted"),
            "answered": ("Questions answered", "—", "No questions yet"),
            "alerts": ("Open alerts", "0", "Nothing new to handle"),
            "top_issue": ("Top issue", "—", "Nothing raised yet"),
        }

    def test_the_top_issue_is_the_top_theme_without_a_backlog(self, unit):
        for student in ("amelie", "tom"):
            unit.ok("create_thread", {"kind": "discussion", "title": "Stomata",
                                      "body": "Stomata open in the morning, stomata close at night."}, student=student)
        report = unit.ok("evaluation", {}, student="staff")
        top = report["report"]["themes"][0]
        assert not report["report"]["backlog"]
        assert headline_tiles(report["html"])["top_issue"] == (
            "Top issue", top["phrase"], f"The most-raised theme, in {top['count']} posts")

    def test_the_course_headlines_add_up_the_units(self, unit):
        seed_two_units(unit, "question")
        data = unit.ok("course_evaluation", {}, student="staff")
        other = next(row["id"] for row in data["report"]["units"] if not row["this_unit"])
        raise_alerts(Community.objects.get(pk=other), new=1)
        html = unit.ok("course_evaluation", {}, student="staff")["html"]
        # Visitors: amelie, zsofia, tom and staff here; student_1 and staff in the other unit.
        assert headline_tiles(html) == {
            "participation": ("Participation", "67%", "4 of 6 visitors posted, counted in each unit"),
            "answered": ("Questions answered", "33%", "1 answered out of 3 questions"),
            "alerts": ("Open alerts", "1", "New in the course's communities, not yet acknowledged"),
            "top_issue": ("Top issue", "Unit community", "3 confusion or error signals"),
        }


class TestCourseEvaluation:
    def test_every_community_of_the_course_unit_by_unit(self, unit):
        seed_two_units(unit, "discussion")
        data = unit.ok("course_evaluation", {}, student="staff")
        units = {unit["name"]: unit for unit in data["report"]["units"]}
        assert units["Unit community"]["posts"] == 5 and units["Unit community"]["this_unit"]
        assert units["Community"]["posts"] == 1
        assert "Unit community" in data["html"] and 'role="img"' in data["html"]

    def test_the_table_sits_in_a_focusable_labelled_region(self, unit):
        seed_unit(unit)
        root = lxml.html.fromstring(unit.ok("course_evaluation", {}, student="staff")["html"])
        table = root.xpath('//table[contains(@class, "cx-course-table")]')[0]
        region = table.getparent()
        assert (region.get("role"), region.get("tabindex")) == ("region", "0")
        label = root.xpath(f'//*[@id="{region.get("aria-labelledby")}"]')[0]
        assert label.text_content().strip() == "Every community of the course"
        # Narrow screens read each row as a card: every figure names its column; numbers align right.
        headers = [th.text_content().strip() for th in table.xpath("./thead//th")]
        cells = table.xpath("./tbody/tr")[0].xpath("./td")
        assert [cell.get("data-label") for cell in cells] == headers[1:]
        assert all("cx-num" in cell.get("class") for cell in cells)


class TestExports:
    def test_csv_is_pseudonymous_by_default(self, unit):
        seed_unit(unit)
        status, headers, body = unit.download("export_evaluation", "format=csv")
        assert status == 200 and headers["Content-Type"].startswith("text/csv")
        text = body.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:4] == ["post_id", "thread_id", "thread_kind", "post_kind"]
        assert len(rows) == 6
        authors = {row[8] for row in rows[1:]}
        assert all(author.startswith("learner-") for author in authors) and len(authors) == 3
        assert "tom" not in text
        named = unit.download("export_evaluation", "format=csv&identified=1")[2].decode("utf-8")
        assert "tom" in named

    def test_json_export(self, unit):
        seed_unit(unit)
        data = json.loads(unit.download("export_evaluation", "format=json")[2].decode("utf-8"))
        assert data["pseudonymous"] and len(data["posts"]) == 5
        assert data["columns"][0] == "post_id" and len(data["posts"][0]) == len(data["columns"])
        assert data["report"]["signals"]["confusion"] == 2


def test_the_summary_event_goes_out_once_a_week(unit):
    seed_unit(unit)
    unit.ok("evaluation", {}, student="staff")
    unit.ok("evaluation", {}, student="staff")
    summaries = [data for name, data in unit.published if name == "edx.community.evaluation.summary"]
    assert len(summaries) == 1
    assert summaries[0]["signals"]["confusion"] == 2 and summaries[0]["participation"]["posters"] == 3


class TestParticipationGrade:
    def test_no_score_unless_the_author_turns_it_on(self, unit):
        assert unit.block_for("amelie").has_score is False
        unit.ok("create_thread", {"kind": "discussion", "title": "Hello there", "body": "x" * 100})
        assert unit.grades == {}

    def test_quality_over_volume(self, unit):
        unit.configure(participation_grade=True, grade_target=4)
        assert unit.block_for("amelie").max_score() == 4.0
        long_text = "A careful explanation of why the Calvin cycle needs the products of the light reactions."
        unit.ok("create_thread", {"kind": "discussion", "title": "Too short", "body": "ok"}, student="amelie")
        assert unit.grades[unit.user_key("amelie")] == 0.0
        created = unit.ok("create_thread", {"kind": "question", "title": "A real question",
                                            "body": long_text + " Why?"}, student="amelie")
        assert unit.grades[unit.user_key("amelie")] == 1.0
        answer = unit.ok("reply", {"thread_id": created["thread"]["id"], "body": long_text}, student="zsofia")
        unit.ok("accept_answer", {"post_id": answer["post"]["id"], "accepted": True}, student="amelie")
        from community_xblock.core.lookups import community_for
        from community_xblock.insights import grading

        community = community_for(unit.block_for("staff").community_key)
        assert grading.points(community, unit.user_key("zsofia")) == 3.0  # 1 for the answer, 2 for being accepted

    def test_a_grade_changed_by_someone_else_reaches_its_owner_not_the_actor(self, unit):
        """The LMS scores the requesting user only: B's reaction must not publish A's points as B's grade."""
        unit.configure(participation_grade=True, grade_target=4)
        long_text = "A careful explanation of why the Calvin cycle needs the products of the light reactions."
        created = unit.ok("create_thread", {"kind": "discussion", "title": "An explanation", "body": long_text},
                          student="amelie")
        opening = Post.objects.get(thread_id=created["thread"]["id"], is_opening=True).pk
        unit.page(student="zsofia")
        unit.ok("react", {"post_id": opening, "kind": "helpful"}, student="zsofia")
        assert unit.grades[unit.user_key("amelie")] == 1.0  # not yet the reaction's half point
        assert unit.user_key("zsofia") not in unit.grades  # the reactor got nobody's grade
        unit.page(student="amelie")  # the author's next visit publishes her own grade
        assert unit.grades[unit.user_key("amelie")] == 1.5
        unit.page(student="amelie")
        assert unit.grades[unit.user_key("amelie")] == 1.5

    def test_a_weekly_cap(self, unit):
        from community_xblock.core.lookups import community_for
        from community_xblock.insights import grading

        long_text = "x" * grading.MIN_LENGTH
        for number in range(8):
            unit.ok("create_thread", {"kind": "discussion", "title": f"Post {number}", "body": long_text},
                         student="busy")
        community = community_for(unit.block_for("staff").community_key)
        busy = unit.user_key("busy")
        assert grading.points(community, busy) == grading.WEEKLY_CAP
        Post.objects.filter(author_key=busy).filter(
            pk__in=list(Post.objects.filter(author_key=busy).values_list("pk", flat=True)[:4])
        ).update(week=timezone.now().date() - timedelta(days=14))
        assert grading.points(community, busy) == 8.0


@pytest.mark.parametrize("language", ["fr", "hu"])
def test_the_evaluation_speaks_french_and_hungarian(unit, language):
    seed_unit(unit)
    html = unit.ok("evaluation", {}, student="staff", language=language)["html"]
    expected = {"fr": "Arriéré de révision", "hu": "Javítandók listája"}[language]
    assert expected in html and "Revision backlog" not in html


def test_a_scheduled_job_publishes_the_summaries_that_are_due(unit):
    from django.core.management import call_command

    seed_unit(unit)
    out, err = io.StringIO(), io.StringIO()
    call_command("publish_community_summaries", stdout=out, stderr=err)
    events = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert [event["name"] for event in events] == ["edx.community.evaluation.summary"]
    assert events[0]["data"]["signals"]["confusion"] == 2
    assert events[0]["data"]["backlog"][0]["component"] == "Problem: Limiting factors"
    again = io.StringIO()
    call_command("publish_community_summaries", stdout=again, stderr=io.StringIO())
    assert again.getvalue().strip() == ""  # already sent this week
