"""Run a command in its own process group with a wall-clock limit; at the limit the whole group
(the worker and the pdftotext/tesseract it started) is killed, so a hang costs one document."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    timed_out: bool


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_isolated(argv: list[str], stdin: str, timeout_s: float, env: dict[str, str] | None = None) -> Outcome:
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
        env=env,
    )
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout_s)
        timed_out = False
    except subprocess.TimeoutExpired:
        _kill_group(process)
        stdout, stderr = process.communicate()
        timed_out = True
    finally:
        _kill_group(process)  # grandchildren left behind by a worker that exited early
    return Outcome(process.returncode, stdout, stderr, timed_out)
