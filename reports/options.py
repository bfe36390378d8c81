"""Report settings: config/reports.yaml, checked field by field (errors name file and line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from oit.paths import config_file
from oit.yamlfile import Fields, Value, load_yaml
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

    def with_digits(self, thai: bool) -> ReportOptions:
        return replace(self, thai_digits=thai)


def parse_formats(text: str) -> frozenset[str]:
    """``html,docx`` -> {"html", "docx"}; unknown names raise ValueError."""
    names = frozenset(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = names - ALL_FORMATS
    if unknown or not names:
        given = ", ".join(sorted(unknown)) or "(none)"
        raise ValueError(f"unknown format(s) {given}; choose from {', '.join(sorted(ALL_FORMATS))}")
    return names


def _template(value: Value) -> str:
    """A text that may name {org} and {fy}."""
    text = value.text()
    for name in re.findall(r"\{(\w*)\}", text):
        if name not in TEMPLATE_FIELDS:
            raise value.error(f"unknown placeholder {{{name}}}; use {{org}} or {{fy}}")
    return text


def _template_field(section: Fields, key: str, default: str) -> str:
    value = section.get(key)
    return default if value is None else _template(value)


def _month_day(section: Fields, key: str, default: tuple[int, int]) -> tuple[int, int]:
    value = section.get(key)
    if value is None:
        return default
    match = _MONTH_DAY.match(str(value.data))
    if not match or not (1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31):
        raise value.error(f'expected a month-day like "03-01", not {value.data!r}')
    return int(match[1]), int(match[2])


def load_options(path: str | Path | None = None) -> ReportOptions:
    """Settings from ``path`` (default: reports.yaml of the config folder); a missing file gives the defaults."""
    path = Path(path) if path else config_file("reports.yaml")
    if not path.exists():
        return ReportOptions()
    root = load_yaml(path).root.fields({"digits", "table_form", "formats", "calendar", "memo", "default_unit", "pdf"})
    calendar_fields = root.section("calendar", {"window_start", "window_end", "lead_days", "days_when_open"})
    memo_fields = root.section("memo", {"office", "number", "subject", "addressee", "signers"})
    pdf = root.section("pdf", {"workers", "timeout_seconds"})
    formats = root.get("formats")
    try:
        parsed_formats = (
            ReportOptions().formats
            if formats is None
            else parse_formats(",".join(map(str, formats.data)) if isinstance(formats.data, list) else str(formats.data))
        )
    except ValueError as exc:
        raise root.error("formats", str(exc)) from None
    calendar = ItaCalendar(
        window_start=_month_day(calendar_fields, "window_start", (3, 1)),
        window_end=_month_day(calendar_fields, "window_end", (4, 30)),
        lead_days=calendar_fields.integer("lead_days", 14, minimum=0),
        days_when_open=calendar_fields.integer("days_when_open", 14, minimum=0),
    )
    if calendar.window_end <= calendar.window_start:
        raise calendar_fields.error("window_end", "the window must close after it opens")
    defaults = MemoSettings()
    signers = [_template(signer) for signer in memo_fields.list("signers")]
    memo = MemoSettings(
        office=_template_field(memo_fields, "office", defaults.office),
        number=_template_field(memo_fields, "number", defaults.number),
        subject=_template_field(memo_fields, "subject", defaults.subject),
        addressee=_template_field(memo_fields, "addressee", defaults.addressee),
        signers=tuple(signers) if memo_fields.has("signers") else defaults.signers,
    )
    return ReportOptions(
        thai_digits=root.choice("digits", ("thai", "arabic"), "thai") == "thai",
        table_form=root.choice("table_form", (1, 2), 1),
        formats=parsed_formats,
        calendar=calendar,
        memo=memo,
        default_unit=_template_field(root, "default_unit", "สำนักปลัด"),
        pdf_workers=pdf.integer("workers", 1, minimum=1),
        pdf_timeout=float(pdf.integer("timeout_seconds", 60, minimum=1)),
    )
