"""Benchmark: render and handler latency and memory at growing community sizes (``make bench``).

Not a test: it prints a table. Every figure is a median over repeated requests made through the SDK
workbench's own Django views (URL routing, middleware, ``runtime.get_block``, the handler), on an embedded
SQLite file, and is shown as a ratio to floors measured in the same run:

- handlers (list, thread, post) against a trivial JSON handler of a trivial XBlock;
- the render (the learner's unit page: three components and the community block) against the same unit
  page with the trivial block in the community block's place, so the ratio is what the community adds.

Communities of 1k, 10k and 100k posts are seeded in bulk (one thread for every five posts, a reaction on
every other post).

    python -m tests.perf.benchmark [--sizes 1000,10000,100000] [--repeat 25]
"""
import argparse
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community_xblock.demo.settings")
BENCH_DIR = Path(os.environ.get("COMMUNITY_BENCH_DIR", "var/bench"))
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("COMMUNITY_DB_URL", f"sqlite:///{(BENCH_DIR / 'bench.db').resolve()}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from web_fragments.fragment import Fragment  # noqa: E402
from xblock.core import XBlock  # noqa: E402

from tests.perf import analysis_speed  # noqa: E402

POSTS_PER_THREAD = 5
TARGETS = "render and list at 100k: <= 2x floor and <= 1.2x their 1k figure; post: <= 3x floor"


class FloorXBlock(XBlock):
    """The floor: the least a block can do in this runtime."""

    def student_view(self, context=None):
        return Fragment("<p>floor</p>")

    @XBlock.json_handler
    def ping(self, data, suffix=""):
        return {}


def register_blocks():
    import importlib.metadata

    XBlock.extra_entry_points.append(("bench_floor", importlib.metadata.EntryPoint(
        name="bench_floor", group="xblock.v1", value="tests.perf.benchmark:FloorXBlock")))


def add_scenario(name, xml):
    from workbench.scenarios import add_xml_scenario, get_scenarios

    get_scenarios()
    add_xml_scenario(name, name, xml)
    return get_scenarios()[name].usage_id


def community_scenario(size):
    from community_xblock.demo.scenarios import DEMO_UNIT

    unit = add_scenario(f"bench-{size}", DEMO_UNIT)
    return community_in(unit)


def community_in(unit):
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime("bench")
    return next(str(child) for child in runtime.get_block(unit).children if ".community." in str(child))


def seed(usage_id, posts):
    """Bulk-insert a community of ``posts`` posts, shaped like a real one."""
    from workbench.runtime import WorkbenchRuntime

    from community_xblock.conversations.threads import week_of
    from community_xblock.core.lookups import community_for
    from community_xblock.core.markup import render_markdown
    from community_xblock.models import Anchor, Keyphrase, Post, Reaction, Thread
    from community_xblock.platform.components import unit_components
    from community_xblock.platform.identity import Viewer, community_key_for

    key = community_key_for(usage_id)
    community = community_for(key)
    block = WorkbenchRuntime("bench").get_block(usage_id)
    staff = Viewer("bench", "bench", is_staff=True)
    anchors = [Anchor.objects.create(community=community, usage_key=c.usage_key, display_name=c.display_name,
                                     category=c.category) for c in unit_components(block, staff)]
    body = "Is the **Calvin cycle** really independent of light? The reading says so, the video not quite."
    html = render_markdown(body)
    start = timezone.now() - timezone.timedelta(days=365)
    threads = [
        Thread(community=community, run=key.run, kind=("question", "discussion", "issue")[number % 3],
               title=f"Conversation number {number} about photosynthesis", author_key=f"learner{number % 500}",
               anchor=anchors[number % len(anchors)] if number % 2 else None,
               created_at=start + timezone.timedelta(minutes=number),
               last_activity_at=start + timezone.timedelta(minutes=number + 30),
               response_count=POSTS_PER_THREAD - 1, score=number % 7)
        for number in range(posts // POSTS_PER_THREAD)
    ]
    Thread.objects.bulk_create(threads, batch_size=2000)
    rows = []
    for thread in threads:
        for position in range(POSTS_PER_THREAD):
            # Signals in roughly the proportions seen in the labelled set.
            rows.append(Post(community=community, thread=thread, is_opening=position == 0, run=key.run,
                             author_key=f"learner{(thread.pk + position) % 500}", author_name="learner",
                             body=body, body_html=html, created_at=thread.created_at + timezone.timedelta(
                                 hours=position), helpful_count=position % 2, language=("en", "fr", "hu")[
                                 thread.pk % 3], sig_confusion=position == 0 and thread.pk % 4 == 0,
                             sig_error=thread.pk % 9 == 0 and position == 0, sig_praise=position == 3,
                             confused_count=thread.pk % 5 == 0, week=week_of(thread.created_at)))
    Post.objects.bulk_create(rows, batch_size=2000)
    themes = [("calvin cycl", "Calvin cycle"), ("light", "light"), ("read", "reading"), ("video", "video"),
              ("réaction lumin", "réaction lumineuse"), ("fényreakció", "fényreakciók")]
    Keyphrase.objects.bulk_create([
        Keyphrase(post=post, community=community, anchor_id=post.thread.anchor_id, language=post.language,
                  key=themes[(post.pk + n) % len(themes)][0], surface=themes[(post.pk + n) % len(themes)][1])
        for post in rows for n in range(3)
    ], batch_size=5000)
    Thread.objects.filter(community=community, kind="question").update(first_response_at=F("created_at"))
    openings = {post.thread_id: post.pk for post in rows if post.is_opening}
    for thread in threads:
        thread.opening_post_id = openings[thread.pk]
    Thread.objects.bulk_update(threads, ["opening_post"], batch_size=2000)
    Reaction.objects.bulk_create(
        [Reaction(post=post, user_key="fan", kind="helpful") for post in rows if post.helpful_count],
        batch_size=2000,
    )
    return threads[-1].pk


def requests_for(client, usage_id, thread_id):
    """The four requests measured for one community, as callables."""
    import json

    page = f"/view/{usage_id.split('.')[0]}/student_view/?student=learner1"
    handler = f"/handler/{usage_id}/{{}}/?student=learner1"
    counter = iter(range(10**9))

    def call(name, payload):
        return ok(client.post(handler.format(name), json.dumps(payload), content_type="application/json"))

    return {
        "render": lambda: ok(client.get(page)),
        "list": lambda: call("list_threads", {"sort": "active"}),
        "thread": lambda: call("get_thread", {"thread_id": thread_id}),
        "post": lambda: call("create_thread", {
            "kind": "discussion", "title": f"Benchmark post {next(counter)}", "body": "A new *idea*."}),
    }


def measure_evaluation(client, communities, repeat):
    """The staff evaluation view and the exports, per size: median ms and the peak memory they allocate."""
    results = []
    for size, usage_id, _thread_id, _seeded in communities:
        handler = f"/handler/{usage_id}/evaluation/?student=staff"
        export = f"/handler/{usage_id}/export_evaluation/?student=staff&format="
        actions = {
            "evaluation": lambda handler=handler: ok(client.post(handler, "{}", content_type="application/json")),
            "csv": lambda export=export: ok(client.get(export + "csv")),
            "json": lambda export=export: ok(client.get(export + "json")),
        }
        figures = {name: median_ms(action, repeat) for name, action in actions.items()}
        memory = {name: peak_kb(action) / 1024 for name, action in actions.items()}
        results.append((size, figures, memory))
    return results


def print_evaluation(floor, results):
    print("\nevaluation (staff) and exports: median latency, ratio to the handler floor, peak memory allocated")
    header = f"{'posts':>8} | {'evaluation view':>26} | {'CSV export':>26} | {'JSON export':>26}"
    print(header)
    print("-" * len(header))
    for size, figures, memory in results:
        cells = " | ".join(f"{figures[k]:8.1f} ms {figures[k] / floor:6.0f}x {memory[k]:5.1f} MB"
                           for k in ("evaluation", "csv", "json"))
        print(f"{size:>8} | {cells}")
    largest = results[-1][1]
    print()
    for name in ("evaluation", "csv", "json"):
        print(f"  [{'met' if largest[name] < 2000 else 'MISSED'}] {name} under 2 s at the largest size")


def median_ms(action, repeat):
    action()  # warm caches (templates, scenario loading) before timing
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def peak_kb(action):
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def ok(response):
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=25)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    database = BENCH_DIR / "bench.db"
    if database.exists():
        database.unlink()
    call_command("migrate", run_syncdb=True, verbosity=0)
    register_blocks()
    client = Client()
    floor_id = add_scenario("bench-floor", "<bench_floor/>")
    floor_url = f"/handler/{floor_id}/ping/?student=learner1"
    floor = median_ms(lambda: ok(client.post(floor_url, "{}", content_type="application/json")), options.repeat * 2)
    from community_xblock.demo.scenarios import DEMO_UNIT

    floor_unit = DEMO_UNIT.split("<community ")[0] + "<bench_floor/>\n</vertical_demo>"
    floor_page = add_scenario("bench-floor-unit", floor_unit).split(".")[0]
    render_floor = median_ms(lambda: ok(client.get(f"/view/{floor_page}/student_view/?student=learner1")),
                             options.repeat)

    # Seed every size first, then measure them in turns: drift in the machine (caches, other load, the
    # garbage collector's heap after seeding) then falls on every size alike instead of on the last one.
    communities = []
    for size in sizes:
        usage_id = community_scenario(size)
        seeded = time.perf_counter()
        thread_id = seed(usage_id, size)
        communities.append((size, usage_id, thread_id, time.perf_counter() - seeded))
    gc.collect()
    actions = {size: requests_for(client, usage_id, thread_id) for size, usage_id, thread_id, _s in communities}
    samples = {size: {name: [] for name in actions[size]} for size in sizes}
    for size in sizes:
        for action in actions[size].values():
            action()  # warm-up
    for _ in range(options.repeat):
        for size in sizes:
            for name, action in actions[size].items():
                started = time.perf_counter()
                action()
                samples[size][name].append((time.perf_counter() - started) * 1000)
    rows = []
    for size, _usage_id, _thread_id, seeded in communities:
        figures = {name: statistics.median(values) for name, values in samples[size].items()}
        memory = max(peak_kb(actions[size]["render"]), peak_kb(actions[size]["list"]))
        rows.append((size, figures, memory, seeded))
    reports = measure_evaluation(client, communities, max(3, options.repeat // 5))

    print_table(floor, render_floor, rows)
    print_evaluation(floor, reports)
    analysis_speed.main()


def print_table(floor, render_floor, rows):
    print(f"\nhandler floor (trivial JSON handler of a trivial XBlock, same views and runtime): {floor:.2f} ms")
    print(f"render floor (the same unit page with the trivial block in place of the community): {render_floor:.2f} ms")
    print(f"targets: {TARGETS}\n")
    header = f"{'posts':>8} | {'render':>16} | {'list':>16} | {'thread':>16} | {'post':>16} | {'peak/request':>12}"
    print(header)
    print("-" * len(header))
    for size, figures, memory, _seeded in rows:
        cells = " | ".join(f"{figures[k]:7.2f} ms {figures[k] / (render_floor if k == 'render' else floor):4.1f}x"
                           for k in ("render", "list", "thread", "post"))
        print(f"{size:>8} | {cells} | {memory / 1024:9.2f} MB")
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS: {usage:.0f} MB (includes seeding; seeding took "
          + ", ".join(f"{seeded:.1f} s for {size}" for size, _f, _m, seeded in rows) + ")")
    first, last = rows[0][1], rows[-1][1]
    verdicts = [
        ("render <= 2x its floor at the largest size", last["render"] <= 2 * render_floor),
        ("list <= 2x floor at the largest size", last["list"] <= 2 * floor),
        ("render <= 1.2x its smallest-size figure", last["render"] <= 1.2 * first["render"]),
        ("list <= 1.2x its smallest-size figure", last["list"] <= 1.2 * first["list"]),
        ("post <= 3x floor at the largest size", last["post"] <= 3 * floor),
    ]
    print()
    for label, passed in verdicts:
        print(f"  [{'met' if passed else 'MISSED'}] {label}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
