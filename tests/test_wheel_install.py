"""The project as an operator installs it: the wheel in a fresh virtualenv outside the checkout.

The wheel must carry the rules, the default settings and the templates, and an installed ``oit``
must find the user's folders through ``--config-dir`` / ``OIT_CONFIG_DIR`` and ``OIT_RULES_DIR``.
To stay fast and offline the new virtualenv reuses the project's installed dependencies (a .pth
pointing at this environment's site-packages, which does not make the checkout importable: the
editable install's own .pth there is not read from a path added that way); the wheel itself is
installed with ``--no-deps``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from fleet.testing import custom_site, start_fleet
from store.db import Store

REPO = Path(__file__).resolve().parents[1]
BUDGET_PAGES = 8
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", "var", "out", "build", "dist", "tests", "docs", "__pycache__", "*.egg-info", ".pytest_cache"
)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy: building in the checkout would leave build/ and *.egg-info in it
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-index", "--no-build-isolation", "-w", str(tmp / "dist"), str(source)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    wheel = next((tmp / "dist").glob("oit_crawler-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site_packages = Path(
        subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site_packages / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [*pip, "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    shutil.rmtree(source)
    return venv


def run_oit(venv: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OIT_CONFIG_DIR", "OIT_RULES_DIR")}
    return subprocess.run(
        [str(venv / "bin" / "oit"), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env={**environ, **env}
    )


def test_the_installed_code_is_the_wheel_not_the_checkout(venv, tmp_path):
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import crawler, evaluate, oit, reports, scheduler; "
            "print('\\n'.join(m.__file__ for m in (crawler, evaluate, oit, reports, scheduler)))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    assert all(Path(line).is_relative_to(venv) for line in result.stdout.splitlines()), result.stdout


def test_packaged_rules_by_default_and_the_users_rules_by_environment(venv, tmp_path):
    packaged = run_oit(venv, tmp_path, "rules", "lint")
    assert packaged.returncode == 0 and "ok: 6 rule sets" in packaged.stdout, packaged.stdout + packaged.stderr
    mine = tmp_path / "my-rules"
    mine.mkdir()
    for name in ("items.yaml", "2569.yaml"):
        shutil.copy(REPO / "rules" / name, mine / name)
    own = run_oit(venv, tmp_path, "rules", "lint", OIT_RULES_DIR=str(mine))
    assert own.returncode == 0 and "ok: 1 rule sets" in own.stdout, own.stdout + own.stderr


def test_the_config_folder_comes_from_the_environment(venv, tmp_path):
    config = tmp_path / "etc-oit"
    config.mkdir()
    (config / "schedule.yaml").write_text("schedule: {days: sun, time: '03:15'}\n", encoding="utf-8")
    result = run_oit(venv, tmp_path, "schedule", "--next", "2", OIT_CONFIG_DIR=str(config))
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["Sun", "Sun"]
    assert all("03:15:00" in line for line in result.stdout.splitlines())


def test_oit_run_from_an_installed_wheel_outside_the_checkout(venv, tmp_path):
    """Sites and crawl settings from --config-dir; report settings, rules and templates packaged."""
    config = tmp_path / "config-elsewhere"
    config.mkdir()
    fleet = start_fleet(
        [custom_site("wheel-a", news_count=4), custom_site("wheel-b", family="wordpress", profile="mixed", news_count=4)], config
    )
    try:
        (config / "crawl.yaml").write_text(
            f"politeness: {{enabled: false}}\nbudget: {{pages: {BUDGET_PAGES}, documents: 2}}\n", encoding="utf-8"
        )
        work = tmp_path / "work"
        work.mkdir()
        result = run_oit(
            venv, work, "--config-dir", str(config), "run", "--as-of", "2026-11-22", "--formats", "html,json", "--time-limit", "3"
        )
    finally:
        fleet.stop()
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    current = work / "var" / "reports" / "current"
    assert (current / "index.html").exists() and (current / "results.json").exists()
    assert (current / "sites" / "wheel-a" / "gap.html").exists()
    with Store(work / "var" / "oit.sqlite") as store:
        run = store.runs(1)[0]
        assert run.status == "complete" and run.ruleset == "2569"
        snaps = {s.crawl.site.id: s for s in store.snapshots(run.id)}
    assert set(snaps) == {"wheel-a", "wheel-b"}
    # the crawl processes read the crawl settings of the config folder too
    assert all(0 < len(s.pages) <= BUDGET_PAGES for s in snaps.values())
