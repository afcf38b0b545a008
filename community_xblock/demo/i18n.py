"""The workbench's i18n service, doing what the LMS's does for an XBlock package.

The SDK's own service only forwards to Django, whose catalogs live in ``locale/`` folders of Django apps. The
LMS (``ModuleI18nService``) instead reads the block package's bundled ``translations/<lang>/LC_MESSAGES/text.mo``
for the active language; this service does the same, so the demo and the tests see the block in French and
Hungarian exactly as the LMS would show it.
"""
import gettext
from functools import cache

from django.utils import translation

from ..resources import translations_root

DOMAIN = "text"


@cache
def _translator(language):
    localedir = str(translations_root())
    return gettext.translation(DOMAIN, localedir, [language], fallback=True)


class PackageI18nService:
    """gettext, ngettext, pgettext and the catalog of the active language; the rest from Django."""

    runtime = None  # set by the workbench when it loads the service

    @property
    def translator(self):
        return _translator((translation.get_language() or "en").split("-")[0].lower())

    def gettext(self, message):
        return self.translator.gettext(message)

    def ngettext(self, singular, plural, count):
        return self.translator.ngettext(singular, plural, count)

    def pgettext(self, context, message):
        return self.translator.pgettext(context, message)

    @property
    def _catalog(self):
        return getattr(self.translator, "_catalog", None)

    @property
    def _fallback(self):
        return None

    @property
    def plural(self):
        return getattr(self.translator, "plural", lambda count: int(count != 1))

    def get_language(self):
        return translation.get_language()

    def get_language_bidi(self):
        return translation.get_language_bidi()

    def get_javascript_i18n_catalog_url(self, block):  # pylint: disable=unused-argument
        """The workbench serves no catalog: the block falls back to the one it ships."""
        return None
