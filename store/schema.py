"""Schema migrations, applied in order; ``schema_version`` records how far a database is.

Kept as Python strings (not .sql files) so they ship with the package without package-data.
Never edit a released migration: append a new one. Written for SQLite; the same list builds a
PostgreSQL store (store.connection translates the few SQLite-only words).
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: runs, sites, per-site crawl outcomes, pages, documents, content-addressed raw bodies.
    """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'partial', 'failed', 'interrupted')),
    ruleset TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    owner_pid INTEGER,
    stats TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    province TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    extra_hosts TEXT NOT NULL DEFAULT '[]'
);

-- complete = 1 only once the site's pages and documents are written (same transaction).
CREATE TABLE site_crawls (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL REFERENCES sites(id),
    status TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    home_url TEXT NOT NULL DEFAULT '',
    pages INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0,
    tls_valid INTEGER,
    robots_disallowed INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL DEFAULT '',
    finished_at TEXT NOT NULL DEFAULT '',
    complete INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, site_id)
);
CREATE INDEX site_crawls_by_site ON site_crawls (site_id, complete, status, run_id);

-- record: the PageRecord as JSON minus the fields that have columns.
CREATE TABLE pages (
    run_id INTEGER NOT NULL,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    PRIMARY KEY (run_id, site_id, url),
    FOREIGN KEY (run_id, site_id) REFERENCES site_crawls(run_id, site_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE documents (
    run_id INTEGER NOT NULL,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,
    PRIMARY KEY (run_id, site_id, url),
    FOREIGN KEY (run_id, site_id) REFERENCES site_crawls(run_id, site_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX documents_by_status ON documents (run_id, status);

-- Raw bodies, zlib-compressed, keyed by the sha256 of the uncompressed body.
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    body BLOB NOT NULL
) WITHOUT ROWID;
""",
    # 2: each judged run's verdicts in brief (evaluate.verdicts.SiteResult.to_brief), for the history
    # of later runs: read one site at a time, never whole results.json files.
    """
CREATE TABLE verdicts (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL,
    brief TEXT NOT NULL,
    PRIMARY KEY (site_id, run_id)
) WITHOUT ROWID;
CREATE INDEX verdicts_by_run ON verdicts (run_id);
""",
    # 3: what each site's crawl got from the network (store.records.FetchStats as JSON: responses,
    # bytes, retries, requests without an answer by kind), so a night in which every site fails DNS
    # shows as such in the run record.
    """
ALTER TABLE site_crawls ADD COLUMN fetch TEXT NOT NULL DEFAULT '{}';
""",
    # 4: who owns a running run is a process on a host (a shared PostgreSQL store has several
    # machines: only the owner's host can tell whether it died); a run's sites in the order they were
    # registered, which SQLite's rowid gave but PostgreSQL has no such column for.
    """
ALTER TABLE runs ADD COLUMN owner_host TEXT NOT NULL DEFAULT '';
ALTER TABLE site_crawls ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
""",
    # 5: the tasks a distributed run enqueued (distributed/coordinator.py), by unit ("crawl:3",
    # "document:<hash>", "rest:<hash>"): a coordinator restarted mid-run waits for those still queued
    # or running instead of enqueuing them twice. A document task reads the records of one content
    # hash of its run: by index, not by a scan of the run's documents for each of its documents.
    """
CREATE INDEX documents_by_hash ON documents (run_id, content_hash);
CREATE TABLE run_tasks (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    task_id TEXT NOT NULL,
    PRIMARY KEY (run_id, unit)
) WITHOUT ROWID;
""",
]
