"""The one reader of the YAML files officers edit: typed fields, and errors as ``file:line: field: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from oit.yamlfile import Fields, YamlError, load_yaml

TEXT = """\
name: " night run "
limits:
  pages: 40
  delay: 2
  strict: true
formats: [html, pdf]
recipients:
  sao-a: a@example.go.th
  sao-b: [b@example.go.th]
empty:
code: 1
"""
KNOWN = {"name", "limits", "formats", "recipients", "empty", "code"}
LIMITS = {"pages", "delay", "strict"}


def root(tmp_path: Path, text: str = TEXT) -> Fields:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path).root.fields(KNOWN)


def test_typed_fields_and_defaults(tmp_path):
    fields = root(tmp_path)
    limits = fields.section("limits", LIMITS | {"retries"})
    assert fields.text("name") == "night run"  # stripped
    assert limits.integer("pages", minimum=0) == 40
    assert limits.number("delay", above=0) == 2.0 and isinstance(limits.number("delay"), float)
    assert limits.boolean("strict") is True
    assert limits.integer("retries", 3) == 3  # absent: the default
    assert fields.text("empty", "default") == "default"  # written without a value: the default too
    assert [v.choice(("html", "pdf", "docx")) for v in fields.list("formats")] == ["html", "pdf"]
    assert fields.text("code", numbers=True) == "1"
    addresses = {key: value.texts(single=True) for key, value in fields.value("recipients").entries()}
    assert addresses == {"sao-a": ("a@example.go.th",), "sao-b": ("b@example.go.th",)}
    assert fields.section("missing", {"x"}).integer("x", 5) == 5  # an absent section is empty


@pytest.mark.parametrize(
    "read, where, message",
    [
        (lambda f: f.integer("name"), "2: name", "expected a whole number, got ' night run '"),
        (lambda f: f.section("limits", {"pages"}), "5: limits.delay", "unknown field (known: pages)"),
        (lambda f: f.section("limits", LIMITS).integer("pages", 0, minimum=50), "4: limits.pages", "must be 50 or more, got 40"),
        (lambda f: f.section("limits", LIMITS).number("delay", above=2), "5: limits.delay", "must be more than 2, got 2"),
        (lambda f: f.section("limits", LIMITS).boolean("pages"), "4: limits.pages", "expected true or false, got 40"),
        (
            lambda f: [v.choice(("html", "docx")) for v in f.list("formats")],
            "7: formats[1]",
            "must be one of: html, docx; got 'pdf'",
        ),
        (lambda f: f.text("code"), "12: code", "expected text, got 1"),
        (lambda f: f.text("empty"), "11: empty", "required"),
        (lambda f: f.value("recipients").list(), "8: recipients", "expected a list, got {"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, read, where, message):
    fields = root(tmp_path, "\n" + TEXT)  # one blank line first: the lines are the file's, not the data's
    with pytest.raises(YamlError) as caught:
        read(fields)
    assert str(caught.value).startswith(f"{tmp_path / 'settings.yaml'}:{where}: {message}")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    with pytest.raises(YamlError, match=r"settings\.yaml:1: expected a mapping, got \['a', 'b'\]"):
        root(tmp_path, "[a, b]\n")
