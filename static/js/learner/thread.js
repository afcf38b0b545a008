/* One conversation: open it as a focused view (the list steps aside and comes back where it was; the address
 * names the thread, so a link or a reload opens it again), and the learner's actions inside it (follow, react,
 * endorse, accept, flag, edit, delete; the secondary ones in each post's menu).
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

        var reading = null;  // {threadId, scroll}: the thread open in the focused view, and where the list was
        // The address names the block too: a unit may hold several spaces, each with its own threads.
        var linkPrefix = '#' + root.id + '-thread-';
        function linkedThread() {
            var hash = window.location.hash;
            return hash.indexOf(linkPrefix) === 0 && /^\d+$/.test(hash.slice(linkPrefix.length))
                ? hash.slice(linkPrefix.length) : null;
        }

        function setReading(threadId) {
            var item = cx.threadItem(threadId);
            if (reading && reading.threadId !== threadId) { closeReading(false); }
            if (!reading) { reading = {threadId: threadId, scroll: window.scrollY}; }
            root.classList.add('cx-is-reading');
            item.classList.add('cx-is-open');
            item.querySelector('.cx-back').hidden = false;
            item.querySelector('.cx-open').setAttribute('aria-expanded', 'true');
            if (window.history && window.history.replaceState) {
                window.history.replaceState(window.history.state, '', linkPrefix + threadId);
            }
        }

        function closeReading(restore) {
            var item = cx.threadItem(reading.threadId);
            var scroll = reading.scroll;
            reading = null;
            root.classList.remove('cx-is-reading');
            if (window.history && window.history.replaceState && linkedThread()) {
                var address = window.location.pathname + window.location.search;
                window.history.replaceState(window.history.state, '', address);
            }
            if (!item) { return; }
            item.classList.remove('cx-is-open');
            item.querySelector('.cx-back').hidden = true;
            item.querySelector('.cx-thread-panel').hidden = true;
            var open = item.querySelector('.cx-open');
            open.setAttribute('aria-expanded', 'false');
            if (restore) {
                window.scrollTo(0, scroll);
                open.focus({preventScroll: true});
            }
        }
        cx.closeReading = function () { if (reading) { closeReading(false); } };

        /* A post's control after a re-render: itself, or its menu's button when it sits in the closed menu. */
        function focusable(target) {
            var menu = target.closest('details.cx-menu');
            return menu && !menu.open ? menu.querySelector('summary') : target;
        }

        cx.showThread = function (threadId, html, focusSelector) {
            var panel = panelOf(threadId);
            if (!panel) { return; }
            panel.innerHTML = html;
            panel.hidden = false;
            setReading(threadId);
            var target = focusSelector && panel.querySelector(focusSelector);
            if (target) { focusable(target).focus(); }
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
                    cx.closeReading();
                    cx.threadItem(threadId).remove();
                    cx.updateEmptyNote();
                    var next = cx.list.querySelector('.cx-open');
                    if (next) { next.focus(); }
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
        function openThread(threadId) {
            var wanted = {thread_id: Number(threadId), with_item: !cx.threadItem(threadId)};
            return cx.threadRequest(threadId, 'get_thread', wanted).then(function (data) {
                if (!data) { return; }
                if (!cx.threadItem(threadId)) {
                    cx.list.insertAdjacentHTML('afterbegin', data.item_html);
                    cx.updateEmptyNote();
                }
                cx.showThread(threadId, data.html);
                var heading = cx.threadItem(threadId).querySelector('.cx-thread-title');
                heading.setAttribute('tabindex', '-1');
                heading.focus();
                cx.announce(gettext('Conversation opened.'));
            });
        }

        actions.open = function (button) {
            var threadId = button.closest('.cx-thread').getAttribute('data-thread-id');
            if (reading && reading.threadId === threadId) {
                closeReading(true);
                return;
            }
            openThread(threadId).catch(function (error) { cx.announce(error.message); });
        };
        actions.back = function () {
            closeReading(true);
            cx.announce(gettext('Back to the list.'));
        };
        // A link to a thread of this space opens it; a thread gone or hidden says so.
        if (linkedThread() && cx.list) {
            openThread(linkedThread()).catch(function (error) { cx.announce(error.message); });
        }

        // A post's menu closes with Escape (focus back on its button), once one of its actions is chosen, and
        // when the person clicks elsewhere.
        root.addEventListener('keydown', function (event) {
            var menu = event.key === 'Escape' && event.target.closest('details.cx-menu[open]');
            if (menu) {
                menu.open = false;
                menu.querySelector('summary').focus();
            }
        });
        document.addEventListener('click', function (event) {
            var chosen = event.target.closest('.cx-menu-item');
            Array.prototype.forEach.call(root.querySelectorAll('details.cx-menu[open]'), function (menu) {
                if (menu.contains(event.target) && !chosen) { return; }
                // The action ran first (the block's own listener); focus it left in the menu goes to its button.
                var leftInside = menu.querySelector('.cx-menu-items').contains(document.activeElement);
                menu.open = false;
                if (leftInside) { menu.querySelector('summary').focus(); }
            });
        });
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
