"""Benchmark: latency and memory at growing community sizes, on SQLite and MariaDB side by side (``make bench``).

Not a test: it prints tables. Each database runs in a process of its own (``--database``), on a fresh database,
through the workbench's own Django views (URL routing, middleware, ``runtime.get_block``, the handler); every
figure is a median over interleaved repeats, shown beside a floor measured in the same run:

- handlers against a trivial JSON handler of a trivial XBlock; the unit page against the same page with the
  trivial block in the community block's place;
- a page of the thread list against the same page's SQL run raw on the same table;
- posting against posting with the aggregates switched off (the ledger's flush replaced by nothing, in this
  process only), the cost of keeping them;
- the evaluation and the course view against their own figure at the smallest size.

    python -m tests.perf.benchmark [--sizes 1000,10000,100000] [--databases sqlite,mariadb] [--repeat 15]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARIADB_URL = os.environ.get("COMMUNITY_BENCH_MARIADB", "mysql://root@127.0.0.1:3306/community_bench")
BENCH_DIR = Path(os.environ.get("COMMUNITY_BENCH_DIR", "var/bench"))


def database_url(name):
    if name == "sqlite":
        return f"sqlite:///{(BENCH_DIR / 'bench.db').resolve()}"
    if name == "mariadb":
        return MARIADB_URL
    raise SystemExit(f"unknown database {name!r}: sqlite or mariadb")


def fresh_database(url):
    """Start from nothing: delete the SQLite file, or drop and create the MariaDB database."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        Path(parsed.path).unlink(missing_ok=True)
        return
    import MySQLdb

    name = parsed.path.lstrip("/")
    connection = MySQLdb.connect(host=parsed.hostname, port=parsed.port or 3306, user=parsed.username or "root",
                                 passwd=parsed.password or "")
    cursor = connection.cursor()
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    connection.close()


def run_database(name, sizes, repeat, output):
    """The measurements on one database, in a child process (settings are read once per process)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = database_url(name)
    fresh_database(url)
    env = {**os.environ, "COMMUNITY_DB_URL": url, "DJANGO_SETTINGS_MODULE": "community_xblock.demo.settings",
           "EXCLUDE_SAMPLE_XBLOCKS": "yes"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tests.perf.measurements", "--sizes", ",".join(map(str, sizes)),
                    "--repeat", str(repeat), "--output", str(output), "--database", name], env=env, check=True)
    print(f"  {name}: measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--databases", default="sqlite,mariadb")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-analysis", action="store_true", help="skip the text-analysis figures")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for name in options.databases.split(","):
            output = Path(work) / f"{name}.json"
            run_database(name, sizes, options.repeat, output)
            results[name] = json.loads(output.read_text())
    from tests.perf import tables

    tables.print_all(results, sizes)
    if not options.no_analysis:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community_xblock.demo.settings")
        import django

        django.setup()
        from tests.perf import analysis_speed

        analysis_speed.main()


if __name__ == "__main__":
    main()
