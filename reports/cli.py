"""``oit report``: write gap reports, ITAS sheets and the overview from a run's results."""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import replace
from pathlib import Path

from evaluate.cli import parse_date
from evaluate.verdicts import RunResult
from oit.errors import UserError
from reports.history import History
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


def _results_from_store(args: argparse.Namespace):
    """Judge a stored run again (no network), as ``oit evaluate`` does; returns the result, a copy
    source for evidence pages, the run history and the site history (the published runs before it,
    from the store's verdicts, as ``oit run`` gives its reports)."""
    from evaluate.stored import judge_stored_run, open_store
    from reports.copies import store_copies
    from reports.history import HISTORY_RUNS, StoredHistory
    from reports.runs import RUN_HISTORY_ROWS
    from store.connection import db_ref

    store = open_store(db_ref(args.db))
    result = judge_stored_run(
        store, args.run, ruleset=args.ruleset, as_of=args.as_of, overrides_dir=args.overrides, allow_running=args.allow_running
    )
    history = StoredHistory(store, store.finished_runs(HISTORY_RUNS, before=result.run_id))
    return result, store_copies(store), store.runs(RUN_HISTORY_ROWS), history.for_site


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
    history: History = sorted((load_results(Path(p)) for p in args.history), key=lambda r: r.run_id)
    if args.results:
        result = load_results(Path(args.results))
    else:
        result, copies, runs, stored = _results_from_store(args)
        history = history or stored
    site_ids = {s.strip() for part in args.site for s in part.split(",") if s.strip()} or None
    try:
        written = write_reports(
            result, Path(args.out), formats, history=history, site_ids=site_ids, options=options, copies=copies, runs=runs
        )
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
    source.add_argument("--db", metavar="DB", help="the store (a SQLite file or a postgresql:// URL): judge a stored run again")
    parser.add_argument("--run", type=int, help="run id in --db (default: the last finished run)")
    parser.add_argument("--allow-running", action="store_true", help="judge --run even while it is still crawling")
    parser.add_argument("--ruleset", help="rule set for --db (default: the run's)")
    parser.add_argument("--as-of", type=parse_date, help="judgement date YYYY-MM-DD for --db (default: the run's)")
    parser.add_argument(
        "--overrides", type=Path, metavar="DIR", help="per-site overrides for --db (default: the overrides folder of the config)"
    )
    parser.add_argument("--site", action="append", default=[], metavar="ID", help="only this site (repeat or comma-separate)")
    parser.add_argument("--format", help="comma-separated: html,docx,xlsx,pdf,json,csv (default: formats of the config)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output directory")
    parser.add_argument(
        "--history",
        nargs="*",
        default=[],
        metavar="FILE",
        help="results.json of earlier runs (changes, timelines; with --db default: the store's)",
    )
    parser.add_argument("--digits", choices=["thai", "arabic"], help="digits in report texts (default: the config's)")
    parser.add_argument("--table-form", type=int, choices=[1, 2], help="measure table form of the seeds (default: the config's)")
    parser.add_argument("--config", help="report settings (default: reports.yaml of the config folder)")
    parser.set_defaults(func=_command)
