/* The course team's evaluation of the unit and of the course, loaded on demand. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.evaluation = function (cx) {
        cx.actions.evaluation = function (button) {
            var panel = cx.root.querySelector('.cx-evaluation');
            cx.call(button.getAttribute('data-handler'), {}).then(function (data) {
                panel.innerHTML = data.html;
                panel.hidden = false;
                panel.querySelector('h3').focus();
                cx.announce(cx.gettext('Evaluation loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
