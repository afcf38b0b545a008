"""The test suite's settings: the workbench demo's, plus the Open edX forum app (forum v2, on the test database)
that the forum import is tested against."""
import os

from community_xblock.demo.settings import *  # noqa: F403
from community_xblock.demo.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "forum"]
# The forum indexes posts for search; nothing here searches, and no search server runs during the tests.
FORUM_SEARCH_BACKEND = "tests.forum_search.NoSearch"
# The LMS sets its address; alerts sent to chat tools link to the block under it (platform/identity.page_url).
LMS_ROOT_URL = "https://lms.test"
# Tasks run in-process (as in the demo) except under tests/delivery/test_celery_worker.py's real worker, which
# consumes from the machine's Redis on a queue of this test run's own.
CELERY_BROKER_URL = os.environ.get("COMMUNITY_TEST_REDIS", "redis://127.0.0.1:6379/15")
CELERY_TASK_DEFAULT_QUEUE = f"community-tests-{os.getpid()}"
