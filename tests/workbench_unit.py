"""The demo unit in the real SDK workbench, driven over Django's test client (the LMS-shaped twin is
tests/lms/harness.py: both answer the same calls, so a test runs unchanged in either)."""

from tests.people import STAFF
from tests.unit_harness import UnitHarness, decoded, request_body


class WorkbenchUnit(UnitHarness):
    """The demo scenarios loaded in the workbench, and a way to call the block's handlers over HTTP."""

    name = "workbench"

    def __init__(self, client, monkeypatch):
        from workbench.runtime import WorkbenchRuntime
        from workbench.scenarios import get_scenarios

        from community_xblock.demo.seed import demo_block

        self.client = client
        self.block = demo_block()
        self.usage_id = str(self.block.scope_ids.usage_id)
        plain = next(s for s in get_scenarios().values() if s.xml.strip() == "<community/>")
        self.other_usage_id = str(plain.usage_id)
        self.scenario_url = "/scenario/community.0/"
        self.events = []
        original = WorkbenchRuntime.publish

        def spy(runtime, block, name, data):
            self.events.append((name, data, runtime.user_id))
            return original(runtime, block, name, data)

        monkeypatch.setattr(WorkbenchRuntime, "publish", spy)

    @staticmethod
    def user_key(student):
        return student

    @staticmethod
    def student_for(django_user):
        """The workbench's student id that the platform's retirement would name by this user's id."""
        return str(django_user.pk)

    def block_for(self, student="staff"):
        from workbench.runtime import WorkbenchRuntime

        return WorkbenchRuntime(student).get_block(self.usage_id)

    def call(self, handler, payload=None, *, student="student_1", usage_id=None, raw=None, method="post",
             language=None, mode=None):
        """POST a JSON payload to a handler; returns (status, decoded JSON body). ``mode`` (Studio) is the LMS
        runtime's; in the workbench one page does everything."""
        url = f"/handler/{usage_id or self.usage_id}/{handler}/?student={student}"
        if language:
            url += f"&lang={language}"
        response = getattr(self.client, method)(url, data=request_body(payload, raw), content_type="application/json")
        return response.status_code, decoded(response.content)

    def configure(self, **settings):
        """Save settings as an author does (the workbench's staff; Studio's editor in the platform)."""
        return self.ok("save_settings", settings, student="staff")

    def download(self, handler, query="", *, student="staff", method="get", language=None):
        url = f"/handler/{self.usage_id}/{handler}/?student={student}&{query}"
        if language:
            url += f"&lang={language}"
        response = getattr(self.client, method)(url)
        return response.status_code, dict(response.headers), response.content

    def page(self, student="student_1", language=None, usage_id=None):
        """The scenario's page (the demo unit's, or the plain block's for ``other_usage_id``)."""
        scenario = "/scenario/community.1/" if usage_id == self.other_usage_id else self.scenario_url
        url = f"{scenario}?student={student}" + (f"&lang={language}" if language else "")
        response = self.client.get(url)
        assert response.status_code == 200
        return response.content.decode("utf-8")

    def view(self, view_name, student="staff", language=None):
        url = f"{self.scenario_url}{view_name}/?student={student}" + (f"&lang={language}" if language else "")
        response = self.client.get(url)
        assert response.status_code == 200
        return response.content.decode("utf-8")

    def component_keys(self):
        from community_xblock.platform.components import unit_components

        return [component.usage_key for component in unit_components(self.block, STAFF)]

    def settings(self):
        return self.block_for("staff").settings()

    @property
    def published(self):
        return [(name, data) for name, data, _user in self.events]

    @property
    def grades(self):
        """The last grade published in each learner's own request (the LMS would record that one)."""
        return {user: data["value"] for name, data, user in self.events if name == "grade"}

    @property
    def completions(self):
        return {user: data["completion"] for name, data, user in self.events if name == "completion"}
