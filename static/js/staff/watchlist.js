/* The course team's watched words: the list, adding and removing words, the shipped lists. Sent to staff only. */
(function (parts) {
    'use strict';

    parts.watchlist = function (cx) {
        var gettext = cx.gettext;

        function show(data, message, focusSelector) {
            cx.showPanel('.cx-watchlist', data.html, message, focusSelector);
        }

        function failed(error) { cx.announce(error.message); }

        cx.actions['watched-words'] = function () {
            cx.call('watched_words', {}).then(function (data) {
                show(data, gettext('Watched words loaded.'));
            }).catch(failed);
        };
        cx.actions['remove-watched-word'] = function (button) {
            cx.call('remove_watched_word', {word_id: Number(button.getAttribute('data-word-id'))})
                .then(function (data) { show(data, gettext('The word is no longer watched.')); })
                .catch(failed);
        };
        cx.actions['shipped-words'] = function (button) {
            var language = button.getAttribute('data-language');
            var on = button.getAttribute('data-value') === 'true';
            cx.call('set_shipped_words', {language: language, active: on}).then(function (data) {
                show(data, on ? gettext('Shipped list turned on.') : gettext('Shipped list turned off.'),
                    '[data-action="shipped-words"][data-language="' + language + '"]');
            }).catch(failed);
        };
        cx.forms.add_watched_word = function (form) {
            var payload = {word: form.elements.word.value, language: form.elements.language.value,
                action: form.elements.action.value};
            cx.call('add_watched_word', payload).then(function (data) {
                show(data, gettext('The word is watched.'), 'input[name="word"]');
            }).catch(function (error) { cx.showFormError(form, error); });
        };
    };
}(window.CommunityXBlockParts = window.CommunityXBlockParts || {}));
