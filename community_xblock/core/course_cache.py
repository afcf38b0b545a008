"""Facts of a course that every post or page asks and that change only when the course team changes them (the
watched words, the charter, the community experts): kept in the platform's cache per course, forgotten when they
change.

Forgetting happens at once and again once the change commits: a request that read the old rows in between would
otherwise cache them again. A change made outside the functions that forget (the Django admin) shows within
``SECONDS``.
"""
from django.core.cache import cache
from django.db import transaction

SECONDS = 300
# What is kept, by name.
WATCHED_WORDS = "watched"
CHARTER = "charter"
EXPERTS = "experts"


def _key(community, name):
    return f"community_xblock:{name}:{community.org}:{community.course}"


def remembered(community, name, compute):
    """``compute()`` for ``community``'s course, read from the cache when it is there (None is remembered too)."""
    key = _key(community, name)
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, SECONDS)
    return found[0]


def forget(community, name):
    key = _key(community, name)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
