"""What the course team does to a thread or a post: pin, close, hide; the review queue; the log, and undoing."""
from community_xblock import tracking
from community_xblock.conversations import pace
from community_xblock.conversations.presenters import space_slow_mode
from community_xblock.core.validation import read_bool, read_choice, read_id, read_text
from community_xblock.handlers.http import json_action
from community_xblock.models import REASON_MAX_LENGTH, FlagDecision, WatchAction
from community_xblock.moderation import actions as moderation
from community_xblock.moderation import log, queue, review, undo, watchlist
from community_xblock.moderation.shipped_words import SHIPPED


def read_reason(payload):
    """Why the course team decided (optional; kept in the moderation log)."""
    return read_text(payload, "reason", REASON_MAX_LENGTH, min_length=0, required=False)


def review_button_label(translator, count):
    """The staff tools' button, with how many posts wait (the page and the queue's answers both show it)."""
    return translator.ngettext("Review queue (%(counter)s post)", "Review queue (%(counter)s posts)", count) % {
        "counter": count}


class ModerationHandlers:
    """Staff only: each domain rule checks the viewer's role."""

    @json_action(writes=True)
    def moderate_thread(self, payload):
        """Pin, close or hide a thread: {thread_id, state: pinned|closed|hidden, value, reason?} -> {thread, html}."""
        switch = read_choice(payload, "state", moderation.THREAD_SWITCHES)
        value = read_bool(payload, "value")
        thread = moderation.set_thread_state(self.space, self.viewer, thread_id=read_id(payload, "thread_id"),
                                             switch=switch, value=value, reason=read_reason(payload))
        self._publish(tracking.thread_state_event(self._event_source, thread, switch, value))
        return self._thread_answer(thread.pk)

    @json_action(writes=True)
    def hide_post(self, payload):
        """Hide a post from learners, or show it again: {post_id, hidden, reason?} -> {thread, html}."""
        hidden = read_bool(payload, "hidden")
        post = moderation.set_post_hidden(self.space, self.viewer, post_id=read_id(payload, "post_id"),
                                          hidden=hidden, reason=read_reason(payload))
        self._publish(tracking.post_hidden_event(self._event_source, post, hidden))
        return self._thread_answer(post.thread_id)

    @json_action(writes=True)
    def clear_flags(self, payload):
        """Close the open flags on a post after review, deciding nothing: {post_id, reason?} -> {thread, html}."""
        post = queue.decide(self.space, self.viewer, post_id=read_id(payload, "post_id"),
                            decision=FlagDecision.IGNORED, reason=read_reason(payload))
        self._publish(tracking.flags_cleared_event(self._event_source, post))
        return self._thread_answer(post.thread_id)

    @json_action(writes=False)
    def review_queue(self, payload):
        """The posts waiting for a decision, heaviest first, each score explained: {} -> {queue, html}."""
        return self._review_queue_view()

    @json_action(writes=True)
    def decide_flags(self, payload):
        """Decide on a post's open flags: {post_id, decision: agreed|disagreed|ignored, reason?} -> {queue, html}."""
        decision = read_choice(payload, "decision", set(queue.DECISION_KINDS))
        post = queue.decide(self.space, self.viewer, post_id=read_id(payload, "post_id"), decision=decision,
                            reason=read_reason(payload))
        self._publish(tracking.flags_decided_event(self._event_source, post, decision))
        return {"decided": post.pk, **self._review_queue_view()}

    @json_action(writes=False)
    def watched_words(self, payload):
        """The course's watched words and shipped lists: {} -> {watchlist, html}."""
        return self._watchlist_view()

    @json_action(writes=True)
    def add_watched_word(self, payload):
        """Watch a word or phrase: {word, language ("" = every one), action: block|hold|flag} -> {watchlist, html}."""
        watchlist.add(self.space, self.viewer,
                      word=read_text(payload, "word", watchlist.WORD_MAX_LENGTH),
                      language=read_choice(payload, "language", set(watchlist.LANGUAGES), default=""),
                      action=read_choice(payload, "action", {action.value for action in WatchAction}))
        return self._watchlist_view()

    @json_action(writes=True)
    def remove_watched_word(self, payload):
        """Stop watching a word: {word_id} -> {watchlist, html}."""
        watchlist.remove(self.space, self.viewer, word_id=read_id(payload, "word_id"))
        return self._watchlist_view()

    @json_action(writes=True)
    def set_shipped_words(self, payload):
        """Turn a shipped list on or off: {language, active} -> {watchlist, html}."""
        watchlist.set_shipped(self.space, self.viewer,
                              language=read_choice(payload, "language", set(SHIPPED)),
                              on=read_bool(payload, "active"))
        return self._watchlist_view()

    def _watchlist_view(self):
        data = watchlist.read(self.space, self.viewer, self.translator.gettext)
        return {"watchlist": data, "html": self._render("staff/watched_words.html", {"watchlist": data})}

    def _review_queue_view(self):
        page = review.review_queue(self.space, self.viewer, self.translator.gettext)
        return {"queue": page, "html": self._render("staff/review_queue.html", {"queue": page}),
                "button": review_button_label(self.translator, page["pending"])}

    @json_action(writes=True)
    def set_slow_mode(self, payload):
        """Slow mode on a thread, or the whole space without ``thread_id``: {thread_id?, minutes, hours, reason?}
        -> the thread's answer, or {html} of the space's slow-mode controls."""
        minutes = int(read_choice(payload, "minutes", {str(minutes) for minutes in pace.CHOICES["minutes"]}))
        hours = int(read_choice(payload, "hours", {str(hours) for hours in pace.CHOICES["hours"]}))
        thread_id = read_id(payload, "thread_id", required=False)
        moderation.set_slow_mode(self.space, self.viewer, thread_id=thread_id, minutes=minutes, hours=hours,
                                 reason=read_reason(payload))
        return self._thread_answer(thread_id) if thread_id else self._space_pace_view()

    @json_action(writes=True)
    def end_slow_mode(self, payload):
        """End slow mode now: {thread_id?, reason?} -> as ``set_slow_mode``."""
        thread_id = read_id(payload, "thread_id", required=False)
        moderation.end_slow_mode(self.space, self.viewer, thread_id=thread_id, reason=read_reason(payload))
        return self._thread_answer(thread_id) if thread_id else self._space_pace_view()

    def _space_pace_view(self):
        self.community.refresh_from_db(fields=["slow_seconds", "slow_until"])
        return {"html": self._render("staff/space_pace.html", {"space_slow_mode": space_slow_mode(self.community),
                                                                "pace": pace.CHOICES})}

    @json_action(writes=False)
    def moderation_log(self, payload):
        """The latest decisions of the course team: {} -> {decisions, html}."""
        return self._moderation_log_view()

    @json_action(writes=True)
    def undo_moderation(self, payload):
        """Undo a logged decision: {action_id, reason?} -> {undone, decisions, html}."""
        undone = undo.undo(self.space, self.viewer, action_id=read_id(payload, "action_id"),
                                 reason=read_reason(payload))
        self._publish(tracking.moderation_undone_event(self._event_source, undone))
        return {"undone": undone.pk, **self._moderation_log_view()}

    def _moderation_log_view(self):
        decisions = [log.present(action, self.translator.gettext) for action in log.recent(self.space, self.viewer)]
        return {"decisions": decisions, "html": self._render("staff/moderation_log.html", {"decisions": decisions})}
