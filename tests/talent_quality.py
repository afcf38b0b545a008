"""How the talent detector does on the talent timelines, measured through the product's own import path.

Each course of ``tests/data/talent/<group>/`` (four units, five weeks, one language) is imported unit by unit
into the communities of one course, then ranked; its ``labels.json`` names who was planted:

- each unit's designated expert must rank in the top three expert candidates of that unit, and the course's
  expert (one person expert in two units) in the top three course-wide;
- each designated trend-setter in the top three course-wide trend-setters, the lead user in the top three
  course-wide lead users;
- the author of the single viral complaint thread must not be suggested (among the candidates the staff view
  shows) in any role, anywhere, nor the "lucky" learner (three posts, one of them much liked) as an expert.

The thresholds were tuned on ``dev``; ``test`` was composed (by a helper, from the held-out text sets) before any
figure was measured on it.

    python -m tests.talent_quality dev|test     (needs DJANGO_SETTINGS_MODULE and a migrated database)
"""
import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).parent / "data" / "talent"
GROUPS = ("dev", "test")
TOP = 3
EVERYONE = 10_000  # rank every eligible candidate, not only the ones the staff view shows


def courses(group):
    return sorted(path for path in (DATA / group).iterdir() if path.is_dir())


def import_course(path, group):
    """Import the course's units; returns (org, course, {unit name: community id})."""
    from community_xblock.imports.records import record_from_dict
    from community_xblock.imports.replay import replay
    from community_xblock.management.arguments import space_from

    org, course = "Talent", f"{group}-{path.name}"
    units = {}
    for unit in sorted(path.glob("unit-*.jsonl")):
        rows = [json.loads(line) for line in unit.read_text(encoding="utf-8").splitlines() if line.strip()]
        space = space_from(f"{org}+{course}/{unit.stem}")
        result = replay(space, list(enumerate((record_from_dict(row) for row in rows), start=1)))
        assert not result.errors, result.errors[:3]
        units[unit.stem] = space.community.pk
    return org, course, units


def measure_course(path, group):
    """{check: (rank found or None, passed)} for one course, and the seconds its ranking took."""
    from community_xblock.insights.talent.ranking import rank_course

    labels = json.loads((path / "labels.json").read_text(encoding="utf-8"))
    org, course, units = import_course(path, group)
    started = time.perf_counter()
    ranking = rank_course(org, course, shown=EVERYONE)
    seconds = time.perf_counter() - started
    suggested = list(rank_course(org, course).shown())

    def rank_in(listed, person):
        return next((candidate.rank for candidate in listed if candidate.author_key == person), None)

    checks = {}
    for unit, experts in labels["experts"].items():
        listed = ranking.of_unit(units[unit]).get("expert", [])
        for person in experts:
            checks[f"expert {person} in {unit}"] = rank_in(listed, person)
    for role, people in (("expert", labels["course_experts"]), ("trend_setter", labels["trend_setters"]),
                         ("lead_user", labels["lead_users"])):
        for person in people:
            checks[f"{role} {person} course-wide"] = rank_in(ranking.course.get(role, []), person)
    results = {name: (rank, rank is not None and rank <= TOP) for name, rank in checks.items()}
    viral = labels["viral_complainer"]
    anywhere = [(candidate.role, candidate.rank) for candidate in suggested if candidate.author_key == viral]
    results[f"viral complainer {viral} not a candidate"] = (anywhere or None, not anywhere)
    for person in labels["lucky"]:
        as_expert = [candidate.rank for candidate in suggested
                     if candidate.author_key == person and candidate.role == "expert"]
        results[f"lucky {person} not an expert"] = (as_expert or None, not as_expert)
    return results, seconds


def measure(group):
    return {path.name: measure_course(path, group) for path in courses(group)}


def main(groups):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for group in groups:
        results = measure(group)
        passed = sum(ok for checks, _s in results.values() for _rank, ok in checks.values())
        total = sum(len(checks) for checks, _s in results.values())
        print(f"{group}: {passed}/{total} checks passed")
        for name, (checks, seconds) in results.items():
            missed = {check: rank for check, (rank, ok) in checks.items() if not ok}
            print(f"  {name}: {sum(ok for _r, ok in checks.values())}/{len(checks)}, ranked in {seconds * 1000:.0f} ms"
                  + (f"; missed: {missed}" if missed else ""))


if __name__ == "__main__":
    main(sys.argv[1:] or GROUPS)
