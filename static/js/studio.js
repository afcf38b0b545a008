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

    /* How each widget of the settings table (authoring/settings.py) gives its value. */
    var readers = {
        checkbox: function (box) { return box.querySelector('input').checked; },
        kinds: function (box) {
            return Array.prototype.map.call(box.querySelectorAll('input:checked'), function (input) {
                return input.value;
            });
        },
        component_prompts: function (box) {
            var prompts = {};
            box.querySelectorAll('[data-component]').forEach(function (field) {
                prompts[field.getAttribute('data-component')] = field.value;
            });
            return prompts;
        },
        scheduled_prompts: function (box) {
            return Array.prototype.map.call(box.querySelectorAll('[data-scheduled-prompt]'), function (row) {
                function part(name) { return row.querySelector('[data-part="' + name + '"]').value; }
                var days = part('days_after_end');
                return {text: part('text'), component: part('component'), shows_from: part('shows_from'),
                    days_after_end: days === '' ? null : Number(days)};
            });
        },
        paragraphs: function (box) {
            return box.querySelector('textarea').value.split(new RegExp('\\n\\s*\\n')).map(function (text) {
                return text.trim();
            }).filter(Boolean);
        }
    };

    function settingsFromForm() {
        var settings = {};
        form.querySelectorAll('[data-setting]').forEach(function (box) {
            var read = readers[box.getAttribute('data-widget')];
            settings[box.getAttribute('data-setting')] = read ? read(box) :
                box.querySelector('input, select, textarea').value;
        });
        return settings;
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
            var setting = form.querySelector('[data-setting="' + name + '"]');
            var field = setting && setting.querySelector('input, select, textarea');
            if (field) {
                field.setAttribute('aria-invalid', 'true');
                first = first || field;
            }
        });
        if (first) { first.focus(); }
        notify('error', {title: gettext('The settings were not saved'), message: data.error});
    }

    /* One save at a time: until the answer comes, Save says it waits (aria-disabled, not disabled, so the
     * keyboard focus stays on it) and the form is aria-busy. */
    var saveButton = form.querySelector('button[type="submit"]');
    var busy = false;

    function saving(state) {
        busy = state;
        if (state) {
            saveButton.setAttribute('aria-disabled', 'true');
            form.setAttribute('aria-busy', 'true');
        } else {
            saveButton.removeAttribute('aria-disabled');
            form.removeAttribute('aria-busy');
        }
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (busy) { return; }
        clearErrors();
        saving(true);
        notify('save', {state: 'start'});
        common.postJson(form.getAttribute('data-save-url'), settingsFromForm()).then(function () {
            saving(false);
            live.textContent = gettext('Settings saved.');
            notify('save', {state: 'end'});
        }).catch(function (error) {
            saving(false);
            showErrors({error: error.message, errors: error.errors});
        });
    });

    form.querySelector('[data-action="cancel"]').addEventListener('click', function () {
        notify('cancel', {});
    });

    /* Scheduled prompts: a row is added from the widget's <template> (its ids made unique), or removed. */
    var added = 0;
    form.addEventListener('click', function (event) {
        var button = event.target.closest('[data-action]');
        if (!button) { return; }
        var box = button.closest('[data-widget="scheduled_prompts"]');
        if (button.getAttribute('data-action') === 'add-scheduled-prompt') {
            added += 1;
            var html = box.querySelector('template').innerHTML.split('new-ROW').join('new-' + added);
            box.querySelector('.cx-scheduled-prompts').insertAdjacentHTML('beforeend', html);
            box.querySelector('.cx-scheduled-prompts > li:last-child textarea').focus();
        } else if (button.getAttribute('data-action') === 'remove-scheduled-prompt') {
            button.closest('[data-scheduled-prompt]').remove();
            box.querySelector('[data-action="add-scheduled-prompt"]').focus();
            live.textContent = gettext('Prompt removed; save to keep the change.');
        }
    });
}
