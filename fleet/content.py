"""Thai texts of the sample sites: evidence for each item, near misses and everyday pages.

Functions return plain lines (the substance) or small HTML fragments; ``fleet.builder`` decides
whether the lines end up in a page, a text PDF or a scanned PDF. Wording is drawn from several
phrasings so no two sites read alike. All organisations and people are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from html import escape

from fleet.items import ITEMS_BY_KEY
from fleet.names import Organisation
from fleet.thaistyle import Style, fiscal_months

GENERIC_LINK_TEXTS = ("อ่านต่อ", "คลิกที่นี่", "ดาวน์โหลด", "รายละเอียด", "ดูเพิ่มเติม", "เปิดเอกสาร")
SHELL_TEXTS = ("อยู่ระหว่างปรับปรุงข้อมูล", "ขออภัย ยังไม่มีข้อมูลในส่วนนี้", "Coming soon... กำลังจัดทำข้อมูล", "หน้านี้อยู่ระหว่างการพัฒนา")

_PURPOSE = {
    "development_plan": [
        "เพื่อใช้เป็นกรอบในการพัฒนาท้องถิ่นให้สอดคล้องกับยุทธศาสตร์จังหวัด",
        "โดยผ่านการประชุมประชาคมท้องถิ่นและความเห็นชอบของสภาท้องถิ่น",
        "ส่วนที่ ๓ การนำแผนพัฒนาท้องถิ่นไปสู่การปฏิบัติ: บัญชีโครงการพัฒนาท้องถิ่น (แบบ ผ.๐๒)",
    ],
    "annual_plan": [
        "แสดงโครงการ กิจกรรม และงบประมาณที่จะดำเนินการในปีงบประมาณ",
        "จำแนกตามยุทธศาสตร์และแผนงาน พร้อมระยะเวลาดำเนินการรายไตรมาส",
    ],
    "six_month_report": [
        "ติดตามความก้าวหน้าโครงการตามแผนการดำเนินงาน ในช่วงเดือนตุลาคมถึงเดือนมีนาคม",
        "สรุปผลการเบิกจ่ายงบประมาณและปัญหาอุปสรรค",
    ],
    "annual_report": [
        "สรุปผลการดำเนินงานตามแผนพัฒนาท้องถิ่นตลอดปีงบประมาณที่ผ่านมา",
        "ผลการเบิกจ่ายงบประมาณ จำนวนโครงการที่ดำเนินการแล้วเสร็จ และข้อเสนอแนะ",
    ],
    "operation_manual": [
        "กำหนดขั้นตอนการปฏิบัติงานของเจ้าหน้าที่ในแต่ละงาน",
        "เช่น งานจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง งานขออนุญาตก่อสร้างอาคาร งานธุรการ",
    ],
    "service_manual": [
        "งานบริการ: การลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ",
        "ขั้นตอนการให้บริการ: ยื่นคำขอ ตรวจสอบคุณสมบัติ แจ้งผล",
        "ระยะเวลา: 1 วันทำการ",
        "สถานที่ให้บริการ: สำนักปลัด",
        "ค่าธรรมเนียม: ไม่มี",
        "เอกสารหลักฐาน: บัตรประจำตัวประชาชน สำเนาทะเบียนบ้าน",
    ],
    "satisfaction": ["ผลการสำรวจความพึงพอใจของผู้รับบริการ จำนวนผู้ตอบแบบสอบถาม 385 ราย", "ภาพรวมความพึงพอใจร้อยละ 92.40 อยู่ในระดับมากที่สุด"],
    "budget_plan": ["แผนการใช้จ่ายงบประมาณรายไตรมาส จำแนกตามแผนงานและหมวดรายจ่าย"],
    "procurement_plan": [
        "รายการโครงการที่จะจัดซื้อจัดจ้าง วงเงินงบประมาณ และช่วงเวลาที่คาดว่าจะจัดหา",
        "เผยแพร่ในระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP) แล้ว",
    ],
    "procurement_annual": [
        "สรุปผลการจัดซื้อจัดจ้างทั้งปีงบประมาณ จำนวนโครงการและวงเงินรวม",
        "วิเคราะห์ปัญหาอุปสรรคและแนวทางการปรับปรุงการจัดซื้อจัดจ้าง",
    ],
    "hr_policy": ["นโยบายและแผนการบริหารและพัฒนาทรัพยากรบุคคล ระยะ 3 ปี", "เพื่อพัฒนาสมรรถนะของพนักงานส่วนตำบลและพนักงานจ้าง"],
    "hr_report": ["รายงานผลการดำเนินการตามแผนพัฒนาบุคลากร ในปีงบประมาณที่ผ่านมา", "จำนวนบุคลากรที่ได้รับการอบรม และผลการประเมินสมรรถนะ"],
    "integrity_intent": [
        "ข้าพเจ้าจะบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้",
        "จะไม่กระทำการใดอันเป็นการทุจริตและประพฤติมิชอบ และพร้อมเปิดเผยข้อมูลต่อสาธารณะ",
    ],
    "risk_assessment": [
        "ระบุความเสี่ยงการทุจริตในกระบวนงานการอนุมัติ อนุญาต และการใช้จ่ายงบประมาณ",
        "ประเมินโอกาสและผลกระทบ จัดระดับความเสี่ยง และกำหนดมาตรการควบคุม",
    ],
    "risk_management": ["ผลการดำเนินการตามมาตรการบริหารจัดการความเสี่ยงการทุจริต", "ติดตามผลรายไตรมาสและรายงานต่อผู้บริหาร"],
    "anti_corruption_plan": [
        "แผนปฏิบัติการป้องกันการทุจริต ประกอบด้วยโครงการและกิจกรรมตามมิติที่กำหนด",
        "งบประมาณและหน่วยงานรับผิดชอบในแต่ละโครงการ",
    ],
    "anti_corruption_report": ["ผลการดำเนินโครงการตามแผนปฏิบัติการป้องกันการทุจริต", "จำนวนโครงการที่ดำเนินการ และงบประมาณที่ใช้จ่ายจริง"],
    "integrity_measures": [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "กำหนดผู้รับผิดชอบ ขั้นตอน และระยะเวลาดำเนินการของแต่ละมาตรการ",
    ],
    "integrity_measures_report": [
        "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในปีงบประมาณที่ผ่านมา",
        "ผู้รับผิดชอบ มาตรการที่ดำเนินการแล้ว และข้อเสนอแนะเพื่อการปรับปรุง",
    ],
    "no_gift_culture": [
        "จัดกิจกรรมประชุมชี้แจงแนวทางปฏิบัติแก่บุคลากร ผู้เข้าร่วม 45 คน",
        "เผยแพร่ความรู้เรื่องหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา ตามมาตรา 128",
    ],
    "gift_receipt_report": [
        "สรุปการรับทรัพย์สินหรือประโยชน์อื่นใดของบุคลากรตลอดปีงบประมาณ",
        "ไม่มีการรับของขวัญหรือประโยชน์อื่นใดเกินกว่าที่กฎหมายกำหนด จำนวน 0 รายการ",
    ],
    "no_gift_declaration": [
        "ขอประกาศเจตนารมณ์ให้บุคลากรทุกคนงดการให้ และงดการรับของขวัญ ของกำนัล",
        "ทุกโอกาสเทศกาล เพื่อสร้างวัฒนธรรมองค์กรที่โปร่งใส",
    ],
    "code_of_ethics": [
        "ประมวลจริยธรรมนี้ใช้บังคับแก่พนักงานส่วนท้องถิ่น ลูกจ้าง และพนักงานจ้าง",
        "ยึดมั่นในสถาบันหลักของประเทศ ซื่อสัตย์สุจริต มีจิตสำนึกที่ดี และรับผิดชอบต่อหน้าที่",
    ],
    "ita_improvement": [
        "วิเคราะห์ผลการประเมิน ITA ปีที่ผ่านมา จุดแข็ง และประเด็นที่ต้องพัฒนา",
        "แนวทางการพัฒนา: กำหนดมาตรการยกระดับ ผู้รับผิดชอบ และระยะเวลาดำเนินการ",
    ],
    "ethics_drive": [
        "แต่งตั้งคณะทำงานขับเคลื่อนจริยธรรมของหน่วยงาน",
        "เผยแพร่แนวทาง Do's & Don'ts สิ่งที่ควรทำและไม่ควรทำตามประมวลจริยธรรม",
        "จัดกิจกรรมส่งเสริมจริยธรรมแก่บุคลากร เช่น อบรมคุณธรรม จิตอาสาพัฒนาชุมชน",
        "ประเมินผลการปฏิบัติตามประมวลจริยธรรม",
    ],
    "privacy_policy": [
        "หน่วยงานเก็บรวบรวม ใช้ และเปิดเผยข้อมูลส่วนบุคคลเท่าที่จำเป็น",
        "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 และแจ้งสิทธิของเจ้าของข้อมูล",
    ],
    "laws": [
        "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 และที่แก้ไขเพิ่มเติม",
        "พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542",
        "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
    ],
}

_OPENERS = (
    "{org} ได้จัดทำ{name}{year}",
    "ประกาศ{org} เรื่อง {name}{year}",
    "เพื่อให้การปฏิบัติราชการเป็นไปอย่างมีประสิทธิภาพ {org} จึงได้จัดทำ{name}{year} ขึ้น",
    "{name}{year} ของ{org} มีสาระสำคัญดังนี้",
)
_DUTIES = [
    "จัดให้มีและบำรุงรักษาทางน้ำและทางบก",
    "รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ",
    "ป้องกันโรคและระงับโรคติดต่อ",
    "ป้องกันและบรรเทาสาธารณภัย",
    "ส่งเสริมการศึกษา ศาสนา และวัฒนธรรม",
    "ส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ",
    "คุ้มครอง ดูแล และบำรุงรักษาทรัพยากรธรรมชาติ",
]
_HR_ELEMENTS = {
    "recruit": "การสรรหาและคัดเลือก: ดำเนินการสรรหาโดยการสอบแข่งขันและการคัดเลือกอย่างเปิดเผย",
    "appoint": "การบรรจุและแต่งตั้ง: แต่งตั้งตามหลักคุณธรรม ความรู้ความสามารถ",
    "develop": "การพัฒนาบุคลากร: จัดให้บุคลากรได้รับการอบรมอย่างน้อยปีละ 1 หลักสูตร",
    "evaluate": "การประเมินผลการปฏิบัติงาน: ประเมินปีละ 2 รอบ ตามตัวชี้วัดที่ตกลงร่วมกัน",
    "reward": "การให้คุณให้โทษและสร้างขวัญกำลังใจ: เลื่อนขั้นเงินเดือน ยกย่องชมเชยบุคลากรดีเด่น",
}
_COMPLAINT_ELEMENTS = {
    "steps": "ขั้นตอน: ๑) รับเรื่องร้องเรียน ๒) ลงทะเบียนและตรวจสอบข้อเท็จจริง ๓) แจ้งผลการดำเนินการแก่ผู้ร้องเรียน",
    "unit": "หน่วยงานรับผิดชอบ: ศูนย์รับเรื่องร้องเรียนการทุจริต สำนักปลัด",
    "time": "ระยะเวลา: แจ้งผลการพิจารณาให้ผู้ร้องทราบภายใน 15 วันทำการ",
}
_PARTICIPATION_ELEMENTS = {
    "participants": "ผู้เข้าร่วม: ผู้นำชุมชน ตัวแทนหมู่บ้าน และประชาชน จำนวน {n} คน",
    "outcome": "ผลการดำเนินการ: ที่ประชุมเสนอโครงการซ่อมแซมถนนและขุดลอกคลอง รวม {m} โครงการ",
    "use_of_outcome": "การนำผลไปใช้: บรรจุโครงการที่ได้รับการเสนอไว้ในแผนพัฒนาท้องถิ่นและข้อบัญญัติงบประมาณ",
}
_PROCUREMENT_WORKS = [
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างเหมาซ่อมแซมถนนลูกรัง หมู่ที่ {m}",
    "จัดซื้อน้ำมันเชื้อเพลิง",
    "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {m}",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน",
    "จ้างเหมาจัดทำป้ายประชาสัมพันธ์",
    "จัดซื้อวัสดุคอมพิวเตอร์",
    "จ้างซ่อมแซมรถบรรทุกน้ำ",
]
PROCUREMENT_COLUMNS = [
    "ลำดับ",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินงบประมาณ",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
    "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่และวันที่ของสัญญา",
]


@dataclass(frozen=True, slots=True)
class Ctx:
    """Everything a text needs: who speaks, how they write numbers, for which year."""

    org: Organisation
    style: Style
    rng: random.Random
    fy: int | None  # the fiscal year the evidence is for (None: not year-bound)
    missing: tuple[str, ...] = ()
    stale: bool = False  # a stale plan's year range ends before the required year

    @property
    def year(self) -> int:
        """The fiscal year of an item that is year-bound (its rule has a freshness)."""
        if self.fy is None:
            raise ValueError("this text is only written for a year-bound item")
        return self.fy


def item_title(key: str, ctx: Ctx) -> str:
    names = ITEMS_BY_KEY[key].names
    name = ctx.rng.choice(names)
    if "{r0}" in name:
        end = (ctx.fy or 2570) + (0 if ctx.stale else ctx.rng.randint(0, 3))
        return name.format(r0=ctx.style.num(end - 4), r1=ctx.style.num(end))
    if ctx.fy is not None and key not in ("news",):
        return f"{name} {ctx.style.fy_phrase(ctx.fy)}"
    return name


def signature(ctx: Ctx, date: dt.date) -> list[str]:
    mayor = ctx.org.mayor
    return [f"ประกาศ ณ วันที่ {ctx.style.date(date)}", f"(ลงชื่อ) {mayor.name}", f"({mayor.name})", mayor.position]


def item_lines(key: str, ctx: Ctx, date: dt.date) -> list[str]:
    """The substance of an item's evidence, without its title."""
    s, org, rng = ctx.style, ctx.org, ctx.rng
    if key == "authority":
        if "explained_duties" in ctx.missing:  # the whole text of a law, not explained: a ground for 0
            return [
                "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗",
                "มาตรา ๖๖ องค์การบริหารส่วนตำบลมีอำนาจหน้าที่ในการพัฒนาตำบล ทั้งในด้านเศรษฐกิจ สังคม และวัฒนธรรม",
                "มาตรา ๖๗ ภายใต้บังคับแห่งกฎหมาย องค์การบริหารส่วนตำบล มีหน้าที่ต้องทำในเขตองค์การบริหารส่วนตำบล ดังต่อไปนี้",
            ]
        units = ["สำนักปลัด", "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา ศาสนาและวัฒนธรรม"]
        return [f"{org.name} มีอำนาจหน้าที่ตามที่กฎหมายกำหนด สรุปได้ดังนี้"] + [
            f"{s.num(i)}. {duty} ซึ่ง{rng.choice(['รับผิดชอบโดย', 'ดำเนินการโดย'])}{rng.choice(units)}"
            for i, duty in enumerate(rng.sample(_DUTIES, 5), 1)
        ]
    if key == "hr_criteria":
        return [f"{org.name} กำหนดหลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล {s.fy_phrase(ctx.year)} ดังนี้"] + [
            text for name, text in _HR_ELEMENTS.items() if name not in ctx.missing
        ]
    if key == "complaint_guideline":
        lines = [
            f"แนวปฏิบัติสำหรับประชาชนที่ประสงค์จะร้องเรียนการทุจริตของเจ้าหน้าที่{org.name}",
            "ช่องทาง: ร้องเรียนด้วยตนเอง ทางไปรษณีย์ ทางโทรศัพท์ หรือผ่านแบบฟอร์มออนไลน์บนเว็บไซต์",
        ]
        return lines + [text for name, text in _COMPLAINT_ELEMENTS.items() if name not in ctx.missing]
    if key == "participation":
        topic = rng.choice(["การจัดทำแผนพัฒนาท้องถิ่น", "การแก้ไขปัญหาน้ำท่วมขัง", "การจัดการขยะในชุมชน"])
        lines = [f"หัวข้อ: การประชุมประชาคมเพื่อ{topic} {s.fy_phrase(ctx.year)}", f"วันที่จัด: {s.date(date)}"]
        return lines + [
            text.format(n=s.num(rng.randint(40, 180)), m=s.num(rng.randint(3, 12)))
            for name, text in _PARTICIPATION_ELEMENTS.items()
            if name not in ctx.missing
        ]
    if key in ("service_stats", "complaint_stats"):
        what = "ผู้มาใช้บริการ" if key == "service_stats" else "เรื่องร้องเรียนการทุจริต"
        return [f"สถิติ{what} {s.fy_phrase(ctx.year)}"] + [
            f"{s.month(y, m)} จำนวน {s.num(rng.randint(0, 3) if key == 'complaint_stats' else rng.randint(20, 300))} "
            f"{'เรื่อง' if key == 'complaint_stats' else 'ราย'}"
            for y, m in fiscal_months(ctx.year)[: rng.randint(3, 12)]
        ]
    name = rng.choice([n for n in ITEMS_BY_KEY[key].names if "{" not in n])
    year = f" {s.fy_phrase(ctx.fy)}" if ctx.fy is not None else ""
    opener = rng.choice(_OPENERS).format(org=org.name, name=name, year=year)
    lines = [opener, f"{org.name} อำเภอ{org.district} จังหวัด{org.province}"] + _PURPOSE.get(key, [])
    if "signature" not in ctx.missing:
        lines += signature(ctx, date)
    return lines


def procurement_rows(ctx: Ctx, be_year: int, month: int) -> list[list[str]]:
    """Rows of one month's สขร.1 table; some months have no procurement at all."""
    rng, s = ctx.rng, ctx.style
    rows = []
    for i in range(rng.choice([0, 1, 2, 3, 4])):
        budget = rng.randint(5, 500) * 1000
        winner = f"ร้าน{rng.choice(['ทรัพย์เจริญ', 'รุ่งเรืองพาณิชย์', 'สมบูรณ์การค้า', 'ช่างเอกก่อสร้าง'])}"
        rows.append(
            [
                s.num(i + 1),
                rng.choice(_PROCUREMENT_WORKS).format(m=s.num(rng.randint(1, 12))),
                s.num(f"{budget:,}"),
                s.num(f"{budget:,}"),
                "เฉพาะเจาะจง",
                f"{winner} {s.num(f'{budget - 500:,}')} บาท",
                f"{winner} {s.num(f'{budget - 500:,}')} บาท",
                "เสนอราคาต่ำสุดและเป็นประโยชน์ต่อทางราชการ",
                f"{s.num(rng.randint(1, 120))}/{s.num(be_year)} ลว. {s.num(rng.randint(1, 28))} {s.month(be_year, month)}",
            ]
        )
    return rows


def shell_html(title: str, rng: random.Random) -> str:
    return f"<h1>{escape(title)}</h1><p>{rng.choice(SHELL_TEXTS)}</p>"


def lines_html(title: str, lines: list[str], rng: random.Random | None = None) -> str:
    """The lines as one of the usual page bodies: paragraphs, a list, a table, or <br> runs."""
    layout = rng.choice(("p", "p", "ul", "table", "br")) if rng else "p"
    head = f"<h1>{escape(title)}</h1>"
    if layout == "ul":
        return head + "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
    if layout == "table":
        return head + "<table>" + "".join(f"<tr><td>{escape(line)}</td></tr>" for line in lines) + "</table>"
    if layout == "br":
        return head + "<div>" + "<br>".join(escape(line) for line in lines) + "</div>"
    return head + "".join(f"<p>{escape(line)}</p>" for line in lines)


# ---- everyday pages and near misses (negatives for the rules) ----


def news_post(ctx: Ctx, n: int, date: dt.date) -> tuple[str, list[str]]:
    rng, s, org = ctx.rng, ctx.style, ctx.org
    kinds = [
        ("โครงการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า ประจำปี {y}", ["ออกหน่วยฉีดวัคซีนให้สุนัขและแมวในหมู่ที่ {m}"]),
        ("กิจกรรมจิตอาสาพัฒนา ทำความสะอาดถนนในหมู่บ้าน", ["ร่วมกับผู้นำชุมชนพัฒนาพื้นที่สาธารณะ"]),
        ("ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี {y}", ["ขอเชิญชวนผู้มีหน้าที่เสียภาษีชำระภายในเดือนเมษายน"]),
        (
            "ประกาศรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง",
            ["หลักเกณฑ์และวิธีการสมัคร: ผู้สมัครต้องมีคุณสมบัติทั่วไปตามประกาศ", "ตำแหน่งผู้ช่วยนักวิชาการเงินและบัญชี จำนวน ๑ อัตรา"],
        ),
        ("ภาพกิจกรรมส่งมอบงานโครงการก่อสร้างถนน คสล. หมู่ที่ {m}", ["คณะกรรมการตรวจรับพัสดุตรวจรับงานเรียบร้อยแล้ว"]),
        ("ขอเชิญเที่ยวงานประเพณีบุญบั้งไฟ ประจำปี {y}", ["ชมขบวนแห่และการแสดงทางวัฒนธรรม ณ สนามกีฬากลาง"]),
        ("ผลิตภัณฑ์ OTOP ผ้าไหมมัดหมี่ บ้าน{p}", ["กลุ่มทอผ้าบ้าน{p} ได้รับรางวัลระดับ ๔ ดาว"]),
        ("ประชุมสภาสมัยสามัญ สมัยที่ {m}", ["พิจารณาร่างข้อบัญญัติและเรื่องอื่น ๆ"]),
        ("ประชาสัมพันธ์การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ", ["ผู้ที่จะมีอายุครบ ๖๐ ปี ลงทะเบียนได้ที่สำนักปลัด"]),
        ("ผลการประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA) ประจำปี {y}", ["ผ่านเกณฑ์ทุกด้าน ได้คะแนนร้อยละ ๘๗"]),
    ]
    title, body = kinds[n % len(kinds)]
    fill = {"y": s.num(date.year + 543), "m": s.num(rng.randint(1, 12)), "p": org.place}
    return title.format(**fill), [line.format(**fill) for line in body] + [f"โพสต์เมื่อ {s.date(date)}"]


NEAR_MISSES: dict[str, tuple[str, list[str]]] = {
    # slug: (title, lines) — look like items, are not evidence for them
    "vision": (
        "วิสัยทัศน์ พันธกิจ",
        ["วิสัยทัศน์: ตำบลน่าอยู่ เศรษฐกิจพอเพียง ประชาชนมีคุณภาพชีวิตที่ดี", "พันธกิจ: พัฒนาโครงสร้างพื้นฐาน ส่งเสริมอาชีพ อนุรักษ์ทรัพยากรธรรมชาติ"],
    ),
    "policy": (
        "คำแถลงนโยบายของนายก",
        [
            "นโยบายด้านโครงสร้างพื้นฐาน: ก่อสร้างและซ่อมแซมถนนทุกหมู่บ้าน",
            "นโยบายด้านสังคม: ดูแลผู้สูงอายุ ผู้พิการ และผู้ด้อยโอกาส",
            "จะบริหารงานด้วยความโปร่งใสตามหลักธรรมาภิบาล",
        ],
    ),
    "history": (
        "ประวัติความเป็นมา",
        ["ยกฐานะจากสภาตำบลเป็นองค์การบริหารส่วนตำบล เมื่อปี พ.ศ. ๒๕๔๐", "พื้นที่ส่วนใหญ่เป็นที่ราบลุ่ม ประชาชนประกอบอาชีพเกษตรกรรม"],
    ),
    "tourism": ("แหล่งท่องเที่ยวในตำบล", ["น้ำตกและอ่างเก็บน้ำ เหมาะแก่การพักผ่อนหย่อนใจ", "ตลาดนัดชุมชนทุกวันเสาร์ จำหน่ายสินค้า OTOP"]),
    "lpa": (
        "ผลการประเมิน LPA",
        ["การประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA)", "ด้านการบริหารจัดการ ด้านการบริหารงานบุคคลและกิจการสภา ด้านการบริการสาธารณะ"],
    ),
}
