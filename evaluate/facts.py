"""Facts about a source that checks and freshness need: fiscal years, months, people, contacts.

Computed lazily, at most once per source (``Source.cache``), and only for the candidates of some
item: the Thai finders in ``thai.dates`` / ``thai.entities`` are far slower than phrase matching.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from evaluate.context import JudgeContext
from evaluate.sources import Source
from thai import dates as thai_dates
from thai import entities
from thai.text import normalize

T = TypeVar("T")
YEAR_TEXT_CHARS = 3000


def _cached(source: Source, name: str, compute: Callable[[], T]) -> T:
    if name not in source.cache:
        source.cache[name] = compute()
    return source.cache[name]


@dataclass(frozen=True, slots=True)
class YearFacts:
    """Fiscal years a source speaks of, strongest first."""

    stated: frozenset[int]  # ประจำปีงบประมาณ พ.ศ. 2570, and the years the crawler/extractor stored
    ranges: tuple[tuple[int, int], ...]  # plan ranges (2566–2570)
    dated: frozenset[int]  # fiscal years of the dates in the content (posting dates last)
    plain: frozenset[int]  # bare years (ปี 2570)

    def covers(self, fiscal_year: int) -> bool:
        return any(start <= fiscal_year <= end for start, end in self.ranges)


def _fiscal_years_of_dates(iso_dates: list[str]) -> frozenset[int]:
    years = set()
    for iso in iso_dates:
        try:
            years.add(thai_dates.fiscal_year_of(dt.date.fromisoformat(iso[:10])))
        except ValueError:
            continue
    return frozenset(years)


def year_facts(source: Source) -> YearFacts:
    def compute() -> YearFacts:
        # where a text says which year it is for: its title and first pages (a plan's cover, a
        # list's newest posts); reading whole documents for years costs more than all the rest
        start = source.cache.get("plain", source.raw)[:YEAR_TEXT_CHARS]  # not the whole text normalised
        text = f"{source.heading} | {normalize(start, keep_lines=True)}".strip(" |")
        mentions = thai_dates.find_fiscal_years(text) if text else []
        stated = {m.year for m in mentions if m.kind == "stated"}
        dated = {m.year for m in mentions if m.kind == "date"} | _fiscal_years_of_dates(source.dates)
        # the stored years mix every kind of mention: only a fallback when the text says nothing
        plain = {m.year for m in mentions if m.kind == "plain"} or set(source.stated_years)
        ranges = tuple((m.year, m.end_year) for m in mentions if m.kind == "range")
        return YearFacts(frozenset(stated), ranges, frozenset(dated), frozenset(plain))

    return _cached(source, "years", compute)


def _month_key(text: str) -> tuple[int, int] | None:
    try:
        year, month = text.split("-")[:2]
        return int(year), int(month)
    except ValueError:
        return None


def months_covered(source: Source, ctx: JudgeContext) -> set[tuple[int, int]]:
    """(BE year, month) covered by the source, its text, and the documents its main content links:
    a monthly summary is usually a page listing one file per month."""

    def compute() -> set[tuple[int, int]]:
        months = {key for key in map(_month_key, source.months) if key}
        months.update(thai_dates.months_mentioned(source.plain))
        for link in source.links:
            doc = ctx.documents.get(link.url)
            if doc is not None:
                months.update(key for key in map(_month_key, doc.months_covered) if key)
            months.update(thai_dates.months_mentioned(link.text))
        return months

    return _cached(source, "months", compute)


def person_names(source: Source) -> list[entities.PersonName]:
    return _cached(source, "persons", lambda: list(entities.find_person_names(source.plain)))


def positions(source: Source) -> list[entities.Position]:
    return _cached(source, "positions", lambda: list(entities.find_positions(source.plain)))


def phones(source: Source) -> list[entities.Phone]:
    return _cached(source, "phones", lambda: list(entities.find_phones(source.plain)))


def emails(source: Source) -> list[str]:
    return _cached(source, "emails", lambda: list(entities.find_emails(source.plain)))


def has_address(source: Source) -> bool:
    def compute() -> bool:
        return any(entities.looks_like_address(line) for line in source.plain.splitlines())

    return _cached(source, "address", compute)


_SIGNATURE = re.compile(r"(ลงชื่อ|ลงนาม)|\(\s*(นาย|นาง|นางสาว|ว่าที่)[^()]{3,60}\)")


def has_signature(source: Source) -> bool:
    return bool(_SIGNATURE.search(source.plain))
