"""Studio's editor and preview in the browser: a settings list like Studio's (label column, input column, help
under the input) that stacks at 320 px, Save and Cancel in sight, a visible focus ring; the preview's summary
card. axe and "nothing wider than the screen" at 320 px."""
import pytest

from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

EDITOR = "/scenario/community.0/studio_view/?student=staff"
PREVIEW = "/scenario/community.0/author_view/?student=staff"


def boxes(page, selectors):
    """The bounding boxes of the first element matching each selector, in one round trip."""
    return page.evaluate("""selectors => selectors.map(selector => {
        const rect = document.querySelector(selector).getBoundingClientRect();
        return {left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom, width: rect.width,
                height: rect.height};
    })""", selectors)


def row(name):
    return f'.cx-studio [data-setting="{name}"]'


def open_editor(person):
    page = person.page
    page.goto(f"{person.live.url}{EDITOR}")
    page.locator("form.cx-studio").wait_for()
    return page


@pytest.mark.parametrize("name", ["display_name", "grade_target", "course_end", "run_scope"])
def test_the_editor_is_a_list_of_rows_label_then_input_with_its_help_under_it(people, name):
    page = open_editor(people("staff"))
    label, control, help_text = boxes(page, [f"{row(name)} label", f"{row(name)} input, {row(name)} select",
                                             f"{row(name)} .cx-help"])
    assert label["right"] <= control["left"]  # the label column, then the input column
    assert abs(label["top"] - control["top"]) < 12
    assert help_text["top"] >= control["bottom"] and abs(help_text["left"] - control["left"]) < 1
    name_input, = boxes(page, [f"{row('display_name')} input"])
    assert control["height"] >= 44 and abs(control["width"] - name_input["width"]) < 1  # numbers and days too


def test_checkboxes_and_lists_of_choices_keep_to_the_columns(people):
    page = open_editor(people("staff"))
    label, box, choice = boxes(page, [f"{row('allow_anonymous')} label", f"{row('allow_anonymous')} input",
                                      f"{row('thread_kinds')} .cx-choice"])
    assert label["right"] <= box["left"]
    legend, = boxes(page, [f"{row('thread_kinds')} legend"])
    assert legend["right"] <= choice["left"] and choice["height"] >= 44


def test_save_and_cancel_stay_in_sight_and_the_focus_shows(people):
    page = open_editor(people("staff"))
    page.evaluate("window.scrollTo(0, 0)")
    save, cancel = boxes(page, [".cx-studio-actions [type='submit']", ".cx-studio-actions [data-action='cancel']"])
    assert save["bottom"] <= page.viewport_size["height"]  # the bar sticks to the bottom of the view
    assert save["height"] >= 44 and cancel["height"] >= 44
    page.locator(f"{row('display_name')} input").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")
    assert ring["style"] != "none" and ring["width"] >= 2


def test_at_320px_the_editor_stacks_in_one_column(people):
    page = open_editor(people("staff", width=320))
    accessible_and_within_the_screen(page, "the Studio editor sticks out")
    label, control = boxes(page, [f"{row('course_end')} label", f"{row('course_end')} input"])
    assert label["bottom"] <= control["top"] and abs(label["left"] - control["left"]) < 1
    page.get_by_role("button", name="Add a scheduled prompt").click()
    day, days = boxes(page, ["[data-scheduled-prompt]:last-child [data-part='shows_from']",
                             "[data-scheduled-prompt]:last-child [data-part='days_after_end']"])
    assert day["bottom"] <= days["top"]  # side by side only where there is room
    accessible_and_within_the_screen(page, "a new scheduled prompt sticks out")


@pytest.mark.parametrize("width", [320, 1024])
def test_the_preview_is_a_summary_card(people, live, width):
    person = people("staff", width=width)
    page = person.page
    page.goto(f"{live.url}{PREVIEW}")
    page.locator(".cx-preview").wait_for()
    accessible_and_within_the_screen(page, "the Studio preview sticks out")
    kinds = page.locator(".cx-preview .cx-kinds > li").all_inner_texts()
    assert kinds == ["Discussion", "Question", "Course issue"]
    term, description = boxes(page, [".cx-summary-item:nth-child(3) dt", ".cx-summary-item:nth-child(3) dd"])
    tiles = page.locator(".cx-figure").evaluate_all("tiles => tiles.map(tile => tile.getBoundingClientRect().top)")
    if width == 1024:
        assert term["right"] <= description["left"]  # two columns: the setting, its value
        assert len(set(tiles)) == 2  # the six figures in three columns
    else:
        assert term["bottom"] <= description["top"]
        assert len(set(tiles)) == 6  # one a line
