"""Shared fixtures: the demo unit in the real SDK workbench and in the LMS-shaped runtime, and people to act as.

``unit`` runs a test in both runtimes (the same calls, the same assertions); ``workbench`` is for what only the
SDK has (its pages, its index, its live server).
"""
import sys

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached course data (components, watched words, the unanswered check's clock) would carry one test's
    course into the next: every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def workbench(db, client, monkeypatch):
    """Fresh workbench scenarios in this test's database (the SDK keeps them in module globals)."""
    from workbench.runtime_util import reset_global_state

    from tests.workbench_unit import WorkbenchUnit

    reset_global_state()
    return WorkbenchUnit(client, monkeypatch)


@pytest.fixture
def lms(db, monkeypatch):
    """The demo unit in one run of a course, in the LMS-shaped runtime (tests/lms/runtime.py)."""
    from django.core.cache import cache

    from tests.lms.harness import LmsUnit

    cache.clear()  # the components cache would carry one test's course into the next
    return LmsUnit(monkeypatch)


@pytest.fixture(params=["workbench", "lms"])
def unit(request, db):
    """The demo unit in the SDK workbench and in the LMS-shaped runtime: a test using it runs in both."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def space(db):
    """A community's space (shared runs, this request in run 2026_T1) with no runtime around it, for the rules."""
    from community_xblock.core.lookups import space_for
    from community_xblock.platform.identity import CommunityKey

    return space_for(CommunityKey(org="TestX", course="BIO101", block_id="unit-community", run="2026_T1"))


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """A workbench server in its own process and database, shared by the HTTP and browser tests."""
    from tests.browser.live_server import LiveWorkbench

    server = LiveWorkbench(tmp_path_factory.mktemp("live")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_usage_id():
    return "community-photosynthesis-unit-demo.community.d0.u0"


def pytest_terminal_summary(terminalreporter):
    """Print the text-analysis quality tables (development and held-out test sets) when test_analysis ran."""
    module = sys.modules.get("tests.unit.test_analysis")
    if not module or not module.QUALITY:
        return
    from tests.analysis_quality import SETS, format_table

    for set_name in SETS:
        rows = {key[1:]: value for key, value in module.QUALITY.items() if key[0] == set_name}
        if rows:
            terminalreporter.section(f"text analysis on the {set_name} timelines: precision / recall")
            terminalreporter.line(format_table(rows))


@pytest.fixture
def mail(settings):
    """Django's SMTP backend pointed at a real local mail server (tests/delivery/mail_server.py)."""
    from tests.delivery.mail_server import MailServer

    server = MailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    yield server
    server.close()
