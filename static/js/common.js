/* What the community page and the Studio editor share: translated text and JSON calls to the block's handlers. */
(function (global) {
    'use strict';

    // A platform catalog brings its own gettext; the catalogs this package ships bring data only.
    var i18n = global.CommunityXBlockI18N || {};
    var catalog = i18n.catalog || {};

    function csrfToken() {
        // A split, not a regular expression literal: xgettext's JavaScript parser loses its way on those.
        var cookies = document.cookie ? document.cookie.split(';') : [];
        for (var index = 0; index < cookies.length; index++) {
            var pair = cookies[index].trim().split('=');
            if (pair[0] === 'csrftoken') { return decodeURIComponent(pair.slice(1).join('=')); }
        }
        return '';
    }

    function lookup(text) {
        var found = catalog[text];
        return typeof found === 'string' && found ? found : text;
    }

    var gettext = i18n.gettext || (i18n.catalog ? lookup : null) || global.gettext || function (text) { return text; };

    /* POST a JSON payload; resolves with the decoded answer, rejects with an Error carrying the server's
     * translated message (and .field, .errors when the server names the fields at fault). */
    function postJson(url, payload) {
        return fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken()},
            body: JSON.stringify(payload)
        }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (data) {
                if (!response.ok) {
                    var error = new Error(data.error || gettext('Something went wrong. Please try again.'));
                    error.field = data.field;
                    error.errors = data.errors;
                    throw error;
                }
                return data;
            });
        }, function () {
            throw new Error(gettext('The server could not be reached. Check your connection and try again.'));
        });
    }

    global.CommunityXBlockCommon = {gettext: gettext, postJson: postJson};
}(window));
