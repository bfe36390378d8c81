"""The OIT items as the fleet publishes them: Thai wordings, how each is published, elements.

The keys, the fiscal year each item asks for and each year's ITA numbering come from the rule
library (``rules/``): the default rule set's rule for a key (the library's, or the year's
override) says which fiscal year its evidence must be for, so fleet truth follows the rules when
they are corrected. Wordings are deliberately several per item (menus, titles and ITA tables of
real sites differ), and a site can be "built for" an older year's list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from evaluate.rules import Freshness, RuleSet
from evaluate.ruleset import load_ruleset

# Years whose lists sample sites are built for (their ITA table follows that year's rule set).
ITA_YEARS = (2566, 2568, 2569)
_FY_OFFSET = {
    Freshness.CURRENT_FY: 0,
    Freshness.PLAN_RANGE: 0,
    Freshness.CURRENT_YEAR_CONTENT: 0,
    Freshness.PREVIOUS_FY: -1,
    Freshness.PREVIOUS_FY_ONLY: -1,
    Freshness.NONE: None,
}


@cache
def default_ruleset() -> RuleSet:
    """The rule set the fleet's truth follows: the newest year, as ``oit run`` judges by default."""
    return load_ruleset(None)


@cache
def fy_offset(key: str) -> int | None:
    """Required fiscal year relative to the as-of FY under the default rule set; None: not year-bound."""
    ruleset = default_ruleset()
    rule = next((r for item in ruleset.items for r in item.rules if r.key == key), None) or ruleset.library[key]
    return _FY_OFFSET[rule.freshness]


@dataclass(frozen=True, slots=True)
class ItemDef:
    key: str
    names: tuple[str, ...]  # Thai wordings; the first is the usual one
    form: str  # page | document | channel: how the evidence is usually published
    elements: tuple[str, ...] = ()  # elements that can be missing (incomplete state)

    @property
    def fy_offset(self) -> int | None:
        return fy_offset(self.key)


ITEMS: tuple[ItemDef, ...] = (
    ItemDef(
        "structure", ("โครงสร้างองค์กร", "โครงสร้างส่วนราชการ", "แผนผังโครงสร้างหน่วยงาน"), "page", ("political_side", "staff_side")
    ),
    ItemDef("executives", ("ข้อมูลผู้บริหาร", "คณะผู้บริหาร", "ทำเนียบผู้บริหาร"), "page", ("photo", "phone")),
    ItemDef("authority", ("อำนาจหน้าที่", "หน้าที่และอำนาจ", "ภารกิจและอำนาจหน้าที่"), "page", ("explained_duties",)),
    ItemDef("development_plan", ("แผนพัฒนาท้องถิ่น", "แผนพัฒนาท้องถิ่น (พ.ศ. {r0}-{r1})", "แผนยุทธศาสตร์การพัฒนา"), "document"),
    ItemDef("contact", ("ข้อมูลการติดต่อ", "ติดต่อเรา", "ช่องทางการติดต่อหน่วยงาน"), "page", ("address", "phone", "email")),
    ItemDef("laws", ("กฎหมายที่เกี่ยวข้อง", "ระเบียบ กฎหมายที่เกี่ยวข้อง", "พระราชบัญญัติและระเบียบ"), "page"),
    ItemDef("news", ("ข่าวประชาสัมพันธ์", "ข่าวสารประชาสัมพันธ์", "ข่าวกิจกรรม"), "page"),
    ItemDef("qa", ("กระดานถาม-ตอบ", "Q&A ถาม-ตอบ", "กระดานสนทนา (Webboard)"), "channel"),
    ItemDef("social_network", ("Social Network", "เครือข่ายสังคมออนไลน์", "ติดตามเราบน Facebook"), "channel"),
    ItemDef("privacy_policy", ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "ประกาศนโยบายความเป็นส่วนตัว", "Privacy Policy"), "page"),
    ItemDef("annual_plan", ("แผนการดำเนินงานประจำปี", "แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "แผนการดำเนินงาน"), "document"),
    ItemDef(
        "six_month_report",
        (
            "รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน",
            "รายงานผลการดำเนินงาน รอบ ๖ เดือน",
            "รายงานการติดตามแผนการดำเนินงาน รอบหกเดือน",
        ),
        "document",
    ),
    ItemDef(
        "annual_report",
        ("รายงานผลการดำเนินงานประจำปี", "รายงานผลการปฏิบัติงานประจำปี", "รายงานการติดตามและประเมินผลแผนพัฒนาท้องถิ่น"),
        "document",
    ),
    ItemDef("operation_manual", ("คู่มือการปฏิบัติงาน", "คู่มือหรือมาตรฐานการปฏิบัติงาน", "คู่มือแนวทางการปฏิบัติงานของเจ้าหน้าที่"), "document"),
    ItemDef("service_manual", ("คู่มือสำหรับประชาชน", "คู่มือหรือมาตรฐานการให้บริการ", "คู่มือการขอรับบริการ"), "document"),
    ItemDef("service_stats", ("ข้อมูลเชิงสถิติการให้บริการ", "สถิติการให้บริการประชาชน", "รายงานสถิติผู้มาใช้บริการ"), "page"),
    ItemDef(
        "satisfaction",
        ("รายงานผลการสำรวจความพึงพอใจการให้บริการ", "ผลการประเมินความพึงพอใจของประชาชน", "ผลสำรวจความพึงพอใจ"),
        "document",
    ),
    ItemDef("e_service", ("E-Service", "บริการออนไลน์ (E-Service)", "ยื่นคำร้องออนไลน์"), "channel"),
    ItemDef("budget_plan", ("แผนการใช้จ่ายงบประมาณประจำปี", "แผนการเบิกจ่ายงบประมาณ", "แผนการใช้จ่ายงบประมาณ"), "document"),
    ItemDef("procurement_plan", ("แผนการจัดซื้อจัดจ้าง", "แผนการจัดหาพัสดุประจำปี", "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง"), "document"),
    ItemDef("procurement_announcement", ("ประกาศจัดซื้อจัดจ้าง", "ประกาศประกวดราคา / ผู้ชนะการเสนอราคา", "ข่าวจัดซื้อจัดจ้าง e-GP"), "page"),
    ItemDef(
        "procurement_monthly",
        ("สรุปผลการจัดซื้อจัดจ้างรายเดือน", "รายงานสรุปผลการจัดซื้อจัดจ้าง (สขร.1)", "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุและความก้าวหน้า"),
        "page",
        ("months", "data_file"),
    ),
    ItemDef(
        "procurement_monthly_previous",
        ("รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงาน", "แบบสรุปผลการจัดซื้อจัดจ้าง", "สรุปผลการจัดซื้อจัดจ้าง (สขร.1)"),
        "page",
        ("months",),
    ),
    ItemDef(
        "procurement_annual",
        ("รายงานผลการจัดซื้อจัดจ้างประจำปี", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "สรุปผลการจัดซื้อจัดจ้างประจำปี"),
        "document",
    ),
    ItemDef("hr_policy", ("นโยบายการบริหารทรัพยากรบุคคล", "แผนการบริหารและพัฒนาทรัพยากรบุคคล", "แผนพัฒนาบุคลากร"), "document"),
    ItemDef(
        "hr_criteria",
        ("หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "หลักเกณฑ์การบริหารงานบุคคล", "การดำเนินการตามหลักเกณฑ์ด้านบุคคล"),
        "page",
        ("recruit", "appoint", "develop", "evaluate", "reward"),
    ),
    ItemDef(
        "hr_report", ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "รายงานผลการพัฒนาบุคลากร", "สรุปผลการบริหารทรัพยากรบุคคล"), "document"
    ),
    ItemDef(
        "complaint_guideline",
        ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "คู่มือการจัดการเรื่องร้องเรียนการทุจริต", "ขั้นตอนการร้องเรียนเรื่องทุจริต"),
        "page",
        ("steps", "unit", "time"),
    ),
    ItemDef(
        "complaint_channel", ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "แจ้งเบาะแสการทุจริต", "ร้องเรียนการทุจริตออนไลน์"), "channel"
    ),
    ItemDef(
        "complaint_stats",
        ("ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี", "สถิติเรื่องร้องเรียนการทุจริต", "รายงานสถิติการร้องเรียนการทุจริต"),
        "page",
    ),
    ItemDef("feedback_channel", ("ช่องทางการรับฟังความคิดเห็น", "แสดงความคิดเห็น", "รับฟังความคิดเห็นประชาชน"), "channel"),
    ItemDef(
        "participation",
        ("การเปิดโอกาสให้เกิดการมีส่วนร่วม", "การมีส่วนร่วมของประชาชน", "กิจกรรมการมีส่วนร่วม"),
        "page",
        ("participants", "outcome", "use_of_outcome"),
    ),
    ItemDef(
        "integrity_intent",
        ("เจตจำนงสุจริตของผู้บริหาร", "ประกาศเจตจำนงสุจริตในการบริหารงาน", "เจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริต"),
        "document",
        ("signature",),
    ),
    ItemDef(
        "risk_assessment",
        ("การประเมินความเสี่ยงการทุจริตประจำปี", "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ", "ผลการประเมินความเสี่ยงการทุจริต"),
        "document",
    ),
    ItemDef(
        "risk_management",
        ("การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต", "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยง", "มาตรการจัดการความเสี่ยงการทุจริต"),
        "document",
    ),
    ItemDef(
        "anti_corruption_plan",
        ("แผนปฏิบัติการป้องกันการทุจริต", "แผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ", "แผนป้องกันการทุจริต (พ.ศ. {r0}-{r1})"),
        "document",
    ),
    ItemDef(
        "anti_corruption_report",
        (
            "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี",
            "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน",
            "ผลการดำเนินงานตามแผนป้องกันการทุจริต",
        ),
        "document",
    ),
    ItemDef(
        "integrity_measures",
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "มาตรการภายในเพื่อส่งเสริมความโปร่งใส", "มาตรการภายในเพื่อป้องกันการทุจริต"),
        "document",
    ),
    ItemDef(
        "integrity_measures_report",
        (
            "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม",
        ),
        "document",
    ),
    ItemDef(
        "no_gift_declaration",
        ("ประกาศเจตนารมณ์นโยบาย No Gift Policy", "นโยบายไม่รับของขวัญ (No Gift Policy)", "ประกาศงดให้ งดรับของขวัญและของกำนัล"),
        "document",
        ("signature",),
    ),
    ItemDef(
        "no_gift_culture", ("การสร้างวัฒนธรรม No Gift Policy", "กิจกรรม No Gift Policy", "การสร้างวัฒนธรรมไม่รับของขวัญ"), "document"
    ),
    ItemDef(
        "gift_receipt_report",
        ("รายงานการรับของขวัญและประโยชน์อื่นใด", "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา", "รายงานผลการรับของขวัญ"),
        "document",
    ),
    ItemDef(
        "code_of_ethics",
        ("ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", "ประมวลจริยธรรมพนักงานส่วนท้องถิ่น", "ประมวลจริยธรรมของข้าราชการ"),
        "document",
    ),
    ItemDef("ethics_drive", ("การขับเคลื่อนจริยธรรม", "การดำเนินการตามประมวลจริยธรรม", "กิจกรรมส่งเสริมจริยธรรม"), "page"),
    ItemDef(
        "ita_improvement",
        ("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "มาตรการยกระดับผลการประเมิน ITA", "การวิเคราะห์ผลการประเมิน ITA"),
        "document",
    ),
)

ITEMS_BY_KEY: dict[str, ItemDef] = {item.key: item for item in ITEMS}


@cache
def ita_numbering(year: int) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """A year's ITA list as (code, keys, Thai name), from that year's rule set."""
    return tuple((item.code, item.keys, item.name_th) for item in load_ruleset(str(year)).items)
