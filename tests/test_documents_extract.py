"""extract_document on real files made at run time: Thai PDFs with and without a text layer,
DOCX, XLSX, XLS, images, and the bad ones (encrypted, truncated, corrupt, bombs, huge)."""

from __future__ import annotations

import io
import sys
import time
import zipfile

import pypdf
import pytest

from documents import samples
from documents.extract import extract_document
from documents.isolation import run_isolated
from documents.model import DocumentFailure
from documents.ocr import ocr_available
from documents.zipguard import check_zip
from store.records import DocumentStatus

MEMO = [
    "ประกาศเจตจำนงสุจริตในการบริหารงาน",
    "ประจำปีงบประมาณ พ.ศ. 2569",
    "องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดพะเยา",
    "ประกาศ ณ วันที่ 15 ตุลาคม 2568",
    "ลงชื่อ",
    "(นายสมชาย ใจดี)",
    "นายกองค์การบริหารส่วนตำบลทดสอบ",
]
SKR1 = [
    [
        "ลำดับ",
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงินงบประมาณ",
        "ราคากลาง",
        "วิธีซื้อหรือจ้าง",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
        "เหตุผลที่คัดเลือกโดยสังเขป",
        "เลขที่และวันที่ของสัญญา",
    ],
    [
        "1",
        "ซื้อวัสดุสำนักงาน",
        "5,000",
        "5,000",
        "เฉพาะเจาะจง",
        "ร้านทดสอบ 4,900",
        "ร้านทดสอบ 4,900",
        "ราคาต่ำสุด",
        "1/2569 ลว. 3 พ.ย. 2568",
    ],
]
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-tha not installed")


@pytest.fixture(scope="module")
def memo_pdf() -> bytes:
    return samples.text_pdf(MEMO)


def test_text_pdf_gives_repaired_text_and_facts(memo_pdf: bytes) -> None:
    result = extract_document(memo_pdf, "http://127.0.1.1/files/download.php?id=9", "application/octet-stream")
    assert result.status is DocumentStatus.OK
    assert result.method == "text_layer"
    assert result.pages == 1
    assert "ประจำปีงบประมาณ พ.ศ. 2569" in result.text  # the producer lost ำ; repaired
    assert result.fiscal_years[0] == 2569
    assert "2025-10-15" in result.dates
    assert result.signed_by == ["นายสมชาย ใจดี (นายกองค์การบริหารส่วนตำบลทดสอบ)"]
    assert result.quality >= 0.9


def test_every_page_of_a_text_pdf_is_read_without_ocr() -> None:
    pdf = samples.text_pdf(MEMO[:4] + [samples.PAGE_BREAK] + MEMO[4:])
    result = extract_document(pdf, "declaration.pdf", "application/pdf")
    assert (result.pages, result.pages_read, result.ocr_pages, result.method) == (2, 2, 0, "text_layer")
    assert result.text.index("เจตจำนงสุจริต") < result.text.index("นายสมชาย ใจดี")  # page order kept


def test_procurement_table_columns_in_pdf_docx_and_xlsx() -> None:
    titles = ["แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน พฤศจิกายน 2568"]
    pdf = extract_document(samples.text_pdf(titles, SKR1), "a.pdf", "application/pdf")
    docx = extract_document(samples.docx_bytes(titles, SKR1), "a.docx", "")
    xlsx = extract_document(samples.xlsx_bytes(titles, SKR1), "a.xlsx", "")
    for result in (pdf, docx, xlsx):
        assert result.status is DocumentStatus.OK, result.error
        assert {"งานที่จัดซื้อหรือจัดจ้าง", "ราคากลาง", "เลขที่และวันที่ของสัญญา"} <= set(result.table_columns)
        assert result.months_covered == ["2568-11"]
    assert (docx.method, xlsx.method) == ("office", "office")
    assert xlsx.table_columns[:3] == ["ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินงบประมาณ"]  # real cells, in order


def test_xls_is_read() -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("2569")
    for r, row in enumerate(SKR1):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    result = extract_document(out.getvalue(), "http://x/report.xls", "application/vnd.ms-excel")
    assert result.status is DocumentStatus.OK, result.error
    assert "ซื้อวัสดุสำนักงาน" in result.text
    assert "ผู้ได้รับการคัดเลือกและราคาที่ตกลง" in result.table_columns


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_up_to_its_year_and_signature() -> None:
    scan = samples.scanned_pdf(MEMO, dpi=150, pages=3)
    result = extract_document(scan, "Scan2025-10-16_105945.pdf", "application/pdf")
    assert result.method == "ocr"
    assert result.status is DocumentStatus.OK, result.error
    assert (result.pages, result.pages_read, result.ocr_pages) == (3, 1, 1)  # page 1 has both
    assert "OCR read 1 of 3" in result.error
    assert "เจตจำนงสุจริต" in result.text
    assert 2569 in result.fiscal_years  # written in Arabic digits, which OCR reads reliably
    assert any(s.startswith("นายสมชาย ใจดี") for s in result.signed_by)


@needs_ocr
def test_ocr_never_reports_a_misread_thai_digit_year() -> None:
    scan = samples.scanned_pdf(["แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"], dpi=150)
    result = extract_document(scan, "plan.pdf", "application/pdf")
    assert "แผนการดำเนินงาน" in result.text
    assert result.fiscal_years in ([], [2569])


@needs_ocr
def test_mixed_pdf_ocrs_only_the_scanned_pages() -> None:
    writer = pypdf.PdfWriter()
    for part in (samples.text_pdf(MEMO[:3]), samples.scanned_pdf(MEMO[4:], dpi=150)):
        writer.append(pypdf.PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    result = extract_document(out.getvalue(), "report.pdf", "application/pdf")
    assert result.status is DocumentStatus.OK
    assert (result.pages, result.ocr_pages, result.method) == (2, 1, "ocr")
    assert "เจตจำนงสุจริต" in result.text and "นายสมชาย ใจดี" in result.text


@needs_ocr
def test_garbage_text_layer_fails_the_gate_and_the_page_is_ocrd() -> None:
    pdf = samples.broken_layer_pdf(MEMO[:3])
    without_ocr = extract_document(pdf, "old-font.pdf", "application/pdf", ocr=False)
    assert without_ocr.status is DocumentStatus.LOW_QUALITY
    assert "too damaged" in without_ocr.error
    result = extract_document(pdf, "old-font.pdf", "application/pdf")
    assert (result.status, result.method, result.ocr_pages) == (DocumentStatus.OK, "ocr", 1)
    assert "เจตจำนงสุจริต" in result.text and "Ã" not in result.text
    assert result.fiscal_years == [2569]


def test_scanned_pdf_without_ocr_is_image_only() -> None:
    scan = samples.scanned_pdf(MEMO[:2], dpi=72)
    result = extract_document(scan, "scan.pdf", "application/pdf", ocr=False)
    assert result.status is DocumentStatus.IMAGE_ONLY
    assert result.text == ""
    assert "OCR is off" in result.error


@needs_ocr
def test_image_is_read_by_ocr() -> None:
    result = extract_document(samples.png_image(MEMO[:3]), "o1.png", "image/png")
    assert result.status is DocumentStatus.OK
    assert "องค์การบริหารส่วนตำบลทดสอบ" in result.text


def test_password_protected_pdf_is_encrypted_but_owner_only_lock_is_read(memo_pdf: bytes) -> None:
    def locked(user_password: str) -> bytes:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(memo_pdf)))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    assert extract_document(locked("secret"), "a.pdf", "").status is DocumentStatus.ENCRYPTED
    no_copy = extract_document(locked(""), "a.pdf", "")
    assert no_copy.status is DocumentStatus.OK and 2569 in no_copy.fiscal_years


def test_truncated_and_garbage_pdfs_are_corrupt(memo_pdf: bytes) -> None:
    truncated = extract_document(memo_pdf[: len(memo_pdf) // 3], "a.pdf", "application/pdf")
    assert truncated.status is DocumentStatus.CORRUPT
    assert "PDF" in truncated.error
    garbage = extract_document(b"%PDF-1.7\n" + bytes(range(256)) * 20, "a.pdf", "application/pdf")
    assert garbage.status is DocumentStatus.CORRUPT


def test_damaged_office_files_are_corrupt() -> None:
    docx = samples.docx_bytes(MEMO)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    result = extract_document(broken.getvalue(), "a.docx", "")
    assert result.status is DocumentStatus.CORRUPT
    assert "DOCX" in result.error


def _xlsx_bomb(inflated: int) -> bytes:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * inflated)
    return bomb.getvalue()


def test_zip_bomb_is_refused_before_parsing() -> None:
    bomb = _xlsx_bomb(20 * 1024 * 1024)
    assert len(bomb) < 64 * 1024
    result = extract_document(bomb, "data.xlsx", "")
    assert result.status is DocumentStatus.TOO_LARGE
    assert "decompression bomb" in result.error
    with pytest.raises(DocumentFailure, match="inflates to 20 MB"):
        check_zip(bomb, max_uncompressed=10 * 1024 * 1024, max_ratio=10**6)


def test_image_bomb_is_refused() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 MP of white compresses to a few KB
    result = extract_document(out.getvalue(), "big.png", "image/png")
    assert result.status is DocumentStatus.TOO_LARGE


def test_oversized_and_unsupported_inputs() -> None:
    assert extract_document(b"%PDF-" + b"0" * 2000, "a.pdf", "", max_bytes=1000).status is DocumentStatus.TOO_LARGE
    html = extract_document(b"<!DOCTYPE html><html><body>404</body></html>", "a.pdf", "text/html")
    assert html.status is DocumentStatus.UNSUPPORTED and "HTML" in html.error
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert extract_document(ole, "old.doc", "application/msword").status is DocumentStatus.UNSUPPORTED


def test_empty_docx_is_not_trusted() -> None:
    result = extract_document(samples.docx_bytes([]), "empty.docx", "")
    assert result.status is DocumentStatus.LOW_QUALITY
    assert "empty" in result.error


def test_hung_worker_and_its_children_are_killed_at_the_limit(tmp_path) -> None:
    marker = tmp_path / "grandchild-survived"
    grandchild = "import sys, time; time.sleep(1.5); open(sys.argv[1], 'w')"
    worker = "import subprocess, sys, time;subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2]]); time.sleep(60)"
    outcome = run_isolated([sys.executable, "-c", worker, grandchild, str(marker)], "", timeout_s=1.0)
    assert outcome.timed_out
    assert outcome.returncode < 0
    time.sleep(2.0)  # the grandchild would have written the marker by now
    assert not marker.exists()


def test_memory_limit_stops_an_allocation_in_the_worker() -> None:
    script = "from documents.worker import limit_memory; limit_memory(300); b = bytearray(1 << 30)"
    outcome = run_isolated([sys.executable, "-c", script], "", timeout_s=30)
    assert outcome.returncode != 0
    assert "MemoryError" in outcome.stderr


def _pdf_with_content(stream: bytes) -> bytes:
    """A minimal one-page PDF whose page content is ``stream`` (deflated)."""
    import zlib

    packed = zlib.compress(stream, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(packed), packed),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_decompression_bomb_is_stopped_by_the_memory_limit() -> None:
    # 20 KB that inflate to 10 million graphics-state saves: poppler's memory grows past any limit.
    bomb = _pdf_with_content(b"q " * 10_000_000)
    assert len(bomb) < 64 * 1024
    result = extract_document(bomb, "bomb.pdf", "application/pdf", memory_mb=600, timeout_s=60)
    assert result.status is DocumentStatus.TOO_LARGE
    assert "memory" in result.error
