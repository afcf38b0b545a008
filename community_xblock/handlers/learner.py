"""What learners do in the space: read pages and threads, write, react, follow, flag, download their posts.

Each handler reads its payload, calls one domain rule, publishes the tracking event and answers the refreshed
HTML (see ``CommunityXBlock._thread_answer``). The participation grade and completion follow a contribution.
"""
import json

from django.utils.translation import gettext_noop as _
from webob import Response
from xblock.core import XBlock

from community_xblock import privacy, tracking
from community_xblock.authoring.settings import THREAD_KINDS
from community_xblock.conversations import engagement, listing, search, threads, visits
from community_xblock.conversations.presenters import thread_summary
from community_xblock.conversations.threads import BODY_MAX_LENGTH, TITLE_MIN_LENGTH
from community_xblock.core import phases
from community_xblock.core.errors import InvalidInput
from community_xblock.core.markup import render_markdown
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.gatherings import charter
from community_xblock.handlers.http import json_action
from community_xblock.handlers.moderation import read_reason
from community_xblock.insights import grading
from community_xblock.models import SCORING_REACTIONS, TITLE_MAX_LENGTH, ReactionKind
from community_xblock.moderation import actions as moderation
from community_xblock.moderation import intake, queue


class LearnerHandlers:
    """Handlers every signed-in learner (and staff) may call; the phase policy is checked by ``json_action``."""

    @json_action(writes=False, access=phases.require_can_read)
    def list_threads(self, payload):
        """A page of threads: {sort, show, component, page} -> {threads, has_more, html}."""
        sort, anchor_key, show, page_number = listing.read_list_options(payload, self.viewer)
        page = listing.list_threads(self.space, self.viewer, sort=sort, anchor_key=anchor_key, show=show,
                                    page=page_number)
        # One summary per thread, serving both the JSON and the HTML the page inserts.
        summaries = self._thread_summaries(page, self._audience(visits.record_visit(self.community, self.viewer)))
        return {"threads": summaries, "has_more": page.has_more, "html": self._thread_items_html(summaries)}

    @json_action(writes=False, access=phases.require_can_contribute)
    def preview(self, payload):
        """A draft as it will read once posted: {body} -> {html}, through the same Markdown and sanitizer as a
        post (so the preview never promises what the post will not show). Nothing is written."""
        return {"html": render_markdown(read_text(payload, "body", BODY_MAX_LENGTH, multiline=True))}

    @json_action(writes=False, access=phases.require_can_read)
    def search(self, payload):
        """The conversations whose title or posts match: {query, before? (the last post id shown)} -> {html,
        summary_html, has_more, before, count}; newest match first, one item per conversation."""
        before = read_id(payload, "before") if payload.get("before") is not None else None
        posts, has_more, forms = search.search(self.space, self.viewer, payload.get("query"), before)
        audience, seen, summaries = self._audience(None), set(), []
        for post in posts:
            if post.thread_id in seen:
                continue
            seen.add(post.thread_id)
            summary = thread_summary(post.thread, audience, frozenset())
            summary["match_html"] = search.highlighted(post.body, forms)
            summary["title_html"] = search.highlighted(post.thread.title, forms, around=None)
            summaries.append(summary)
        query = payload["query"].strip()
        return {"html": self._thread_items_html(summaries), "has_more": has_more, "count": len(summaries),
                "before": posts[-1].pk if posts else None,
                "summary_html": self._render("learner/search_summary.html", {
                    "query": query, "found": bool(summaries), "more": before is not None})}

    @json_action(writes=False, access=phases.require_can_read)
    def get_thread(self, payload):
        """One thread with its replies: {thread_id, with_item?} -> {thread, html, item_html?}; ``with_item`` asks
        for its list item too, for a thread opened from a link that is not on the list's first page."""
        read = listing.read_thread(self.space, self.viewer, read_id(payload, "thread_id"))
        with_item = read_bool(payload, "with_item", default=False)
        self._publish(tracking.viewed_event(self._event_source, read.thread))
        answer = self._thread_view(read)
        if with_item:
            answer["item_html"] = self._thread_items_html([answer["thread"]])
        return answer

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

    @json_action(writes=True, access=phases.require_can_contribute)
    def create_thread(self, payload):
        """Start a conversation: {kind, title, body, component?, anonymous?} -> {thread, html}, or {held} when
        it waits for the course team's approval (watched words, pre-moderation)."""
        kind = read_choice(payload, "kind", set(self.thread_kinds) & set(THREAD_KINDS), default="discussion")
        title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        anchor = self._read_component(payload)
        anonymous = self._read_anonymous(payload)
        charter.require_accepted(self.space, self.viewer)
        screening = intake.screen(self.space, self.viewer, title, body, policy=self.premoderation)
        thread = threads.start_thread(
            self.space, self.viewer, kind=kind, title=title, body=body, anchor=anchor, anonymous=anonymous,
            detect=not screening.hold,
        )
        self._publish(tracking.content_event(self._event_source, "created", thread.opening_post))
        if intake.after_write(self.space, thread.opening_post, screening, self.premoderation):
            return {"held": True}  # no completion or points for a post nobody sees yet
        self._contributed()
        thread = listing.thread_row(self.space, self.viewer, thread.pk)
        summary = thread_summary(thread, self._audience(None), {thread.pk})
        return {"thread": summary, "html": self._render("learner/thread_items.html", {"threads": [summary]})}

    @json_action(writes=True, access=phases.require_can_contribute)
    def reply(self, payload):
        """Answer a thread or a response: {thread_id, parent_id?, body, anonymous?} -> {post, thread, html, held}."""
        thread_id = read_id(payload, "thread_id")
        parent_id = read_id(payload, "parent_id", required=False)
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        charter.require_accepted(self.space, self.viewer)
        screening = intake.screen(self.space, self.viewer, body, policy=self.premoderation)
        post = threads.reply(
            self.space, self.viewer, thread_id=thread_id, body=body, parent_id=parent_id,
            anonymous=self._read_anonymous(payload), detect=not screening.hold,
        )
        self._publish(tracking.content_event(self._event_source, "created", post))
        held = intake.after_write(self.space, post, screening, self.premoderation)
        if not held:
            self._contributed()
        return self._thread_answer(thread_id, post={"id": post.pk, "kind": post.kind}, held=held)

    @json_action(writes=True, access=phases.require_can_contribute)
    def edit_post(self, payload):
        """Change one's post: {post_id, body, title?} -> {thread, html}."""
        post_id = read_id(payload, "post_id")
        body = read_text(payload, "body", BODY_MAX_LENGTH, multiline=True)
        title = None
        if "title" in payload:
            title = read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH)
        screening = intake.screen(self.space, self.viewer, title or "", body)
        post = threads.edit(self.space, self.viewer, post_id=post_id, body=body, title=title)
        if title is not None:
            post.thread.title = title
        self._publish(tracking.content_event(self._event_source, "edited", post))
        # An edit is screened for words (not for approval: the post was approved, or waits already).
        if intake.after_write(self.space, post, screening) and post.is_opening:
            return {"thread_hidden": post.thread_id}
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_contribute)
    def delete_post(self, payload):
        """Delete one's post (staff: any post, logged): {post_id, reason?} -> {thread, html} or {thread_deleted}."""
        post = moderation.delete_post(self.space, self.viewer, post_id=read_id(payload, "post_id"),
                                      reason=read_reason(payload))
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
        """Report a post to the course team (or withdraw it): {post_id, reason?, active} -> {thread, html}, or
        {thread_hidden} when the flag hid the conversation pending review."""
        post_id = read_id(payload, "post_id")
        reason = read_text(payload, "reason", engagement.FLAG_REASON_MAX_LENGTH, min_length=0, required=False)
        active = read_bool(payload, "active", True)
        post = queue.raise_flag(self.space, self.viewer, post_id=post_id, reason=reason, active=active)
        self._publish(tracking.report_event(self._event_source, post, active))
        if post.is_opening and post.held_for_review and not self.viewer.is_staff:
            return {"thread_hidden": post.thread_id}  # this flag hid the conversation pending review
        return self._thread_answer(post.thread_id)

    # ----- what follows a contribution ----------------------------------------------------------------------

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
