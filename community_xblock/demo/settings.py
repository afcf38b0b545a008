"""Django settings for the SDK workbench with the community block (the demo, the tests, the benchmark).

Databases, in order of precedence:
- ``COMMUNITY_DB_URL`` — ``mysql://user:password@host:port/name`` (MariaDB/MySQL, utf8mb4) or
  ``sqlite:///path/to/file.db``; this is the variable the test suite documents;
- ``WORKBENCH_DATABASES`` — the SDK's own JSON variable;
- otherwise the embedded SQLite file ``var/workbench.db``.
"""
import importlib.metadata
import json
import os
from urllib.parse import unquote, urlparse

from workbench.settings import *  # noqa: F403
from workbench.settings import INSTALLED_APPS, MIDDLEWARE
from xblock.core import XBlock

SQLITE_OPTIONS = {
    # Writers queue instead of failing with "database is locked" when they upgrade a read lock.
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}


def database_from_url(url):
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parsed.path)[1:] or ":memory:",
                "OPTIONS": SQLITE_OPTIONS}
    if parsed.scheme in ("mysql", "mariadb"):
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": parsed.path.lstrip("/") or "test",
            "USER": unquote(parsed.username or "root"),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "127.0.0.1",
            "PORT": str(parsed.port or 3306),
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
        }
    raise ValueError(f"COMMUNITY_DB_URL: unsupported database URL {url!r}")


if os.environ.get("COMMUNITY_DB_URL"):
    DATABASES = {"default": database_from_url(os.environ["COMMUNITY_DB_URL"])}
elif os.environ.get("WORKBENCH_DATABASES"):
    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "var/workbench.db",
                             "OPTIONS": SQLITE_OPTIONS}}

# The SDK's settings turn DEBUG on, and a debug error page lists the settings: off unless asked for.
# (``make demo`` runs ``runserver --insecure`` so the workbench's own static files are still served.)
DEBUG = os.environ.get("COMMUNITY_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver",  # testserver: Django's test client
                 *filter(None, os.environ.get("COMMUNITY_HOSTS", "").split(","))]

INSTALLED_APPS = [*INSTALLED_APPS, "community_xblock", "community_xblock.demo"]
# Languages: the cookie or Accept-Language picks one; ``?lang=`` switches it (see demo/middleware.py).
# "eo" is the pseudo-locale: every translated string comes out visibly changed.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("hu", "Magyar"), ("eo", "Pseudo-locale")]
LANGUAGE_CODE = "en"
_session = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
MIDDLEWARE = [*MIDDLEWARE[:_session + 1], "django.middleware.locale.LocaleMiddleware",
              *MIDDLEWARE[_session + 1:], "community_xblock.demo.middleware.LanguageFromQueryMiddleware"]
# The SDK's own i18n service passes through to Django, which has none of the block's strings: the block falls
# back to its bundled catalogs itself, as it must in a Tutor image (see platform/translation.py).
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
EXCLUDED_XBLOCKS = {  # the SDK's sample blocks stay installed (the demo unit uses vertical_demo) but unlisted
    "allscopes_demo", "attempts_scoreboard_demo", "equality_demo", "filethumbs", "helloworld_demo", "html_demo",
    "problem_demo", "sidebar_demo", "slider_demo", "textinput_demo", "thumbs", "view_counter_demo",
}

# In the workbench, ``?student=staff`` (or any id listed here) sees the space as course staff.
# In the workbench, webhooks may call this machine only (an operator lists their chat tools' hosts).
XBLOCK_SETTINGS = {"CommunityXBlock": {"workbench_staff_ids": ["staff", "staff_2"],
                                       "webhook_hosts": ["127.0.0.1", "localhost"], "webhook_allow_http": True}}

# The demo unit's content components; registered here only, never in an Open edX install.
XBlock.extra_entry_points.append((
    "community_demo_component",
    importlib.metadata.EntryPoint(
        name="community_demo_component", group="xblock.v1",
        value="community_xblock.demo.components:DemoComponent",
    ),
))

# Celery (see demo/celery.py): in-process by default; a broker when COMMUNITY_CELERY_BROKER names one.
CELERY_BROKER_URL = os.environ.get("COMMUNITY_CELERY_BROKER", "memory://")
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("COMMUNITY_CELERY_BROKER")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("COMMUNITY_CELERY_QUEUE", "community")
