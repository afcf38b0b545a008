"""Shared fixtures: the real SDK workbench runtime on the test database, and people to act as."""
import json
import sys

import pytest

from community_xblock.identity import Viewer

LEARNER = Viewer("student_1", "student_1")
OTHER_LEARNER = Viewer("amelie", "amelie")
STAFF = Viewer("staff", "staff", is_staff=True)


class Workbench:
    """The demo scenarios loaded in the workbench, and a way to call the block's handlers over HTTP."""

    def __init__(self, client):
        from workbench.scenarios import get_scenarios

        from community_xblock.demo.seed import demo_block

        self.client = client
        self.block = demo_block()
        self.usage_id = str(self.block.scope_ids.usage_id)
        plain = next(s for s in get_scenarios().values() if s.xml.strip() == "<community/>")
        self.other_usage_id = str(plain.usage_id)
        self.scenario_url = "/scenario/community.0/"

    def call(self, handler, payload=None, *, student="student_1", usage_id=None, raw=None, method="post"):
        """POST a JSON payload to a handler; returns (status, decoded JSON body)."""
        url = f"/handler/{usage_id or self.usage_id}/{handler}/?student={student}"
        body = raw if raw is not None else json.dumps(payload if payload is not None else {})
        response = getattr(self.client, method)(url, data=body, content_type="application/json")
        try:
            data = json.loads(response.content.decode("utf-8"))
        except ValueError:
            data = None
        return response.status_code, data

    def ok(self, handler, payload=None, student="student_1", **kwargs):
        status, data = self.call(handler, payload, student=student, **kwargs)
        assert status == 200, (status, data)
        return data

    def page(self, student="student_1"):
        response = self.client.get(f"{self.scenario_url}?student={student}")
        assert response.status_code == 200
        return response.content.decode("utf-8")

    def component_keys(self):
        from community_xblock.components import unit_components

        return [component.usage_key for component in unit_components(self.block)]


@pytest.fixture
def workbench(db, client):
    """Fresh workbench scenarios in this test's database (the SDK keeps them in module globals)."""
    from workbench.runtime_util import reset_global_state

    reset_global_state()
    return Workbench(client)


@pytest.fixture
def community(db):
    """A community with no runtime around it, for the domain rules."""
    from community_xblock.identity import CommunityKey
    from community_xblock.lookups import community_for

    return community_for(CommunityKey(org="TestX", course="BIO101", block_id="unit-community", run="2026_T1"))


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """A workbench server in its own process and database, shared by the HTTP and browser tests."""
    from .live_server import LiveWorkbench

    server = LiveWorkbench(tmp_path_factory.mktemp("live")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_usage_id():
    return "community-photosynthesis-unit-demo.community.d0.u0"


def pytest_terminal_summary(terminalreporter):
    """Print the text-analysis quality table when test_analysis ran."""
    module = sys.modules.get("tests.test_analysis")
    if not module or not module.QUALITY:
        return
    terminalreporter.section("text analysis: precision / recall on tests/data/labelled_posts.json")
    terminalreporter.line(f"{'language':8} {'signal':12} {'precision':>9} {'recall':>7} {'support':>8}")
    for (language, signal), (precision, recall, support) in sorted(module.QUALITY.items()):
        terminalreporter.line(f"{language:8} {signal:12} {precision:9.2f} {recall:7.2f} {support:8d}")
