"""The one shim that touches Django's private translation state (platform/translation.py), against the installed
Django: a render speaks the block's catalogs, and whatever was active before comes back afterwards."""
import gettext

from django.template import Context, Template
from django.utils import translation

from community_xblock.platform.translation import BlockTranslator, package_translation, speaking

TEMPLATE = Template("{% load i18n %}{% trans 'Start a conversation' %}|{% trans 'Save' %}")


class OperatorCatalog(gettext.GNUTranslations):
    """A catalog the operator pulled, holding one string of ours."""

    def __init__(self, table):  # noqa: PLW0231 - a catalog built from a table, not from a .mo file
        self._catalog = table
        self.plural = lambda count: int(count != 1)
        self._fallback = None


class Service:
    def __init__(self, translator):
        self.translator = translator


def test_the_platform_catalog_wins_and_the_package_fills_the_gaps():
    operator = OperatorCatalog({"Start a conversation": "Ouvrir une discussion"})
    translator = BlockTranslator(Service(operator), language="fr")
    assert translator.gettext("Start a conversation") == "Ouvrir une discussion"
    assert translator.gettext("Sort by") == "Trier par"  # only in the package's catalog
    assert translator.gettext("Not a msgid anywhere") == "Not a msgid anywhere"


def test_a_service_holding_djangos_module_is_no_catalog():
    translator = BlockTranslator(Service(translation), language="hu")
    assert translator.platform is None
    assert translator.gettext("Sort by") == "Rendezés"


def test_speaking_activates_the_block_catalog_for_one_render_only():
    with translation.override("fr"):
        before = TEMPLATE.render(Context())
        with speaking(BlockTranslator(None, language="fr")):
            during = TEMPLATE.render(Context())
        after = TEMPLATE.render(Context())
    assert during.split("|")[0] == "Lancer une conversation"
    assert before == after and before.split("|")[0] == "Start a conversation"
    assert translation.get_language() in ("en", "en-us")


def test_speaking_nests_and_restores_the_outer_translation():
    with speaking(BlockTranslator(None, language="hu")):
        outer = TEMPLATE.render(Context())
        with speaking(BlockTranslator(None, language="fr")):
            inner = TEMPLATE.render(Context())
        again = TEMPLATE.render(Context())
    assert outer == again != inner


def test_the_package_catalog_is_cached_per_language():
    assert package_translation("fr") is package_translation("fr")
    assert isinstance(package_translation("de"), gettext.NullTranslations)
