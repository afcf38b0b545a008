"""The browser tests' fixtures: one Chromium per module, and people, each in a browser context of their own."""
import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS, Person


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def people(browser, live):
    opened = []

    def person(student, width=1024):
        opened.append(Person(browser, live, student, width))
        return opened[-1]

    yield person
    for each in opened:
        each.close()
