"""A real workbench server in a subprocess, on its own database, for HTTP concurrency and browser tests.

It uses the same database engine as the rest of the suite: a fresh SQLite file, or, when ``COMMUNITY_DB_URL``
points at MariaDB/MySQL, a fresh ``<name>_live`` database on that server.
"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import requests

SETTINGS = "community_xblock.demo.settings"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveWorkbench:
    def __init__(self, workdir):
        self.workdir = Path(workdir)
        (self.workdir / "var").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = self._database_url()
        self.process = None

    def _database_url(self):
        configured = os.environ.get("COMMUNITY_DB_URL", "")
        if configured.startswith(("mysql", "mariadb")):
            parsed = urlparse(configured)
            name = (parsed.path.lstrip("/") or "test") + "_live"
            self._recreate_mysql_database(parsed, name)
            return urlunparse(parsed._replace(path="/" + name))
        return f"sqlite:///{self.workdir / 'var' / 'live.db'}"

    @staticmethod
    def _recreate_mysql_database(parsed, name):
        import MySQLdb

        connection = MySQLdb.connect(host=parsed.hostname or "127.0.0.1", port=parsed.port or 3306,
                                     user=parsed.username or "root", passwd=parsed.password or "")
        cursor = connection.cursor()
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        connection.close()

    def _env(self):
        return {**os.environ, "COMMUNITY_DB_URL": self.db_url, "DJANGO_SETTINGS_MODULE": SETTINGS,
                "EXCLUDE_SAMPLE_XBLOCKS": "yes", "PYTHONUNBUFFERED": "1"}

    def start(self):
        django_admin = [sys.executable, "-m", "django"]
        subprocess.run([*django_admin, "migrate", "--run-syncdb", "-v", "0"], cwd=self.workdir, env=self._env(),
                       check=True)
        log = open(self.workdir / "server.log", "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            # Threaded (real concurrency); --insecure serves the workbench's static files with DEBUG off, as the demo.
            [*django_admin, "runserver", f"127.0.0.1:{self.port}", "--noreload", "--insecure"],
            cwd=self.workdir, env=self._env(), stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                # The index loads the scenarios; handlers only work once a page has done so.
                if requests.get(self.url + "/", timeout=5).status_code == 200:
                    return self
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("the workbench server did not start: " + (self.workdir / "server.log").read_text())

    def shell(self, code):
        """Run Python in the server's own settings and database (``django-admin shell -c``): for a state the
        handlers refuse to create, such as an event already held, written through the domain rules."""
        subprocess.run([sys.executable, "-m", "django", "shell", "-c", code], cwd=self.workdir, env=self._env(),
                       check=True, capture_output=True)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)

    # ----- talking to it like a browser does -----

    def session(self, student):
        """A requests session holding the CSRF cookie the scenario page sets."""
        session = requests.Session()
        session.student = student
        session.get(f"{self.url}/scenario/community.0/?student={student}", timeout=30).raise_for_status()
        return session

    def call(self, session, usage_id, handler, payload):
        response = session.post(
            f"{self.url}/handler/{usage_id}/{handler}/?student={session.student}", json=payload, timeout=60,
            headers={"X-CSRFToken": session.cookies.get("csrftoken", "")},
        )
        return response.status_code, response.json()

    # ----- reading its database directly -----

    def manage(self, *arguments):
        """Run a django-admin command against the server's database; returns the finished process."""
        return subprocess.run([sys.executable, "-m", "django", *arguments], cwd=self.workdir, env=self._env(),
                              capture_output=True, text=True, timeout=300, check=False)

    def count(self, sql):
        parsed = urlparse(self.db_url)
        if parsed.scheme == "sqlite":
            import sqlite3

            with sqlite3.connect(parsed.path) as connection:
                return connection.execute(sql).fetchone()[0]
        import MySQLdb

        connection = MySQLdb.connect(host=parsed.hostname, port=parsed.port or 3306, user=parsed.username or "root",
                                     passwd=parsed.password or "", db=parsed.path.lstrip("/"), charset="utf8mb4")
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            return cursor.fetchone()[0]
        finally:
            connection.close()
