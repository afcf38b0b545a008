"""The test every detector applies to the hour rows: is this window's count far above what the component's own
past week makes expected? A Poisson law whose mean is the week's rate over a window this long, never below
``FLOOR_EXPECTED`` (a new or quiet component has little history, and three angry posts in two hours there are
news); unusual when at least the observed count would come by chance with probability ``SIGNIFICANCE`` or less.
"""
import math
from dataclasses import dataclass
from datetime import timedelta

from community_xblock.aggregates.facts import EPOCH

BASELINE_HOURS = 7 * 24
FLOOR_EXPECTED = 0.25
SIGNIFICANCE = 0.005


def tail(observed, expected):
    """P(X >= observed) for X ~ Poisson(expected)."""
    term = math.exp(-expected)
    below = 0.0
    for count in range(observed):
        below += term
        term *= expected / (count + 1)
    return max(0.0, 1.0 - below)


def window_start(now, hours):
    """The start of the window of ``hours`` hour rows that ends with the hour of ``now``."""
    hour = now.astimezone(EPOCH.tzinfo).replace(minute=0, second=0, microsecond=0)
    return hour - timedelta(hours=hours - 1)


@dataclass(frozen=True)
class HourFigures:
    observed: int  # what the window's hour rows count
    expected: float  # what the week before the window makes expected in a window this long
    chance: float  # P(at least ``observed``) if nothing unusual happened

    @property
    def unusual(self):
        return self.chance <= SIGNIFICANCE
