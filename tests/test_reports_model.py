"""The report's content: deadlines from the ITA calendar, findings, groups, ITAS answers, overview."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluate.verdicts import ItemStatus
from evaluate.wording import NAMED_URL_TH
from reports.calendar import ItaCalendar, fix_deadline
from reports.html import render_site_page
from reports.model import ReportBuilder, click_path_text, finding_text
from reports.options import ReportOptions
from reports.overview import build_overview
from reports.safety import display_url, safe_href, site_dir_name
from reports.thaifmt import ThaiFormat
from reports_fixtures import item, sample_run
from store.records import NAMED_URL_STEP

D = dt.date


@pytest.mark.parametrize(
    ("run_date", "due", "fiscal_year", "window_open"),
    [
        (D(2026, 11, 22), D(2027, 2, 15), 2570, False),  # FY 2570 began; window 1 Mar 2027: 14 days before it
        (D(2027, 2, 20), D(2027, 3, 6), 2570, True),  # inside the lead time: run date + 14 days
        (D(2027, 4, 25), D(2027, 4, 30), 2570, True),  # window open: never after it closes
        (D(2027, 6, 1), D(2028, 2, 16), 2571, False),  # window closed: next year's (29 Feb 2028 counts)
        (D(2027, 9, 30), D(2028, 2, 16), 2571, False),
    ],
)
def test_fix_deadline_follows_the_answer_window(run_date, due, fiscal_year, window_open):
    deadline = fix_deadline(run_date, ItaCalendar())
    assert (deadline.due, deadline.fiscal_year, deadline.window_open) == (due, fiscal_year, window_open)
    assert deadline.window_start == D(fiscal_year - 543, 3, 1)


def test_fix_deadline_uses_the_configured_calendar():
    calendar = ItaCalendar(window_start=(4, 1), window_end=(5, 31), lead_days=30, days_when_open=7)
    deadline = fix_deadline(D(2026, 12, 1), calendar)
    assert deadline.due == D(2027, 3, 2)
    assert fix_deadline(D(2027, 4, 10), calendar).due == D(2027, 4, 17)


def test_findings_in_plain_thai_with_the_digit_style():
    thai, arabic = ThaiFormat(True), ThaiFormat(False)
    stale = item("news", "o4", "ข่าวประชาสัมพันธ์", ItemStatus.STALE, fiscal_year_found=2566)
    assert finding_text(stale, thai) == "พบแต่เป็นข้อมูลปี ๒๕๖๖"
    assert finding_text(stale, arabic) == "พบแต่เป็นข้อมูลปี 2566"
    incomplete = item("executives", "o2", "ข้อมูลผู้บริหาร", ItemStatus.INCOMPLETE, missing_elements=["รูปถ่าย", "หมายเลขโทรศัพท์"])
    assert finding_text(incomplete, thai) == "พบแต่ขาด: รูปถ่าย, หมายเลขโทรศัพท์"
    # without the engine's finding, worded as the engine words it (evaluate.wording.finding_th)
    assert finding_text(item("a", "o1", "x", ItemStatus.MISSING), thai) == "ไม่พบข้อมูลบนเว็บไซต์หลักของหน่วยงาน"
    assert finding_text(item("a", "o1", "x", ItemStatus.BROKEN), thai) == "ลิงก์เสีย เปิดไม่ได้"
    assert finding_text(item("a", "o1", "x", ItemStatus.UNVERIFIABLE), thai) == "พบลิงก์ แต่ตรวจสอบเนื้อหาไม่ได้"
    engine_says = item("a", "o1", "x", ItemStatus.STALE, finding="พบแต่เป็นข้อมูลปี 2567")
    assert finding_text(engine_says, thai) == "พบแต่เป็นข้อมูลปี ๒๕๖๗"


def test_click_path_starts_at_the_home_page_and_is_trimmed():
    assert click_path_text(["ข้อมูลหน่วยงาน", "โครงสร้างองค์กร"]) == "หน้าหลัก → ข้อมูลหน่วยงาน → โครงสร้างองค์กร"
    assert click_path_text(["หน้าหลัก", "  ติดต่อ\n เรา "]) == "หน้าหลัก → ติดต่อ เรา"
    assert click_path_text([]) == "หน้าหลัก"
    assert len(click_path_text(["ก" * 500])) < 140
    assert click_path_text([NAMED_URL_STEP]) == NAMED_URL_TH  # no way from the home page was found
    assert click_path_text([NAMED_URL_TH]) == NAMED_URL_TH  # as results.json files from before the code say it


def test_gap_rows_grouped_by_indicator_and_sub_indicator_in_item_order():
    report = ReportBuilder(sample_run(), ReportOptions()).site_report(sample_run().sites[0])
    groups = [(g.indicator, g.sub_indicator, [r.code for r in g.rows]) for g in report.groups]
    assert groups == [
        ("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "๙.๑ ข้อมูลพื้นฐาน", ["o2", "o4"]),
        ("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "๙.๒ การบริหารงานและการใช้จ่ายงบประมาณ", ["o6", "o10", "o12"]),
        ("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต", "๑๐.๑ การดำเนินการเพื่อป้องกันการทุจริต", ["o23"]),
    ]
    assert [g.indicator_no for g in report.groups] == ["๙", "๙", "๑๐"]
    executives = report.rows[0]
    assert executives.unit == "สำนักปลัด"
    # the few steps this finding needs: its own, and the measure's lines naming what is missing
    assert executives.steps == ["เพิ่มข้อมูลที่ยังขาดให้ครบ: รูปถ่าย, หมายเลขโทรศัพท์", "เพิ่มรูปถ่ายผู้บริหารทุกคน", "เพิ่มหมายเลขโทรศัพท์"]
    assert executives.follow_up == ["แล้วเสร็จภายใน ๑๕ ก.พ. ๗๐", "รายงานผลในที่ประชุมเดือน ก.พ. ๗๐"]
    assert executives.period == "พฤศจิกายน ๒๕๖๙ – กุมภาพันธ์ ๒๕๗๐"
    assert executives.period_short == "พ.ย. ๖๙ – ก.พ. ๗๐"
    news = report.rows[1]
    assert news.unit == "สำนักปลัด"  # the configured default when the rule names none
    assert news.steps == ["ปรับปรุงข่าวประชาสัมพันธ์ ให้เป็นข้อมูลของปีที่เกณฑ์กำหนด"]
    assert report.rows[2].steps == ["จัดทำแผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี และเผยแพร่บนเว็บไซต์หลักของหน่วยงาน"]
    assert report.rows[2].inferred


def test_memo_states_score_against_pass_mark_and_arabic_option():
    run = sample_run()
    thai = ReportBuilder(run, ReportOptions()).site_report(run.sites[0])
    assert thai.memo.date == "๒๒ พฤศจิกายน ๒๕๖๙"
    assert thai.memo.addressee == "นายกองค์การบริหารส่วนตำบลลอย"
    assert "คาดว่าจะได้คะแนน OIT ๒๕.๐๐ คะแนน ซึ่งยังต่ำกว่าเกณฑ์ ๘๕.๐๐ คะแนน" in thai.memo.paragraphs[1]
    assert "http://127.0.1.1:8080/" in thai.memo.paragraphs[1]  # URLs keep their digits
    assert not thai.passing
    arabic = ReportBuilder(run, ReportOptions(thai_digits=False)).site_report(run.sites[0])
    assert arabic.memo.date == "22 พฤศจิกายน 2569"
    assert arabic.rows[0].follow_up[0] == "แล้วเสร็จภายใน 15 ก.พ. 70"
    assert not any(ch in "".join(arabic.memo.paragraphs) for ch in "๐๑๒๓๔๕๖๗๘๙")
    passing = ReportBuilder(run, ReportOptions()).site_report(run.sites[1])
    assert passing.passing and passing.rows == []


def test_itas_answers_and_evidence_best_first():
    run = sample_run()
    report = ReportBuilder(run, ReportOptions()).site_report(run.sites[0])
    answers = {i.code: i.answer for i in report.items}
    assert answers == {"o1": "มี", "o2": "ไม่มี", "o3": "มี", "o4": "ไม่มี", "o6": "ไม่มี", "o10": "ไม่มี", "o12": "ไม่มี", "o23": "ไม่มี"}
    structure = report.items[0]
    assert [e.url for e in structure.evidence] == [
        "http://127.0.1.1:8080/data.php?content_id=12",
        "http://127.0.1.1:8080/ita-2570/",
    ]
    assert structure.click_path == "หน้าหลัก → ข้อมูลหน่วยงาน → โครงสร้างองค์กร"


def test_unreachable_site_is_not_judged_and_says_why():
    run = sample_run()
    report = ReportBuilder(run, ReportOptions()).site_report(run.sites[2])
    assert not report.judged and report.rows == [] and report.total == 0
    assert "เข้าเว็บไซต์ไม่ได้: เครื่องแม่ข่ายไม่รับการเชื่อมต่อ" in report.notice
    assert "connection refused" not in report.notice  # the crawler's English detail stays in results.json
    assert {i.answer for i in report.items} == {"ไม่ได้ตรวจ"}


def test_a_site_not_reached_never_counts_its_carried_over_passes_as_judged():
    """Down tonight, every item its last known pages proved still "passes": the memo must not say ผ่าน 2/2."""
    run = sample_run()
    down = run.sites[2]
    down.items[0].status = ItemStatus.PASS  # proved by an earlier run's pages
    down.evidence_from_run = 3
    report = ReportBuilder(run, ReportOptions()).site_report(down)
    assert (report.judged, report.passed, report.total) == (False, 0, 0)
    page = render_site_page("gap", report, ReportOptions())
    assert "ผ่าน ๑/๑" not in page and "ผ่าน ๐/๐" not in page


def test_overview_lists_unreachable_sites_apart_and_counts_missing_items():
    overview = build_overview(sample_run(), ThaiFormat())
    assert [row.site.id for row in overview.rows] == ["loi", "nakhok", "../evil site<script>"]
    assert [site.id for site, _, _ in overview.not_judged] == ["down"]
    top = {m.column.key: m.count for m in overview.most_missing}
    assert top["executives"] == 2 and top["news"] == 2 and "structure" not in top
    assert overview.passing_sites == 1
    assert [c.code for c in overview.columns][:3] == ["o1", "o2", "o3"]
    nakhok = overview.rows[1]
    assert [cell.status for cell in nakhok.cells][:2] == ["pass", ""]  # o2 is not in its results


def test_only_http_links_and_safe_directory_names():
    assert safe_href("https://example.go.th/a?b=1") == "https://example.go.th/a?b=1"
    for bad in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil", "http://a\nb", "file:///etc/passwd"]:
        assert safe_href(bad) is None
    assert display_url("http://x.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7.pdf") == "http://x.go.th/ข่าว.pdf"
    assert display_url("http://x.go.th/a%0Ab%FF") == "http://x.go.th/a%0Ab%FF"  # control or invalid bytes: as written
    assert site_dir_name("sao-0001") == "sao-0001"
    evil = site_dir_name("../evil site<script>")
    assert "/" not in evil and ".." not in evil and evil != site_dir_name("../evil site<script>x")
