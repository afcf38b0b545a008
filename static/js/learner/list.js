/* The list of conversations: sort, filter, search, "Show more". Only the answer to the latest request is shown,
 * and the page (or the search's cursor) moves only once its answer arrives, so a failed "Show more" can simply be
 * tried again. A search shows its matches in the list, with a way back to all conversations. */
(function (parts) {
    'use strict';

    parts.list = function (cx) {
        var gettext = cx.gettext;
        var list = cx.root.querySelector('.cx-threads');
        var moreButton = cx.root.querySelector('.cx-more');
        var emptyNote = cx.root.querySelector('.cx-empty');
        var summary = cx.root.querySelector('.cx-search-summary');
        var state = {sort: 'active', component: '', show: 'all', page: 1, query: '', before: null};
        var latest = 0;

        function request(page) {
            if (state.query) {
                var search = {query: state.query};
                if (page > 1) { search.before = state.before; }
                return cx.call('search', search);
            }
            return cx.call('list_threads', {sort: state.sort, component: state.component, show: state.show,
                page: page});
        }

        function load(page) {
            var current = ++latest;
            moreButton.disabled = true;
            return request(page).then(function (data) {
                if (current !== latest) { return false; }
                if (page > 1) {
                    list.insertAdjacentHTML('beforeend', data.html);
                } else {
                    list.innerHTML = data.html;
                }
                state.page = page;
                state.before = data.before || null;
                moreButton.hidden = !data.has_more;
                summary.hidden = !state.query;
                if (state.query) {
                    summary.innerHTML = data.summary_html;
                    if (page === 1) { summary.querySelector('h3').focus(); }
                    emptyNote.hidden = true;
                } else {
                    summary.innerHTML = '';
                    cx.updateEmptyNote();
                    cx.announce(data.threads.length ? gettext('Conversations updated.') :
                        gettext('No conversations here yet.'));
                }
                return true;
            }).catch(function (error) {
                if (current === latest) { cx.announce(error.message); }
                return false;
            }).then(function (shown) {
                if (current === latest) { moreButton.disabled = false; }
                return shown;
            });
        }

        cx.list = list;
        cx.listState = state;
        cx.threadItem = function (threadId) {
            return list.querySelector('.cx-thread[data-thread-id="' + threadId + '"]');
        };
        cx.updateEmptyNote = function () { emptyNote.hidden = list.children.length > 0; };

        cx.actions.more = function () {
            var firstNew = list.children.length;
            load(state.page + 1).then(function (shown) {
                // Keyboard users continue from the first conversation that was just added.
                var added = shown && list.children[firstNew];
                if (added) { added.querySelector('.cx-open').focus(); }
            });
        };

        cx.forms.search = function (form) {
            var query = form.elements.query.value.trim();
            if (!query) { return; }
            state.query = query;
            load(1).then(function (shown) {
                if (!shown) { form.elements.query.focus(); }
            });
        };
        cx.actions['clear-search'] = function () {
            var field = cx.root.querySelector('.cx-search input[name="query"]');
            state.query = '';
            field.value = '';
            load(1).then(function () { field.focus(); });
        };

        cx.changes.push(function (field) {
            if (!field.hasAttribute('data-list-option')) { return; }
            state[field.name] = field.value;
            state.query = '';  /* sorting or filtering goes back to the list */
            load(1);
        });

        // A community expert's shortcut to the questions waiting for an answer.
        cx.actions['show-unanswered'] = function () {
            var sort = cx.root.querySelector('select[name="sort"]');
            sort.value = 'unanswered';
            state.sort = 'unanswered';
            load(1).then(function () { sort.focus(); });
        };
        cx.actions['leave-suggestions'] = function (button) {
            var leaving = button.getAttribute('aria-pressed') !== 'true';
            button.disabled = true;
            cx.call('leave_suggestions', {active: leaving}).then(function (data) {
                button.disabled = false;
                button.setAttribute('aria-pressed', data.left ? 'true' : 'false');
                cx.announce(data.left
                    ? gettext('You will not be suggested as a community expert, and any badge was declined.')
                    : gettext('The course team may suggest you as a community expert again.'));
            }).catch(function (error) {
                button.disabled = false;
                cx.announce(error.message);
            });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
