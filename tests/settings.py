"""The test suite's settings: the workbench demo's, plus the Open edX forum app (forum v2, on the test database)
that the forum import is tested against."""
from community_xblock.demo.settings import *  # noqa: F403
from community_xblock.demo.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "forum"]
# The forum indexes posts for search; nothing here searches, and no search server runs during the tests.
FORUM_SEARCH_BACKEND = "tests.forum_search.NoSearch"
