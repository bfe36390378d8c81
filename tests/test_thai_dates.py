import datetime

import pytest

from thai.dates import (
    find_dates,
    find_fiscal_years,
    fiscal_year_of,
    format_thai_date,
    format_thai_month_year,
    months_mentioned,
    stated_fiscal_years,
)
from thai.text import normalize

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วันที่ ๒๔ มีนาคม ๒๕๖๖", D(2023, 3, 24)),
        ("ประกาศ ณ วันที่ 24 มีนาคม พ.ศ. 2566", D(2023, 3, 24)),
        ("1 ต.ค.2566", D(2023, 10, 1)),
        ("5 ตค. 66", D(2023, 10, 5)),
        ("5 ต.ค 66", D(2023, 10, 5)),
        ("๓๐ ก.ย. ๖๖", D(2023, 9, 30)),
        ("15 มิ.ย. 2565", D(2022, 6, 15)),
        ("1 เดือน ธันวาคม 2567", D(2024, 12, 1)),
        ("3 กุมภาพันธ 2564", D(2021, 2, 3)),  # ์ lost in extraction
        ("9 กรกฏาคม 2566", D(2023, 7, 9)),  # common misspelling ฏ
        ("2 ตุลา 66", D(2023, 10, 2)),  # colloquial short name
        ("07-06-65", D(2022, 6, 7)),  # two-digit BE year
        ("7/6/2565", D(2022, 6, 7)),
        ("1.10.2566", D(2023, 10, 1)),
        ("๒๕61-01-15", D(2018, 1, 15)),  # mixed digits
        ("Scan2023-10-16_105945.pdf", D(2023, 10, 16)),  # CE in a scanner file name
        ("2566-10-01", D(2023, 10, 1)),
        ("16/10/23", D(2023, 10, 16)),  # a short year below 40 can only be CE
        ("12 March ค.ศ. 2023 / 12 มีนาคม ค.ศ. 2023", D(2023, 3, 12)),
    ],
)
def test_find_dates_reads_thai_and_numeric_dates(text, expected):
    assert find_dates(text)[-1] == expected


@pytest.mark.parametrize(
    "text",
    [
        "2566-2570",  # a range, not a date
        "โทร 0-2566-1234",
        "054-441234",
        "31 กุมภาพันธ์ 2566",  # no such day
        "13/13/2566",
        "5 ต.ค. 1234",  # year outside the sanity window
        "ที่ สค.๗๓๒๐๑/๑๑๙",  # document number after ส.ค.-like letters
        "10 ตุลาการ 2566",
        "ราคา 12.50.66 บาท",  # not a day.month
    ],
)
def test_find_dates_rejects_non_dates(text):
    assert find_dates(text) == []


def test_find_dates_keeps_text_order():
    text = "ลงวันที่ 1 ต.ค. 2566 แก้ไข 07-06-65"
    assert find_dates(text) == [D(2023, 10, 1), D(2022, 6, 7)]


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (D(2023, 9, 30), 2566),
        (D(2023, 10, 1), 2567),
        (D(2026, 10, 1), 2570),
        (D(2027, 9, 30), 2570),
        (D(2024, 1, 1), 2567),
    ],
)
def test_fiscal_year_boundaries(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def _kinds(text):
    return [(m.kind, m.year, m.end_year) for m in find_fiscal_years(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ปีงบประมาณ พ.ศ. ๒๕๖๖", [("stated", 2566, 2566)]),
        ("ประจําปีงบประมาณ พ.ศ.๒๕๖๗", [("stated", 2567, 2567)]),
        ("ประจาปีงบประมาณ 2568", [("stated", 2568, 2568)]),  # damaged ำ
        ("ปีงบ 67", [("stated", 2567, 2567)]),
        ("งบประมาณ พ.ศ. 2569", [("stated", 2569, 2569)]),
        ("ปี งบ ประมาณ ๒๕๖๖", [("stated", 2566, 2566)]),
        ("แผนพัฒนาท้องถิ่น พ.ศ. 2566–2570", [("range", 2566, 2570)]),
        ("แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)", [("range", 2566, 2570)]),
        ("แผน 2566-2570", [("range", 2566, 2570)]),
        ("พ.ศ. 2566 ถึง 2570", [("range", 2566, 2570)]),
        ("แผนสามปี 2566-68", [("range", 2566, 2568)]),
        ("ประจำปี พ.ศ. 2566", [("plain", 2566, 2566)]),
        ("ปี 66", [("plain", 2566, 2566)]),
        ("ita2567", [("plain", 2567, 2567)]),
        ("https://sao.example/ita-2566/", [("plain", 2566, 2566)]),
        ("แผน_2567_final.pdf", [("plain", 2567, 2567)]),
        ("ค.ศ. 2023", [("plain", 2566, 2566)]),
        ("ลงวันที่ 30 กันยายน 2566", [("date", 2566, 2566)]),
        ("ลงวันที่ 1 ตุลาคม 2566", [("date", 2567, 2567)]),
        ("ประจำเดือน ตุลาคม 2569", [("date", 2570, 2570)]),
        ("ไตรมาสที่ 3/2569", [("stated", 2569, 2569)]),
        ("ปีงบ 69 ไตรมาส 3", [("stated", 2569, 2569)]),
        ("(พ.ศ. ๒๕๖๖ – พ.ศ. ๒๕๗๐)", [("range", 2566, 2570)]),
        ("ปีงบประมาณ 2566 - 2567", [("range", 2566, 2567)]),
        ("plan2023-2027.pdf", [("range", 2566, 2570)]),  # CE years in a file name
        ("พศ.2566", [("plain", 2566, 2566)]),
        ("พ. ศ ๒๕๖๖", [("plain", 2566, 2566)]),  # OCR spacing, dot lost
        # a numbered heading after the year (lines joined by normalize) does not hide it
        ("ประจำปีงบประมาณ พ.ศ. 2566 1. หลักการและเหตุผล", [("stated", 2566, 2566)]),
        ("แผนพัฒนาท้องถิ่น 2566-2570 1. บทนำ", [("range", 2566, 2570)]),
    ],
)
def test_find_fiscal_years_kinds(text, expected):
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "โทร 0-2566-1234",
        "โทรศัพท์ 0 2566 1234",
        "ราคา 2,566.00 บาท",
        "จำนวน 2566 บาท",
        "งบประมาณ 66 ล้านบาท",
        "งบประมาณ 2,566,000 บาท",
        "ผู้เข้าชม 2566 คน",
        "โทรศัพท์ ๐๓๔๘๘๖๑๒๒",
        "เลขที่ 25661234",
        "ประชุมสมัยที่ 1/2566 วาระ 2.2566",  # numbers around a separator
        "0-2566-1234",
        "พ.ศ. 1234",  # OCR junk outside the window
        "ปีงบประมาณ พ.ศ. ๒๕๒๒",  # ๖ misread as ๒ by OCR: implausibly old
        "ปีงบประมาณ พ.ศ. 2999",
        "2570-2566",  # a range must run forward
        "2550-2570",  # and not span decades
    ],
)
def test_numbers_that_are_not_years(text):
    assert find_fiscal_years(text) == []


def test_spans_index_into_the_given_text():
    text = "รายงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ และแผน ๒๕๖๖-๒๕๗๐"
    stated, plan = find_fiscal_years(text)
    assert "๒๕๖๖" in text[slice(*stated.span)]
    assert text[slice(*plan.span)] == "๒๕๖๖-๒๕๗๐"
    assert list(plan.years) == [2566, 2567, 2568, 2569, 2570]


def test_each_year_is_read_once_by_its_most_specific_form():
    text = "ประจำปีงบประมาณ พ.ศ. 2566 ลงวันที่ 24 มีนาคม พ.ศ. 2566"
    assert _kinds(text) == [("stated", 2566, 2566), ("date", 2566, 2566)]


SIX_MONTH_REPORT = """รายงานการดำเนินการตามมาตรการ ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน (เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)
โดยวิเคราะห์ผลคะแนน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ... ประจําปีงบประมาณ พ.ศ. ๒๕๖๖"""


def test_stated_years_are_preferred_over_dates_and_plain_years():
    assert stated_fiscal_years(SIX_MONTH_REPORT) == [2565, 2566]
    assert stated_fiscal_years("แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570 ลงวันที่ 1 ต.ค. 2564") == [
        2566,
        2567,
        2568,
        2569,
        2570,
    ]
    # a plan for FY 2567 posted in September 2566: the stated year wins over the date
    assert stated_fiscal_years("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ 2567 ประกาศ 15 ก.ย. 2566") == [2567]
    assert stated_fiscal_years("ประกาศ 15 ก.ย. 2566 ปี 2560") == [2566]
    assert stated_fiscal_years("ข่าวประชาสัมพันธ์") == []


def test_stated_fiscal_years_cover_a_plan_period():
    plan = "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ – ๒๕๗๐)"
    assert 2569 in stated_fiscal_years(plan)
    assert 2571 not in stated_fiscal_years(plan)
    assert 2570 in stated_fiscal_years(normalize("ประจ\u0e4d\u0e32ปีงบประมาณ ๒๕๗๐"))
    assert 2570 not in stated_fiscal_years("ปีงบประมาณ 2569")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประจำเดือน ตุลาคม 2569", [(2569, 10)]),
        ("เดือน ต.ค. 69", [(2569, 10)]),
        ("ประจำเดือนต.ค. 2566", [(2566, 10)]),
        ("ประจำเดือนมีค 66", [(2566, 3)]),
        ("ชมคลิป 66", []),  # undotted letters inside a word are not a month
        ("สรุปผล ต.ค.-ธ.ค. 2569", [(2569, 10), (2569, 11), (2569, 12)]),
        # a range within one fiscal year: the year belongs to the last month
        ("ต.ค. - มี.ค. 2570", [(2569, 10), (2569, 11), (2569, 12), (2570, 1), (2570, 2), (2570, 3)]),
        ("(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)", [(2565, 10), (2565, 11), (2565, 12), (2566, 1), (2566, 2), (2566, 3)]),
        ("ประจำเดือนพฤศจิกายน พ.ศ.2566 และเดือนมกราคม 2567", [(2566, 11), (2567, 1)]),
        ("ลงวันที่ 24 มีนาคม 2566", []),  # a full date is not a month mention
        ("ตุลาการ 2566", []),
        ("เดือน ต.ค.", []),  # no year
        # fiscal-year quarters: Q1 is October–December of the year before
        ("ไตรมาสที่ 1/2569", [(2568, 10), (2568, 11), (2568, 12)]),
        ("ไตรมาส ๒ ปีงบประมาณ พ.ศ. ๒๕๖๙", [(2569, 1), (2569, 2), (2569, 3)]),
        ("ประจำปีงบประมาณ พ.ศ. 2569 ไตรมาสที่ 4", [(2569, 7), (2569, 8), (2569, 9)]),
        ("ไตรมาส 5/2569", []),
    ],
)
def test_months_mentioned(text, expected):
    assert months_mentioned(text) == expected


def test_formatting():
    assert format_thai_date(D(2023, 3, 24)) == "๒๔ มีนาคม ๒๕๖๖"
    assert format_thai_date(D(2026, 10, 1), thai_digits=False) == "1 ตุลาคม 2569"
    assert format_thai_month_year(2569, 10) == "ตุลาคม ๒๕๖๙"
    assert format_thai_month_year(2569, 10, thai_digits=False, abbreviated=True) == "ต.ค. 2569"


def test_formatted_dates_are_read_back():
    day = D(2024, 2, 29)
    assert find_dates(format_thai_date(day)) == [day]


def test_form_number_before_a_month_is_not_a_day():
    text = "แบบ สขร.1 เดือน ตุลาคม 2568"
    assert find_dates(text) == []
    assert months_mentioned(text) == [(2568, 10)]


def test_words_after_a_stated_year_are_not_count_units():
    assert stated_fiscal_years("ประจำปีงบประมาณ พ.ศ. 2566\nรายการ") == [2566]
    assert stated_fiscal_years("ปีงบประมาณ 2566 รายงานผลการดำเนินงาน") == [2566]
    assert stated_fiscal_years("ผู้รับบริการ 2566 ราย") == []
