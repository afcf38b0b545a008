"""Files the package ships: templates, static assets and translation catalogs.

They sit at the repository root and are installed as the sub-packages ``community_xblock.templates``,
``community_xblock.static`` and ``community_xblock.translations`` (see setup.py), so
``importlib.resources`` finds them the same way from a wheel and from an editable install.

Templates are compiled once per process by an engine whose loader reads the templates package (so
``{% include %}`` works): the XBlock ``ResourceLoader`` builds a new engine and re-parses the file on every
call, which would cost more than the rest of a page render.
"""
import importlib.resources
from contextlib import contextmanager
from functools import cache, lru_cache

from django.template import Context, Engine
from django.utils.translation import get_language, trans_real


def static_file(path):
    """An opened static file (``path`` relative to ``static/``)."""
    return importlib.resources.files("community_xblock.static").joinpath(path).open("rb")


@cache
def static_text(path):
    return importlib.resources.files("community_xblock.static").joinpath(path).read_text(encoding="utf-8")


def static_exists(path):
    return importlib.resources.files("community_xblock.static").joinpath(path).is_file()


def translations_root():
    return importlib.resources.files("community_xblock.translations")


@lru_cache(maxsize=1)
def _engine():
    templates_dir = str(importlib.resources.files("community_xblock.templates"))
    return Engine(dirs=[templates_dir], autoescape=True, debug=False,
                  libraries={"i18n": "django.templatetags.i18n"})


def render_template(name, context, i18n_service=None):
    """Render ``templates/<name>`` with the block's catalog active for ``{% trans %}`` and plurals."""
    with block_translation(i18n_service):
        return _engine().get_template(name).render(Context(context))


@contextmanager
def block_translation(i18n_service):
    """Make Django's active translation include the block's own catalog for the length of a render.

    The i18n service of the LMS (and of our workbench demo) reads the package's ``translations/`` catalogs;
    Django's template tags read the active Django translation. The merged translation is built once per
    language and catalog (the xblock-utils template tags merge again at every ``{% trans %}``).
    """
    catalog = getattr(i18n_service, "_catalog", None) if i18n_service is not None else None
    if not catalog:
        yield
        return
    merged = _merged_translation(get_language() or "en", i18n_service, catalog)
    previous = getattr(trans_real._active, "value", None)
    trans_real._active.value = merged
    try:
        yield
    finally:
        if previous is None:
            del trans_real._active.value
        else:
            trans_real._active.value = previous


_MERGED = {}  # (language, id of the block catalog) -> (that catalog, kept alive so the id stays its own; merged)


def _merged_translation(language, i18n_service, catalog):
    key = (language, id(catalog))
    if key not in _MERGED:
        merged = trans_real.DjangoTranslation(language)
        merged.merge(i18n_service)
        _MERGED[key] = (catalog, merged)
    return _MERGED[key][1]


@cache
def javascript_catalog(language):
    """The JavaScript catalog shipped for ``language`` (``static/js/translations/<lang>/text.js``), or ""
    for English, the source language (``common.js`` then shows the text as given)."""
    path = f"js/translations/{(language or 'en').split('-')[0].lower()}/text.js"
    return static_text(path) if static_exists(path) else ""
