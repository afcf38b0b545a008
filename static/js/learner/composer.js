/* The forms: start a conversation, respond or comment, edit one's post. A refused form shows the server's
 * translated message next to it, marks the field at fault and moves focus there. */
(function (parts) {
    'use strict';

    parts.composer = function (cx) {
        var gettext = cx.gettext;
        var submitting = false;

        function payloadOf(form) {
            var payload = {};
            Array.prototype.forEach.call(form.elements, function (field) {
                if (!field.name) { return; }
                payload[field.name] = field.type === 'checkbox' ? field.checked : field.value;
            });
            ['thread-id', 'parent-id', 'post-id'].forEach(function (name) {
                if (form.hasAttribute('data-' + name)) {
                    payload[name.replace('-', '_')] = Number(form.getAttribute('data-' + name));
                }
            });
            return payload;
        }

        function waits() {
            return gettext('Your post was sent to the course team, who will check it before it is shown.');
        }

        function started(form, data) {
            form.reset();
            if (data.held) {
                form.closest('details').open = false;
                cx.announce(waits());
                return;
            }
            cx.list.insertAdjacentHTML('afterbegin', data.html);
            cx.updateEmptyNote();
            form.closest('details').open = false;
            cx.list.firstElementChild.querySelector('.cx-open').focus();
            cx.announce(gettext('Your conversation was posted.'));
        }

        function answered(form, data) {
            var threadId = form.closest('.cx-thread').getAttribute('data-thread-id');
            if (data.thread_hidden) {
                cx.threadItem(threadId).remove();
                cx.updateEmptyNote();
                cx.announce(waits());
                return;
            }
            var focus = data.post ? '#cx-post-' + data.post.id : null;
            cx.showThread(threadId, data.html, focus);
            var added = focus && cx.root.querySelector(focus);
            if (added) {
                added.setAttribute('tabindex', '-1');
                added.focus();
            }
            if (data.held) {
                cx.announce(waits());
            } else {
                cx.announce(form.getAttribute('data-form') === 'edit_post' ? gettext('Your changes were saved.') :
                    gettext('Your reply was posted.'));
            }
        }

        function submit(form) {
            if (submitting) { return; }
            submitting = true;
            var handler = form.getAttribute('data-form');
            var button = form.querySelector('[type="submit"]');
            button.disabled = true;
            cx.call(handler, payloadOf(form)).then(function (data) {
                (handler === 'create_thread' ? started : answered)(form, data);
            }).catch(function (error) {
                cx.showFormError(form, error);
            }).then(function () {
                submitting = false;
                button.disabled = false;
            });
        }

        ['create_thread', 'reply', 'edit_post'].forEach(function (name) { cx.forms[name] = submit; });
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
