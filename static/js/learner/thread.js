/* One conversation: open it, and the learner's actions inside it (follow, react, endorse, accept, flag, edit,
 * delete).
 * Every action answers the thread's fresh HTML; only the answer to the latest request about a thread is shown,
 * and the clicked control waits for its answer (a double click sends one request). */
(function (parts) {
    'use strict';

    parts.thread = function (cx) {
        var gettext = cx.gettext;
        var root = cx.root;
        var latest = {};

        function panelOf(threadId) {
            var item = cx.threadItem(threadId);
            return item ? item.querySelector('.cx-thread-panel') : null;
        }

        /* A request about one thread; resolves with its answer, or null when a newer request about the same
         * thread was sent meanwhile (its answer will show instead). */
        cx.threadRequest = function (threadId, handler, payload) {
            var request = (latest[threadId] || 0) + 1;
            latest[threadId] = request;
            return cx.call(handler, payload).then(function (data) {
                return latest[threadId] === request ? data : null;
            });
        };

        cx.showThread = function (threadId, html, focusSelector) {
            var panel = panelOf(threadId);
            if (!panel) { return; }
            panel.innerHTML = html;
            panel.hidden = false;
            cx.threadItem(threadId).querySelector('.cx-open').setAttribute('aria-expanded', 'true');
            var target = focusSelector && panel.querySelector(focusSelector);
            if (target) { target.focus(); }
        };

        function focusSelectorFor(button) {
            // After the thread is re-rendered, focus returns to the same control of the same post.
            var selector = '[data-action="' + button.getAttribute('data-action') + '"]';
            ['data-post-id', 'data-thread-id', 'data-kind', 'data-state'].forEach(function (name) {
                if (button.hasAttribute(name)) { selector += '[' + name + '="' + button.getAttribute(name) + '"]'; }
            });
            return selector;
        }

        cx.threadAction = function (button, handler, payload, doneMessage) {
            if (button.disabled) { return; }
            button.disabled = true;
            var threadId = button.closest('.cx-thread').getAttribute('data-thread-id');
            cx.threadRequest(threadId, handler, payload).then(function (data) {
                if (!data) { return; }
                if (data.thread_deleted || data.thread_hidden) {
                    cx.threadItem(threadId).remove();
                    cx.updateEmptyNote();
                } else {
                    cx.showThread(threadId, data.html, focusSelectorFor(button));
                }
                cx.announce(doneMessage);
            }).catch(function (error) {
                button.disabled = false;
                cx.announce(error.message);
            });
        };

        cx.postId = function (button) { return Number(button.getAttribute('data-post-id')); };
        cx.valueOf = function (button) { return button.getAttribute('data-value') === 'true'; };

        var actions = cx.actions;
        actions.open = function (button) {
            var threadId = button.closest('.cx-thread').getAttribute('data-thread-id');
            var panel = panelOf(threadId);
            if (!panel.hidden) {
                panel.hidden = true;
                button.setAttribute('aria-expanded', 'false');
                return;
            }
            cx.threadRequest(threadId, 'get_thread', {thread_id: Number(threadId)}).then(function (data) {
                if (!data) { return; }
                cx.showThread(threadId, data.html);
                cx.announce(gettext('Conversation opened.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
        actions.follow = function (button) {
            var following = button.getAttribute('aria-pressed') === 'true';
            cx.threadAction(button, 'follow', {thread_id: Number(button.getAttribute('data-thread-id')),
                active: !following},
            following ? gettext('You no longer follow this conversation.') : gettext('You follow this conversation.'));
        };
        actions.react = function (button) {
            var active = button.getAttribute('aria-pressed') !== 'true';
            cx.threadAction(button, 'react', {post_id: cx.postId(button), kind: button.getAttribute('data-kind'),
                active: active}, active ? gettext('Reaction added.') : gettext('Reaction removed.'));
        };
        actions.endorse = function (button) {
            var active = button.getAttribute('aria-pressed') !== 'true';
            cx.threadAction(button, 'endorse', {post_id: cx.postId(button), active: active},
                active ? gettext('Endorsement added: you say they know this topic.') : gettext('Endorsement removed.'));
        };
        actions.accept = function (button) {
            cx.threadAction(button, 'accept_answer', {post_id: cx.postId(button), accepted: cx.valueOf(button)},
                cx.valueOf(button) ? gettext('Answer accepted.') : gettext('Answer no longer accepted.'));
        };
        actions.flag = function (button) {
            var active = cx.valueOf(button);
            if (active && !window.confirm(gettext('Report this post to the course team?'))) { return; }
            cx.threadAction(button, 'flag', {post_id: cx.postId(button), active: active},
                active ? gettext('Post reported to the course team.') : gettext('Report withdrawn.'));
        };
        actions['delete'] = function (button) {
            if (!window.confirm(gettext('Delete this post? This cannot be undone.'))) { return; }
            cx.threadAction(button, 'delete_post', {post_id: cx.postId(button)}, gettext('Post deleted.'));
        };
        actions.edit = function (button) {
            var form = root.querySelector('#cx-post-' + button.getAttribute('data-post-id') + '-edit');
            form.hidden = false;
            button.setAttribute('aria-expanded', 'true');
            form.querySelector('input, textarea').focus();
        };
        actions['cancel-edit'] = function (button) {
            var id = button.getAttribute('data-post-id');
            root.querySelector('#cx-post-' + id + '-edit').hidden = true;
            var editButton = root.querySelector('[data-action="edit"][data-post-id="' + id + '"]');
            editButton.setAttribute('aria-expanded', 'false');
            editButton.focus();
        };
        actions['show-component'] = function (button, event) {
            event.preventDefault();
            var target = document.querySelector('[data-usage="' + button.getAttribute('data-usage') + '"]');
            if (target) {
                target.setAttribute('tabindex', '-1');
                target.scrollIntoView();
                target.focus();
            }
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
