"""The demo's Celery app (an Open edX install uses the platform's own, see ``community_xblock/tasks.py``).

Configured from the Django settings (``CELERY_*``): by default tasks run in-process, at once (eager), so the
demo needs no broker; ``COMMUNITY_CELERY_BROKER`` (e.g. ``redis://127.0.0.1:6379/0``) sends them to a broker for
a worker (``celery -A community_xblock.demo.celery worker``) instead.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community_xblock.demo.settings")
app = Celery("community_demo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
