"""The run lock: exclusive, released by the kernel when its holder dies, says who holds it."""

import subprocess
import sys
import textwrap

import pytest

from scheduler.lock import LockBusy, RunLock, current_holder


def test_second_holder_is_refused_and_told_who_holds_it(tmp_path):
    path = tmp_path / "oit.sqlite.lock"
    with RunLock(path, "oit manual run") as lock:
        lock.set_run(7)
        with pytest.raises(LockBusy) as info:
            RunLock(path, "oit scheduled run").acquire()
        assert info.value.holder is not None and info.value.holder.run_id == 7
        assert "run 7" in str(info.value)
        assert current_holder(path).run_id == 7
    assert current_holder(path) is None
    with RunLock(path, "again") as lock:  # released cleanly: nothing stale
        assert lock.stale is None


def test_lock_of_a_killed_holder_is_free_and_reports_its_run(tmp_path):
    path = tmp_path / "oit.sqlite.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from scheduler.lock import RunLock
            lock = RunLock(__import__("pathlib").Path({str(path)!r}), "doomed").acquire()
            lock.set_run(41)
            print("held", flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockBusy):
            RunLock(path, "too early").acquire()
    finally:
        holder.kill()
        holder.wait()
    with RunLock(path, "after the crash") as lock:
        assert lock.stale is not None and lock.stale.run_id == 41 and lock.stale.pid == holder.pid
