/* The strategist's side: accepting the course's community guidelines (and, for the course team, editing them);
   hot-spot events: answering going / interested / not going, and for the course team the form that plans one
   (its time zone prefilled with the browser's). */
(function (parts) {
    'use strict';

    parts.events = function (cx) {
        var gettext = cx.gettext;

        function show(data, message) {
            var section = cx.root.querySelector('.cx-events');
            if (section) { section.outerHTML = data.html; }
            cx.prefillZone();
            cx.announce(message);
        }
        cx.prefillZone = function () {
            var field = cx.root.querySelector('[data-local-zone]');
            if (field && !field.value && window.Intl) {
                field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
            }
        };
        cx.prefillZone();

        cx.actions['accept-charter'] = function (button) {
            button.disabled = true;
            cx.call('accept_charter', {}).then(function () {
                var section = button.closest('.cx-charter');
                button.remove();
                section.querySelector('.cx-note').textContent = gettext('Thank you: you can post now.');
                cx.announce(gettext('Guidelines accepted. You can post now.'));
            }).catch(function (error) {
                button.disabled = false;
                cx.announce(error.message);
            });
        };
        cx.forms.save_charter = function (form) {
            cx.call('save_charter', {charter: form.elements.charter.value}).then(function (data) {
                cx.root.querySelector('.cx-charter').outerHTML = data.html;
                cx.announce(gettext('Guidelines saved for every unit of the course.'));
            }).catch(function (error) { cx.showFormError(form, error); });
        };
        cx.actions.rsvp = function (button) {
            button.disabled = true;
            cx.call('rsvp', {event_id: Number(button.getAttribute('data-event-id')),
                answer: button.getAttribute('data-answer')})
                .then(function (data) { show(data, gettext('Your answer is saved.')); })
                .catch(function (error) {
                    button.disabled = false;
                    cx.announce(error.message);
                });
        };
        cx.forms.plan_event = function (form) {
            var capacity = form.elements.capacity.value;
            cx.call('plan_event', {kind: form.elements.kind.value, title: form.elements.title.value,
                description: form.elements.description.value, starts: form.elements.starts.value,
                ends: form.elements.ends.value, time_zone: form.elements.time_zone.value,
                capacity: capacity ? Number(capacity) : null, link: form.elements.link.value,
                course_wide: form.elements.course_wide.checked, host: form.elements.host.value})
                .then(function (data) {
                    show(data, gettext('Event planned. Its conversation is pinned in this unit.'));
                })
                .catch(function (error) { cx.showFormError(form, error); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
