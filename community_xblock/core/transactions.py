"""One write, one transaction, tried again when the database picked it as a deadlock victim.

Counters shared by a whole community (the aggregates) are incremented by every post; InnoDB may refuse one of two
writers creating the same new row at the same moment with a deadlock error, after rolling it back entirely. The
write is then simply run again. Inside an enclosing transaction (a platform that wraps each request in one)
nothing can be retried here, so the error goes up as it came.
"""
from django.db import OperationalError, connection, transaction

ATTEMPTS = 3
DEADLOCK_CODES = {1213, 1205}  # MySQL/MariaDB: deadlock found; lock wait timeout


def is_deadlock(error):
    code = error.args[0] if error.args else None
    return code in DEADLOCK_CODES or "database is locked" in str(error)


def atomic_write(action):
    """Run ``action()`` in a transaction, again (up to ATTEMPTS times) if it is rolled back as a deadlock."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return action()
        except OperationalError as error:
            if attempt == ATTEMPTS or connection.in_atomic_block or not is_deadlock(error):
                raise
    raise AssertionError("unreachable")
