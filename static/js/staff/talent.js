/* The talent panel: the candidates with their reasons, promoting, snoozing and dismissing them, the spotlight,
   and taking a badge back. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.talent = function (cx) {
        var gettext = cx.gettext;

        function show(data, message) {
            cx.root.querySelector('[data-action="talent"]').textContent = data.button;
            cx.showPanel('.cx-talent', data.html, message);
        }
        function failed(button) {
            return function (error) {
                if (button) { button.disabled = false; }
                cx.announce(error.message);
            };
        }
        function person(element) { return element.getAttribute('data-user-key'); }

        cx.actions.talent = function () {
            cx.call('talent', {}).then(function (data) { show(data, gettext('Candidates loaded.')); })
                .catch(failed());
        };
        cx.actions['promote-expert'] = function (button) {
            button.disabled = true;
            cx.call('promote_expert', {user_key: person(button)})
                .then(function (data) { show(data, gettext('Promoted to community expert.')); })
                .catch(failed(button));
        };
        cx.actions['remove-expert'] = function (button) {
            button.disabled = true;
            cx.call('remove_expert', {user_key: person(button)})
                .then(function (data) { show(data, gettext('Badge taken back.')); })
                .catch(failed(button));
        };
        cx.actions['decide-candidate'] = function (button) {
            button.disabled = true;
            var decision = button.getAttribute('data-decision');
            cx.call('decide_candidate', {user_key: person(button), role: button.getAttribute('data-role'),
                course_wide: button.getAttribute('data-course-wide') === 'true', decision: decision})
                .then(function (data) {
                    show(data, decision === 'snoozed' ? gettext('Candidate snoozed.')
                        : gettext('Candidate dismissed.'));
                }).catch(failed(button));
        };
        cx.forms.spotlight = function (form) {
            cx.call('spotlight', {user_key: person(form), title: form.elements.title.value,
                body: form.elements.body.value})
                .then(function (data) { show(data, gettext('Spotlight pinned. Reload the list to see it on top.')); })
                .catch(function (error) { cx.showFormError(form, error); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
