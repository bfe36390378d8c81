"""Repair of damaged Thai PDF text, the quality gate, OCR year checks and fact extraction."""

from __future__ import annotations

import pytest

from documents.facts import document_facts, signed_by, table_columns
from documents.ocr_years import UNREADABLE_YEAR, check_ocr_years
from documents.repair import quality, repair_line, repair_text

WINDOW = range(2554, 2573)


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("ประจ าปีงบประมาณ", "ประจำปีงบประมาณ"),  # sara am split by a space
        ("ประจําปีงบประมาณ", "ประจำปีงบประมาณ"),  # nikhahit + sara aa
        ("แผนการดาเนินงานประจาปี", "แผนการดำเนินงานประจำปี"),  # sara am lost by the font
        ("ที ่ทาการ อบต.", "ที่ทำการ อบต."),  # a space before a tone mark
        ("น ้ า ประปา", "น้ำ ประปา"),
        ("ผู\uf70bบริหาร", "ผู้บริหาร"),  # private-use tone mark glyph
        ("เเผนพัฒนา", "แผนพัฒนา"),
        ("ปี ๒๕๖๘", "ปี 2568"),
    ],
)
def test_repair_line_fixes_usual_pdf_damage(damaged: str, repaired: str) -> None:
    assert repair_line(damaged) == repaired


def test_repair_text_keeps_lines_and_drops_blank_ones() -> None:
    assert repair_text("ลงชื่อ\n\n  (นายสมชาย  ใจดี)\f\nนายก") == "ลงชื่อ\n(นายสมชาย ใจดี)\nนายก"


def test_quality_trusts_clean_thai_and_rejects_garbage() -> None:
    clean = "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2568 องค์การบริหารส่วนตำบล"
    assert quality(clean) == 1.0
    custom_encoded_font = "ÃÒ§Ò¹¼Å¡ÒÃ´Óà¹Ô¹§Ò¹ »ÃÐ¨Ó»Õ§º»ÃÐÁÒ³ 2568"
    assert quality(custom_encoded_font) < 0.6
    unmapped_glyphs = "รายงาน\ue101\ue102ผลการ\ue103ดำเนิน\ue104งาน"
    assert quality(unmapped_glyphs) < 0.6
    orphan_marks = "ร ่ายง ้าน ผ ู้ล ก ่าร ด ำเนิน"
    assert quality(orphan_marks) < quality(clean)
    assert quality("") == 0.0


def test_ocr_years_are_kept_corrected_or_blanked_never_guessed() -> None:
    assert check_ocr_years("ปีงบประมาณ พ.ศ. ๒๕๖๗", WINDOW) == "ปีงบประมาณ พ.ศ. ๒๕๖๗"
    # ๒๕๖๙ as tesseract reads it: corrected only when the Arabic year elsewhere agrees.
    assert check_ocr_years("พ.ศ. ๒๕๒๐๕ (2569)", WINDOW) == "พ.ศ. ๒๕๖๙ (2569)"
    assert check_ocr_years("พ.ศ. ๒๕๒๐๕", WINDOW) == f"พ.ศ. {UNREADABLE_YEAR}"
    # Outside the plausible window with several readings inside it: blanked.
    assert check_ocr_years("ปี ๒๕๒๓", WINDOW) == f"ปี {UNREADABLE_YEAR}"
    # Another Thai-digit year of the document that is read unambiguously decides.
    assert check_ocr_years("๒๕๖๙ และ ๒๕๒๐๕", WINDOW) == "๒๕๖๙ และ ๒๕๖๙"
    # ๒๕๖๙ read as ๒๕๕๙ (seen on the fleet): 2559 and 2569 are both plausible, so no year.
    assert check_ocr_years("ปีงบประมาณ พ.ศ. ๒๕๕๙", WINDOW) == f"ปีงบประมาณ พ.ศ. {UNREADABLE_YEAR}"
    assert check_ocr_years("พ.ศ. ๒๕๕๐ วันที่ 1 ตุลาคม 2569 ปี 2570", WINDOW) == "พ.ศ. ๒๕๗๐ วันที่ 1 ตุลาคม 2569 ปี 2570"
    # A year that lost a digit is blanked where a year must stand; amounts are left alone.
    assert check_ocr_years("พ.ศ. ๒๕๐ ราคา ๒๕๐ บาท", WINDOW) == f"พ.ศ. {UNREADABLE_YEAR} ราคา ๒๕๐ บาท"
    # Seen on the fleet: ๒๕๖๘ read as ๒๕๖๐ in the date and ๒๕๖๕ in the title; together they agree.
    misread = "พ.ศ. ๒๕๖๕ ... พ.ศ. ๒๕๖๕ ... 5 กันยายน ๒๕๖๐"
    assert check_ocr_years(misread, WINDOW) == "พ.ศ. ๒๕๖๘ ... พ.ศ. ๒๕๖๘ ... 5 กันยายน ๒๕๖๘"
    assert check_ocr_years("ปี 2566 เลขที่ 12345", WINDOW) == "ปี 2566 เลขที่ 12345"


def test_signed_by_reads_signature_blocks() -> None:
    memo = "\n".join(
        [
            "จึงเรียนมาเพื่อโปรดพิจารณา",
            "ลงชื่อ ............................",
            "(นายสมชาย ใจดี)",
            "นายกองค์การบริหารส่วนตำบลทดสอบ",
            "ลงชื่อ นางสาวมาลี ศรีสุข ผู้ตรวจ",
            "(ลงชื่อ)",
            "(1) รายการ",
            "สืบเอก",  # a rank on the line above, as in the seed memos
            "(สุกิจ มูลศรี)",
            "นักป้องกันและบรรเทาสาธารณภัยชำนาญการ รักษาการในตำแหน่ง",
            "(ว่าที่ ร.ต. ปริญญา จันทร์หอม) ผู้อำนวยการกองช่าง",
        ]
    )
    assert signed_by(memo) == [
        "นายสมชาย ใจดี (นายกองค์การบริหารส่วนตำบลทดสอบ)",
        "นางสาวมาลี ศรีสุข",
        "สุกิจ มูลศรี (นักป้องกันและบรรเทาสาธารณภัยชำนาญการ รักษาการในตำแหน่ง)",
        "ว่าที่ร.ต.ปริญญา จันทร์หอม (ผู้อำนวยการกองช่าง)",
    ]


def test_table_columns_from_cells_and_from_damaged_text() -> None:
    cells = ["ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "ราคากลาง (บาท)"]
    assert table_columns("", cells) == cells
    # PDF text wraps header cells and loses marks; the skeleton still finds the headings.
    wrapped = "งานที่จัดซื้อ\nหรือจัดจ้าง วงเงินงบ ประมาณ เหตุผลทีคัดเลือก\nโดยสังเขป"
    assert table_columns(wrapped) == ["งานที่จัดซื้อหรือจัดจ้าง", "วงเงินงบประมาณ", "เหตุผลที่คัดเลือกโดยสังเขป"]


def test_document_facts_years_months_dates() -> None:
    text = repair_text(
        "สรุปผลการจัดซื้อจัดจ้าง ประจาปีงบประมาณ พ.ศ. ๒๕๖๙\n"
        "ประจำเดือน ตุลาคม ๒๕๖๘ - ธันวาคม ๒๕๖๘\n"
        "แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570\n"
        "ประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๙"
    )
    facts = document_facts(text)
    assert facts.fiscal_years[0] == 2569  # the stated year comes first
    assert {2566, 2570} <= set(facts.fiscal_years)
    assert facts.months_covered == ["2568-10", "2568-11", "2568-12"]
    assert facts.dates == ["2026-01-05"]
