/* The forms: start a conversation, respond or comment, edit one's post, and the preview of a draft as the
 * server's Markdown renders it. A refused form shows the server's translated message next to it, marks the field
 * at fault and moves focus there. */
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

        var startButton = cx.root.querySelector('[data-action="compose"]');

        function showComposer(shown) {
            var form = cx.root.querySelector('.cx-compose-form');
            form.hidden = !shown;
            startButton.setAttribute('aria-expanded', shown ? 'true' : 'false');
            if (shown) { form.querySelector('input:not([type="hidden"]), select, textarea').focus(); }
        }

        cx.actions.compose = function () { showComposer(startButton.getAttribute('aria-expanded') !== 'true'); };
        cx.actions['cancel-compose'] = function () {
            showComposer(false);
            startButton.focus();
        };

        function started(form, data) {
            form.reset();
            resetPreviews(form);
            showComposer(false);
            if (data.held) {
                startButton.focus();
                cx.announce(waits());
                return;
            }
            cx.list.insertAdjacentHTML('afterbegin', data.html);
            cx.updateEmptyNote();
            cx.list.firstElementChild.querySelector('.cx-open').focus();
            cx.announce(gettext('Your conversation was posted.'));
        }

        function answered(form, data) {
            var threadId = form.closest('.cx-thread').getAttribute('data-thread-id');
            if (data.thread_hidden) {
                cx.closeReading();
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

        /* Preview: the button shows the draft rendered (and hides the preview when pressed again); typing again
         * hides a preview that no longer matches. */
        function previewParts(button) {
            var field = button.closest('.cx-field');
            return {text: field.querySelector('textarea'), box: field.querySelector('.cx-md-preview')};
        }
        function hidePreview(button) {
            previewParts(button).box.hidden = true;
            button.setAttribute('aria-expanded', 'false');
        }
        function resetPreviews(form) {
            Array.prototype.forEach.call(form.querySelectorAll('[data-action="preview"]'), hidePreview);
        }
        cx.actions.preview = function (button) {
            var parts = previewParts(button);
            if (button.getAttribute('aria-expanded') === 'true') {
                hidePreview(button);
                return;
            }
            if (!parts.text.value.trim()) {
                cx.announce(gettext('Write something first: the preview shows your message as it will read.'));
                parts.text.focus();
                return;
            }
            button.disabled = true;
            cx.call('preview', {body: parts.text.value}).then(function (data) {
                parts.box.innerHTML = data.html;
                parts.box.hidden = false;
                button.setAttribute('aria-expanded', 'true');
                cx.announce(gettext('Preview shown below your message.'));
            }).catch(function (error) {
                cx.announce(error.message);
            }).then(function () { button.disabled = false; });
        };
        cx.root.addEventListener('input', function (event) {
            var field = event.target.closest('.cx-field');
            var button = field && event.target.tagName === 'TEXTAREA' && field.querySelector('[data-action="preview"]');
            if (button && button.getAttribute('aria-expanded') === 'true') { hidePreview(button); }
        });
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
