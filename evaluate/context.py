"""What a judgement depends on besides the source: the as-of date and the site's documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from store.records import DocumentRecord
from thai.dates import fiscal_year_of

FY_FIRST_MONTH = 10  # the Thai fiscal year starts on 1 October
BE_OFFSET = 543


@dataclass(slots=True)
class JudgeContext:
    as_of: dt.date
    documents: dict[str, DocumentRecord] = field(default_factory=dict)  # the site's documents by URL
    # fiscal years the links to a document give it (SiteIndex.publishing_years)
    publishing_years: Callable[[str], set[int]] = lambda url: set()

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.as_of)

    def months_so_far(self, max_months: int = 12, previous: bool = False) -> list[tuple[int, int]]:
        """(BE calendar year, month) of the fiscal year's months that have ended by the as-of date,
        at most the first ``max_months`` of them: what a monthly summary must already cover.
        ``previous``: the months of the fiscal year before, all of which have ended."""
        fy = self.fiscal_year - 1 if previous else self.fiscal_year
        months: list[tuple[int, int]] = []
        year, month = fy - 1, FY_FIRST_MONTH  # BE calendar year of October
        current = (fy, FY_FIRST_MONTH) if previous else (self.as_of.year + BE_OFFSET, self.as_of.month)
        while (year, month) < current and len(months) < max_months:
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months
