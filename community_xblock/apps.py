"""Django app configuration, and its registration as an Open edX plugin app.

``plugin_app`` is read by edx-django-utils when the package is installed in an Open edX image: the LMS and
Studio then add the app to ``INSTALLED_APPS`` and run its migrations, with nothing else to configure.
"""
from django.apps import AppConfig


class CommunityXBlockConfig(AppConfig):
    name = "community_xblock"
    label = "community_xblock"
    verbose_name = "Community XBlock"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "plugin_settings"}},
            "cms.djangoapp": {"common": {"relative_path": "plugin_settings"}},
        },
        # GDPR: when the LMS retires an account, blank what that person wrote (see retirement.py).
        "signals_config": {
            "lms.djangoapp": {
                "relative_path": "privacy",
                "receivers": [{
                    "receiver_func_name": "on_user_retired",
                    "signal_path": "openedx.core.djangoapps.user_api.accounts.signals.USER_RETIRE_LMS_MISC",
                }],
            },
        },
    }
