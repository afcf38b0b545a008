"""The course team's evaluation as a dashboard, on a desktop and on a 320 px phone: headline figures first (four
in a row, or two), sections after, and the course table readable on both (a focusable region; cards on a phone)."""
import pytest

from tests.browser.pages import OVERFLOW_SCRIPT

pytestmark = [pytest.mark.browser, pytest.mark.live]

# Each header's lines (its height over its line height) and words: a header wrapped letter by letter has more
# lines than words.
HEADER_LINES = """table => Array.from(table.querySelectorAll('thead th')).map(th => {
    const style = getComputedStyle(th);
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    return {text: th.textContent.trim(), words: th.textContent.trim().split(/\\s+/).length,
            lines: Math.round((th.getBoundingClientRect().height - padding) / lineHeight)};
})"""


def accessible_and_within_the_screen(page, what):
    """axe finds nothing in the evaluation panel (the rest of the space has tests of its own), and nothing in the
    community space sticks out of the screen."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=".cx-evaluation")
    assert results.violations_count == 0, results.generate_report()
    layout = page.evaluate(OVERFLOW_SCRIPT)
    assert layout["widest"] <= layout["box"] + 1, what


def rows_of(tiles):
    """The tiles' labels, grouped by the row they sit on."""
    rows = {}
    for index in range(tiles.count()):
        box = tiles.nth(index).bounding_box()
        rows.setdefault(round(box["y"]), []).append(tiles.nth(index).locator("dt").inner_text())
    return list(rows.values())


@pytest.fixture(scope="module")
def signals(live, demo_usage_id):
    """A confused question and an error report about the unit: a backlog, a week of signals, an unanswered
    question."""
    for student, kind, title, body in (
            ("evalvisitor1", "question", "Evaluation check: light reactions",
             "I don't understand the light reactions, it is confusing."),
            ("evalvisitor2", "issue", "Evaluation check: answer key",
             "The answer key of the quiz is wrong, there is an error.")):
        status, _data = live.call(live.session(student), demo_usage_id, "create_thread",
                                  {"kind": kind, "title": title, "body": body})
        assert status == 200, _data


@pytest.mark.parametrize("width", [320, 1024])
def test_the_evaluation_reads_as_a_dashboard(people, width, signals):
    staff = people("staff", width=width)
    page = staff.open()
    page.get_by_role("button", name="Evaluate this unit").click()
    staff.announced("Evaluation loaded.")
    report = page.locator(".cx-evaluation")
    tiles = report.locator(".cx-tiles > div")
    labels = ["Participation", "Questions answered", "Open alerts", "Top issue"]
    assert rows_of(tiles) == ([labels[:2], labels[2:]] if width == 320 else [labels])
    assert page.get_by_role("heading", name="Revision backlog").count() == 1
    signals = page.get_by_role("region", name="Posts carrying each signal, by week")
    assert signals.get_attribute("tabindex") == "0"
    accessible_and_within_the_screen(page, "the unit's evaluation sticks out")

    page.get_by_role("button", name="Evaluate the course").click()
    page.get_by_role("heading", name="Evaluation of the course, unit by unit").wait_for()
    assert rows_of(report.locator(".cx-tiles > div"))[0][0] == "Participation"
    region = page.get_by_role("region", name="Every community of the course")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    table = region.locator("table")
    if width == 1024:
        for header in table.evaluate(HEADER_LINES):
            assert header["lines"] <= header["words"], header
    else:  # a card per unit: the figures keep their column's name next to them
        card = table.locator("tbody tr").first
        first_cell = card.locator("td").first
        label = first_cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"Visitors"'
        assert card.bounding_box()["width"] <= width
    accessible_and_within_the_screen(page, "the course's evaluation sticks out")
