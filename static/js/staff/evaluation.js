/* The course team's evaluation of the unit and of the course, loaded on demand. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.evaluation = function (cx) {
        cx.actions.evaluation = function (button) {
            cx.call(button.getAttribute('data-handler'), {}).then(function (data) {
                cx.showPanel('.cx-evaluation', data.html, cx.gettext('Evaluation loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
