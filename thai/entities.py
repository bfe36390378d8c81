"""Detectors for the elements OIT rules combine: person names, LAO positions, phones, e-mails and
addresses in Thai text.

Patterns tolerate what extracted text loses (tone marks, ์, ำ written as า or ํา) and accept Thai
digits. Spans index into the given string. For text with spaces inside words, pass
`thai.text.normalize(s)` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from thai.text import to_arabic_digits

_DROPPABLE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
_THAI_WORD_CHAR = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"


def _tolerant(phrase: str) -> str:
    """Regex for a Thai phrase that also matches it with tone marks or ์ lost, ำ as า or ํา,
    and any whitespace (or none) where the phrase has a space."""
    parts = []
    for char in phrase:
        if char in _DROPPABLE_MARKS:
            parts.append(f"{char}?")
        elif char == "ำ":
            parts.append("(?:ำ|ํ?า)")
        elif char == " ":
            parts.append(r"\s*")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternatives(phrases: tuple[str, ...]) -> str:
    # Longest first, so that "นางสาว" wins over "นาง" at the same position.
    return "(?:" + "|".join(_tolerant(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


# ---------------------------------------------------------------- person names


@dataclass(frozen=True, slots=True)
class PersonName:
    """A Thai person name; `title` is "" for a bare name in a signature block: (สมชาย ใจดี)."""

    title: str
    given_name: str
    surname: str
    span: tuple[int, int]


_TITLES = (
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "ดร.",
    "ด.ต.",
    "จ.ส.อ.",
    "จ.ส.ท.",
    "จ.ส.ต.",
    "ส.อ.",
    "ส.ท.",
    "ส.ต.",
    "จ.อ.",
    "จ.ท.",
    "จ.ต.",
    "ร.ต.",
    "ร.ท.",
    "ร.อ.",
    "พ.ต.",
    "พ.ท.",
    "พ.อ.",
    "ร.ต.อ.",
    "ร.ต.ท.",
    "ร.ต.ต.",
    "พ.ต.อ.",
    "พ.ต.ท.",
    "พ.ต.ต.",
    "สิบเอก",
    "สิบโท",
    "สิบตรี",
    "จ่าสิบเอก",
    "จ่าสิบโท",
    "จ่าสิบตรี",
    "ร้อยตรี",
    "ร้อยโท",
    "ร้อยเอก",
    "พันตรี",
    "พันโท",
    "พันเอก",
    "ว่าที่ร้อยตรี",
    "ว่าที่ร้อยโท",
    "ว่าที่ร้อยเอก",
    "ว่าที่ ร.ต.",
    "ว่าที่ ร.ท.",
    "ว่าที่ ร.อ.",
    "นายแพทย์",
    "แพทย์หญิง",
    "นพ.",
    "พญ.",
    "ผศ.",
    "รศ.",
    "ศ.",
    "ผศ.ดร.",
    "รศ.ดร.",
)
# Words that follow นาย/นาง in positions and trades, not names (นายก อบต., นายช่าง, นายอำเภอ).
_NOT_A_GIVEN_NAME = rf"ก(?![{_THAI_WORD_CHAR}])|" + _alternatives(
    (
        "กองค์การ",
        "กเทศมนตรี",
        "กอบต",
        "กอบจ",
        "กฯ",
        "กรัฐมนตรี",
        "กสมาคม",
        "กสภา",
        "ช่าง",
        "อำเภอ",
        "ตรวจ",
        "ทะเบียน",
        "ทหาร",
        "หน้า",
        "จ้าง",
        "ประกัน",
        "สิบ",
        "ร้อย",
        "พยาบาล",
    )
)
# Words that start a position or a label, never a surname.
_POSITION_WORDS = (
    "ตำแหน่ง",
    "นายก",
    "รองนายก",
    "ปลัด",
    "รองปลัด",
    "ผู้อำนวยการ",
    "หัวหน้า",
    "โทร",
    "สมาชิก",
    "ประธาน",
    "เลขานุการ",
    "รักษาราชการ",
)
_NOT_A_SURNAME = _alternatives(_POSITION_WORDS)
_NAME_WORD = rf"[{_THAI_WORD_CHAR}]{{2,30}}"
_TITLED_NAME = re.compile(
    rf"(?<![{_THAI_WORD_CHAR}.])(?P<title>{_alternatives(_TITLES)})(?!{_NOT_A_GIVEN_NAME})"
    rf"\s?(?P<given>{_NAME_WORD})[ \t\u00a0]+(?!{_NOT_A_SURNAME})(?P<surname>{_NAME_WORD})"
)
# Signature blocks put the name in parentheses on its own line: (นายอนุรักษ์ โปร่งสุยา) / (สุกิจ มูลศรี)
_SIGNATURE_NAME = re.compile(
    rf"(?m)^[ \t]*\([ \t]*(?:(?P<title>{_alternatives(_TITLES)})\s?)?"
    rf"(?P<given>{_NAME_WORD})[ \t\u00a0]+(?P<surname>{_NAME_WORD})[ \t]*\)[ \t]*$"
)
# Where a surname runs into the next word without a space (นายสมชาย ใจดีนายก อบต.), cut it there.
_SURNAME_RUN_ON = re.compile(_NOT_A_SURNAME)


def find_person_names(s: str) -> list[PersonName]:
    """Thai names after a title (นาย, นางสาว, น.ส., ว่าที่ ร.ต., จ.ส.อ., ดร. …) and names alone
    in parentheses on their own line (signature blocks), in text order."""
    names = []
    taken = bytearray(len(s))  # a signature line is not read again as a titled name
    for pattern in (_SIGNATURE_NAME, _TITLED_NAME):
        for match in pattern.finditer(s):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            surname = match["surname"]
            run_on = _SURNAME_RUN_ON.search(surname, 2)
            if run_on:
                surname = surname[: run_on.start()]
            title = (match["title"] or "").replace(" ", "")
            names.append(PersonName(title, match["given"], surname, match.span()))
    return sorted(names, key=lambda name: name.span)


# ---------------------------------------------------------------- positions

Side = Literal["political", "permanent"]


@dataclass(frozen=True, slots=True)
class Position:
    """An LAO position: a canonical id, the side it belongs to (None for ตำแหน่งว่าง), the text."""

    id: str
    side: Side | None
    text: str
    span: tuple[int, int]


_ORGANISATION = _alternatives(
    (
        "องค์การบริหารส่วนตำบล",
        "องค์การบริหารส่วนจังหวัด",
        "อบต.",
        "อบต",
        "อบจ.",
        "อบจ",
        "เทศบาล",
        "เทศบาลตำบล",
        "เทศบาลเมือง",
        "เทศบาลนคร",
    )
)
_OPTIONAL_ORGANISATION = rf"(?:\s?{_ORGANISATION})?"
# Checked in order at each position; longer and more specific names come first.
_POSITION_PATTERNS: tuple[tuple[str, Side | None, str], ...] = (
    ("vacant", None, _alternatives(("ตำแหน่งว่าง", "ว่าง (ไม่มีผู้ดำรงตำแหน่ง)"))),
    ("deputy_mayor", "political", _tolerant("รองนายก") + rf"(?:\s?{_ORGANISATION}|เทศมนตรี)?"),
    ("mayor_secretary", "political", _tolerant("เลขานุการนายก") + rf"(?:\s?{_ORGANISATION}|เทศมนตรี)?"),
    ("mayor_advisor", "political", _tolerant("ที่ปรึกษานายก") + rf"(?:\s?{_ORGANISATION}|เทศมนตรี)?"),
    (
        "mayor",
        "political",
        _tolerant("นายกเทศมนตรี") + "|" + _tolerant("นายก") + rf"(?:\s?{_ORGANISATION}|ฯ|(?![{_THAI_WORD_CHAR}]))",
    ),
    ("council_vice_chair", "political", _tolerant("รองประธานสภา") + r"\S*"),
    ("council_chair", "political", _tolerant("ประธานสภา") + r"\S*"),
    ("council_secretary", "political", _tolerant("เลขานุการสภา") + r"\S*"),
    # not ส.ท.: it is also the rank สิบโท before a name
    ("council_member", "political", _alternatives(("สมาชิกสภา", "ส.อบต.")) + r"\S*"),
    ("head_of_office", "permanent", _tolerant("หัวหน้าสำนักปลัด") + r"\S*"),
    ("deputy_chief_administrator", "permanent", _tolerant("รองปลัด") + _OPTIONAL_ORGANISATION),
    (
        "chief_administrator",
        "permanent",
        # สำนักปลัด is a unit, not the position; lookbehinds need one width per spelling.
        rf"(?<!สำนัก)(?<!สานัก)(?<!สํานัก){_tolerant('ปลัด')}(?!{_alternatives(('อำเภอ', 'จังหวัด', 'กระทรวง'))})"
        + _OPTIONAL_ORGANISATION,
    ),
    ("director_finance", "permanent", _tolerant("ผู้อำนวยการกองคลัง")),
    ("director_engineering", "permanent", _tolerant("ผู้อำนวยการกองช่าง")),
    ("director_education", "permanent", _tolerant("ผู้อำนวยการกองการศึกษา") + r"[^\s(]*"),
    ("director_public_health", "permanent", _tolerant("ผู้อำนวยการกองสาธารณสุข") + r"[^\s(]*"),
    ("director_welfare", "permanent", _tolerant("ผู้อำนวยการกองสวัสดิการ") + r"[^\s(]*"),
    ("director_agriculture", "permanent", _tolerant("ผู้อำนวยการกองส่งเสริมการเกษตร")),
    ("director", "permanent", _tolerant("ผู้อำนวยการกอง") + r"[^\s(]*"),
    ("head_of_internal_audit", "permanent", _tolerant("หัวหน้าหน่วยตรวจสอบภายใน")),
)
# Every position starts with one of these letters: a cheap test before the long alternation.
_POSITIONS = re.compile(
    "(?=[ตรเทนปสหผว])(?:" + "|".join(f"(?P<p{index}>{pattern})" for index, (_, _, pattern) in enumerate(_POSITION_PATTERNS)) + ")"
)


def find_positions(s: str) -> list[Position]:
    """LAO positions named in the text (นายก อบต., รองปลัด, ผู้อำนวยการกองคลัง, ตำแหน่งว่าง …)."""
    positions = []
    for match in _POSITIONS.finditer(s):
        group = match.lastgroup
        assert group is not None  # every alternative of _POSITIONS is a named group
        position_id, side, _ = _POSITION_PATTERNS[int(group[1:])]
        positions.append(Position(position_id, side, match.group(), match.span()))
    return positions


# ---------------------------------------------------------------- phones


@dataclass(frozen=True, slots=True)
class Phone:
    """A Thai phone number: `number` as 9 (landline) or 10 (mobile) digits starting with 0."""

    number: str
    extension: str | None
    span: tuple[int, int]


_PHONE = re.compile(
    # not inside a longer number (1,081… / 2.081…), but right after "โทร." is fine
    r"(?<!\d)(?<!\d[/.,])(?P<prefix>\+66|0)(?P<rest>(?:[ ().\-–]{0,2}\d){8,9})(?![\d]|[.,/]\d|-\d)"
    rf"(?:\s*(?:{_tolerant('ต่อ')}|ext\.?|x)\s*(?P<extension>\d{{1,5}}))?"
)
_NON_DIGIT = re.compile(r"\D")


def find_phones(s: str) -> list[Phone]:
    """Thai landline and mobile numbers (02-123-4567, 0-5444-1234, ๐๕๔ ๔๔๑ ๒๓๔, 081-234-5678,
    +66 81 234 5678) with their ต่อ extension; dates and amounts are not phones."""
    phones = []
    for match in _PHONE.finditer(to_arabic_digits(s)):
        number = "0" + _NON_DIGIT.sub("", match["rest"])
        if match["prefix"] == "0":
            number = number[1:] if number.startswith("00") else number
        if _is_thai_phone_number(number):
            phones.append(Phone(number, match["extension"], match.span()))
    return phones


def _is_thai_phone_number(number: str) -> bool:
    if len(number) == 10:
        return number[1] in "689"
    return len(number) == 9 and number[1] in "234567"


# ---------------------------------------------------------------- e-mails

_AT = r"(?:\s*(?:@|＠|\[at\]|\(at\)|\{at\}|\[@\]|\(@\))\s*)"
_DOT = r"(?:\.|\s*(?:\[dot\]|\(dot\)|\{dot\})\s*|\s+dot\s+)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# Boundaries are ASCII, not \b: Thai text runs straight into an address (อีเมลsaraban@loi.go.thโทร).
_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}})(?![A-Za-z0-9-]|\.[A-Za-z0-9])",
    re.IGNORECASE,
)
_DOT_WORD = re.compile(_DOT, re.IGNORECASE)


def find_emails(s: str) -> list[str]:
    """E-mail addresses, also obfuscated ones (name[at]domain.go.th, name@domain dot com),
    as plain lower-case addresses, unique, in text order."""
    emails = (f"{m['local']}@{_DOT_WORD.sub('.', m['domain'])}".lower() for m in _EMAIL.finditer(s))
    return list(dict.fromkeys(emails))


# ---------------------------------------------------------------- addresses

_NOT_THAI_BEFORE = rf"(?<![{_THAI_WORD_CHAR}.])"
_ADDRESS_PARTS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_tolerant('หมู่')}\s?(?:ที่)?\s?\d|{_NOT_THAI_BEFORE}ม\.\s?\d",
        # ตำบล inside the organisation's name (องค์การบริหารส่วนตำบล, เทศบาลตำบล) is not an address part
        rf"(?<!ส่วน)(?<!สวน)(?<!เทศบาล){_tolerant('ตำบล')}\s?[{_THAI_WORD_CHAR}]"
        rf"|{_tolerant('แขวง')}\s?[{_THAI_WORD_CHAR}]"
        rf"|{_NOT_THAI_BEFORE}ต\.\s?[{_THAI_WORD_CHAR}]",
        rf"{_tolerant('อำเภอ')}\s?[{_THAI_WORD_CHAR}]|{_tolerant('เขต')}\s?[{_THAI_WORD_CHAR}]"
        rf"|{_NOT_THAI_BEFORE}อ\.\s?[{_THAI_WORD_CHAR}]",
        rf"{_tolerant('จังหวัด')}\s?[{_THAI_WORD_CHAR}]|{_NOT_THAI_BEFORE}จ\.\s?[{_THAI_WORD_CHAR}]"
        rf"|{_tolerant('กรุงเทพมหานคร')}",
        r"(?<![\d,.])(?:1[0-9]|[2-8]\d|9[0-6])\d{3}(?![\d,.]|\s*บาท)",
    )
)
ADDRESS_PARTS_REQUIRED = 3


def looks_like_address(s: str) -> bool:
    """True when the text has at least three of: หมู่/ม. + number, ตำบล/ต., อำเภอ/อ.,
    จังหวัด/จ., a postcode."""
    text = to_arabic_digits(s)
    return sum(1 for part in _ADDRESS_PARTS if part.search(text)) >= ADDRESS_PARTS_REQUIRED
