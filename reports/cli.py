"""``oit report``: write gap reports, ITAS sheets and the overview from a run's results."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from dataclasses import replace
from pathlib import Path

from evaluate.verdicts import RunResult
from oit.errors import UserError
from reports.options import load_options, parse_formats
from reports.render import write_reports

log = logging.getLogger(__name__)


def load_results(path: Path) -> RunResult:
    """A results.json written by an earlier run or ``oit report``."""
    try:
        return RunResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise UserError(f"{path}: file not found") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path}: not a results.json file ({exc})") from None


def _results_from_store(db: Path, run_id: int | None, ruleset: str | None, as_of: str | None,
                        allow_running: bool = False):
    """Judge a stored run again (no network); returns the result, a copy source for evidence pages
    and the run history. Without ``run_id``: the last run that finished (complete or partial); a run
    still crawling only when asked, since its scores would be those of half a crawl."""
    from evaluate.engine import evaluate_run
    from evaluate.ruleset import load_ruleset
    from reports.copies import store_copies
    from reports.runs import RUN_HISTORY_ROWS
    from store.db import Store

    if not db.exists():
        raise UserError(f"{db}: no such database")
    store = Store(db)
    store.mark_dead_runs_interrupted()
    run = store.run(run_id) if run_id is not None else store.last_finished_run()
    if run is None:
        raise UserError(f"{db}: no run {run_id}" if run_id is not None else f"{db}: no finished run yet (see oit runs)")
    if run.status == "running" and not allow_running:
        raise UserError(f"{db}: run {run.id} is still running ({run.sites_done} of {run.sites_total} sites crawled); "
                        "its scores would be wrong: wait for it, or add --allow-running")
    day = dt.date.fromisoformat(as_of or run.as_of or run.started_at[:10])
    result = evaluate_run(store, run.id, load_ruleset(ruleset or run.ruleset or None), day)
    return result, store_copies(store), store.runs(RUN_HISTORY_ROWS)


def _command(args: argparse.Namespace) -> int:
    options = load_options(args.config)
    try:
        formats = parse_formats(args.format) if args.format else options.formats
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.digits:
        options = options.with_digits(args.digits == "thai")
    if args.table_form:
        options = replace(options, table_form=args.table_form)
    copies = runs = None
    if args.results:
        result = load_results(Path(args.results))
    else:
        result, copies, runs = _results_from_store(Path(args.db), args.run, args.ruleset, args.as_of, args.allow_running)
    history = sorted((load_results(Path(p)) for p in args.history), key=lambda r: r.run_id)
    site_ids = {s.strip() for part in args.site for s in part.split(",") if s.strip()} or None
    try:
        written = write_reports(result, Path(args.out), formats, history=history, site_ids=site_ids, options=options, copies=copies,
                                runs=runs)
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    log.info("wrote %d files for %d site(s) to %s", len(written), len(site_ids or result.sites), args.out)
    print(Path(args.out) / ("index.html" if site_ids is None and "html" in formats else "results.json"))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="write gap reports (รายงานมาตรการ), ITAS answer sheets and the overview",
        description="Write per-site gap reports, ITAS answer sheets, evidence and history pages, and the "
        "overview of all sites, from a results.json or a stored run.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--results", metavar="FILE", help="results.json of a run")
    source.add_argument("--db", metavar="PATH", help="the store (SQLite): judge a stored run again")
    parser.add_argument("--run", type=int, help="run id in --db (default: the last finished run)")
    parser.add_argument("--allow-running", action="store_true", help="judge --run even while it is still crawling")
    parser.add_argument("--ruleset", help="rule set for --db (default: the run's)")
    parser.add_argument("--as-of", help="judgement date YYYY-MM-DD for --db (default: the run's)")
    parser.add_argument("--site", action="append", default=[], metavar="ID", help="only this site (repeat or comma-separate)")
    parser.add_argument("--format", help="comma-separated: html,docx,xlsx,pdf,json,csv (default: formats of the config)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output directory")
    parser.add_argument("--history", nargs="*", default=[], metavar="FILE", help="results.json of earlier runs (changes, timelines)")
    parser.add_argument("--digits", choices=["thai", "arabic"], help="digits in report texts (default: the config's)")
    parser.add_argument("--table-form", type=int, choices=[1, 2], help="measure table form of the seeds (default: the config's)")
    parser.add_argument("--config", help="report settings (default: reports.yaml of the config folder)")
    parser.set_defaults(func=_command)
