"""The ``community`` XBlock: fields, views and handlers, and nothing else.

Every rule lives in a domain module (discussions, engagement, moderation, listing, lifecycle, ...); this
class reads what the runtime knows (who is asking, which unit and course it sits in), calls the rule,
publishes the tracking event, and renders the answer.
"""
import json
import re
from functools import cached_property

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from webob import Response
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, List, Scope, String

from community_xblock import privacy, tracking
from community_xblock.authoring import editor, olx
from community_xblock.authoring.configuration import FIELDS, PHASE_POLICIES, RUN_SCOPES, THREAD_KINDS
from community_xblock.conversations import engagement, listing, threads, visits
from community_xblock.conversations.presenters import Audience, component_prompts, thread_detail, thread_summary
from community_xblock.conversations.threads import BODY_MAX_LENGTH, TITLE_MIN_LENGTH
from community_xblock.core import permissions, phases
from community_xblock.core.errors import InvalidInput
from community_xblock.core.lookups import Space, community_for
from community_xblock.core.markup import render_markdown
from community_xblock.core.resources import javascript_catalog, render_template, static_file, static_text
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.handlers.http import json_action
from community_xblock.insights import evaluation, grading, reporting
from community_xblock.models import SCORING_REACTIONS, TITLE_MAX_LENGTH, Anchor, Community, ReactionKind
from community_xblock.moderation import actions as moderation
from community_xblock.platform.components import unit_components
from community_xblock.platform.course import course_end as platform_course_end
from community_xblock.platform.identity import community_key_for, viewer_from_user
from community_xblock.platform.studio import may_edit_settings
from community_xblock.platform.translation import BlockTranslator


@XBlock.needs("i18n")  # every visible string goes through it (with the package's catalog as fallback)
@XBlock.needs("user")  # who is asking, and whether they are course staff
@XBlock.wants("settings")  # XBLOCK_SETTINGS["CommunityXBlock"]: operator options (optional)
@XBlock.wants("studio_user_permissions")  # Studio only: who may change the settings (see platform/studio.py)
class CommunityXBlock(XBlock):
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

    display_name = String(
        display_name=_("Display name"), default=_("Community"), scope=Scope.settings, enforce_type=True,
        help=_("The name of the community shown to learners and in the course outline."),
    )
    prompt = String(
        display_name=_("Prompt"), scope=Scope.content, enforce_type=True,
        default=_("What did this unit make you think about? Ask questions, share what you found, help others."),
        help=_("The unit's editorial line: what learners are invited to talk about (Markdown)."),
    )
    component_prompts = Dict(
        display_name=_("Prompts per component"), default={}, scope=Scope.content, enforce_type=True,
        help=_("An optional prompt for each component of the unit, keyed by the component's usage id."),
    )
    thread_kinds = List(
        display_name=_("Conversation types"), default=list(THREAD_KINDS), scope=Scope.settings, enforce_type=True,
        help=_("Which kinds of conversation learners can start: discussion, question, issue (course issue)."),
    )
    allow_anchors = Boolean(
        display_name=_("Link to components"), default=True, scope=Scope.settings, enforce_type=True,
        help=_("Let learners attach a conversation to one of the unit's components."),
    )
    allow_anonymous = Boolean(
        display_name=_("Anonymous posts"), default=True, scope=Scope.settings, enforce_type=True,
        help=_("Let learners post anonymously to their peers (the course team still sees who wrote)."),
    )
    course_end = String(
        display_name=_("Course end"), default="", scope=Scope.settings, enforce_type=True,
        help=_("When the alumni phase starts (YYYY-MM-DD), if the platform does not give the course end."),
    )
    course_policy = String(
        display_name=_("During the course"), default="open", values=PHASE_POLICIES, scope=Scope.settings,
        enforce_type=True, help=_("open, read_only or closed while the course runs."),
    )
    alumni_policy = String(
        display_name=_("After the course"), default="open", values=PHASE_POLICIES, scope=Scope.settings,
        enforce_type=True, help=_("open, read_only or closed once the course has ended (the alumni phase)."),
    )
    alumni_until = String(
        display_name=_("Alumni window ends"), default="", scope=Scope.settings, enforce_type=True,
        help=_("After this day (YYYY-MM-DD) the space becomes read-only; empty keeps it going."),
    )
    alumni_prompts = List(
        display_name=_("Alumni prompts"), default=[], scope=Scope.content, enforce_type=True,
        help=_("Prompts shown only in the alumni phase."),
    )
    run_scope = String(
        display_name=_("Course runs"), default="shared", values=RUN_SCOPES, scope=Scope.settings, enforce_type=True,
        help=_("shared: every run of the course meets in one space; isolated: each run sees its own conversations."),
    )
    complete_on_contribution = Boolean(
        display_name=_("Completion"), default=False, scope=Scope.settings, enforce_type=True,
        help=_("Mark the block complete on a learner's first post; otherwise it does not count for completion."),
    )
    discussion_category = String(
        display_name=_("Category"), default="", scope=Scope.settings, enforce_type=True,
        help=_("A label grouping this community with others (imported from a discussion block)."),
    )
    discussion_target = String(
        display_name=_("Subcategory"), default="", scope=Scope.settings, enforce_type=True,
        help=_("A second label, shown under the name (imported from a discussion block)."),
    )
    participation_grade = Boolean(
        display_name=_("Participation grade"), default=False, scope=Scope.settings, enforce_type=True,
        help=_("Grade participation, rewarding quality over volume (see the README); off: no score."),
    )
    grade_target = Integer(
        display_name=_("Points for full marks"), default=10, scope=Scope.settings, enforce_type=True,
        help=_("How many participation points earn the full grade."),
    )
    discussion_id = String(
        display_name=_("Discussion id"), default="", scope=Scope.settings, enforce_type=True,
        help=_("The Open edX inline discussion this community continues (kept from <discussion> OLX; its history "
               "can be imported)."),
    )
    sort_key = String(
        display_name=_("Sort key"), default="", scope=Scope.settings, enforce_type=True,
        help=_("Where the platform's discussion topics list this community (kept from <discussion> OLX)."),
    )

    # ----- what the runtime tells us ---------------------------------------------------------------------

    @cached_property
    def translator(self):
        """gettext/ngettext for this request's language (the platform's catalog, else the package's)."""
        return BlockTranslator(self.runtime.service(self, "i18n"))

    @cached_property
    def viewer(self):
        service = self.runtime.service(self, "user")
        return viewer_from_user(service.get_current_user(), self._operator_settings().get("workbench_staff_ids", ()),
                                django_user=getattr(service, "_django_user", None))

    @cached_property
    def community_key(self):
        return community_key_for(self.scope_ids.usage_id)

    @cached_property
    def community(self):
        return community_for(self.community_key)

    @cached_property
    def space(self):
        """This request's part of the community: its run, and whether runs are isolated."""
        return Space(self.community, self.community_key.run, isolated=self.run_scope == "isolated")

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
                        run=self.community_key.run)

    # ----- views -----------------------------------------------------------------------------------------

    def student_view(self, context=None):
        """The community space: prompt, phase, the form to start a conversation, the first page of threads."""
        if self.phase.policy == phases.CLOSED and not self.viewer.is_staff:
            return self._fragment(self._render("learner/closed.html", {"phase": self.phase}))
        self._remember_name()
        self._publish_pending_grade()
        since = visits.record_visit(self.community, self.viewer)
        audience = self._audience(since)
        page = listing.list_threads(self.space, self.viewer)
        html = self._render("learner/community.html", {
            "prompt_html": render_markdown(self.translator.gettext(self.prompt)),
            "component_prompts": component_prompts(self.components, self.component_prompts),
            "alumni_prompts": [render_markdown(p) for p in self.alumni_prompts] if self.phase.is_alumni else [],
            "phase": self.phase,
            "can_contribute": phases.can_contribute(self.phase, self.viewer) and self.viewer.is_authenticated,
            "kinds": [kind for kind in THREAD_KINDS if kind in self.thread_kinds],
            "components": self.components,
            "filter_anchors": self._filter_anchors(audience),
            "threads_html": self._thread_items_html(page, audience),
            "has_more": page.has_more,
            "limits": {"title": TITLE_MAX_LENGTH, "body": BODY_MAX_LENGTH},
            "export_url": self.runtime.handler_url(self, "export_my_posts"),
        })
        fragment = self._fragment(html)
        fragment.add_javascript(static_text("js/community.js"))
        fragment.initialize_js("CommunityXBlock", {"hasMore": page.has_more})
        return fragment

    def author_view(self, context=None):
        """Studio's preview: the settings, the phase and the activity, not the live space."""
        html = self._render("studio/preview.html", editor.preview_context(self))
        return self._fragment(html)

    def studio_view(self, context=None):
        """The editor for every setting; it saves through ``save_settings``."""
        html = self._render("studio/editor.html", editor.editor_context(self))
        fragment = self._fragment(html)
        fragment.add_javascript(static_text("js/studio.js"))
        fragment.initialize_js("CommunityXBlockStudio")
        return fragment

    def validate(self):
        """Soft warnings Studio shows on the block (hard errors are refused when saving)."""
        return editor.validation(self)

    def _fragment(self, html):
        fragment = Fragment(html)
        fragment.add_css(static_text("css/community.css"))
        i18n_service = self.runtime.service(self, "i18n")
        catalog_url = getattr(i18n_service, "get_javascript_i18n_catalog_url", lambda _block: None)(self)
        if catalog_url:
            fragment.add_javascript_url(catalog_url)
        elif catalog := javascript_catalog(self.translator.language):
            fragment.add_javascript(catalog)
        fragment.add_javascript(static_text("js/common.js"))  # after the catalog: it reads it
        return fragment

    def _remember_name(self):
        """Course-wide reports name each unit's community; write only when the name changed (the name as
        stored, not as translated for this viewer: viewers in other languages must not rewrite it)."""
        name = self.display_name[:255]
        if self.community.display_name != name:
            Community.objects.filter(pk=self.community.pk).update(display_name=name)

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
        return render_template(template, {**base, **context}, self.translator)

    @cached_property
    def _dom_id(self):
        """A prefix for element ids, unique to this block on the page."""
        return re.sub(r"[^A-Za-z0-9_-]", "-", str(self.scope_ids.usage_id))

    def _thread_items_html(self, page, audience):
        threads = [thread_summary(thread, audience, page.followed_ids) for thread in page.threads]
        return self._render("learner/thread_items.html", {"threads": threads})

    def _thread_answer(self, thread_id, **extra):
        """The refreshed thread (data and HTML) that every action inside a thread answers with."""
        return self._thread_view(listing.read_thread(self.space, self.viewer, thread_id), **extra)

    def _thread_view(self, read, **extra):
        audience = self._audience(visits.record_visit(self.community, self.viewer))
        detail = thread_detail(read, audience, phases.can_contribute(self.phase, self.viewer))
        html = self._render("learner/thread.html", {"thread": detail})
        return {"thread": detail, "html": html, **extra}

    def _publish(self, *published):
        """Send tracking events: each argument is a (name, data) pair or a list of them."""
        for item in published:
            for name, data in item if isinstance(item, list) else [item]:
                self.runtime.publish(self, name, data)

    def _contributed(self):
        """A learner wrote something: completion (if the author asked for it) and their grade."""
        if self.complete_on_contribution:
            self.runtime.publish(self, "completion", {"completion": 1.0})
        self._grade(self.viewer.user_key)

    def _grade(self, user_key):
        """``user_key``'s participation points may have changed: publish the viewer's own grade now; another
        author's is published on their next request (the LMS scores only the requesting user)."""
        if not self.participation_grade or not user_key:
            return
        if user_key == self.viewer.user_key:
            self.runtime.publish(self, "grade", grading.grade_event(self.community, user_key, self.grade_target))
        else:
            grading.grade_changed(self.community, user_key)

    def _publish_pending_grade(self):
        """Publish the viewer's grade if others' reactions or acceptances changed it since their last request."""
        viewer = self.viewer
        if self.participation_grade and viewer.is_authenticated and not viewer.masquerading \
                and grading.take_pending(self.community, viewer.user_key):
            self.runtime.publish(self, "grade", grading.grade_event(self.community, viewer.user_key,
                                                                    self.grade_target))

    @cached_property
    def _event_source(self):
        return tracking.Source(viewer=self.viewer, commentable_id=str(self.scope_ids.usage_id))

    # ----- reading -----------------------------------------------------------------------------------------

    @json_action(writes=False, access=phases.require_can_read)
    def list_threads(self, payload):
        """A page of threads: {sort, show, component, page} -> {threads, has_more, html}."""
        sort, anchor_key, show, page_number = listing.read_list_options(payload, self.viewer)
        page = listing.list_threads(self.space, self.viewer, sort=sort, anchor_key=anchor_key, show=show,
                                    page=page_number)
        audience = self._audience(visits.record_visit(self.community, self.viewer))
        return {
            "threads": [thread_summary(thread, audience, page.followed_ids) for thread in page.threads],
            "has_more": page.has_more,
            "html": self._thread_items_html(page, audience),
        }

    @json_action(writes=False, access=phases.require_can_read)
    def get_thread(self, payload):
        """One thread with its replies: {thread_id} -> {thread, html}."""
        read = listing.read_thread(self.space, self.viewer, read_id(payload, "thread_id"))
        self._publish(tracking.viewed_event(self._event_source, read.thread))
        return self._thread_view(read)

    @XBlock.handler
    def export_my_posts(self, request, suffix=""):
        """Everything the signed-in learner wrote in this community, as a JSON download."""
        if request.method != "GET":
            return Response(status=405, headerlist=[("Allow", "GET")])
        posts = privacy.export_posts(self.community, self.viewer)
        response = Response(body=json.dumps(posts, ensure_ascii=False, indent=2).encode("utf-8"),
                            content_type="application/json", charset="utf-8")
        response.headers["Content-Disposition"] = 'attachment; filename="my-community-posts.json"'
        return response

    # ----- writing -----------------------------------------------------------------------------------------

    @json_action(writes=True, access=phases.require_can_contribute)
    def create_thread(self, payload):
        """Start a conversation: {kind, title, body, component?, anonymous?} -> {thread, html}."""
        kind = read_choice(payload, "kind", set(self.thread_kinds) & set(THREAD_KINDS), default="discussion")
        title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        anchor = self._read_component(payload)
        anonymous = self._read_anonymous(payload)
        thread = threads.start_thread(
            self.space, self.viewer, kind=kind, title=title, body=body, anchor=anchor, anonymous=anonymous,
        )
        self._publish(tracking.content_event(self._event_source, "created", thread.opening_post))
        self._contributed()
        thread = listing.thread_row(self.space, self.viewer, thread.pk)
        summary = thread_summary(thread, self._audience(None), {thread.pk})
        return {"thread": summary, "html": self._render("learner/thread_items.html", {"threads": [summary]})}

    @json_action(writes=True, access=phases.require_can_contribute)
    def reply(self, payload):
        """Answer a thread or a response: {thread_id, parent_id?, body, anonymous?} -> {post, thread, html}."""
        thread_id = read_id(payload, "thread_id")
        parent_id = read_id(payload, "parent_id", required=False)
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        post = threads.reply(
            self.space, self.viewer, thread_id=thread_id, body=body, parent_id=parent_id,
            anonymous=self._read_anonymous(payload),
        )
        self._publish(tracking.content_event(self._event_source, "created", post))
        self._contributed()
        return self._thread_answer(thread_id, post={"id": post.pk, "kind": post.kind})

    @json_action(writes=True, access=phases.require_can_contribute)
    def edit_post(self, payload):
        """Change one's post: {post_id, body, title?} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        title = None
        if "title" in payload:
            title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        post = threads.edit(self.space, self.viewer, post_id=post_id, body=body, title=title)
        if title is not None:
            post.thread.title = title
        self._publish(tracking.content_event(self._event_source, "edited", post))
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_contribute)
    def delete_post(self, payload):
        """Delete one's post (staff: any post): {post_id} -> {thread, html} or {thread_deleted}."""
        post = threads.delete(self.space, self.viewer, post_id=read_id(payload, "post_id"))
        self._publish(tracking.content_event(self._event_source, "deleted", post))
        if post.is_opening:
            return {"thread_deleted": post.thread_id}
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_contribute)
    def accept_answer(self, payload):
        """Accept (or un-accept) a response to a question: {post_id, accepted} -> {thread, html}."""
        accepted = read_bool(payload, "accepted", default=True)
        post = threads.accept(self.space, self.viewer, post_id=read_id(payload, "post_id"), accepted=accepted)
        self._publish(tracking.mark_event(self._event_source, post, accepted))
        self._grade(post.author_key)
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_contribute)
    def react(self, payload):
        """Add or remove a reaction: {post_id, kind, active} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        kind = read_choice(payload, "kind", {kind.value for kind in ReactionKind})
        active = read_bool(payload, "active", True)
        post = engagement.react(self.space, self.viewer, post_id=post_id, kind=kind, active=active)
        self._publish(tracking.reaction_event(self._event_source, post, kind, active))
        if kind in SCORING_REACTIONS:
            self._grade(post.author_key)
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_read)
    def follow(self, payload):
        """Follow or unfollow: {thread_id, active} -> {follower_count, thread, html}."""
        active = read_bool(payload, "active", True)
        thread = engagement.follow(self.space, self.viewer, thread_id=read_id(payload, "thread_id"), active=active)
        self._publish(tracking.follow_event(self._event_source, thread, active))
        return self._thread_answer(thread.pk, follower_count=thread.follower_count)

    @json_action(writes=True, access=phases.require_can_read)
    def flag(self, payload):
        """Report a post to the course team (or withdraw it): {post_id, reason?, active} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        reason = read_text(payload, "reason", engagement.FLAG_REASON_MAX_LENGTH, min_length=0, required=False)
        active = read_bool(payload, "active", True)
        post = engagement.flag(self.space, self.viewer, post_id=post_id, reason=reason, active=active)
        self._publish(tracking.report_event(self._event_source, post, active))
        return self._thread_answer(post.thread_id)

    # ----- moderation (course staff) -------------------------------------------------------------------------

    @json_action(writes=True)
    def moderate_thread(self, payload):
        """Pin, close or hide a thread: {thread_id, state: pinned|closed|hidden, value} -> {thread, html}."""
        switch = read_choice(payload, "state", moderation.THREAD_SWITCHES)
        value = read_bool(payload, "value")
        thread = moderation.set_thread_state(self.space, self.viewer, thread_id=read_id(payload, "thread_id"),
                                             switch=switch, value=value)
        self._publish(tracking.thread_state_event(self._event_source, thread, switch, value))
        return self._thread_answer(thread.pk)

    @json_action(writes=True)
    def hide_post(self, payload):
        """Hide a post from learners, or show it again: {post_id, hidden} -> {thread, html}."""
        hidden = read_bool(payload, "hidden")
        post = moderation.set_post_hidden(self.space, self.viewer, post_id=read_id(payload, "post_id"), hidden=hidden)
        self._publish(tracking.post_hidden_event(self._event_source, post, hidden))
        return self._thread_answer(post.thread_id)

    @json_action(writes=True)
    def clear_flags(self, payload):
        """Close the open flags on a post after review: {post_id} -> {thread, html}."""
        post = engagement.clear_flags(self.space, self.viewer, post_id=read_id(payload, "post_id"))
        self._publish(tracking.flags_cleared_event(self._event_source, post))
        return self._thread_answer(post.thread_id)

    # ----- evaluation (course staff) -------------------------------------------------------------------------

    @json_action(writes=False)
    def evaluation(self, payload):
        """The unit's qualitative evaluation: {} -> {report, html}; sends the weekly summary event when due."""
        permissions.require_staff(self.viewer)
        report = evaluation.unit_report(self.community, self.unit_components)
        if evaluation.summary_due(self.community):
            self._publish(evaluation.summary_event(self.community, report))
        html = self._render("staff/evaluation.html", reporting.evaluation_context(self, report))
        return {"report": report, "html": html}

    @json_action(writes=False)
    def course_evaluation(self, payload):
        """Every community block of the course, unit by unit: {} -> {report, html}."""
        permissions.require_staff(self.viewer)
        report = evaluation.course_report(self.community)
        html = self._render("staff/course_evaluation.html", reporting.course_evaluation_context(self, report))
        return {"report": report, "html": html}

    @XBlock.handler
    def export_evaluation(self, request, suffix=""):
        """GET ?format=csv|json [&identified=1]: the unit's evaluation; authors pseudonymous by default."""
        return reporting.export_response(self, request)

    # ----- authoring ---------------------------------------------------------------------------------------

    @json_action(writes=True)
    def save_settings(self, payload):
        """The Studio editor: every setting at once, all validated before any is assigned."""
        permissions.require_settings_editor(may_edit_settings(self, self.viewer))
        return editor.save(self, payload)

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        platform = olx.platform_fields(block, FIELDS)
        values = {**olx.settings_from_node(node, platform), **olx.platform_values_from_node(node, platform)}
        for name, value in values.items():
            setattr(block, name, value)
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        olx.write_platform_fields(node, self, olx.platform_fields(self, FIELDS))
        olx.write_node(node, self.settings())

    # ----- input helpers -------------------------------------------------------------------------------------

    def _read_component(self, payload):
        usage_key = read_text(payload, "component", 255, min_length=0, required=False)
        if not usage_key:
            return None
        if not self.allow_anchors:
            raise InvalidInput(
                _("%(field)s: linking conversations to components is turned off here."), field="component",
            )
        for component in self.components:
            if component.usage_key == usage_key:
                return component
        raise InvalidInput(_("%(field)s must be one of this unit's components."), field="component")

    def _read_anonymous(self, payload):
        anonymous = read_bool(payload, "anonymous", default=False)
        if anonymous and not self.allow_anonymous:
            raise InvalidInput(_("%(field)s: anonymous posts are turned off in this community."), field="anonymous")
        return anonymous

    @staticmethod
    def workbench_scenarios():
        """The SDK workbench's demo unit (imported here only: an Open edX install never loads the demo)."""
        from community_xblock.demo.scenarios import workbench_scenarios

        return workbench_scenarios()

