"""Settings the Open edX plugin framework applies to the LMS and Studio (see ``apps.plugin_app``)."""


def plugin_settings(settings):
    """Nothing to change yet: the block reads its options from ``XBLOCK_SETTINGS['CommunityXBlock']``."""
    settings.XBLOCK_SETTINGS = getattr(settings, "XBLOCK_SETTINGS", {}) or {}
    settings.XBLOCK_SETTINGS.setdefault("CommunityXBlock", {})
