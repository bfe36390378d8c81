"""The store on PostgreSQL (a throwaway server, tests/conftest.py): several processes writing one run
at once, several opening a new database at once, a real crawl stored alike on both databases, and
the embedded SQLite path needing no PostgreSQL at all."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from store.connection import describe_db, pg_placeholders
from store.db import Store
from store.records import Site, SiteStatus
from store.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parent.parent

# Once told to go, writes sites FIRST..FIRST+COUNT-1 of run RUN, each with a body of its own and SHARED
# new bodies that site i shares with site i + COUNT of the other writer, which writes them in its own
# order at about the same time: where PostgreSQL writers would deadlock, were bodies not sorted.
WRITER = """
import random, sys
from store.db import SiteCrawlResult, Store, content_hash
from store.records import PageRecord, Site, SiteCrawl, SiteStatus

url, run, first, count, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
with Store(url) as store:
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(first, first + count):
        site = Site(f"s{i}", f"site {i}", f"http://127.0.4.{i}/")
        texts = [f"pair {i % count} body {n}" for n in range(shared)] + [f"own {i}"]
        random.Random(i).shuffle(texts)
        bodies = {content_hash(t.encode()): t.encode() for t in texts}
        pages = [PageRecord(site.id, site.url + str(n), 200, content_hash=h) for n, h in enumerate(bodies)]
        store.start_site(run, site)
        store.save_site(SiteCrawlResult(SiteCrawl(run, site, SiteStatus.OK), pages, [], bodies))
"""


def test_two_processes_write_sites_of_one_run_sharing_bodies_each_stored_once(postgres_db):
    sites, shared = 120, 30
    with Store(postgres_db) as store:
        run = store.begin_run("crawl")
        store.register_sites(run, [Site(f"s{i}", f"site {i}", f"http://127.0.4.{i}/") for i in range(sites)])
    half = sites // 2
    writers = started_together(
        [[sys.executable, "-c", WRITER, postgres_db, str(run), str(first), str(half), str(shared)] for first in (0, half)]
    )
    errors = [writer.communicate(timeout=240)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    with Store(postgres_db) as store:
        assert store.progress(run) == {"sites": sites, "done": sites, "failed": 0, "pages": sites * (shared + 1), "documents": 0}
        assert store._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == half * shared + sites
        assert all(len(s.pages) == shared + 1 for s in store.snapshots(run))


def test_processes_opening_a_new_database_at_once_migrate_it_once(postgres_db):
    opener = (
        "import sys; from store.db import Store; print('ready', flush=True); sys.stdin.readline(); Store(sys.argv[1]).close()"
    )
    openers = started_together([[sys.executable, "-c", opener, postgres_db]] * 4)
    errors = [opener.communicate(timeout=120)[1] for opener in openers]
    assert [opener.returncode for opener in openers] == [0] * 4, errors
    with Store(postgres_db) as store:
        versions = [row[0] for row in store._db.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1)) and store.schema_version() == len(MIGRATIONS)


def started_together(commands: list[list[str]]) -> list[subprocess.Popen]:
    """Processes that each print "ready" once set up and then wait for a line: all told to go at once."""
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    for process in processes:
        assert process.stdout.readline() == "ready\n", process.stderr.read()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    return processes


def test_placeholders_and_percent_signs_translate_outside_string_literals():
    sql = "SELECT a FROM t WHERE x = ? AND y = :name AND z LIKE '50%: ?' AND n % 2 = 0 AND w::int = :w"
    assert pg_placeholders(sql) == (
        "SELECT a FROM t WHERE x = %s AND y = %(name)s AND z LIKE '50%%: ?' AND n %% 2 = 0 AND w::int = %(w)s"
    )


def test_the_url_is_shown_without_its_password():
    assert describe_db("postgresql://oit:secret@db.example:5433/oit") == "postgresql://oit@db.example:5433/oit"
    assert describe_db("postgresql://oit@127.0.0.1/oit") == "postgresql://oit@127.0.0.1/oit"
    assert describe_db(Path("var/oit.sqlite")) == "var/oit.sqlite"


def test_the_embedded_path_never_imports_psycopg(tmp_path):
    """``make demo`` and every SQLite run need no PostgreSQL: psycopg is imported for URLs only."""
    script = f"""
import sys
from oit.cli import main
import crawler.__main__, documents.process, evaluate.stored, reports.render, scheduler.demo
from scheduler.pipeline import default_stages
from store.db import Store
from store.records import Site
default_stages()
assert main(["runs", "--db", {str(tmp_path / "none.sqlite")!r}]) == 2
with Store({str(tmp_path / "oit.sqlite")!r}) as store:
    run = store.begin_run("demo")
    store.register_sites(run, [Site("s", "site", "http://127.0.4.1/")])
    store.prune(keep_runs=1)
print(sorted(name for name in sys.modules if name.startswith("psycopg")))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_real_crawl_stores_the_same_snapshots_in_postgresql_as_in_sqlite(tmp_path, make_fleet, postgres_db):
    from fleet.testing import crawl_into_store, custom_site

    fleet = make_fleet([custom_site("same-good", news_count=4), custom_site("same-poor", profile="poor")])
    # one request at a time: the pages are found in one order, so their records (linked from, click
    # paths) do not depend on which answer came first
    settings = tmp_path / "crawl.yaml"
    settings.write_text("concurrency: {requests: 1, sites: 1}\n", encoding="utf-8")
    stored = {}
    for name, db in (("sqlite", None), ("postgresql", postgres_db)):
        store, run_id = crawl_into_store(
            fleet.sites_file, tmp_path / name, fleet.as_of, db=db, crawl_args=("--settings", str(settings))
        )
        with store:
            stored[name] = [comparable(snapshot) for snapshot in store.snapshots(run_id)]
            assert store.run_sites(run_id) == fleet.site_records()
    assert [s["crawl"]["status"] for s in stored["sqlite"]] == [SiteStatus.OK.value] * 2
    assert sum(len(s["pages"]) for s in stored["sqlite"]) > 10
    assert stored["postgresql"] == stored["sqlite"]


def comparable(snapshot) -> dict:
    """A snapshot as plain data without what differs from one crawl to the next (times)."""
    data = dataclasses.asdict(snapshot)
    data["crawl"].update(started_at="", finished_at="")
    data["crawl"]["status"] = snapshot.crawl.status.value
    for record in data["pages"] + data["documents"]:
        record["fetched_at"] = ""
    return data


def test_a_database_that_does_not_answer_is_a_clear_error(postgres_server, tmp_path, capsys):
    from oit.cli import main
    from oit.errors import UserError

    missing = postgres_server.database_url("no_such_database")
    with pytest.raises(UserError, match="no_such_database: cannot connect"):
        Store(missing)
    assert main(["evaluate", "--db", missing, "--out", str(tmp_path / "out")]) == 2
    assert "no_such_database: no such database" in capsys.readouterr().err


def test_a_server_left_by_a_killed_owner_is_stopped_by_the_next_one_started(tmp_path):
    import psycopg

    from store.local_postgres import LocalPostgres

    script = (
        "import sys; from store.local_postgres import LocalPostgres; server = LocalPostgres(sys.argv[1]); server.start();"
        " print(server.data.parent, server.url, flush=True); sys.stdin.readline()"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "a")], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    root, url = owner.stdout.readline().split()
    owner.kill()
    owner.wait()
    psycopg.connect(url).close()  # the server outlived its owner
    with LocalPostgres(tmp_path / "b"):
        assert not Path(root).exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=5)
