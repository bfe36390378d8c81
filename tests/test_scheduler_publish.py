"""Atomic publication of report sets and retention."""

import json
import os

import pytest

from evaluate.verdicts import RunResult
from scheduler.publish import (
    CURRENT,
    current_run,
    discard_staging,
    prune_published,
    publish,
    published_runs,
    staging_dir,
)


def write_set(out, run_id):
    staging = staging_dir(out, run_id)
    (staging / "results.json").write_text(json.dumps(RunResult(run_id, "2026-11-21", "2569").to_json()))
    (staging / "index.html").write_text(f"run {run_id}")
    return staging


def test_current_points_at_the_newest_complete_set(tmp_path):
    publish(tmp_path, write_set(tmp_path, 1), 1)
    assert (tmp_path / CURRENT / "index.html").read_text() == "run 1"
    staging = write_set(tmp_path, 2)
    # While run 2 is being written, readers still see run 1 in full.
    assert current_run(tmp_path) == 1 and (tmp_path / CURRENT / "index.html").read_text() == "run 1"
    publish(tmp_path, staging, 2)
    assert os.readlink(tmp_path / CURRENT) == "runs/2"
    assert (tmp_path / CURRENT / "index.html").read_text() == "run 2"
    assert not staging.exists() and not list(tmp_path.glob(".current-*"))


def test_retention_keeps_newest_and_never_the_current_one(tmp_path):
    for run_id in (1, 2, 3, 4):
        publish(tmp_path, write_set(tmp_path, run_id), run_id)
    removed = prune_published(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == ["1", "2"]
    assert published_runs(tmp_path) == [4, 3]
    # current pointing at an old set (e.g. set back by hand) is kept even beyond the limit
    tmp = tmp_path / "link.tmp"
    tmp.symlink_to("runs/3")
    os.replace(tmp, tmp_path / CURRENT)
    assert prune_published(tmp_path, keep=0) == [tmp_path / "runs" / "4"]
    assert published_runs(tmp_path) == [3]


def test_leftover_staging_is_discarded_and_never_published(tmp_path):
    publish(tmp_path, write_set(tmp_path, 1), 1)
    write_set(tmp_path, 2)  # a run that crashed while writing
    assert [p.name for p in discard_staging(tmp_path)] == [".staging-2"]
    assert current_run(tmp_path) == 1 and published_runs(tmp_path) == [1]


def test_refuses_to_replace_a_real_folder_named_current(tmp_path):
    (tmp_path / CURRENT).mkdir()
    with pytest.raises(FileExistsError):
        publish(tmp_path, write_set(tmp_path, 1), 1)
