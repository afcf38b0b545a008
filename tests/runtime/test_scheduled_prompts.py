"""Scheduled prompts through the block, in the SDK workbench and the LMS-shaped runtime: an author plans them in
Studio's editor; learners see the one begun most recently in place of the unit's (or a component's) prompt; the
strategist's course page lists every unit's prompts with what each does today; bad schedules change nothing."""
from datetime import timedelta

from django.utils import timezone


def save(unit, **settings):
    return unit.call("save_settings", settings, student="staff", mode="studio")


def days_from_today(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()  # the site's day, as prompts count them


def test_the_prompt_begun_most_recently_replaces_the_units_and_the_components(unit):
    video = unit.component_keys()[0]
    status, data = save(unit, prompt="The unit's own prompt.", scheduled_prompts=[
        {"text": "Week 2: an **example** from your work?", "shows_from": days_from_today(-7)},
        {"text": "Week 3: what would you change?", "shows_from": days_from_today(-1)},
        {"text": "Next week's prompt.", "shows_from": days_from_today(6)},
        {"text": "Rewatch the animation: which step?", "component": video, "shows_from": days_from_today(-2)},
    ])
    assert status == 200, data
    page = unit.page("amelie")
    assert "Week 3: what would you change?" in page and "Rewatch the animation: which step?" in page
    assert "The unit's own prompt." not in page and "Week 2" not in page and "Next week's prompt." not in page


def test_alumni_prompts_count_from_the_course_end(unit):
    save(unit, course_end=days_from_today(-40), scheduled_prompts=[
        {"text": "A month on: what do you still use?", "days_after_end": 30},
        {"text": "Two months on.", "days_after_end": 60}])
    unit.page("staff")  # staff opening the unit in the LMS keep the course page's copy (Studio saves a draft)
    course_page = unit.ok("course_page", {}, student="staff")["html"]
    assert course_page.count("Shown now") == 1 and course_page.count("cx-prompt-coming") == 1
    page = unit.page("amelie")
    assert "A month on: what do you still use?" in page and "Two months on." not in page


def test_the_course_page_lists_every_units_prompts_with_their_state(unit):
    save(unit, prompt="What surprised you?", scheduled_prompts=[
        {"text": "Shown since yesterday.", "shows_from": days_from_today(-1)},
        {"text": "For the alumni.", "days_after_end": 10}])
    assert "Shown since yesterday." not in unit.ok("course_page", {}, student="staff")["html"]  # a draft, unseen
    unit.page("staff")
    unit.page("amelie", usage_id=unit.other_usage_id)
    html = unit.ok("course_page", {}, student="staff")["html"]
    assert "What surprised you?" in html and "Shown since yesterday." in html and "Shown now" in html
    assert "For the alumni." in html and "10 days after the course end" in html


def test_a_bad_schedule_is_refused_and_nothing_changes(unit):
    save(unit, scheduled_prompts=[{"text": "Kept.", "shows_from": days_from_today(-1)}])
    status, data = save(unit, scheduled_prompts=[{"text": "Both", "shows_from": "2026-11-02", "days_after_end": 3}])
    assert status == 400 and "either a day" in data["errors"]["scheduled_prompts"]
    assert unit.settings()["scheduled_prompts"][0]["text"] == "Kept."
    status, data = save(unit, scheduled_prompts=[{"text": "<script>alert(1)</script>", "shows_from": "2026-11-02"}])
    assert status == 200  # Markdown, escaped where it shows
    assert "<script>alert(1)" not in unit.page("amelie")


def test_the_editor_shows_a_row_per_scheduled_prompt_and_one_to_add(unit):
    save(unit, scheduled_prompts=[{"text": "Kept.", "shows_from": "2026-11-02"}])
    html = unit.view("studio_view")
    assert html.count("<li class=\"cx-scheduled-prompt\"") == 2  # the saved row and the <template> of a new one
    assert "Add a scheduled prompt" in html and "The whole unit" in html and ">Kept.</textarea>" in html
