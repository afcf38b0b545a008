/* The strategist's course page: every community block of the course with its health, the coming events and
   the charter. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.strategist = function (cx) {
        cx.actions['course-page'] = function () {
            cx.call('course_page', {}).then(function (data) {
                cx.showPanel('.cx-course-page-panel', data.html, cx.gettext('Course page loaded.'));
            }).catch(function (error) { cx.announce(error.message); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
