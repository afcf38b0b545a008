"""The talent detector in the browser: learners answer, thank and endorse; staff find the expert among the
candidates with her reasons, promote her, and her badge shows next to her name in another unit of the course."""
import re

import pytest
import requests

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

EXPERT = "talentexpert"
ASKERS = ("talentasker0", "talentasker1", "talentasker2")


def usage_id_of(live, scenario):
    page = requests.get(f"{live.url}/scenario/{scenario}/?student=staff", timeout=30).text
    return re.search(r"data-usage='([^']+)'", page).group(1)


def test_staff_promote_the_expert_and_her_badge_shows_in_another_unit(people, live, demo_usage_id):
    expert = live.session(EXPERT)
    for asker_name in ASKERS:
        asker = live.session(asker_name)
        _status, asked = live.call(asker, demo_usage_id, "create_thread", {
            "kind": "question", "title": f"Help {asker_name}", "body": "Why does the Calvin cycle need ATP?"})
        _status, answered = live.call(expert, demo_usage_id, "reply", {
            "thread_id": asked["thread"]["id"], "body": "It uses ATP and NADPH from the light reactions."})
        answer_id = answered["post"]["id"]
        assert live.call(asker, demo_usage_id, "react", {"post_id": answer_id, "kind": "helpful"})[0] == 200
        assert live.call(asker, demo_usage_id, "reply", {"thread_id": asked["thread"]["id"], "parent_id": answer_id,
                                                         "body": "Thanks, that helped a lot!"})[0] == 200

    learner = people("talentpeer", width=320)
    page = learner.open()
    thread = learner.thread("Help talentasker0")
    learner.post_action(thread.locator(".cx-post-response").first, "Knows this topic")
    learner.announced("Endorsement added: you say they know this topic.")
    learner.thread("Help talentasker0").locator('[data-action="endorse"][aria-pressed="true"]').wait_for(
        state="attached")
    accessible_and_within_the_screen(page, "a thread with the endorsement")

    staff = people("staff", width=320)
    page = staff.open()
    page.get_by_role("button", name="Talent", exact=True).click()
    staff.announced("Candidates loaded.")
    candidate = page.locator(".cx-candidate", has=page.get_by_role("heading", name=re.compile(EXPERT))).first
    text = candidate.inner_text()
    assert "Answered 3 questions of 3 other learners" in text and "1 peer says they know this topic." in text
    accessible_and_within_the_screen(page, "the talent panel sticks out")
    candidate.get_by_role("button", name="Promote to community expert").click()
    staff.announced("Promoted to community expert.")
    staff.shows(page.locator(".cx-experts li", has_text=EXPERT))
    accessible_and_within_the_screen(page, "the talent panel after a promotion sticks out")

    # Another unit of the course: she answers there, and a learner sees her badge.
    other = usage_id_of(live, "community.1")
    _status, asked = live.call(live.session("talentasker0"), other, "create_thread",
                               {"kind": "question", "title": "A question in unit two", "body": "How?"})
    assert live.call(expert, other, "reply", {"thread_id": asked["thread"]["id"], "body": "Like this."})[0] == 200
    page = learner.page
    page.goto(f"{live.url}/scenario/community.1/?student=talentpeer")
    page.wait_for_selector(".cx")
    item = learner.thread("A question in unit two")
    badge = item.locator(".cx-post-response .cx-expert-badge")
    learner.shows(badge)
    assert badge.inner_text() == "Community expert"
    assert "cx-by-expert" in item.locator(".cx-post-response").first.get_attribute("class")
    accessible_and_within_the_screen(page, "the expert's badge in another unit")
