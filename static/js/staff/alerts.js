/* The community manager's alerts: the panel, acknowledging and resolving, the erratum, the bad-buzz remedies
   (slow mode, a pinned note, closing a conversation). Sent to staff only. */
(function (parts) {
    'use strict';

    parts.alerts = function (cx) {
        var gettext = cx.gettext;

        function show(data, message, focusSelector) {
            cx.root.querySelector('[data-action="alerts"]').textContent = data.button;
            cx.showPanel('.cx-alerts', data.html, message, focusSelector);
        }
        function reload(message) {
            return cx.call('alerts', {}).then(function (data) { show(data, message); });
        }
        function failed(button) {
            return function (error) {
                if (button) { button.disabled = false; }
                cx.announce(error.message);
            };
        }
        function formFailed(form) {
            return function (error) { cx.showFormError(form, error); };
        }
        function alertId(element) { return Number(element.getAttribute('data-alert-id')); }

        cx.actions.alerts = function () {
            reload(gettext('Alerts loaded.')).catch(failed());
        };
        cx.actions['decide-alert'] = function (button) {
            button.disabled = true;
            var status = button.getAttribute('data-status');
            cx.call('decide_alert', {alert_id: alertId(button), status: status}).then(function (data) {
                show(data, status === 'resolved' ? gettext('Alert resolved.') : gettext('Alert acknowledged.'));
            }).catch(failed(button));
        };
        cx.actions['alert-close-thread'] = function (button) {
            button.disabled = true;
            cx.call('moderate_thread', {thread_id: Number(button.getAttribute('data-thread-id')), state: 'closed',
                value: true}).then(function () {
                return reload(gettext('Conversation closed.'));
            }).catch(failed(button));
        };
        cx.actions['alert-slow-mode'] = function (button) {
            button.disabled = true;
            cx.call('set_slow_mode', {minutes: button.getAttribute('data-minutes'),
                hours: button.getAttribute('data-hours')}).then(function (data) {
                cx.paceDone(null, data, gettext('Slow mode started.'));
                button.disabled = false;
            }).catch(failed(button));
        };
        cx.actions['withdraw-erratum'] = function (button) {
            button.disabled = true;
            cx.call('withdraw_erratum', {erratum_id: Number(button.getAttribute('data-erratum-id'))})
                .then(function (data) { show(data, gettext('Erratum withdrawn.')); })
                .catch(failed(button));
        };
        cx.forms.publish_erratum = function (form) {
            cx.call('publish_erratum', {alert_id: alertId(form), body: form.elements.body.value})
                .then(function (data) { show(data, gettext('Erratum published.')); })
                .catch(formFailed(form));
        };
        cx.forms.pin_staff_note = function (form) {
            cx.call('pin_staff_note', {alert_id: alertId(form), title: form.elements.title.value,
                body: form.elements.body.value})
                .then(function (data) { show(data, gettext('Note pinned.')); })
                .catch(formFailed(form));
        };

        // The course's chat channels and their delivery log.
        function showWebhooks(data, message, focusSelector) {
            cx.showPanel('.cx-webhooks', data.html, message, focusSelector);
        }
        cx.actions.webhooks = function () {
            cx.call('webhooks', {}).then(function (data) {
                showWebhooks(data, gettext('Chat notifications loaded.'));
            }).catch(failed());
        };
        cx.actions['remove-webhook'] = function (button) {
            button.disabled = true;
            cx.call('remove_webhook', {webhook_id: Number(button.getAttribute('data-webhook-id'))})
                .then(function (data) { showWebhooks(data, gettext('Channel removed.')); })
                .catch(failed(button));
        };
        cx.actions.redeliver = function (button) {
            button.disabled = true;
            cx.call('redeliver', {delivery_id: Number(button.getAttribute('data-delivery-id'))})
                .then(function (data) { showWebhooks(data, gettext('Sent again.')); })
                .catch(failed(button));
        };
        cx.forms.add_webhook = function (form) {
            cx.call('add_webhook', {url: form.elements.url.value, format: form.elements.format.value,
                include_text: form.elements.include_text.checked})
                .then(function (data) { showWebhooks(data, gettext('Channel added.'), 'input[name="url"]'); })
                .catch(formFailed(form));
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
