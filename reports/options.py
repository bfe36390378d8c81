"""Report settings: config/reports.yaml, checked field by field (errors name file and line)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from oit.paths import config_file
from oit.yamlfile import FieldPath, YamlDoc, load_yaml
from reports.calendar import ItaCalendar
from reports.thaifmt import ThaiFormat

ALL_FORMATS = frozenset({"html", "docx", "xlsx", "pdf", "json", "csv"})
TEMPLATE_FIELDS = frozenset({"org", "fy"})
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class MemoSettings:
    office: str = "สำนักปลัด"
    number: str = ""
    subject: str = "รายงานผลการตรวจเว็บไซต์หลักของหน่วยงานและมาตรการปรับปรุงตามเกณฑ์การประเมิน OIT ประจำปีงบประมาณ พ.ศ. {fy}"
    addressee: str = "นายก{org}"
    signers: tuple[str, ...] = ("ผู้จัดทำ", "หัวหน้าสำนักปลัด", "ปลัด{org}", "นายก{org}")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    thai_digits: bool = True
    table_form: int = 1
    formats: frozenset[str] = frozenset({"html", "docx", "xlsx", "json", "csv"})
    calendar: ItaCalendar = field(default_factory=ItaCalendar)
    memo: MemoSettings = field(default_factory=MemoSettings)
    default_unit: str = "สำนักปลัด"
    pdf_workers: int = 1
    pdf_timeout: float = 60.0

    @property
    def fmt(self) -> ThaiFormat:
        return ThaiFormat(self.thai_digits)

    def with_digits(self, thai: bool) -> "ReportOptions":
        return replace(self, thai_digits=thai)


def parse_formats(text: str) -> frozenset[str]:
    """``html,docx`` -> {"html", "docx"}; unknown names raise ValueError."""
    names = frozenset(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = names - ALL_FORMATS
    if unknown or not names:
        raise ValueError(f"unknown format(s) {', '.join(sorted(unknown)) or '(none)'}; choose from {', '.join(sorted(ALL_FORMATS))}")
    return names


class _Reader:
    """Reads typed values out of a YamlDoc, raising errors that point at the line."""

    def __init__(self, doc: YamlDoc):
        self.doc = doc

    def mapping(self, path: FieldPath, known: set[str]) -> dict[str, Any]:
        value = self.get(path, {})
        if not isinstance(value, dict):
            raise self.doc.error(path, "expected a mapping")
        for key in value:
            if key not in known:
                raise self.doc.error(path + (key,), f"unknown setting; known: {', '.join(sorted(known))}")
        return value

    def get(self, path: FieldPath, default: Any) -> Any:
        node: Any = self.doc.data or {}
        for part in path:
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return default if node is None else node

    def choice(self, path: FieldPath, default: Any, choices: tuple[Any, ...]) -> Any:
        value = self.get(path, default)
        if value not in choices:
            raise self.doc.error(path, f"must be one of {', '.join(map(str, choices))}, not {value!r}")
        return value

    def integer(self, path: FieldPath, default: int, minimum: int = 0) -> int:
        value = self.get(path, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.doc.error(path, f"must be a whole number >= {minimum}")
        return value

    def text(self, path: FieldPath, default: str) -> str:
        value = self.get(path, default)
        if not isinstance(value, str):
            raise self.doc.error(path, "must be text")
        self._check_template(path, value)
        return value

    def texts(self, path: FieldPath, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.get(path, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.doc.error(path, "must be a list of texts")
        for i, item in enumerate(value):
            self._check_template(path + (i,), item)
        return tuple(value)

    def month_day(self, path: FieldPath, default: tuple[int, int]) -> tuple[int, int]:
        value = self.get(path, None)
        if value is None:
            return default
        match = _MONTH_DAY.match(str(value))
        if not match or not (1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31):
            raise self.doc.error(path, f"expected a month-day like \"03-01\", not {value!r}")
        return int(match[1]), int(match[2])

    def _check_template(self, path: FieldPath, value: str) -> None:
        for name in re.findall(r"\{(\w*)\}", value):
            if name not in TEMPLATE_FIELDS:
                raise self.doc.error(path, f"unknown placeholder {{{name}}}; use {{org}} or {{fy}}")


def load_options(path: str | Path | None = None) -> ReportOptions:
    """Settings from ``path`` (default: reports.yaml of the config folder); a missing file gives the defaults."""
    path = Path(path) if path else config_file("reports.yaml")
    if not path.exists():
        return ReportOptions()
    reader = _Reader(load_yaml(path))
    reader.mapping((), {"digits", "table_form", "formats", "calendar", "memo", "default_unit", "pdf"})
    reader.mapping(("calendar",), {"window_start", "window_end", "lead_days", "days_when_open"})
    reader.mapping(("memo",), {"office", "number", "subject", "addressee", "signers"})
    reader.mapping(("pdf",), {"workers", "timeout_seconds"})
    formats = reader.get(("formats",), ["html", "docx", "xlsx", "json", "csv"])
    try:
        parsed_formats = parse_formats(",".join(map(str, formats)) if isinstance(formats, list) else str(formats))
    except ValueError as exc:
        raise reader.doc.error(("formats",), str(exc)) from None
    calendar = ItaCalendar(
        window_start=reader.month_day(("calendar", "window_start"), (3, 1)),
        window_end=reader.month_day(("calendar", "window_end"), (4, 30)),
        lead_days=reader.integer(("calendar", "lead_days"), 14),
        days_when_open=reader.integer(("calendar", "days_when_open"), 14),
    )
    if calendar.window_end <= calendar.window_start:
        raise reader.doc.error(("calendar", "window_end"), "the window must close after it opens")
    defaults = MemoSettings()
    memo = MemoSettings(
        office=reader.text(("memo", "office"), defaults.office),
        number=reader.text(("memo", "number"), defaults.number),
        subject=reader.text(("memo", "subject"), defaults.subject),
        addressee=reader.text(("memo", "addressee"), defaults.addressee),
        signers=reader.texts(("memo", "signers"), defaults.signers),
    )
    return ReportOptions(
        thai_digits=reader.choice(("digits",), "thai", ("thai", "arabic")) == "thai",
        table_form=reader.choice(("table_form",), 1, (1, 2)),
        formats=parsed_formats,
        calendar=calendar,
        memo=memo,
        default_unit=reader.text(("default_unit",), "สำนักปลัด"),
        pdf_workers=reader.integer(("pdf", "workers"), 1, minimum=1),
        pdf_timeout=float(reader.integer(("pdf", "timeout_seconds"), 60, minimum=1)),
    )
