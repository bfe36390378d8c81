"""Facts the rules use, read from a document's text: fiscal years and dates it states, months it
covers (monthly procurement summaries), table columns present (สขร.1), who signed it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from thai.dates import find_dates, find_fiscal_years, months_mentioned
from thai.entities import find_person_names, find_positions
from thai.text import skeleton

# Column headings rules ask about. สขร.1 [R: NACC form]; the e-GP style fields of 2568+ [I].
KNOWN_COLUMNS = (
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินงบประมาณ",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
    "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่และวันที่ของสัญญา",
    "ชื่อรายการของงานที่ซื้อหรือจ้าง",
    "แหล่งที่มาของงบประมาณ",
    "สถานะการจัดซื้อจัดจ้าง",
    "วิธีการจัดซื้อจัดจ้าง",
    "ราคาที่ตกลงซื้อหรือจ้าง",
    "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
    "เลขที่โครงการ",
    "วันที่ลงนามในสัญญา",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
)
_KNOWN_SKELETONS = [(c, skeleton(c)) for c in KNOWN_COLUMNS]

# A signature block: "ลงชื่อ ....", then "(name)" on its own line, then the position.
_SIGN_PREFIX = re.compile(r"^(?:\(?ลงชื่อ\)?)?[\s.…_-]*")
_IN_PARENS = re.compile(r"^\(([^()]{4,80})\)(.*)$")


@dataclass(slots=True)
class DocumentFacts:
    fiscal_years: list[int] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    months_covered: list[str] = field(default_factory=list)
    table_columns: list[str] = field(default_factory=list)
    signed_by: list[str] = field(default_factory=list)


def fiscal_years(text: str) -> list[int]:
    """BE fiscal years, by reliability: stated (ปีงบประมาณ พ.ศ. ...), ranges (every year they
    cover), fiscal years of dates and months, bare years."""
    order = {"stated": 0, "range": 1, "date": 2, "plain": 3}
    mentions = sorted(find_fiscal_years(text), key=lambda m: order[m.kind])
    return list(dict.fromkeys(year for m in mentions for year in m.years))


def months_covered(text: str) -> list[str]:
    return sorted({f"{year}-{month:02d}" for year, month in months_mentioned(text)})


def table_columns(text: str, header_cells: Sequence[str] = ()) -> list[str]:
    """Header cells read from a real table, then known headings found in the text (PDF/OCR text
    has no cells: match the headings by skeleton, which survives wrapped and damaged text)."""
    columns = list(header_cells)
    header_skeletons = [skeleton(c) for c in header_cells]
    text_skeleton = skeleton(text)
    for name, name_skeleton in _KNOWN_SKELETONS:
        if name_skeleton in text_skeleton and not any(name_skeleton in h for h in header_skeletons):
            columns.append(name)
    return columns


def _is_signature_line(line: str) -> bool:
    return line.startswith(("(", "ลงชื่อ"))


def _signer(line: str) -> tuple[str, str] | None:
    """(name, what follows it on the line) when the line is a signature line naming a person."""
    if not _is_signature_line(line):
        return None
    rest = _SIGN_PREFIX.sub("", line, count=1)
    parens = _IN_PARENS.match(rest)
    candidate, after = (f"({parens.group(1).strip()})", parens.group(2)) if parens else (rest, "")
    names = find_person_names(candidate)
    if not names:
        return None
    name = names[0]
    after = after if parens else candidate[name.span[1] :]
    return f"{name.title}{name.given_name} {name.surname}", after.strip(" .…_-")


def signed_by(text: str) -> list[str]:
    """ "name (position)" of each signature block: a name in parentheses, or after ลงชื่อ, with the
    position after it on the line or on the next line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    signers: list[str] = []
    for index, line in enumerate(lines):
        found = _signer(line)
        if found is None:
            continue
        name, position = found
        if position.startswith("ผู้") and not find_positions(position):
            position = ""  # "ลงชื่อ นาย ก ข ...... ผู้รับรอง": the signer's role in this paper
        if not position and index + 1 < len(lines) and not _is_signature_line(lines[index + 1]):
            position = lines[index + 1]
        signers.append(f"{name} ({position})" if position else name)
    return list(dict.fromkeys(signers))


def document_facts(text: str, header_cells: Sequence[str] = ()) -> DocumentFacts:
    return DocumentFacts(
        fiscal_years=fiscal_years(text),
        dates=sorted({d.isoformat() for d in find_dates(text)}),
        months_covered=months_covered(text),
        table_columns=table_columns(text, header_cells),
        signed_by=signed_by(text),
    )
