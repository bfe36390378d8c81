"""``oit run --engine celery``: the run's crawl, documents and judging enqueued as tasks for the
``oit worker``s of a Redis broker, and waited for; the rest of the run (lock, health check,
reports, publishing, retention) is scheduler/pipeline.py's, unchanged.

The engine is injected through the pipeline's ``Stages``: crawl batches replace the crawl
processes, one task per distinct pending document replaces the documents stage, judge batches
replace the evaluation, one task per partly read scan replaces the on-demand reads. Every task the
run enqueues is recorded in the store (``run_tasks``): a coordinator killed mid-run and started
again takes the same run up (it is interrupted in the store, with the same date and rule set),
waits for the tasks still queued or running, and enqueues only the units that are missing. While
it waits it logs the sites crawled, the tasks done and the workers alive every few seconds;
SIGTERM or the crawl's time limit revoke what has not finished.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from celery import Celery

from crawler.launch import CrawlJob, CrawlOutcome
from distributed.app import configure
from distributed.tasks import (
    DOCUMENT_TIME_LIMIT,
    crawl_batch,
    crawl_time_limit,
    judge_batch,
    read_document,
    read_rest,
    version_stamp,
)
from evaluate.verdicts import RunResult, SiteResult
from scheduler.pipeline import RunRequest, Stages

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
POLLS_A_SECOND = 20_000  # task states read a second at most: a national stage has ~10^5 documents
PROGRESS_SECONDS = 5.0
JUDGE_TIME_LIMIT = 600.0  # seconds for one batch of sites judged
RECORD_CHUNK = 1000  # task ids recorded in one transaction, states read in one round trip
# The states of a task that has not finished: queued (or unknown to the backend), taken, running.
UNFINISHED = {"PENDING", "RECEIVED", "STARTED", "RETRY"}


class TaskFailed(Exception):
    """A task of the run failed on a worker (its error, e.g. a version mismatch, is the message)."""


def celery_stages(base: Stages, request: RunRequest, stop: threading.Event) -> Stages:
    coordinator = Coordinator(configure(request.broker), request, stop)
    return dataclasses.replace(
        base,
        run_crawl=coordinator.crawl,
        process_documents=coordinator.read_documents,
        evaluate_run=coordinator.judge,
        read_on_demand=coordinator.read_on_demand,
        resume_run=resumable_run,
    )


def resumable_run(store: Any, request: RunRequest, ruleset: Any) -> int | None:
    """The newest run, if it was interrupted after enqueuing tasks and judges the same date by the
    same rule set: a coordinator killed (or stopped) mid-run, started again."""
    runs = store.runs(1)
    if not runs:
        return None
    run = runs[0]
    same = run.as_of == request.as_of.isoformat() and run.ruleset == ruleset.name
    return run.id if run.status == "interrupted" and same and store.run_tasks(run.id) else None


def describe_error(result: Any) -> str:
    """A failed task's exception as the result backend keeps it: its type and message."""
    if isinstance(result, dict) and "exc_type" in result:
        message = result.get("exc_message") or ()
        return f"{result['exc_type']}: {' '.join(map(str, message)) if isinstance(message, list | tuple) else message}"
    return repr(result)


def batches(items: list[str], size: int) -> Iterator[tuple[int, list[str]]]:
    for start in range(0, len(items), size):
        yield start // size, items[start : start + size]


class Coordinator:
    def __init__(self, app: Celery, request: RunRequest, stop: threading.Event):
        self.app = app
        self.request = request
        self.stop = stop
        self.stamp = version_stamp()
        self._next_progress = 0.0

    # -- the stages ---------------------------------------------------------------------------

    def crawl(self, job: CrawlJob, *, time_limit: float = math.inf, **_: Any) -> CrawlOutcome:
        """Every site of the run not complete yet, in batches: one crawl task each."""
        from store.db import Store

        with Store(job.db) as store:
            sites = [site.id for site in store.run_sites(job.run_id)]
            complete = store.completed_site_ids(job.run_id)
            units = {}
            size = self.request.batch_size
            for n, batch in batches(sites, size):
                todo = [site for site in batch if site not in complete]
                if todo:
                    kwargs = dict(
                        stamp=self.stamp,
                        db=str(job.db),
                        run_id=job.run_id,
                        batch=n,
                        site_ids=todo,
                        crawl_args=list(job.extra_args),
                        focus_terms=list(job.focus_terms),
                        site_time_limit=self.request.site_time_limit,
                    )
                    units[f"crawl:{n}"] = (crawl_batch, kwargs, crawl_time_limit(self.request.site_time_limit, len(todo)))
            tasks = self._submit(store, job.run_id, units)
            logger.info(
                "run %d: %d sites to crawl (%d complete) in %d tasks",
                job.run_id,
                len(sites) - len(complete),
                len(complete),
                len(tasks),
            )

            def progress() -> str:
                return f"{len(store.completed_site_ids(job.run_id))}/{len(sites)} sites crawled"

            outcome = CrawlOutcome()
            try:
                done = self._wait(job.run_id, tasks, progress, deadline=time.monotonic() + time_limit)
                outcome.interrupted = self.stop.is_set()
                # a batch stopped at its own limit (its sites' limits should come first) leaves sites
                # uncrawled, as the run's limit does: the run is partial
                stopped = sorted(unit for unit, result in done.items() if result["timed_out"])
                if stopped:
                    logger.warning(
                        "run %d: stopped at their time limit, sites left uncrawled: %s", job.run_id, ", ".join(stopped)
                    )
                    outcome.timed_out = True
            except TimeoutError:
                outcome.timed_out = True
                logger.warning(
                    "run %d: crawl time limit of %s reached, crawl tasks revoked",
                    job.run_id,
                    dt.timedelta(seconds=round(time_limit)),
                )
        return outcome

    def read_documents(self, store: Any, run_id: int) -> None:
        """One task per distinct content hash of the run's pending documents."""
        hashes = sorted({record.content_hash for _, record in store.pending_documents(run_id) if record.content_hash})
        document = dict(stamp=self.stamp, db=str(self.request.db), run_id=run_id)
        tasks = self._submit(
            store,
            run_id,
            {f"document:{h}": (read_document, {**document, "content_hash": h}, DOCUMENT_TIME_LIMIT) for h in hashes},
        )
        logger.info("run %d: %d distinct documents to read", run_id, len(tasks))
        self._wait(run_id, tasks, lambda: "")

    def read_on_demand(self, store: Any, result: RunResult) -> set[str]:
        """The rest of the partly read scans that items lacking elements cite, one task per content
        hash; the sites whose documents gained pages (judged again), read from the store, so a task
        delivered twice cannot hide one."""
        from documents.ondemand import gained_pages, lacking_documents

        wanted = lacking_documents(store, result)
        by_hash: dict[str, list[list[Any]]] = {}
        for run_id, document in wanted:
            by_hash.setdefault(document.content_hash, []).append([run_id, document.site_id, document.url])
        db = str(self.request.db)
        tasks = self._submit(
            store,
            result.run_id,
            {
                f"rest:{h}": (read_rest, dict(stamp=self.stamp, db=db, targets=targets), DOCUMENT_TIME_LIMIT)
                for h, targets in by_hash.items()
            },
        )
        logger.info("run %d: rest of %d partly read scans to read", result.run_id, len(tasks))
        self._wait(result.run_id, tasks, lambda: "")
        if self.stop.is_set():  # the pipeline records the run interrupted
            return set()
        again = set()
        for run_id, before in wanted:
            after = store.stored_document(run_id, before.site_id, before.url)
            if after is not None and gained_pages(before, after.status, after.pages_read):
                again.add(before.site_id)
        return again

    def judge(self, store: Any, run_id: int, ruleset: Any, as_of: dt.date, site_ids: Iterable[str] | None = None) -> RunResult:
        """The run's sites (or ``site_ids``) judged in batches; the result in site id order, as the
        embedded evaluation has it. Judging reads only: never recorded, always judged afresh."""
        wanted = sorted(site_ids if site_ids is not None else (site.id for site in store.run_sites(run_id)))
        judge = dict(stamp=self.stamp, db=str(self.request.db), run_id=run_id, as_of=as_of.isoformat())
        tasks = {
            f"judge:{n}": judge_batch.apply_async(kwargs={**judge, "site_ids": batch}, time_limit=JUDGE_TIME_LIMIT).id
            for n, batch in batches(wanted, self.request.batch_size)
        }
        done = self._wait(run_id, tasks, lambda: "")
        if self.stop.is_set():  # the pipeline records the run interrupted
            return RunResult(run_id, as_of.isoformat(), ruleset.name)
        header: dict[str, Any] = {}
        sites = []
        for n in range(len(tasks)):
            part = done[f"judge:{n}"]
            header = part["run"]
            sites += [SiteResult.from_json(site, brief) for site, brief in part["sites"]]
        result = (
            RunResult.from_json({"run": header, "sites": []}) if header else RunResult(run_id, as_of.isoformat(), ruleset.name)
        )
        result.sites = sites
        return result

    # -- tasks ---------------------------------------------------------------------------------

    def _submit(self, store: Any, run_id: int, units: dict[str, tuple[Any, dict[str, Any], float]]) -> dict[str, str]:
        """Unit -> task id, for units given as (task, arguments, hard time limit): the task a
        previous coordinator of this run enqueued if it has not finished or has succeeded, else a
        new one, recorded in the store (in chunks: one transaction per task would cost more than
        the task; a coordinator killed between sending and recording enqueues those again, which
        their idempotence allows)."""
        recorded = store.run_tasks(run_id)
        states = self._states([recorded[unit] for unit in units if unit in recorded])
        tasks: dict[str, str] = {}
        new: dict[str, str] = {}
        for unit, (task, kwargs, time_limit) in units.items():
            previous = recorded.get(unit)
            if previous is not None and states[previous][0] in UNFINISHED | {"SUCCESS"}:
                tasks[unit] = previous
                continue
            tasks[unit] = new[unit] = task.apply_async(kwargs=kwargs, time_limit=time_limit).id
            if len(new) >= RECORD_CHUNK:
                store.record_tasks(run_id, new)
                new = {}
        if new:
            store.record_tasks(run_id, new)
        return tasks

    def _states(self, task_ids: list[str]) -> dict[str, tuple[str, Any]]:
        """(state, result) of each task, read from the Redis result backend many at a time (a
        national run has a task per document: one round trip each would be the bottleneck)."""
        backend = self.app.backend
        states: dict[str, tuple[str, Any]] = {}
        for start in range(0, len(task_ids), RECORD_CHUNK):
            chunk = task_ids[start : start + RECORD_CHUNK]
            for task_id, raw in zip(chunk, backend.client.mget([backend.get_key_for_task(t) for t in chunk]), strict=True):
                meta: dict[str, Any] = backend.decode_result(raw) if raw else {"status": "PENDING", "result": None}
                states[task_id] = (meta["status"], meta["result"])
        return states

    def _wait(
        self, run_id: int, tasks: dict[str, str], progress: Callable[[], str], deadline: float = math.inf
    ) -> dict[str, Any]:
        """Each task's result once all succeeded. A failed task fails the run (its error in the
        message); a stop request (the results so far returned) or the deadline (TimeoutError)
        revokes what has not finished."""
        done: dict[str, Any] = {}
        kind = next(iter(tasks), ":").split(":")[0]
        while True:
            waiting = {unit: task_id for unit, task_id in tasks.items() if unit not in done}
            states = self._states(list(waiting.values()))
            for unit, task_id in waiting.items():
                state, result = states[task_id]
                if state == "SUCCESS":
                    done[unit] = result
                elif state not in UNFINISHED:
                    self._revoke(tasks, done)
                    raise TaskFailed(f"run {run_id}: task {unit} {state.lower()}: {describe_error(result)}")
            if len(done) == len(tasks):
                return done
            if self.stop.is_set():
                logger.warning("run %d: stop requested: %d %s tasks revoked", run_id, len(tasks) - len(done), kind)
                self._revoke(tasks, done)
                return done
            if time.monotonic() >= deadline:
                self._revoke(tasks, done)
                raise TimeoutError
            if time.monotonic() >= self._next_progress:
                self._next_progress = time.monotonic() + PROGRESS_SECONDS
                detail = progress()
                logger.info(
                    "run %d: %s tasks %d/%d done%s; workers alive: %s",
                    run_id,
                    kind,
                    len(done),
                    len(tasks),
                    f", {detail}" if detail else "",
                    self.workers_alive(),
                )
            # stop.wait, not sleep: a stop request is acted on at once, however long the pause
            self.stop.wait(POLL_SECONDS + len(waiting) / POLLS_A_SECOND)

    def _revoke(self, tasks: dict[str, str], done: dict[str, Any]) -> None:
        unfinished = [task_id for unit, task_id in tasks.items() if unit not in done]
        if unfinished:
            self.app.control.revoke(unfinished, terminate=True, signal="SIGTERM")

    def workers_alive(self) -> int:
        return len(self.app.control.inspect(timeout=1.0).ping() or {})
