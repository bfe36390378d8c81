"""``oit run``, ``oit demo``, ``oit schedule`` and ``oit runs``."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from oit.errors import UserError
from oit.lifetime import stop_on_signals
from scheduler.config import ENGINES, load_config
from scheduler.history import format_runs, last_run_start, run_history
from scheduler.jobs import notify_run, reminder_job, scheduled_run, today
from scheduler.lock import current_holder, lock_path_for
from scheduler.pipeline import RunOutcome, RunRequest, RunStatus, run_once
from scheduler.publish import CURRENT
from scheduler.service import run_trigger, serve
from store.connection import db_exists, db_ref, describe_db

logger = logging.getLogger(__name__)

_EXIT_CODES = {RunStatus.COMPLETE: 0, RunStatus.PARTIAL: 0, RunStatus.INTERRUPTED: 1, RunStatus.FAILED: 1}


def register(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="crawl, evaluate, write and publish the reports once (the nightly job, now)")
    _config_option(run)
    run.add_argument(
        "--sites", type=Path, help="sites file, YAML or CSV (default: run.sites, else sites.yaml of the config folder)"
    )
    run.add_argument("--db", type=db_ref, help="the store, a SQLite file or a postgresql:// URL (default var/oit.sqlite)")
    run.add_argument("--ruleset", help="rule set name or YAML path (default from config)")
    run.add_argument("--as-of", type=_iso_date, help="judge as of this date, YYYY-MM-DD (default: today)")
    run.add_argument("--out", type=Path, help="output folder; reports appear under OUT/current (default var/reports)")
    run.add_argument("--formats", type=_formats, help="comma-separated report formats, e.g. html,docx,xlsx")
    run.add_argument("--time-limit", type=float, metavar="MINUTES", help="stop the crawl after this long")
    run.add_argument(
        "--engine",
        choices=ENGINES,
        help="embedded: every stage here (the default); celery: crawl, documents and judging on `oit worker`s",
    )
    run.add_argument("--broker", metavar="URL", help="Redis broker of the celery engine, redis://HOST:PORT/N")
    run.add_argument("--batch-size", type=int, metavar="N", help="sites per crawl and judge task (celery engine)")
    run.add_argument(
        "--site-time-limit", type=float, metavar="SECONDS", help="close a site still crawling after this long (celery engine)"
    )
    run.set_defaults(func=_run)

    demo = sub.add_parser("demo", help="serve the sample sites on loopback and run the whole job on them")
    demo.add_argument("--out", type=Path, default=Path("var/demo"), help="demo folder (default var/demo)")
    demo.add_argument("--formats", type=_formats, help="comma-separated report formats")
    demo.set_defaults(func=_demo)

    schedule = sub.add_parser("schedule", help="run the job on the schedule of config/schedule.yaml until stopped")
    _config_option(schedule)
    schedule.add_argument("--next", type=int, metavar="N", help="print the next N run times and exit")
    schedule.set_defaults(func=_schedule)

    runs = sub.add_parser("runs", help="show the run history")
    _config_option(runs)
    runs.add_argument("--db", type=db_ref, help="the store, a SQLite file or a postgresql:// URL (default from config)")
    runs.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
    runs.set_defaults(func=_runs)


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="schedule and run settings (default: schedule.yaml of the config folder)")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _formats(text: str) -> frozenset[str]:
    from reports.options import parse_formats

    try:
        return parse_formats(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _print_outcome(outcome: RunOutcome) -> int:
    print(f"run {outcome.run_id}: {outcome.status}")
    for error in outcome.errors:
        print(f"  {error}")
    if outcome.published:
        current = outcome.published.parent.parent / CURRENT
        print(f"reports: {current} -> {outcome.published}")
        if (current / "index.html").exists():
            print(f"open {current / 'index.html'}")
    return _EXIT_CODES[outcome.status]


def _run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    request = RunRequest.from_settings(
        config.run,
        as_of=args.as_of or today(config),
        kind="manual",
        sites=args.sites,
        db=args.db,
        ruleset=args.ruleset,
        out=args.out,
        formats=args.formats,
        crawl_time_limit=args.time_limit * 60 if args.time_limit else None,
        engine=args.engine,
        broker=args.broker,
        batch_size=args.batch_size,
        site_time_limit=args.site_time_limit,
    )
    if request.engine == "celery" and not request.broker:
        raise UserError("--engine celery needs --broker redis://HOST:PORT/N (or run.broker in the config)")
    if request.batch_size < 1 or request.site_time_limit <= 0:
        raise UserError("--batch-size and --site-time-limit must be positive")
    with stop_on_signals() as stop:
        outcome = run_once(request, stop=stop)
    notify_run(outcome, config.notify, request.out)
    return _print_outcome(outcome)


def _demo(args: argparse.Namespace) -> int:
    from scheduler.demo import run_demo

    with stop_on_signals() as stop:
        outcome = run_demo(args.out, formats=args.formats, stop=stop)
    return _print_outcome(outcome)


def _schedule(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if args.next:
        trigger = run_trigger(config)
        fire = dt.datetime.now(ZoneInfo(config.schedule.timezone))
        for _ in range(args.next):
            fire = trigger.get_next_fire_time(None, fire + dt.timedelta(seconds=1))
            print(fire.strftime("%a %Y-%m-%d %H:%M:%S %Z"))
        return 0
    return serve(
        config,
        run_job=lambda stop: scheduled_run(config, stop),
        reminder_job=lambda: reminder_job(config, today(config)),
        last_run_start=last_run_start(config.run.db),
    )


def _runs(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    db = args.db or config.run.db
    if not db_exists(db):
        raise UserError(f"no database at {describe_db(db)}: no run yet")
    print(format_runs(run_history(db, args.limit)))
    holder = current_holder(lock_path_for(db))
    if holder:
        print(f"\nin progress: {holder.describe()}")
    return 0
