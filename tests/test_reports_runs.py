"""The run history table (ประวัติการตรวจ) of index.html, rendered for real from store RunInfo rows."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from reports.options import ReportOptions
from reports.render import write_reports
from reports.runs import CURRENT_RUN_TH
from reports_fixtures import SCRIPT, sample_run
from store.db import RunInfo

STATS = {
    "sites_ok": 3,
    "sites_unreachable": 1,
    "sites_blocked": 0,
    "sites_pending": 0,
    "pages": 1234,
    "documents": 56,
    "errors": [],
}


def _runs() -> list[RunInfo]:
    """Newest first, as Store.runs gives them; run 7 is the one being reported (still running)."""
    return [
        RunInfo(7, "scheduled", "2026-11-21T19:30:00+00:00", None, "running", "2569", "2026-11-22", STATS, 4, 4),
        RunInfo(
            6,
            "manual",
            "2026-11-20T16:50:00+00:00",
            "2026-11-20T17:20:00+00:00",
            "failed",
            "2569",
            "2026-11-20",
            {**STATS, "pages": 10, "errors": [f"crawl shard 1/2 died {SCRIPT}"]},
            4,
            1,
        ),
        RunInfo(
            5, "demo", "2026-11-19T01:00:00+00:00", "2026-11-19T02:05:00+00:00", "complete", "2569", "2026-11-19", STATS, 4, 4
        ),
    ]


def _history_rows(out: Path) -> list[list[str]]:
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = page.find("section", class_="run-history")
    assert section.h2.get_text() == "ประวัติการตรวจ"
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in section.tbody.find_all("tr")]


def test_history_table_in_thai_with_bangkok_times_and_the_current_run_marked(tmp_path: Path):
    write_reports(sample_run(run_id=7), tmp_path, {"html"}, runs=_runs())
    current, failed, demo = _history_rows(tmp_path)
    # 19:30 UTC on the 21st is 02:30 on the 22nd in Bangkok; a run still going has no end yet.
    assert current[:5] == ["๗", "ตามกำหนดเวลา", "๒๒ พฤศจิกายน ๒๕๖๙ ๐๒:๓๐ น.", "–", CURRENT_RUN_TH]
    assert current[5:11] == ["๓", "๑", "๐", "๐", "๑,๒๓๔", "๕๖"]
    assert current[11] == "–"
    # An end past midnight (Bangkok) shows its date; an end on the day it started, only the time.
    assert failed[1:5] == ["สั่งตรวจเอง", "๒๐ พฤศจิกายน ๒๕๖๙ ๒๓:๕๐ น.", "๒๑ พฤศจิกายน ๒๕๖๙ ๐๐:๒๐ น.", "ล้มเหลว"]
    assert failed[11].startswith("๑ รายการ") and "crawl shard 1/2 died" in failed[11]
    assert demo[1:5] == ["สาธิต", "๑๙ พฤศจิกายน ๒๕๖๙ ๐๘:๐๐ น.", "๐๙:๐๕ น.", "เสร็จสมบูรณ์"]
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and "&lt;script&gt;" in html  # error texts are escaped
    assert html.count('aria-current="true"') == 1


def test_history_follows_the_digit_option_and_a_finished_current_run_keeps_its_status(tmp_path: Path):
    runs = _runs()[1:]  # re-reporting run 6 from the store: it is finished
    write_reports(sample_run(run_id=6), tmp_path, {"html"}, runs=runs, options=ReportOptions(thai_digits=False))
    failed, demo = _history_rows(tmp_path)
    assert failed[0] == "6" and failed[4] == "ล้มเหลว" and failed[9] == "10"
    assert demo[2] == "19 พฤศจิกายน 2569 08:00 น." and demo[9] == "1,234"
    page = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("tr", attrs={"aria-current": "true"}).td.get_text() == "6"


def test_no_history_section_without_runs(tmp_path: Path):
    write_reports(sample_run(), tmp_path, {"html"})
    assert "ประวัติการตรวจ" not in (tmp_path / "index.html").read_text(encoding="utf-8")
