/* The community space's starter: plain JavaScript over the block's JSON handlers, no build step.
 *
 * The server renders every piece of HTML (the first page, further pages, a thread and its replies); the parts
 * only send actions, swap the HTML they get back, keep keyboard focus where the person was, and announce results
 * in the live region for screen readers. Each part (learner/list.js, learner/thread.js, learner/composer.js,
 * learner/events.js, and for staff only staff/moderation.js, staff/evaluation.js, staff/watchlist.js,
 * staff/alerts.js, staff/talent.js and staff/strategist.js) registers itself in CommunityXBlockParts; this
 * starter builds one context per block (handler calls, announcements, the root element), lets each part add its
 * actions, and routes clicks, submits and changes to them.
 */
/* exported CommunityXBlock */
/* global CommunityXBlockParts */
function CommunityXBlock(runtime, element, init) {
    'use strict';

    var wrapper = (element && element.jquery) ? element[0] : element;
    var root = wrapper.querySelector('.cx');
    var common = window.CommunityXBlockCommon;
    var live = root.querySelector('.cx-live');
    var parts = window.CommunityXBlockParts || {};
    var cx = {
        root: root,
        init: init || {},
        gettext: common.gettext,
        actions: {},  // data-action name -> function (button, event)
        forms: {},  // data-form name -> function (form)
        changes: [],  // functions (field) called on every change in the space
        call: function (handler, payload) {
            return common.postJson(runtime.handlerUrl(wrapper, handler), payload);
        },
        announce: function (message) {
            // Clearing first makes screen readers repeat a message identical to the previous one.
            live.textContent = '';
            window.setTimeout(function () { live.textContent = message; }, 50);
        },
        // The staff panels (evaluation, review queue, watched words, moderation log): show the HTML a handler
        // answered, move focus to its heading (or to ``focusSelector`` inside it) and announce ``message``.
        showPanel: function (selector, html, message, focusSelector) {
            var panel = root.querySelector(selector);
            panel.innerHTML = html;
            panel.hidden = false;
            var target = (focusSelector && panel.querySelector(focusSelector)) || panel.querySelector('h3');
            target.focus();
            cx.announce(message);
        },
        // A form's refusal: the message in its error box, the field it names marked and focused, announced.
        showFormError: function (form, error) {
            var box = form.querySelector('.cx-form-error');
            box.textContent = error.message;
            box.hidden = false;
            Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (field) {
                field.removeAttribute('aria-invalid');
            });
            var field = error.field && form.elements[error.field];
            if (field && field.focus) {
                field.setAttribute('aria-invalid', 'true');
                field.focus();
            }
            cx.announce(error.message);
        }
    };
    // Order matters: later parts use what earlier ones put in the context (the thread part's showThread...).
    var order = ['list', 'thread', 'composer', 'events', 'moderation', 'evaluation', 'watchlist', 'alerts', 'talent',
        'strategist'];
    order.forEach(function (name) {
        if (parts[name]) { parts[name](cx); }
    });

    root.addEventListener('click', function (event) {
        var button = event.target.closest('[data-action]');
        if (!button || !root.contains(button)) { return; }
        var action = cx.actions[button.getAttribute('data-action')];
        if (action) { action(button, event); }
    });

    root.addEventListener('submit', function (event) {
        var form = event.target.closest('form[data-form]');
        if (!form || !cx.forms[form.getAttribute('data-form')]) { return; }
        event.preventDefault();
        cx.forms[form.getAttribute('data-form')](form);
    });

    root.addEventListener('change', function (event) {
        cx.changes.forEach(function (onChange) { onChange(event.target); });
    });

    // Moments read "3 hours ago" in the page's language, the exact time staying on hover (the server wrote
    // it); every piece of HTML the parts insert later gets the same.
    showRelativeTimes(root);
    new MutationObserver(function () { showRelativeTimes(root); }).observe(root, {childList: true, subtree: true});

    return cx;
}

var RELATIVE_UNITS = [['second', 60], ['minute', 60], ['hour', 24], ['day', 7], ['week', 4.35], ['month', 12],
    ['year', Infinity]];

function showRelativeTimes(root) {
    'use strict';
    var times = root.querySelectorAll('time[data-relative]:not([data-shown])');
    if (!times.length || !window.Intl || !Intl.RelativeTimeFormat) { return; }
    var format;
    try {
        format = new Intl.RelativeTimeFormat(root.lang || undefined, {numeric: 'auto'});
    } catch (unknownLanguage) {  // eslint-disable-line no-unused-vars
        return;  // a language the browser does not know: the exact times stay
    }
    Array.prototype.forEach.call(times, function (time) {
        var value = (Date.parse(time.getAttribute('datetime')) - Date.now()) / 1000;
        if (isNaN(value)) { return; }
        var unit = 0;
        while (Math.abs(value) >= RELATIVE_UNITS[unit][1]) {
            value /= RELATIVE_UNITS[unit][1];
            unit += 1;
        }
        time.setAttribute('data-shown', '');
        time.textContent = format.format(Math.round(value), RELATIVE_UNITS[unit][0]);
    });
}
