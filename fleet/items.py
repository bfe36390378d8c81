"""The OIT items as the fleet publishes them: stable keys, Thai wordings, elements, year rules.

Wordings are deliberately several per item (menus, titles and ITA tables of real sites differ),
and each year's ITA numbering is given so a site can be "built for" an older list.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ItemDef:
    key: str
    names: tuple[str, ...]  # Thai wordings; the first is the usual one
    form: str  # page | document | channel: how the evidence is usually published
    fy_offset: int | None  # required fiscal year relative to the as-of FY; None: not year-bound
    elements: tuple[str, ...] = ()  # elements that can be missing (incomplete state)


ITEMS: tuple[ItemDef, ...] = (
    ItemDef("structure", ("โครงสร้างองค์กร", "โครงสร้างส่วนราชการ", "แผนผังโครงสร้างหน่วยงาน"), "page", None,
            ("political_side", "staff_side")),
    ItemDef("executives", ("ข้อมูลผู้บริหาร", "คณะผู้บริหาร", "ทำเนียบผู้บริหาร"), "page", None, ("photo", "phone")),
    ItemDef("authority", ("อำนาจหน้าที่", "หน้าที่และอำนาจ", "ภารกิจและอำนาจหน้าที่"), "page", None, ("explained_duties",)),
    ItemDef("development_plan", ("แผนพัฒนาท้องถิ่น", "แผนพัฒนาท้องถิ่น (พ.ศ. {r0}-{r1})", "แผนยุทธศาสตร์การพัฒนา"), "document", 0),
    ItemDef("contact", ("ข้อมูลการติดต่อ", "ติดต่อเรา", "ช่องทางการติดต่อหน่วยงาน"), "page", None, ("address", "phone", "email")),
    ItemDef("laws", ("กฎหมายที่เกี่ยวข้อง", "ระเบียบ กฎหมายที่เกี่ยวข้อง", "พระราชบัญญัติและระเบียบ"), "page", None),
    ItemDef("news", ("ข่าวประชาสัมพันธ์", "ข่าวสารประชาสัมพันธ์", "ข่าวกิจกรรม"), "page", 0),
    ItemDef("qa", ("กระดานถาม-ตอบ", "Q&A ถาม-ตอบ", "กระดานสนทนา (Webboard)"), "channel", None),
    ItemDef("social_network", ("Social Network", "เครือข่ายสังคมออนไลน์", "ติดตามเราบน Facebook"), "channel", None),
    ItemDef("privacy_policy", ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "ประกาศนโยบายความเป็นส่วนตัว", "Privacy Policy"), "page", None),
    ItemDef("annual_plan", ("แผนการดำเนินงานประจำปี", "แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "แผนการดำเนินงาน"), "document", 0),
    ItemDef("six_month_report", ("รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน", "รายงานผลการดำเนินงาน รอบ ๖ เดือน", "รายงานการติดตามแผนการดำเนินงาน รอบหกเดือน"), "document", 0),
    ItemDef("annual_report", ("รายงานผลการดำเนินงานประจำปี", "รายงานผลการปฏิบัติงานประจำปี", "รายงานการติดตามและประเมินผลแผนพัฒนาท้องถิ่น"), "document", -1),
    ItemDef("operation_manual", ("คู่มือการปฏิบัติงาน", "คู่มือหรือมาตรฐานการปฏิบัติงาน", "คู่มือแนวทางการปฏิบัติงานของเจ้าหน้าที่"), "document", None),
    ItemDef("service_manual", ("คู่มือสำหรับประชาชน", "คู่มือหรือมาตรฐานการให้บริการ", "คู่มือการขอรับบริการ"), "document", None),
    ItemDef("service_stats", ("ข้อมูลเชิงสถิติการให้บริการ", "สถิติการให้บริการประชาชน", "รายงานสถิติผู้มาใช้บริการ"), "page", 0),
    ItemDef("satisfaction", ("รายงานผลการสำรวจความพึงพอใจการให้บริการ", "ผลการประเมินความพึงพอใจของประชาชน", "ผลสำรวจความพึงพอใจ"), "document", 0),
    ItemDef("e_service", ("E-Service", "บริการออนไลน์ (E-Service)", "ยื่นคำร้องออนไลน์"), "channel", None),
    ItemDef("budget_plan", ("แผนการใช้จ่ายงบประมาณประจำปี", "แผนการเบิกจ่ายงบประมาณ", "แผนการใช้จ่ายงบประมาณ"), "document", 0),
    ItemDef("procurement_plan", ("แผนการจัดซื้อจัดจ้าง", "แผนการจัดหาพัสดุประจำปี", "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง"), "document", 0),
    ItemDef("procurement_announcement", ("ประกาศจัดซื้อจัดจ้าง", "ประกาศประกวดราคา / ผู้ชนะการเสนอราคา", "ข่าวจัดซื้อจัดจ้าง e-GP"), "page", 0),
    ItemDef("procurement_monthly", ("สรุปผลการจัดซื้อจัดจ้างรายเดือน", "รายงานสรุปผลการจัดซื้อจัดจ้าง (สขร.1)", "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุและความก้าวหน้า"), "page", 0, ("months", "data_file")),
    ItemDef("procurement_annual", ("รายงานผลการจัดซื้อจัดจ้างประจำปี", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "สรุปผลการจัดซื้อจัดจ้างประจำปี"), "document", -1),
    ItemDef("hr_policy", ("นโยบายการบริหารทรัพยากรบุคคล", "แผนการบริหารและพัฒนาทรัพยากรบุคคล", "แผนพัฒนาบุคลากร"), "document", 0),
    ItemDef("hr_criteria", ("หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "หลักเกณฑ์การบริหารงานบุคคล", "การดำเนินการตามหลักเกณฑ์ด้านบุคคล"), "page", 0,
            ("recruit", "appoint", "develop", "evaluate", "reward")),
    ItemDef("hr_report", ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "รายงานผลการพัฒนาบุคลากร", "สรุปผลการบริหารทรัพยากรบุคคล"), "document", -1),
    ItemDef("complaint_guideline", ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "คู่มือการจัดการเรื่องร้องเรียนการทุจริต", "ขั้นตอนการร้องเรียนเรื่องทุจริต"), "page", None,
            ("steps", "unit", "time")),
    ItemDef("complaint_channel", ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "แจ้งเบาะแสการทุจริต", "ร้องเรียนการทุจริตออนไลน์"), "channel", None),
    ItemDef("complaint_stats", ("ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี", "สถิติเรื่องร้องเรียนการทุจริต", "รายงานสถิติการร้องเรียนการทุจริต"), "page", -1),
    ItemDef("feedback_channel", ("ช่องทางการรับฟังความคิดเห็น", "แสดงความคิดเห็น", "รับฟังความคิดเห็นประชาชน"), "channel", None),
    ItemDef("participation", ("การเปิดโอกาสให้เกิดการมีส่วนร่วม", "การมีส่วนร่วมของประชาชน", "กิจกรรมการมีส่วนร่วม"), "page", 0,
            ("participants", "outcome", "use_of_outcome")),
    ItemDef("integrity_intent", ("เจตจำนงสุจริตของผู้บริหาร", "ประกาศเจตจำนงสุจริตในการบริหารงาน", "เจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริต"), "document", 0, ("signature",)),
    ItemDef("risk_assessment", ("การประเมินความเสี่ยงการทุจริตประจำปี", "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ", "ผลการประเมินความเสี่ยงการทุจริต"), "document", 0),
    ItemDef("risk_management", ("การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต", "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยง", "มาตรการจัดการความเสี่ยงการทุจริต"), "document", 0),
    ItemDef("anti_corruption_plan", ("แผนปฏิบัติการป้องกันการทุจริต", "แผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ", "แผนป้องกันการทุจริต (พ.ศ. {r0}-{r1})"), "document", 0),
    ItemDef("anti_corruption_report", ("รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน", "ผลการดำเนินงานตามแผนป้องกันการทุจริต"), "document", 0),
    ItemDef("integrity_measures", ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "มาตรการภายในเพื่อส่งเสริมความโปร่งใส", "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม"), "document", 0),
    ItemDef("no_gift_declaration", ("ประกาศเจตนารมณ์นโยบาย No Gift Policy", "นโยบายไม่รับของขวัญ (No Gift Policy)", "ประกาศงดให้ งดรับของขวัญและของกำนัล"), "document", 0, ("signature",)),
    ItemDef("code_of_ethics", ("ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", "ประมวลจริยธรรมพนักงานส่วนท้องถิ่น", "ประมวลจริยธรรมของข้าราชการ"), "document", None),
    ItemDef("ethics_drive", ("การขับเคลื่อนจริยธรรม", "การดำเนินการตามประมวลจริยธรรม", "กิจกรรมส่งเสริมจริยธรรม"), "page", 0),
    ItemDef("ita_improvement", ("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "มาตรการยกระดับผลการประเมิน ITA", "การวิเคราะห์ผลการประเมิน ITA"), "document", 0),
)

ITEMS_BY_KEY: dict[str, ItemDef] = {item.key: item for item in ITEMS}

# Each year's ITA list as (code, keys); merged items list several keys.
ITA_NUMBERING: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {
    2566: tuple((f"o{i}", keys) for i, keys in enumerate((
        ("structure",), ("executives",), ("authority",), ("development_plan",), ("contact",), ("laws",),
        ("news",), ("qa",), ("social_network",), ("privacy_policy",), ("annual_plan",),
        ("six_month_report",), ("annual_report",), ("operation_manual",), ("service_manual",),
        ("service_stats",), ("satisfaction",), ("e_service",), ("procurement_plan",),
        ("procurement_announcement",), ("procurement_monthly",), ("procurement_annual",), ("hr_policy",),
        ("hr_policy",), ("hr_criteria",), ("hr_report",), ("complaint_guideline",), ("complaint_channel",),
        ("complaint_stats",), ("participation",), ("no_gift_declaration",), ("no_gift_declaration",),
        ("no_gift_declaration",), ("risk_assessment",), ("risk_management",), ("anti_corruption_plan",),
        ("anti_corruption_report",), ("anti_corruption_report",), ("code_of_ethics",), ("ethics_drive",),
        ("ethics_drive",), ("integrity_measures",), ("integrity_measures",),
    ), start=1)),
    2568: tuple((f"o{i}", keys) for i, keys in enumerate((
        ("structure", "authority"), ("executives",), ("contact", "qa"), ("news",), ("development_plan",),
        ("annual_plan",), ("annual_report",), ("operation_manual",), ("service_manual",), ("e_service",),
        ("service_stats",), ("procurement_monthly",), ("procurement_annual",), ("hr_policy",), ("hr_report",),
        ("code_of_ethics", "ethics_drive"), ("complaint_guideline",), ("complaint_channel",),
        ("complaint_stats",), ("participation",), ("no_gift_declaration",), ("no_gift_declaration",),
        ("risk_assessment",), ("risk_management",), ("anti_corruption_plan",), ("anti_corruption_report",),
    ), start=1)),
    2569: tuple((f"O{i}", keys) for i, keys in enumerate((
        ("structure", "authority"), ("executives",), ("contact", "qa"), ("news",), ("development_plan",),
        ("annual_plan",), ("annual_report",), ("operation_manual",), ("service_manual",), ("e_service",),
        ("procurement_monthly",), ("procurement_annual",), ("hr_criteria", "hr_policy"), ("hr_report",),
        ("code_of_ethics", "ethics_drive"), ("complaint_guideline",), ("complaint_channel",),
        ("complaint_stats",), ("participation",), ("no_gift_declaration",), ("risk_assessment",),
        ("risk_management",), ("anti_corruption_plan",), ("anti_corruption_report",), ("ita_improvement",),
        ("integrity_measures",),
    ), start=1)),
}
