/* The course team's controls in a conversation (pin, close, hide, clear flags) and the moderation log with its
   undo buttons. Sent to staff only. */
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
        function showLog(data, message) { cx.showPanel('.cx-moderation-log', data.html, message); }
        function showQueue(data, message) {
            cx.root.querySelector('[data-action="review-queue"]').textContent = data.button;
            cx.showPanel('.cx-review-queue', data.html, message);
        }
        cx.actions['review-queue'] = function () {
            cx.call('review_queue', {}).then(function (data) {
                showQueue(data, gettext('Review queue loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
        cx.actions['decide-flags'] = function (button) {
            button.disabled = true;
            cx.call('decide_flags', {post_id: cx.postId(button), decision: button.getAttribute('data-decision')})
                .then(function (data) { showQueue(data, gettext('Decision recorded.')); })
                .catch(function (error) {
                    button.disabled = false;
                    cx.announce(error.message);
                });
        };
        cx.actions['moderation-log'] = function () {
            cx.call('moderation_log', {}).then(function (data) {
                showLog(data, gettext('Moderation log loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
        cx.actions['undo-moderation'] = function (button) {
            button.disabled = true;
            var actionId = Number(button.getAttribute('data-action-id'));
            cx.call('undo_moderation', {action_id: actionId}).then(function (data) {
                showLog(data, gettext('Decision undone.'));
            }).catch(function (error) {
                button.disabled = false;
                cx.announce(error.message);
            });
        };
        // After a change, focus goes to the control that undoes it (End slow mode, or the form's first field).
        function paceDone(threadId, data, message) {  // also the alerts' slow-mode remedy
            var focus = '[data-action="end-slow-mode"], .cx-slow-form select';
            if (threadId) {
                cx.showThread(threadId, data.html, focus);
            } else {
                var old = cx.root.querySelector('.cx-space-pace');
                old.insertAdjacentHTML('afterend', data.html);
                old.remove();
                var target = cx.root.querySelector('.cx-space-pace').querySelector(focus);
                if (target) { target.focus(); }
            }
            cx.announce(message);
        }
        cx.paceDone = paceDone;
        cx.forms.slow_mode = function (form) {
            var threadId = form.getAttribute('data-thread-id');
            var payload = {minutes: form.elements.minutes.value, hours: form.elements.hours.value};
            if (threadId) { payload.thread_id = Number(threadId); }
            cx.call('set_slow_mode', payload).then(function (data) {
                paceDone(threadId, data, gettext('Slow mode started.'));
            }).catch(function (error) { cx.showFormError(form, error); });
        };
        cx.actions['end-slow-mode'] = function (button) {
            var threadId = button.getAttribute('data-thread-id');
            cx.call('end_slow_mode', threadId ? {thread_id: Number(threadId)} : {}).then(function (data) {
                paceDone(threadId, data, gettext('Slow mode ended.'));
            }).catch(function (error) { cx.announce(error.message); });
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
