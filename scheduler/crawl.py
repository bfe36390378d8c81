"""``oit crawl --sites FILE --db PATH``: begin a run, crawl every site, finish the run, summarise.

Here, above the crawler, because it takes the focused order's terms from the rule sets, as
``oit run`` does; it starts and stops the crawl processes through the one launcher
(crawler/launch.py). SIGTERM or Ctrl-C stops the shards gracefully and marks the run interrupted.
"""

from __future__ import annotations

import argparse
import sys

from crawler.launch import CrawlJob, run_crawl
from crawler.progress import Progress
from crawler.settings import load_config
from crawler.sites import load_sites
from evaluate.ruleset import focus_terms
from oit.errors import UserError
from oit.lifetime import stop_on_signals
from oit.paths import config_dir
from store.connection import db_folder, db_ref
from store.db import Store

DEFAULT_DB = "var/oit.sqlite"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("crawl", help="crawl the sites into a new run of the store")
    parser.add_argument(
        "--sites", default=str(config_dir() / "sites.yaml"), help="sites file, YAML or CSV (default: %(default)s)"
    )
    parser.add_argument(
        "--db", type=db_ref, default=DEFAULT_DB, help="the store, a SQLite file or a postgresql:// URL (default: %(default)s)"
    )
    parser.add_argument("--processes", type=int, default=1, help="crawl processes, one per core (default: 1)")
    parser.add_argument("--budget", type=int, help="pages per site (default: from the settings file)")
    parser.add_argument("--settings", help="crawl settings YAML (default: crawl.yaml of the config folder)")
    parser.add_argument("--no-politeness", action="store_true", help="no delays: only for your own test servers")
    parser.add_argument("--plain-order", action="store_true", help="breadth-first only (no focused order)")
    parser.add_argument("--resume", type=int, metavar="RUN_ID", help="finish an interrupted run instead of a new one")
    parser.set_defaults(func=crawl_command)


def crawl_command(args: argparse.Namespace) -> int:
    sites = load_sites(args.sites)  # validate before starting anything
    load_config(args.settings)
    if args.processes < 1:
        raise UserError("--processes must be at least 1")
    extra = [flag for flag, on in (("--no-politeness", args.no_politeness), ("--plain-order", args.plain_order)) if on]
    extra += ["--budget", str(args.budget)] if args.budget else []
    extra += ["--settings", args.settings] if args.settings else []
    with Store(args.db) as store:
        run_id = _open_run(store, args.resume)
        store.register_sites(run_id, sites)
        progress = Progress()
        log_dir = db_folder(args.db).resolve() / "logs" if progress.tty else None
        job = CrawlJob(args.db, run_id, args.processes, log_dir, tuple(extra), focus_terms=focus_terms())

        def draw(final: bool = False) -> None:
            counts = store.progress(run_id)
            progress.update(counts["done"], counts["sites"], counts["failed"], counts["pages"], final=final)

        print(f"run {run_id}: crawling {len(sites)} sites with {args.processes} process(es)", file=sys.stderr)
        with stop_on_signals() as stop:
            outcome = run_crawl(job, stop=stop, poll=draw, poll_seconds=0.5)
        draw(final=True)
        if outcome.interrupted:
            store.finish_run(run_id, "interrupted", store.progress(run_id))
            print(f"run {run_id} interrupted; resume with: oit crawl --resume {run_id}", file=sys.stderr)
            return 130
        counts = store.progress(run_id)
        status = "complete" if counts["done"] == counts["sites"] else ("failed" if not counts["done"] else "partial")
        store.finish_run(run_id, status, {**counts, "exit_codes": outcome.returncodes})
        print(summary(store, run_id, status))
    return 0 if status == "complete" else 1


def _open_run(store: Store, resume: int | None) -> int:
    if resume is None:
        return store.begin_run("crawl")
    store.mark_dead_runs_interrupted()
    info = store.run(resume)
    if info is None:
        raise UserError(f"no run {resume} in this database")
    if info.status in ("complete", "running"):
        raise UserError(f"run {resume} is {info.status}: nothing to resume")
    store.reopen_run(resume)
    return resume


def summary(store: Store, run_id: int, status: str) -> str:
    counts = store.progress(run_id)
    by_status = ", ".join(f"{name} {n}" for name, n in sorted(store.site_status_counts(run_id).items()))
    return f"run {run_id} {status}: {counts['done']}/{counts['sites']} sites ({by_status}), {counts['pages']} pages"
