"""An XBlock runtime shaped like the LMS and Studio, as openedx-platform's source says they behave.

The SDK workbench hides most of what differs in a real install. Each behaviour below follows a named module
of the platform (master, early 2026); the suite runs the handler tests in this runtime as well as in the
workbench. What only a real LMS can confirm is listed in the README.

Three modes, one per place the platform builds a runtime for a block:

- ``lms``: ``lms/djangoapps/courseware/block_render.py`` ``prepare_runtime_for_user`` (no ``modulestore``
  service, the user service with the course role, grades and completion for the requesting user only, access
  checks on every block loaded, masquerade);
- ``studio_preview``: ``cms/djangoapps/contentstore/views/preview.py`` ``_prepare_runtime_for_preview`` (the
  author's course role, ``user_is_staff`` False, ``studio_user_permissions``);
- ``studio``: ``cms/djangoapps/contentstore/utils.py`` ``load_services_for_studio``, the editor and its
  handlers (a user service with no course role at all, ``studio_user_permissions``).
"""
import contextlib
import gettext
import itertools
import json
from importlib import resources
from pathlib import Path

import django.utils.translation
from django.conf import settings as django_settings
from django.utils.translation import get_language, to_locale
from opaque_keys.edx.locator import CourseLocator
from webob import Request
from xblock.core import XBlockMixin
from xblock.fields import Boolean, Date, Dict, Scope
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import DictKeyValueStore, IdGenerator, IdReader, KvsFieldData, NoSuchDefinition, Runtime

STAFF_ROLES = ("staff", "instructor")


# ----- fields every block has in the platform -------------------------------------------------------------------

class PlatformFieldsMixin(XBlockMixin):
    """A representative part of what the platform mixes into every block (``settings.XBLOCK_MIXINS``):
    ``lms/djangoapps/lms_xblock/mixin.py`` ``LmsBlockMixin`` and ``xmodule/modulestore/inheritance.py``
    ``InheritanceMixin``. A course export writes them as attributes; an import must keep them."""

    visible_to_staff_only = Boolean(default=False, scope=Scope.settings)
    group_access = Dict(default={}, scope=Scope.settings)
    start = Date(default=None, scope=Scope.settings)
    due = Date(default=None, scope=Scope.settings)
    hide_from_toc = Boolean(default=False, scope=Scope.settings)


# ----- the services ------------------------------------------------------------------------------------------

class PlatformUserService(UserService):
    """``common/djangoapps/xblock_django/user_service.py`` ``DjangoXBlockUserService``.

    Keeps the Django user as ``_django_user`` (``block_render.py`` reads it there too). A visitor who is not
    signed in gets only ``is_authenticated`` (False) and the country code: no ``user_id`` key at all.
    """

    def __init__(self, django_user, user_is_staff=False, user_role=None, anonymous_user_id=None):
        super().__init__()
        self._django_user = django_user
        self._user_is_staff = user_is_staff
        self._user_role = user_role or "student"
        self._anonymous_user_id = anonymous_user_id

    def get_current_user(self):
        user = XBlockUser(is_current_user=True)
        django_user = self._django_user
        if django_user is not None and django_user.is_authenticated:
            user.emails = [django_user.email]
            user.full_name = django_user.get_full_name() or None
            user.opt_attrs.update({
                "edx-platform.anonymous_user_id": self._anonymous_user_id,
                "edx-platform.is_authenticated": True,
                "edx-platform.request_country_code": None,
                "edx-platform.user_id": django_user.id,
                "edx-platform.user_is_staff": self._user_is_staff,
                "edx-platform.user_role": self._user_role,
                "edx-platform.username": django_user.username,
                "edx-platform.user_preferences": {},
            })
        else:
            user.opt_attrs["edx-platform.is_authenticated"] = False
            user.opt_attrs["edx-platform.request_country_code"] = None
        return user


class PlatformI18nService:
    """``xmodule/modulestore/django.py`` ``XBlockI18nService``.

    The operator's folder ``conf/plugins-locale/xblock.v1/<module>`` wins whenever it exists (domain
    ``django``), even empty; else the package's ``translations/`` (domain ``text``). No ``fallback=True``:
    when the chosen folder has no catalog for the language, the translator stays Django's own module.
    """

    def __init__(self, block, plugins_locale_root=None):
        self.translator = django.utils.translation
        domain, locale_dir = self.get_python_locale(block, plugins_locale_root)
        language = get_language()
        with contextlib.suppress(OSError):
            self.translator = gettext.translation(domain, locale_dir,
                                                  [to_locale(language or django_settings.LANGUAGE_CODE)])

    @staticmethod
    def get_python_locale(block, plugins_locale_root):
        module_name = block.unmixed_class.__module__.split(".")[0]
        if plugins_locale_root is not None and (Path(plugins_locale_root) / module_name).is_dir():
            return "django", str(Path(plugins_locale_root) / module_name)
        return "text", str(resources.files(module_name) / "translations")

    def get_javascript_i18n_catalog_url(self, block):
        """The platform answers a URL only when ``compile_xblock_js_messages`` produced a file for this block
        and language; this runtime compiles none."""
        return None

    def __getattr__(self, name):
        return getattr(self.translator, name)


class StudioPermissionsService:
    """``openedx/core/djangoapps/content/services.py``: read and write access to a course in Studio."""

    def __init__(self, user, course):
        self._user = user
        self._course = course

    def can_read(self, context_key):
        return self.can_write(context_key)

    def can_write(self, context_key):
        return context_key == self._course.key and self._course.role_of(self._user) in STAFF_ROLES


class SettingsService:
    """``xmodule/services.py`` ``SettingsService``: ``XBLOCK_SETTINGS[block.block_settings_key]``."""

    def get_settings_bucket(self, block, default=None):
        bucket = getattr(block, "block_settings_key", block.unmixed_class.__name__)
        return getattr(django_settings, "XBLOCK_SETTINGS", {}).get(bucket, default if default is not None else {})


# ----- ids and storage ---------------------------------------------------------------------------------------

class CourseIds(IdReader, IdGenerator):
    """Usage ids are the course's ``BlockUsageLocator``s; block ids are stable per type and order, so loading the
    same OLX in a re-run of the course gives the same block ids (as a course re-run keeps them)."""

    def __init__(self, course_key):
        self.course_key = course_key
        self._counters = {}
        self._definitions = {}

    def create_definition(self, block_type, slug=None):
        number = next(self._counters.setdefault(block_type, itertools.count()))
        definition = f"def-{block_type}-{slug or number}"
        self._definitions[definition] = block_type
        return definition

    def create_usage(self, def_id):
        block_type = self._definitions[def_id]
        return self.course_key.make_usage_key(block_type, def_id.removeprefix(f"def-{block_type}-"))

    def get_definition_id(self, usage_id):
        return f"def-{usage_id.block_type}-{usage_id.block_id}"

    def get_block_type(self, def_id):
        try:
            return self._definitions[def_id]
        except KeyError:
            raise NoSuchDefinition(def_id) from None

    def create_aside(self, definition_id, usage_id, aside_type):
        raise NotImplementedError

    def get_usage_id_from_aside(self, aside_id):
        raise NotImplementedError

    def get_definition_id_from_aside(self, aside_id):
        raise NotImplementedError

    def get_aside_type_from_usage(self, aside_id):
        raise NotImplementedError

    def get_aside_type_from_definition(self, aside_id):
        raise NotImplementedError


class Course:
    """One run of a course: its blocks (field data kept in memory, as the LMS serves fields from the
    modulestore and its field-data cache), its team, its learners' groups, and what the platform recorded."""

    def __init__(self, org="DemoX", number="BIO101", run="2026_T1", team=None, end=None):
        self.key = CourseLocator(org, number, run)
        self.ids = CourseIds(self.key)
        self.kvs = DictKeyValueStore()
        self.team = dict(team or {"staff": "staff", "staff_2": "staff", "instructor": "instructor"})
        self.groups = {}  # username -> set of group ids (cohorts, content groups)
        self.end = end
        self.events = []  # (name, data, username) of tracking events
        self.grades = {}  # username -> (value, max_value): SCORE_PUBLISHED as the grades app receives it
        self.completions = {}  # username -> completion

    def role_of(self, user):
        """``lms/djangoapps/courseware/access.py`` ``get_user_role``: instructor, staff or student."""
        return self.team.get(getattr(user, "username", None), "student")

    def field_data(self):
        return KvsFieldData(self.kvs)


# ----- the runtime -------------------------------------------------------------------------------------------

class PlatformRuntime(Runtime):
    """One request's runtime for ``user`` in ``mode`` (``lms``, ``studio_preview`` or ``studio``)."""

    def __init__(self, course, user, mode="lms", masquerade_of=None, plugins_locale_root=None):
        self.course = course
        self.mode = mode
        self.plugins_locale_root = plugins_locale_root
        self.masquerading = masquerade_of is not None
        if self.masquerading:
            # lms/djangoapps/courseware/masquerade.py setup_masquerade: the learner becomes the user, and
            # remembers who really asked.
            masquerade_of.real_user = user
            masquerade_of.masquerade_settings = {course.key: {"role": "student", "user_name": masquerade_of.username}}
            user = masquerade_of
        self.user = user
        super().__init__(course.ids, course.ids, mixins=(PlatformFieldsMixin,), services={
            "field-data": course.field_data(),
            "user": self._user_service(),
            "settings": SettingsService(),
        })
        if mode in ("studio", "studio_preview"):
            self._services["studio_user_permissions"] = StudioPermissionsService(user, course)
        self.user_id = str(user.id) if user.is_authenticated else None

    @property
    def is_staff(self):
        """``has_access(user, 'staff', course)``: denied while masquerading as a learner (``access.py``)."""
        return not self.masquerading and self.course.role_of(self.user) in STAFF_ROLES

    def _user_service(self):
        if self.mode == "studio":
            return PlatformUserService(self.user)  # load_services_for_studio: no role, not staff
        if self.mode == "studio_preview":
            # preview.py: Studio's get_user_role (instructor or staff), user_is_staff left False.
            return PlatformUserService(self.user, user_role=self.course.role_of(self.user),
                                       anonymous_user_id="student")
        role = "student" if self.masquerading else self.course.role_of(self.user)
        return PlatformUserService(self.user, user_is_staff=self.is_staff, user_role=role,
                                   anonymous_user_id=f"anon-{self.user.id}" if self.user.is_authenticated else None)

    def service(self, block, service_name):
        if service_name == "i18n" and block.service_declaration("i18n"):
            return PlatformI18nService(block, self.plugins_locale_root)  # built per block, as the platform does
        return super().service(block, service_name)

    def get_block(self, usage_id, for_parent=None):
        """``block_render.py`` ``get_block_for_descriptor``: None for a block this user may not load."""
        block = super().get_block(usage_id, for_parent=for_parent)
        if self.mode != "lms" or self.is_staff:
            return block
        if getattr(block, "visible_to_staff_only", False):
            return None
        required = {group for groups in (getattr(block, "group_access", {}) or {}).values() for group in groups}
        if required and not required & self.course.groups.get(self.user.username, set()):
            return None
        return block

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        url = f"/courses/{self.course.key}/xblock/{block.scope_ids.usage_id}/handler/{handler_name}"
        url += f"/{suffix}" if suffix else ""
        return url + (f"?{query}" if query else "")

    def resource_url(self, resource):
        return f"/static/{resource}"

    def local_resource_url(self, block, uri):
        return f"/xblock/resource/{block.scope_ids.block_type}/{uri}"

    def publish(self, block, event_type, event_data):
        """``xmodule/services.py`` ``EventPublishingService``: grades and completion go to the requesting user
        (any ``user_id`` in the event is ignored), and neither is handled while masquerading as a learner."""
        name = getattr(self.user, "username", None)
        if event_type == "grade":
            if not self.masquerading and self.user.is_authenticated:
                self.course.grades[name] = (event_data["value"], event_data["max_value"])
            return
        if event_type == "completion":
            if not self.masquerading and self.user.is_authenticated:
                self.course.completions[name] = event_data["completion"]
            return
        json.dumps(event_data)  # eventtracking serialises what it is given: it must be JSON
        self.course.events.append((event_type, event_data, name))

    def call(self, block, handler_name, body=b"", method="POST", query=""):
        """A handler request, as ``handle_xblock_callback`` would route it."""
        request = Request.blank(self.handler_url(block, handler_name, query=query), method=method,
                                body=body, content_type="application/json")
        return self.handle(block, handler_name, request)


def load_olx(course, olx, user):
    """Import OLX into the course as an author would (Studio's import), returning the root's usage id."""
    runtime = PlatformRuntime(course, user, mode="studio")
    return runtime.parse_xml_string(olx)
