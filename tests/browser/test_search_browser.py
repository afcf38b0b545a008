"""Search in the browser: a learner looks for a word without its accents, reads the matches with the words
marked, opens one in place and goes back to all conversations; axe at 320 px in every state."""
import pytest

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_learner_searches_reads_the_matches_and_goes_back(people, live, demo_usage_id):
    session = live.session("searcher")
    status, _data = live.call(session, demo_usage_id, "create_thread", {
        "kind": "question", "title": "Miért zöldek a levelek?", "body": "A klorofill a zöld fényt veri vissza."})
    assert status == 200
    learner = people("searchreader", width=320)
    page = learner.open()
    search = page.get_by_role("search")
    search.get_by_label("Search this space").fill("zold")
    accessible_and_within_the_screen(page, "the search form sticks out")
    search.get_by_role("button", name="Search", exact=True).click()
    heading = page.get_by_role("heading", name="Conversations matching “zold”")
    learner.shows(heading)
    assert page.evaluate("document.activeElement.classList.contains('cx-search-title')")
    match = page.locator(".cx-threads .cx-thread", has_text="Miért zöldek a levelek?")
    assert match.locator("mark").first.inner_text() in ("zöld", "zöldek")
    assert page.locator(".cx-threads .cx-thread").count() == 1
    accessible_and_within_the_screen(page, "the search results stick out")
    match.get_by_role("button", name="Miért zöldek a levelek?").click()
    learner.shows(match.locator(".cx-thread-panel"))
    learner.back()  # the thread's way back leads to the matches, whose own leads to every conversation
    assert page.locator(".cx-threads .cx-thread").count() == 1
    page.get_by_role("button", name="Back to all conversations").click()
    page.locator(".cx-search-summary").wait_for(state="hidden")
    assert page.get_by_role("heading", name="Conversations matching “zold”").count() == 0
    assert page.locator(".cx-threads .cx-thread", has_text="Miért zöldek a levelek?").count() == 1
    assert page.evaluate("document.activeElement.name") == "query"
