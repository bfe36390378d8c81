"""The systemd units of deploy/: systemd accepts them, and the command each starts is one the
``oit`` command line takes (a renamed option would otherwise surface only on a server at night)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oit.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "deploy").glob("*.service"))
INSTALLED = "/opt/oit-crawler"


def unit_values(text: str, key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith(f"{key}=")]


def unit_environment(text: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for value in unit_values(text, "Environment"):
        env.update(item.split("=", 1) for item in shlex.split(value))
    return env


def instance_name(unit: Path) -> str:
    """A template (name@.service) is checked as an instance of it."""
    return unit.name.replace("@.", "@all.")


def test_every_role_has_a_unit():
    assert {unit.name for unit in UNITS} == {"oit-scheduler.service", "oit-worker@.service"}


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_systemd_accepts_the_unit(unit, tmp_path):
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is installed by scripts/bootstrap.sh"
    # The unit as installed, with this checkout in place of /opt/oit-crawler (systemd checks that the
    # program exists).
    text = unit.read_text(encoding="utf-8").replace(f"{INSTALLED}/.venv/bin/oit", str(Path(sys.executable).parent / "oit"))
    text = text.replace(INSTALLED, str(ROOT))
    installed = tmp_path / instance_name(unit)
    installed.write_text(text, encoding="utf-8")
    checked = subprocess.run(
        [analyze, "verify", str(installed)], capture_output=True, text=True, env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"}
    )
    # Bad settings are only warned about ("ignoring"): any line naming the unit file is a finding.
    findings = [line for line in checked.stderr.splitlines() if installed.name in line]
    assert checked.returncode == 0 and findings == [], checked.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_the_unit_starts_a_command_oit_takes(unit):
    text = unit.read_text(encoding="utf-8")
    (command,) = unit_values(text, "ExecStart")
    env = {"OIT_BROKER": "redis://coordinator.example:6379/0", **unit_environment(text)}
    words = [re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], word).replace("%i", "all") for word in shlex.split(command)]
    assert words[0] == f"{INSTALLED}/.venv/bin/oit"
    args = build_parser().parse_args(words[1:])  # argparse exits (SystemExit) on an unknown option
    assert callable(args.func)
