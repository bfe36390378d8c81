"""Which scanned pages a PDF's OCR reads: the first pages until a year is read, then the last page
when no signature was read; the rest are not read. The OCR call is replaced by page texts, so
these tests are about the plan alone (tests/test_documents_extract.py runs the real tesseract)."""

from __future__ import annotations

from pathlib import Path

import pytest

import documents.parse as parse
from documents.parse import ParseOptions, parse_document
from documents.sniff import Kind

TITLE = "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"
YEAR = "ประจำปีงบประมาณ พ.ศ. 2569"
BODY = "องค์การบริหารส่วนตำบลทดสอบได้ดำเนินการตามแผนครบทุกโครงการและรายงานผลต่อผู้บริหารแล้ว"
SIGNATURE = "ลงชื่อ\n(นายสมชาย ใจดี)\nนายกองค์การบริหารส่วนตำบลทดสอบ"


@pytest.fixture
def scan(monkeypatch: pytest.MonkeyPatch):
    """A scan of the given page texts: no text layer; returns the pages OCR was asked for."""
    asked: list[int] = []

    def make(*texts: str) -> list[int]:
        monkeypatch.setattr(parse, "text_pages", lambda path: [""] * len(texts))
        monkeypatch.setattr(parse, "ocr_available", lambda: True)

        def ocr(path: Path, page: int, workdir: Path, dpi: int) -> str:
            asked.append(page)
            return texts[page - 1]

        monkeypatch.setattr(parse, "ocr_pdf_page", ocr)
        return asked

    return make


def _parse(max_pages: int = 5):
    return parse_document(Path("scan.pdf"), Kind.PDF, ParseOptions(max_pages=max_pages))


def test_a_year_and_a_signature_on_the_first_page_stop_ocr_there(scan) -> None:
    asked = scan(f"{TITLE}\n{YEAR}\n{BODY}\n{SIGNATURE}", BODY, BODY, BODY)
    result = _parse()
    assert asked == [1]
    assert (result.pages, result.pages_read, result.ocr_pages) == (4, 1, 1)
    assert result.fiscal_years == [2569]
    assert "OCR read 1 of 4" in result.error


def test_the_next_page_is_read_only_when_the_first_gave_no_year(scan) -> None:
    asked = scan(f"บันทึกข้อความ\n{BODY}", f"{TITLE}\n{YEAR}\n{SIGNATURE}", BODY, BODY)
    result = _parse()
    assert asked == [1, 2]
    assert result.fiscal_years == [2569]


def test_the_last_page_is_read_for_the_signature(scan) -> None:
    asked = scan(f"{TITLE}\n{YEAR}\n{BODY}", BODY, BODY, f"{BODY}\n{SIGNATURE}")
    result = _parse()
    assert asked == [1, 4]
    assert result.signed_by and result.signed_by[0].startswith("นายสมชาย ใจดี")


def test_the_page_cap_still_bounds_the_plan(scan) -> None:
    asked = scan(BODY, BODY, BODY, BODY)
    _parse(max_pages=2)
    assert asked == [1, 2]


def test_reading_on_demand_takes_every_scanned_page_up_to_the_cap(scan) -> None:
    asked = scan(f"{TITLE}\n{YEAR}\n{SIGNATURE}", BODY, BODY, BODY, BODY)
    result = parse_document(Path("scan.pdf"), Kind.PDF, ParseOptions(max_pages=4, ocr_all=True))
    assert asked == [1, 2, 3, 4]
    assert (result.pages, result.pages_read, result.ocr_pages) == (5, 4, 4)
