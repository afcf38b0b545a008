"""Quality of the text analysis on labelled timelines, measured through the product's own import path.

Each file of ``tests/data/analysis/<set>/<lang>.jsonl`` is imported into a community of its own (analysis in thread
context, as when the posts are written live), then each stored post's signals and language are compared with its
labels. The rules were tuned on the ``dev`` sets; the ``test`` sets were written afterwards and their misses never
read (``data/analysis/README.md`` tells each set's story).

    python -m tests.analysis_quality dev [--misses SIGNAL]    (needs DJANGO_SETTINGS_MODULE and a migrated database)
"""
import json
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "analysis"
LANGUAGES = ("en", "fr", "hu")
SETS = ("dev", "dev2", "dev3", "test", "test2")
HELD_OUT = ("test", "test2")  # never tuned on (see data/analysis/README.md)
SIGNALS = ("confusion", "error", "praise", "frustration", "urgency")


def labelled(set_name, language):
    path = DATA / set_name / f"{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(set_name):
    """{(language, signal): (precision, recall, support)}, with ("all", "language") for language detection, and
    the misses {(language, signal): [(kind, post)]}."""
    from community_xblock.imports.records import record_from_dict
    from community_xblock.imports.replay import replay
    from community_xblock.management.arguments import space_from
    from community_xblock.models import SIGNAL_FIELDS, Post

    table, misses, right, total = {}, {}, 0, 0
    for language in LANGUAGES:
        rows = labelled(set_name, language)
        space = space_from(f"Quality+{set_name}/{language}")
        # The course team writes as staff_<name> in the sets; the platform tells the block who is staff.
        records = [record_from_dict({**row, "role": "staff"} if row["author"].startswith("staff_") else row)
                   for row in rows]
        result = replay(space, list(enumerate(records, start=1)))
        assert not result.errors, result.errors
        stored = {post.source_id: post for post in Post.objects.filter(community=space.community)}
        for row in rows:
            post = stored[row["id"]]
            total += 1
            right += post.language == row["lang"]
        for signal in SIGNALS:
            tp = fp = fn = 0
            for row in rows:
                found = getattr(stored[row["id"]], SIGNAL_FIELDS[signal])
                expected = signal in row["signals"]
                tp, fp, fn = tp + (found and expected), fp + (found and not expected), fn + (expected and not found)
                if found != expected:
                    misses.setdefault((language, signal), []).append(("missed" if expected else "wrong", row))
            precision = tp / (tp + fp) if tp + fp else 1.0
            table[(language, signal)] = (precision, tp / (tp + fn) if tp + fn else 1.0, tp + fn)
    table[("all", "language")] = (right / total, right / total, total)
    return table, misses


def format_table(table):
    lines = [f"{'language':8} {'signal':12} {'precision':>9} {'recall':>7} {'support':>8}"]
    for (language, signal), (precision, recall, support) in sorted(table.items()):
        lines.append(f"{language:8} {signal:12} {precision:9.2f} {recall:7.2f} {support:8d}")
    return "\n".join(lines)


if __name__ == "__main__":
    import django

    django.setup()
    quality, missed = measure(sys.argv[1])
    print(format_table(quality))
    if "--misses" in sys.argv:
        wanted = sys.argv[sys.argv.index("--misses") + 1]
        for (language, signal), items in sorted(missed.items()):
            if signal == wanted:
                for kind, row in items:
                    print(f"{language} {kind:6} {row['id']}: {row['text'][:160]!r}")
