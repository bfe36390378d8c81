"""The ITA calendar: when OIT answers are due, and so by when a gap must be fixed.

Agencies answer the OIT items in ITAS within a yearly window (1 March – 30 April of the fiscal
year's second calendar year, configurable). A gap fixed after the window closes counts only next
year, so the deadline for fixing is:

- before the window opens: ``lead_days`` before it opens (time to check and fill ITAS);
- while the window is open (or within the lead time): the run date + ``days_when_open``, but never
  after the window closes;
- after the window closed: ``lead_days`` before next year's window opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thai.dates import BE_OFFSET, fiscal_year_of


@dataclass(frozen=True, slots=True)
class ItaCalendar:
    window_start: tuple[int, int] = (3, 1)  # (month, day) the OIT answer window opens
    window_end: tuple[int, int] = (4, 30)  # (month, day) it closes
    lead_days: int = 14  # fixes done this many days before the window opens
    days_when_open: int = 14  # time given when the window is already open

    def window(self, fiscal_year: int) -> tuple[dt.date, dt.date]:
        """The answer window of a fiscal year; it lies in the FY's second calendar year."""
        year = fiscal_year - BE_OFFSET
        return dt.date(year, *self.window_start), dt.date(year, *self.window_end)


@dataclass(frozen=True, slots=True)
class Deadline:
    fiscal_year: int  # the assessment year the fix counts for (BE)
    window_start: dt.date
    window_end: dt.date
    due: dt.date  # fix and publish by this date
    window_open: bool  # the run date is inside the answer window (or its lead time)


def fix_deadline(run_date: dt.date, calendar: ItaCalendar) -> Deadline:
    fiscal_year = fiscal_year_of(run_date)
    start, end = calendar.window(fiscal_year)
    if run_date > end:
        fiscal_year += 1
        start, end = calendar.window(fiscal_year)
    before_window = start - dt.timedelta(days=calendar.lead_days)
    if run_date < before_window:
        return Deadline(fiscal_year, start, end, before_window, window_open=False)
    due = min(run_date + dt.timedelta(days=calendar.days_when_open), end)
    return Deadline(fiscal_year, start, end, due, window_open=True)
