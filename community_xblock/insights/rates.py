"""The ratio of two Poisson rates with its exact interval, for "did this event change how much people wrote?".

Given ``x1`` events over exposure ``t1`` and ``x0`` over ``t0``, conditionally on ``n = x1 + x0`` the count
``x1`` is binomial with ``p = R t1 / (R t1 + t0)``, where R is the rate ratio. The exact (Clopper-Pearson)
interval of p maps to an exact interval of R (the method behind R's ``poisson.test`` for two samples). The
binomial interval comes from the beta quantiles, computed here from the regularised incomplete beta function
(a continued fraction) so that no statistics package is needed on the platform.
"""
import math
from dataclasses import dataclass

CONFIDENCE = 0.95
_MAX_STEPS = 200
_QUANTILE_TOLERANCE = 1e-13
_FRACTION_TERMS = 300
_TINY = 1e-300


@dataclass(frozen=True)
class RateRatio:
    """``ratio`` (None when neither period has a count), ``low`` and ``high`` (None for no upper bound)."""

    ratio: float | None
    low: float | None
    high: float | None

    @property
    def rose(self):
        return self.low is not None and self.low > 1

    @property
    def fell(self):
        return self.high is not None and self.high < 1


def rate_ratio(x1, t1, x0, t0, confidence=CONFIDENCE):
    """The ratio of the rate ``x1 / t1`` to ``x0 / t0`` (counts, positive exposures) and its exact interval."""
    if t1 <= 0 or t0 <= 0:
        raise ValueError("exposures must be positive")
    n = x1 + x0
    if n == 0:
        return RateRatio(None, None, None)
    low_p, high_p = clopper_pearson(x1, n, confidence)
    scale = t0 / t1
    ratio = None if x0 == 0 else (x1 / t1) / (x0 / t0)
    return RateRatio(ratio, low_p / (1 - low_p) * scale, None if high_p >= 1 else high_p / (1 - high_p) * scale)


def clopper_pearson(successes, trials, confidence=CONFIDENCE):
    """The exact binomial interval of ``successes / trials``."""
    alpha = 1 - confidence
    low = 0.0 if successes == 0 else beta_quantile(alpha / 2, successes, trials - successes + 1)
    high = 1.0 if successes == trials else beta_quantile(1 - alpha / 2, successes + 1, trials - successes)
    return low, high


def beta_quantile(probability, a, b):
    """The x at which the Beta(a, b) distribution function reaches ``probability``: regula falsi with the
    Illinois step (the function is monotone on [0, 1]; a dozen evaluations instead of bisection's fifty)."""
    low, high, f_low, f_high = 0.0, 1.0, -probability, 1 - probability
    x, side = 0.5, 0
    for _ in range(_MAX_STEPS):
        x = (low * f_high - high * f_low) / (f_high - f_low)
        if not low < x < high:
            x = (low + high) / 2
        f = regularized_beta(x, a, b) - probability
        if abs(f) < _QUANTILE_TOLERANCE or high - low < 1e-16:
            return x
        if f < 0:
            low, f_low = x, f
            f_high = f_high / 2 if side == -1 else f_high
            side = -1
        else:
            high, f_high = x, f
            f_low = f_low / 2 if side == 1 else f_low
            side = 1
    return x


def regularized_beta(x, a, b):
    """I_x(a, b), by the continued fraction of the incomplete beta function (modified Lentz), on whichever side
    of the mean it converges fast."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _fraction(x, a, b) / a
    return 1 - math.exp(log_front) * _fraction(1 - x, b, a) / b


def _fraction(x, a, b):
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > _TINY else _TINY)
    value = d
    for m in range(1, _FRACTION_TERMS):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > _TINY else _TINY)
            c = 1 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            value *= c * d
        if abs(c * d - 1) < 3e-14:
            break
    return value
