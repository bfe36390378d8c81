"""Machine-readable per-site outputs: gap.json, gap.csv and itas.csv (UTF-8 with BOM so Excel reads Thai)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from reports.model import SiteReport

GAP_COLUMNS = [
    "code",
    "key",
    "name_th",
    "status",
    "finding",
    "responsible_unit",
    "steps",
    "follow_up",
    "deadline",
    "period",
    "indicator",
    "sub_indicator",
    "evidence_urls",
]
ITAS_COLUMNS = ["ข้อ", "หัวข้อ", "คำตอบ", "URL", "ตำแหน่งบนเว็บไซต์", "หมายเหตุ"]


def gap_records(report: SiteReport) -> list[dict[str, object]]:
    return [
        {
            "code": row.code,
            "key": row.key,
            "name_th": row.name_th,
            "status": row.status.value,
            "finding": row.finding,
            "responsible_unit": row.unit,
            "steps": row.steps,
            "follow_up": row.follow_up,
            "deadline": report.deadline.due.isoformat(),
            "period": row.period,
            "indicator": group.indicator,
            "sub_indicator": group.sub_indicator,
            "evidence_urls": row.evidence_urls,
        }
        for group in report.groups
        for row in group.rows
    ]


def write_gap_json(report: SiteReport, path: Path) -> Path:
    site = report.site
    data = {
        "site": {"id": site.id, "name": site.name, "url": site.url, "status": site.status, "score": site.score},
        "run": {"id": report.run_id, "as_of": report.as_of, "ruleset": report.ruleset},
        "deadline": report.deadline.due.isoformat(),
        "answer_window": [report.deadline.window_start.isoformat(), report.deadline.window_end.isoformat()],
        "notice": report.notice,
        "gaps": gap_records(report),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _csv_cell(value: object) -> str:
    text = "\n".join(map(str, value)) if isinstance(value, list) else str(value)
    # A cell starting with = + - @ runs as a formula in spreadsheets: crawled URLs must not.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_gap_csv(report: SiteReport, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(GAP_COLUMNS)
        for record in gap_records(report):
            writer.writerow([_csv_cell(record[c]) for c in GAP_COLUMNS])
    return path


def itas_rows(report: SiteReport) -> list[list[str]]:
    """The ITAS sheet as rows of text, URLs one per line, best first."""
    return [
        [
            item.code,
            item.name_th,
            item.answer,
            "\n".join(e.url for e in item.evidence),
            item.click_path,
            "" if item.status.value == "pass" else item.finding,
        ]
        for item in report.items
    ]


def write_itas_csv(report: SiteReport, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ITAS_COLUMNS)
        for row in itas_rows(report):
            writer.writerow([_csv_cell(cell) for cell in row])
    return path
