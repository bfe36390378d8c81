"""The run history: ``oit runs`` and the last run time the service needs at start-up."""

from __future__ import annotations

import datetime as dt

from store.connection import DbRef, db_exists
from store.db import RunInfo, Store

_COLUMNS = (
    "run",
    "kind",
    "started (UTC)",
    "finished",
    "status",
    "ok",
    "unreach.",
    "blocked",
    "pending",
    "pages",
    "docs",
    "no answer",
    "errors",
)


def run_history(db: DbRef, limit: int) -> list[RunInfo]:
    with Store(db) as store:
        return store.runs(limit)


def last_run_start(db: DbRef) -> dt.datetime | None:
    """When the latest run of any kind started: a scheduled time before it counts as done."""
    if not db_exists(db):
        return None
    runs = run_history(db, 1)
    return dt.datetime.fromisoformat(runs[0].started_at) if runs else None


def _short_time(iso: str | None) -> str:
    return iso.replace("T", " ")[:19] if iso else "-"


def _row(run: RunInfo) -> tuple[str, ...]:
    stats = run.stats
    errors = stats.get("errors") or []
    return (
        str(run.id),
        run.kind,
        _short_time(run.started_at),
        _short_time(run.finished_at),
        run.status,
        *(
            str(stats.get(key, "-"))
            for key in ("sites_ok", "sites_unreachable", "sites_blocked", "sites_pending", "pages", "documents")
        ),
        _no_answer(stats.get("fetch")),
        "; ".join(errors)[:100] if errors else "",
    )


def _no_answer(fetch: dict | None) -> str:
    """Requests the sites did not answer, by kind, e.g. "40 of 40 (DNSLookupError 40)"."""
    if not fetch:
        return "-"
    errors = fetch.get("errors") or {}
    failed = sum(errors.values())
    if not failed:
        return "0"
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(errors.items(), key=lambda e: -e[1])[:2])
    return f"{failed} of {failed + fetch.get('responses', 0)} ({kinds})"


def format_runs(runs: list[RunInfo]) -> str:
    """A plain table, newest first; a run still going shows dashes for what it has not counted yet."""
    if not runs:
        return "no runs yet"
    rows = [_COLUMNS, *(_row(run) for run in runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    ).rstrip()
