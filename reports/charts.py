"""Charts drawn into the reports as inline SVG: no script, no CDN, nothing fetched.

Python computes the geometry; ``templates/_charts.html`` draws it with Jinja2's autoescaping, so a
crawled site name in a label or tooltip stays text. Printed in black and white they still read:
bars below the pass mark are hatched, passing ones solid, the pass mark is a dashed line, and every
bar and point carries its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from evaluate.verdicts import RunResult, SiteResult
from reports.history import score_history
from reports.thaifmt import ThaiFormat

BIN = 5  # score points per histogram bar: 85, the pass mark, falls on a bar's edge


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: str  # the number written on the bar
    label: str  # axis label or item name
    passing: bool  # drawn solid (passing) or hatched (below the pass mark / failing)
    title: str  # tooltip


@dataclass(frozen=True, slots=True)
class Histogram:
    """How many sites have each predicted score, against the pass mark."""

    width: int
    height: int
    baseline: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x, score
    pass_x: float
    pass_label: str
    total: str


@dataclass(frozen=True, slots=True)
class ItemBars:
    """The items most often failing, longest bar first."""

    width: int
    height: int
    label_width: int
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    x: float
    y: float
    value: str
    date: str


@dataclass(frozen=True, slots=True)
class Trend:
    """One site's predicted score in each run it was judged, oldest first."""

    width: int
    height: int
    points: list[TrendPoint]
    pass_y: float
    pass_label: str
    top: float
    bottom: float
    title: str

    @property
    def summary(self) -> str:
        """๒๒ ต.ค. ๖๙ ๔๖.๑๕ → ๒๒ พ.ย. ๖๙ ๕๗.๖๙ (the trend in words, for the DOCX and tooltips)"""
        return " → ".join(f"{p.date} {p.value}" for p in self.points)

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def score_histogram(scores: list[float], pass_mark: float, fmt: ThaiFormat, width: int = 640, height: int = 220) -> Histogram:
    left, right, top, bottom = 34, 12, 34, 30
    bins = [0] * (100 // BIN)
    for score in scores:
        bins[min(int(score // BIN), len(bins) - 1)] += 1
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(bins)
    tallest = max(bins) or 1
    bars = []
    for n, count in enumerate(bins):
        low = n * BIN
        bar_h = plot_h * count / tallest
        label = f"{fmt.digits(str(low))}–{fmt.digits(str(low + BIN))}"
        bars.append(
            Bar(
                left + n * step + 1,
                top + plot_h - bar_h,
                step - 2,
                bar_h,
                fmt.digits(str(count)) if count else "",
                label,
                low >= pass_mark,
                f"คะแนน {label}: {fmt.digits(str(count))} แห่ง",
            )
        )
    ticks = [(left + plot_w * v / 100, fmt.digits(str(v))) for v in range(0, 101, 10)]
    return Histogram(
        width,
        height,
        top + plot_h,
        bars,
        ticks,
        left + plot_w * pass_mark / 100,
        f"เกณฑ์ผ่าน {fmt.number(pass_mark, 0)}",
        fmt.digits(str(len(scores))),
    )


def item_bars(items: list[tuple[str, int, str]], sites: int, fmt: ThaiFormat, width: int = 640) -> ItemBars:
    """``items``: (label, failing sites, share text), most failing first; ``sites``: sites judged."""
    label_width, row, right = 300, 22, 70
    plot_w = width - label_width - right
    bars = [
        Bar(
            label_width,
            4 + n * row,
            plot_w * count / (sites or 1),
            row - 6,
            f"{fmt.digits(str(count))} ({share})",
            label,
            False,
            f"{label}: ไม่ผ่าน {fmt.digits(str(count))} แห่ง",
        )
        for n, (label, count, share) in enumerate(items)
    ]
    return ItemBars(width, 8 + row * len(items), label_width, bars)


def score_trend(
    points: list[tuple[str, float]],
    pass_mark: float,
    fmt: ThaiFormat,
    title: str,
    width: int = 520,
    height: int = 120,
    *,
    small: bool = False,
) -> Trend:
    """``points``: (as_of ISO date, score), oldest first. ``small``: a sparkline without labels."""
    left, right, top, bottom = (2, 2, 2, 2) if small else (40, 40, 18, 22)
    plot_w, plot_h = width - left - right, height - top - bottom
    gap = plot_w / max(len(points) - 1, 1)

    def y_of(score: float) -> float:
        return top + plot_h * (1 - score / 100)

    drawn = [
        TrendPoint(
            left + (n * gap if len(points) > 1 else plot_w / 2),
            y_of(score),
            fmt.number(score),
            fmt.short_date(dt.date.fromisoformat(as_of)),
        )
        for n, (as_of, score) in enumerate(points)
    ]
    return Trend(width, height, drawn, y_of(pass_mark), f"เกณฑ์ผ่าน {fmt.number(pass_mark, 0)}", top, top + plot_h, title)


def site_trend(history: list[RunResult], run: RunResult, site: SiteResult, fmt: ThaiFormat, *, small: bool) -> Trend | None:
    """The site's score over the runs (history oldest first), None when judged in fewer than two."""
    points = score_history(history, run, site.id)
    if len(points) < 2:
        return None
    trend = score_trend(points, run.pass_mark, fmt, site.name, *((96, 26) if small else ()), small=small)
    return replace(trend, title=f"{site.name}: {trend.summary}")
