/* The strategist's course page: every community block of the course with its health, the coming events and
   the charter; and what an event did to the buzz. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.strategist = function (cx) {
        var gettext = cx.gettext;

        cx.actions['course-page'] = function () {
            cx.call('course_page', {}).then(function (data) {
                cx.showPanel('.cx-course-page-panel', data.html, gettext('Course page loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
        /* From the Talent panel: the event form, opened for an expert session that this expert hosts. */
        cx.actions['invite-host'] = function (button) {
            var details = cx.root.querySelector('.cx-plan-event');
            var form = details && details.querySelector('form');
            if (!form) { return; }
            var key = button.getAttribute('data-user-key');
            var host = form.elements.host;
            /* An expert promoted since the form was drawn is not among its hosts yet. */
            if (!Array.prototype.some.call(host.options, function (option) { return option.value === key; })) {
                host.add(new Option(button.getAttribute('data-name'), key));
            }
            details.open = true;
            form.elements.kind.value = 'expert_session';
            host.value = key;
            form.elements.title.focus();
            cx.announce(gettext('Plan the expert session: its host is chosen.'));
        };
        cx.actions['event-effect'] = function (button) {
            var slot = button.parentNode.querySelector('.cx-effect-slot');
            button.disabled = true;
            cx.call('event_effect', {event_id: Number(button.getAttribute('data-event-id'))}).then(function (data) {
                slot.innerHTML = data.html;
                button.disabled = false;
                slot.querySelector('h5').focus();  /* the heading says which event was measured */
            }).catch(function (error) {
                button.disabled = false;
                cx.announce(error.message);
            });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
