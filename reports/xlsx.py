"""gap.xlsx: the measure table, the ITAS sheet and every item's result, one sheet each."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from reports.model import FORM1_HEADERS, FORM2_HEADERS, SiteReport
from reports.options import ReportOptions
from reports.safety import xml_text
from reports.tables import ITAS_COLUMNS, itas_rows

FONT = "TH SarabunPSK"
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
BAND_FILL = PatternFill("solid", fgColor="DFE7F1")
BODY_FONT = Font(name=FONT, size=14)
BOLD_FONT = Font(name=FONT, size=14, bold=True)
FORM1_WIDTHS = [40, 22, 60, 50, 26]
FORM2_WIDTHS = [10, 10, 40, 16, 55, 24, 34]
ITAS_WIDTHS = [8, 45, 10, 60, 50, 35]


def _cell_text(value: str) -> str:
    # A text starting with "=" would be stored as a formula: crawled text must stay text.
    text = xml_text(value)
    return "'" + text if text.startswith("=") else text


def _sheet(workbook: Workbook, title: str, headers: list[str], widths: list[int], first: bool = False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for column, width in zip("ABCDEFGHIJ", widths):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    return sheet


def _append(sheet, values: list[str], *, band: bool = False) -> None:
    sheet.append([_cell_text(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.alignment = WRAP
        cell.font = BOLD_FONT if band else BODY_FONT
        if band:
            cell.fill = BAND_FILL


def _numbered(lines: list[str], report_fmt) -> str:
    return "\n".join(f"{report_fmt.digits(str(n))}. {line}" for n, line in enumerate(lines, 1))


def write_xlsx(report: SiteReport, path: Path, options: ReportOptions) -> Path:
    fmt = options.fmt
    workbook = Workbook()
    if options.table_form == 2:
        sheet = _sheet(workbook, "มาตรการ", FORM2_HEADERS, FORM2_WIDTHS, first=True)
        for group in report.groups:
            for row in group.rows:
                _append(sheet, ["OIT", group.indicator_no, f"{row.code} {row.name_th}\n{row.finding}", row.period_short,
                                _numbered(row.steps, fmt), row.unit, row.follow_up_short])
    else:
        sheet = _sheet(workbook, "มาตรการ", FORM1_HEADERS, FORM1_WIDTHS, first=True)
        for group in report.groups:
            _append(sheet, [f"เครื่องมือการประเมิน OIT {group.indicator} {group.sub_indicator}".strip()], band=True)
            for row in group.rows:
                _append(sheet, [f"{row.code} {row.name_th}\n{row.finding}", row.unit, _numbered(row.steps, fmt),
                                _numbered(row.follow_up, fmt), f"{row.period}\n{row.progress}"])
    itas = _sheet(workbook, "ITAS", ITAS_COLUMNS, ITAS_WIDTHS)
    for values in itas_rows(report):
        _append(itas, values)
    summary = _sheet(workbook, "สรุป", ["รายการ", "ค่า"], [30, 80])
    for label, value in [
        ("หน่วยงาน", report.site.name), ("เว็บไซต์", report.site.url), ("วันที่ตรวจ", report.memo.date),
        ("เกณฑ์ปี", fmt.digits(report.ruleset)), ("คะแนนที่คาดว่าจะได้", report.score), ("เกณฑ์ผ่าน", report.pass_mark),
        ("ผ่าน (ข้อ)", f"{fmt.digits(str(report.passed))}/{fmt.digits(str(report.total))}"),
        ("ช่วงตอบแบบ OIT", report.window_text), ("กำหนดแล้วเสร็จ", report.deadline_text), ("หมายเหตุ", report.notice),
    ]:
        _append(summary, [label, value])
    workbook.save(path)
    return path
