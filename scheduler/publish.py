"""Publishing a run's report set into the output folder, atomically.

Layout of ``out/``::

    runs/<run_id>/      one complete report set per published run
    current -> runs/<run_id>   symlink, swapped with one rename(2)
    .staging-<run_id>/  the set being written; never read by anyone

Readers follow ``current`` and see either the previous complete set or the new complete set,
never half of one; the previous set stays in place until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CURRENT = "current"
RUNS = "runs"
_STAGING_PREFIX = ".staging-"


def staging_dir(out: Path, run_id: int) -> Path:
    """A fresh, empty folder to write run ``run_id``'s reports into."""
    path = out / f"{_STAGING_PREFIX}{run_id}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def discard_staging(out: Path) -> list[Path]:
    """Remove half-written sets left by runs that crashed (call while holding the run lock)."""
    leftovers = sorted(out.glob(f"{_STAGING_PREFIX}*")) if out.exists() else []
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return leftovers


def publish(out: Path, staging: Path, run_id: int) -> Path:
    """Move the complete set in ``staging`` to ``runs/<run_id>`` and point ``current`` at it."""
    final = place(out, staging, run_id)
    switch_current(out, run_id)
    return final


def place(out: Path, staging: Path, run_id: int) -> Path:
    """Move the complete set in ``staging`` to ``runs/<run_id>``, flushed to disk; not yet current."""
    runs = out / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    final = runs / str(run_id)
    if final.exists():
        raise FileExistsError(f"run {run_id} is already published at {final}")
    _check_link(out / CURRENT)  # before the run is recorded as published, not after
    _fsync_tree(staging)
    os.replace(staging, final)
    _fsync_dir(runs)
    return final


def switch_current(out: Path, run_id: int) -> None:
    """Point ``current`` at ``runs/<run_id>`` with one rename(2)."""
    link = out / CURRENT
    _check_link(link)
    temporary = out / f".{CURRENT}-{run_id}.tmp"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(Path(RUNS) / str(run_id))  # relative: the folder can be moved or served as is
    os.replace(temporary, link)
    _fsync_dir(out)


def _check_link(link: Path) -> None:
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} is not a symlink; move it away so runs can be published")


def current_run(out: Path) -> int | None:
    """The run whose set ``current`` points to."""
    link = out / CURRENT
    if not link.is_symlink():
        return None
    try:
        return int(Path(os.readlink(link)).name)
    except ValueError:
        return None


def published_runs(out: Path) -> list[int]:
    """Ids of published runs, newest first."""
    runs = out / RUNS
    if not runs.is_dir():
        return []
    return sorted((int(p.name) for p in runs.iterdir() if p.is_dir() and p.name.isdigit()), reverse=True)


def prune_published(out: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` sets; the one ``current`` points to always stays."""
    current = current_run(out)
    removed = []
    for run_id in published_runs(out)[keep:]:
        if run_id == current:
            continue
        path = out / RUNS / str(run_id)
        shutil.rmtree(path)
        removed.append(path)
    return removed


def _fsync_tree(root: Path) -> None:
    """Flush the set to disk before it becomes visible, so a power cut cannot publish empty files."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
