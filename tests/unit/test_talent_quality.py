"""The talent detector on the held-out talent timelines (tests/talent_quality.py; the development ones, which the
thresholds were tuned on, are measured by ``python -m tests.talent_quality dev``).

The floors are the figures measured on the held-out courses: every unit's designated expert in the top three of
that unit, the course's expert and lead user in the top three course-wide, the viral complainer suggested
nowhere, the lucky learner never as an expert; and five of the twelve designated trend-setters in the top three
course-wide (the weakest part, see the README). A change that does worse fails here."""
import pytest

from tests import talent_quality

HELD = ("expert", "lead_user", "viral complainer", "lucky")
TREND_SETTERS_IN_THE_TOP_THREE = 5


@pytest.mark.django_db
def test_the_planted_people_rank_as_measured_on_the_held_out_courses():
    results = talent_quality.measure("test")
    assert len(results) == 6  # two courses per language
    missed = {}
    for name, (checks, _seconds) in results.items():
        missed.update({f"{name}: {check}": rank for check, (rank, ok) in checks.items()
                       if not ok and check.startswith(HELD)})
    assert not missed, missed
    trend = [ok for checks, _s in results.values() for check, (_rank, ok) in checks.items()
             if check.startswith("trend_setter")]
    assert len(trend) == 12
    assert sum(trend) >= TREND_SETTERS_IN_THE_TOP_THREE, sum(trend)
