"""RunResults for the report tests: realistic sites, an unreachable one, and hostile crawled text."""

from __future__ import annotations

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, RunResult, SiteResult

IND9 = "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"
IND10 = "ตัวชี้วัดที่ 10 การป้องกันการทุจริต"
SUB91 = "9.1 ข้อมูลพื้นฐาน"
SUB92 = "9.2 การบริหารงานและการใช้จ่ายงบประมาณ"
SUB101 = "10.1 การดำเนินการเพื่อป้องกันการทุจริต"

SCRIPT = '<script>document.title="pwned"</script>'
BROKEN_THAI = "\u0e33\u0e33ประจ\x00\u0e33ปี à¸›à¸£à¸°"  # stray sara am, NUL, mojibake
LONG_TEXT = "รายละเอียดการดำเนินงานประจำปีงบประมาณ " * 40


def item(
    key: str,
    code: str,
    name: str,
    status: ItemStatus,
    *,
    indicator: str = IND9,
    sub: str = SUB91,
    evidence: list[Evidence] | None = None,
    **fields,
) -> ItemVerdict:
    return ItemVerdict(
        key=key,
        keys=fields.pop("keys", [key]),
        code=code,
        name_th=name,
        status=status,
        indicator=indicator,
        sub_indicator=sub,
        evidence=evidence or [],
        **fields,
    )


def ev(url: str, *path: str, score: float = 1.0, fiscal_year: int | None = 2570, reason: str = "") -> Evidence:
    return Evidence(url=url, click_path=list(path), fiscal_year=fiscal_year, reason=reason, score=score)


def ok_site_items(base: str) -> list[ItemVerdict]:
    return [
        item(
            "structure",
            "o1",
            "โครงสร้างและอำนาจหน้าที่",
            ItemStatus.PASS,
            evidence=[
                ev(
                    f"{base}/data.php?content_id=12",
                    "ข้อมูลหน่วยงาน",
                    "โครงสร้างองค์กร",
                    score=0.9,
                    reason="พบแผนผังโครงสร้างทั้งฝ่ายการเมืองและฝ่ายประจำ",
                ),
                ev(f"{base}/ita-2570/", "ITA", score=0.5),
            ],
        ),
        item(
            "executives",
            "o2",
            "ข้อมูลผู้บริหาร",
            ItemStatus.INCOMPLETE,
            missing_elements=["รูปถ่าย", "หมายเลขโทรศัพท์"],
            responsible_unit="สำนักปลัด",
            measure="1. เพิ่มรูปถ่ายผู้บริหารทุกคน\n2. เพิ่มหมายเลขโทรศัพท์",
            evidence=[ev(f"{base}/staff.php", "ข้อมูลหน่วยงาน", "คณะผู้บริหาร")],
        ),
        item("contact", "o3", "ข้อมูลการติดต่อและช่องทางการสอบถาม", ItemStatus.PASS, evidence=[ev(f"{base}/contact", "ติดต่อเรา")]),
        item(
            "news",
            "o4",
            "ข่าวประชาสัมพันธ์",
            ItemStatus.STALE,
            fiscal_year_found=2566,
            evidence=[ev(f"{base}/news.php?id=4", "ข่าวสาร", fiscal_year=2566)],
        ),
        item(
            "annual_plan",
            "o6",
            "แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี",
            ItemStatus.MISSING,
            sub=SUB92,
            responsible_unit="งานนโยบายและแผน",
            inferred=True,
        ),
        item("e_service", "o10", "E-Service", ItemStatus.BROKEN, sub=SUB92, evidence=[ev(f"{base}/eservice", "บริการออนไลน์")]),
        item(
            "procurement_monthly",
            "o12",
            "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุและความก้าวหน้า",
            ItemStatus.UNVERIFIABLE,
            sub=SUB92,
            responsible_unit="กองคลัง (งานพัสดุ)",
            evidence=[ev("https://drive.google.com/file/d/abc/view", "จัดซื้อจัดจ้าง")],
        ),
        item(
            "risk_assessment",
            "o23",
            "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี",
            ItemStatus.MISSING,
            indicator=IND10,
            sub=SUB101,
            responsible_unit="หน่วยตรวจสอบภายใน",
        ),
    ]


def hostile_items(base: str) -> list[ItemVerdict]:
    """Crawled text with script tags, javascript: links, broken Thai and very long strings."""
    return [
        item(
            "structure",
            "o1",
            "โครงสร้างและอำนาจหน้าที่",
            ItemStatus.PASS,
            evidence=[
                ev(f'{base}/"><script>alert(1)</script>', SCRIPT, BROKEN_THAI, reason=SCRIPT),
                ev("javascript:alert(document.cookie)", "คลิกที่นี่", score=0.1),
            ],
        ),
        item(
            "executives",
            "o2",
            "ข้อมูลผู้บริหาร",
            ItemStatus.INCOMPLETE,
            missing_elements=[SCRIPT, BROKEN_THAI],
            finding=f"พบแต่ขาด: {SCRIPT}",
            measure=LONG_TEXT,
            evidence=[ev(f"{base}/page?x=<img src=x onerror=alert(1)>", LONG_TEXT, reason=LONG_TEXT)],
        ),
        item("news", "o4", "ข่าวประชาสัมพันธ์", ItemStatus.MISSING),
    ]


def sample_run(run_id: int = 7, as_of: str = "2026-11-22") -> RunResult:
    return RunResult(
        run_id=run_id,
        as_of=as_of,
        ruleset="2569",
        pass_mark=85.0,
        sites=[
            SiteResult(
                id="loi",
                name="องค์การบริหารส่วนตำบลลอย",
                url="http://127.0.1.1:8080/",
                status="ok",
                crawl_status="ok",
                type="อบต.",
                province="พะเยา",
                district="ปง",
                score=25.0,
                evidence_from_run=run_id,
                items=ok_site_items("http://127.0.1.1:8080"),
            ),
            SiteResult(
                id="nakhok",
                name="องค์การบริหารส่วนตำบลนาโคก",
                url="http://127.0.1.2:8080/",
                status="ok",
                type="อบต.",
                province="สมุทรสาคร",
                district="เมืองสมุทรสาคร",
                score=100.0,
                evidence_from_run=run_id,
                items=[i for i in ok_site_items("http://127.0.1.2:8080") if i.status is ItemStatus.PASS],
            ),
            SiteResult(
                id="down",
                name="เทศบาลตำบลปิด",
                url="http://127.0.1.3:8080/",
                status="unreachable",
                crawl_status="connection_refused",
                crawl_detail="connection refused by 127.0.1.3:8080",
                type="เทศบาล",
                province="พะเยา",
                district="เชียงคำ",
                score=None,
                evidence_from_run=None,
                items=[item(i.key, i.code, i.name_th, ItemStatus.NOT_JUDGED) for i in ok_site_items("x")],
            ),
            SiteResult(
                id="../evil site<script>",
                name=f"อบต.{SCRIPT}{BROKEN_THAI}",
                url="javascript:alert(1)",
                status="ok",
                type="อบต.",
                province="พะเยา",
                district="ปง",
                score=33.33,
                evidence_from_run=run_id,
                items=hostile_items("http://127.0.1.4:8080"),
            ),
        ],
    )
