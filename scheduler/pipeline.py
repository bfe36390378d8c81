"""The run job: crawl → documents → evaluate → reports → publish, under the run lock.

``oit run`` calls it once; ``oit schedule`` calls it on its schedule. Every outcome leaves the
database and the output folder consistent:

- complete: everything crawled, reports published;
- partial: the crawl hit its time limit and was stopped; what was crawled is evaluated (sites
  not reached keep their last known evidence) and published;
- failed: a crawl process crashed, a stage raised, or the health check found that our network
  was down (most sites unreachable, scheduler/health.py); nothing is published, the previous
  report set stays current;
- interrupted: the run was asked to stop (SIGTERM); crawl processes were stopped, nothing is
  published.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from collections.abc import Callable, Iterable
from contextlib import ExitStack, closing
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from crawler.launch import CrawlJob, CrawlOutcome, check_crawl_args, crawler_command, run_crawl, shard_count
from evaluate.verdicts import RunResult, SiteResult
from oit.lifetime import remove_dead_temp_dirs
from reports.history import HISTORY_RUNS, StoredHistory
from scheduler.config import HealthSettings, RunSettings
from scheduler.health import network_down
from scheduler.lock import RunLock, lock_path_for, out_lock_path, stop_leftovers
from scheduler.publish import (
    CURRENT,
    RUNS,
    current_run,
    discard_staging,
    place,
    prune_published,
    published_runs,
    staging_dir,
    switch_current,
)
from store.connection import DbRef, db_folder
from store.db import RunInfo
from store.records import SiteStatus

logger = logging.getLogger(__name__)


class RunStatus(StrEnum):
    """The run statuses of the store's ``runs`` table."""

    RUNNING = "running"
    COMPLETE = "complete"
    PARTIAL = "partial"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class RunRequest:
    """One run, fully specified: settings from config/schedule.yaml with command-line overrides."""

    sites: Path
    db: DbRef
    out: Path
    logs: Path | None  # None: a logs folder beside the database (see store.connection.db_folder)
    ruleset: str
    as_of: dt.date
    formats: frozenset[str] = frozenset()  # empty: the formats of config/reports.yaml
    kind: str = "manual"  # manual | scheduled | demo, recorded with the run
    crawl_processes: int = 0
    crawl_time_limit: float = 300 * 60.0  # seconds
    stop_grace: float = 60.0
    keep_runs: int = 14
    crawl_args: tuple[str, ...] = ()  # extra crawler options: --settings FILE, the demo's --no-politeness
    health: HealthSettings = HealthSettings()
    # embedded: every stage on this machine; celery: crawl, documents and judging on the workers of
    # ``broker`` (distributed/coordinator.py), in batches of ``batch_size`` sites of at most
    # ``site_time_limit`` seconds each
    engine: str = "embedded"
    broker: str = ""
    batch_size: int = 10
    site_time_limit: float = 600.0

    @property
    def log_dir(self) -> Path:
        return self.logs or db_folder(self.db) / "logs"

    @classmethod
    def from_settings(cls, run: RunSettings, *, as_of: dt.date, kind: str, **overrides: Any) -> RunRequest:
        request = cls(
            sites=run.sites,
            db=run.db,
            out=run.out,
            logs=run.logs,
            ruleset=run.ruleset,
            as_of=as_of,
            formats=frozenset(run.formats),
            kind=kind,
            crawl_processes=run.crawl_processes,
            crawl_time_limit=run.crawl_time_limit_minutes * 60,
            stop_grace=run.stop_grace_seconds,
            keep_runs=run.keep_runs,
            health=run.health,
            crawl_args=("--settings", str(run.crawl_settings)) if run.crawl_settings else (),
            engine=run.engine,
            broker=run.broker,
            batch_size=run.batch_size,
            site_time_limit=run.site_time_limit_seconds,
        )
        return replace(request, **{k: v for k, v in overrides.items() if v is not None})


@dataclass
class RunOutcome:
    run_id: int
    status: RunStatus
    published: Path | None = None
    result: RunResult | None = None
    previous: RunResult | None = None  # the previously published run, for "what changed"
    errors: list[str] = field(default_factory=list)
    recorded: bool = False  # its final status is in the store


@dataclass(frozen=True)
class Stages:
    """The other stages, called only through their public interfaces (fakes in unit tests)."""

    open_store: Callable[[DbRef], Any]
    load_sites: Callable[[Path], list]
    load_ruleset: Callable[[str | None], Any]  # returns a rule set with a ``name``
    crawl_command: Callable[[CrawlJob, int], list[str]]
    process_documents: Callable[[Any, int], Any]
    evaluate_run: Callable[..., RunResult]  # (store, run id, rule set, as of[, site ids])
    write_reports: Callable[[Any, RunResult, Path, frozenset[str], Callable[[str], list[RunResult]]], list[Path]]
    # Reads every other input the stages will read (crawl settings, overrides, report settings).
    check_inputs: Callable[[RunRequest, Any], None] = lambda request, ruleset: None
    focus_terms: Callable[[], tuple[str, ...]] = lambda: ()  # what the crawl fetches first (the rule sets')
    # OCRs the rest of partly read scans that items lacking elements cite; the sites to judge again.
    read_on_demand: Callable[[Any, RunResult], set[str]] = lambda store, result: set()
    run_crawl: Callable[..., CrawlOutcome] = run_crawl  # crawler.launch.run_crawl's signature
    # The id of an interrupted run to take up again instead of beginning one (the distributed engine's).
    resume_run: Callable[[Any, RunRequest, Any], int | None] = lambda store, request, ruleset: None


def default_stages() -> Stages:
    from crawler.sites import load_sites
    from documents.ondemand import read_rest
    from documents.process import process_run
    from evaluate.ruleset import focus_terms, load_ruleset
    from evaluate.stored import judge_stored_run
    from oit.overrides import DEFAULT_DIR as OVERRIDES_DIR
    from oit.overrides import check_overrides
    from reports.copies import store_copies
    from reports.options import load_options
    from reports.render import write_reports
    from reports.runs import RUN_HISTORY_ROWS
    from store.db import Store

    def reports(
        store: Store, result: RunResult, out: Path, formats: frozenset[str], history: Callable[[str], list[RunResult]]
    ) -> list[Path]:
        options = load_options()
        # This run is still "running" in the store: give its row the counts it will finish with.
        current = run_stats(store, RunOutcome(result.run_id, RunStatus.RUNNING))
        runs = [replace(run, stats=current) if run.id == result.run_id else run for run in store.runs(RUN_HISTORY_ROWS)]
        return write_reports(
            result, out, formats or options.formats, history=history, options=options, copies=store_copies(store), runs=runs
        )

    def check_inputs(request: RunRequest, ruleset: Any) -> None:
        check_crawl_args(request.crawl_args)
        check_overrides(OVERRIDES_DIR, set(ruleset.library))
        load_options()

    def evaluate(store: Store, run_id: int, ruleset: Any, as_of: dt.date, site_ids: set[str] | None = None) -> RunResult:
        # the run judges itself while it is still "running": it is recorded as finished after publishing
        return judge_stored_run(store, run_id, ruleset=ruleset, as_of=as_of, allow_running=True, site_ids=site_ids)

    return Stages(
        open_store=Store,
        load_sites=load_sites,
        load_ruleset=load_ruleset,
        crawl_command=crawler_command,
        process_documents=lambda store, run_id: process_run(store, run_id, workers=2),
        evaluate_run=evaluate,
        write_reports=reports,
        check_inputs=check_inputs,
        focus_terms=focus_terms,
        read_on_demand=lambda store, result: read_rest(store, result, workers=2).sites,
    )


def run_once(request: RunRequest, *, stop: threading.Event | None = None, stages: Stages | None = None) -> RunOutcome:
    """Run the whole job once. Raises LockBusy when another run holds the lock."""
    stop = stop or threading.Event()
    if stages is None:
        stages = default_stages()
        if request.engine == "celery":
            from distributed.coordinator import celery_stages  # imports Celery: the embedded engine never does

            stages = celery_stages(stages, request, stop)
    # Bad inputs fail here, before the lock and long before a night's crawl is wasted.
    sites = stages.load_sites(request.sites)
    ruleset = stages.load_ruleset(request.ruleset or None)
    stages.check_inputs(request, ruleset)
    command = f"oit {request.kind} run"
    with ExitStack() as stack:
        lock = stack.enter_context(RunLock(lock_path_for(request.db), command=command))
        out_lock = stack.enter_context(RunLock(out_lock_path(request.out), command=command))
        _clean_up_after_a_killed_run(lock)
        discard_staging(request.out)
        store = stack.enter_context(closing(stages.open_store(request.db)))
        finish_publishing(store, request.out)
        run_id = stages.resume_run(store, request, ruleset)
        if run_id is not None:
            store.reopen_run(run_id)
            logger.info("run %d: resumed", run_id)
        else:
            run_id = store.begin_run(request.kind, ruleset=ruleset.name, as_of=request.as_of.isoformat())
        for held in (lock, out_lock):
            held.set_run(run_id)
        store.register_sites(run_id, sites)  # the run lists every site even if a crawl process dies early
        logger.info(
            "run %d started (%s, %d sites, rule set %s, as of %s)", run_id, request.kind, len(sites), ruleset.name, request.as_of
        )
        outcome = RunOutcome(run_id, RunStatus.RUNNING)
        try:
            _execute(request, store, len(sites), ruleset, stop, stages, outcome, lock)
        except BaseException as exc:
            outcome.errors.append(f"{type(exc).__name__}: {exc}")
            if not outcome.recorded:
                outcome.status = RunStatus.FAILED
                discard_staging(request.out)  # a half-written set is never published
            raise
        finally:
            if not outcome.recorded:
                _record(store, outcome)
            logger.log(
                logging.ERROR if outcome.status is RunStatus.FAILED else logging.INFO,
                "run %d finished: %s%s",
                run_id,
                outcome.status,
                f" ({'; '.join(outcome.errors)})" if outcome.errors else "",
            )
    return outcome


def _clean_up_after_a_killed_run(lock: RunLock) -> None:
    """What a run killed outright (kill -9, power cut) left: its crawl processes, if any outlived it
    (they die with their parent on Linux), and its temporary folders. The store marks its run
    interrupted (its owner pid is gone)."""
    if lock.stale is not None:
        logger.warning("the previous run holder died: %s", lock.stale.describe())
        for pid in stop_leftovers(lock.stale):
            logger.warning("stopped crawl process %d left by run %s", pid, lock.stale.run_id)
    for path in remove_dead_temp_dirs():
        logger.info("removed %s, left by a process that is gone", path)


def _record(store: Any, outcome: RunOutcome) -> None:
    store.finish_run(outcome.run_id, outcome.status.value, run_stats(store, outcome))
    outcome.recorded = True


def finish_publishing(store: Any, out: Path) -> None:
    """Finish what a run killed while publishing left. Recorded as published but ``current`` not
    switched yet: its set is complete under ``runs/``, so ``current`` moves on. Moved under ``runs/``
    but never recorded (the run says interrupted): the set goes."""
    store.mark_dead_runs_interrupted()  # under the lock: a run still "running" is one that was killed
    run = store.last_finished_run()
    current = current_run(out)
    if run is not None and run.stats.get("published") and (current is None or current < run.id):
        final = out / RUNS / str(run.id)
        if final.is_dir() and Path(run.stats["published"]).resolve() == final.resolve():
            switch_current(out, run.id)
            logger.warning("run %d was published but %s still showed run %s: switched", run.id, out / CURRENT, current)
            current = run.id
    for run_id in published_runs(out):
        unrecorded = store.run(run_id)
        if run_id > (current or 0) and unrecorded is not None and unrecorded.status in ("failed", "interrupted"):
            shutil.rmtree(out / RUNS / str(run_id))
            logger.warning(
                "removed %s: run %d was %s before it was published", out / RUNS / str(run_id), run_id, unrecorded.status
            )


def _execute(
    request: RunRequest,
    store: Any,
    site_count: int,
    ruleset: Any,
    stop: threading.Event,
    stages: Stages,
    outcome: RunOutcome,
    lock: RunLock,
) -> None:
    shards = shard_count(request.crawl_processes, site_count)
    job = CrawlJob(request.db, outcome.run_id, shards, request.log_dir, request.crawl_args, focus_terms=stages.focus_terms())
    crawl = stages.run_crawl(
        job,
        time_limit=request.crawl_time_limit,
        stop=stop,
        stop_grace=request.stop_grace,
        command=stages.crawl_command,
        started=lock.set_children,
    )
    if _stopped(crawl, stop, outcome) or _crashed(crawl, outcome) or _network_down(store, request.health, outcome):
        return
    stages.process_documents(store, outcome.run_id)
    if _stopped(crawl, stop, outcome):
        return
    outcome.result = stages.evaluate_run(store, outcome.run_id, ruleset, request.as_of)
    again = set() if stop.is_set() else stages.read_on_demand(store, outcome.result)
    if again:
        outcome.result = _replace_sites(outcome.result, stages.evaluate_run(store, outcome.run_id, ruleset, request.as_of, again))
    if _stopped(crawl, stop, outcome):  # stages that wait on other machines return early when asked to stop
        return
    store.save_verdicts(outcome.run_id, ((site.id, site.to_brief()) for site in outcome.result.sites))
    history = StoredHistory(store, store.finished_runs(HISTORY_RUNS, before=outcome.run_id))
    outcome.previous = history.latest()
    staging = staging_dir(request.out, outcome.run_id)
    stages.write_reports(store, outcome.result, staging, request.formats, history.for_site)
    if _stopped(crawl, stop, outcome):
        discard_staging(request.out)
        return
    # Recorded as finished before readers see the set: killed in between, the next run finishes
    # the switch (finish_publishing); never a current set whose run says "interrupted".
    outcome.published = place(request.out, staging, outcome.run_id)
    outcome.status = RunStatus.PARTIAL if crawl.timed_out else RunStatus.COMPLETE
    if crawl.timed_out:
        limit = dt.timedelta(seconds=round(request.crawl_time_limit))
        outcome.errors.append(f"crawl stopped at the time limit ({limit}); sites not finished keep their last known evidence")
    _record(store, outcome)
    switch_current(request.out, outcome.run_id)
    for path in prune_published(request.out, request.keep_runs):
        logger.info("retention: removed %s", path)
    kept = verdict_pages(store, store.finished_runs(request.keep_runs))
    pruned = store.prune(request.keep_runs, kept)
    logger.info(
        "retention: %d runs, %d pages, %d documents and %d bodies removed from the store; %d verdict records kept",
        pruned.runs_deleted,
        pruned.pages_deleted,
        pruned.documents_deleted,
        pruned.blobs_deleted,
        pruned.records_kept,
    )


def _replace_sites(result: RunResult, again: RunResult) -> RunResult:
    """The run's verdicts with the sites judged again in their place."""
    fresh = {site.id: site for site in again.sites}
    return replace(result, sites=[fresh.get(site.id, site) for site in result.sites])


def verdict_pages(store: Any, runs: Iterable[RunInfo]) -> set[tuple[int, str]]:
    """(run id, URL) of every page or document a published verdict cites: the store keeps them."""
    pages: set[tuple[int, str]] = set()
    for run in runs:
        for site_id, brief in store.run_verdicts(run.id):
            site = SiteResult.from_brief(site_id, brief)
            pages.update((site.evidence_from_run or run.id, e.url) for item in site.items for e in item.evidence)
    return pages


def _stopped(crawl: CrawlOutcome, stop: threading.Event, outcome: RunOutcome) -> bool:
    if crawl.interrupted or stop.is_set():
        outcome.status = RunStatus.INTERRUPTED
        outcome.errors.append("stopped on request (SIGTERM/SIGINT); nothing published")
        return True
    return False


def _crashed(crawl: CrawlOutcome, outcome: RunOutcome) -> bool:
    if not crawl.crashed:
        return False
    outcome.status = RunStatus.FAILED
    outcome.errors += [s.describe() for s in crawl.crashed]
    outcome.errors.append("nothing published; the previous reports stay current")
    return True


def _network_down(store: Any, health: HealthSettings, outcome: RunOutcome) -> bool:
    reason = network_down(store.crawl_outcomes(outcome.run_id), health)
    if reason is None:
        return False
    outcome.status = RunStatus.FAILED
    outcome.errors += [reason, "nothing published; the previous reports stay current"]
    return True


def run_stats(store: Any, outcome: RunOutcome) -> dict[str, Any]:
    """What the run history shows besides start, end and status."""
    counts = store.site_status_counts(outcome.run_id)
    progress = store.progress(outcome.run_id)
    pending = counts.pop(SiteStatus.PENDING.value, 0)  # not crawled: the run stopped before them
    by_outcome = {"ok": 0, "unreachable": 0, "blocked": 0}
    for status, count in counts.items():
        by_outcome[SiteStatus(status).report_status] += count
    return {
        "sites_ok": by_outcome["ok"],
        "sites_unreachable": by_outcome["unreachable"],
        "sites_blocked": by_outcome["blocked"],
        "sites_pending": pending,
        "pages": progress["pages"],
        "documents": progress["documents"],
        "fetch": asdict(store.fetch_totals(outcome.run_id)),
        "errors": outcome.errors,
        "published": str(outcome.published) if outcome.published else "",
    }
