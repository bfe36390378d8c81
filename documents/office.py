"""Text and table headers of office files: DOCX (python-docx), XLSX (openpyxl, read-only),
XLS (xlrd). Tables become tab-separated lines; the header row of each table is kept apart,
because rules ask which columns a table has (สขร.1) rather than what one cell says."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from documents.model import DocumentFailure
from documents.zipguard import check_zip
from store.records import DocumentStatus
from thai.dates import format_thai_date

MAX_ROWS_PER_SHEET = 5000  # a monthly procurement file has dozens; beyond this we only need the headers
_HEADER_SCAN_ROWS = 15  # titles and blank rows above the header row


@dataclass(slots=True)
class OfficeText:
    text: str
    header_cells: list[str] = field(default_factory=list)
    parts: int = 1  # sheets of a workbook; 1 for a Word file


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return format_thai_date(value, thai_digits=False)  # read back by the Thai date finder
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _is_header(cells: list[str]) -> bool:
    """A header row: at least two cells, mostly words rather than numbers or dates."""
    filled = [c for c in cells if c]
    words = [c for c in filled if any(ch.isalpha() for ch in c) and not c.replace(",", "").replace(".", "").isdigit()]
    return len(filled) >= 2 and len(words) >= 0.7 * len(filled)


def _table(rows: Iterable[list[str]]) -> tuple[list[str], list[str]]:
    """Lines of a table and its header cells (the first header-like row near the top)."""
    lines: list[str] = []
    header: list[str] = []
    for index, cells in enumerate(rows):
        if not any(cells):
            continue
        if not header and index < _HEADER_SCAN_ROWS and _is_header(cells):
            header = list(dict.fromkeys(c for c in cells if c))  # merged cells repeat their text
        lines.append("\t".join(cells).strip())
    return lines, header


def _docx(data: bytes) -> OfficeText:
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    headers: list[str] = []
    for table in document.tables:
        table_lines, header = _table([_cell_text(c.text) for c in row.cells] for row in table.rows)
        lines += table_lines
        headers += header
    return OfficeText("\n".join(lines), list(dict.fromkeys(headers)))


def _sheet_rows(rows: Iterator[Iterable[Any]]) -> Iterator[list[str]]:
    for index, row in enumerate(rows):
        if index >= MAX_ROWS_PER_SHEET:
            return
        yield [_cell_text(v) for v in row]


def _xlsx(data: bytes) -> OfficeText:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines: list[str] = []
        headers: list[str] = []
        for sheet in workbook.worksheets:
            table_lines, header = _table(_sheet_rows(sheet.iter_rows(values_only=True)))
            lines += [sheet.title] + table_lines
            headers += header
        return OfficeText("\n".join(lines), list(dict.fromkeys(headers)), len(workbook.worksheets))
    finally:
        workbook.close()


def _xls(data: bytes) -> OfficeText:
    try:
        import xlrd
    except ImportError:
        raise DocumentFailure(DocumentStatus.UNSUPPORTED, "XLS (Excel 97-2003) needs the xlrd package") from None
    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    lines: list[str] = []
    headers: list[str] = []
    for sheet in book.sheets():
        rows = (
            [xlrd.xldate_as_datetime(c.value, book.datemode) if c.ctype == xlrd.XL_CELL_DATE else c.value for c in sheet.row(r)]
            for r in range(sheet.nrows)
        )
        table_lines, header = _table(_sheet_rows(rows))
        lines += [sheet.name] + table_lines
        headers += header
    return OfficeText("\n".join(lines), list(dict.fromkeys(headers)), book.nsheets)


def office_text(data: bytes, kind: str) -> OfficeText:
    """Parse a DOCX, XLSX or XLS file; damaged files raise ``DocumentFailure`` (corrupt)."""
    if kind in ("docx", "xlsx"):
        check_zip(data)
    parser = {"docx": _docx, "xlsx": _xlsx, "xls": _xls}[kind]
    try:
        return parser(data)
    except DocumentFailure:
        raise
    except MemoryError:
        raise DocumentFailure(DocumentStatus.TOO_LARGE, f"{kind.upper()} needs more memory than allowed") from None
    except Exception as exc:  # each library has its own error zoo for damaged files
        message = f"damaged {kind.upper()}: {type(exc).__name__}: {exc}"[:300]
        raise DocumentFailure(DocumentStatus.CORRUPT, message) from None
