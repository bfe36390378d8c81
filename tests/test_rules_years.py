"""The rule sets follow the published criteria year by year (criteria-2567-2569.md): which fiscal
year each changed item asks for, the six-month cap, merged keys, the corrected elements. Each
case is a small page judged by the real engine; on the rule sets before the corrections each
of them failed."""

from __future__ import annotations

import pytest

from evaluate.examples import run_example
from evaluate.rules import Example
from evaluate.ruleset import load_ruleset

AS_OF = "2026-11-22"  # FY 2570: the previous fiscal year is 2569
Y2569 = load_ruleset("2569")


def judge(ruleset, key: str, title: str, text: str, *, links=(), embeds=(), images=0, as_of: str = AS_OF) -> str:
    """The status the year's rule for ``key`` gives one page."""
    item = ruleset.item(key)
    rule = item.rules[item.keys.index(key)]
    example = Example(expect="pass", title=title, text=text, links=tuple(links), embeds=tuple(embeds), images=images, as_of=as_of)
    return run_example(rule, example, 0, ruleset).got


@pytest.mark.parametrize(
    ("code", "key", "title", "text"),
    [
        (
            "O22",
            "risk_management",
            "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต",
            "มาตรการควบคุมความเสี่ยง ผลการดำเนินการ ติดตามทุกไตรมาส",
        ),
        (
            "O24",
            "anti_corruption_report",
            "รายงานผลการดำเนินการป้องกันการทุจริต",
            "ผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต โครงการ 12 โครงการ ดำเนินการแล้ว ร้อยละ 100",
        ),
        (
            "O26",
            "integrity_measures_report",
            "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม ผู้รับผิดชอบ ดำเนินการแล้ว",
        ),
    ],
)
def test_2569_reports_are_for_the_previous_fiscal_year(code, key, title, text):
    assert Y2569.item(code).keys == (key,)  # O26 is the report on the measures, not the measures
    assert judge(Y2569, key, f"{title} ประจำปีงบประมาณ พ.ศ. 2569", text) == "pass"  # was "stale"
    assert judge(Y2569, key, f"{title} ประจำปีงบประมาณ พ.ศ. 2567", text) == "stale"


SIX_MONTHS = "\n".join(
    f"เดือน{m} ไม่มีการจัดซื้อจัดจ้าง"
    for m in ("ตุลาคม 2569", "พฤศจิกายน 2569", "ธันวาคม 2569", "มกราคม 2570", "กุมภาพันธ์ 2570", "มีนาคม 2570")
)
DATA_FILE = [("ดาวน์โหลดไฟล์ข้อมูล (Excel)", "/files/procurement-2570.xlsx")]


def test_2569_o11_asks_for_the_first_six_months_only():
    title = "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน ประจำปีงบประมาณ พ.ศ. 2570"
    assert Y2569.item("O11").keys == ("procurement_monthly",)
    # July 2027: October–June are over, but O11 asks only for October–March
    assert judge(Y2569, "procurement_monthly", title, SIX_MONTHS, links=DATA_FILE, as_of="2027-07-20") == "pass"
    assert (
        judge(Y2569, "procurement_monthly", title, SIX_MONTHS.rsplit("\n", 1)[0], links=DATA_FILE, as_of="2027-07-20")
        == "incomplete"
    )
    assert judge(Y2569, "procurement_monthly", title, SIX_MONTHS, as_of="2027-07-20") == "incomplete"  # no data file


PREVIOUS_YEAR = "\n".join(
    ["งานที่จัดซื้อหรือจัดจ้าง วงเงินงบประมาณ ราคากลาง วิธีซื้อหรือจ้าง"]
    + [f"เดือน{m} 2568 ไม่มีการจัดซื้อจัดจ้าง" for m in ("ตุลาคม", "พฤศจิกายน", "ธันวาคม")]
    + [
        f"เดือน{m} 2569 ไม่มีการจัดซื้อจัดจ้าง"
        for m in ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")
    ]
)


def test_2569_o12_is_the_previous_years_summary_and_o11_the_running_years():
    assert Y2569.item("O12").keys == ("procurement_monthly_previous",)
    previous = "รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2569"
    assert judge(Y2569, "procurement_monthly_previous", previous, PREVIOUS_YEAR) == "pass"
    assert judge(Y2569, "procurement_monthly", previous, PREVIOUS_YEAR, links=DATA_FILE) == "missing"  # O12's
    older = previous.replace("2569", "2568")
    assert judge(Y2569, "procurement_monthly", older, PREVIOUS_YEAR.replace("2569", "2568"), links=DATA_FILE) == "stale"
    assert judge(Y2569, "procurement_monthly_previous", previous, PREVIOUS_YEAR.rsplit("\n", 4)[0]) == "incomplete"
    running = "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน ประจำปีงบประมาณ พ.ศ. 2570"
    october = "เดือนตุลาคม 2569 ไม่มีการจัดซื้อจัดจ้าง"
    assert judge(Y2569, "procurement_monthly", running, october, links=DATA_FILE) == "pass"
    assert judge(Y2569, "procurement_monthly_previous", running, october) == "missing"  # O11's, not a stale O12


def test_2569_o20_covers_the_whole_no_gift_scope():
    assert Y2569.item("O20").keys == ("no_gift_declaration", "no_gift_culture", "gift_receipt_report")
    report = "รายงานการรับของขวัญและประโยชน์อื่นใด ประจำปีงบประมาณ พ.ศ. 2569"
    assert judge(Y2569, "gift_receipt_report", report, "ไม่มีการรับของขวัญและประโยชน์อื่นใด จำนวน 0 รายการ") == "pass"
    culture = "กิจกรรม No Gift Policy ประจำปีงบประมาณ พ.ศ. 2570"
    assert judge(Y2569, "no_gift_culture", culture, "กิจกรรมประชุมชี้แจงนโยบาย ผู้เข้าร่วม 35 คน") == "incomplete"
    assert (
        judge(Y2569, "no_gift_culture", culture, "กิจกรรมประชุมชี้แจงนโยบาย ผู้เข้าร่วม 35 คน ความรู้เรื่องการรับทรัพย์สินตามมาตรา 128") == "pass"
    )


def test_2568_corrections():
    y2568 = load_ruleset("2568")
    assert y2568.item("o3").name_th == "ข้อมูลการติดต่อ"
    assert y2568.item("o16").name_th == "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม"
    assert y2568.item("o21").keys == ("no_gift_declaration", "no_gift_culture")
    assert y2568.item("o22").name_th == "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"
    generic = ("การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2570", "เหตุการณ์ความเสี่ยง โอกาส ผลกระทบ ระดับความเสี่ยงสูง มาตรการควบคุม")
    assert judge(y2568, "risk_assessment", *generic) == "incomplete"  # o23 is a bribery-risk assessment
    assert judge(Y2569, "risk_assessment", *generic) == "pass"
    assert y2568.item("o24").inferred and y2568.item("o26").inferred  # their year is unconfirmed


def test_2567_keeps_the_2566_layout_from_9_3_on():
    y2567, y2566 = load_ruleset("2567"), load_ruleset("2566")
    assert y2567.item("o19").keys == ("procurement_plan",) and y2567.item("o20").keys == ("procurement_announcement",)
    assert [(i.code, i.keys) for i in y2567.items] == [(i.code, i.keys) for i in y2566.items]
    assert {i.code for i in y2567.items if not i.inferred} == {"o1", "o2", "o3", "o19", "o20"}


def test_executives_need_one_contact_channel_not_a_phone_each():
    text = "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล\nนางสาวสมหญิง รักงาน ปลัดองค์การบริหารส่วนตำบล\n"
    assert judge(Y2569, "executives", "คณะผู้บริหาร", text + "ติดต่อผู้บริหาร อีเมล mayor@example.go.th", images=2) == "pass"
    assert judge(Y2569, "executives", "คณะผู้บริหาร", text, images=2) == "incomplete"


def test_contact_needs_a_map_or_location():
    text = "อบต.ตัวอย่าง หมู่ที่ 3 ตำบลตัวอย่าง อำเภอเมือง จังหวัดพะเยา 56000 โทรศัพท์ 054-123456 อีเมล saraban@example.go.th"
    assert judge(Y2569, "contact", "ติดต่อเรา", text) == "incomplete"
    assert judge(Y2569, "contact", "ติดต่อเรา", text, embeds=["https://www.google.com/maps/embed?pb=1"]) == "pass"


def test_every_item_names_its_source_and_unconfirmed_ones_are_inferred():
    for year in ("2567", "2568", "2569"):
        for item in load_ruleset(year).items:
            assert item.source, (year, item.code)
            assert not item.source.startswith("unconfirmed") or item.inferred, (year, item.code)
