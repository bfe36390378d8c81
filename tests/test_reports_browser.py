"""The HTML reports in a real headless Chromium: content after scripts ran, screenshots, the PDF's text.

Kept to five browser launches (~1–2 s each)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from reports.chromium import PdfPrinter, dump_dom, screenshot
from reports.copies import StoredPage
from reports.render import write_reports
from reports.safety import site_dir_name
from reports_fixtures import sample_run

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    page = '<p>คณะผู้บริหารชุดปัจจุบัน</p><script>document.write("SCRIPT-RAN")</script>'
    stored = StoredPage("http://127.0.1.1:8080/staff.php", page.encode())
    write_reports(sample_run(), out, {"html"}, copies=lambda site: [stored] if site.id == "loi" else [])
    write_reports(sample_run(), out, {"pdf"}, site_ids={"loi"})
    return out


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_overview_script_runs_offline_and_hostile_text_stays_inert(out: Path):
    dom = dump_dom(out / "index.html")
    assert "แสดง ๓ จาก ๓ แห่ง" in dom  # overview.js ran from disk (no CDN) and counted the judged sites
    assert "<title>pwned</title>" not in dom and "ภาพรวมผลการตรวจเว็บไซต์ตามเกณฑ์ OIT" in dom
    unreachable = dom[dom.index("เว็บไซต์ที่ตรวจไม่ได้") :]
    assert "เทศบาลตำบลปิด" in unreachable  # listed apart, not in the matrix
    matrix = dom[dom.index('id="matrix"') : dom.index("เว็บไซต์ที่ตรวจไม่ได้")]
    assert "เทศบาลตำบลปิด" not in matrix
    assert '&lt;script&gt;document.title="pwned"&lt;/script&gt;' in dom


def test_evidence_page_of_a_hostile_site_renders_without_running_its_scripts(out: Path):
    dom = dump_dom(out / "sites" / site_dir_name("../evil site<script>") / "evidence.html")
    assert "<title>pwned</title>" not in dom and "<title>หลักฐาน – " in dom
    assert "หน้าหลัก → &lt;script&gt;" in dom


def test_gap_report_screenshot(out: Path, tmp_path: Path):
    png = screenshot(out / "sites" / "loi" / "gap.html", tmp_path / "gap.png", 1200, 900)
    assert _png_size(png) == (1200, 900)
    assert png.stat().st_size > 20_000  # a rendered page, not a blank one


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_text_copies_back_with_sara_am_intact(out: Path):
    pdf = out / "sites" / "loi" / "gap.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    joined = re.sub(r"\s+", "", text)  # pdftotext breaks lines and spaces around marks; compare without them
    for phrase in [
        "บันทึกข้อความ",
        "ประจำปีงบประมาณพ.ศ.๒๕๗๐",
        "จัดทำมาตรการปรับปรุง",
        "แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี",
        "พบแต่ขาด:รูปถ่าย,หมายเลขโทรศัพท์",
        "ภายในวันที่๑๕กุมภาพันธ์๒๕๗๐",
    ]:
        assert phrase in joined, phrase
    assert "\u0e4d\u0e32" not in text  # ำ never decomposed into nikhahit + sara aa
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "2", str(pdf)], capture_output=True, check=True).stdout.decode()
    sizes = [tuple(map(float, m)) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    assert len(sizes) == 2
    assert abs(sizes[0][0] - 595) < 2 and abs(sizes[0][1] - 842) < 2  # the memo: A4 portrait, in points
    assert abs(sizes[1][0] - 842) < 2 and abs(sizes[1][1] - 595) < 2  # the measure table: A4 landscape


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_stored_copy_shows_the_page_without_running_its_scripts(out: Path, tmp_path: Path):
    copy_page = next((out / "sites" / "loi" / "copies").glob("*.html"))
    with PdfPrinter() as printer:  # printing waits for the load event, the sandboxed iframe's included
        pdf = printer.print(copy_page, tmp_path / "copy.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "คณะผู้บริหารชุดปัจจุบัน" in text and "สำเนาหน้าเว็บตามที่ระบบเห็น" in text
    assert "SCRIPT-RAN" not in text


def test_itas_sheet_gets_a_copy_button_per_item_with_evidence(out: Path):
    dom = dump_dom(out / "sites" / "loi" / "itas.html")
    assert dom.count('class="copy-button"') == 6  # o1 o2 o3 o4 o10 o12 have http(s) evidence; o6 and o23 none


def test_chromium_leaves_nothing_in_the_home_folder(tmp_path: Path, monkeypatch):
    """Its profile, crash reports and caches live in a temporary folder removed afterwards."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    page = tmp_path / "page.html"
    page.write_text("<p>ทดสอบ</p>", encoding="utf-8")
    assert "ทดสอบ" in dump_dom(page)
    with PdfPrinter() as printer:
        printer.print(page, tmp_path / "page.pdf")
    assert list(home.rglob("*")) == []
    assert list(temp.iterdir()) == []
