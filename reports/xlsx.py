"""gap.xlsx: the measure table, the ITAS sheet and a summary, one sheet each.

Written directly as SpreadsheetML from a Jinja2 template (autoescaped), for the same reason as
gap.docx: openpyxl's object model costs ~20 ms a workbook, this ~2 ms. Every cell is an inline
string, so crawled text can never become a formula. openpyxl reads the result back in the tests.
"""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from reports.model import FORM1_HEADERS, FORM2_HEADERS, SiteReport
from reports.options import ReportOptions
from reports.safety import xml_text
from reports.tables import ITAS_COLUMNS, itas_rows
from reports.thaifmt import ThaiFormat

FONT = "TH SarabunPSK"
# Cell styles (indexes into cellXfs of STYLES).
BODY, HEADER, BAND = 1, 2, 3
COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
FORM1_WIDTHS = [40, 22, 60, 50, 26]
FORM2_WIDTHS = [10, 10, 40, 16, 55, 24, 34]
ITAS_WIDTHS = [8, 45, 10, 60, 50, 35]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
{sheets}</Types>"""
SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n'
)
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="14"/><name val="{FONT}"/></font><font><b/><sz val="14"/><name val="{FONT}"/></font></fonts>
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFEEF2F7"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDFE7F1"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"
 applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"
 applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


@dataclass(slots=True)
class Sheet:
    name: str
    headers: list[str]
    widths: list[int]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (style, values); the header row first
    merged_rows: list[int] = field(default_factory=list)  # 1-based rows merged across all columns

    def __post_init__(self) -> None:
        self.rows.append((HEADER, self.headers))

    def add(self, values: list[str], style: int = BODY) -> None:
        self.rows.append((style, values))

    def add_band(self, text: str) -> None:
        self.rows.append((BAND, [text]))
        self.merged_rows.append(len(self.rows))


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters["xml"] = xml_text
    return env


def _numbered(lines: list[str], fmt: ThaiFormat) -> str:
    return "\n".join(f"{fmt.digits(str(n))}. {line}" for n, line in enumerate(lines, 1))


def measure_sheet(report: SiteReport, options: ReportOptions) -> Sheet:
    fmt = options.fmt
    if options.table_form == 2:
        sheet = Sheet("มาตรการ", FORM2_HEADERS, FORM2_WIDTHS)
        for group in report.groups:
            for row in group.rows:
                sheet.add(
                    [
                        "OIT",
                        group.indicator_no,
                        "\n".join([f"{row.code} {row.name_th}", row.finding, *row.parts]),
                        row.period_short,
                        _numbered(row.steps, fmt),
                        row.unit,
                        row.follow_up_short,
                    ]
                )
        if report.rows:
            sheet.add_band(report.table_note)
        return sheet
    sheet = Sheet("มาตรการ", FORM1_HEADERS, FORM1_WIDTHS)
    previous_indicator = None
    for group in report.groups:
        if group.indicator != previous_indicator:
            sheet.add_band(f"เครื่องมือการประเมิน OIT {group.indicator}")
            previous_indicator = group.indicator
        if group.sub_indicator:
            sheet.add_band(group.sub_indicator)
        for row in group.rows:
            sheet.add(
                [
                    "\n".join([f"{row.code} {row.name_th}", row.finding, *row.parts]),
                    row.unit,
                    _numbered(row.steps, fmt),
                    _numbered(row.follow_up, fmt),
                    f"{row.period}\n{row.progress}",
                ]
            )
    if report.rows:
        sheet.add_band(report.table_note)
    return sheet


def summary_sheet(report: SiteReport, fmt: ThaiFormat) -> Sheet:
    sheet = Sheet("สรุป", ["รายการ", "ค่า"], [30, 80])
    for label, value in [
        ("หน่วยงาน", report.site.name),
        ("เว็บไซต์", report.site.url),
        ("วันที่ตรวจ", report.memo.date),
        ("เกณฑ์ปี", fmt.digits(report.ruleset)),
        ("คะแนนที่คาดว่าจะได้", report.score),
        ("เกณฑ์ผ่าน", report.pass_mark),
        ("ผ่าน (ข้อ)", f"{fmt.digits(str(report.passed))}/{fmt.digits(str(report.total))}"),
        ("ช่วงตอบแบบ OIT", report.window_text),
        ("กำหนดแล้วเสร็จ", report.deadline_text),
        ("หมายเหตุ", report.notice),
    ]:
        sheet.add([label, value])
    return sheet


def _workbook_xml(sheets: list[Sheet]) -> str:
    entries = "".join(f'<sheet name="{escape(s.name)}" sheetId="{n}" r:id="rId{n}"/>' for n, s in enumerate(sheets, 1))
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">\'{escape(s.name)}\'!$1:$1</definedName>'
        for n, s in enumerate(sheets)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{entries}</sheets><definedNames>{titles}</definedNames></workbook>"
    )


def _workbook_rels(sheets: list[Sheet]) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1)
    )
    rels += f'<Relationship Id="rId{len(sheets) + 1}" Type="{kind}/styles" Target="styles.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )


def write_xlsx(report: SiteReport, path: Path, options: ReportOptions) -> Path:
    itas = Sheet("ITAS", ITAS_COLUMNS, ITAS_WIDTHS)
    for values in itas_rows(report):
        itas.add(values)
    sheets = [measure_sheet(report, options), itas, summary_sheet(report, options.fmt)]
    template = _environment().get_template("xlsx_sheet.xml")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.writestr(
            "[Content_Types].xml", CONTENT_TYPES.format(sheets="".join(SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1)))
        )
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("xl/workbook.xml", _workbook_xml(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(sheets))
        package.writestr("xl/styles.xml", STYLES)
        for n, sheet in enumerate(sheets, 1):
            package.writestr(f"xl/worksheets/sheet{n}.xml", template.render(sheet=sheet, columns=COLUMNS).lstrip())
    return path
