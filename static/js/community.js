/* The community space's behaviour: plain JavaScript over the block's JSON handlers.
 *
 * The server renders every piece of HTML (the first page, further pages, a thread and its replies); this
 * file only sends actions, swaps the HTML it gets back, keeps keyboard focus where the person was, and
 * announces results in the live region for screen readers.
 */
/* exported CommunityXBlock */
function CommunityXBlock(runtime, element, init) {
    'use strict';

    var wrapper = (element && element.jquery) ? element[0] : element;
    var root = wrapper.querySelector('.cx');
    var common = window.CommunityXBlockCommon;
    var gettext = common.gettext;
    var list = root.querySelector('.cx-threads');
    var live = root.querySelector('.cx-live');
    var moreButton = root.querySelector('.cx-more');
    var emptyNote = root.querySelector('.cx-empty');
    var listState = {sort: 'active', component: '', show: 'all', page: 1};
    // Each list or thread request carries a number; only the answer to the latest one is shown, so a slow
    // answer to an earlier click never overwrites a newer one.
    var latestList = 0;
    var latestThread = {};
    var submitting = false;

    function announce(message) {
        // Clearing first makes screen readers repeat a message identical to the previous one.
        live.textContent = '';
        window.setTimeout(function () { live.textContent = message; }, 50);
    }

    function call(handler, payload) {
        return common.postJson(runtime.handlerUrl(wrapper, handler), payload);
    }

    function threadItem(threadId) {
        return list.querySelector('.cx-thread[data-thread-id="' + threadId + '"]');
    }

    // ----- the list -------------------------------------------------------------------------------------

    /* Load page ``page`` of the list with the current options; resolves with true when it was shown. The page
     * number is kept only once its answer arrives, so a failed "Show more" can simply be tried again. */
    function loadList(page) {
        var request = ++latestList;
        var payload = {sort: listState.sort, component: listState.component, show: listState.show, page: page};
        moreButton.disabled = true;
        return call('list_threads', payload).then(function (data) {
            if (request !== latestList) { return false; }
            if (page > 1) {
                list.insertAdjacentHTML('beforeend', data.html);
            } else {
                list.innerHTML = data.html;
            }
            listState.page = page;
            moreButton.hidden = !data.has_more;
            emptyNote.hidden = list.children.length > 0;
            announce(data.threads.length ? gettext('Conversations updated.') : gettext('No conversations here yet.'));
            return true;
        }).catch(function (error) {
            if (request === latestList) { announce(error.message); }
            return false;
        }).then(function (shown) {
            if (request === latestList) { moreButton.disabled = false; }
            return shown;
        });
    }

    function onListOptionChange(select) {
        listState[select.name] = select.value;
        loadList(1);
    }

    function showMore() {
        var firstNew = list.children.length;
        loadList(listState.page + 1).then(function (shown) {
            // Keyboard users continue from the first conversation that was just added.
            var added = shown && list.children[firstNew];
            if (added) { added.querySelector('.cx-open').focus(); }
        });
    }

    /* A request about one thread; resolves with its answer, or null when a newer request about the same
     * thread was sent meanwhile (its answer will show instead). */
    function threadRequest(threadId, handler, payload) {
        var request = (latestThread[threadId] || 0) + 1;
        latestThread[threadId] = request;
        return call(handler, payload).then(function (data) {
            return latestThread[threadId] === request ? data : null;
        });
    }

    // ----- one thread -----------------------------------------------------------------------------------

    function panelOf(threadId) {
        var item = threadItem(threadId);
        return item ? item.querySelector('.cx-thread-panel') : null;
    }

    function showThread(threadId, html, focusSelector) {
        var panel = panelOf(threadId);
        if (!panel) { return; }
        panel.innerHTML = html;
        panel.hidden = false;
        threadItem(threadId).querySelector('.cx-open').setAttribute('aria-expanded', 'true');
        if (focusSelector) {
            var target = panel.querySelector(focusSelector);
            if (target) { target.focus(); }
        }
    }

    function toggleThread(button) {
        var item = button.closest('.cx-thread');
        var threadId = item.getAttribute('data-thread-id');
        var panel = panelOf(threadId);
        if (!panel.hidden) {
            panel.hidden = true;
            button.setAttribute('aria-expanded', 'false');
            return;
        }
        threadRequest(threadId, 'get_thread', {thread_id: Number(threadId)}).then(function (data) {
            if (!data) { return; }
            showThread(threadId, data.html);
            announce(gettext('Conversation opened.'));
        }).catch(function (error) { announce(error.message); });
    }

    function focusSelectorFor(button) {
        // After the thread is re-rendered, focus returns to the same control of the same post.
        var selector = '[data-action="' + button.getAttribute('data-action') + '"]';
        ['data-post-id', 'data-thread-id', 'data-kind', 'data-state'].forEach(function (name) {
            if (button.hasAttribute(name)) { selector += '[' + name + '="' + button.getAttribute(name) + '"]'; }
        });
        return selector;
    }

    function threadAction(button, handler, payload, doneMessage) {
        if (button.disabled) { return; }
        // The control waits for its answer (a double click sends one request); others stay usable.
        button.disabled = true;
        var threadId = button.closest('.cx-thread').getAttribute('data-thread-id');
        threadRequest(threadId, handler, payload).then(function (data) {
            if (!data) { return; }
            if (data.thread_deleted) {
                threadItem(threadId).remove();
                emptyNote.hidden = list.children.length > 0;
            } else {
                showThread(threadId, data.html, focusSelectorFor(button));
            }
            announce(doneMessage);
        }).catch(function (error) {
            button.disabled = false;
            announce(error.message);
        });
    }

    function postId(button) { return Number(button.getAttribute('data-post-id')); }

    function valueOf(button) { return button.getAttribute('data-value') === 'true'; }

    var actions = {
        more: showMore,
        open: toggleThread,
        follow: function (button) {
            var following = button.getAttribute('aria-pressed') === 'true';
            threadAction(button, 'follow', {thread_id: Number(button.getAttribute('data-thread-id')), active: !following},
                following ? gettext('You no longer follow this conversation.') : gettext('You follow this conversation.'));
        },
        react: function (button) {
            var active = button.getAttribute('aria-pressed') !== 'true';
            threadAction(button, 'react', {post_id: postId(button), kind: button.getAttribute('data-kind'), active: active},
                active ? gettext('Reaction added.') : gettext('Reaction removed.'));
        },
        accept: function (button) {
            threadAction(button, 'accept_answer', {post_id: postId(button), accepted: valueOf(button)},
                valueOf(button) ? gettext('Answer accepted.') : gettext('Answer no longer accepted.'));
        },
        flag: function (button) {
            var active = valueOf(button);
            if (active && !window.confirm(gettext('Report this post to the course team?'))) { return; }
            threadAction(button, 'flag', {post_id: postId(button), active: active},
                active ? gettext('Post reported to the course team.') : gettext('Report withdrawn.'));
        },
        delete: function (button) {
            if (!window.confirm(gettext('Delete this post? This cannot be undone.'))) { return; }
            threadAction(button, 'delete_post', {post_id: postId(button)}, gettext('Post deleted.'));
        },
        hide: function (button) {
            threadAction(button, 'hide_post', {post_id: postId(button), hidden: valueOf(button)},
                valueOf(button) ? gettext('Post hidden from learners.') : gettext('Post shown to learners again.'));
        },
        'clear-flags': function (button) {
            threadAction(button, 'clear_flags', {post_id: postId(button)}, gettext('Flags cleared.'));
        },
        moderate: function (button) {
            threadAction(button, 'moderate_thread', {
                thread_id: Number(button.getAttribute('data-thread-id')),
                state: button.getAttribute('data-state'),
                value: valueOf(button)
            }, gettext('Conversation updated.'));
        },
        edit: function (button) {
            var form = root.querySelector('#cx-post-' + button.getAttribute('data-post-id') + '-edit');
            form.hidden = false;
            button.setAttribute('aria-expanded', 'true');
            form.querySelector('input, textarea').focus();
        },
        'cancel-edit': function (button) {
            var id = button.getAttribute('data-post-id');
            root.querySelector('#cx-post-' + id + '-edit').hidden = true;
            var editButton = root.querySelector('[data-action="edit"][data-post-id="' + id + '"]');
            editButton.setAttribute('aria-expanded', 'false');
            editButton.focus();
        },
        evaluation: function (button) {
            var panel = root.querySelector('.cx-evaluation');
            call(button.getAttribute('data-handler'), {}).then(function (data) {
                panel.innerHTML = data.html;
                panel.hidden = false;
                panel.querySelector('h3').focus();
                announce(gettext('Evaluation loaded.'));
            }).catch(function (error) { announce(error.message); });
        },
        'show-component': function (button, event) {
            event.preventDefault();
            var target = document.querySelector('[data-usage="' + button.getAttribute('data-usage') + '"]');
            if (target) {
                target.setAttribute('tabindex', '-1');
                target.scrollIntoView();
                target.focus();
            }
        }
    };

    // ----- forms ----------------------------------------------------------------------------------------

    function formPayload(form) {
        var payload = {};
        Array.prototype.forEach.call(form.elements, function (field) {
            if (!field.name) { return; }
            payload[field.name] = field.type === 'checkbox' ? field.checked : field.value;
        });
        if (form.hasAttribute('data-thread-id')) { payload.thread_id = Number(form.getAttribute('data-thread-id')); }
        if (form.hasAttribute('data-parent-id')) { payload.parent_id = Number(form.getAttribute('data-parent-id')); }
        if (form.hasAttribute('data-post-id')) { payload.post_id = Number(form.getAttribute('data-post-id')); }
        return payload;
    }

    function showFormError(form, error) {
        var box = form.querySelector('.cx-form-error');
        box.textContent = error.message;
        box.hidden = false;
        Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (field) {
            field.removeAttribute('aria-invalid');
        });
        var field = error.field && form.elements[error.field];
        if (field && field.focus) {
            field.setAttribute('aria-invalid', 'true');
            field.focus();
        }
    }

    function submitForm(form) {
        if (submitting) { return; }
        submitting = true;
        var handler = form.getAttribute('data-form');
        var submit = form.querySelector('[type="submit"]');
        submit.disabled = true;
        call(handler, formPayload(form)).then(function (data) {
            if (handler === 'create_thread') {
                form.reset();
                list.insertAdjacentHTML('afterbegin', data.html);
                emptyNote.hidden = true;
                form.closest('details').open = false;
                list.firstElementChild.querySelector('.cx-open').focus();
                announce(gettext('Your conversation was posted.'));
            } else {
                var threadId = form.closest('.cx-thread').getAttribute('data-thread-id');
                var focus = data.post ? '#cx-post-' + data.post.id : null;
                showThread(threadId, data.html, focus);
                if (focus) {
                    var added = root.querySelector(focus);
                    if (added) { added.setAttribute('tabindex', '-1'); added.focus(); }
                }
                announce(handler === 'edit_post' ? gettext('Your changes were saved.') : gettext('Your reply was posted.'));
            }
        }).catch(function (error) {
            showFormError(form, error);
            announce(error.message);
        }).then(function () {
            submitting = false;
            submit.disabled = false;
        });
    }

    root.addEventListener('click', function (event) {
        var button = event.target.closest('[data-action]');
        if (!button || !root.contains(button)) { return; }
        var action = actions[button.getAttribute('data-action')];
        if (action) { action(button, event); }
    });

    root.addEventListener('submit', function (event) {
        var form = event.target.closest('form[data-form]');
        if (!form) { return; }
        event.preventDefault();
        submitForm(form);
    });

    root.addEventListener('change', function (event) {
        if (event.target.hasAttribute('data-list-option')) { onListOptionChange(event.target); }
    });

    return {state: listState, init: init};
}
