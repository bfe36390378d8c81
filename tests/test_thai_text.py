import pytest

from thai.text import (
    is_mojibake_thai,
    normalize,
    skeleton,
    thai_ratio,
    to_arabic_digits,
    to_thai_digits,
)

# Damaged forms seen in text extracted from Thai PDFs and typed by officers.
SPLIT_SARA_AM = "ประจ\u0e4d\u0e32ปีงบประมาณ"  # ํ + า
SPACED_SARA_AM = "ค \u0e4d\u0e32นำ"  # space before the nikhahit


def test_digits_round_trip_and_mixed_digits():
    assert to_arabic_digits("พ.ศ. ๒๕61") == "พ.ศ. 2561"
    assert to_thai_digits("24 มีนาคม 2566") == "๒๔ มีนาคม ๒๕๖๖"
    assert to_arabic_digits(to_thai_digits("0123456789")) == "0123456789"


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        (SPLIT_SARA_AM, "ประจำปีงบประมาณ"),
        ("ประจ\u0e4d \u0e32ปี", "ประจำปี"),
        (SPACED_SARA_AM, "คำนำ"),
        ("ค\u0e4d\u0e48\u0e32", "ค\u0e48\u0e33"),  # ํ่า typed in the wrong order -> ค่ำ
        ("เเผนพัฒนา", "แผนพัฒนา"),
        ("ข้อมูล\u200bผู้บริหาร\ufeff", "ข้อมูลผู้บริหาร"),
        ("  โครงสร้าง \n\t องค์กร  ", "โครงสร้าง องค์กร"),
        ("ปีงบประมาณ ๒๕๖๖", "ปีงบประมาณ 2566"),
        ("\uf70a", "\u0e48"),  # private-use glyph of a shifted mai ek
        ("ค\n\u0e48า", "ค\u0e48า"),  # a line break before a tone mark
    ],
)
def test_normalize_repairs_damaged_text(damaged, clean):
    assert normalize(damaged) == clean


def test_normalize_can_keep_lines():
    text = "  ความเห็นของปลัด \r\n\n\t(นายสมชาย   ใจดี)\u00a0\n ประจ\u0e4d\u0e32ปี  "
    assert normalize(text, keep_lines=True) == "ความเห็นของปลัด\n(นายสมชาย ใจดี)\nประจำปี"
    assert normalize(text) == "ความเห็นของปลัด (นายสมชาย ใจดี) ประจำปี"


def test_normalize_is_nfc():
    decomposed = "Cafe\u0301"
    assert normalize(decomposed) == "Caf\u00e9"


@pytest.mark.parametrize(
    "variant",
    [
        "ประจาปีงบประมาณ",  # ำ lost
        "ประจ ำ ปี งบประมาณ",  # spaces inside the word
        SPLIT_SARA_AM,
        "ประจําปี งบ ประมาณ",
    ],
)
def test_skeleton_equates_damaged_variants(variant):
    assert skeleton(variant) == skeleton("ประจำปีงบประมาณ")


def test_skeleton_drops_tone_marks_and_keeps_vowels():
    assert skeleton("ผู้บริหาร") == skeleton("ผูบริหาร")
    assert skeleton("กุมภาพันธ์") == "กุมภาพันธ"
    assert skeleton("ข้อมูล") != skeleton("ขอมล")  # vowels are kept: different words stay apart


def test_skeleton_of_damaged_space_matches_lost_nikhahit():
    assert skeleton("ค า น า") == skeleton("คำนำ") == "คานา"


def test_skeleton_keeps_spaces_around_latin_and_digits_and_lowercases():
    assert skeleton("ITA ปีงบประมาณ 2566–2570") == "ita ปีงบประมาณ 2566-2570"
    assert skeleton("E-Service ระบบ") == "e-service ระบบ"


@pytest.mark.parametrize(
    "text",
    ["ข้อมูล ผู้บริหาร", SPLIT_SARA_AM, "ITA ๒๕๖๖ – เเผน", "\u0e4d 1 ก", "ก\n\u0e48 ข", "เเเ"],
)
def test_normalize_and_skeleton_are_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
    assert normalize(normalize(text, keep_lines=True), keep_lines=True) == normalize(text, keep_lines=True)
    assert skeleton(skeleton(text)) == skeleton(text)


def test_thai_ratio():
    assert thai_ratio("ภาษาไทย") == 1.0
    assert thai_ratio("abc") == 0.0
    assert thai_ratio("") == 0.0
    assert thai_ratio("ไทย ab") == pytest.approx(3 / 5)  # ไ ท ย are letters; marks are not counted


THAI_PAGE = "องค์การบริหารส่วนตำบลทดสอบ ข่าวประชาสัมพันธ์ ประจำปี ๒๕๖๖ ITA"


def test_latin1_mojibake_is_detected():
    garbled = THAI_PAGE.encode("cp874").decode("latin-1")
    assert is_mojibake_thai(garbled)


def test_cp1252_mojibake_with_smart_quotes_is_detected():
    original = "\u201cประกาศ\u201d องค์การบริหารส่วนตำบล"
    garbled = original.encode("cp874").decode("cp1252")
    assert is_mojibake_thai(garbled)


@pytest.mark.parametrize(
    "text",
    [THAI_PAGE, "Café, résumé and naïve façade in an English sentence", "plain ascii", ""],
)
def test_text_that_is_not_mojibake_is_left_alone(text):
    assert not is_mojibake_thai(text)
