"""The ``community`` XBlock: what the runtime tells it, its views, and the helpers its handlers share.

The fields are the rows of the settings table (``authoring/settings.py``); the handlers are grouped by who calls
them (``handlers/``). Every rule lives in a domain package (conversations, moderation, insights, authoring);
this class reads what the runtime knows (who is asking, which unit and course it sits in), calls the rule,
publishes the tracking event, and renders the answer.
"""
import re
from functools import cached_property

from web_fragments.fragment import Fragment
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock

from community_xblock import tracking
from community_xblock.authoring import editor
from community_xblock.authoring.configuration import FIELDS
from community_xblock.authoring.settings import THREAD_KINDS, settings_fields
from community_xblock.conversations import listing, pace, search, visits
from community_xblock.conversations.presenters import (
    Audience,
    component_prompts,
    space_slow_mode,
    thread_detail,
    thread_summary,
)
from community_xblock.conversations.threads import BODY_MAX_LENGTH
from community_xblock.core import phases
from community_xblock.core.lookups import Space, community_for
from community_xblock.core.markup import render_markdown
from community_xblock.core.resources import javascript_catalog, render_template, static_file, static_text
from community_xblock.gatherings import prompts
from community_xblock.handlers.alerts import AlertHandlers, alerts_button_label
from community_xblock.handlers.authoring import AuthoringHandlers
from community_xblock.handlers.gatherings import GatheringHandlers
from community_xblock.handlers.insights import InsightHandlers
from community_xblock.handlers.learner import LearnerHandlers
from community_xblock.handlers.moderation import ModerationHandlers, review_button_label
from community_xblock.handlers.talent import TalentHandlers
from community_xblock.insights.detectors import alerts
from community_xblock.insights.talent import asking, decisions
from community_xblock.models import TITLE_MAX_LENGTH, Anchor, Community
from community_xblock.moderation import errata, review
from community_xblock.platform import operator
from community_xblock.platform.components import unit_components
from community_xblock.platform.course import course_end as platform_course_end
from community_xblock.platform.identity import community_key_for, page_url, viewer_from_user
from community_xblock.platform.translation import BlockTranslator, speaking

# The page's parts, by audience: staff code is sent to staff only.
LEARNER_SCRIPTS = ("js/learner/list.js", "js/learner/thread.js", "js/learner/composer.js", "js/learner/events.js")
STAFF_SCRIPTS = ("js/staff/moderation.js", "js/staff/evaluation.js", "js/staff/watchlist.js", "js/staff/alerts.js",
                 "js/staff/talent.js", "js/staff/strategist.js")


@XBlock.needs("i18n")  # every visible string goes through it (with the package's catalog as fallback)
@XBlock.needs("user")  # who is asking, and whether they are course staff
@XBlock.wants("settings")  # XBLOCK_SETTINGS["CommunityXBlock"]: operator options (optional)
@XBlock.wants("studio_user_permissions")  # Studio only: who may change the settings (see platform/studio.py)
class CommunityXBlock(LearnerHandlers, ModerationHandlers, AlertHandlers, TalentHandlers, GatheringHandlers,
                      InsightHandlers, AuthoringHandlers, settings_fields(), XBlock):
    """A unit's community space: learners discuss the unit's content, linked to its components."""

    block_settings_key = "CommunityXBlock"
    # Assets live in the ``community_xblock.static`` sub-package, served under "static/..." URLs.
    public_dir = "static"
    i18n_js_namespace = "CommunityXBlockI18N"
    has_author_view = True
    has_custom_completion = True
    # Staff viewing the course as a specific learner see the space (the LMS hides blocks without this);
    # the handlers refuse their writes (see http.py).
    show_in_read_only_mode = True
    editable_fields = tuple(FIELDS)

    # ----- what the runtime tells us ---------------------------------------------------------------------

    @cached_property
    def translator(self):
        """gettext/ngettext for this request's language (the platform's catalog, else the package's)."""
        return BlockTranslator(self.runtime.service(self, "i18n"))

    @cached_property
    def viewer(self):
        service = self.runtime.service(self, "user")
        return viewer_from_user(service.get_current_user(), operator.option("workbench_staff_ids",
                                                                            self._operator_settings()),
                                django_user=getattr(service, "_django_user", None))

    @cached_property
    def community_key(self):
        return community_key_for(self.scope_ids.usage_id)

    @cached_property
    def community(self):
        return community_for(self.community_key)

    @cached_property
    def space(self):
        """This request's part of the community: its run, whether runs are isolated, when quiet threads close."""
        return Space(self.community, self.community_key.run, isolated=self.run_scope == "isolated",
                     close_after_days=self.close_after_days)

    @cached_property
    def course_experts(self):
        """The user keys of the course's community experts: their badge, and the viewer's role in events."""
        return decisions.experts_of(self.community)

    @cached_property
    def unit_components(self):
        """Every other component of the unit this viewer may see, whatever the linking option."""
        return unit_components(self, self.viewer)

    @cached_property
    def components(self):
        """The components learners may link a conversation to."""
        return self.unit_components if self.allow_anchors else []

    @cached_property
    def platform_course_end(self):
        """The course's end as the platform knows it (None outside the platform, or without one); the author's
        ``course_end`` setting stands in for it."""
        return platform_course_end(self.scope_ids.usage_id)

    @cached_property
    def phase(self):
        # Only the four fields the phase depends on: every field read may cost a query in some runtimes.
        settings = {name: getattr(self, name) for name in phases.SETTINGS}
        return phases.phase_state(settings, self.platform_course_end)

    @property
    def has_score(self):
        """Scored only when the author turned the participation grade on."""
        return self.participation_grade

    def max_score(self):
        """The possible points the LMS grades app records (``GradesTransformer`` asks every scored block)."""
        return float(self.grade_target) if self.participation_grade else None

    @property
    def completion_mode(self):
        """Not part of unit completion unless the author asks for completion on a first contribution."""
        return XBlockCompletionMode.COMPLETABLE if self.complete_on_contribution else XBlockCompletionMode.EXCLUDED

    def settings(self):
        """The author's configuration, by field name (what the editor and OLX read and write)."""
        return {name: getattr(self, name) for name in FIELDS}

    def _operator_settings(self):
        service = self.runtime.service(self, "settings")
        return service.get_settings_bucket(self, default={}) if service else {}

    def _audience(self, since):
        keys = frozenset(component.usage_key for component in self.unit_components)
        return Audience(viewer=self.viewer, since=since, component_keys=keys, usage_id=self.scope_ids.usage_id,
                        run=self.community_key.run, community=self.community, close_after_days=self.close_after_days,
                        experts=self.course_experts)

    # ----- views -----------------------------------------------------------------------------------------

    def student_view(self, context=None):
        """The community space: prompt, phase, the form to start a conversation, the first page of threads."""
        if self.phase.policy == phases.CLOSED and not self.viewer.is_staff:
            return self._fragment(self._render("learner/closed.html", {"phase": self.phase}))
        self._remember_place()
        self._publish_pending_grade()
        since = visits.record_visit(self.community, self.viewer)
        audience = self._audience(since)
        page = listing.list_threads(self.space, self.viewer)
        scheduled = prompts.current(self.scheduled_prompts, self.phase.switch_at)
        html = self._render("learner/community.html", {
            "prompt_html": render_markdown(scheduled.get(prompts.UNIT) or self.translator.gettext(self.prompt)),
            "component_prompts": component_prompts(self.components, {**self.component_prompts, **scheduled}),
            "alumni_prompts": [render_markdown(p) for p in self.alumni_prompts] if self.phase.is_alumni else [],
            "phase": self.phase,
            "can_contribute": phases.can_contribute(self.phase, self.viewer) and self.viewer.is_authenticated,
            "kinds": [(kind, label) for kind, label in THREAD_KINDS.items() if kind in self.thread_kinds],
            "components": self.components,
            "filter_anchors": self._filter_anchors(audience),
            "threads_html": self._thread_items_html(self._thread_summaries(page, audience)),
            "has_more": page.has_more,
            "limits": {"title": TITLE_MAX_LENGTH, "body": BODY_MAX_LENGTH, "query": search.QUERY_MAX_LENGTH},
            "export_url": self.runtime.handler_url(self, "export_my_posts"),
            "review_button": (review_button_label(self.translator, review.pending_count(self.space))
                              if self.viewer.is_staff else ""),
            "alerts_button": (alerts_button_label(self.translator, alerts.open_count(self.community))
                              if self.viewer.is_staff else ""),
            "errata": errata.in_space(self.community),
            "space_slow_mode": space_slow_mode(self.community),
            "pace": pace.CHOICES,
            "talent": self._talent_state(),
            "events_html": self._events_html(),
            "charter_html": self._charter_html(),
        })
        fragment = self._fragment(html, *(["css/staff.css"] if self.viewer.is_staff else []))
        for script in LEARNER_SCRIPTS + (STAFF_SCRIPTS if self.viewer.is_staff else ()):
            fragment.add_javascript(static_text(script))
        fragment.add_javascript(static_text("js/community.js"))  # the starter, after the parts it assembles
        fragment.initialize_js("CommunityXBlock", {"hasMore": page.has_more})
        return fragment

    def author_view(self, context=None):
        """Studio's preview: the settings, the phase and the activity, not the live space."""
        html = self._render("studio/preview.html", editor.preview_context(self))
        return self._fragment(html, "css/studio.css")

    def studio_view(self, context=None):
        """The editor for every setting; it saves through ``save_settings``."""
        html = self._render("studio/editor.html", editor.editor_context(self))
        fragment = self._fragment(html, "css/studio.css")
        fragment.add_javascript(static_text("js/studio.js"))
        fragment.initialize_js("CommunityXBlockStudio")
        return fragment

    def validate(self):
        """Soft warnings Studio shows on the block (hard errors are refused when saving)."""
        return editor.validation(self)

    def _fragment(self, html, *extra_css):
        """The page with its shared style (the Paragon tokens, posts, forms), then what only some viewers need:
        learners do not download the course team's or Studio's styles."""
        fragment = Fragment(html)
        for sheet in ("css/community.css", *extra_css):
            fragment.add_css(static_text(sheet))
        i18n_service = self.runtime.service(self, "i18n")
        catalog_url = getattr(i18n_service, "get_javascript_i18n_catalog_url", lambda _block: None)(self)
        if catalog_url:
            fragment.add_javascript_url(catalog_url)
        elif catalog := javascript_catalog(self.translator.language):
            fragment.add_javascript(catalog)
        fragment.add_javascript(static_text("js/common.js"))  # after the catalog: it reads it
        return fragment

    def _remember_place(self):
        """Course-wide reports name each unit's community and show its prompts, and chat alerts link to it; write
        only when the name, the prompts or the link changed (the name as stored, not as translated for this
        viewer: viewers in other languages must not rewrite it). The link and the prompts are the course team's
        view: every run shares the community, and learners of two runs visiting in turn would rewrite the link on
        every page; staff see every component, so the prompts' component names read the same each time."""
        place = {"display_name": self.display_name[:255]}
        if self.viewer.is_staff:
            place["page_url"] = page_url(self.scope_ids.usage_id)[:500]
            place["prompts"] = prompts.record(
                self.prompt, self.course_end, self.scheduled_prompts,
                {component.usage_key: component.display_name for component in self.unit_components})
        if any(getattr(self.community, field) != value for field, value in place.items()):
            Community.objects.filter(pk=self.community.pk).update(**place)

    def _talent_state(self):
        """The viewer's own side of the talent detector: the badge, the questions waiting for an expert."""
        is_expert = self.viewer.user_key in self.course_experts
        return {"expert": is_expert, "left": decisions.has_left(self.space, self.viewer),
                "waiting": asking.waiting_for(self.space, self.viewer, self.expert_wait_hours, is_expert)}

    def _filter_anchors(self, audience):
        """Components to filter by: the unit's current ones, then removed ones that still have threads."""
        current = [{"usage_key": c.usage_key, "name": c.display_name, "removed": False} for c in self.components]
        removed = Anchor.objects.filter(community=self.community).exclude(usage_key__in=audience.component_keys)
        return current + [{"usage_key": a.usage_key, "name": a.display_name, "removed": True} for a in removed]

    @classmethod
    def _open_resource(cls, uri):
        # ``open_local_resource`` has already refused anything outside "static/".
        return static_file(uri.removeprefix(cls.public_dir + "/"))

    # ----- rendering helpers -----------------------------------------------------------------------------

    def _render(self, template, context):
        base = {"block": self, "viewer": self.viewer, "uid": self._dom_id,
                # The default name is a msgid; an author's own name passes through gettext unchanged.
                "display_name": self.translator.gettext(self.display_name)}
        with speaking(self.translator):
            return render_template(template, {**base, **context})

    @cached_property
    def _dom_id(self):
        """A prefix for element ids, unique to this block on the page."""
        return re.sub(r"[^A-Za-z0-9_-]", "-", str(self.scope_ids.usage_id))

    @staticmethod
    def _thread_summaries(page, audience):
        return [thread_summary(thread, audience, page.followed_ids) for thread in page.threads]

    def _thread_items_html(self, summaries):
        return self._render("learner/thread_items.html", {"threads": summaries})

    def _thread_answer(self, thread_id, **extra):
        """The refreshed thread (data and HTML) that every action inside a thread answers with."""
        return self._thread_view(listing.read_thread(self.space, self.viewer, thread_id), **extra)

    def _thread_view(self, read, **extra):
        audience = self._audience(visits.record_visit(self.community, self.viewer))
        detail = thread_detail(read, audience, phases.can_contribute(self.phase, self.viewer))
        html = self._render("learner/thread.html", {"thread": detail, "pace": pace.CHOICES,
                                                    "thread_errata": errata.on_thread(read.thread)})
        return {"thread": detail, "html": html, **extra}

    def _publish(self, *published):
        """Send tracking events: each argument is a (name, data) pair or a list of them."""
        for item in published:
            for name, data in item if isinstance(item, list) else [item]:
                self.runtime.publish(self, name, data)

    @cached_property
    def _event_source(self):
        return tracking.Source(viewer=self.viewer, commentable_id=str(self.scope_ids.usage_id),
                               is_expert=self.viewer.user_key in self.course_experts)

    @staticmethod
    def workbench_scenarios():
        """The SDK workbench's demo unit (imported here only: an Open edX install never loads the demo)."""
        from community_xblock.demo.scenarios import workbench_scenarios

        return workbench_scenarios()

