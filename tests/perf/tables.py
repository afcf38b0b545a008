"""Printing the benchmark's figures: one table per question, the databases side by side, then the targets."""

TARGETS = {
    "evaluation at the largest size within 1.2x of the smallest": lambda r, s: _ratio(r, s, "report") <= 1.2,
    "evaluation under 200 ms at the largest size": lambda r, s: r["sizes"][str(s[-1])]["evaluation"]["report"] < 200,
    "course view over 50 units under 1 s": lambda r, s: r["course"]["view"] < 1000,
    "the strategist's course page over 50 units under 1 s": lambda r, s: r["course"]["strategist"] < 1000,
    "export memory under 50 MB at every size": lambda r, s: all(
        figure["exports"][kind]["peak_mb"] < 50 for figure in r["sizes"].values() for kind in ("csv", "jsonl")),
    "exports at 100k rows per second or more at the largest size": lambda r, s: all(
        r["sizes"][str(s[-1])]["exports"][kind]["rows_per_second"] >= 100_000 for kind in ("csv", "jsonl")),
    "posting with the aggregates within 1.2x of posting without": lambda r, s: all(
        figure["learner"]["post"] <= 1.2 * figure["post_without_aggregates"] for figure in r["sizes"].values()),
    "a post with every detector on within 1.2x of the same post without them": lambda r, s: all(
        figure["learner"]["post"] <= 1.2 * figure["learner"]["post without detectors"]
        for figure in r["sizes"].values()),
    "a negative post in a burst (detectors firing) within 1.2x of the same post without them": lambda r, s: all(
        figure["learner"]["negative post"] <= 1.2 * figure["learner"]["negative post without detectors"]
        for figure in r["sizes"].values()),
    "alerts and review queue at the largest size within 1.2x of the smallest": lambda r, s: all(
        r["sizes"][str(s[-1])]["staff_views"][view] <= 1.2 * r["sizes"][str(s[0])]["staff_views"][view]
        for view in ("alerts", "review_queue")),
    "talent ranking of the largest course under 1 s": lambda r, s: r["sizes"][str(s[-1])]["talent"]["ranking"] < 1000,
    "search at the largest size within 1.5x of the smallest (common words, a rare word)": lambda r, s: all(
        r["sizes"][str(s[-1])]["search"][kind] <= 1.5 * r["sizes"][str(s[0])]["search"][kind]
        for kind in ("common", "rare")),
    "an event's measured effect under 500 ms at the largest size": lambda r, s: r["sizes"][str(s[-1])]["effect"][
        "measure"] < 500,
    "an event's measured effect: queries the same at every size": lambda r, s: len(
        {figure["effect"]["queries"] for figure in r["sizes"].values()}) == 1,
    "talent ranking: queries the same at every size": lambda r, s: len(
        {figure["talent"]["queries"] for figure in r["sizes"].values()}) == 1,
    "queries per post the same at every size": lambda r, s: len(
        {figure["post_queries"]["post"] for figure in r["sizes"].values()}) == 1,
}


def _ratio(result, sizes, name):
    first, last = (result["sizes"][str(size)]["evaluation"][name] for size in (sizes[0], sizes[-1]))
    return last / first


def _floor(result, key):
    return result["render_floor"] if key == "render" else result["floor"]


def _smallest(result, sizes):
    return result["sizes"][str(sizes[0])]["evaluation"]["report"]


def _detector_cells(_result, figure):
    learner = figure["learner"]
    cells = []
    for label, key in (("post", "post"), ("negative", "negative post")):
        on, off = learner[key], learner[f"{key} without detectors"]
        cells.append(f"{label} {on:5.1f}/{off:5.1f} {on / off:4.2f}x q {figure['post_queries'][key]}")
    return " ".join(cells)


def _table(title, header, rows):
    print(f"\n{title}")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(row)


def print_all(results, sizes):
    names = list(results)
    print()
    for name, result in results.items():
        print(f"{name}: handler floor {result['floor']:.2f} ms, page floor {result['render_floor']:.2f} ms, "
              f"peak RSS {result['peak_rss_mb']:.0f} MB; seeding " + ", ".join(
                  f"{size} posts {result['sizes'][str(size)]['seeded_seconds']:.0f} s" for size in sizes))

    def by_size(cell):
        return [f"{size:>8} | " + " || ".join(cell(results[name], results[name]["sizes"][str(size)])
                                              for name in names) for size in sizes]

    columns = " || ".join(f"{name:^70}" for name in names)
    _table("learner requests: median ms and ratio to the floor (handler floor for list, thread, post)",
           f"{'posts':>8} | {columns}",
           by_size(lambda r, f: " ".join(
               f"{label} {f['learner'][key]:6.1f} {f['learner'][key] / _floor(r, key):4.1f}x"
               for label, key in (("page", "render"), ("list", "list"), ("thread", "thread"), ("post", "post")))))
    _table("posting: with the aggregates kept on write, without (the ledger switched off), ratio",
           f"{'posts':>8} | " + " || ".join(f"{name:^34}" for name in names),
           by_size(lambda r, f: f"{f['learner']['post']:7.1f} ms {f['post_without_aggregates']:7.1f} ms "
                                f"{f['learner']['post'] / f['post_without_aggregates']:5.2f}x  "))
    _table("detectors: a post, and a negative post in a burst (every detector reads, fires and joins its "
           "alert): ms with the detectors on / off, ratio, queries",
           f"{'posts':>8} | " + " || ".join(f"{name:^56}" for name in names),
           by_size(_detector_cells))
    _table("staff views: the alerts panel and the review queue, median ms",
           f"{'posts':>8} | " + " || ".join(f"{name:^34}" for name in names),
           by_size(lambda r, f: f"alerts {f['staff_views']['alerts']:6.1f} "
                                f"queue {f['staff_views']['review_queue']:6.1f}"))
    _table("talent: ranking a course (candidates with the posts behind them) from the stored aggregates, median ms, "
           "queries, candidates shown",
           f"{'posts':>8} | " + " || ".join(f"{name:^34}" for name in names),
           by_size(lambda r, f: f"rank {f['talent']['ranking']:7.1f} q {f['talent']['queries']:2d} "
                                f"shown {f['talent']['candidates']:3d}"))
    _table("search in the unit's space: words every post holds, a word 25 posts hold, median ms, queries",
           f"{'posts':>8} | " + " || ".join(f"{name:^40}" for name in names),
           by_size(lambda r, f: f"common {f['search']['common']:6.1f} rare {f['search']['rare']:6.1f} "
                                f"q {f['search']['queries']}"))
    _table("an event's measured effect (7 days before, during, 7 days after, in the middle of the seeded weeks), "
           "median ms, queries, learners' posts in its periods",
           f"{'posts':>8} | " + " || ".join(f"{name:^34}" for name in names),
           by_size(lambda r, f: f"effect {f['effect']['measure']:6.1f} q {f['effect']['queries']} "
                                f"posts {f['effect']['window_posts']:6d}"))
    _table("a page of the thread list, stage by stage (ms, each including the one before): its SQL run raw, the "
           "rows read, their summaries, the items' HTML; the visit recorded; the whole handler",
           f"{'posts':>8} | " + " || ".join(f"{name:^62}" for name in names),
           by_size(lambda r, f: " ".join(f"{label} {f['list'][key]:5.2f}" for label, key in (
               ("raw", "raw_sql"), ("rows", "rows"), ("summ", "domain"), ("html", "html"), ("visit", "visit")))
               + f" handler {f['learner']['list']:5.1f}"))
    _table("evaluation: the report (aggregates read) and the staff view, median ms, ratio to the smallest size",
           f"{'posts':>8} | " + " || ".join(f"{name:^40}" for name in names),
           by_size(lambda r, f: f"report {f['evaluation']['report']:6.1f} "
                                f"({f['evaluation']['report'] / _smallest(r, sizes):4.2f}x)"
                                f" view {f['evaluation']['view']:6.1f} q {f['evaluation']['queries']:2d}"))
    _table("exports, streamed: rows per second, peak memory allocated, size",
           f"{'posts':>8} | " + " || ".join(f"{name:^52}" for name in names),
           by_size(lambda r, f: " ".join(
               f"{kind} {f['exports'][kind]['rows_per_second'] / 1000:5.0f}k/s {f['exports'][kind]['peak_mb']:4.1f} MB"
               f" {f['exports'][kind]['megabytes']:5.1f} MB" for kind in ("csv", "jsonl"))))
    print("\ncourse view: " + "; ".join(
        f"{name}: {r['course']['units']} units (the largest copied), report {r['course']['report']:.1f} ms, "
        f"view {r['course']['view']:.1f} ms, {r['course']['queries']} queries; the strategist's course page "
        f"{r['course']['strategist']:.1f} ms, {r['course']['strategist_queries']} queries"
        for name, r in results.items()))
    print()
    for label, check in TARGETS.items():
        verdicts = ", ".join(f"{name} {'met' if check(r, sizes) else 'MISSED'}" for name, r in results.items())
        print(f"  [{verdicts}] {label}")
