"""The demo a newcomer opens with `make demo`: believable figures, author pages that render, no debug pages."""
import pytest
import requests

from community_xblock.demo.seed import seed_demo


def test_the_seeded_evaluation_is_believable(workbench):
    seed_demo()
    report = workbench.ok("evaluation", {}, student="staff")["report"]
    participation = report["participation"]
    assert participation["viewers"] >= participation["posters"] >= participation["repliers"] > 0
    median = report["questions"]["median_hours_to_first_answer"]
    assert median is not None and 0 < median < 24  # replies come an hour or so after each question
    weeks = [row["week"] for row in report["signals_over_time"]]
    assert len(weeks) >= 3  # the seed spreads over three weeks


def test_the_demo_shows_the_community_manager_an_error_spreading(workbench):
    seed_demo()
    assert "Alerts (3 new)" in workbench.page(student="staff")
    panel = workbench.ok("alerts", {}, student="staff")["panel"]
    titles = [alert["title"] for alert in panel["alerts"]]
    assert titles[0] == "Possible error in Video: How leaves capture light"  # the last day's reports
    assert {"Possible error in Problem: Limiting factors", "Unanswered questions in this unit"} <= set(titles)
    assert [item["title"] for item in panel["waiting"]] == ["Does photosynthesis stop at night?"]


def test_the_demo_shows_the_course_team_an_expert_among_its_learners(workbench):
    seed_demo()
    panel = workbench.ok("talent", {}, student="staff")
    # Tom answers; the live Q&A's talk about the Calvin cycle makes student_1, who raised it, a trend-setter.
    assert panel["button"] == "Talent (2 candidates)"
    assert "tom" in panel["html"] and "Answered 3 questions of 4 other learners; 3 accepted as the answer." in \
        panel["html"]


@pytest.mark.parametrize("view", ["studio_view", "author_view"])
def test_the_author_urls_render_without_missing_views(workbench, view):
    html = workbench.view(view)
    assert "No such view" not in html
    assert "Video: How leaves capture light" in html


@pytest.mark.live
def test_error_pages_do_not_show_settings(live):
    response = requests.get(f"{live.url}/handler/no-such-block/list_threads/", timeout=30)
    assert response.status_code == 404
    assert "DATABASES" not in response.text and "settings" not in response.text.lower()
    assert "Traceback" not in response.text
    # The workbench's own static files are still served (the page needs its jQuery).
    page = requests.get(f"{live.url}/scenario/community.0/?student=student_1", timeout=30)
    static = next(part.split('"')[0] for part in page.text.split('src="')[1:] if part.startswith("/static/"))
    assert requests.get(live.url + static, timeout=30).status_code == 200
