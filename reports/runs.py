"""The run history table of the overview (ประวัติการตรวจ): the store's runs in the officers' words.

The rows come from ``store.db.Store.runs`` (the same rows ``oit runs`` prints); this module only
formats them: Bangkok time, Buddhist-era dates, statuses in Thai, the report's digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reports.thaifmt import ThaiFormat

if TYPE_CHECKING:
    from store.db import RunInfo

RUN_HISTORY_ROWS = 20  # runs shown in the overview, newest first
BANGKOK = ZoneInfo("Asia/Bangkok")
MAX_ERROR_TEXT = 300  # characters of each error message shown

RUN_STATUS_TH = {
    "running": "กำลังดำเนินการ",
    "complete": "เสร็จสมบูรณ์",
    "partial": "เสร็จบางส่วน (ครบเวลาที่กำหนด)",
    "failed": "ล้มเหลว",
    "interrupted": "ถูกหยุดกลางคัน",
}
RUN_KIND_TH = {"manual": "สั่งตรวจเอง", "scheduled": "ตามกำหนดเวลา", "demo": "สาธิต"}
# The run a report belongs to is still going while its reports are written.
CURRENT_RUN_TH = "รอบนี้ (กำลังจัดทำรายงาน)"


@dataclass(frozen=True, slots=True)
class RunRow:
    """One run, every cell already formatted."""

    number: str  # รอบที่, in the report's digits
    kind: str
    started: str
    finished: str
    status: str  # complete | partial | ... (the CSS class)
    status_th: str
    current: bool  # the run of this report
    sites_ok: str
    sites_unreachable: str
    sites_blocked: str
    sites_pending: str
    pages: str
    documents: str
    errors: tuple[str, ...]


def _local(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(BANGKOK)


def _when(moment: dt.datetime | None, fmt: ThaiFormat, *, time_only: bool = False) -> str:
    """``๒๒ พฤศจิกายน ๒๕๖๙ ๑๕:๔๓ น.``, or ``๑๕:๔๓ น.`` with ``time_only``."""
    if moment is None:
        return "–"
    time = fmt.digits(moment.strftime("%H:%M")) + " น."
    return time if time_only else f"{fmt.date(moment.date())} {time}"


def _count(stats: dict, key: str, fmt: ThaiFormat) -> str:
    value = stats.get(key)
    return fmt.number(value, 0) if isinstance(value, int) else "–"


def _row(run: RunInfo, fmt: ThaiFormat, current_run_id: int | None = None) -> RunRow:
    started = _local(run.started_at)
    finished = _local(run.finished_at) if run.finished_at else None
    current = run.id == current_run_id
    status_th = RUN_STATUS_TH.get(run.status, run.status)
    if current and run.status == "running":
        status_th = CURRENT_RUN_TH
    stats = run.stats or {}
    return RunRow(
        number=fmt.digits(str(run.id)),
        kind=RUN_KIND_TH.get(run.kind, run.kind),
        started=_when(started, fmt),
        finished=_when(finished, fmt, time_only=finished is not None and finished.date() == started.date()),
        status=run.status,
        status_th=status_th,
        current=current,
        sites_ok=_count(stats, "sites_ok", fmt),
        sites_unreachable=_count(stats, "sites_unreachable", fmt),
        sites_blocked=_count(stats, "sites_blocked", fmt),
        sites_pending=_count(stats, "sites_pending", fmt),
        pages=_count(stats, "pages", fmt),
        documents=_count(stats, "documents", fmt),
        errors=tuple(str(e)[:MAX_ERROR_TEXT] for e in stats.get("errors") or ()),
    )


def run_rows(runs: list[RunInfo], fmt: ThaiFormat, current_run_id: int | None = None) -> list[RunRow]:
    """Rows for ``runs`` (newest first, as the store gives them)."""
    return [_row(run, fmt, current_run_id) for run in runs]
