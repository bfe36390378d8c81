"""config/reports.yaml: the shipped file loads; mistakes are named with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from oit.yamlfile import YamlError
from reports.options import ReportOptions, load_options, parse_formats


def test_shipped_config_loads_with_the_documented_defaults():
    options = load_options(Path(__file__).parents[1] / "config" / "reports.yaml")
    assert options.thai_digits and options.table_form == 1
    assert options.formats == {"html", "docx", "xlsx", "json", "csv"}
    assert (options.calendar.window_start, options.calendar.window_end) == ((3, 1), (4, 30))
    assert options.memo.addressee == "นายก{org}"


def test_a_missing_file_gives_the_defaults(tmp_path: Path):
    assert load_options(tmp_path / "none.yaml") == ReportOptions()


def _error(tmp_path: Path, text: str) -> YamlError:
    path = tmp_path / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        load_options(path)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("digits: roman\n", 1, "digits", "must be one of: thai, arabic"),
        ("table_form: 1\nformats: [html, odt]\n", 2, "formats", "unknown format(s) odt"),
        ('calendar:\n  window_start: "3/1"\n', 2, "calendar.window_start", "month-day"),
        ('calendar:\n  window_start: "05-01"\n  window_end: "04-30"\n', 3, "calendar.window_end", "must close after"),
        ("calendar:\n  lead_days: -3\n", 2, "calendar.lead_days", "must be 0 or more, got -3"),
        ('memo:\n  subject: "เรื่อง {year}"\n', 2, "memo.subject", "unknown placeholder {year}"),
        ("memo:\n  signers: [ปลัด, 3]\n", 2, "memo.signers[1]", "expected text, got 3"),
        ("pdf:\n  threads: 2\n", 2, "pdf.threads", "unknown field (known: timeout_seconds, workers)"),
    ],
)
def test_errors_name_the_line_and_field(tmp_path: Path, text: str, line: int, field: str, message: str):
    error = _error(tmp_path, text)
    assert (error.line, error.field) == (line, field)
    assert message in error.message


def test_settings_are_read(tmp_path: Path):
    path = tmp_path / "reports.yaml"
    path.write_text(
        "digits: arabic\ntable_form: 2\nformats: [pdf, html]\ncalendar:\n  lead_days: 30\n"
        'memo:\n  number: "พย 76201/{fy}"\ndefault_unit: กองช่าง\n',
        encoding="utf-8",
    )
    options = load_options(path)
    assert not options.thai_digits and options.table_form == 2 and options.formats == {"pdf", "html"}
    assert options.calendar.lead_days == 30 and options.memo.number == "พย 76201/{fy}" and options.default_unit == "กองช่าง"


def test_format_lists_from_the_command_line():
    assert parse_formats(" html, DOCX ,") == {"html", "docx"}
    with pytest.raises(ValueError):
        parse_formats("")
