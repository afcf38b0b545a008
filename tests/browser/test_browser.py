"""Learner and staff flows in Debian's headless Chromium, against a real workbench server.

Elements are found by role and accessible name, as a screen reader user would find them.
"""
import re

import pytest

from tests.browser.pages import OVERFLOW_SCRIPT, TITLE, accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

def test_learners_and_staff_discuss_and_moderate(people):
    asker, helper, staff = people("student_1"), people("amelie"), people("staff")
    ask_a_question_about_a_component(asker)
    fix_a_typo(asker)
    answer_react_and_follow(helper)
    accept_and_comment(asker)
    flag_the_comment(helper)
    review_and_moderate(staff)
    find_everything_after_a_reload(helper)


def ask_a_question_about_a_component(asker):
    page = asker.open()
    page.get_by_text("Start a conversation").click()
    page.get_by_label("Type").select_option("question")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Message").fill("The reading says it needs **no light**, but it uses ATP from the light.")
    page.get_by_label("About", exact=True).select_option(label="Reading: The Calvin cycle")
    page.get_by_role("button", name="Post", exact=True).click()
    asker.shows(page.get_by_role("button", name=TITLE))
    asker.announced("Your conversation was posted.")
    item = asker.thread()
    assert "no light" in item.locator(".cx-post-thread .cx-body strong").inner_text()
    assert page.get_by_role("link", name="About: Reading: The Calvin cycle").count() == 1


def fix_a_typo(asker):
    """The edit form only shows when asked for."""
    item = asker.thread()
    edit_form = item.locator(".cx-post-thread form.cx-edit")
    assert not edit_form.is_visible()
    asker.post_action(item.locator(".cx-post-thread"), "Edit")
    assert edit_form.is_visible()
    edit_form.get_by_label("Message").fill("The reading says it needs **no light**, yet it uses ATP from the light.")
    edit_form.get_by_role("button", name="Save").click()
    asker.shows(item.locator(".cx-post-thread .cx-body", has_text="yet it uses ATP"))
    asker.announced("Your changes were saved.")


def answer_react_and_follow(helper):
    helper.open()
    item = helper.thread()
    item.get_by_label("Your response").fill("It needs no light *directly*, but stops soon in the dark.")
    item.get_by_role("button", name="Respond").click()
    helper.shows(item.locator(".cx-responses .cx-body", has_text="stops soon in the dark"))
    helper.announced("Your reply was posted.")
    helper.thread().locator(".cx-post-thread").get_by_role("button", name=re.compile(r"^Helpful")).click()
    pressed = helper.shows(helper.thread().locator(".cx-post-thread [data-kind='helpful'][aria-pressed='true']"))
    assert pressed.get_attribute("aria-label") == "Helpful (1)"
    # A compact chip: an icon and the count; its name for screen readers and on hover.
    assert pressed.inner_text() == "1" and pressed.locator("svg.cx-icon").count() == 1
    helper.announced("Reaction added.")
    helper.thread().get_by_role("button", name="Follow").click()
    helper.shows(helper.thread().get_by_role("button", name="Following"))
    helper.announced("You follow this conversation.")


def accept_and_comment(asker):
    asker.open()
    asker.thread().get_by_role("button", name="Accept answer").click()
    asker.shows(asker.thread().get_by_role("button", name="Unaccept answer"))
    asker.announced("Answer accepted.")
    item = asker.thread()
    assert item.get_by_text("Accepted answer").count() == 1
    item.locator(".cx-comment-compose summary").click()
    item.get_by_label("Your comment").fill("Thanks, that makes sense!")
    item.get_by_role("button", name="Add comment").click()
    asker.shows(item.locator(".cx-comments .cx-body", has_text="Thanks, that makes sense!"))
    asker.announced("Your reply was posted.")


def flag_the_comment(helper):
    page = helper.open()
    page.on("dialog", lambda dialog: dialog.accept())
    helper.post_action(helper.thread().locator(".cx-comments .cx-post"), "Flag")
    flagged = "[data-action='flag'][aria-pressed='true']"
    helper.thread().locator(f".cx-comments .cx-post {flagged}").wait_for(state="attached")
    helper.announced("Post reported to the course team.")


def review_and_moderate(staff):
    page = staff.open()
    assert page.get_by_text("moderation controls").count() == 1
    page.get_by_label("Show", exact=True).select_option("flagged")
    staff.announced("Conversations updated.")
    assert page.get_by_role("button", name=TITLE).count() == 1
    comments = staff.thread().locator(".cx-comments")
    staff.post_action(comments.locator(".cx-post"), "Clear flags")
    page.wait_for_function("() => !document.querySelector('.cx-comments [data-action=\"clear-flags\"]')")
    staff.announced("Flags cleared.")
    staff.thread().get_by_role("button", name="Pin").click()
    staff.shows(staff.thread().get_by_role("button", name="Unpin"))
    staff.thread().get_by_role("button", name="Close", exact=True).click()
    staff.shows(staff.thread().get_by_role("button", name="Reopen"))
    staff.post_action(staff.thread().locator(".cx-comments .cx-post"), "Hide from learners")
    staff.thread().locator(".cx-comments [data-action='hide'][data-value='false']").wait_for(state="attached")
    staff.announced("Post hidden from learners.")


def find_everything_after_a_reload(helper):
    page = helper.open()
    listed = page.locator(".cx-thread").first
    assert TITLE in listed.inner_text()
    for badge in ("Pinned", "Closed", "Answered", "Following"):
        assert badge in listed.inner_text(), badge
    item = helper.thread()
    assert item.get_by_text("This conversation is closed to new replies.").count() == 1
    assert item.get_by_label("Your response").count() == 0
    assert item.get_by_text("Thanks, that makes sense!").count() == 0  # hidden by staff
    helpful = item.locator(".cx-post-thread").get_by_role("button", name=re.compile(r"^Helpful"))
    assert helpful.get_attribute("aria-label") == "Helpful (1)"


def test_keyboard_only_learner(people):
    learner = people("zsofia")
    page = learner.open()
    page.get_by_text("Start a conversation").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Title").focus()
    page.keyboard.type("Billentyűzettel írt kérdés")
    page.keyboard.press("Tab")
    page.keyboard.type("Ezt csak billentyűzettel írtam 🌱")
    page.get_by_role("button", name="Post", exact=True).focus()
    page.keyboard.press("Enter")
    learner.announced("Your conversation was posted.")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Billentyűzettel írt kérdés"  # focus moves to the new conversation
    page.keyboard.press("Enter")
    page.locator(".cx-thread-detail").first.wait_for()
    assert page.get_by_role("button", name="Billentyűzettel írt kérdés").get_attribute("aria-expanded") == "true"


def test_errors_are_shown_next_to_the_form_and_announced(people):
    learner = people("tom")
    page = learner.open()
    page.get_by_text("Start a conversation").click()
    page.get_by_label("Title").fill("ab")
    page.get_by_label("Message").fill("Too short a title")
    page.get_by_role("button", name="Post", exact=True).click()
    alert = page.get_by_role("alert").filter(has_text="Title")
    alert.wait_for()
    assert alert.inner_text() == "Title must be at least 3 characters long."
    assert page.get_by_label("Title").get_attribute("aria-invalid") == "true"


# The right edge of the block, and of the furthest-reaching thing inside it (the workbench's own chrome
# around the block is not ours to judge).
@pytest.mark.parametrize("width", [320, 1024])
def test_accessibility_of_the_learner_view(people, width):
    from axe_playwright_python.sync_playwright import Axe

    learner = people("student_1", width=width)
    page = learner.open()
    page.get_by_text("Start a conversation").click()
    learner.thread()  # a thread open, with its forms and reactions
    results = Axe().run(page, context=".cx")
    assert results.violations_count == 0, results.generate_report()
    layout = page.evaluate(OVERFLOW_SCRIPT)
    assert layout["widest"] <= layout["box"] + 1, f"something in the community space sticks out at {width}px"
    assert layout["box"] <= width, layout


def test_accessibility_of_the_staff_view(people):
    from axe_playwright_python.sync_playwright import Axe

    staff = people("staff")
    page = staff.open()
    staff.thread()
    assert Axe().run(page, context=".cx").violations_count == 0  # an opened thread with the course team's menus
    staff.back()
    page.get_by_role("button", name="Evaluate this unit").click()
    staff.announced("Evaluation loaded.")
    assert page.get_by_role("heading", name="Revision backlog").count() == 1
    charts = page.locator(".cx-evaluation svg[role='img']")
    assert charts.count() >= 3  # participation, signals, themes; the backlog's when there is one
    assert charts.count() == page.locator(".cx-evaluation svg[role='img'] > title").count()
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Evaluation of this unit"  # focus moves to the report it loaded
    results = Axe().run(page, context=".cx")
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Evaluate the course").click()
    page.get_by_role("heading", name="Evaluation of the course, unit by unit").wait_for()
    assert Axe().run(page, context=".cx").violations_count == 0


@pytest.mark.parametrize(("language", "posted", "button"), [
    ("fr", "Votre conversation a été publiée.", "Publier"),
    ("hu", "A beszélgetésed megjelent.", "Közzététel"),
])
def test_the_page_and_its_announcements_speak_the_learners_language(people, live, language, posted, button):
    learner = people(f"learner_{language}")
    page = learner.page
    page.goto(f"{live.url}/scenario/community.0/?student=learner_{language}&lang={language}")
    page.wait_for_selector(".cx")
    page.locator(".cx-start").click()
    page.locator(".cx-compose input[name='title']").fill(f"Titre {language} ő")
    page.locator(".cx-compose textarea[name='body']").fill("Corps du message")
    page.get_by_role("button", name=button, exact=True).click()
    learner.announced(posted)


def test_the_studio_editor_names_wrong_fields_then_saves(people, live):
    from axe_playwright_python.sync_playwright import Axe

    author = people("staff")
    page = author.page
    page.goto(f"{live.url}/scenario/community.0/studio_view/?student=staff")
    editor = page.locator("form.cx-studio")
    editor.wait_for()
    assert Axe().run(page, context=".cx-studio").violations_count == 0
    editor.get_by_label("Display name").fill("   ")
    editor.get_by_label("Course end", exact=True).evaluate(
        "input => { input.type = 'text'; input.value = '31/12/2026'; }")
    editor.get_by_role("button", name="Save").click()
    error = editor.locator('[data-error-for="display_name"]')
    error.wait_for()
    assert error.inner_text() == "Display name must not be empty."
    assert "YYYY-MM-DD" in editor.locator('[data-error-for="course_end"]').inner_text()
    assert editor.get_by_label("Display name").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "display_name"
    assert "nothing was saved" in editor.get_by_role("alert").first.inner_text()

    editor.get_by_label("Display name").fill("Leaves and light")
    editor.get_by_label("Course end", exact=True).fill("")
    editor.get_by_label("Anonymous posts", exact=True).uncheck()
    editor.get_by_role("button", name="Save").click()
    page.wait_for_function("document.querySelector('.cx-studio .cx-live').textContent.includes('Settings saved.')")
    learner = people("student_1").open()
    assert learner.get_by_role("heading", name="Leaves and light").count() == 1
    learner.get_by_text("Start a conversation").click()
    anonymous_box = learner.get_by_label("Post anonymously to other learners (the course team still sees your name)")
    assert anonymous_box.count() == 0
    # Leave the shared live server as the other tests expect it.
    session = live.session("staff")
    status, _ = live.call(session, "community-photosynthesis-unit-demo.community.d0.u0", "save_settings",
                          {"display_name": "Unit community", "allow_anonymous": True})
    assert status == 200


def test_show_more_survives_a_failed_request_and_ignores_stale_answers(people, live, demo_usage_id):
    """A failed "Show more" does not skip a page; an answer to an earlier list request never overwrites a later one."""
    session = live.session("pager")
    for number in range(25):
        status, _ = live.call(session, demo_usage_id, "create_thread",
                              {"kind": "discussion", "title": f"Paged thread {number:02d}", "body": "x"})
        assert status == 200
    reader = people("pager_reader")
    page = reader.open()
    listed = page.locator(".cx-threads > .cx-thread")
    first_page = listed.count()
    assert first_page == 20
    failures = {"left": 1}

    def fail_once(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort()
        else:
            route.continue_()

    page.route("**/list_threads/**", fail_once)
    page.get_by_role("button", name="Show more conversations").click()
    reader.announced("The server could not be reached.")
    assert listed.count() == first_page
    page.get_by_role("button", name="Show more conversations").click()
    page.wait_for_function("n => document.querySelectorAll('.cx-threads > .cx-thread').length > n", arg=first_page)
    titles = [title.strip() for title in listed.locator(".cx-open").all_inner_texts()]
    assert len(titles) == len(set(titles)), "a page was skipped or shown twice"
    page.unroute("**/list_threads/**")

    # A slow answer to the first of two quick changes of order must not replace the second's.
    held = []

    def hold(route):  # Playwright needs a Python function here, not a bound builtin
        held.append(route)

    page.route("**/list_threads/**", hold)
    page.get_by_label("Sort by").select_option("top")
    page.get_by_label("Sort by").select_option("new")
    while len(held) < 2:
        page.wait_for_timeout(20)
    held[1].continue_()  # "new" answers first
    page.wait_for_function(
        "() => document.querySelector('.cx-threads .cx-open').textContent.trim() === 'Paged thread 24'")
    with page.expect_response("**/list_threads/**"):
        held[0].continue_()  # then the stale "top" answer
    page.wait_for_timeout(300)  # time for the page to (wrongly) apply it
    assert listed.first.locator(".cx-open").inner_text() == "Paged thread 24"
    page.unroute("**/list_threads/**")


def test_staff_undo_a_decision_from_the_moderation_log(people, live, demo_usage_id):
    title = "Which light do the light reactions need?"
    live.call(live.session("student_2"), demo_usage_id, "create_thread",
              {"kind": "question", "title": title, "body": "Any light, or only red and blue?"})
    staff = people("staff", width=320)
    page = staff.open()
    staff.thread(title).get_by_role("button", name="Pin").click()
    staff.shows(staff.thread(title).get_by_role("button", name="Unpin"))
    staff.back()
    page.get_by_role("button", name="Moderation log").click()
    staff.announced("Moderation log loaded.")
    assert page.evaluate("document.activeElement.textContent") == "Moderation log"
    decision = page.locator(".cx-decision").first
    assert "Pinned the conversation" in decision.inner_text() and title in decision.inner_text()
    accessible_and_within_the_screen(page, "the moderation log sticks out")
    decision.get_by_role("button", name="Undo").focus()
    page.keyboard.press("Enter")
    staff.announced("Decision undone.")
    staff.shows(page.locator(".cx-decision.cx-is-undone"))
    assert "Unpinned the conversation" in page.locator(".cx-decision").first.inner_text()
    staff.open()
    assert staff.thread(title).get_by_role("button", name="Pin", exact=True).count() == 1


def test_staff_review_a_held_post_in_the_queue(people, live, demo_usage_id):
    _status, created = live.call(live.session("student_3"), demo_usage_id, "create_thread",
                                 {"kind": "discussion", "title": "Shortcut to the answers",
                                  "body": "Buy the answers at example.com"})
    post_id = live.count(f"SELECT opening_post_id FROM community_xblock_thread WHERE id = {created['thread']['id']}")
    for number in range(3):
        live.call(live.session(f"reviewflagger{number}"), demo_usage_id, "flag",
                  {"post_id": post_id, "reason": "spam"})
    staff = people("staff", width=320)
    page = staff.open()
    page.get_by_role("button", name=re.compile(r"^Review queue \(\d+ posts?\)$")).click()
    staff.announced("Review queue loaded.")
    item = page.locator(".cx-review-item", has=page.get_by_role("heading", name="Shortcut to the answers"))
    assert "Hidden pending review" in item.inner_text()
    assert "A learner's flag: 1.0 × role ×1.0 × track record ×1.0 = 1.0" in item.inner_text()
    accessible_and_within_the_screen(page, "the review queue sticks out")
    item.get_by_role("button", name="Disagree: show it").focus()
    page.keyboard.press("Enter")
    staff.announced("Decision recorded.")
    staff.shows(page.locator(".cx-review-queue h3"))
    assert page.locator(".cx-review-item", has=page.get_by_role("heading", name="Shortcut to the answers")).count() == 0
    learner = people("reviewflagger0")
    learner.open()
    assert learner.page.get_by_role("button", name="Shortcut to the answers").count() == 1


def test_staff_watch_a_word_and_a_learners_post_waits_for_review(people):
    staff = people("staff", width=320)
    page = staff.open()
    page.get_by_role("button", name="Watched words").click()
    staff.announced("Watched words loaded.")
    page.get_by_label("Word or phrase").fill("essay mill")
    page.get_by_label("What it does").select_option("hold")
    page.get_by_role("button", name="Watch", exact=True).click()
    staff.announced("The word is watched.")
    staff.shows(page.locator(".cx-watched-words li", has_text="essay mill").get_by_role("button", name="Remove"))
    accessible_and_within_the_screen(page, "the watched words stick out")

    learner = people("student_4")
    page = learner.open()
    page.get_by_text("Start a conversation").click()
    page.get_by_label("Title").fill("Faster way to finish the essay")
    page.get_by_label("Message").fill("Try the Essay Mill site, it writes it for you.")
    page.get_by_role("button", name="Post", exact=True).click()
    learner.announced("Your post was sent to the course team, who will check it before it is shown.")
    assert page.get_by_role("button", name="Faster way to finish the essay").count() == 0
    staff.open()
    staff.page.get_by_role("button", name=re.compile(r"^Review queue")).click()
    staff.announced("Review queue loaded.")
    assert "Held: it contains the watched word “essay mill”." in staff.page.locator(".cx-review-queue").inner_text()
