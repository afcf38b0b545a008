"""The operator's options: ``XBLOCK_SETTINGS["CommunityXBlock"]`` in the LMS and Studio settings.

The block reads them through the ``settings`` service (the platform's ``xmodule/services.py SettingsService``,
copied into the SDK's ``workbench/services.py``: ``get_settings_bucket`` returns
``settings.XBLOCK_SETTINGS[block.block_settings_key]``); a Celery task has no
block, so it reads the same bucket from Django's settings directly. Each option is declared here once, with its
default.
"""
from django.conf import settings

SETTINGS_KEY = "CommunityXBlock"
DEFAULTS = {
    "workbench_staff_ids": (),  # outside the platform: student ids that see the space as staff
    "webhook_hosts": (),  # hosts (exact, or ".example.org" for its subdomains) webhooks may call; none: no webhook
    "webhook_allow_http": False,  # plain http to those hosts too (a local receiver, the demo, the tests)
    "webhook_timeout_seconds": 5,  # connect and read timeout of one delivery attempt
    "webhook_attempts": 5,  # attempts before a delivery is marked failed
    "webhook_backoff_seconds": 30,  # wait before the second attempt; doubled after each failure
    "event_reminder_minutes": 60,  # how long before an event its reminder goes out
    "reminder_from_email": None,  # the sender of reminder emails; None: Django's DEFAULT_FROM_EMAIL
}


def option(name, bucket=None):
    """An operator option: from ``bucket`` (what the settings service gave a block) or Django's settings."""
    if bucket is None:
        bucket = (getattr(settings, "XBLOCK_SETTINGS", None) or {}).get(SETTINGS_KEY, {})
    return bucket.get(name, DEFAULTS[name])
