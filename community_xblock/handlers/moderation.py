"""What the course team does to a thread or a post: pin, close, hide, clear flags."""
from community_xblock import tracking
from community_xblock.conversations import engagement
from community_xblock.core.validation import read_bool, read_choice, read_id
from community_xblock.handlers.http import json_action
from community_xblock.moderation import actions as moderation


class ModerationHandlers:
    """Staff only: each domain rule checks the viewer's role."""

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
