"""The demo unit loaded in the LMS-shaped runtime, driven like the workbench harness (tests/workbench_unit.py)."""
import importlib.metadata

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from opaque_keys.edx.keys import UsageKey
from xblock.core import XBlock

from community_xblock.demo.scenarios import DEMO_UNIT, PLAIN_BLOCK
from tests.unit_harness import UnitHarness, decoded, request_body

from . import platform_modules
from .runtime import Course, PlatformRuntime, load_olx

XBlock.extra_entry_points.append((
    "vertical",
    importlib.metadata.EntryPoint(name="vertical", group="xblock.v1", value="tests.lms.unit:UnitBlock"),
))
ANONYMOUS = "anonymous"


def platform_unit_olx(olx):
    """The demo unit as the LMS holds it: a ``vertical`` (the workbench's is ``vertical_demo``)."""
    return olx.replace("<vertical_demo>", "<vertical>").replace("</vertical_demo>", "</vertical>")


class LmsUnit(UnitHarness):
    """The demo unit of one course run in the LMS-shaped runtime; every call is a new request, as in the LMS."""

    name = "lms"

    def __init__(self, monkeypatch, plugins_locale_root=None, run="2026_T1"):
        self.overviews = platform_modules.install(monkeypatch)
        self.plugins_locale_root = plugins_locale_root
        self.course = Course(run=run)
        self.overviews.ends[self.course.key] = None
        self.unit_id = load_olx(self.course, platform_unit_olx(DEMO_UNIT).encode("utf-8"), self.user("staff"))
        unit = self.runtime("staff").get_block(self.unit_id)
        self.usage_id = str(next(child for child in unit.children if child.block_type == "community"))
        plain = load_olx(self.course, f"<vertical>{PLAIN_BLOCK}</vertical>".encode(), self.user("staff"))
        self.other_usage_id = str(self.runtime("staff").get_block(plain).children[0])

    # ----- people -----

    @staticmethod
    def user(student):
        if student == ANONYMOUS:
            return AnonymousUser()
        user, _created = get_user_model().objects.get_or_create(username=student)
        return user

    def user_key(self, student):
        """How the block stores this person: the platform's user id."""
        return str(self.user(student).id)

    @staticmethod
    def student_for(django_user):
        return django_user.username

    def runtime(self, student, mode="lms", masquerade_as=None):
        return PlatformRuntime(self.course, self.user(student), mode=mode, plugins_locale_root=self.plugins_locale_root,
                               masquerade_of=self.user(masquerade_as) if masquerade_as else None)

    def block_for(self, student="staff", usage_id=None, mode="lms", masquerade_as=None):
        runtime = self.runtime(student, mode, masquerade_as)
        return runtime.get_block(UsageKey.from_string(usage_id or self.usage_id))

    # ----- requests -----

    def call(self, handler, payload=None, *, student="student_1", usage_id=None, raw=None, method="post",
             language=None, mode="lms", masquerade_as=None):
        """A handler request; returns (status, decoded JSON body)."""
        block = self.block_for(student, usage_id, mode, masquerade_as)
        with translation.override(language):
            response = block.runtime.call(block, handler, request_body(payload, raw), method=method.upper())
        return response.status_code, decoded(response.body)

    def configure(self, **settings):
        """Save settings as an author does: through Studio's editor runtime."""
        return self.ok("save_settings", settings, student="staff", mode="studio")

    def download(self, handler, query="", *, student="staff", method="get", language=None):
        """A GET handler (exports): (status, headers, body bytes)."""
        block = self.block_for(student)
        with translation.override(language):
            response = block.runtime.call(block, handler, method=method.upper(), query=query)
        return response.status_code, dict(response.headers), response.body

    def page(self, student="student_1", language=None, usage_id=None, masquerade_as=None):
        """The unit's page in the courseware, as ``student`` sees it (the plain block's for ``other_usage_id``)."""
        runtime = self.runtime(student, masquerade_as=masquerade_as)
        block = runtime.get_block(UsageKey.from_string(usage_id) if usage_id else self.unit_id)
        with translation.override(language):
            fragment = runtime.render(block, "student_view")
        # What the courseware puts in the page: the HTML and the fragment's resources (CSS, scripts).
        return fragment.head_html() + fragment.body_html() + fragment.foot_html()

    def view(self, view_name, student="staff", language=None):
        """Studio: ``studio_view`` in the editor's runtime, ``author_view`` in the preview's."""
        mode = "studio" if view_name == "studio_view" else "studio_preview"
        runtime = self.runtime(student, mode)
        with translation.override(language):
            block = runtime.get_block(UsageKey.from_string(self.usage_id))
            return runtime.render(block, view_name).content

    # ----- what the block sees and what the platform recorded -----

    def component_keys(self):
        from community_xblock.platform.components import read_unit_components

        return [component.usage_key for component in read_unit_components(self.block_for("staff"))]

    def settings(self):
        return self.block_for("staff").settings()

    @property
    def published(self):
        return [(name, data) for name, data, _user in self.course.events]

    @property
    def grades(self):
        """What the grades app received, by user id (SCORE_PUBLISHED carries the requesting user)."""
        return {self.user_key(name): value for name, (value, _max) in self.course.grades.items()}

    @property
    def completions(self):
        return {self.user_key(name): value for name, value in self.course.completions.items()}
