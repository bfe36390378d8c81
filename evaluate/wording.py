"""The Thai words officers read for the codes the crawler and the engine return: one table per code.

The engine's findings and every report format take their words from here, so a code (broken,
stale, fetch_failed, an English crawler detail) never reaches a Thai report
(tests/test_reports_wording.py renders them all).
"""
from __future__ import annotations

from evaluate.verdicts import ItemStatus
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
SITE_STATUS_TH = {"ok": "ตรวจแล้ว", "unreachable": "เข้าเว็บไซต์ไม่ได้", "blocked": "robots.txt ไม่อนุญาตให้ตรวจ"}
# The detailed crawl outcome (store.records.SiteStatus values).
CRAWL_STATUS_TH = {
    "dns_failure": "เข้าเว็บไซต์ไม่ได้: ไม่พบชื่อโดเมน (DNS)",
    "connection_refused": "เข้าเว็บไซต์ไม่ได้: เครื่องแม่ข่ายไม่รับการเชื่อมต่อ",
    "timeout": "เข้าเว็บไซต์ไม่ได้: เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด",
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
ERROR_PAGE_TH = "หน้าเว็บแสดงข้อผิดพลาด (ไม่พบหน้าที่ต้องการ)"  # a "not found" page served as 200
# The finding of an item when the engine gave none (results from elsewhere, older runs).
DEFAULT_FINDING_TH = {
    ItemStatus.PASS: "พบข้อมูลครบตามเกณฑ์",
    ItemStatus.MISSING: "ไม่พบข้อมูล",
    ItemStatus.BROKEN: "ลิงก์เสีย",
    ItemStatus.UNVERIFIABLE: "เปิดไฟล์ไม่ได้",
    ItemStatus.INCOMPLETE: "ข้อมูลไม่ครบ",
    ItemStatus.STALE: "ข้อมูลไม่เป็นปัจจุบัน",
    ItemStatus.NOT_JUDGED: "ไม่ได้ตรวจ (เข้าเว็บไซต์ไม่ได้)",
}


def http_failure_th(http_status: int) -> str:
    """A page or file that did not open; the crawler's English detail stays in its log."""
    if http_status == 404:
        return "ไม่พบหน้าปลายทาง (รหัส 404)"
    if http_status >= 500:
        return f"เครื่องแม่ข่ายตอบข้อผิดพลาด (รหัส {http_status})"
    if http_status >= 400:
        return f"เปิดไม่ได้ (รหัส {http_status})"
    return "เว็บไซต์ไม่ตอบหรือการเชื่อมต่อล้มเหลว"


def criteria_th(ruleset: str, unpublished_year: int | None) -> str:
    """Which criteria judged a run, in one plain line; says so when the run's fiscal year has none yet."""
    text = f"เกณฑ์ที่ใช้: ITA {ruleset}"
    return text + (f" เพราะเกณฑ์ {unpublished_year} ยังไม่ประกาศ" if unpublished_year is not None else "")
