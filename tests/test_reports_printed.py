"""The gap reports of the demo fleet as an officer prints them: the DOCX converted by LibreOffice and
the PDF printed by Chromium, page by page. The demo sites are crawled for real (documents without
OCR, to stay fast), judged, reported; LibreOffice starts once for all of them (several seconds)."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from evaluate.verdicts import ItemStatus, RunResult
from reports.render import write_reports
from reports_printed import docx_to_pdf, latin_words, pdf_pages, pdf_text, soffice

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        shutil.which("chromium") is None or soffice() is None or shutil.which("pdftotext") is None,
        reason="needs Debian's chromium, libreoffice-writer-nogui and poppler-utils (scripts/bootstrap.sh)",
    ),
]
MAX_PAGES = 5  # a site with up to 11 failing items, memo included
A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def printed(fleet_demo, tmp_path_factory) -> tuple[RunResult, dict[str, dict[str, Path]]]:
    from evaluate.engine import evaluate_run
    from evaluate.ruleset import load_ruleset
    from fleet.testing import crawl_into_store

    folder = tmp_path_factory.mktemp("printed")
    store, run_id = crawl_into_store(fleet_demo.sites_file, folder, fleet_demo.as_of, processes=2, timeout=300)
    ruleset = load_ruleset(None)
    result = evaluate_run(store, run_id, ruleset, fleet_demo.as_of)
    # the same crawl judged two months earlier stands in for the previous run (each site's trend)
    earlier = replace(evaluate_run(store, run_id, ruleset, fleet_demo.as_of - dt.timedelta(days=60)), run_id=run_id - 1)
    out = folder / "out"
    write_reports(result, out, {"html", "docx", "pdf"}, history=[earlier])
    judged = [s.id for s in result.sites if s.status == "ok"]
    named = folder / "docx"  # one name per site: LibreOffice names each PDF after its DOCX
    named.mkdir()
    docs = [Path(shutil.copyfile(out / "sites" / s / "gap.docx", named / f"{s}.docx")) for s in judged]
    docx_pdfs = docx_to_pdf(docs, folder / "docx-pdf")
    files = {s: {"docx": d, "pdf": out / "sites" / s / "gap.pdf"} for s, d in zip(judged, docx_pdfs, strict=True)}
    return result, files


def _failing(result: RunResult, site_id: str) -> int:
    site = next(s for s in result.sites if s.id == site_id)
    return sum(1 for i in site.items if i.status not in (ItemStatus.PASS, ItemStatus.NOT_JUDGED))


def test_memo_fits_one_portrait_page_and_the_measure_table_is_landscape(printed):
    result, files = printed
    for site_id, pdfs in files.items():
        name = next(s.name for s in result.sites if s.id == site_id).replace(" ", "")
        for kind, pdf in pdfs.items():
            pages = pdf_pages(pdf)
            (width, height, memo), *table = pages
            where = f"{site_id} {kind}"
            assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, where
            # the whole memo on page 1, down to its four signature blocks (two by two)
            assert memo.startswith("บันทึกข้อความ") and "จึงเรียนมาเพื่อโปรดพิจารณา" in memo, where
            assert all(s in memo for s in ["ผู้จัดทำ", "หัวหน้าสำนักปลัด", f"ปลัด{name}", f"นายก{name}"]), where
            assert "รายงานการดำเนินการตามมาตรการ" not in memo, where
            assert table and all(abs(w - A4[1]) < 2 and abs(h - A4[0]) < 2 for w, h, _ in table), where
            assert table[0][2].startswith("รายงานการดำเนินการตามมาตรการ"), where


def test_a_site_with_eleven_failing_items_prints_to_five_pages_at_most(printed):
    result, files = printed
    counts = {s: (_failing(result, s), len(pdf_pages(p["docx"])), len(pdf_pages(p["pdf"]))) for s, p in files.items()}
    assert max(failing for failing, _, _ in counts.values()) >= 11  # the demo has such sites
    too_long = {s: c for s, c in counts.items() if c[0] <= 11 and max(c[1:]) > MAX_PAGES}
    assert too_long == {}, counts


def test_printed_text_is_thai_with_the_wording_table(printed):
    result, files = printed
    seen = ""
    for site_id, pdfs in files.items():
        for kind, pdf in pdfs.items():
            text = "\n".join(pdf_text(pdf))
            assert latin_words(text) == set(), f"{site_id} {kind}"
            seen += text
    joined = seen.replace(" ", "").replace("\n", "")
    for words in [
        "ลิงก์เสีย",
        "ข้อมูลไม่เป็นปัจจุบัน",
        "ข้อมูลไม่ครบ",
        "ไม่พบข้อมูล",
        "พบแต่ขาด:",
        "พบแต่เป็นข้อมูลปี",
        "คะแนนที่คาดว่าจะได้ในแต่ละรอบการตรวจ",
    ]:
        assert words in joined, words
