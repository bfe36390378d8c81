"""The store: SQLite in WAL mode (one file, the embedded default) or PostgreSQL (a ``postgresql://``
URL, shared by several machines); safe against kill -9 in both.

A site's pages, documents and raw bodies are written in the same transaction that marks its crawl
complete, so an interrupted run never shows half a site, and earlier runs are never touched.
Several crawl processes may write to one database (SQLite: WAL + busy_timeout serialise the short
writes; PostgreSQL: row locks, bodies inserted in hash order, deadlocked transactions run again).
The differences between the two live in store.connection.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from oit.lifetime import pid_alive
from store.connection import DbRef, connect, is_db_url
from store.connection import describe_db as describe_db  # for callers, beside is_db_url and DbRef
from store.records import (
    DocumentRecord,
    DocumentStatus,
    FetchStats,
    PageRecord,
    Site,
    SiteCrawl,
    SiteSnapshot,
    SiteStatus,
)
from store.schema import MIGRATIONS
from store.serialize import document_from_row, document_to_json, dumps, page_from_row, page_to_json

T = TypeVar("T")

RETRIES = 5  # runs of a transaction that PostgreSQL aborted to break a deadlock

RUN_STATUSES = ("running", "complete", "partial", "failed", "interrupted")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: int
    kind: str
    started_at: str
    finished_at: str | None
    status: str
    ruleset: str
    as_of: str
    stats: dict[str, Any]
    sites_total: int  # sites registered for the run
    sites_done: int  # sites whose crawl was written completely


_SITE_COLUMNS = "s.id, s.name, s.url, s.type, s.province, s.district, s.extra_hosts"  # in Site's field order


# Replaces a page's or a document's record (what SQLite's INSERT OR REPLACE did, in the form both accept).
_REPLACE = (
    " ON CONFLICT (run_id, site_id, url) DO UPDATE SET status = excluded.status, content_hash = excluded.content_hash,"
    " record = excluded.record"
)


def _site(row: Sequence[Any]) -> Site:
    """A Site from the values of ``_SITE_COLUMNS``."""
    site_id, name, url, type_, province, district, extra_hosts = row
    return Site(site_id, name, url, type_, province, district, tuple(json.loads(extra_hosts)))


@dataclass(slots=True)
class StoredSnapshot(SiteSnapshot):
    """A SiteSnapshot that also says which run its pages come from.

    ``evidence_run_id`` is the snapshot's own run when the site was crawled fine, an earlier run
    (last known evidence) when it was down or not crawled, and None when no run ever reached it.
    """

    evidence_run_id: int | None = None


@dataclass(slots=True)
class SiteCrawlResult:
    """What one site's crawl produced, written in one transaction by ``Store.save_site``."""

    crawl: SiteCrawl
    pages: list[PageRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    bodies: dict[str, bytes] = field(default_factory=dict)  # content hash -> raw body to keep


@dataclass(frozen=True, slots=True)
class PruneStats:
    """What ``Store.prune`` removed, and what it kept of the runs it pruned."""

    runs_deleted: int = 0
    site_crawls_deleted: int = 0
    pages_deleted: int = 0
    documents_deleted: int = 0
    blobs_deleted: int = 0
    records_kept: int = 0  # pages and documents of pruned runs kept because they backed a verdict


class Store:
    """One SQLite database file or PostgreSQL database. Not shared between threads; open one Store
    per process."""

    def __init__(self, path: DbRef):
        self.path: DbRef = path if is_db_url(path) else Path(path)
        self._db = connect(self.path)
        self._migrate()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        def migrate() -> None:
            self._db.lock_schema()  # two processes opening a new PostgreSQL store at once
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
            current = row[0] or 0
            for version, sql in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in sql.split(";"):
                    if statement.strip():
                        self._db.execute(self._db.ddl(statement))
                self._db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

        self._transaction(migrate)

    def schema_version(self) -> int:
        return self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    def _transaction(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one write transaction; again when the database aborted it for a deadlock."""
        for attempt in range(1, RETRIES + 1):
            self._db.begin()
            try:
                done = work()
                self._db.commit()
                return done
            except self._db.retryable:
                self._db.rollback()
                if attempt == RETRIES:
                    raise
            except BaseException:
                self._db.rollback()
                raise
        raise AssertionError("unreachable")

    def _write(self, statements: list[tuple[str, Any]]) -> None:
        """Run (sql, params) pairs in one write transaction; params may be a list of rows."""

        def write() -> None:
            for sql, params in statements:
                if isinstance(params, list):  # many rows
                    self._db.executemany(sql, params)
                else:
                    self._db.execute(sql, params)

        self._transaction(write)

    # -- runs --------------------------------------------------------------------------------

    def begin_run(self, kind: str, *, ruleset: str = "", as_of: str = "") -> int:
        """Open a run owned by this process; runs whose owner died are marked interrupted first."""
        self.mark_dead_runs_interrupted()
        return self._transaction(
            lambda: self._db.execute(
                "INSERT INTO runs (kind, started_at, status, ruleset, as_of, owner_pid, owner_host)"
                " VALUES (?, ?, 'running', ?, ?, ?, ?) RETURNING id",
                (kind, utc_now(), ruleset, as_of, os.getpid(), socket.gethostname()),
            ).fetchone()[0]
        )

    def finish_run(self, run_id: int, status: str, stats: dict | None = None) -> None:
        if status not in RUN_STATUSES or status == "running":
            raise ValueError(f"not a final run status: {status!r}")
        self._write(
            [
                (
                    "UPDATE runs SET status = ?, finished_at = ?, stats = ? WHERE id = ?",
                    (status, utc_now(), dumps(stats or {}), run_id),
                )
            ]
        )

    def reopen_run(self, run_id: int) -> None:
        """Take over an interrupted or partial run to resume it in this process."""
        self._write(
            [
                (
                    "UPDATE runs SET status = 'running', finished_at = NULL, owner_pid = ?, owner_host = ? WHERE id = ?",
                    (os.getpid(), socket.gethostname(), run_id),
                )
            ]
        )

    def mark_dead_runs_interrupted(self) -> list[int]:
        """A run still 'running' whose owner process is gone was killed: say so.

        Only this machine's processes can be checked: a run owned by another host (a shared
        PostgreSQL store) is left to that host. Runs recorded before owners had a host are local.
        """
        here = socket.gethostname()
        rows = self._db.execute("SELECT id, owner_pid, owner_host FROM runs WHERE status = 'running'").fetchall()
        dead = [run_id for run_id, pid, host in rows if pid is None or (host in ("", here) and not pid_alive(pid))]
        if dead:
            self._write(
                [("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'", [(run_id,) for run_id in dead])]
            )
        return dead

    def run(self, run_id: int) -> RunInfo | None:
        found = self._runs("WHERE r.id = ?", (run_id,))
        return found[0] if found else None

    def last_finished_run(self) -> RunInfo | None:
        """The newest run that finished its crawl and was judged (complete or partial)."""
        found = self.finished_runs(1)
        return found[0] if found else None

    def runs(self, limit: int = 20) -> list[RunInfo]:
        """Most recent runs first."""
        self.mark_dead_runs_interrupted()
        return self._runs("ORDER BY r.id DESC LIMIT ?", (limit,))

    def _runs(self, tail: str, params: tuple) -> list[RunInfo]:
        rows = self._db.execute(
            "SELECT r.id, r.kind, r.started_at, r.finished_at, r.status, r.ruleset, r.as_of, r.stats,"
            " (SELECT COUNT(*) FROM site_crawls c WHERE c.run_id = r.id),"
            " (SELECT COUNT(*) FROM site_crawls c WHERE c.run_id = r.id AND c.complete = 1)"
            f" FROM runs r {tail}",
            params,
        ).fetchall()
        runs = []
        for run_id, kind, started_at, finished_at, status, ruleset, as_of, stats, sites_total, sites_done in rows:
            runs.append(
                RunInfo(run_id, kind, started_at, finished_at, status, ruleset, as_of, json.loads(stats), sites_total, sites_done)
            )
        return runs

    # -- sites -------------------------------------------------------------------------------

    def register_sites(self, run_id: int, sites: Iterable[Site]) -> None:
        """Record the sites (latest definition wins) and mark them pending in the run."""
        sites = list(sites)

        def register() -> None:
            # sites in id order: concurrent registrations lock shared rows in one order
            self._db.executemany(
                "INSERT INTO sites (id, name, url, type, province, district, extra_hosts) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url, type = excluded.type,"
                " province = excluded.province, district = excluded.district, extra_hosts = excluded.extra_hosts",
                [
                    (s.id, s.name, s.url, s.type, s.province, s.district, dumps(list(s.extra_hosts)))
                    for s in sorted(sites, key=lambda site: site.id)
                ],
            )
            last = self._db.execute("SELECT COALESCE(MAX(ordinal), 0) FROM site_crawls WHERE run_id = ?", (run_id,)).fetchone()[0]
            self._db.executemany(
                "INSERT INTO site_crawls (run_id, site_id, status, ordinal) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (run_id, site_id) DO NOTHING",
                [(run_id, s.id, SiteStatus.PENDING.value, last + i) for i, s in enumerate(sites, start=1)],
            )

        self._transaction(register)

    def sites(self) -> list[Site]:
        return self._sites(f"SELECT {_SITE_COLUMNS} FROM sites s ORDER BY s.id")

    def run_sites(self, run_id: int) -> list[Site]:
        """The sites registered in a run, in the order they were registered (the sites file's)."""
        return self._sites(
            f"SELECT {_SITE_COLUMNS} FROM site_crawls c JOIN sites s ON s.id = c.site_id WHERE c.run_id = ?"
            " ORDER BY c.ordinal, c.site_id",  # runs registered before ordinal existed: by id
            run_id,
        )

    def _sites(self, query: str, *params: object) -> list[Site]:
        rows = self._db.execute(query, params).fetchall()
        return [_site(row) for row in rows]

    def completed_site_ids(self, run_id: int) -> set[str]:
        rows = self._db.execute("SELECT site_id FROM site_crawls WHERE run_id = ? AND complete = 1", (run_id,))
        return {row[0] for row in rows}

    def site_status_counts(self, run_id: int) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) FROM site_crawls WHERE run_id = ? GROUP BY status", (run_id,))
        return dict(rows.fetchall())

    def crawl_outcomes(self, run_id: int) -> list[tuple[str, str, bool]]:
        """(site id, status, reached before) of each site crawled in the run; "reached before": the
        site's previous crawl (an earlier run) was ok."""
        return [
            (site_id, status, bool(before))
            for site_id, status, before in self._db.execute(
                "SELECT c.site_id, c.status, (SELECT p.status FROM site_crawls p WHERE p.site_id = c.site_id"
                " AND p.complete = 1 AND p.run_id < c.run_id ORDER BY p.run_id DESC LIMIT 1) = 'ok'"
                " FROM site_crawls c WHERE c.run_id = ? AND c.complete = 1 ORDER BY c.site_id",
                (run_id,),
            )
        ]

    def progress(self, run_id: int) -> dict[str, int]:
        """Live counts of a run being crawled (sites written, failed, pages written so far)."""
        total, done, failed = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(complete), 0), COALESCE(SUM(CASE WHEN complete = 1 AND status != 'ok' THEN 1 END), 0)"
            " FROM site_crawls WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        pages = self._db.execute("SELECT COUNT(*) FROM pages WHERE run_id = ?", (run_id,)).fetchone()[0]
        documents = self._db.execute("SELECT COUNT(*) FROM documents WHERE run_id = ?", (run_id,)).fetchone()[0]
        return {"sites": total, "done": done, "failed": failed, "pages": pages, "documents": documents}

    def fetch_totals(self, run_id: int) -> FetchStats:
        """What the run's crawl got from the network, summed over its sites (see ``FetchStats``)."""
        total = FetchStats()
        for (fetch,) in self._db.execute('SELECT "fetch" FROM site_crawls WHERE run_id = ? AND complete = 1', (run_id,)):
            total.add(FetchStats(**json.loads(fetch)))
        return total

    def fetched_urls(self, run_id: int) -> list[str]:
        """Every URL of the run fetched successfully (pages and documents)."""
        rows = self._db.execute(
            "SELECT url FROM pages WHERE run_id = ? AND status BETWEEN 200 AND 299"
            " UNION ALL SELECT url FROM documents WHERE run_id = ? AND status NOT IN ('fetch_failed', 'too_large')",
            (run_id, run_id),
        )
        return [row[0] for row in rows]

    # -- writing a site's crawl --------------------------------------------------------------

    def start_site(self, run_id: int, site: Site) -> None:
        """Begin (or restart, after an interruption) one site's crawl: drop its partial rows."""
        self._write(
            [
                (
                    "INSERT INTO site_crawls (run_id, site_id, status, started_at) VALUES (?, ?, 'pending', ?)"
                    " ON CONFLICT (run_id, site_id) DO UPDATE SET status = 'pending', complete = 0,"
                    " started_at = excluded.started_at",
                    (run_id, site.id, utc_now()),
                ),
                ("DELETE FROM pages WHERE run_id = ? AND site_id = ?", (run_id, site.id)),
                ("DELETE FROM documents WHERE run_id = ? AND site_id = ?", (run_id, site.id)),
            ]
        )

    def add_pages(self, run_id: int, site_id: str, pages: list[PageRecord], bodies: dict[str, bytes]) -> None:
        """Write a batch of a site still being crawled; invisible to snapshots until save_site."""
        self._write(self._page_statements(run_id, site_id, pages, bodies))

    def save_site(self, result: SiteCrawlResult) -> None:
        """Write the rest of one site's crawl and mark it complete, in one transaction."""
        crawl = result.crawl
        run_id, site_id = crawl.run_id, crawl.site.id
        docs = [(run_id, site_id, d.url, d.status.value, d.content_hash, document_to_json(d)) for d in result.documents]
        tls = None if crawl.tls_valid is None else int(crawl.tls_valid)
        self._write(
            [
                (
                    "INSERT INTO site_crawls (run_id, site_id, status) VALUES (?, ?, 'pending')"
                    " ON CONFLICT (run_id, site_id) DO NOTHING",
                    (run_id, site_id),
                ),
                *self._page_statements(run_id, site_id, result.pages, result.bodies),
                (
                    "INSERT INTO documents (run_id, site_id, url, status, content_hash, record) VALUES (?, ?, ?, ?, ?, ?)"
                    + _REPLACE,
                    docs,
                ),
                (
                    "UPDATE site_crawls SET status = :status, detail = :detail, home_url = :home_url, tls_valid = :tls,"
                    ' robots_disallowed = :robots, "fetch" = :fetch,'
                    " started_at = COALESCE(NULLIF(:started, ''), started_at),"
                    " finished_at = :finished, complete = 1,"
                    " pages = (SELECT COUNT(*) FROM pages WHERE run_id = :run AND site_id = :site),"
                    " documents = (SELECT COUNT(*) FROM documents WHERE run_id = :run AND site_id = :site)"
                    " WHERE run_id = :run AND site_id = :site",
                    {
                        "status": crawl.status.value,
                        "detail": crawl.detail,
                        "home_url": crawl.home_url,
                        "tls": tls,
                        "robots": crawl.robots_disallowed,
                        "fetch": dumps(asdict(crawl.fetch)),
                        "started": crawl.started_at,
                        "finished": crawl.finished_at or utc_now(),
                        "run": run_id,
                        "site": site_id,
                    },
                ),
            ]
        )

    @staticmethod
    def _page_statements(run_id: int, site_id: str, pages: list[PageRecord], bodies: dict[str, bytes]) -> list:
        # bodies in hash order: writers sharing bodies lock them in one order, so they never deadlock
        blobs = [(h, len(body), zlib.compress(body, 6)) for h, body in sorted(bodies.items())]
        rows = [(run_id, site_id, p.url, p.status, p.content_hash, page_to_json(p)) for p in pages]
        return [
            ("INSERT INTO blobs (hash, size, body) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING", blobs),
            ("INSERT INTO pages (run_id, site_id, url, status, content_hash, record) VALUES (?, ?, ?, ?, ?, ?)" + _REPLACE, rows),
        ]

    # -- reading -----------------------------------------------------------------------------

    def snapshots(self, run_id: int, site_ids: Iterable[str] | None = None) -> Iterator[StoredSnapshot]:
        """Every site of the run, in site id order, with the evidence to judge it.

        A site that was not crawled fine in this run (down, blocked, or pending because the run was
        interrupted) carries its current status but the pages of its last complete ``ok`` crawl.
        """
        wanted = None if site_ids is None else set(site_ids)
        rows = self._db.execute(
            "SELECT c.site_id, c.status, c.detail, c.home_url, c.pages, c.documents, c.tls_valid,"
            " c.robots_disallowed, c.started_at, c.finished_at, c.complete,"
            " s.name, s.url, s.type, s.province, s.district, s.extra_hosts, c.fetch"
            " FROM site_crawls c JOIN sites s ON s.id = c.site_id WHERE c.run_id = ? ORDER BY c.site_id",
            (run_id,),
        ).fetchall()
        for row in rows:
            site_id = row[0]
            if wanted is not None and site_id not in wanted:
                continue
            site = _site((site_id, *row[11:17]))
            status = SiteStatus(row[1]) if row[10] else SiteStatus.PENDING
            crawl = SiteCrawl(
                run_id=run_id,
                site=site,
                status=status,
                detail=row[2],
                home_url=row[3],
                pages=row[4],
                documents=row[5],
                tls_valid=None if row[6] is None else bool(row[6]),
                robots_disallowed=row[7],
                started_at=row[8],
                finished_at=row[9],
                fetch=FetchStats(**json.loads(row[17])),
            )
            evidence_run = run_id if status is SiteStatus.OK else self.last_ok_run(site_id, before=run_id)
            pages, documents = ([], []) if evidence_run is None else self._site_records(evidence_run, site_id)
            yield StoredSnapshot(crawl=crawl, pages=pages, documents=documents, evidence_run_id=evidence_run)

    def last_ok_run(self, site_id: str, before: int) -> int | None:
        """The site's last complete ``ok`` crawl before ``before``: its evidence, and its validators."""
        row = self._db.execute(
            "SELECT MAX(run_id) FROM site_crawls WHERE site_id = ? AND complete = 1 AND status = 'ok' AND run_id < ?",
            (site_id, before),
        ).fetchone()
        return row[0]

    def known_urls(self, run_id: int, site_id: str, extractor: str) -> dict[str, tuple[str, str, str]]:
        """URL -> (content hash, ETag, Last-Modified) of the site's documents and of its pages that
        ``extractor`` made, as answered directly (2xx, no redirect) in ``run_id``."""
        known: dict[str, tuple[str, str, str]] = {}

        def field(key: str) -> str:
            return self._db.json_text("record", key)

        for table, reusable in (
            (
                "pages",
                f"status BETWEEN 200 AND 299 AND {field('requested_url')} IN ('', url) AND {field('extractor')} = :extractor",
            ),
            ("documents", f"CAST({field('http_status')} AS INTEGER) BETWEEN 200 AND 299 AND content_hash != ''"),
        ):
            rows = self._db.execute(
                f"SELECT url, content_hash, {field('etag')}, {field('last_modified')}"
                f" FROM {table} WHERE run_id = :run AND site_id = :site AND {reusable}",
                {"run": run_id, "site": site_id, "extractor": extractor},
            )
            known.update((url, (digest, etag or "", modified or "")) for url, digest, etag, modified in rows)
        return known

    def stored_page(self, run_id: int, site_id: str, url: str) -> PageRecord | None:
        return self._stored("pages", page_from_row, run_id, site_id, url)

    def stored_document(self, run_id: int, site_id: str, url: str) -> DocumentRecord | None:
        return self._stored("documents", document_from_row, run_id, site_id, url)

    def _stored(self, table: str, from_row: Callable[..., T], run_id: int, site_id: str, url: str) -> T | None:
        row = self._db.execute(
            f"SELECT url, status, content_hash, record FROM {table} WHERE run_id = ? AND site_id = ? AND url = ?",
            (run_id, site_id, url),
        ).fetchone()
        return None if row is None else from_row(site_id, *row)

    def _site_records(self, run_id: int, site_id: str) -> tuple[list[PageRecord], list[DocumentRecord]]:
        # in URL order (the primary key's): the same on both databases, whatever order rows were written
        pages = [
            page_from_row(site_id, *row)
            for row in self._db.execute(
                "SELECT url, status, content_hash, record FROM pages WHERE run_id = ? AND site_id = ? ORDER BY url",
                (run_id, site_id),
            )
        ]
        documents = [
            document_from_row(site_id, *row)
            for row in self._db.execute(
                "SELECT url, status, content_hash, record FROM documents WHERE run_id = ? AND site_id = ? ORDER BY url",
                (run_id, site_id),
            )
        ]
        return pages, documents

    def raw_body(self, content_hash: str) -> bytes | None:
        row = self._db.execute("SELECT body FROM blobs WHERE hash = ?", (content_hash,)).fetchone()
        return None if row is None else zlib.decompress(row[0])

    # -- retention ---------------------------------------------------------------------------

    def prune(self, keep_runs: int, keep_pages: Iterable[tuple[int, str]] | None = None) -> PruneStats:
        """Delete all but the newest ``keep_runs`` runs, and the bodies nothing refers to any more.

        Never deleted: a running run; each site's last complete crawl and last complete ``ok``
        crawl (its last known evidence, which later snapshots fall back on); and the pages or
        documents ``(run_id, url)`` in ``keep_pages`` (those that backed a published verdict), with
        their site's crawl row. A pruned run row goes only once nothing of it is left.
        """
        if keep_runs < 1:
            raise ValueError("keep_runs must be at least 1")
        keep = set(keep_pages or ())
        return self._transaction(lambda: self._prune(keep_runs, keep))

    def _prune(self, keep_runs: int, keep_pages: set[tuple[int, str]]) -> PruneStats:
        db = self._db
        # No site written meanwhile: a body it refers to but does not write could be deleted unseen.
        # In the order writers take these tables, so the wait never becomes a deadlock.
        db.lock_tables("site_crawls", "blobs", "pages", "documents")
        db.execute(db.ddl("CREATE TEMP TABLE IF NOT EXISTS prune_runs (run_id INTEGER PRIMARY KEY)"))
        db.execute(
            db.ddl(
                "CREATE TEMP TABLE IF NOT EXISTS prune_kept_crawls (run_id INTEGER, site_id TEXT, PRIMARY KEY (run_id, site_id))"
            )
        )
        db.execute(
            db.ddl("CREATE TEMP TABLE IF NOT EXISTS prune_kept_urls (run_id INTEGER, url TEXT, PRIMARY KEY (run_id, url))")
        )
        for table in ("prune_runs", "prune_kept_crawls", "prune_kept_urls"):
            db.execute(f"DELETE FROM {table}")
        db.execute(
            "INSERT INTO prune_runs SELECT id FROM runs WHERE status != 'running'"
            " AND id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)",
            (keep_runs,),
        )
        db.execute(
            "INSERT INTO prune_kept_crawls"  # UNION: no pair twice
            " SELECT MAX(run_id), site_id FROM site_crawls WHERE complete = 1 GROUP BY site_id"
            " UNION SELECT MAX(run_id), site_id FROM site_crawls WHERE complete = 1 AND status = 'ok' GROUP BY site_id"
        )
        db.executemany("INSERT INTO prune_kept_urls VALUES (?, ?)", sorted(keep_pages))

        # NOT EXISTS on primary keys and an anti-join for bodies, not NOT IN: PostgreSQL runs a NOT IN
        # whose list outgrows work_mem once per row (quadratic on a national store).
        def doomed(table: str) -> str:
            return (
                f" WHERE run_id IN (SELECT run_id FROM prune_runs) AND NOT EXISTS (SELECT 1 FROM prune_kept_crawls k"
                f" WHERE k.run_id = {table}.run_id AND k.site_id = {table}.site_id)"
            )

        def kept(table: str, wanted: bool = True) -> str:
            return (
                f" AND {'' if wanted else 'NOT '}EXISTS (SELECT 1 FROM prune_kept_urls k"
                f" WHERE k.run_id = {table}.run_id AND k.url = {table}.url)"
            )

        records_kept = sum(
            db.execute(f"SELECT COUNT(*) FROM {table}{doomed(table)}{kept(table)}").fetchone()[0]
            for table in ("pages", "documents")
        )
        pages = db.execute(f"DELETE FROM pages{doomed('pages')}{kept('pages', False)}").rowcount
        documents = db.execute(f"DELETE FROM documents{doomed('documents')}{kept('documents', False)}").rowcount
        crawls = db.execute(
            f"DELETE FROM site_crawls{doomed('site_crawls')}"
            " AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.run_id = site_crawls.run_id AND p.site_id = site_crawls.site_id)"
            " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.run_id = site_crawls.run_id AND d.site_id = site_crawls.site_id)"
        ).rowcount
        db.execute("DELETE FROM verdicts WHERE run_id IN (SELECT run_id FROM prune_runs)")
        runs = db.execute(
            "DELETE FROM runs WHERE id IN (SELECT run_id FROM prune_runs)"
            " AND NOT EXISTS (SELECT 1 FROM site_crawls c WHERE c.run_id = runs.id)"
        ).rowcount
        blobs = db.execute(
            "DELETE FROM blobs WHERE hash IN (SELECT b.hash FROM blobs b LEFT JOIN"
            " (SELECT content_hash FROM pages UNION SELECT content_hash FROM documents) used ON used.content_hash = b.hash"
            " WHERE used.content_hash IS NULL)"
        ).rowcount
        return PruneStats(runs, crawls, pages, documents, blobs, records_kept)

    # -- verdicts in brief: the history later runs read -----------------------------------------

    def save_verdicts(self, run_id: int, briefs: Iterable[tuple[str, dict]]) -> None:
        """(site id, brief) of each site judged in the run."""
        self._write(
            [
                (
                    "INSERT INTO verdicts (run_id, site_id, brief) VALUES (?, ?, ?)"
                    " ON CONFLICT (site_id, run_id) DO UPDATE SET brief = excluded.brief",
                    [(run_id, site_id, dumps(brief)) for site_id, brief in briefs],
                )
            ]
        )

    def site_verdicts(self, site_id: str, run_ids: Iterable[int]) -> dict[int, dict]:
        """One site's briefs in the given runs."""
        ids = list(run_ids)
        if not ids:
            return {}
        rows = self._db.execute(
            f"SELECT run_id, brief FROM verdicts WHERE site_id = ? AND run_id IN ({','.join('?' * len(ids))})", (site_id, *ids)
        )
        return {run_id: json.loads(brief) for run_id, brief in rows}

    def run_verdicts(self, run_id: int) -> Iterator[tuple[str, dict]]:
        """(site id, brief) of every site of a run, one row at a time."""
        for site_id, brief in self._db.execute(
            "SELECT site_id, brief FROM verdicts WHERE run_id = ? ORDER BY site_id", (run_id,)
        ):
            yield site_id, json.loads(brief)

    def finished_runs(self, limit: int, before: int | None = None) -> list[RunInfo]:
        """The newest runs that were judged and published (complete or partial), newest first."""
        return self._runs(
            "WHERE r.status IN ('complete', 'partial') AND r.id < ? ORDER BY r.id DESC LIMIT ?",
            (before if before is not None else 2**62, limit),
        )

    def record_tasks(self, run_id: int, tasks: dict[str, str]) -> None:
        """Unit -> Celery task id of tasks a distributed run enqueued (a unit enqueued again replaces its id)."""
        self._write(
            [
                (
                    "INSERT INTO run_tasks (run_id, unit, task_id) VALUES (?, ?, ?)"
                    " ON CONFLICT (run_id, unit) DO UPDATE SET task_id = excluded.task_id",
                    [(run_id, *t) for t in tasks.items()],
                )
            ]
        )

    def run_tasks(self, run_id: int) -> dict[str, str]:
        return dict(self._db.execute("SELECT unit, task_id FROM run_tasks WHERE run_id = ?", (run_id,)).fetchall())

    # -- documents: the documents stage reads pending ones and writes the extracted text back ----

    def pending_documents(self, run_id: int, content_hash: str | None = None) -> list[tuple[int, DocumentRecord]]:
        """(run_id, record) of every downloaded document of the run not parsed yet (with that
        content only, when given: a distributed document task)."""
        rows = self._db.execute(
            "SELECT run_id, site_id, url, status, content_hash, record FROM documents WHERE run_id = ? AND status = ?"
            + (" AND content_hash = ?" if content_hash is not None else "")
            + " ORDER BY site_id, url",
            (run_id, DocumentStatus.PENDING.value, *([content_hash] if content_hash is not None else [])),
        ).fetchall()
        return [(row[0], document_from_row(*row[1:])) for row in rows]

    def save_document_results(self, run_id: int, documents: Iterable[DocumentRecord]) -> int:
        """Store extracted text etc. back onto the run's DocumentRecords (matched by site and URL)."""
        rows = [(d.status.value, d.content_hash, document_to_json(d), run_id, d.site_id, d.url) for d in documents]
        self._write(
            [
                (
                    "UPDATE documents SET status = ?, content_hash = ?, record = ? WHERE run_id = ? AND site_id = ? AND url = ?",
                    rows,
                ),
            ]
        )
        return len(rows)
