"""Hot-spot events in the browser: staff plan one from the space, a learner sees its banner, answers "Going" and
downloads the .ics, which parses back; axe at 320 px in every state."""
from datetime import timedelta

import icalendar
import pytest
import requests
from django.utils import timezone

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_staff_plan_an_event_and_a_learner_answers_and_downloads_it(people, live):
    staff = people("staff", width=320)
    page = staff.open()
    page.get_by_text("Plan an event").click()
    start = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    form = page.locator('form[data-form="plan_event"]')
    form.get_by_label("Type").select_option("live_qa")
    form.get_by_label("Title").fill("Live Q&A before the quiz")
    form.get_by_label("Description").fill("Bring your **questions** about the Calvin cycle.")
    form.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Ends").fill((start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Time zone").fill("UTC")
    form.get_by_label("Places (empty: no limit)").fill("30")
    form.get_by_label("Link to the live session (https)").fill("https://meet.example.org/calvin")
    accessible_and_within_the_screen(page, "the event form sticks out")
    form.get_by_role("button", name="Plan the event").click()
    staff.announced("Event planned. Its conversation is pinned in this unit.")
    staff.shows(page.locator(".cx-event", has_text="Live Q&A before the quiz"))
    page.get_by_role("button", name="Course page").click()
    staff.announced("Course page loaded.")
    staff.shows(page.get_by_role("table", name="Health of every community block of the course"))
    assert "Live Q&A before the quiz" in page.locator(".cx-course-page").inner_text()
    accessible_and_within_the_screen(page, "the course page sticks out")

    learner = people("eventlearner", width=320)
    page = learner.open()
    event = page.locator(".cx-event", has_text="Live Q&A before the quiz")
    assert "Starts in 3 hours" in event.inner_text()
    accessible_and_within_the_screen(page, "the event and its banner stick out")
    event.get_by_role("button", name="Going", exact=True).click()
    learner.announced("Your answer is saved.")
    event = page.locator(".cx-event", has_text="Live Q&A before the quiz")
    learner.shows(event.locator('[data-answer="going"][aria-pressed="true"]'))
    assert "1 going" in event.inner_text() and "29 places left" in event.inner_text()
    accessible_and_within_the_screen(page, "the event after answering sticks out")

    href = event.get_by_role("link", name="Add to my calendar (.ics)").get_attribute("href")
    cookies = {cookie["name"]: cookie["value"] for cookie in learner.context.cookies()}
    download = requests.get(href if href.startswith("http") else live.url + href, cookies=cookies, timeout=30)
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(download.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Live Q&A before the quiz" and str(vevent["URL"]) == \
        "https://meet.example.org/calvin"
    assert page.locator(".cx-thread", has_text="Live Q&A before the quiz").count() == 1  # its pinned conversation


def test_a_new_learner_accepts_the_guidelines_then_posts(people, live, demo_usage_id):
    status, _data = live.call(live.session("staff"), demo_usage_id, "save_charter",
                              {"charter": "Be **kind**, and cite your sources."})
    assert status == 200
    try:
        learner = people("charterlearner", width=320)
        page = learner.open()
        guidelines = page.locator(".cx-charter")
        assert "Be kind, and cite your sources." in guidelines.inner_text()
        accessible_and_within_the_screen(page, "the guidelines stick out")
        guidelines.get_by_role("button", name="I accept the guidelines").click()
        learner.announced("Guidelines accepted. You can post now.")
        page.get_by_text("Start a conversation").click()
        page.get_by_label("Title", exact=True).first.fill("My first post here")
        page.get_by_label("Message", exact=True).first.fill("Hello, I read the guidelines.")
        page.get_by_role("button", name="Post", exact=True).click()
        learner.shows(page.get_by_role("button", name="My first post here"))
        accessible_and_within_the_screen(page, "the space after a first post sticks out")
    finally:  # the other tests of the session post freely
        live.call(live.session("staff"), demo_usage_id, "save_charter", {"charter": ""})


HELD_EVENT = """
from datetime import timedelta
from django.utils import timezone
from community_xblock.conversations import threads
from community_xblock.core.lookups import space_for
from community_xblock.gatherings import events
from community_xblock.platform.identity import CommunityKey, Viewer
space = space_for(CommunityKey("workbench", "sdk", "{usage_id}", "workbench"))
starts = timezone.now() - timedelta(days=3)
event = events.plan(space, Viewer("staff", "staff", is_staff=True), kind="debate", title="Debate held on Monday",
                    description="", time_zone="UTC", starts=starts.replace(tzinfo=None).isoformat(),
                    ends=(starts + timedelta(hours=2)).replace(tzinfo=None).isoformat(),
                    now=starts - timedelta(days=1))
for minutes, name in ((10, "held_a"), (20, "held_b"), (30, "held_c")):
    threads.reply(space, Viewer(name, name), thread_id=event.thread_id, body="My argument.",
                  now=starts + timedelta(minutes=minutes))
"""


def test_staff_read_what_a_past_event_did_to_the_buzz(people, live, demo_usage_id):
    live.shell(HELD_EVENT.format(usage_id=demo_usage_id))
    staff = people("staff", width=320)
    page = staff.open()
    past = page.locator(".cx-past-events li", has_text="Debate held on Monday")
    past.get_by_role("button", name="Measured effect").click()
    heading = page.get_by_role("heading", name="What “Debate held on Monday” did to the buzz")
    staff.shows(heading)
    assert page.evaluate("document.activeElement.tagName") == "H5"  # focus moved to what was measured
    table = past.get_by_role("table", name="Learners' activity in this unit")
    assert table.locator("thead th").all_inner_texts() == ["The 7 days before", "During the event", "The 7 days after"]
    posts = table.locator("tbody tr", has_text="Posts").first.locator("td").all_inner_texts()
    assert posts[1] == "3"  # three learners' posts while it ran
    assert past.locator("svg[role='img']").count() == 1
    accessible_and_within_the_screen(page, "the measured effect sticks out")


def test_an_author_schedules_a_prompt_in_studio_and_learners_see_it(people, live, demo_usage_id):
    author = people("staff", width=320)
    page = author.page
    page.goto(f"{live.url}/scenario/community.0/studio_view/?student=staff")
    editor = page.locator("form.cx-studio")
    editor.wait_for()
    editor.get_by_role("button", name="Add a scheduled prompt").click()
    row = editor.locator("[data-scheduled-prompt]").last
    assert page.evaluate("document.activeElement.dataset.part") == "text"
    row.get_by_label("Prompt", exact=True).fill("This week: bring one example from your garden.")
    row.get_by_label("From the day").fill(timezone.localdate().isoformat())  # the site's day (both use its zone)
    accessible_and_within_the_screen(page, "the scheduled prompt row sticks out")
    editor.get_by_role("button", name="Save").click()
    page.wait_for_function("document.querySelector('.cx-studio .cx-live').textContent.includes('Settings saved.')")
    try:
        learner = people("promptlearner", width=320).open()
        assert "This week: bring one example from your garden." in learner.locator(".cx").first.inner_text()
    finally:
        status, _data = live.call(live.session("staff"), demo_usage_id, "save_settings", {"scheduled_prompts": []})
        assert status == 200
