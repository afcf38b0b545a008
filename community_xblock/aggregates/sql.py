"""The few statements every post runs on the aggregates, written out instead of built by the ORM.

Building and compiling ``filter(Q(...) | Q(...)).update(col=F(col) + n, ...)`` costs Django about 1.5 ms, where
the database runs the statement in 0.05 ms; every post runs three or four of them. These helpers produce the same
SQL (parameters adapted by the connection, names quoted by it) with a string join. Everything else stays ORM.
"""
from django.db import connection


def _column(model, field):
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _value(model, field, value):
    """A value as the connection stores it (an aware datetime becomes the backend's form)."""
    internal = model._meta.get_field(field).get_internal_type()
    if internal == "DateTimeField" and value is not None:
        return connection.ops.adapt_datetimefield_value(value)
    return value


def add(model, deltas, where, params, also=()):
    """``UPDATE model SET col = col + delta, ... WHERE where``, plus the (sql, params) assignments of ``also``;
    returns the number of rows matched."""
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = [f"{_column(model, column)} = {_column(model, column)} + %s" for column in deltas]
    values = list(deltas.values())
    for assignment, assignment_params in also:
        assignments.append(assignment)
        values += assignment_params
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE {where}", [*values, *params])
        return cursor.rowcount


def rows_matching(model, community_id, rows):
    """A WHERE clause (and its parameters) matching each of ``rows`` (dicts of key fields) in the community."""
    clauses, params = [], []
    for row in rows:
        clauses.append("(" + " AND ".join(f"{_column(model, field)} = %s" for field in ("community", *row)) + ")")
        params += [community_id, *(_value(model, field, value) for field, value in row.items())]
    return " OR ".join(clauses), params


def in_lists(model, community_id, **lists):
    """A WHERE clause for ``community = id AND field IN (...)`` for each of ``lists``."""
    clauses, params = [f"{_column(model, 'community')} = %s"], [community_id]
    for field, values in lists.items():
        clauses.append(f"{_column(model, field)} IN ({', '.join(['%s'] * len(values))})")
        params += [_value(model, field, value) for value in values]
    return " AND ".join(clauses), params


def widen(model, field, moment, earliest):
    """``field`` set to the earlier (``earliest``) or later of itself and ``moment`` (NULL counts as nothing)."""
    column = _column(model, field)
    pick = {("sqlite", True): "MIN", ("sqlite", False): "MAX"}.get((connection.vendor, earliest),
                                                                    "LEAST" if earliest else "GREATEST")
    value = _value(model, field, moment)
    return f"{column} = {pick}(COALESCE({column}, %s), %s)", [value, value]


def hour_sums(community_id, component, spans, columns_of):
    """For each (start, end) of ``spans`` and each column list of ``columns_of``, the sum of those columns over
    the component's ActivityTally hour rows whose start is in [start, end]: one statement for every window a
    detector compares (the detectors run it on the negative posts of the write path)."""
    from community_xblock.models import ActivityTally, TallyScope

    table = connection.ops.quote_name(ActivityTally._meta.db_table)
    start_column = _column(ActivityTally, "start")
    sums, params = [], []
    for start, end in spans:
        for columns in columns_of:
            added = " + ".join(_column(ActivityTally, column) for column in columns)
            sums.append(f"COALESCE(SUM(CASE WHEN {start_column} >= %s AND {start_column} <= %s THEN {added} "
                        "ELSE 0 END), 0)")
            params += [_value(ActivityTally, "start", start), _value(ActivityTally, "start", end)]
    earliest = min(start for start, _end in spans)
    latest = max(end for _start, end in spans)
    where = (f"{_column(ActivityTally, 'community')} = %s AND {_column(ActivityTally, 'scope')} = %s AND "
             f"{_column(ActivityTally, 'component')} = %s AND {start_column} >= %s AND {start_column} <= %s")
    params += [community_id, TallyScope.HOUR, component, _value(ActivityTally, "start", earliest),
               _value(ActivityTally, "start", latest)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(sums)} FROM {table} WHERE {where}", params)
        row = cursor.fetchone()
    values = iter(int(value) for value in row)
    return [[next(values) for _columns in columns_of] for _span in spans]
