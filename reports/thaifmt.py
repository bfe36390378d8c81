"""How numbers and dates read in a report: Thai digits and Buddhist-era dates by default,
Arabic digits as an option. Applied to the texts the product writes, never to URLs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

THAI_MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]
THAI_MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
BE_OFFSET = 543
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True, slots=True)
class ThaiFormat:
    """Renders numbers and dates in the report's digit style."""

    thai_digits: bool = True

    def digits(self, text: str) -> str:
        return text.translate(_TO_THAI if self.thai_digits else _TO_ARABIC)

    def number(self, value: float, decimals: int = 2) -> str:
        return self.digits(f"{value:,.{decimals}f}")

    def date(self, day: dt.date) -> str:
        """๒๔ มีนาคม ๒๕๖๖"""
        return self.digits(f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + BE_OFFSET}")

    def month_year(self, day: dt.date) -> str:
        """มีนาคม ๒๕๖๖"""
        return self.digits(f"{THAI_MONTHS[day.month - 1]} {day.year + BE_OFFSET}")

    def short_month_year(self, day: dt.date) -> str:
        """มี.ค. ๖๖ — the style of the seeds' ระยะเวลา column."""
        return self.digits(f"{THAI_MONTHS_SHORT[day.month - 1]} {(day.year + BE_OFFSET) % 100:02d}")

    def month_range(self, start: dt.date, end: dt.date, *, short: bool = False) -> str:
        """ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖, or มี.ค. – เม.ย. ๖๕ when short and in one year."""
        if short:
            if start.year == end.year:
                return f"{THAI_MONTHS_SHORT[start.month - 1]} – {self.short_month_year(end)}"
            return f"{self.short_month_year(start)} – {self.short_month_year(end)}"
        if (start.year, start.month) == (end.year, end.month):
            return self.month_year(end)
        if start.year == end.year:
            return f"{THAI_MONTHS[start.month - 1]} – {self.month_year(end)}"
        return f"{self.month_year(start)} – {self.month_year(end)}"
