"""How the detectors do on the detection timelines, measured through the product's own import path.

Each timeline of ``tests/data/detection/<group>/`` is imported into a community of its own (the detectors fire
at the time each post was written, as they would have live); then each episode must have raised its alert (an
``error`` episode an ``error_spread`` alert on its component, a ``buzz`` episode a ``bad_buzz`` one) between its
first and its last post, and no other error or bad-buzz alert may have fired: anything else is a false alarm
in calm weeks (an episode's component raising the other kind during the episode is the episode, not calm). The
detectors were tuned on ``dev``; ``test`` was composed before any figure was measured on it.

    python -m tests.detection_quality dev|test     (needs DJANGO_SETTINGS_MODULE and a migrated database)
"""
import json
import sys
from datetime import datetime
from pathlib import Path

DATA = Path(__file__).parent / "data" / "detection"
GROUPS = ("dev", "test")
EPISODES = {"error": "error_spread", "buzz": "bad_buzz"}


def timelines(group):
    return sorted((DATA / group).glob("*.jsonl"))


def measure_timeline(path):
    """{episode: minutes from its first post to the alert, or None when it did not fire in time}, and the false
    alarms [(kind, component, fired_at)]."""
    from community_xblock.imports.records import record_from_dict
    from community_xblock.imports.replay import replay
    from community_xblock.management.arguments import space_from
    from community_xblock.models import Alert

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    space = space_from(f"Detection+{path.parent.name}/{path.stem}")
    result = replay(space, list(enumerate((record_from_dict(row) for row in rows), start=1)))
    assert not result.errors, result.errors
    components = {row["id"]: row.get("component") for row in rows if row["reply_to"] is None}
    for row in rows:  # a reply is about its thread's component
        if row["reply_to"] is not None:
            components[row["id"]] = components[row["reply_to"]]
    found, explained, spans = {}, set(), []
    alerts = list(Alert.objects.filter(community=space.community, kind__in=EPISODES.values())
                  .select_related("anchor").order_by("fired_at"))
    for episode, kind in EPISODES.items():
        posts = [row for row in rows if row.get("episode") == episode]
        first, last = (datetime.fromisoformat(posts[index]["created"]) for index in (0, -1))
        component = components[posts[0]["id"]] or None
        spans.append((component, first, last))
        hit = next((alert for alert in alerts if alert.kind == kind and alert.component_name == component
                    and first <= alert.fired_at <= last), None)
        found[episode] = round((hit.fired_at - first).total_seconds() / 60) if hit else None
        if hit:
            explained.add(hit.pk)
    # An episode's component may raise the other kind too (a burst of anger often reports a broken video):
    # that is still the episode, not calm weeks.
    false_alarms = [(alert.kind, alert.component_name, alert.fired_at.isoformat()) for alert in alerts
                    if alert.pk not in explained and not any(
                        alert.component_name == component and first <= alert.fired_at <= last
                        for component, first, last in spans)]
    return found, false_alarms


def measure(group):
    return {path.stem: measure_timeline(path) for path in timelines(group)}


def print_table(group, results):
    print(f"{group}: timeline | error cluster: minutes to alert | bad buzz: minutes to alert | false alarms")
    for name, (found, false_alarms) in results.items():
        cells = ["missed" if found[episode] is None else str(found[episode]) for episode in EPISODES]
        print(f"  {name:6} | {cells[0]:>6} | {cells[1]:>6} | {len(false_alarms)} {false_alarms or ''}")


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for group in sys.argv[1:] or GROUPS:
        print_table(group, measure(group))
