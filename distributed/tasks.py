"""The three units a worker runs, each idempotent, since a task can be delivered twice (its worker
died after the work but before the acknowledgement):

- ``crawl_batch``: a batch of a run's sites, one ``python -m crawler`` process (Twisted cannot
  restart); sites already complete are skipped and a site's partial rows are dropped when it starts
  again, so a second delivery continues where the first stopped;
- ``read_document``: one distinct content hash of a run, text and OCR, written to every record of the
  run with that hash; a second delivery finds nothing pending;
- ``read_rest``: the rest of a partly read scan that an item lacking elements cites, after judging;
- ``judge_batch``: a batch of sites judged, returned as JSON (reading only).

No orphans: a worker's pool processes die with it (Celery's prefork pool arms PR_SET_PDEATHSIG,
celery.concurrency.prefork.process_initializer), and a crawl or document process dies with its pool
process (oit.lifetime.die_with_parent): a batch delivered again after a kill -9 never races an
orphan crawl of the same sites (tests/test_distributed.py kills both).

Every task carries the coordinator's version stamp; a worker whose code, schema or rules differ
refuses it, naming what differs, and the coordinator fails the run with that message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from distributed.app import app
from documents.extract import DEFAULT_TIMEOUT_S

logger = logging.getLogger(__name__)

WORKER_LOGS = Path("var/logs")  # crawl logs of the batches, on the worker's machine (as its document cache)
STOP_GRACE = 30.0  # seconds a crawl batch's process gets between SIGTERM and SIGKILL at its limit
DOCUMENT_TIME_LIMIT = 2 * DEFAULT_TIMEOUT_S  # the parse's own wall-clock limit, and the store's writes


class VersionMismatch(Exception):
    """The worker runs other code, schema or rules than the coordinator."""


class CrawlFailed(Exception):
    """The batch's crawl process failed on its own."""


@cache
def version_stamp() -> dict[str, Any]:
    """What must match between coordinator and workers: the project version, the schema version,
    the rule set files and the per-site overrides (their names and bytes: the judge tasks read both)."""
    from oit.overrides import DEFAULT_DIR as OVERRIDES_DIR
    from oit.paths import rules_dir
    from store.schema import MIGRATIONS

    def files_digest(paths: list[Path]) -> str:
        digest = hashlib.sha256()
        for path in sorted(paths):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()[:16]

    return {
        "version": metadata.version("oit-crawler"),
        "schema": len(MIGRATIONS),
        "rules": files_digest(list(rules_dir().glob("*.yaml"))),
        "overrides": files_digest(list(OVERRIDES_DIR.glob("*.yaml")) if OVERRIDES_DIR.is_dir() else []),
    }


def check_stamp(theirs: dict[str, Any], time_limit: float | None = None) -> None:
    """Refuse a task of another version, or a crawl batch (``time_limit``) that may run past the
    broker's visibility timeout: Redis would hand it to a second worker while it still runs, and two
    crawls of the same sites would race. (A document or judge task run twice writes the same.)"""
    mine = version_stamp()
    differ = [
        f"{name} {theirs.get(name)} (coordinator) vs {mine[name]} (this worker)"
        for name in mine
        if theirs.get(name) != mine[name]
    ]
    if differ:
        raise VersionMismatch(f"worker {os.uname().nodename}:{os.getpid()} refuses the task: " + "; ".join(differ))
    visibility = app.conf.broker_transport_options.get("visibility_timeout", 3600)
    if time_limit is not None and time_limit >= visibility:
        raise VersionMismatch(
            f"task time limit {time_limit:g} s is not below this worker's broker visibility timeout {visibility:g} s: "
            "Redis would hand the task to a second worker while it still runs (oit worker --visibility-timeout)"
        )


def stop_grace(site_time_limit: float) -> float:
    return min(STOP_GRACE, site_time_limit)


def crawl_time_limit(site_time_limit: float, sites: int) -> float:
    """The hard limit of a crawl batch: its sites one after the other at their limit, the crawl
    process's start, and its stop. Sites close themselves at their limit, so it is a backstop."""
    return site_time_limit * (sites + 1) + stop_grace(site_time_limit)


@app.task(name="distributed.tasks.crawl_batch", bind=True)
def crawl_batch(
    self: Any,
    stamp: dict[str, Any],
    db: str,
    run_id: int,
    batch: int,
    site_ids: list[str],
    crawl_args: list[str],
    focus_terms: list[str],
    site_time_limit: float,
) -> dict[str, Any]:
    from crawler.launch import CrawlJob, run_crawl
    from store.connection import db_ref

    check_stamp(stamp, crawl_time_limit(site_time_limit, len(site_ids)))
    job = CrawlJob(
        db_ref(db),
        run_id,
        1,
        WORKER_LOGS,
        (*crawl_args, "--site-time-limit", str(site_time_limit)),
        focus_terms=tuple(focus_terms),
        site_ids=tuple(site_ids),
        batch=batch,
    )
    outcome = run_crawl(job, time_limit=site_time_limit * (len(site_ids) + 1), stop_grace=stop_grace(site_time_limit))
    shard = outcome.shards[0]
    if shard.crashed:
        raise CrawlFailed(f"crawl batch {batch} of run {run_id}: {shard.describe()}")
    return {"batch": batch, "returncode": shard.returncode, "timed_out": outcome.timed_out, "log": str(shard.log)}


@app.task(name="distributed.tasks.read_document", bind=True)
def read_document(self: Any, stamp: dict[str, Any], db: str, run_id: int, content_hash: str) -> dict[str, Any]:
    from documents.process import process_run
    from store.db import Store

    check_stamp(stamp)
    with Store(db) as store:
        stats = process_run(store, run_id, workers=1, content_hash=content_hash)
    return {"documents": stats.documents, "parsed": stats.parsed, "ocr_pages": stats.ocr_pages}


@app.task(name="distributed.tasks.read_rest", bind=True)
def read_rest(self: Any, stamp: dict[str, Any], db: str, targets: list[tuple[int, str, str]]) -> dict[str, Any]:
    """The rest of one partly read scan (one content hash), for the records (run id, site id, URL)
    of ``targets`` still partly read (documents/ondemand.py); a second delivery finds none."""
    from documents.ondemand import partly_read, read_rest_of
    from store.db import Store

    check_stamp(stamp)
    with Store(db) as store:
        found = [(run_id, store.stored_document(run_id, site_id, url)) for run_id, site_id, url in targets]
        stats = read_rest_of(store, [(run_id, doc) for run_id, doc in found if doc is not None and partly_read(doc)], workers=1)
    return {"documents": stats.documents, "ocr_pages": stats.ocr_pages}


@app.task(name="distributed.tasks.judge_batch", bind=True)
def judge_batch(self: Any, stamp: dict[str, Any], db: str, run_id: int, site_ids: list[str], as_of: str) -> dict[str, Any]:
    """The batch's verdicts: per site ``[to_json(), to_brief()]`` (the brief keeps the findings'
    codes that the worded JSON does not), and the run's header."""
    from evaluate.stored import judge_stored_run
    from store.db import Store

    check_stamp(stamp)
    with Store(db) as store:
        result = judge_stored_run(store, run_id, as_of=dt.date.fromisoformat(as_of), allow_running=True, site_ids=site_ids)
    return {"run": replace(result, sites=[]).to_json()["run"], "sites": [[s.to_json(), s.to_brief()] for s in result.sites]}
