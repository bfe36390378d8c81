"""Is a source's content for the fiscal year an item requires? Stated years beat dates."""

from __future__ import annotations

from dataclasses import dataclass

from evaluate.facts import YearFacts
from evaluate.rules import Freshness


@dataclass(frozen=True, slots=True)
class FreshnessResult:
    ok: bool
    year_found: int | None  # the fiscal year the content is for, best guess; None when it says none
    required: int | None  # the fiscal year the item asks for


def _best_year(years: frozenset[int], wanted: int) -> int | None:
    if not years:
        return None
    return wanted if wanted in years else max(years)


def judge_freshness(freshness: Freshness, years: YearFacts, fiscal_year: int) -> FreshnessResult:
    if freshness is Freshness.NONE:
        return FreshnessResult(True, _best_year(years.stated, fiscal_year), None)
    if freshness is Freshness.PREVIOUS_FY:
        wanted = fiscal_year - 1
        accepted = {wanted, fiscal_year}  # a report already published for the running year is fine too
    elif freshness is Freshness.PREVIOUS_FY_ONLY:
        wanted = fiscal_year - 1
        accepted = {wanted}  # e.g. a whole year's monthly summaries: the running year's are another item
    else:
        wanted, accepted = fiscal_year, {fiscal_year}
    if freshness is Freshness.PLAN_RANGE and years.covers(fiscal_year):
        return FreshnessResult(True, fiscal_year, wanted)
    if freshness is Freshness.CURRENT_YEAR_CONTENT:
        # posts dated in the year, or a list stated to be the year's
        evidence = (years.dated | years.stated) or years.plain
    else:
        # the year stated in the content first, then the document's own dates, then bare years
        evidence = years.stated or frozenset(y for r in years.ranges for y in r) or years.dated or years.plain
    if evidence & accepted:
        return FreshnessResult(True, wanted if wanted in evidence else fiscal_year, wanted)
    return FreshnessResult(False, _best_year(evidence, wanted), wanted)
