"""The benchmark's measurements on the database ``COMMUNITY_DB_URL`` names (run by ``benchmark.py``, one process
per database); writes a JSON file of figures that ``tables.py`` prints."""
import argparse
import gc
import json
import resource
import statistics
import time
import tracemalloc
from datetime import timedelta

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from web_fragments.fragment import Fragment  # noqa: E402
from xblock.core import XBlock  # noqa: E402

from community_xblock.aggregates import ledger  # noqa: E402
from community_xblock.conversations import listing, search, visits  # noqa: E402
from community_xblock.conversations.presenters import Audience, thread_summary  # noqa: E402
from community_xblock.core.lookups import space_for  # noqa: E402
from community_xblock.gatherings import effect  # noqa: E402
from community_xblock.gatherings.course_page import course_health  # noqa: E402
from community_xblock.insights import detectors, evaluation, exports  # noqa: E402
from community_xblock.insights.talent import presenters as talent  # noqa: E402
from community_xblock.models import Community, Event  # noqa: E402
from community_xblock.platform.identity import Viewer, community_key_for  # noqa: E402
from tests.perf import seeding  # noqa: E402

LEARNER = Viewer("learner1", "learner1")
COURSE_UNITS = 50


class FloorXBlock(XBlock):
    """The floor: the least a block can do in this runtime."""

    def student_view(self, context=None):
        return Fragment("<p>floor</p>")

    @XBlock.json_handler
    def ping(self, data, suffix=""):
        return {}


def register_floor():
    import importlib.metadata

    XBlock.extra_entry_points.append(("bench_floor", importlib.metadata.EntryPoint(
        name="bench_floor", group="xblock.v1", value="tests.perf.measurements:FloorXBlock")))


def add_scenario(name, xml):
    from workbench.scenarios import add_xml_scenario, get_scenarios

    get_scenarios()
    add_xml_scenario(name, name, xml)
    return get_scenarios()[name].usage_id


def community_block(unit):
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime("bench")
    return runtime.get_block(next(child for child in runtime.get_block(unit).children
                                  if ".community." in str(child)))


def median_ms(action, repeat):
    action()  # warm caches (templates, scenario loading) before timing
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def peak_mb(action):
    gc.collect()
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def ok(response):
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response


def interleaved(actions_by_size, repeat):
    """Median ms of each action, sampled in turns across sizes so that drift falls on every size alike."""
    samples = {size: {name: [] for name in actions} for size, actions in actions_by_size.items()}
    for actions in actions_by_size.values():
        for action in actions.values():
            action()
    for _ in range(repeat):
        for size, actions in actions_by_size.items():
            for name, action in actions.items():
                started = time.perf_counter()
                action()
                samples[size][name].append((time.perf_counter() - started) * 1000)
    return {size: {name: statistics.median(values) for name, values in names.items()}
            for size, names in samples.items()}


def learner_actions(client, usage_id, thread_id):
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
        "negative post": negative_post(client, usage_id, counter),
    }


NEGATIVE_BODY = "This is so frustrating: the formula in the video is wrong, again."
NEGATIVE_AUTHORS = 5


def negative_post(client, usage_id, counter):
    """A frustrated error report about the first component, by one of a few learners: every detector reads its
    hour rows, and once the burst is unusual takes the firing lock, reads the window and joins the alert (the
    most a post asks of them)."""
    def post():
        number = next(counter)
        return ok(client.post(
            f"/handler/{usage_id}/create_thread/?student=angry{number % NEGATIVE_AUTHORS}",
            json.dumps({"kind": "issue", "title": f"Benchmark report {number}", "body": NEGATIVE_BODY,
                        "component": COMPONENT_KEYS[usage_id]}), content_type="application/json"))
    return post


COMPONENT_KEYS = {}  # usage id -> the usage key negative posts are about


def without_detectors(action):
    """``action`` with the detectors switched off (in this process, for this call only): the post as it cost
    before they existed. Interleaved with the real posts, like ``without_aggregates``."""
    def bare():
        written = detectors.post_written
        detectors.post_written = lambda *args: None
        try:
            return action()
        finally:
            detectors.post_written = written
    return bare


def staff_views(client, usage_id, repeat):
    handler = f"/handler/{usage_id}/{{}}/?student=staff"
    return {name: median_ms(lambda name=name: ok(client.post(handler.format(name), "{}",
                                                            content_type="application/json")), repeat)
            for name in ("alerts", "review_queue")}


def list_breakdown(block, space, usage_id, repeat):
    """Where a page of the thread list goes, stage by stage (each figure includes the ones before it): the
    page's SQL run raw, the rows read by the domain, their summaries, the HTML of the items; and, apart, the
    visit the handler records."""
    audience = Audience(viewer=LEARNER, since=None, component_keys=frozenset(), usage_id=usage_id)

    def rows():
        return listing.list_threads(space, LEARNER, sort="active")

    def summaries():
        page = rows()
        return [thread_summary(thread, audience, page.followed_ids) for thread in page.threads]

    with CaptureQueriesContext(connection) as captured:
        rows()
    page_query = next(query["sql"] for query in captured.captured_queries
                      if query["sql"].startswith("SELECT") and "_thread" in query["sql"].split("FROM")[1][:60])

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(page_query)
            cursor.fetchall()

    return {"raw_sql": median_ms(raw, repeat), "rows": median_ms(rows, repeat),
            "domain": median_ms(summaries, repeat),
            "html": median_ms(lambda: block._thread_items_html(summaries()), repeat),
            "visit": median_ms(lambda: visits.record_visit(space.community, LEARNER), repeat)}


def without_aggregates(action):
    """``action`` with the ledger's flush replaced by nothing (in this process, for this call only): the same
    post without keeping the aggregates. Interleaved with the real posts, so that drift falls on both alike."""
    def bare():
        flush = ledger.Ledger.flush
        ledger.Ledger.flush = lambda self: None
        try:
            return action()
        finally:
            ledger.Ledger.flush = flush
    return bare


def export_figures(community, rows, repeat):
    figures = {}
    for export_format in ("csv", "jsonl"):
        def consume(export_format=export_format):
            return sum(len(chunk) for chunk in exports.stream(community, export_format))

        size = consume()  # also warms the database's cache
        seconds = median_ms(consume, min(3, repeat)) / 1000
        figures[export_format] = {"rows_per_second": rows / seconds, "seconds": seconds, "megabytes": size / 2**20,
                                  "peak_mb": peak_mb(consume)}
    return figures


def counted_queries(action):
    """The statements ``action`` runs (the connection's log is cleared first: it keeps at most 9000)."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return result, len(captured.captured_queries)


def evaluation_figures(client, usage_id, community, repeat):
    handler = f"/handler/{usage_id}/evaluation/?student=staff"
    _report, queries = counted_queries(lambda: evaluation.unit_report(community))
    return {
        "view": median_ms(lambda: ok(client.post(handler, "{}", content_type="application/json")), repeat),
        "report": median_ms(lambda: evaluation.unit_report(community), repeat),
        "queries": queries,
    }


def course_figures(client, usage_id, community, repeat, units):
    seeding.clone_aggregates(community, units - Community.objects.filter(
        org=community.org, course=community.course).count())
    handler = f"/handler/{usage_id}/course_evaluation/?student=staff"
    report, queries = counted_queries(lambda: evaluation.course_report(community))
    space, staff = space_for(community_key_for(usage_id)), Viewer("staff", "staff", is_staff=True)
    _health, page_queries = counted_queries(lambda: course_health(space, staff))
    return {
        "units": len(report["units"]), "queries": queries,
        "report": median_ms(lambda: evaluation.course_report(community), repeat),
        "view": median_ms(lambda: ok(client.post(handler, "{}", content_type="application/json")), repeat),
        "strategist": median_ms(lambda: course_health(space, staff), repeat), "strategist_queries": page_queries,
    }


def talent_figures(community, repeat):
    """Ranking the course's candidates with the posts behind them (what the talent panel reads), for a course
    holding only this community: it is moved to a course of its own once everything else was measured, and
    given a vocabulary of theme origins as large as a real community of its size would have."""
    course = f"bench-talent-{community.pk}"
    Community.objects.filter(pk=community.pk).update(course=course)
    seeding.add_theme_origins(community)
    ranking, queries = counted_queries(lambda: talent.ranked(community.org, course))
    return {"ranking": median_ms(lambda: talent.ranked(community.org, course), repeat), "queries": queries,
            "candidates": sum(1 for _candidate in ranking.shown())}


def search_figures(space, repeat):
    """A search in the unit's space (what the search box asks): words every post holds (the seeded posts share
    one body), and a rare word that 25 posts hold, spread over the whole community."""
    seeding.add_rare_word(space.community, "needle", 25)
    common = lambda: search.search(space, LEARNER, "Calvin light")  # noqa: E731
    rare = lambda: search.search(space, LEARNER, "needle")  # noqa: E731
    _found, queries = counted_queries(common)
    return {"common": median_ms(common, repeat), "rare": median_ms(rare, repeat), "queries": queries,
            "rare_found": len(rare()[0])}


def effect_figures(community, repeat):
    """What the staff's "Measured effect" reads, for an event of two hours in the middle of the seeded weeks
    (after ``talent_figures``: the community is alone in its course, so the control side is empty)."""
    bounds = community.posts.aggregate(first=Min("created_at"), last=Max("created_at"))
    middle = bounds["first"] + (bounds["last"] - bounds["first"]) / 2
    event = Event.objects.create(org=community.org, course=community.course, community=community, kind="live_qa",
                                 title="Bench", starts_at=middle, ends_at=middle + timedelta(hours=2),
                                 time_zone="UTC", host_key="bench", host_name="bench", created_by="bench")
    measured, queries = counted_queries(lambda: effect.measure(event))
    return {"measure": median_ms(lambda: effect.measure(event), repeat), "queries": queries,
            "window_posts": sum(counts["posts"] for counts in measured["unit"].values())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--database", required=True)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    repeat = options.repeat
    call_command("migrate", run_syncdb=True, verbosity=0)
    register_floor()
    client = Client()
    from community_xblock.demo.scenarios import DEMO_UNIT
    from community_xblock.platform.components import unit_components

    floor_id = add_scenario("bench-floor", "<bench_floor/>")
    floor = median_ms(lambda: ok(client.post(f"/handler/{floor_id}/ping/?student=learner1", "{}",
                                             content_type="application/json")), repeat * 2)
    floor_unit = DEMO_UNIT.split("<community ")[0] + "<bench_floor/>\n</vertical_demo>"
    floor_page = add_scenario("bench-floor-unit", floor_unit).split(".")[0]
    render_floor = median_ms(lambda: ok(client.get(f"/view/{floor_page}/student_view/?student=learner1")), repeat)

    communities, blocks = {}, {}
    for size in sizes:
        block = community_block(add_scenario(f"bench-{size}", DEMO_UNIT))
        usage_id = str(block.scope_ids.usage_id)
        key = community_key_for(usage_id)
        started = time.perf_counter()
        thread_id = seeding.seed(key, unit_components(block, Viewer("bench", "bench", is_staff=True)), size)
        communities[size] = (usage_id, thread_id, space_for(key), time.perf_counter() - started)
        blocks[size] = block
        print(f"    {options.database}: {size} posts seeded in {communities[size][3]:.1f} s", flush=True)
    gc.collect()
    for block in blocks.values():
        COMPONENT_KEYS[str(block.scope_ids.usage_id)] = unit_components(block, Viewer("bench", "bench"))[0].usage_key

    def actions_of(usage_id, thread_id):
        actions = learner_actions(client, usage_id, thread_id)
        return {**actions, "bare post": without_aggregates(actions["post"]),
                "post without detectors": without_detectors(actions["post"]),
                "negative post without detectors": without_detectors(actions["negative post"])}

    measured = interleaved({size: actions_of(usage_id, thread_id)
                            for size, (usage_id, thread_id, _space, _s) in communities.items()}, repeat)
    figures = {}
    for size, (usage_id, _thread_id, space, seeded) in communities.items():
        actions = learner_actions(client, usage_id, _thread_id)
        community = Community.objects.get(pk=space.community.pk)
        posts = community.posts.filter(deleted=False).count()
        figures[size] = {
            "seeded_seconds": seeded, "learner": measured[size],
            "post_without_aggregates": measured[size]["bare post"],
            "peak_request_mb": max(peak_mb(actions["render"]), peak_mb(actions["list"])),
            "list": list_breakdown(blocks[size], space, usage_id, repeat),
            "evaluation": evaluation_figures(client, usage_id, community, max(5, repeat // 2)),
            "exports": export_figures(community, posts, repeat),
            "staff_views": staff_views(client, usage_id, repeat),
            "search": search_figures(space, repeat),
            "post_queries": {name: counted_queries(actions[name])[1] for name in ("post", "negative post")},
        }
        print(f"    {options.database}: {size} measured", flush=True)
    largest = max(sizes)
    usage_id, _thread_id, space, _seeded = communities[largest]
    course = course_figures(client, usage_id, Community.objects.get(pk=space.community.pk), max(5, repeat // 2),
                            COURSE_UNITS)
    for size, (_usage_id, _thread_id, space, _seeded) in communities.items():  # last: it moves the communities
        figures[size]["talent"] = talent_figures(Community.objects.get(pk=space.community.pk), max(5, repeat // 2))
        figures[size]["effect"] = effect_figures(Community.objects.get(pk=space.community.pk), max(5, repeat // 2))
    result = {"database": options.database, "floor": floor, "render_floor": render_floor, "sizes": figures,
              "course": {**course, "posts_per_unit": largest},
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    with open(options.output, "w") as output:
        json.dump(result, output)


if __name__ == "__main__":
    main()
