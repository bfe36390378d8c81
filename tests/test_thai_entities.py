import pytest

from thai.entities import find_emails, find_person_names, find_phones, find_positions, looks_like_address
from thai.text import normalize


def _names(text):
    return [(n.title, n.given_name, n.surname) for n in find_person_names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("นายสมชาย ใจดี", [("นาย", "สมชาย", "ใจดี")]),
        ("นาย สมชาย ใจดี", [("นาย", "สมชาย", "ใจดี")]),
        ("นางสาวสมศรี มีสุข", [("นางสาว", "สมศรี", "มีสุข")]),
        ("น.ส.สมศรี มีสุข", [("น.ส.", "สมศรี", "มีสุข")]),
        ("นางมาลี ศรีสุข", [("นาง", "มาลี", "ศรีสุข")]),
        ("ว่าที่ ร.ต.ปริญญา จันทร์หอม", [("ว่าที่ร.ต.", "ปริญญา", "จันทร์หอม")]),
        ("ว่าที่ร้อยตรีสมชาย ดีมาก", [("ว่าที่ร้อยตรี", "สมชาย", "ดีมาก")]),
        ("จ.ส.อ.สมพงษ์ แก้วมา", [("จ.ส.อ.", "สมพงษ์", "แก้วมา")]),
        ("ร.ต.อ.วิชัย ทองดี", [("ร.ต.อ.", "วิชัย", "ทองดี")]),
        ("ดร.อรุณ แสงทอง", [("ดร.", "อรุณ", "แสงทอง")]),
        ("นายกมล ใจดี", [("นาย", "กมล", "ใจดี")]),  # a name starting with ก is not นายก
        # a surname running into the next word is cut at the position
        ("นายสมหมาย ใจงามนายก อบต.", [("นาย", "สมหมาย", "ใจงาม")]),
        # signature block: a bare name in parentheses on its own line
        ("สืบเอก\n(สุกิจ มูลศรี)\nนักจัดการงานทั่วไป", [("", "สุกิจ", "มูลศรี")]),
        ("\n(นายฉลอง ออสา)\nรองปลัด", [("นาย", "ฉลอง", "ออสา")]),
    ],
)
def test_find_person_names(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "นายกองค์การบริหารส่วนตำบลลอย",
        "นายก อบต. ลอย",
        "นายกเทศมนตรีตำบลลอย",
        "นายช่างโยธา ชำนาญงาน",
        "นายอำเภอปง จังหวัดพะเยา",
        "นายสมชาย ตำแหน่งปลัด",  # no surname: the next word is a position
        "ดูรายละเอียด (ฉบับปรับปรุง ล่าสุด) ด้านล่าง",  # parentheses inside a sentence
        "พ.ศ. 2566",
    ],
)
def test_positions_and_trades_are_not_person_names(text):
    assert find_person_names(text) == []


def _positions(text):
    return [(p.id, p.side) for p in find_positions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("นายกองค์การบริหารส่วนตำบลลอย", [("mayor", "political")]),
        ("นายก อบต.", [("mayor", "political")]),
        ("นายกเทศมนตรีตำบลลอย", [("mayor", "political")]),
        ("รองนายก อบต.", [("deputy_mayor", "political")]),
        ("เลขานุการนายกองค์การบริหารส่วนตำบล", [("mayor_secretary", "political")]),
        ("ประธานสภาองค์การบริหารส่วนตำบล", [("council_chair", "political")]),
        ("รองประธานสภา อบต.", [("council_vice_chair", "political")]),
        ("เลขานุการสภา", [("council_secretary", "political")]),
        ("สมาชิกสภา อบต. หมู่ที่ 3", [("council_member", "political")]),
        ("ปลัดองค์การบริหารส่วนตำบลลอย", [("chief_administrator", "permanent")]),
        ("รองปลัด อบต.", [("deputy_chief_administrator", "permanent")]),
        ("หัวหน้าสำนักปลัด", [("head_of_office", "permanent")]),
        ("หัวหนาสานักปลัด", [("head_of_office", "permanent")]),  # damaged: tone mark and ำ lost
        ("ผู้อำนวยการกองคลัง", [("director_finance", "permanent")]),
        ("ผูอํานวยการกองช่าง", [("director_engineering", "permanent")]),
        ("ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม", [("director_education", "permanent")]),
        ("ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม", [("director_public_health", "permanent")]),
        ("ผู้อำนวยการกองยุทธศาสตร์", [("director", "permanent")]),
        ("ตำแหน่งว่าง", [("vacant", None)]),
        ("ส่วนราชการ สำนักปลัด", []),  # a unit, not the position
        ("ปลัดอำเภอปง", []),  # a district officer, not an LAO position
        ("นายกมล ใจดี", []),
        ("ส.ท.สมชาย ใจดี", []),  # สิบโท, a rank
    ],
)
def test_find_positions(text, expected):
    assert _positions(text) == expected


def test_positions_of_an_executives_page_cover_both_sides():
    page = (
        "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบลทดสอบ โทร 081-234-5678\n"
        "นางมาลี ศรีสุข รองนายก อบต.\nตำแหน่งว่าง เลขานุการนายก อบต.\n"
        "นายวิชัย ทองดี ปลัด อบต.\nนางสาวสมศรี มีสุข ผู้อำนวยการกองคลัง"
    )
    positions = find_positions(page)
    assert {p.side for p in positions} == {"political", "permanent", None}
    assert [p.id for p in positions] == [
        "mayor",
        "deputy_mayor",
        "vacant",
        "mayor_secretary",
        "chief_administrator",
        "director_finance",
    ]
    assert len(find_person_names(page)) == 4


def _phones(text):
    return [(p.number, p.extension) for p in find_phones(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โทร 0-5444-1234", [("054441234", None)]),
        ("โทร. 054-441234", [("054441234", None)]),
        ("โทรศัพท์ ๐๕๔ ๔๔๑ ๒๓๔", [("054441234", None)]),
        ("โทรศัพท์ ๐๓๔๘๘๖๑๒๒", [("034886122", None)]),
        ("02-123-4567 ต่อ 105", [("021234567", "105")]),
        ("0 2123 4567 ต่อ 12", [("021234567", "12")]),
        ("(054) 441-234", [("054441234", None)]),
        ("มือถือ 081-234-5678", [("0812345678", None)]),
        ("08-1234-5678", [("0812345678", None)]),
        ("0812345678", [("0812345678", None)]),
        ("+66 81 234 5678", [("0812345678", None)]),
        ("โทร 054-441234, 081-234-5678", [("054441234", None), ("0812345678", None)]),
        ("โทร.๐๘๑๒๓๔๕๖๗๘มือถือ", [("0812345678", None)]),
        ("โทร054-441234ต่อ12โทรสาร054441235", [("054441234", "12"), ("054441235", None)]),
    ],
)
def test_find_phones(text, expected):
    assert _phones(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "07-06-65",
        "2566-10-01",
        "ราคา 1,234,567.00 บาท",
        "เลขประจำตัวผู้เสียภาษี 0994000123456",  # 13 digits
        "12345678",
        "0-1234-5678",  # no Thai area code 01
        "02-1234-5678",  # ten digits, but not a mobile prefix
        "วันที่ 01/10/2566",
        "ราคา 1,081,234,567 บาท",
        "1.0812345678",
    ],
)
def test_dates_amounts_and_ids_are_not_phones(text):
    assert find_phones(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("อีเมล saraban@loi.go.th", ["saraban@loi.go.th"]),
        ("E-mail: Admin.Loi@Gmail.com.", ["admin.loi@gmail.com"]),
        ("admin[at]loi.go.th", ["admin@loi.go.th"]),
        ("admin (at) loi (dot) go (dot) th", ["admin@loi.go.th"]),
        ("abc@def dot co dot th", ["abc@def.co.th"]),
        ("a@b.go.th และ a@b.go.th อีกครั้ง, c_d@e-f.or.th", ["a@b.go.th", "c_d@e-f.or.th"]),
        ("อีเมลsaraban@loi.go.thโทร 054-441234", ["saraban@loi.go.th"]),  # Thai text on both sides
        ("ติดต่อ info at x dot com", []),  # a bare "at" is ordinary English, not an address
        ("ไม่มี @ ในข้อความนี้", []),
        ("user@localhost", []),
    ],
)
def test_find_emails(text, expected):
    assert find_emails(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ที่อยู่ 99 หมู่ 5 ตำบลลอย อำเภอปง จังหวัดพะเยา 56140",
        "99 ม.5 ต.ลอย อ.ปง จ.พะเยา",
        "เลขที่ ๙๙ หมู่ที่ ๕ ตำบลลอย อำเภอปง จังหวัดพะเยา",
        "ตาบลลอย อาเภอปง จังหวัดพะเยา ๕๖๑๔๐",  # damaged: ำ lost
        "แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร 10900",
    ],
)
def test_addresses(text):
    assert looks_like_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "องค์การบริหารส่วนตำบลลอย จังหวัดพะเยา",  # two parts only
        "องค์การบริหารส่วนตำบลลอย อำเภอปง จังหวัดพะเยา",  # the page header: ตำบล is the organisation
        "เทศบาลตำบลลอย อำเภอปง จังหวัดพะเยา",
        "ว่าที่ ร.ต. สมชาย ใจดี งบประมาณ 50000 บาท",
        "ประกาศ ณ วันที่ 1 ต.ค. 2566",
        "",
    ],
)
def test_not_addresses(text):
    assert not looks_like_address(text)


def test_entities_work_on_normalized_damaged_pdf_text():
    damaged = "หัวหน\u0e49าสำน ักปลัด  นายสม ชาย ใจดี"
    assert [p.id for p in find_positions(normalize(damaged))] == ["head_of_office"]


MEMO = """ความเห็นของรองปลัดองค์การบริหารส่วนตำบลลอย\r\n\r\n   (นายฉลอง  ออสา)\u00a0
รองปลัดองค์การบริหารส่วนตำบลลอย

ว่าที่ ร.ต.

\t(ปริญญา จันทร์หอม)
ผู้อำนวยการกองช่าง รักษาราชการแทน ปลัดองค์การบริหารส่วนตำบลลอย"""


def test_signature_names_survive_normalize_keeping_lines():
    names = [(n.title, f"{n.given_name} {n.surname}") for n in find_person_names(normalize(MEMO, keep_lines=True))]
    assert names == [("นาย", "ฉลอง ออสา"), ("", "ปริญญา จันทร์หอม")]
    positions = [p.id for p in find_positions(normalize(MEMO, keep_lines=True))]
    assert positions == [
        "deputy_chief_administrator",
        "deputy_chief_administrator",
        "director_engineering",
        "chief_administrator",
    ]
