"""Thai dates, Buddhist-era years and fiscal years found in text.

Thai documents write years in the Buddhist era (BE = CE + 543), full or short (พ.ศ. ๒๕๖๖, 2566,
ปี 66, 07-06-65), with full or abbreviated month names (ตุลาคม, ต.ค., ตค.) and Thai or Arabic
digits, sometimes mixed (๒๕61). The fiscal year runs 1 Oct – 30 Sep and is named by the BE year it
ends in. Spans returned here index into the string given by the caller (digit conversion keeps
offsets), so callers may pass raw or normalized text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from thai.text import to_arabic_digits, to_thai_digits

BE_OFFSET = 543
# Sanity window: OCR noise, phone numbers and amounts produce numbers that only look like years.
MIN_BE_YEAR, MAX_BE_YEAR = 2540, 2600
MIN_CE_YEAR, MAX_CE_YEAR = MIN_BE_YEAR - BE_OFFSET, MAX_BE_YEAR - BE_OFFSET
FISCAL_YEAR_START_MONTH = 10
MAX_RANGE_YEARS = 10

FULL_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ABBREVIATED_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Full names and their colloquial stems (ตุลา, กุมภา); ์ is often lost in extracted text.
_FULL_MONTH_PATTERNS = (
    "มกรา(?:คม)?",
    "กุมภา(?:พันธ์?)?",
    "มีนา(?:คม)?",
    "เมษา(?:ยน)?",
    "พฤษภา(?:คม)?",
    "มิถุนา(?:ยน)?",
    "กรก[ฎฏ]า(?:คม)?",
    "สิงหา(?:คม)?",
    "กันยา(?:ยน)?",
    "ตุลา(?:คม)?",
    "พฤศจิกา(?:ยน)?",
    "ธันวา(?:คม)?",
)

FiscalYearKind = Literal["stated", "range", "date", "plain"]
_KIND_PREFERENCE: tuple[FiscalYearKind, ...] = ("stated", "range", "date", "plain")


@dataclass(frozen=True, slots=True)
class FiscalYearMention:
    """A year found in text. `year` is BE; a range runs from `year` to `end_year` (else equal).

    kind: "stated" (ปีงบประมาณ พ.ศ. 2567), "range" (พ.ศ. 2566–2570), "date" (the fiscal year of
    a full date or a month), "plain" (a bare BE year: พ.ศ. 2566, ปี 66, 2566).
    """

    year: int
    kind: FiscalYearKind
    span: tuple[int, int]
    end_year: int

    @property
    def years(self) -> range:
        return range(self.year, self.end_year + 1)


_THAI_LETTER = "\u0e01-\u0e4e"


def _abbreviation_pattern(abbreviation: str) -> str:
    """ "มี.ค." -> accept "มี.ค.", "มี.ค", "มี. ค.", "มีค." anywhere (เดือนมี.ค.), and "มีค" only as a
    word of its own or after เดือน, since undotted letter pairs also occur inside words."""
    first, second = (part for part in abbreviation.split(".") if part)
    return (
        rf"(?:{first}\s?\.\s?{second}\.?|{first}{second}\."
        rf"|(?:(?<![{_THAI_LETTER}])|(?<=เดือน)){first}{second})"
    )


_MONTH = (
    # Every month name starts with one of these letters: a cheap test before the long alternation.
    "(?=[มกเพสตธ])(?:"
    + "|".join(_FULL_MONTH_PATTERNS)
    + "|"
    + "|".join(_abbreviation_pattern(a) for a in ABBREVIATED_MONTHS)
    + ")"
    # A month name is not the start of a longer word (ตุลาการ), except "พ.ศ." written without a space.
    + rf"(?!(?!พ\s?\.?\s?ศ)[{_THAI_LETTER}])"
)
_BE_ERA = r"พ\s?\.?\s?ศ\s?\.?\s*"
_CE_ERA = r"ค\s?\.?\s?ศ\s?\.?\s*"
# A year is not followed by more digits or decimals (2566.50, 2,566,000).
_YEAR_END = r"(?!\d|[.,]\d)"
# A unit must follow on the same line; ราย/คน only as words of their own (not รายการ, รายงาน, คนละ).
_NOT_A_COUNT = (
    r"(?![ \t]*(?:บาท|ล้าน|แสน|หมื่น|พัน|ครั้ง|หน่วย|ชั่วโมง|นาที|%|เปอร์เซ็นต์|ไร่|เมตร|กม|กิโล"
    rf"|(?:ราย|คน)(?![{_THAI_LETTER}])))"
)
# A bare year without any marker must stand alone: not inside a phone number (0 2566 1234) or a list
# of numbers.
_NO_NUMBER_BEFORE = r"(?<!\d)(?<!\d[.,/-])(?<!\d\s)(?<!\d[.,/-]\s)"  # but ita-2566/ is fine
_NO_NUMBER_AFTER = r"(?!\d|[.,/-]\d|\s\d)"
_RANGE_DASH = r"\s*(?:-|–|—|−|~|ถึง)\s*"


def _era(name: str) -> str:
    return rf"(?P<{name}>{_BE_ERA}|{_CE_ERA})?"


def _year(name: str) -> str:
    return rf"(?P<{name}>\d{{4}}|\d{{2}}){_YEAR_END}"


_FULL_DATE = re.compile(
    r"(?=\d)(?:"
    # ISO-like, also in file names: 2023-10-16, 2566-10-01, Scan2023-10-16_105945.pdf
    rf"(?<![\d/.-])(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?!\d|[/.-]\d)"
    # day-month-year: 7/6/2565, 07-06-65, 1.10.2566
    rf"|(?<![\d/.-])(?P<nd>\d{{1,2}})(?P<nsep>[-/.])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})(?!\d|[/.-]\d)"
    # 24 มีนาคม 2566, ๒๔ มี.ค. ๖๖, 1 เดือน ต.ค. พ.ศ.2566
    # (not a form number: "แบบ สขร.1 เดือน ตุลาคม 2568" names October, not the 1st)
    rf"|(?<![\d.])(?P<td>[0-3]?\d)\s*(?:เดือน\s*)?(?P<tm>{_MONTH})\s*{_era('tera')}{_year('ty')}"
    ")"
)
_MONTHS = re.compile(
    rf"(?P<m1>{_MONTH})\s*(?:{_era('era1')}{_year('y1')}\s*)?"
    rf"(?:{_RANGE_DASH}(?:เดือน\s*)?(?P<m2>{_MONTH})\s*)?{_era('era2')}{_year('y2')}"
)
_RANGE = re.compile(
    rf"(?=[พค\d]){_NO_NUMBER_BEFORE}{_era('era')}(?P<start>\d{{4}}){_RANGE_DASH}(?:{_BE_ERA})?(?P<end>\d{{4}}|\d{{2}})"
    r"(?!\d|[.,/-]\d)"
)
_STATED = re.compile(
    rf"(?:ปี\s?งบ(?:\s?ประมาณ)?\s*(?:{_BE_ERA})?{_year('year')}"
    rf"|งบ\s?ประมาณ\s*{_BE_ERA}{_year('year_be')}){_NOT_A_COUNT}"
)
_PLAIN = re.compile(
    rf"(?=[พคป\d])(?:(?:(?P<era>{_BE_ERA}|{_CE_ERA})|ปี\s*){_year('year')}{_NOT_A_COUNT}"
    rf"|{_NO_NUMBER_BEFORE}(?P<bare>25[4-9]\d|2600){_NO_NUMBER_AFTER}{_NOT_A_COUNT})"
)
_FISCAL_YEAR_WORDS = r"(?:ปี\s?งบ(?:\s?ประมาณ)?)"
# Quarters of a fiscal year: "ไตรมาสที่ 1/2569", "ไตรมาส 2 ปีงบประมาณ พ.ศ. 2569", "ปีงบ 69 ไตรมาส 3".
_QUARTER = re.compile(
    rf"ไตรมาส\s?(?:ที่)?\s?(?P<q>[1-4])\s*(?:/|{_FISCAL_YEAR_WORDS})?\s*(?:{_BE_ERA})?{_year('fy')}"
    rf"|{_FISCAL_YEAR_WORDS}\s*(?:{_BE_ERA})?{_year('fy_first')}\s*ไตรมาส\s?(?:ที่)?\s?(?P<q_after>[1-4])(?!\d)"
)
_MONTH_LOOKUP_JUNK = re.compile(r"[\s.์]")
_ABBREVIATION_KEYS = {a.replace(".", ""): number for number, a in enumerate(ABBREVIATED_MONTHS, 1)}


def _month_number(name: str) -> int:
    key = _MONTH_LOOKUP_JUNK.sub("", name).replace("ฏ", "ฎ")
    if key in _ABBREVIATION_KEYS:
        return _ABBREVIATION_KEYS[key]
    return next(n for n, full in enumerate(FULL_MONTHS, 1) if full.rstrip("์").startswith(key))


def _is_ce_era(era: str | None) -> bool:
    return era is not None and era.lstrip().startswith("ค")


def _be_year(token: str, *, ce_era: bool = False, short_may_be_ce: bool = False) -> int | None:
    """BE year for a 4- or 2-digit year token, or None when implausible.

    Short years are BE (66 -> 2566); in numeric dates a short year below 40 can only be CE (23 -> 2023).
    """
    value = int(token)
    if len(token) == 2:
        if ce_era or (short_may_be_ce and value < MIN_BE_YEAR - 2500):
            value += 2000
        else:
            value += 2500
    if ce_era or MIN_CE_YEAR <= value <= MAX_CE_YEAR:
        value += BE_OFFSET
    return value if MIN_BE_YEAR <= value <= MAX_BE_YEAR else None


def _ce_date(be_year: int | None, month: int, day: int) -> datetime.date | None:
    if be_year is None:
        return None
    try:
        return datetime.date(be_year - BE_OFFSET, month, day)
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> datetime.date | None:
    if match["iy"]:
        return _ce_date(_be_year(match["iy"]), int(match["im"]), int(match["id"]))
    if match["ny"]:
        year = _be_year(match["ny"], short_may_be_ce=True)
        return _ce_date(year, int(match["nm"]), int(match["nd"]))
    year = _be_year(match["ty"], ce_era=_is_ce_era(match["tera"]))
    return _ce_date(year, _month_number(match["tm"]), int(match["td"]))


def _dates_with_spans(text: str) -> Iterator[tuple[datetime.date, tuple[int, int]]]:
    for match in _FULL_DATE.finditer(text):
        found = _date_of(match)
        if found is not None:
            yield found, match.span()


def find_dates(s: str) -> list[datetime.date]:
    """CE dates written in the text, in text order."""
    return [found for found, _ in _dates_with_spans(to_arabic_digits(s))]


def fiscal_year_of(d: datetime.date) -> int:
    """BE fiscal year containing `d`: FY 2570 runs 1 Oct 2026 – 30 Sep 2027."""
    return d.year + BE_OFFSET + (1 if d.month >= FISCAL_YEAR_START_MONTH else 0)


def _month_spans(text: str, taken: bytearray) -> Iterator[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """(BE year, month) lists for "ตุลาคม 2569", "ต.ค. 2568 - มี.ค. 2569", "ต.ค.-ธ.ค. 69",
    skipping text already taken by full dates."""
    for match in _MONTHS.finditer(text):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        end_year = _be_year(match["y2"], ce_era=_is_ce_era(match["era2"]))
        if end_year is None:
            continue
        first_month = _month_number(match["m1"])
        last_month = _month_number(match["m2"]) if match["m2"] else first_month
        if match["y1"]:
            start_year = _be_year(match["y1"], ce_era=_is_ce_era(match["era1"]))
        else:
            # "ต.ค.-มี.ค. 2569": the year belongs to the last month; the range stays within a FY.
            start_year = end_year if first_month <= last_month else end_year - 1
        if start_year is None:
            continue
        yield _expand_months((start_year, first_month), (end_year, last_month)), (start, end)


def _expand_months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    first_index = first[0] * 12 + first[1] - 1
    last_index = last[0] * 12 + last[1] - 1
    if not 0 <= last_index - first_index < 24:
        return sorted({first, last})
    return [(index // 12, index % 12 + 1) for index in range(first_index, last_index + 1)]


def _quarter_spans(text: str) -> Iterator[tuple[int, list[tuple[int, int]], tuple[int, int]]]:
    """(fiscal year, its three (BE year, month) pairs, span) for each fiscal-year quarter named."""
    for match in _QUARTER.finditer(text):
        fiscal_year = _be_year(match["fy"] or match["fy_first"])
        if fiscal_year is None:
            continue
        quarter = int(match["q"] or match["q_after"])
        first = (fiscal_year - 1) * 12 + FISCAL_YEAR_START_MONTH - 1 + 3 * (quarter - 1)
        yield fiscal_year, [(index // 12, index % 12 + 1) for index in range(first, first + 3)], match.span()


def months_mentioned(s: str) -> list[tuple[int, int]]:
    """(BE year, month) pairs named as months in the text, sorted and unique.

    Ranges are expanded (ต.ค.-ธ.ค. 2569 gives 10, 11, 12 of 2569), and so are fiscal-year quarters
    (ไตรมาสที่ 1/2569 gives 10–12 of 2568); months inside full dates (24 มีนาคม 2566) are not month
    mentions.
    """
    text = to_arabic_digits(s)
    months = {month for months, _ in _month_spans(text, _mark_dates(text)) for month in months}
    months.update(month for _, quarter, _ in _quarter_spans(text) for month in quarter)
    return sorted(months)


def _mark_dates(text: str) -> bytearray:
    taken = bytearray(len(text))
    for _, (start, end) in _dates_with_spans(text):
        taken[start:end] = b"\x01" * (end - start)
    return taken


def _claim(taken: bytearray, span: tuple[int, int]) -> bool:
    start, end = span
    if any(taken[start:end]):
        return False
    taken[start:end] = b"\x01" * (end - start)
    return True


def find_fiscal_years(s: str) -> list[FiscalYearMention]:
    """Every year mention in the text, in text order; each piece of text counts once, taken by
    the most specific reading (full date, month, range, stated fiscal year, plain year)."""
    text = to_arabic_digits(s)
    taken = bytearray(len(text))
    mentions = []
    for found, span in _dates_with_spans(text):
        _claim(taken, span)
        mentions.append(_single(fiscal_year_of(found), "date", span))
    for months, span in _month_spans(text, taken):
        _claim(taken, span)
        for year in sorted({fiscal_year_of(datetime.date(y - BE_OFFSET, m, 1)) for y, m in months}):
            mentions.append(_single(year, "date", span))
    for fiscal_year, _, span in _quarter_spans(text):
        if _claim(taken, span):
            mentions.append(_single(fiscal_year, "stated", span))
    mentions.extend(_ranges(text, taken))
    mentions.extend(_stated(text, taken))
    mentions.extend(_plain(text, taken))
    return sorted(mentions, key=lambda mention: mention.span)


def _single(year: int, kind: FiscalYearKind, span: tuple[int, int]) -> FiscalYearMention:
    return FiscalYearMention(year=year, kind=kind, span=span, end_year=year)


def _ranges(text: str, taken: bytearray) -> Iterator[FiscalYearMention]:
    for match in _RANGE.finditer(text):
        ce_era = _is_ce_era(match["era"])
        start = _be_year(match["start"], ce_era=ce_era)
        end = _be_year(match["end"] if len(match["end"]) == 4 else match["start"][:2] + match["end"], ce_era=ce_era)
        if start is None or end is None or not 0 < end - start <= MAX_RANGE_YEARS:
            continue
        if _claim(taken, match.span()):
            yield FiscalYearMention(year=start, kind="range", span=match.span(), end_year=end)


def _stated(text: str, taken: bytearray) -> Iterator[FiscalYearMention]:
    for match in _STATED.finditer(text):
        year = _be_year(match["year"] or match["year_be"])
        if year is not None and _claim(taken, match.span()):
            yield _single(year, "stated", match.span())


def _plain(text: str, taken: bytearray) -> Iterator[FiscalYearMention]:
    for match in _PLAIN.finditer(text):
        year = _be_year(match["year"] or match["bare"], ce_era=_is_ce_era(match["era"]))
        if year is not None and _claim(taken, match.span()):
            yield _single(year, "plain", match.span())


def stated_fiscal_years(s: str) -> list[int]:
    """Fiscal years the text is about, from its most reliable kind of mention:
    stated > range > date > plain. Sorted; empty when the text names no year."""
    mentions = find_fiscal_years(s)
    for kind in _KIND_PREFERENCE:
        years = {year for mention in mentions if mention.kind == kind for year in mention.years}
        if years:
            return sorted(years)
    return []


def format_thai_date(d: datetime.date, thai_digits: bool = True) -> str:
    """ "๒๔ มีนาคม ๒๕๖๖" for 2023-03-24."""
    text = f"{d.day} {FULL_MONTHS[d.month - 1]} {d.year + BE_OFFSET}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_month_year(year_be: int, month: int, thai_digits: bool = True, abbreviated: bool = False) -> str:
    """ "ตุลาคม ๒๕๖๙", or "ต.ค. ๒๕๖๙" when abbreviated."""
    names = ABBREVIATED_MONTHS if abbreviated else FULL_MONTHS
    text = f"{names[month - 1]} {year_be}"
    return to_thai_digits(text) if thai_digits else text
