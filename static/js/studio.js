/* The Studio editor: sends the whole form to save_settings; shows each refused field next to its input. */
/* exported CommunityXBlockStudio */
function CommunityXBlockStudio(runtime, element) {
    'use strict';

    var wrapper = (element && element.jquery) ? element[0] : element;
    var form = wrapper.querySelector('.cx-studio');
    var common = window.CommunityXBlockCommon;
    var gettext = common.gettext;
    var summary = form.querySelector('.cx-form-error');
    var live = form.querySelector('.cx-live');

    function notify(name, data) {
        if (runtime.notify) { runtime.notify(name, data); }
    }

    function settingsFromForm() {
        var value = function (name) { return form.elements[name].value; };
        var checked = function (name) { return form.elements[name].checked; };
        var componentPrompts = {};
        form.querySelectorAll('[data-component]').forEach(function (field) {
            componentPrompts[field.getAttribute('data-component')] = field.value;
        });
        var kinds = [];
        form.querySelectorAll('[data-kind]').forEach(function (box) {
            if (box.checked) { kinds.push(box.getAttribute('data-kind')); }
        });
        return {
            display_name: value('display_name'),
            prompt: value('prompt'),
            component_prompts: componentPrompts,
            thread_kinds: kinds,
            allow_anchors: checked('allow_anchors'),
            allow_anonymous: checked('allow_anonymous'),
            complete_on_contribution: checked('complete_on_contribution'),
            participation_grade: checked('participation_grade'),
            grade_target: value('grade_target'),
            run_scope: value('run_scope'),
            course_end: value('course_end'),
            course_policy: value('course_policy'),
            alumni_policy: value('alumni_policy'),
            alumni_until: value('alumni_until'),
            alumni_prompts: value('alumni_prompts').split(new RegExp('\\n\\s*\\n')).map(function (text) {
                return text.trim();
            }).filter(Boolean),
            discussion_category: value('discussion_category'),
            discussion_target: value('discussion_target'),
            discussion_id: value('discussion_id'),
            sort_key: value('sort_key')
        };
    }

    function clearErrors() {
        summary.hidden = true;
        form.querySelectorAll('[data-error-for]').forEach(function (box) { box.hidden = true; box.textContent = ''; });
        form.querySelectorAll('[aria-invalid]').forEach(function (field) { field.removeAttribute('aria-invalid'); });
    }

    function showErrors(data) {
        summary.textContent = data.error;
        summary.hidden = false;
        var first = null;
        Object.keys(data.errors || {}).forEach(function (name) {
            var box = form.querySelector('[data-error-for="' + name + '"]');
            if (box) {
                box.textContent = data.errors[name];
                box.hidden = false;
            }
            var field = form.elements[name];
            if (field && field.setAttribute) {
                field.setAttribute('aria-invalid', 'true');
                first = first || field;
            }
        });
        if (first) { first.focus(); }
        notify('error', {title: gettext('The settings were not saved'), message: data.error});
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        clearErrors();
        notify('save', {state: 'start'});
        common.postJson(form.getAttribute('data-save-url'), settingsFromForm()).then(function () {
            live.textContent = gettext('Settings saved.');
            notify('save', {state: 'end'});
        }).catch(function (error) {
            showErrors({error: error.message, errors: error.errors});
        });
    });

    form.querySelector('[data-action="cancel"]').addEventListener('click', function () {
        notify('cancel', {});
    });
}
