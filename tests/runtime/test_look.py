"""The space as people see it (issue 14): compact posts with their secondary actions in a menu, the list at a
glance, the Markdown preview of a draft, a thread opened from a link, and what a learner's page weighs."""
import lxml.html
import pytest

from community_xblock.conversations.presenters import initials
from community_xblock.models import Post

PAGE_WEIGHT_LIMIT = 60 * 1024  # CSS + JS a learner's browser receives, uncompressed


def started(unit, student="amelie", title="Do roots breathe at night?"):
    thread = unit.ok("create_thread", {"kind": "question", "title": title, "body": "They *do*, I think."},
                     student=student)["thread"]
    return thread["id"]


def test_initials_take_the_first_letter_of_the_first_two_words():
    assert initials("Zsófia Kovács") == "ZK"
    assert initials("amélie") == "A"
    assert initials("Jean-Luc de la Tour") == "JD"
    assert initials("  ") == "" and initials("(anon) Bob") == "B"


def test_a_post_shows_initials_role_badges_compact_reactions_and_a_menu_of_secondary_actions(unit):
    thread_id = started(unit)
    unit.ok("reply", {"thread_id": thread_id, "body": "Yes: respiration never stops."}, student="staff")
    html = unit.ok("get_thread", {"thread_id": thread_id}, student="student_1")["html"]
    tree = lxml.html.fromstring(html)
    staff_post = tree.xpath("//article[contains(@class,'cx-by-staff')]")
    assert len(staff_post) == 1 and "Course team" in staff_post[0].text_content()
    assert staff_post[0].xpath(".//span[contains(@class,'cx-avatar')]/@aria-hidden") == ["true"]
    opening = tree.xpath("//article[contains(@class,'cx-post-thread')]")[0]
    assert opening.xpath(".//span[contains(@class,'cx-avatar')]")[0].text_content() == "A"
    chips = opening.xpath(".//button[@data-action='react']")
    assert [chip.get("aria-label") for chip in chips] == [
        "Helpful (0)", "Insightful (0)", "Confused (0)", "Found an error (0)"]
    # Flag sits in the post's menu, a disclosure with a named button; the reactions stay in sight.
    menu = opening.xpath(".//details[contains(@class,'cx-menu')]")[0]
    assert "More actions" in menu.xpath("./summary")[0].text_content()
    assert menu.xpath(".//button[@data-action='flag']") and not menu.xpath(".//button[@data-action='react']")
    assert opening.xpath(".//time[@data-relative]/@datetime")


def test_the_author_sees_edit_and_delete_in_the_menu_and_a_reader_with_nothing_to_do_gets_no_menu(unit):
    thread_id = started(unit)
    mine = lxml.html.fromstring(unit.ok("get_thread", {"thread_id": thread_id}, student="amelie")["html"])
    assert {b.get("data-action") for b in mine.xpath("//details[contains(@class,'cx-menu')]//button")} == {
        "edit", "delete"}
    page = lxml.html.fromstring(unit.page(student="amelie"))
    item = page.xpath(f"//li[@data-thread-id='{thread_id}']")[0]
    assert "0 replies" in item.xpath(".//*[contains(@class,'cx-thread-count')]")[0].text_content()
    assert item.xpath(".//*[contains(@class,'cx-last-activity')]//time/@datetime")
    assert item.xpath(".//*[contains(@class,'cx-kind-question')]")


def test_the_empty_space_shows_its_prompt_and_a_primary_button_to_start(unit):
    page = lxml.html.fromstring(unit.page(student="student_1"))
    empty = page.xpath("//*[contains(@class,'cx-empty')]")[0]
    assert empty.get("hidden") is None and empty.xpath(".//*[contains(@class,'cx-prompt')]")
    start = page.xpath("//button[@data-action='compose']")[0]
    assert "cx-primary" in start.get("class") and start.get("aria-expanded") == "false"
    assert page.xpath(f"//form[@id='{start.get('aria-controls')}'][@hidden]")


def test_the_preview_renders_a_draft_through_the_posts_own_markdown_and_writes_nothing(unit):
    posts = Post.objects.count()
    html = unit.ok("preview", {"body": "**Bold** and <script>alert(1)</script> [x](javascript:alert(1))"},
                   student="student_1")["html"]
    assert "<strong>Bold</strong>" in html and "<script" not in html and "javascript:" not in html
    assert Post.objects.count() == posts


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": 12}, {"body": "x" * 20001}])
def test_a_preview_without_a_usable_body_is_refused_with_a_translated_message(unit, payload):
    status, data = unit.call("preview", payload, student="student_1", language="fr")
    assert status == 400 and data["field"] == "body" and data["error"]


def test_a_thread_opened_from_a_link_brings_its_list_item(unit):
    thread_id = started(unit)
    answer = unit.ok("get_thread", {"thread_id": thread_id, "with_item": True}, student="student_1")
    item = lxml.html.fromstring(answer["item_html"])
    assert item.get("data-thread-id") == str(thread_id) and "Do roots breathe at night?" in item.text_content()
    assert "item_html" not in unit.ok("get_thread", {"thread_id": thread_id}, student="student_1")
    status, _ = unit.call("get_thread", {"thread_id": thread_id, "with_item": "yes"}, student="student_1")
    assert status == 400


def fragment_weight(block, view="student_view"):
    fragment = getattr(block, view)({})
    return sum(len(resource.data.encode("utf-8")) for resource in fragment.resources
               if resource.kind == "text" and resource.mimetype in ("text/css", "application/javascript"))


def test_a_learners_page_weighs_under_60_kb_of_css_and_javascript_and_staff_styles_stay_out(workbench):
    learner = workbench.block_for("student_1")
    weight = fragment_weight(learner)
    assert weight < PAGE_WEIGHT_LIMIT, weight
    staff = fragment_weight(workbench.block_for("staff"))
    assert staff > weight  # the course team's scripts and styles come on top, for them only
    learner_css = [r.data for r in learner.student_view({}).resources if r.mimetype == "text/css"]
    assert not any(".cx-candidate" in css for css in learner_css)
