"""The community manager's flow in the browser: learners report the same error, staff see the alert, publish an
erratum from it, and learners find the correction at the top of the space and on the conversation; staff add
a chat channel."""
import re

import pytest

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

ERROR = "There is an error in the video: the formula at 3:10 is wrong."


def test_staff_see_an_error_spreading_and_publish_an_erratum_learners_see(people, live, demo_usage_id):
    learner = people("alertlearner9", width=320)
    page = learner.open()
    option = page.locator('select[name="component"] option:not([value=""])').last
    component, name = option.get_attribute("value"), option.inner_text().strip()
    for number in range(4):
        status, _data = live.call(live.session(f"alertreporter{number}"), demo_usage_id, "create_thread",
                                  {"kind": "issue", "title": f"Wrong formula {number}", "body": ERROR,
                                   "component": component})
        assert status == 200

    staff = people("staff", width=320)
    page = staff.open()
    page.get_by_role("button", name=re.compile(r"^Alerts \(\d+ new\)$")).click()
    staff.announced("Alerts loaded.")
    alert = page.locator(".cx-alert", has=page.get_by_role("heading", name=f"Possible error in {name}"))
    assert "4 learners reported an error or confusion within 48 hours. 4 of them reported an error." in \
        alert.inner_text()
    accessible_and_within_the_screen(page, "the alerts stick out")
    alert.get_by_label("Erratum: the correction learners will see").fill(
        "The formula at 3:10 should read **v = d / t**.")
    alert.get_by_role("button", name="Publish the erratum").click()
    staff.announced("Erratum published.")
    alert = page.locator(".cx-alert", has=page.get_by_role("heading", name=f"Possible error in {name}"))
    staff.shows(alert.get_by_text("Before the erratum: 4 reports. Since: 0 reports."))
    accessible_and_within_the_screen(page, "the alerts after the erratum stick out")

    page.get_by_role("button", name="Chat notifications").click()
    staff.announced("Chat notifications loaded.")
    page.get_by_label("Webhook address").fill("http://127.0.0.1:9/hooks/course-team")
    page.get_by_label("Chat tool").select_option("slack")
    page.get_by_role("button", name="Add the channel").click()
    staff.announced("Channel added.")
    staff.shows(page.locator(".cx-webhook-list li", has_text="http://127.0.0.1:9/hooks/course-team"))
    accessible_and_within_the_screen(page, "the chat notifications stick out")

    page = learner.open()
    correction = page.locator(".cx-errata .cx-erratum", has_text=f"Correction about {name}")
    assert "v = d / t" in correction.first.inner_text()
    thread = learner.thread("Wrong formula 0")
    assert "v = d / t" in thread.locator(".cx-errata").inner_text()  # pinned on the conversation
    assert "v = d / t" in thread.locator(".cx-responses").inner_text()  # and the reply its followers hear of
    accessible_and_within_the_screen(page, "the learner's view of an erratum sticks out")
