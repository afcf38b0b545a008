"""The block's translations, in the LMS, in Studio and in the workbench.

The platform's i18n service (``xmodule/modulestore/django.py`` ``XBlockI18nService``) loads one catalog per
block: the operator's, pulled by openedx-atlas into ``conf/plugins-locale/xblock.v1/<module>`` (domain
``django``), else the package's bundled ``translations/`` (domain ``text``). A Tutor image creates the
operator folder even when it holds nothing for this block; the service then finds no catalog, keeps Django's
own (which has none of our strings), and never looks at the bundled one. The SDK workbench's service is a
plain pass-through to Django. So the block translates through ``BlockTranslator``: the platform's catalog
first, string by string, then the package's own catalog, whatever the service found.

Templates use Django's ``{% trans %}`` tags, which read Django's *active* translation. ``speaking`` makes a
translation holding the block's catalog active for the length of one render. Django offers no public way to
activate a translation object that is not one of its own per-language ones, so this module is the one place
that touches ``django.utils.translation.trans_real`` (covered by tests/unit/test_translation.py against the
installed Django).
"""
import gettext
import importlib.resources
from contextlib import contextmanager
from functools import cache

from django.utils import translation
from django.utils.translation import trans_real

DOMAIN = "text"
SOURCE_LANGUAGE = "en"


def current_language():
    """The request's language, as the platform's service reads it (``get_language()``), e.g. ``fr`` or ``pt-br``."""
    return translation.get_language() or SOURCE_LANGUAGE


def translations_root():
    """The package's bundled catalogs (``translations/`` at the repository root, installed inside the package)."""
    return importlib.resources.files("community_xblock.translations")


@cache
def package_translation(language):
    """The package's own catalog for ``language`` (``translations/<lang>/LC_MESSAGES/text.mo``), or a null one."""
    return gettext.translation(DOMAIN, str(translations_root()), [translation.to_locale(language)], fallback=True)


class BlockTranslator:
    """gettext and ngettext for the block: the platform's catalog where it has the string, else the package's."""

    def __init__(self, i18n_service, language=None):
        self.language = language or current_language()
        found = getattr(i18n_service, "translator", None) if i18n_service is not None else None
        # The platform's service holds a gettext catalog when it found one for this block; otherwise it holds
        # the django.utils.translation module, which has none of our strings.
        self.platform = found if isinstance(found, gettext.NullTranslations) else None
        self.own = package_translation(self.language)

    def gettext(self, message):
        if self.platform is not None:
            translated = self.platform.gettext(message)
            if translated != message:
                return translated
        return self.own.gettext(message)

    def ngettext(self, singular, plural, count):
        if self.platform is not None:
            translated = self.platform.ngettext(singular, plural, count)
            if translated not in (singular, plural):
                return translated
        return self.own.ngettext(singular, plural, count)

    @property
    def catalogs(self):
        """The gettext catalogs behind this translator, the one that wins last."""
        return tuple(catalog for catalog in (self.own, self.platform) if catalog is not None)


@contextmanager
def speaking(translator):
    """Make Django's template tags translate with ``translator``'s catalogs for the length of the block."""
    merged = _merged(translator.language, translator.catalogs)
    previous = getattr(trans_real._active, "value", None)
    trans_real._active.value = merged
    try:
        yield
    finally:
        if previous is None:
            del trans_real._active.value
        else:
            trans_real._active.value = previous


# (language, ids of the catalogs' message tables) -> (those tables, kept alive so their ids stay theirs; merged).
# gettext.translation() answers a shallow copy of one cached catalog per call: the copies share one table.
_MERGED = {}


def _merged(language, catalogs):
    tables = tuple(getattr(catalog, "_catalog", catalog) for catalog in catalogs)
    key = (language, tuple(id(table) for table in tables))
    if key not in _MERGED:
        merged = trans_real.DjangoTranslation(language)
        for catalog in catalogs:
            merged.merge(catalog)
        _MERGED[key] = (tables, merged)
    return _MERGED[key][1]
