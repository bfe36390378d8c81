"""Every format written for real and read back: HTML (escaped), DOCX, XLSX, CSV, JSON, stored copies."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from evaluate.verdicts import RunResult
from reports.copies import StoredPage
from reports.options import ReportOptions
from reports.render import write_reports
from reports.safety import site_dir_name
from reports_fixtures import sample_run

FORMATS = {"html", "docx", "xlsx", "json", "csv"}
EVIL_DIR = site_dir_name("../evil site<script>")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    history = [sample_run(run_id=5, as_of="2026-10-01")]
    history[0].sites[0].items[5].status = history[0].sites[0].items[0].status  # e_service passed then
    body = "<h1>คณะผู้บริหาร</h1><script>alert(1)</script>".encode("cp874")
    pages = {"loi": [StoredPage("http://127.0.1.1:8080/staff.php", body, "cp874")]}
    write_reports(sample_run(), out, FORMATS, history=history, copies=lambda site: pages.get(site.id, []))
    return out


def test_layout_of_the_output_directory(out: Path):
    assert (out / "results.json").exists() and (out / "index.html").exists() and (out / "static" / "overview.js").exists()
    for site in ["loi", "nakhok", "down", EVIL_DIR]:
        names = {p.name for p in (out / "sites" / site).iterdir() if p.is_file()}
        assert names == {
            "gap.html",
            "itas.html",
            "evidence.html",
            "history.html",
            "gap.docx",
            "gap.xlsx",
            "gap.json",
            "gap.csv",
            "itas.csv",
        }, site
    assert not (out.parent / "evil site").exists()
    index = (out / "index.html").read_text("utf-8")
    # trends of the judged sites, two charts
    assert index.count('class="sparkline"') == 3 and index.count('<svg class="chart"') == 2
    assert RunResult.from_json(json.loads((out / "results.json").read_text("utf-8"))) == sample_run()


def test_crawled_text_is_escaped_and_only_http_links_are_live(out: Path):
    pages = [out / "index.html", *(out / "sites" / EVIL_DIR).glob("*.html")]
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and '<script>document.title="pwned"' not in html, page
        assert "<img src=x" not in html, page
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert all(not h.lower().startswith(("javascript:", "data:")) for h in hrefs), page
    evidence = (out / "sites" / EVIL_DIR / "evidence.html").read_text("utf-8")
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in evidence
    # the crawled site name in a chart's tooltip (the overview's trend sparkline) is text too
    assert "<title>อบต.&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in (out / "index.html").read_text("utf-8")
    assert '<span class="bad-url" title="ไม่ใช่ลิงก์ http(s)">javascript:alert(document.cookie)</span>' in evidence


def test_gap_html_mirrors_table_form_1(out: Path):
    html = (out / "sites" / "loi" / "gap.html").read_text("utf-8")
    for text in [
        "บันทึกข้อความ",
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        "ขั้นตอนหรือวิธีการ/มาตรการ",
        "เครื่องมือการประเมิน OIT ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล",
        "พบแต่ขาด: รูปถ่าย, หมายเลขโทรศัพท์",
        "พบแต่เป็นข้อมูลปี ๒๕๖๖",
        "งานนโยบายและแผน",
        "ภายในวันที่ ๑๕ กุมภาพันธ์ ๒๕๗๐",
    ]:
        assert text in html
    assert html.count("เครื่องมือการประเมิน OIT ตัวชี้วัดที่ ๙") == 1  # one band per indicator
    # its score over the runs: a chart in the HTML (and so the PDF), in words in the DOCX
    assert '<figure class="trend">' in html and "<polyline" in html
    memo = [p.text for p in docx.Document(str(out / "sites" / "loi" / "gap.docx")).paragraphs]
    assert "คะแนนที่คาดว่าจะได้ในแต่ละรอบการตรวจ: ๑ ต.ค. ๖๙ ๒๕.๐๐ → ๒๒ พ.ย. ๖๙ ๒๕.๐๐" in memo
    history = (out / "sites" / "loi" / "history.html").read_text("utf-8")
    assert "ลิงก์เสีย (เคยผ่าน)" in history and "๑ ตุลาคม ๒๕๖๙" in history
    down = (out / "sites" / "down" / "gap.html").read_text("utf-8")
    assert "เข้าเว็บไซต์ไม่ได้" in down and "measure-table" not in down


def test_evidence_links_to_a_sandboxed_stored_copy(out: Path):
    evidence = (out / "sites" / "loi" / "evidence.html").read_text("utf-8")
    link = re.search(r'href="(copies/[0-9a-f]{16}\.html)">สำเนาที่เก็บไว้', evidence)
    assert link
    copy_html = (out / "sites" / "loi" / link[1]).read_text("utf-8")
    assert '<iframe class="stored-copy" sandbox=""' in copy_html
    assert "&lt;h1&gt;คณะผู้บริหาร&lt;/h1&gt;&lt;script&gt;" in copy_html  # cp874 decoded, then escaped
    assert "<script>" not in copy_html


def test_docx_reads_back_with_thai_fonts_page_orientations_and_header_rows(out: Path):
    document = docx.Document(str(out / "sites" / "loi" / "gap.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "บันทึกข้อความ"
    assert "วันที่ ๒๒ พฤศจิกายน ๒๕๖๙" in texts[2]
    memo, table_section = document.sections
    assert memo.page_width < memo.page_height and round(memo.page_height.mm) == 297  # the memo: portrait
    assert table_section.page_width > table_section.page_height and round(table_section.page_width.mm) == 297
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs")} == {"TH SarabunPSK"}
    assert document.styles.element.find(".//" + qn("w:szCs")).get(qn("w:val")) == "32"
    signers, table = document.tables  # the memo's four signature blocks two by two, then the measure table
    assert [[c.text.split("\n")[-1] for c in row.cells] for row in signers.rows] == [
        ["ผู้จัดทำ", "หัวหน้าสำนักปลัด"],
        ["ปลัดองค์การบริหารส่วนตำบลลอย", "นายกองค์การบริหารส่วนตำบลลอย"],
    ]
    assert [c.text for c in table.rows[0].cells][:2] == ["ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", "ผู้รับผิดชอบ"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # item rows may break across pages (only the header and band rows are kept whole)
    item_rows = [r for r in table.rows if r.cells[0].text.startswith("o")]
    assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in item_rows)
    row_texts = ["|".join(c.text for c in r.cells) for r in table.rows]
    executives = next(t for t in row_texts if t.startswith("o2 ข้อมูลผู้บริหาร"))
    assert "๑. เพิ่มข้อมูลที่ยังขาดให้ครบ: รูปถ่าย, หมายเลขโทรศัพท์" in executives
    evil = docx.Document(str(out / "sites" / EVIL_DIR / "gap.docx"))
    assert any('<script>document.title="pwned"</script>' in p.text for p in evil.paragraphs)  # text, not markup


def test_docx_and_xlsx_in_table_form_2_with_arabic_digits(tmp_path: Path):
    options = ReportOptions(thai_digits=False, table_form=2)
    write_reports(sample_run(), tmp_path, {"docx", "xlsx"}, site_ids={"loi"}, options=options)
    table = docx.Document(str(tmp_path / "sites" / "loi" / "gap.docx")).tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "แบบสำรวจ",
        "ตัวชี้วัดที่",
        "หัวข้อ",
        "ระยะเวลา",
        "วิธีการดำเนินการ",
        "หน่วยงานดำเนินการ",
        "การติดตามผล",
    ]
    assert [c.text for c in table.rows[1].cells][:4] == [
        "OIT",
        "9",
        "o2 ข้อมูลผู้บริหาร\nพบแต่ขาด: รูปถ่าย, หมายเลขโทรศัพท์",
        "พ.ย. 69 – ก.พ. 70",
    ]
    sheet = openpyxl.load_workbook(tmp_path / "sites" / "loi" / "gap.xlsx")["มาตรการ"]
    assert sheet["B2"].value == "9" and sheet["F7"].value == "หน่วยตรวจสอบภายใน"
    assert not (tmp_path / "index.html").exists()  # one site: no overview


def test_xlsx_reads_back_and_crawled_text_stays_text(out: Path):
    workbook = openpyxl.load_workbook(out / "sites" / "loi" / "gap.xlsx")
    assert workbook.sheetnames == ["มาตรการ", "ITAS", "สรุป"]
    measures = workbook["มาตรการ"]
    assert measures["A2"].value == "เครื่องมือการประเมิน OIT ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"
    assert "A2:E2" in {str(r) for r in measures.merged_cells.ranges}
    assert measures["A1"].font.name == "TH SarabunPSK" and measures["A1"].font.b
    itas = workbook["ITAS"]
    assert [c.value for c in itas[2]][:3] == ["o1", "โครงสร้างและอำนาจหน้าที่", "มี"]
    assert itas["D2"].value.split("\n")[0] == "http://127.0.1.1:8080/data.php?content_id=12"
    evil = openpyxl.load_workbook(out / "sites" / EVIL_DIR / "gap.xlsx")["ITAS"]
    assert all(c.data_type == "s" for row in evil.iter_rows() for c in row if c.value is not None)


def test_csv_and_json_for_other_tools(out: Path):
    with (out / "sites" / "loi" / "itas.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["ข้อ", "หัวข้อ", "คำตอบ", "URL", "ตำแหน่งบนเว็บไซต์", "หมายเหตุ"]
    assert rows[1][:3] == ["o1", "โครงสร้างและอำนาจหน้าที่", "มี"]
    assert rows[1][4] == "หน้าหลัก → ข้อมูลหน่วยงาน → โครงสร้างองค์กร"
    gap = json.loads((out / "sites" / "loi" / "gap.json").read_text("utf-8"))
    assert gap["deadline"] == "2027-02-15" and gap["answer_window"] == ["2027-03-01", "2027-04-30"]
    assert [g["code"] for g in gap["gaps"]] == ["o2", "o4", "o6", "o10", "o12", "o23"]
    with (out / "sites" / EVIL_DIR / "itas.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = [c for row in csv.reader(handle) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_unknown_site_or_format_is_refused(tmp_path: Path):
    with pytest.raises(KeyError):
        write_reports(sample_run(), tmp_path, {"json"}, site_ids={"nope"})
    with pytest.raises(ValueError):
        write_reports(sample_run(), tmp_path, {"odt"})


def test_itas_rows_carry_paste_ready_text_with_http_links_only(out: Path):
    html = (out / "sites" / "loi" / "itas.html").read_text("utf-8")
    assert (
        'data-paste="http://127.0.1.1:8080/data.php?content_id=12\nhttp://127.0.1.1:8080/ita-2570/\n'
        'หน้าหลัก → ข้อมูลหน่วยงาน → โครงสร้างองค์กร"'
    ) in html
    evil = (out / "sites" / EVIL_DIR / "itas.html").read_text("utf-8")
    assert "javascript:alert(document.cookie)\n" not in evil
    assert 'data-paste="http://127.0.1.4:8080/&#34;&gt;&lt;script&gt;' in evil
