"""Thai only in Thai documents: every item status, finding kind, failure reason, crawl outcome and
change is rendered into every officer-facing format and no English word may appear outside URLs,
item codes and names (ITA, OIT, PDF ...)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import docx
import openpyxl

from evaluate.engine import key_finding
from evaluate.judge import Finding
from evaluate.sources import Boilerplate, document_source, page_source
from evaluate.verdicts import Evidence, FailureKind, Hint, HintKind, ItemStatus, RunResult, SiteResult
from evaluate.wording import (
    CHANGE_TH,
    CRAWL_STATUS_TH,
    DOCUMENT_STATUS_TH,
    FAILURE_TH,
    HINT_TH,
    STATUS_MARK_TH,
    STATUS_TH,
    UNCHECKED_TH,
    finding_th,
    item_finding_th,
    reason_th,
)
from reports.history import ChangeKind
from reports.options import ReportOptions
from reports.render import write_reports
from reports_fixtures import IND9, SUB91, item
from reports_printed import latin_words
from store.records import DocumentRecord, DocumentStatus, PageRecord, SiteStatus

BASE = "http://127.0.1.9:8080"


def test_every_code_has_its_thai_words():
    assert set(STATUS_TH) == set(STATUS_MARK_TH) == set(ItemStatus)
    assert len({finding_th(status) for status in ItemStatus}) == len(ItemStatus)  # a finding for each, none alike
    assert set(DOCUMENT_STATUS_TH) == set(DocumentStatus) - {DocumentStatus.OK}
    assert set(FAILURE_TH) == set(FailureKind) - {FailureKind.HTTP, FailureKind.DOCUMENT}  # those two: their own tables
    assert set(HINT_TH) == set(HintKind) - {HintKind.LINK}  # a link's hint quotes its words (link_hint_th)
    assert set(CRAWL_STATUS_TH) == {s.value for s in SiteStatus} - {"ok"}
    assert set(CHANGE_TH) == set(ChangeKind)


def _failures() -> list[Finding]:
    """The engine's findings for every way a source can fail: HTTP errors, every document status."""
    sources = [
        page_source(PageRecord("s", f"{BASE}/p{code}", code, error="DNSLookupError: x"), Boilerplate())
        for code in (0, 403, 404, 500)
    ]
    sources += [
        document_source(
            DocumentRecord(
                "s", f"{BASE}/d-{status.value}.pdf", status, http_status=404, error="no text layer and OCR found no text"
            )
        )
        for status in DocumentStatus
        if status is not DocumentStatus.OK
    ]
    findings = []
    for source in sources:
        status = ItemStatus.BROKEN if source.access.value == "broken" else ItemStatus.UNVERIFIABLE
        findings.append(Finding(source, status, hint=Hint(HintKind.LINK, "เอกสาร")))
    page = page_source(PageRecord("s", f"{BASE}/found", 200), Boilerplate())  # a page found, not checkable
    findings += [Finding(page, ItemStatus.UNVERIFIABLE, hint=Hint(HintKind.LINK, "หน้า"), unchecked=code) for code in UNCHECKED_TH]
    return findings


def _every_kind_run(run_id: int, as_of: str) -> RunResult:
    engine = [
        Finding(
            page_source(PageRecord("s", f"{BASE}/ok", 200), Boilerplate()),
            status,
            matched=["ชื่อ"],
            missing=["รูปถ่าย"],
            year_found=2568,
            year_required=2570,
            hint=Hint(HintKind.TITLE),
        )
        for status in ItemStatus
        if status is not ItemStatus.NOT_JUDGED
    ] + _failures()
    items = []
    for n, finding in enumerate(engine):
        items.append(
            item(
                f"k{n}",
                f"o{n + 1}",
                f"ข้อ {n + 1}",
                finding.status,
                indicator=IND9,
                sub=SUB91,
                finding=item_finding_th(key_finding(finding.status, finding)),
                missing_elements=["รูปถ่าย"],
                measure="จัดทำรูปถ่ายผู้บริหาร\nเผยแพร่บนเว็บไซต์หลักของหน่วยงาน",
                evidence=[Evidence(finding.source.url, ["ข้อมูลหน่วยงาน"], 2568, reason_th(finding.reason(f"ข้อ {n + 1}")), 1.0)],
            )
        )
    # the same statuses once more without an engine finding: the reports' own default wording
    items += [
        item(f"d{s.value}", f"O{40 + n}", f"ข้อว่าง {n}", s, indicator=IND9, sub=SUB91, fiscal_year_found=2566)
        for n, s in enumerate(ItemStatus)
        if s is not ItemStatus.NOT_JUDGED
    ]
    sites = [
        SiteResult(
            id="all",
            name="อบต.ทุกแบบ",
            url=f"{BASE}/",
            status="ok",
            crawl_status="ok",
            province="พะเยา",
            district="ปง",
            score=40.0,
            evidence_from_run=run_id,
            items=items,
        )
    ]
    for n, status in enumerate(SiteStatus):
        if status is not SiteStatus.OK:
            sites.append(
                SiteResult(
                    id=f"x-{status.value}",
                    name=f"อบต.แห่งที่ {n}",
                    url=f"{BASE}/",
                    crawl_status=status.value,
                    status="blocked" if status is SiteStatus.BLOCKED else "unreachable",
                    crawl_detail="connection refused by host",
                    items=[item("k0", "o1", "ข้อ 1", ItemStatus.NOT_JUDGED, finding="ไม่ได้ตรวจ: เข้าเว็บไซต์ไม่ได้ในรอบนี้")],
                )
            )
    return RunResult(run_id=run_id, as_of=as_of, ruleset="2569", sites=sites)


def _visible_text(page: Path) -> str:
    text = re.sub(r"<(script|style|title)[^>]*>.*?</\1>", " ", page.read_text("utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_every_status_and_finding_renders_in_thai_only(tmp_path: Path):
    # the previous run differs so that every kind of change shows in the history page
    previous = _every_kind_run(5, "2026-10-01")
    items = {i.key: i for i in previous.sites[0].items}  # now: k0 pass, k1 incomplete, k2 stale, k3 broken, k5 missing
    for key, before in [
        ("k0", ItemStatus.MISSING),
        ("k1", ItemStatus.PASS),
        ("k2", ItemStatus.MISSING),
        ("k3", ItemStatus.PASS),
        ("k5", ItemStatus.PASS),
    ]:
        items[key].status = before
    items["dpass"].evidence = [Evidence(f"{BASE}/old-page", [], None, "", 1.0)]
    previous.sites[0].items.remove(items["k4"])
    write_reports(
        _every_kind_run(7, "2026-11-22"), tmp_path, {"html", "docx", "xlsx"}, history=[previous], options=ReportOptions()
    )
    texts = {"index.html": _visible_text(tmp_path / "index.html")}
    for site_dir in (tmp_path / "sites").iterdir():
        for page in ("gap", "itas", "evidence", "history"):
            texts[f"{site_dir.name}/{page}.html"] = _visible_text(site_dir / f"{page}.html")
        document = docx.Document(str(site_dir / "gap.docx"))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        texts[f"{site_dir.name}/gap.docx"] = "\n".join([p.text for p in document.paragraphs] + cells)
        workbook = openpyxl.load_workbook(site_dir / "gap.xlsx")
        texts[f"{site_dir.name}/gap.xlsx"] = "\n".join(
            str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    leaks = {name: latin_words(text) for name, text in texts.items() if latin_words(text)}
    assert leaks == {}
    gap = texts["all/gap.html"]
    for words in [
        "ลิงก์เสีย",
        "ข้อมูลไม่เป็นปัจจุบัน",
        "ตรวจสอบไม่ได้",
        "ข้อมูลไม่ครบ",
        "ไม่พบข้อมูล",
        "พบแต่ขาด: รูปถ่าย",
        "พบแต่เป็นข้อมูลปี ๒๕๖๘ (ต้องเป็นปี ๒๕๗๐)",
        "พบลิงก์ แต่ตรวจสอบเนื้อหาไม่ได้ (ไฟล์เป็นภาพสแกนที่อ่านข้อความไม่ได้)",
    ]:
        assert words in gap, words
    history_page = texts["all/history.html"]
    assert [kind for kind, label in CHANGE_TH.items() if label not in history_page] == []
    evidence = _visible_text(tmp_path / "sites" / "all" / "evidence.html")
    assert "เปิดไม่ได้ (ไม่พบหน้าปลายทาง (รหัส 404))" in evidence and "DNSLookupError" not in evidence
