"""The ``community`` XBlock: fields, views and handlers, and nothing else.

Every rule lives in a domain module (discussions, engagement, moderation, listing, visits...); this class
reads what the runtime knows (who is asking, which unit it sits in), calls the rule, and renders the answer.
"""
import re
from functools import cached_property

from django.utils.translation import gettext_noop as _
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Boolean, List, Scope, String

from . import discussions, engagement, listing, moderation, visits
from .components import unit_components
from .demo.scenarios import workbench_scenarios
from .discussions import BODY_MAX_LENGTH, TITLE_MIN_LENGTH
from .errors import InvalidInput
from .http import json_action
from .identity import community_key_for, viewer_from_user
from .lookups import community_for
from .markup import render_markdown
from .models import TITLE_MAX_LENGTH, Anchor, ReactionKind, ThreadKind
from .presenters import Audience, thread_detail, thread_summary
from .resources import render_template, static_exists, static_file, static_text
from .validation import read_bool, read_choice, read_id, read_text

ALL_THREAD_KINDS = [kind.value for kind in ThreadKind]


@XBlock.needs("i18n")  # every visible string goes through it
@XBlock.needs("user")  # who is asking, and whether they are course staff
@XBlock.wants("settings")  # XBLOCK_SETTINGS["CommunityXBlock"]: operator options (optional)
class CommunityXBlock(XBlock):
    """A unit's community space: learners discuss the unit's content, linked to its components."""

    block_settings_key = "CommunityXBlock"
    # Assets live in the ``community_xblock.static`` sub-package, served under "static/..." URLs.
    public_dir = "static"
    i18n_js_namespace = "CommunityXBlockI18N"

    display_name = String(
        display_name=_("Display name"),
        help=_("The name of the community shown to learners and in the course outline."),
        default=_("Community"),
        scope=Scope.settings,
        enforce_type=True,
    )
    prompt = String(
        display_name=_("Prompt"),
        help=_("The unit's editorial line: what learners are invited to talk about (Markdown)."),
        default=_("What did this unit make you think about? Ask questions, share what you found, help others."),
        scope=Scope.content,
        enforce_type=True,
    )
    thread_kinds = List(
        display_name=_("Thread types"),
        help=_("Which kinds of conversation learners can start: discussion, question, issue (course issue)."),
        default=ALL_THREAD_KINDS,
        scope=Scope.settings,
        enforce_type=True,
    )
    allow_anchors = Boolean(
        display_name=_("Link to components"),
        help=_("Let learners attach a conversation to one of the unit's components."),
        default=True,
        scope=Scope.settings,
        enforce_type=True,
    )
    allow_anonymous = Boolean(
        display_name=_("Anonymous posts"),
        help=_("Let learners post anonymously to their peers (the course team still sees who wrote)."),
        default=True,
        scope=Scope.settings,
        enforce_type=True,
    )

    # ----- what the runtime tells us ---------------------------------------------------------------------

    @property
    def i18n_service(self):
        return self.runtime.service(self, "i18n")

    @cached_property
    def viewer(self):
        user = self.runtime.service(self, "user").get_current_user()
        return viewer_from_user(user, self._operator_settings().get("workbench_staff_ids", ()))

    @cached_property
    def community_key(self):
        return community_key_for(self.scope_ids.usage_id)

    @cached_property
    def community(self):
        return community_for(self.community_key)

    @cached_property
    def components(self):
        return unit_components(self) if self.allow_anchors else []

    def _operator_settings(self):
        service = self.runtime.service(self, "settings")
        return service.get_settings_bucket(self, default={}) if service else {}

    def _audience(self, since):
        keys = frozenset(component.usage_key for component in unit_components(self))
        return Audience(viewer=self.viewer, since=since, component_keys=keys, usage_id=self.scope_ids.usage_id)

    # ----- views -----------------------------------------------------------------------------------------

    def student_view(self, context=None):  # pylint: disable=unused-argument
        """The community space: prompt, the form to start a conversation, and the first page of threads."""
        since = visits.record_visit(self.community, self.viewer)
        audience = self._audience(since)
        page = listing.list_threads(self.community, self.viewer)
        html = self._render("community.html", {
            "prompt_html": render_markdown(self.i18n_service.gettext(self.prompt)),
            "kinds": [kind for kind in ALL_THREAD_KINDS if kind in self.thread_kinds],
            "components": self.components,
            "filter_anchors": self._filter_anchors(audience),
            "threads_html": self._thread_items_html(page, audience),
            "has_more": page.has_more,
            "limits": {"title": TITLE_MAX_LENGTH, "body": BODY_MAX_LENGTH},
        })
        fragment = Fragment(html)
        fragment.add_css(static_text("css/community.css"))
        self._add_javascript_catalog(fragment)
        fragment.add_javascript(static_text("js/community.js"))
        fragment.initialize_js("CommunityXBlock", {"hasMore": page.has_more})
        return fragment

    def _filter_anchors(self, audience):
        """Components to filter by: the unit's current ones, then removed ones that still have threads."""
        current = [{"usage_key": c.usage_key, "name": c.display_name, "removed": False} for c in self.components]
        removed = Anchor.objects.filter(community=self.community).exclude(usage_key__in=audience.component_keys)
        return current + [{"usage_key": a.usage_key, "name": a.display_name, "removed": True} for a in removed]

    def _add_javascript_catalog(self, fragment):
        """JavaScript strings: the platform's catalog URL when it has one, else the catalog we ship."""
        url = getattr(self.i18n_service, "get_javascript_i18n_catalog_url", lambda _block: None)(self)
        if url:
            fragment.add_javascript_url(url)
            return
        language = (self.i18n_service.get_language() or "en").split("-")[0].lower()
        path = f"js/translations/{language}/text.js"
        if static_exists(path):
            fragment.add_javascript(static_text(path))

    @classmethod
    def _open_resource(cls, uri):
        # ``open_local_resource`` has already refused anything outside "static/".
        return static_file(uri.removeprefix(cls.public_dir + "/"))

    # ----- rendering helpers -----------------------------------------------------------------------------

    def _render(self, template, context):
        base = {"block": self, "viewer": self.viewer, "uid": self._dom_id}
        return render_template(template, {**base, **context}, self.i18n_service)

    @cached_property
    def _dom_id(self):
        """A prefix for element ids, unique to this block on the page."""
        return re.sub(r"[^A-Za-z0-9_-]", "-", str(self.scope_ids.usage_id))

    def _thread_items_html(self, page, audience):
        threads = [thread_summary(thread, audience, page.followed_ids) for thread in page.threads]
        return self._render("thread_items.html", {"threads": threads})

    def _thread_answer(self, thread_id, **extra):
        """The refreshed thread (data and HTML) that every action inside a thread answers with."""
        audience = self._audience(visits.new_since(self.community, self.viewer))
        detail = thread_detail(listing.read_thread(self.community, self.viewer, thread_id), audience)
        return {"thread": detail, "html": self._render("thread.html", {"thread": detail}), **extra}

    # ----- reading -----------------------------------------------------------------------------------------

    @json_action(writes=False)
    def list_threads(self, payload):
        """A page of threads: {sort, show, component, page} -> {threads, has_more, html}."""
        sort, anchor_key, show, page_number = listing.read_list_options(payload, self.viewer)
        page = listing.list_threads(
            self.community, self.viewer, sort=sort, anchor_key=anchor_key, show=show, page=page_number,
        )
        audience = self._audience(visits.new_since(self.community, self.viewer))
        return {
            "threads": [thread_summary(thread, audience, page.followed_ids) for thread in page.threads],
            "has_more": page.has_more,
            "html": self._thread_items_html(page, audience),
        }

    @json_action(writes=False)
    def get_thread(self, payload):
        """One thread with its replies: {thread_id} -> {thread, html}."""
        return self._thread_answer(read_id(payload, "thread_id"))

    # ----- writing -----------------------------------------------------------------------------------------

    @json_action(writes=True)
    def create_thread(self, payload):
        """Start a conversation: {kind, title, body, component?, anonymous?} -> {thread, html}."""
        kind = read_choice(payload, "kind", set(self.thread_kinds) & set(ALL_THREAD_KINDS),
                           default=ThreadKind.DISCUSSION.value)
        title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        body = read_text(payload, "body", BODY_MAX_LENGTH)
        anchor = self._read_component(payload)
        anonymous = self._read_anonymous(payload)
        thread = discussions.start_thread(
            self.community, self.community_key.run, self.viewer,
            kind=kind, title=title, body=body, anchor=anchor, anonymous=anonymous,
        )
        audience = self._audience(None)
        thread.refresh_from_db()
        summary = thread_summary(thread, audience, {thread.pk})
        return {"thread": summary, "html": self._render("thread_items.html", {"threads": [summary]})}

    @json_action(writes=True)
    def reply(self, payload):
        """Answer a thread or a response: {thread_id, parent_id?, body, anonymous?} -> {post, thread, html}."""
        thread_id = read_id(payload, "thread_id")
        parent_id = read_id(payload, "parent_id", required=False)
        body = read_text(payload, "body", BODY_MAX_LENGTH)
        post = discussions.reply(
            self.community, self.community_key.run, self.viewer, thread_id=thread_id, body=body,
            parent_id=parent_id, anonymous=self._read_anonymous(payload),
        )
        return self._thread_answer(thread_id, post={"id": post.pk, "kind": post.kind})

    @json_action(writes=True)
    def edit_post(self, payload):
        """Change one's post: {post_id, body, title?} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        body = read_text(payload, "body", BODY_MAX_LENGTH)
        title = None
        if "title" in payload:
            title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        post = discussions.edit(self.community, self.viewer, post_id=post_id, body=body, title=title)
        return self._thread_answer(post.thread_id)

    @json_action(writes=True)
    def delete_post(self, payload):
        """Delete one's post (staff: any post): {post_id} -> {thread, html} or {thread_deleted}."""
        post = discussions.delete(self.community, self.viewer, post_id=read_id(payload, "post_id"))
        if post.is_opening:
            return {"thread_deleted": post.thread_id}
        return self._thread_answer(post.thread_id)

    @json_action(writes=True)
    def accept_answer(self, payload):
        """Accept (or un-accept) a response to a question: {post_id, accepted} -> {thread, html}."""
        thread = discussions.accept(
            self.community, self.viewer, post_id=read_id(payload, "post_id"),
            accepted=read_bool(payload, "accepted", default=True),
        )
        return self._thread_answer(thread.pk)

    @json_action(writes=True)
    def react(self, payload):
        """Add or remove a reaction: {post_id, kind, active} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        kind = read_choice(payload, "kind", {kind.value for kind in ReactionKind})
        post = engagement.react(
            self.community, self.viewer, post_id=post_id, kind=kind, active=read_bool(payload, "active", True),
        )
        return self._thread_answer(post.thread_id)

    @json_action(writes=True)
    def follow(self, payload):
        """Follow or unfollow: {thread_id, active} -> {follower_count, thread, html}."""
        thread_id = read_id(payload, "thread_id")
        count = engagement.follow(
            self.community, self.viewer, thread_id=thread_id, active=read_bool(payload, "active", True),
        )
        return self._thread_answer(thread_id, follower_count=count)

    @json_action(writes=True)
    def flag(self, payload):
        """Report a post to the course team (or withdraw it): {post_id, reason?, active} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        reason = read_text(payload, "reason", engagement.FLAG_REASON_MAX_LENGTH, min_length=0, required=False)
        post = engagement.flag(
            self.community, self.viewer, post_id=post_id, reason=reason, active=read_bool(payload, "active", True),
        )
        return self._thread_answer(post.thread_id)

    # ----- moderation (course staff) -------------------------------------------------------------------------

    @json_action(writes=True)
    def moderate_thread(self, payload):
        """Pin, close or hide a thread: {thread_id, state: pinned|closed|hidden, value} -> {thread, html}."""
        thread_id = read_id(payload, "thread_id")
        moderation.set_thread_state(
            self.community, self.viewer, thread_id=thread_id,
            switch=read_choice(payload, "state", moderation.THREAD_SWITCHES), value=read_bool(payload, "value"),
        )
        return self._thread_answer(thread_id)

    @json_action(writes=True)
    def hide_post(self, payload):
        """Hide a post from learners, or show it again: {post_id, hidden} -> {thread, html}."""
        thread_id = moderation.set_post_hidden(
            self.community, self.viewer, post_id=read_id(payload, "post_id"), hidden=read_bool(payload, "hidden"),
        )
        return self._thread_answer(thread_id)

    @json_action(writes=True)
    def clear_flags(self, payload):
        """Close the open flags on a post after review: {post_id} -> {thread, html}."""
        post = engagement.clear_flags(self.community, self.viewer, post_id=read_id(payload, "post_id"))
        return self._thread_answer(post.thread_id)

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
        return workbench_scenarios()

