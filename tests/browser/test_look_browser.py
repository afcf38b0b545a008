"""The space's look in the browser (issue 14): a thread opens as a focused view and the way back returns to the
same place in the list; a link opens a thread; a post's menu works with the keyboard; reactions stay on one line
at 320 px; a draft's Markdown preview. axe and "nothing wider than the screen" in each state."""
import pytest

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

CONVERSATIONS = [
    ("zoe", "question", "Does the Calvin cycle stop at night?", "The video says it is light-independent, so…"),
    ("amelie", "discussion", "Les plantes grasses et la photosynthèse CAM",
     "Mes cactus ouvrent leurs stomates la nuit : c'est ça, le CAM ?"),
    ("zsofia", "question", "Miért sárgulnak ősszel a levelek?", "A klorofill lebomlik, de honnan jön a sárga?"),
    ("tom", "discussion", "A kitchen experiment with pondweed",
     "Counting bubbles under a desk lamp at three distances: my numbers inside."),
    ("student_3", "question", "Is oxygen from water or from CO2?", "The reading says water; how do we know?"),
    ("student_4", "discussion", "Photosynthesis in the deep sea?", "Are there any organisms without light?"),
]


@pytest.fixture(scope="module")
def conversations(live, demo_usage_id):
    ids = []
    for student, kind, title, body in CONVERSATIONS:
        status, data = live.call(live.session(student), demo_usage_id, "create_thread",
                                 {"kind": kind, "title": title, "body": body})
        assert status == 200, data
        ids.append(data["thread"]["id"])
    thread_id = ids[0]
    status, data = live.call(live.session("tom"), demo_usage_id, "reply", {
        "thread_id": thread_id, "body": "It slows down fast: no **ATP** or **NADPH** from the light reactions."})
    assert status == 200, data
    status, _data = live.call(live.session("amelie"), demo_usage_id, "react", {
        "post_id": data["post"]["id"], "kind": "helpful", "active": True})
    assert status == 200
    return dict(zip([title for _s, _k, title, _b in CONVERSATIONS], ids, strict=True))


def test_a_thread_opens_as_a_focused_view_and_the_way_back_keeps_the_lists_place(people, conversations):
    learner = people("lookreader", width=320)
    page = learner.open()
    title = "Does the Calvin cycle stop at night?"
    opener = page.get_by_role("button", name=title)
    opener.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 40)")
    before = page.evaluate("window.scrollY")
    opener.click()
    item = page.locator(".cx-thread.cx-is-open")
    item.locator(".cx-thread-detail").wait_for()
    assert page.locator(".cx-thread:visible").count() == 1  # the list steps aside
    assert page.locator(".cx-toolbar").is_hidden() and page.locator(".cx-search").is_hidden()
    assert item.locator(".cx-excerpt").is_hidden()  # the first post says it, once
    assert page.evaluate("location.hash").endswith(f"-thread-{conversations[title]}")
    assert page.evaluate("document.activeElement.classList.contains('cx-thread-title')")
    accessible_and_within_the_screen(page, "an opened thread sticks out")
    # Reactions: one row of chips, whatever the width.
    chips = item.locator(".cx-post-response .cx-reactions")
    assert chips.bounding_box()["height"] < 50
    assert chips.locator("[data-kind='helpful']").get_attribute("aria-label") == "Helpful (1)"
    learner.back()
    assert page.evaluate("window.scrollY") == pytest.approx(before, abs=2)
    assert page.evaluate("document.activeElement.textContent") == title
    assert page.evaluate("location.hash") == ""
    assert page.locator(".cx-thread:visible").count() >= len(CONVERSATIONS)


def test_a_link_to_a_thread_opens_it(people, live, conversations):
    learner = people("lookreader2", width=1280)
    page = learner.page
    title = "Miért sárgulnak ősszel a levelek?"
    dom_id = "cx-community-photosynthesis-unit-demo-community-d0-u0"
    page.goto(f"{live.url}/scenario/community.0/?student=lookreader2#{dom_id}-thread-{conversations[title]}")
    page.locator(".cx.cx-is-reading .cx-thread-detail").wait_for()
    assert page.locator(".cx-thread:visible").count() == 1
    assert title in page.locator(".cx-thread:visible .cx-thread-title").inner_text()
    learner.back()
    assert page.locator(".cx-thread:visible").count() >= len(CONVERSATIONS)


def test_a_posts_menu_opens_and_closes_with_the_keyboard(people, conversations):
    learner = people("lookkeys", width=320)
    page = learner.open()
    item = learner.thread("Does the Calvin cycle stop at night?")
    menu_button = item.locator(".cx-post-response summary.cx-menu-button")
    menu_button.focus()
    page.keyboard.press("Enter")
    menu = item.locator(".cx-post-response .cx-menu-items")
    menu.wait_for()
    assert menu.get_by_role("button", name="Flag", exact=True).is_visible()
    accessible_and_within_the_screen(page, "an open post menu sticks out")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('cx-menu-button')")


def test_a_draft_is_previewed_as_it_will_read(people, conversations):
    learner = people("lookwriter", width=320)
    page = learner.open()
    page.get_by_role("button", name="Start a conversation").click()
    form = page.locator(".cx-compose-form")
    form.get_by_label("Message").fill("Light *and* **dark** reactions:\n\n- one\n- two")
    form.get_by_role("button", name="Preview").click()
    preview = form.get_by_role("region", name="Preview")
    learner.shows(preview)
    assert preview.locator("strong").inner_text() == "dark" and preview.locator("li").count() == 2
    learner.announced("Preview shown below your message.")
    accessible_and_within_the_screen(page, "the composer with its preview sticks out")
    form.get_by_label("Message").press("End")
    form.get_by_label("Message").type(" three")
    preview.wait_for(state="hidden")  # a preview that no longer matches the draft goes away
    form.get_by_role("button", name="Cancel").click()
    assert form.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Start a conversation"
