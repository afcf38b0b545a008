"""The delivery tests' real parts: a Celery worker on the machine's Redis and a local HTTP receiver (the mail
server, which the domain tests use too, is in tests/conftest.py)."""
import pytest
from celery.contrib.testing.worker import start_worker

from community_xblock.demo.celery import app
from tests.delivery.receiver import Receiver


@pytest.fixture
def worker(transactional_db, settings):
    settings.XBLOCK_SETTINGS = {"CommunityXBlock": {
        **settings.XBLOCK_SETTINGS["CommunityXBlock"],
        "webhook_timeout_seconds": 1, "webhook_attempts": 3, "webhook_backoff_seconds": 0.2}}
    app.control.purge()  # this run's queue (tests/settings.py) starts empty
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()
