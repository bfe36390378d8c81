"""Judging a stored run: the one way every command does it (``oit evaluate``, ``oit report --db``,
the run's evaluate stage, ``oit rules explain``).

Which run (the last finished unless told; one still crawling only when asked), which rule set (the
run's unless told), which date (the run's unless told) and which per-site overrides (the config
folder's unless told) are decided here once, so the commands cannot disagree on a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from evaluate.engine import evaluate_run
from evaluate.rules import RuleSet
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import RunResult
from oit import overrides
from oit.errors import UserError

if TYPE_CHECKING:
    from store.connection import DbRef
    from store.db import RunInfo, Store


def open_store(db: DbRef) -> Store:
    """The store at ``db`` (a user error when there is none), with runs whose process died marked
    interrupted, so a killed run is never taken for one still crawling."""
    from store.connection import db_exists, describe_db
    from store.db import Store

    if not db_exists(db):
        raise UserError(f"{describe_db(db)}: no such database")
    store = Store(db)
    store.mark_dead_runs_interrupted()
    return store


def pick_run(store: Store, run_id: int | None = None, *, allow_running: bool = False) -> RunInfo:
    """Run ``run_id``, else the last run that finished (complete or partial). A run still crawling
    only with ``allow_running``: its scores would be those of half a crawl."""
    from store.connection import describe_db

    run = store.run(run_id) if run_id is not None else store.last_finished_run()
    if run is None:
        raise UserError(
            f"{describe_db(store.path)}: no run {run_id}"
            if run_id is not None
            else f"{describe_db(store.path)}: no finished run yet (see oit runs)"
        )
    if run.status == "running" and not allow_running:
        raise UserError(
            f"{describe_db(store.path)}: run {run.id} is still running ({run.sites_done} of {run.sites_total} sites crawled); "
            "its scores would be wrong: wait for it, or add --allow-running"
        )
    return run


def run_as_of(run: RunInfo, as_of: dt.date | None = None) -> dt.date:
    """The date a run is judged as of: the one given, else the run's own (its start day if none)."""
    return as_of or dt.date.fromisoformat(run.as_of or run.started_at[:10])


def run_ruleset(run: RunInfo, ruleset: RuleSet | str | None = None) -> RuleSet:
    """The rule set given (loaded or by name/path), else the run's, else the newest."""
    if isinstance(ruleset, RuleSet):
        return ruleset
    return load_ruleset(ruleset or run.ruleset or None)


def overrides_folder(folder: Path | None = None) -> Path | None:
    """The per-site overrides folder: the one given, else the config folder's; None when it does not exist."""
    folder = folder if folder is not None else overrides.DEFAULT_DIR
    return folder if folder.is_dir() else None


def judge_stored_run(
    store: Store,
    run_id: int | None = None,
    *,
    ruleset: RuleSet | str | None = None,
    as_of: dt.date | None = None,
    overrides_dir: Path | None = None,
    allow_running: bool = False,
    site_ids: Iterable[str] | None = None,
) -> RunResult:
    """Judge a stored run again (no network): ``site_ids`` limits it to those sites."""
    run = pick_run(store, run_id, allow_running=allow_running)
    return evaluate_run(
        store,
        run.id,
        run_ruleset(run, ruleset),
        run_as_of(run, as_of),
        overrides_dir=overrides_folder(overrides_dir),
        site_ids=site_ids,
    )
