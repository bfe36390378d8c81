"""How numbers and dates read in a report: Thai digits and Buddhist-era dates by default,
Arabic digits as an option. Applied to the texts the product writes, never to URLs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thai.dates import ABBREVIATED_MONTHS, BE_OFFSET, FULL_MONTHS, format_thai_date, format_thai_month_year
from thai.text import to_arabic_digits, to_thai_digits


@dataclass(frozen=True, slots=True)
class ThaiFormat:
    """Renders numbers and dates in the report's digit style."""

    thai_digits: bool = True

    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai_digits else to_arabic_digits(text)

    def number(self, value: float, decimals: int = 2) -> str:
        return self.digits(f"{value:,.{decimals}f}")

    def date(self, day: dt.date) -> str:
        """๒๔ มีนาคม ๒๕๖๖"""
        return format_thai_date(day, self.thai_digits)

    def month_year(self, day: dt.date) -> str:
        """มีนาคม ๒๕๖๖"""
        return format_thai_month_year(day.year + BE_OFFSET, day.month, self.thai_digits)

    def short_month_year(self, day: dt.date) -> str:
        """มี.ค. ๖๖ — the style of the seeds' ระยะเวลา column."""
        return self.digits(f"{ABBREVIATED_MONTHS[day.month - 1]} {(day.year + BE_OFFSET) % 100:02d}")

    def short_date(self, day: dt.date) -> str:
        """๑๕ ก.พ. ๗๐"""
        return f"{self.digits(str(day.day))} {self.short_month_year(day)}"

    def month_range(self, start: dt.date, end: dt.date, *, short: bool = False) -> str:
        """ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖, or มี.ค. – เม.ย. ๖๕ when short and in one year."""
        if short:
            if start.year == end.year:
                return f"{ABBREVIATED_MONTHS[start.month - 1]} – {self.short_month_year(end)}"
            return f"{self.short_month_year(start)} – {self.short_month_year(end)}"
        if (start.year, start.month) == (end.year, end.month):
            return self.month_year(end)
        if start.year == end.year:
            return f"{FULL_MONTHS[start.month - 1]} – {self.month_year(end)}"
        return f"{self.month_year(start)} – {self.month_year(end)}"
