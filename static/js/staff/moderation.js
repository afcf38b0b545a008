/* The course team's controls in a conversation: pin, close, hide, clear flags. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.moderation = function (cx) {
        var gettext = cx.gettext;

        cx.actions.hide = function (button) {
            cx.threadAction(button, 'hide_post', {post_id: cx.postId(button), hidden: cx.valueOf(button)},
                cx.valueOf(button) ? gettext('Post hidden from learners.') : gettext('Post shown to learners again.'));
        };
        cx.actions['clear-flags'] = function (button) {
            cx.threadAction(button, 'clear_flags', {post_id: cx.postId(button)}, gettext('Flags cleared.'));
        };
        cx.actions.moderate = function (button) {
            cx.threadAction(button, 'moderate_thread', {
                thread_id: Number(button.getAttribute('data-thread-id')),
                state: button.getAttribute('data-state'),
                value: cx.valueOf(button)
            }, gettext('Conversation updated.'));
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
