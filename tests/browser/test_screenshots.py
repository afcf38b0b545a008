"""Screenshots of the product in Debian's headless Chromium: five screens (the learner list, an opened thread, the
staff view, the unit's evaluation, the Studio editor) in English, French and Hungarian, at 1280 and 320 px.

Each picture is clipped to the block (not the workbench around it) and written to ``CX_SCREENSHOTS_DIR``
(default ``var/screenshots``, relative to the repository); ``make screenshots`` writes the README's pictures to
``docs/screenshots``. Every screen also passes axe inside the block, and at 320 px nothing in it is wider than
the screen.

The pictures show the seeded demo community, so the module has a workbench server of its own (always on SQLite,
never the database of the session's shared server), seeded once; the tests post nothing to it.
"""
import os
from pathlib import Path

import pytest

from tests.browser.live_server import LiveWorkbench
from tests.browser.pages import accessible_and_within_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.live]

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "fr", "hu"]
WIDTHS = [1280, 320]
LEARNER = "screenshot_learner"  # any student id works in the workbench; this one has written nothing
THREAD = "Pourquoi les feuilles sont-elles vertes ?"  # a demo question with two responses, a comment, an answer
SCREENS = ["learner-list", "thread", "staff", "evaluation", "studio-editor"]
SMALLEST_PNG = 5 * 1024
# While a picture is taken: the workbench's fixed banner would lie over the top of a block scrolled under it, and
# Studio's Save bar, sticky at the bottom of the screen, would cover the middle of a picture taller than the screen
# (it sits at the end of the form instead, where it rests once scrolled to).
PICTURE_STYLE = (".workbench .banner { visibility: hidden !important; }\n"
                 ".cx-studio .cx-studio-actions { position: static !important; }")


class DemoWorkbench(LiveWorkbench):
    def _database_url(self):
        # Its own SQLite file: with COMMUNITY_DB_URL on MariaDB, the parent would drop and recreate the
        # ``<name>_live`` database the session's shared server is using.
        return f"sqlite:///{self.workdir / 'var' / 'live.db'}"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A workbench server with the demo community seeded (EN/FR/HU conversations, events, error reports)."""
    server = DemoWorkbench(tmp_path_factory.mktemp("screenshots"))
    for command in (("migrate", "--run-syncdb", "-v", "0"), ("seed_community_demo",)):
        done = server.manage(*command)
        assert done.returncode == 0, done.stdout + done.stderr
    yield server.start()
    server.stop()


@pytest.fixture(scope="module")
def screenshots_dir():
    directory = Path(os.environ.get("CX_SCREENSHOTS_DIR") or "var/screenshots")
    directory = directory if directory.is_absolute() else ROOT / directory
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def axe_finds_nothing(page, context=".cx"):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    assert results.violations_count == 0, results.generate_report()


class Camera:
    """Takes one language's and one width's pictures, each checked as it is taken."""

    def __init__(self, directory, language, width):
        self.directory, self.language, self.width = directory, language, width
        self.taken = []

    def take(self, page, screen, selector=".cx"):
        what = f"the {screen} screen ({self.language}, {self.width}px)"
        if self.width == 320:
            accessible_and_within_the_screen(page, f"{what} sticks out")
        else:
            axe_finds_nothing(page)
        path = self.directory / f"{screen}-{self.language}-{self.width}.png"
        page.locator(selector).first.screenshot(path=path, animations="disabled", style=PICTURE_STYLE)
        assert path.exists() and path.stat().st_size > SMALLEST_PNG, f"{path.name}: {what} is (nearly) empty"
        self.taken.append(screen)


def visit(person, path, language):
    page = person.page
    page.emulate_media(reduced_motion="reduce")
    separator = "&" if "?" in path else "?"
    page.goto(f"{person.live.url}{path}{separator}lang={language}")
    return page


def shown(locator):
    locator.first.wait_for(state="visible")
    return locator


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots(people, screenshots_dir, language, width):
    camera = Camera(screenshots_dir, language, width)

    learner = people(LEARNER, width=width)
    page = visit(learner, f"/scenario/community.0/?student={LEARNER}", language)
    shown(page.locator(".cx-threads .cx-open"))
    assert page.locator(".cx").first.get_attribute("lang") == language
    camera.take(page, "learner-list")

    page.locator(".cx-threads .cx-open", has_text=THREAD).click()
    shown(page.locator(".cx.cx-is-reading"))
    shown(page.locator(".cx-thread-detail"))
    shown(page.locator(".cx-thread-detail .cx-responses .cx-post"))
    camera.take(page, "thread")

    staff = people("staff", width=width)
    page = visit(staff, "/scenario/community.0/?student=staff", language)
    shown(page.locator(".cx-threads .cx-open"))
    camera.take(page, "staff")

    page.locator("[data-action='evaluation'][data-handler='evaluation']").click()
    shown(page.locator(".cx-evaluation"))
    shown(page.locator(".cx-evaluation h3"))
    page.wait_for_function("() => document.querySelector('.cx-live').textContent.trim() !== ''")
    camera.take(page, "evaluation", ".cx-evaluation")  # the report alone: the space around it is the staff view

    page = visit(staff, "/scenario/community.0/studio_view/?student=staff", language)
    shown(page.locator("form.cx-studio"))
    camera.take(page, "studio-editor", "form.cx-studio")

    assert camera.taken == SCREENS
