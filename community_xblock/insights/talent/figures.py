"""The statistics behind a candidate: small, standard and explained, so a reason can say what it measured.

- The answer z-score of Zhang, Ackerman and Adamic ("Expertise networks in online communities", WWW 2007):
  ``(a - q) / sqrt(a + q)`` for ``a`` answers and ``q`` questions; it grows with the evidence, so someone who
  answered 3 times and never asked scores lower than someone who answered 30 times and asked twice.
- The Wilson lower bound of a share (accepted answers among answers): three answers out of three accepted is
  worth less than 30 out of 40.
- Percentiles within a pool (the course's eligible people): how a figure compares, whatever the course's size.
"""
import math
from bisect import bisect_left, bisect_right

Z_95 = 1.959964  # two-sided 95 %


def answer_z(answers, questions):
    total = answers + questions
    return (answers - questions) / math.sqrt(total) if total else 0.0


def wilson_lower(successes, trials, z=Z_95):
    """The lower end of the Wilson score interval of ``successes / trials`` (0 for no trials)."""
    if trials <= 0:
        return 0.0
    share = successes / trials
    centre = share + z * z / (2 * trials)
    spread = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    return max(0.0, (centre - spread) / (1 + z * z / trials))


class Percentiles:
    """Percentile ranks of values within a pool: the share of the pool below, counting ties as half."""

    def __init__(self, values):
        self.values = sorted(values)

    def of(self, value):
        if not self.values:
            return 0.0
        below, through = bisect_left(self.values, value), bisect_right(self.values, value)
        return 100.0 * (below + (through - below) / 2) / len(self.values)
