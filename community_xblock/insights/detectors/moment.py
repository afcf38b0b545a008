"""What the detectors read once per write about one component, whichever of them run: its hour figures (one
statement for every window they compare) and its current alerts (one query), then the firing lock at most once.
"""
from datetime import timedelta

from community_xblock.aggregates import sql
from community_xblock.insights.detectors import alerts
from community_xblock.insights.detectors.figures import (
    BASELINE_HOURS,
    FLOOR_EXPECTED,
    HourFigures,
    tail,
    window_start,
)
from community_xblock.models import NOT_ABOUT_A_COMPONENT


class Moment:
    """One write's view of one component; ``windows`` maps a name to (hours, columns) to compare with the
    component's past week."""

    def __init__(self, community, anchor_id, now, windows, kinds):
        self.community, self.anchor_id, self.now = community, anchor_id, now
        self.figures = _figures(community, anchor_id, now, windows) if windows else {}
        self.current = alerts.current_of(community, kinds, anchor_id, now) if kinds else {}
        self._locked = False

    def lock(self):
        """Take the firing lock (once per write: both detectors may fire)."""
        if not self._locked:
            alerts.serialise(self.community)
            self._locked = True


def _figures(community, anchor_id, now, windows):
    spans, columns_of, names = [], [], []
    for name, (hours, columns) in windows.items():
        start = window_start(now, hours)
        spans += [(start, now), (start - timedelta(hours=BASELINE_HOURS), start - timedelta(microseconds=1))]
        columns_of.append(columns)
        names.append((name, hours, len(spans) - 2))
    sums = sql.hour_sums(community.pk, anchor_id or NOT_ABOUT_A_COMPONENT, spans, columns_of)
    figures = {}
    for column_index, (name, hours, span_index) in enumerate(names):
        observed, before = sums[span_index][column_index], sums[span_index + 1][column_index]
        window_hours = max(1, round((now - window_start(now, hours)) / timedelta(hours=1)))
        expected = max(FLOOR_EXPECTED, before * window_hours / BASELINE_HOURS)
        figures[name] = HourFigures(observed, expected, tail(observed, expected))
    return figures
