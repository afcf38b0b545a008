"""Files the package ships: templates, static assets and translation catalogs.

They sit at the repository root and are installed as the sub-packages ``community_xblock.templates``,
``community_xblock.static`` and ``community_xblock.translations`` (see setup.py), so
``importlib.resources`` finds them the same way from a wheel and from an editable install.

Templates are compiled once per process by an engine whose loader reads the templates package (so
``{% include %}`` works): the XBlock ``ResourceLoader`` builds a new engine and re-parses the file on every
call, which would cost more than the rest of a page render.
"""
import importlib.resources
from functools import cache, lru_cache

from django.template import Context, Engine


def static_file(path):
    """An opened static file (``path`` relative to ``static/``)."""
    return importlib.resources.files("community_xblock.static").joinpath(path).open("rb")


@cache
def static_text(path):
    return importlib.resources.files("community_xblock.static").joinpath(path).read_text(encoding="utf-8")


def static_exists(path):
    return importlib.resources.files("community_xblock.static").joinpath(path).is_file()


@lru_cache(maxsize=1)
def _engine():
    templates_dir = str(importlib.resources.files("community_xblock.templates"))
    return Engine(dirs=[templates_dir], autoescape=True, debug=False,
                  libraries={"i18n": "django.templatetags.i18n", "cx": "community_xblock.core.template_tags"})


def render_template(name, context):
    """Render ``templates/<name>`` (``{% trans %}`` speaks Django's active translation: see the block's _render)."""
    return _engine().get_template(name).render(Context(context))


@cache
def javascript_catalog(language):
    """The JavaScript catalog shipped for ``language`` (``static/js/translations/<lang>/text.js``), or ""
    for English, the source language (``common.js`` then shows the text as given)."""
    path = f"js/translations/{(language or 'en').split('-')[0].lower()}/text.js"
    return static_text(path) if static_exists(path) else ""
