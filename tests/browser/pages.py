"""What the browser tests share: Debian's Chromium, one browser context per person, and the checks every
page state gets (axe inside the block, nothing wider than the screen)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TITLE = "Is the Calvin cycle really light-independent?"  # the thread the main flow starts


class Person:
    """One browser context per person: their own cookies, their own page."""

    def __init__(self, browser, live, student, width=1024):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.live = live
        self.student = student

    def open(self):
        self.page.goto(f"{self.live.url}/scenario/community.0/?student={self.student}")
        self.page.wait_for_selector(".cx")
        return self.page

    def thread(self, title=TITLE):
        """The list item of a thread, opened (back to the list first when another one is open)."""
        page = self.page
        button = page.get_by_role("button", name=title)
        if button.get_attribute("aria-expanded") != "true":
            if not button.is_visible():
                self.back()
            button.click()
        item = page.locator(".cx-thread", has=page.get_by_role("heading", name=title))
        item.locator(".cx-thread-detail").wait_for()
        return item

    def back(self):
        """From an opened thread back to the list."""
        self.page.locator(".cx-back:visible").click()
        self.page.locator(".cx.cx-is-reading").wait_for(state="detached")

    def post_action(self, post, name):
        """Click ``name`` in the menu of secondary actions of ``post`` (a locator of one .cx-post)."""
        post.locator("summary.cx-menu-button").first.click()
        post.locator(".cx-menu-items").first.get_by_role("button", name=name, exact=True).click()

    def announced(self, text):
        """The live region says ``text`` (wait for the state an action produces first: an identical earlier
        announcement would also match)."""
        self.page.wait_for_function(
            "text => document.querySelector('.cx-live').textContent.includes(text)", arg=text,
        )

    def shows(self, locator):
        """Wait until ``locator`` is visible: the state an action produced."""
        locator.first.wait_for(state="visible")
        return locator

    def close(self):
        assert not self.errors, self.errors
        self.context.close()


OVERFLOW_SCRIPT = """() => {
    const cx = document.querySelector('.cx');
    const box = cx.getBoundingClientRect();
    let widest = box.right;
    cx.querySelectorAll('*').forEach(el => {
        const rect = el.getBoundingClientRect();
        if (rect.width && getComputedStyle(el).position !== 'absolute') { widest = Math.max(widest, rect.right); }
    });
    return {box: box.right, widest: widest};
}"""


def accessible_and_within_the_screen(page, what):
    """axe finds nothing in the community space, and nothing in it sticks out of the screen."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=".cx")
    assert results.violations_count == 0, results.generate_report()
    layout = page.evaluate(OVERFLOW_SCRIPT)
    assert layout["widest"] <= layout["box"] + 1, f"{what} at 320px"
