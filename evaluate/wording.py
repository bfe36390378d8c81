"""The Thai words officers read for the codes the crawler and the engine return: one table per
code, and the sentences made of a code and its parameters (a status, the elements missing, the
year found, the year required, why a link failed).

The engine's findings and evidence reasons, every report format, the e-mails and ``oit rules
explain`` take their words from here, so a code (broken, stale, fetch_failed, an English crawler
detail) never reaches a Thai report (tests/test_reports_wording.py renders them all), and one
finding is worded the same everywhere. Templates keep only their fixed labels and headings.
"""

from __future__ import annotations

from collections.abc import Sequence

from evaluate.verdicts import (
    Failure,
    FailureKind,
    Hint,
    HintKind,
    ItemFinding,
    ItemStatus,
    Missing,
    PartMissing,
    Reason,
    YearElement,
)
from store.records import DocumentStatus

STATUS_TH = {
    ItemStatus.PASS: "ผ่าน",
    ItemStatus.INCOMPLETE: "ข้อมูลไม่ครบ",
    ItemStatus.STALE: "ข้อมูลไม่เป็นปัจจุบัน",
    ItemStatus.BROKEN: "ลิงก์เสีย",
    ItemStatus.UNVERIFIABLE: "ตรวจสอบไม่ได้",
    ItemStatus.MISSING: "ไม่พบข้อมูล",
    ItemStatus.NOT_JUDGED: "ไม่ได้ตรวจ",
}
# One short mark per status for the overview's matrix cells (the cell's class carries the colour).
STATUS_MARK_TH = {
    ItemStatus.PASS: "✓",
    ItemStatus.INCOMPLETE: "ขาด",
    ItemStatus.STALE: "ปีเก่า",
    ItemStatus.BROKEN: "เสีย",
    ItemStatus.UNVERIFIABLE: "?",
    ItemStatus.MISSING: "✗",
    ItemStatus.NOT_JUDGED: "–",
}
NOT_IN_RULESET_TH = "ไม่มีในเกณฑ์"  # an item another year's criteria list (the overview of runs judged by several)
SITE_STATUS_TH = {"ok": "ตรวจแล้ว", "unreachable": "เข้าเว็บไซต์ไม่ได้", "blocked": "robots.txt ไม่อนุญาตให้ตรวจ"}
# The detailed crawl outcome (store.records.SiteStatus values).
CRAWL_STATUS_TH = {
    "dns_failure": "เข้าเว็บไซต์ไม่ได้: ไม่พบชื่อโดเมน (DNS)",
    "connection_refused": "เข้าเว็บไซต์ไม่ได้: เครื่องแม่ข่ายไม่รับการเชื่อมต่อ",
    "timeout": "เข้าเว็บไซต์ไม่ได้: เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด",
    "time_limit": "ตรวจไม่ครบ: เว็บไซต์ตอบช้าจนหมดเวลาตรวจที่กำหนดต่อเว็บไซต์",
    "tls_failure": "เข้าเว็บไซต์ไม่ได้: การเชื่อมต่อแบบปลอดภัย (TLS) ล้มเหลว",
    "server_error": "เข้าเว็บไซต์ไม่ได้: เครื่องแม่ข่ายของเว็บไซต์ขัดข้อง",
    "http_error": "เข้าเว็บไซต์ไม่ได้: หน้าหลักตอบข้อผิดพลาด",
    "blocked": "robots.txt ไม่อนุญาตให้ตรวจ",
    "pending": "ยังไม่ได้ตรวจในรอบนี้ (การตรวจหยุดก่อนถึงเว็บไซต์นี้)",
}
# Why a linked document could not be read (store.records.DocumentStatus).
DOCUMENT_STATUS_TH = {
    DocumentStatus.LOW_QUALITY: "ข้อความในไฟล์เสียหายจนอ่านไม่ได้",
    DocumentStatus.IMAGE_ONLY: "ไฟล์เป็นภาพสแกนที่อ่านข้อความไม่ได้",
    DocumentStatus.TOO_LARGE: "ไฟล์ใหญ่เกินขนาดที่ระบบตรวจได้",
    DocumentStatus.ENCRYPTED: "ไฟล์ถูกตั้งรหัสผ่าน เปิดไม่ได้",
    DocumentStatus.CORRUPT: "ไฟล์เสียหาย เปิดไม่ได้",
    DocumentStatus.UNSUPPORTED: "ไฟล์ชนิดที่ระบบอ่านไม่ได้",
    DocumentStatus.FETCH_FAILED: "ดาวน์โหลดไฟล์ไม่ได้",
    DocumentStatus.PENDING: "ยังไม่ได้อ่านไฟล์",
}
NO_TEXT_TH = "ไฟล์ไม่มีข้อความให้ตรวจ"
# Why a page found for an item could not be checked (evaluate.judge.Finding.unchecked).
UNCHECKED_TH = {
    "title_only": "มีเพียงชื่อเรื่องหรือรายการเอกสาร",
    "script_form": "ไม่พบแบบฟอร์มในหน้า อาจสร้างด้วยสคริปต์",
}
# The click path of a URL the organisation named (store.records.NAMED_URL_STEP) that no crawled page links.
NAMED_URL_TH = "ไม่พบลิงก์จากหน้าเว็บที่ตรวจ (URL ที่หน่วยงานระบุไว้)"
# Why a source could not be read besides an HTTP error or a document status (verdicts.FailureKind).
FAILURE_TH = {
    FailureKind.NO_TEXT: NO_TEXT_TH,
    FailureKind.ERROR_PAGE: "หน้าเว็บแสดงข้อผิดพลาด (ไม่พบหน้าที่ต้องการ)",  # a "not found" page served as 200
    FailureKind.EMPTY_LINK: "ลิงก์ว่าง (#) ไม่มีปลายทาง",
    FailureKind.EXTERNAL_LINK: "ลิงก์ไปยังเว็บไซต์ภายนอกที่ระบบเปิดตรวจไม่ได้",
}
# Where a candidate was found (verdicts.HintKind; a link's hint is worded by link_hint_th), for the evidence reasons.
HINT_TH = {
    HintKind.OVERRIDE: "ระบุในไฟล์ตั้งค่าของหน่วยงาน",
    HintKind.TITLE: "ชื่อเรื่องหรือหัวข้อของหน้า",
    HintKind.DATED_POST: "โพสต์ข่าวหรือกิจกรรมที่ระบุวันที่",
    HintKind.DOCUMENT_TITLE: "ชื่อหรือหัวเรื่องของเอกสาร",
}
# What changed since the previous run (reports.history.ChangeKind values).
CHANGE_TH = {
    "newly_passing": "ผ่านแล้ว",
    "link_broken": "ลิงก์เสีย (เคยผ่าน)",
    "evidence_gone": "หลักฐานหายไป (เคยผ่าน)",
    "newly_failing": "ไม่ผ่าน (เคยผ่าน)",
    "evidence_url_gone": "URL เดิมใช้เป็นหลักฐานไม่ได้แล้ว",
    "status_changed": "เปลี่ยนสาเหตุที่ไม่ผ่าน",
    "new_item": "ข้อใหม่",
}


def answer_th(status: ItemStatus) -> str:
    """The ITAS sheet's answer: มี, ไม่มี, or ไม่ได้ตรวจ for a site not reached."""
    return {ItemStatus.PASS: "มี", ItemStatus.NOT_JUDGED: "ไม่ได้ตรวจ"}.get(status, "ไม่มี")


def link_hint_th(text: str, page_title: str = "") -> str:
    """A candidate found by a link's words: ลิงก์ “ดาวน์โหลด” ในหน้าข้อมูลหน่วยงาน."""
    return f"ลิงก์ “{text}”" + (f" ในหน้า{page_title}" if page_title else "")


def year_element_th(year: int | None) -> str:
    """The element a page lacks when it is for no stated year (counted with the missing elements)."""
    return f"ข้อมูลปีงบประมาณ {year}"


def missing_part_th(name_th: str, status: ItemStatus, missing: list[str]) -> str:
    """One key of a merged item that does not pass, as one of the item's missing elements."""
    return name_th if status is ItemStatus.MISSING else f"{name_th} ({', '.join(missing) or STATUS_TH[status]})"


def element_th(missing: Missing) -> str:
    """A missing element: the rules' name as it is, or the words of its code."""
    if isinstance(missing, YearElement):
        return year_element_th(missing.year)
    if isinstance(missing, PartMissing):
        return missing_part_th(missing.name_th, missing.status, elements_th(missing.missing))
    return missing


def elements_th(missing: Sequence[Missing]) -> list[str]:
    return [element_th(m) for m in missing]


def failure_th(failure: Failure | None) -> str:
    """Why a source could not be read; "" when nothing failed but it had no text (then NO_TEXT_TH is said)."""
    if failure is None:
        return ""
    if failure.kind is FailureKind.HTTP:
        return http_failure_th(failure.http_status)
    if failure.kind is FailureKind.DOCUMENT:
        return DOCUMENT_STATUS_TH[failure.document_status] if failure.document_status else NO_TEXT_TH
    return FAILURE_TH[failure.kind]


def hint_th(hint: Hint | None) -> str:
    if hint is None:
        return ""
    return link_hint_th(hint.text, hint.page) if hint.kind is HintKind.LINK else HINT_TH[hint.kind]


def item_finding_th(finding: ItemFinding | str) -> str:
    """The engine's finding worded by ``finding_th``; a sentence read back is shown as it is."""
    if isinstance(finding, str):
        return finding
    return finding_th(
        finding.status,
        missing=elements_th(finding.missing),
        year_found=finding.year_found,
        year_required=finding.year_required,
        failure=failure_th(finding.failure),
        unchecked=finding.unchecked,
    )


def reason_th(reason: Reason | str) -> str:
    """An evidence reason worded by ``evidence_reason_th``; a sentence read back is shown as it is."""
    if isinstance(reason, str):
        return reason
    finding = reason.finding
    text = evidence_reason_th(
        finding.status,
        reason.name_th,
        hint=hint_th(reason.hint),
        missing=elements_th(finding.missing),
        year_found=finding.year_found,
        year_required=finding.year_required,
        failure=failure_th(finding.failure),
        unchecked=finding.unchecked,
        empty_shell=reason.empty_shell,
    )
    return earlier_evidence_th(text) if reason.earlier else text


def finding_th(
    status: ItemStatus,
    *,
    missing: list[str] | tuple[str, ...] = (),
    year_found: int | None = None,
    year_required: int | None = None,
    failure: str | None = None,
    unchecked: str = "",
) -> str:
    """An item's finding in one line; every report shows it next to the item's name, so the name is
    not repeated (พบแต่ขาด: รูปถ่าย, like the officers' tables). ``failure``: why the best source
    could not be read ("" when it had no text, None when not known)."""
    if status is ItemStatus.MISSING:
        return "ไม่พบข้อมูลบนเว็บไซต์หลักของหน่วยงาน"
    if status is ItemStatus.BROKEN:
        return "ลิงก์เสีย เปิดไม่ได้"
    if status is ItemStatus.UNVERIFIABLE and unchecked:
        return f"พบหน้า แต่ตรวจสอบเนื้อหาไม่ได้ ({UNCHECKED_TH[unchecked]})"
    if status is ItemStatus.UNVERIFIABLE:
        return "พบลิงก์ แต่ตรวจสอบเนื้อหาไม่ได้" + ("" if failure is None else f" ({failure or NO_TEXT_TH})")
    if status is ItemStatus.STALE:
        required = f" (ต้องเป็นปี {year_required})" if year_required else ""
        return f"พบแต่เป็นข้อมูลปี {year_found}{required}" if year_found else f"พบแต่เป็นข้อมูลปีอื่น{required}"
    if status is ItemStatus.INCOMPLETE:
        return f"พบแต่ขาด: {', '.join(missing)}"
    if status is ItemStatus.NOT_JUDGED:
        return "ไม่ได้ตรวจ: ตรวจเว็บไซต์ไม่ได้ในรอบนี้"
    return f"พบครบตามเกณฑ์ ปีงบประมาณ {year_found}" if year_found else "พบครบตามเกณฑ์"


def evidence_reason_th(
    status: ItemStatus,
    name_th: str,
    *,
    hint: str,
    missing: list[str] | tuple[str, ...] = (),
    year_found: int | None = None,
    year_required: int | None = None,
    failure: str = "",
    unchecked: str = "",
    empty_shell: bool = False,
) -> str:
    """Why a piece of evidence counts as it does, naming the item (the evidence view, the ITAS sheet)."""
    if status is ItemStatus.PASS:
        year = f" ปีงบประมาณ {year_found}" if year_found else ""
        return f"พบ{name_th}ครบตามเกณฑ์{year} (พบจาก{hint})"
    if status is ItemStatus.STALE:
        return f"พบ{name_th} แต่เป็นข้อมูลปี {year_found} (ต้องเป็นปี {year_required})"
    if status is ItemStatus.INCOMPLETE:
        return f"พบ{name_th} แต่ขาด: {', '.join(missing)}"
    if status is ItemStatus.BROKEN:
        return f"{hint} เปิดไม่ได้ ({failure})"
    if unchecked:
        return f"พบหน้าสำหรับ{name_th} แต่ตรวจสอบเนื้อหาไม่ได้ ({UNCHECKED_TH[unchecked]})"
    if status is ItemStatus.UNVERIFIABLE:
        return f"{hint} ตรวจสอบเนื้อหาไม่ได้ ({failure or NO_TEXT_TH})"
    if empty_shell:
        return f"พบหน้าที่ชื่อตรงกับ{name_th} แต่ไม่มีเนื้อหาตามเกณฑ์"
    return f"ไม่พบ{name_th}"


def earlier_evidence_th(reason: str) -> str:
    """The reason of evidence carried over from the last run that reached the site."""
    return f"{reason} (หลักฐานจากการตรวจครั้งก่อน)"


def site_status_th(status: str, crawl_status: str) -> str:
    """How a site fared this run: why it was not judged, in Thai (the crawler's English detail stays
    in results.json and the logs)."""
    return CRAWL_STATUS_TH.get(crawl_status) or SITE_STATUS_TH.get(status, STATUS_TH[ItemStatus.NOT_JUDGED])


def not_judged_notice_th(site_text: str, carried_from_run: int | None) -> str:
    """The notice of a site not judged this run, and where its items' results come from."""
    if carried_from_run is not None:
        return f"{site_text} — ผลรายข้อด้านล่างมาจากข้อมูลที่เก็บไว้ล่าสุด (รอบที่ {carried_from_run})"
    return f"{site_text} — จึงยังไม่ได้ตรวจรายข้อ"


def progress_th(status: ItemStatus, since: str = "") -> str:
    """การดำเนินการ of a failing row: its status, and since when it fails."""
    return f"ยังไม่ผ่าน: {STATUS_TH[status]}" + (f" (ตั้งแต่ {since})" if since else "")


def fix_step_th(status: ItemStatus, name_th: str, missing: list[str]) -> str | None:
    """The step a finding calls for (the measure's own lines follow it); None when it calls for none."""
    return {
        ItemStatus.STALE: f"ปรับปรุง{name_th} ให้เป็นข้อมูลของปีที่เกณฑ์กำหนด",
        ItemStatus.INCOMPLETE: "เพิ่มข้อมูลที่ยังขาดให้ครบ: " + ", ".join(missing or ["ตามเกณฑ์"]),
        ItemStatus.BROKEN: "แก้ไขลิงก์ที่เปิดไม่ได้ ให้ชี้ไปยังข้อมูลที่มีอยู่จริงบนเว็บไซต์หลัก",
        ItemStatus.UNVERIFIABLE: "นำไฟล์ขึ้นเว็บไซต์หลักของหน่วยงาน ให้เปิดอ่านได้โดยไม่ต้องเข้าสู่ระบบ",
    }.get(status)


def make_item_th(name_th: str) -> str:
    """The step for an item found nowhere when its rule has no measure text."""
    return f"จัดทำ{name_th} และเผยแพร่บนเว็บไซต์หลักของหน่วยงาน"


def change_th(kind: str, before: ItemStatus | None, after: ItemStatus) -> str:
    """One item's change since the previous run (reports.history.ChangeKind)."""
    label = CHANGE_TH[kind]
    if kind == "status_changed" and before:
        return f"{label} ({STATUS_TH[before]} → {STATUS_TH[after]})"
    return label


def http_failure_th(http_status: int) -> str:
    """A page or file that did not open; the crawler's English detail stays in its log."""
    if http_status == 404:
        return "ไม่พบหน้าปลายทาง (รหัส 404)"
    if http_status >= 500:
        return f"เครื่องแม่ข่ายตอบข้อผิดพลาด (รหัส {http_status})"
    if http_status >= 400:
        return f"เปิดไม่ได้ (รหัส {http_status})"
    return "เว็บไซต์ไม่ตอบหรือการเชื่อมต่อล้มเหลว"


# The gap report's memo (บันทึกข้อความ) and measure table.
CHECK_STEP_TH = "เมื่อแก้ไขแต่ละข้อแล้ว ให้ตรวจว่าเปิดได้จากหน้าหลักของเว็บไซต์ บันทึก URL ในระบบ ITAS และรายงานผู้บริหาร"
MEMO_CLOSING_TH = "จึงเรียนมาเพื่อโปรดพิจารณา"


def memo_intro_th(org: str, fiscal_year: str, window: str) -> str:
    return (
        f"ตามที่{org}จะรับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ. {fiscal_year} โดยตอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ในระบบ ITAS "
        f"ระหว่างวันที่ {window} ซึ่งผู้ประเมินจะให้คะแนนจากข้อมูลบนเว็บไซต์หลักของหน่วยงาน"
    )


def memo_finding_th(
    url: str,
    when: str,
    ruleset: str,
    passed: str,
    total: str,
    score: str,
    passing: bool,
    pass_mark: str,
    failing: str,
    zero: str,
    due: str,
) -> str:
    """The memo's finding for a site judged this run (numbers already in the report's digits)."""
    verdict = "ผ่านเกณฑ์" if passing else "ยังต่ำกว่าเกณฑ์"
    return (
        f"ผลการตรวจเว็บไซต์ {url} เมื่อวันที่ {when} ตามเกณฑ์ปี {ruleset} "
        f"พบข้อมูลครบตามเกณฑ์ {passed} จาก {total} ข้อ "
        f"คาดว่าจะได้คะแนน OIT {score} คะแนน ซึ่ง{verdict} {pass_mark} คะแนน "
        f"ข้อที่ยังไม่ผ่าน {failing} ข้อ จะได้ {zero} คะแนน"
        "หากไม่ปรับปรุงให้แล้วเสร็จก่อนช่วงตอบแบบ OIT จึงได้จัดทำมาตรการปรับปรุงตามตารางแนบท้ายบันทึกนี้ "
        f"กำหนดแล้วเสร็จภายในวันที่ {due}"
    )


def memo_not_checked_th(url: str, when: str, notice: str) -> str:
    """The memo's finding for a site that could not be checked this run."""
    return (
        f"เมื่อวันที่ {when} ระบบไม่สามารถตรวจเว็บไซต์ {url} ได้: {notice} "
        "จึงขอให้ผู้ดูแลเว็บไซต์ตรวจสอบให้เว็บไซต์เปิดได้ตามปกติ เพราะผู้ประเมินจะตรวจจากเว็บไซต์หลักของหน่วยงาน"
    )


def follow_up_th(due: str, month: str) -> list[str]:
    """Form 1's การรายงานผลและการกำกับติดตาม of a row: its own dates only (the window is in the memo)."""
    return [f"แล้วเสร็จภายใน {due}", f"รายงานผลในที่ประชุมเดือน {month}"]


def follow_up_short_th(month: str) -> str:
    """Form 2's การติดตามผล."""
    return f"รายงานผลการดำเนินการในที่ประชุมประจำเดือน {month} และเผยแพร่ลงเว็บไซต์"


def report_subject_th(site_name: str, date: str, passed: tuple[str, str] | None) -> str:
    """The subject of a site's e-mail after a run; ``passed``: (items passed, items judged), None when
    the site was not judged this run (no "ผ่าน … จาก … ข้อ" for a site that was down)."""
    subject = f"[OIT] ผลตรวจเว็บไซต์ {site_name} ณ วันที่ {date}"
    return subject + (f": ผ่าน {passed[0]} จาก {passed[1]} ข้อ" if passed else "")


def reminder_subject_th(site_name: str, weeks: str) -> str:
    return f"[OIT] อีก {weeks} สัปดาห์ เปิดระบบตอบแบบ OIT: {site_name}"


def criteria_th(ruleset: str, unpublished_year: int | None) -> str:
    """Which criteria judged a run, in one plain line; says so when the run's fiscal year has none yet."""
    text = f"เกณฑ์ที่ใช้: ITA {ruleset}"
    return text + (f" เพราะเกณฑ์ {unpublished_year} ยังไม่ประกาศ" if unpublished_year is not None else "")
