"""The overview of many sites (a district, a province): sites × items, scores, the items most often
missing, and the sites that could not be checked, listed apart (never counted as all-missing)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evaluate.verdicts import ItemStatus, RunResult, SiteResult
from evaluate.wording import NOT_IN_RULESET_TH, STATUS_MARK_TH, STATUS_TH
from reports.charts import Histogram, ItemBars, Trend, item_bars, score_histogram, site_trend
from reports.history import History, per_site
from reports.model import criteria_text, site_status_text
from reports.runs import RunRow, run_rows
from reports.safety import site_dir_name
from reports.thaifmt import ThaiFormat

if TYPE_CHECKING:
    from store.db import RunInfo


@dataclass(slots=True)
class Column:
    key: str
    code: str
    name_th: str


@dataclass(slots=True)
class Cell:
    status: str  # ItemStatus value, "" when the site's rule set has no such item
    mark: str
    title: str  # tooltip: code, name and status in Thai


@dataclass(slots=True)
class SiteRow:
    site: SiteResult
    dir_name: str
    score: str
    score_value: float
    passed: int
    failing: int
    cells: list[Cell]
    trend: Trend | None  # the site's score over the runs; None before its second judged run


@dataclass(slots=True)
class MissingItem:
    column: Column
    count: int
    share: str  # of the judged sites, formatted percent


@dataclass(slots=True)
class Overview:
    run: RunResult
    columns: list[Column]
    rows: list[SiteRow]
    not_judged: list[tuple[SiteResult, str, str]]  # site, dir name, why in Thai
    most_missing: list[MissingItem]
    provinces: list[str]
    districts: list[str]
    types: list[str]
    pass_mark: str
    passing_sites: int
    as_of: str
    criteria: str  # เกณฑ์ที่ใช้: ITA 2569 [เพราะเกณฑ์ 2570 ยังไม่ประกาศ]
    runs: list[RunRow]  # the run history, newest first; empty when not given
    histogram: Histogram  # the judged sites' predicted scores against the pass mark
    item_chart: ItemBars  # most_missing as bars


def _columns(run: RunResult) -> list[Column]:
    columns: dict[str, Column] = {}
    for site in run.sites:
        for item in site.items:
            columns.setdefault(item.key, Column(item.key, item.code, item.name_th))
    return list(columns.values())


def build_overview(
    run: RunResult, fmt: ThaiFormat, top: int = 10, runs: list[RunInfo] | None = None, history: History = None
) -> Overview:
    """``runs``: the store's run history (``Store.runs``), shown with ``run`` marked as this report's;
    ``history``: earlier results, oldest first (or one site's at a time), for each site's trend."""
    site_history = per_site(history, run.run_id)
    columns = _columns(run)
    rows: list[SiteRow] = []
    not_judged: list[tuple[SiteResult, str, str]] = []
    missing: Counter[str] = Counter()
    for site in run.sites:
        if site.status != "ok":
            not_judged.append((site, site_dir_name(site.id), site_status_text(site)))
            continue
        by_key = {item.key: item for item in site.items}
        cells = []
        for column in columns:
            item = by_key.get(column.key)
            if item is None:
                cells.append(Cell("", "", f"{column.code} {column.name_th}: {NOT_IN_RULESET_TH}"))
                continue
            if item.status not in (ItemStatus.PASS, ItemStatus.NOT_JUDGED):
                missing[column.key] += 1
            title = f"{item.code} {item.name_th}: {STATUS_TH[item.status]}"
            cells.append(Cell(item.status.value, STATUS_MARK_TH[item.status], title))
        passed = sum(1 for i in site.items if i.status is ItemStatus.PASS)
        rows.append(
            SiteRow(
                site,
                site_dir_name(site.id),
                fmt.number(site.score) if site.score is not None else "–",
                site.score if site.score is not None else -1.0,
                passed,
                sum(1 for i in site.items if i.status not in (ItemStatus.PASS, ItemStatus.NOT_JUDGED)),
                cells,
                site_trend(site_history(site.id), run, site, fmt, small=True),
            )
        )
    column_of = {c.key: c for c in columns}
    judged = len(rows) or 1
    most_missing = [
        MissingItem(column_of[key], count, fmt.number(100.0 * count / judged, 0) + "%") for key, count in missing.most_common(top)
    ]
    return Overview(
        run=run,
        columns=columns,
        rows=rows,
        not_judged=not_judged,
        most_missing=most_missing,
        provinces=sorted({s.province for s in run.sites if s.province}),
        districts=sorted({s.district for s in run.sites if s.district}),
        types=sorted({s.type for s in run.sites if s.type}),
        pass_mark=fmt.number(run.pass_mark),
        passing_sites=sum(1 for r in rows if r.score_value >= run.pass_mark),
        as_of=fmt.date(dt.date.fromisoformat(run.as_of)),
        criteria=criteria_text(run, fmt),
        runs=run_rows(runs or [], fmt, run.run_id),
        histogram=score_histogram([r.score_value for r in rows if r.site.score is not None], run.pass_mark, fmt),
        item_chart=item_bars([(f"{m.column.code} {m.column.name_th}", m.count, m.share) for m in most_missing], len(rows), fmt),
    )
