"""The talent detector's actions: the staff's candidates panel and its decisions, and the learner's side
(endorsing a peer, leaving the suggestions)."""
from community_xblock import tracking
from community_xblock.conversations.threads import BODY_MAX_LENGTH, TITLE_MIN_LENGTH
from community_xblock.core import permissions, phases
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.handlers.http import json_action
from community_xblock.insights.talent import decisions
from community_xblock.insights.talent.presenters import candidate_data, ranked, scoped
from community_xblock.models import TITLE_MAX_LENGTH, USER_KEY_LENGTH, Decision, TalentRole


def talent_button_label(translator, count):
    """The staff tools' button once the panel was opened: how many people wait for a decision."""
    return translator.ngettext("Talent (%(counter)s candidate)", "Talent (%(counter)s candidates)", count) % {
        "counter": count}


class TalentHandlers:
    """Staff decide on candidates; learners endorse and may leave the suggestions. Each rule checks the role."""

    @json_action(writes=False)
    def talent(self, payload):
        """The candidates of this unit and of the course, with reasons and posts: {} -> {html, button}."""
        return self._talent_view()

    @json_action(writes=True)
    def promote_expert(self, payload):
        """Give a learner the community expert badge in every unit of the course: {user_key} -> as ``talent``."""
        user_key = self._person(payload)
        decisions.promote(self.space, self.viewer, user_key)
        self._publish(tracking.talent_event(self._event_source, "promoted", user_key, TalentRole.EXPERT))
        return self._talent_view()

    @json_action(writes=True)
    def remove_expert(self, payload):
        """Take the badge back: {user_key} -> as ``talent``."""
        user_key = self._person(payload)
        decisions.remove_badge(self.space, self.viewer, user_key)
        self._publish(tracking.talent_event(self._event_source, "badge_removed", user_key, TalentRole.EXPERT))
        return self._talent_view()

    @json_action(writes=True)
    def decide_candidate(self, payload):
        """Dismiss or snooze a candidate: {user_key, role, course_wide, decision: dismissed|snoozed}."""
        user_key, role = self._person(payload), read_choice(payload, "role", set(TalentRole.values))
        decision = read_choice(payload, "decision", set(Decision.values))
        decisions.decide(self.space, self.viewer, user_key=user_key, role=role, decision=decision,
                         course_wide=read_bool(payload, "course_wide", default=False))
        self._publish(tracking.talent_event(self._event_source, decision, user_key, role))
        return self._talent_view()

    @json_action(writes=True)
    def spotlight(self, payload):
        """A pinned shout-out about a learner in this unit: {user_key, title, body} -> as ``talent``."""
        thread = decisions.spotlight(
            self.space, self.viewer, user_key=self._person(payload),
            title=read_text(payload, "title", TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH),
            body=read_text(payload, "body", BODY_MAX_LENGTH, multiline=True))
        self._publish(tracking.content_event(self._event_source, "created", thread.opening_post))
        return self._talent_view()

    @json_action(writes=True, access=phases.require_can_contribute)
    def endorse(self, payload):
        """Say a post's author knows this unit's topic, or take it back: {post_id, active} -> {thread, html}."""
        post, active = decisions.endorse(self.space, self.viewer, post_id=read_id(payload, "post_id"),
                                         active=read_bool(payload, "active", default=True))
        self._publish(tracking.talent_event(self._event_source, "endorsed" if active else "unendorsed",
                                            post.author_key))
        return self._thread_answer(post.thread_id)

    @json_action(writes=True, access=phases.require_can_read)
    def leave_suggestions(self, payload):
        """Decline the badge and leave the suggestions, or come back: {active} -> {left, expert}."""
        active = read_bool(payload, "active", default=True)
        decisions.leave_suggestions(self.space, self.viewer, active=active)
        self._publish(tracking.talent_event(self._event_source, "left" if active else "rejoined",
                                            self.viewer.user_key))
        return decisions.viewer_state(self.space, self.viewer)

    @staticmethod
    def _person(payload):
        return read_text(payload, "user_key", USER_KEY_LENGTH)

    def _talent_view(self):
        permissions.require_staff(self.viewer)
        ranking = ranked(self.community.org, self.community.course)
        listed = [dict(candidate_data(candidate, self.translator, ranking.communities),
                       here=candidate.community_id in (None, self.community.pk), here_id=self.community.pk,
                       course_wide=candidate.community_id is None,
                       scope_id=str(candidate.community_id or 0), rank_text=str(candidate.rank))
                  for candidate in scoped(ranking, self.community.pk)]
        gettext = self.translator.gettext
        html = self._render("staff/talent.html", {
            "groups": [(gettext("In this unit"), [c for c in listed if not c["course_wide"]]),
                       (gettext("Across the course"), [c for c in listed if c["course_wide"]])],
            "experts": decisions.experts_named(self.community), "snooze_days": decisions.SNOOZE_DAYS,
            "export_url": self.runtime.handler_url(self, "export_evaluation", query="format=candidates"),
            "limits": {"title": TITLE_MAX_LENGTH}})
        waiting = len({candidate["author_key"] for candidate in listed if not candidate["promoted"]})  # people
        return {"html": html, "button": talent_button_label(self.translator, waiting)}
