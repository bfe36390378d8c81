"""gap.docx: the memo and the measure table as a Word document an officer can edit, sign and file.

The memo on A4 portrait, the measure table in a second section on A4 landscape. TH SarabunPSK
(fontconfig maps it to Laksaman here) for Latin *and* complex-script runs: w:rFonts ascii/hAnsi/cs
and w:sz/w:szCs are set in the document defaults, so Thai text gets the font and size too. Header rows repeat on every page.

The package is written directly from two Jinja2 XML templates (autoescaped) instead of through
python-docx's object model: python-docx spends ~80 ms on such a document, this ~3 ms, which is what
makes 1,000 sites take seconds. python-docx reads the result back in the tests.
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from reports.model import FORM1_HEADERS, FORM2_HEADERS, SiteReport
from reports.options import ReportOptions
from reports.safety import xml_text

THAI_FONT = "TH SarabunPSK"
BODY_PT = 16
TABLE_PT = 14
TEXT_WIDTH_TWIPS = 16838 - 2 * 680  # A4 landscape minus the margins of docx_document.xml
MEMO_WIDTH_TWIPS = 11906 - 1134 - 850  # A4 portrait minus the memo's margins
# Thai fonts' own line height is about twice their size (Laksaman: 1.96 em); 0.8 of it still clears
# the stacked vowel and tone marks and is what makes the memo fit one page, like the seeds.
LINE_SPACING = 192  # 240ths of the font's line height
FORM1_SHARES = [26, 11, 30, 19, 14]  # percent of the text width per column
FORM2_SHARES = [6, 6, 22, 10, 27, 13, 16]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2"
 Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
CORE_PROPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>oit-crawler</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created></cp:coreProperties>"""


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters["xml"] = xml_text
    return env


@functools.cache
def _styles() -> str:
    return _environment().get_template("docx_styles.xml").render(font=THAI_FONT, size=BODY_PT, line=LINE_SPACING)


def _widths(shares: list[int]) -> list[int]:
    return [TEXT_WIDTH_TWIPS * share // 100 for share in shares]


def document_xml(report: SiteReport, options: ReportOptions) -> str:
    form = options.table_form
    return (
        _environment()
        .get_template("docx_document.xml")
        .render(
            r=report,
            form=form,
            headers=FORM2_HEADERS if form == 2 else FORM1_HEADERS,
            widths=_widths(FORM2_SHARES if form == 2 else FORM1_SHARES),
            digits=lambda value: options.fmt.digits(str(value)),
            table_pt=TABLE_PT,
            memo_width=MEMO_WIDTH_TWIPS,
        )
        .lstrip()
    )


def write_docx(report: SiteReport, path: Path, options: ReportOptions) -> Path:
    core = CORE_PROPS.format(title=escape(xml_text(report.memo.subject)), date=report.as_of)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELS)
        package.writestr("docProps/core.xml", core)
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        package.writestr("word/styles.xml", _styles())
        package.writestr("word/document.xml", document_xml(report, options))
    return path
