"""How a sample site writes numbers, years and dates: Thai or Arabic digits, long or short BE
years, full or abbreviated months. Each site picks a style, so parsers meet every form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thai.dates import ABBREVIATED_MONTHS, FULL_MONTHS

MONTHS, MONTHS_ABBR = FULL_MONTHS, ABBREVIATED_MONTHS
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def be_year(date: dt.date) -> int:
    return date.year + 543


def fiscal_year(date: dt.date) -> int:
    """BE fiscal year: it starts on 1 October of the previous calendar year."""
    return be_year(date) + (1 if date.month >= 10 else 0)


def fiscal_months(fy: int) -> list[tuple[int, int]]:
    """(BE year, month) of the twelve months of fiscal year ``fy``, October first."""
    return [(fy - 1, m) for m in (10, 11, 12)] + [(fy, m) for m in range(1, 10)]


@dataclass(frozen=True, slots=True)
class Style:
    thai_digits: bool = False
    short_years: bool = False  # "ปี 70" / "ต.ค. 69" where a site abbreviates
    abbr_months: bool = False
    fy_wording: int = 0  # which of the usual ways to state a fiscal year this site writes
    mixed_digits: bool = False  # dates like ๑๕ ต.ค. ๒๕69: Thai and Arabic digits in one number

    def num(self, value: int | str) -> str:
        text = str(value)
        return text.translate(_THAI_DIGITS) if self.thai_digits else text

    def year(self, be: int) -> str:
        return self.num(be % 100 if self.short_years else be)

    def fy_phrase(self, fy: int) -> str:
        """The stated fiscal year, always with the full year so it is unambiguous."""
        wording = ("ประจำปีงบประมาณ พ.ศ. {}", "ประจำปีงบประมาณ {}", "ปีงบประมาณ พ.ศ. {}")[self.fy_wording % 3]
        return wording.format(self.num(fy))

    def month(self, be: int, month: int) -> str:
        if self.abbr_months:
            return f"{MONTHS_ABBR[month - 1]} {self.year(be)}"
        return f"{MONTHS[month - 1]} {self.num(be)}"

    def date(self, date: dt.date) -> str:
        be = be_year(date)
        if self.abbr_months:
            return f"{self.num(date.day)} {MONTHS_ABBR[date.month - 1]} {self.year(be)}"
        year = self.num(be)
        if self.mixed_digits and not self.short_years:
            year = self.num(be)[:2].translate(_THAI_DIGITS) + str(be)[2:]
        return f"{self.num(date.day)} {MONTHS[date.month - 1]} {year}"

    def numeric_date(self, date: dt.date) -> str:
        """07-06-65 style posting dates (two-digit BE year)."""
        return self.num(f"{date.day:02d}-{date.month:02d}-{be_year(date) % 100:02d}")
