"""The rule files: every year loads, bad rules are rejected with file, line and field, examples hold."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from evaluate.examples import run_examples
from evaluate.rules import EvidenceKind, Freshness
from evaluate.ruleset import RULES_DIR, available_rulesets, default_ruleset_name, load_ruleset
from oit.cli import main
from oit.yamlfile import YamlError

YEARS = ["2564", "2565", "2566", "2567", "2568", "2569"]


def test_every_required_year_is_there_and_the_newest_is_the_default():
    assert set(YEARS) <= set(available_rulesets())
    assert default_ruleset_name() == max(available_rulesets())
    assert load_ruleset(None).name == default_ruleset_name()


@pytest.mark.parametrize("year", YEARS)
def test_year_loads_with_codes_names_units_and_measures(year):
    ruleset = load_ruleset(year)
    codes = [item.code.lower() for item in ruleset.items]
    assert len(codes) == len(set(codes))
    for item in ruleset.items:
        assert item.name_th and item.indicator and item.sub_indicator and item.weight > 0
        assert item.responsible_unit and item.measure, item.code
        assert all(rule.elements for rule in item.rules), item.code


def test_counts_and_merged_items_follow_the_domain_lists():
    # 2567 keeps the 2566 layout on the general list (criteria-2567-2569.md: S5 shows o19/o20)
    assert [len(load_ruleset(y).items) for y in YEARS] == [43, 43, 43, 43, 26, 26]
    y2568 = load_ruleset("2568")
    assert y2568.item("o1").keys == ("structure", "authority")
    assert y2568.item("o3").keys == ("contact", "qa")
    assert y2568.item("procurement_monthly").code == "o12"
    assert load_ruleset("2569").item("procurement_monthly").code == "O11"
    assert load_ruleset("2564").item("procurement_monthly").code == "o23"


def test_extends_inherits_and_overrides_by_key():
    parent, child = load_ruleset("2564"), load_ruleset("2565")
    assert [i.code for i in child.items] == [i.code for i in parent.items]
    assert child.item("complaint_channel").name_th.endswith("และประพฤติมิชอบ")
    assert not parent.item("complaint_channel").name_th.endswith("และประพฤติมิชอบ")
    assert all(item.inferred for item in child.items)  # the whole 2565 list is inferred


def test_year_override_changes_the_rule_only_for_that_year():
    monthly_2568 = load_ruleset("2568").item("procurement_monthly").rules[0]
    monthly_2566 = load_ruleset("2566").item("procurement_monthly").rules[0]
    checks = lambda rule: [spec.check for e in rule.elements for spec in e.any_of]  # noqa: E731
    assert "data_file" in checks(monthly_2568) and "data_file" not in checks(monthly_2566)
    assert monthly_2566.freshness is Freshness.CURRENT_FY
    assert EvidenceKind.IMAGE in load_ruleset("2569").library["structure"].evidence


def test_inferred_items_are_flagged_with_a_source_note():
    y2567 = load_ruleset("2567")
    assert not y2567.item("o1").inferred and not y2567.item("o20").inferred  # S6, S5
    assert y2567.item("o5").inferred and y2567.item("o30").inferred
    assert all(item.source for year in YEARS for item in load_ruleset(year).items)


@pytest.mark.parametrize("year", YEARS)
def test_every_example_is_judged_as_written(year):
    failures = [
        f"{r.key}#{r.index} line {r.example.line}: want {r.example.expect} got {r.got} ({r.detail})"
        for r in run_examples(load_ruleset(year))
        if not r.ok
    ]
    assert failures == []


def test_every_library_item_has_a_positive_and_a_negative_example():
    for key, rule in load_ruleset("2569").library.items():
        expects = {example.expect for example in rule.examples}
        assert "pass" in expects and expects - {"pass"}, key


# --- rejected rules -----------------------------------------------------------------------------


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> int:
    """Edit the file; returns the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_unknown_check_names_file_line_and_field(rules_copy):
    line = _replace(rules_copy / "items.yaml", "{name: อีเมล, check: email}", "{name: อีเมล, check: e_mail}")
    with pytest.raises(YamlError) as error:
        load_ruleset(rules_copy / "2569.yaml")
    message = str(error.value)
    assert f"items.yaml:{line}: items.contact.elements[2].check: unknown check 'e_mail'" in message


def test_unknown_parameter_and_unknown_field_are_rejected(rules_copy):
    _replace(rules_copy / "items.yaml", "check: images, per_person: true}", "check: images, each: true}")
    with pytest.raises(YamlError, match=r"items\.executives\.elements\[3\]\.each: check 'images' has no parameter 'each'"):
        load_ruleset(rules_copy / "2569.yaml")


def test_unknown_key_in_a_year_file(rules_copy):
    line = _replace(rules_copy / "2569.yaml", "keys: [executives]", "keys: [executive]")
    with pytest.raises(YamlError) as error:
        load_ruleset(rules_copy / "2569.yaml")
    assert f"2569.yaml:{line}: items[1].keys[0]: unknown stable key 'executive'" in str(error.value)


def test_bad_freshness_and_duplicate_code(rules_copy):
    _replace(rules_copy / "items.yaml", "freshness: plan_range\n", "freshness: this_year\n")
    with pytest.raises(YamlError, match="freshness: must be one of: current_fy"):
        load_ruleset(rules_copy / "2569.yaml")


def test_duplicate_code_is_rejected(tmp_path, rules_copy):
    _replace(rules_copy / "2569.yaml", "code: O2,", "code: O1,")
    with pytest.raises(YamlError, match=r"items\[1\]\.code: code 'O1' used twice"):
        load_ruleset(rules_copy / "2569.yaml")


def test_an_item_without_elements_is_rejected(tmp_path):
    (tmp_path / "items.yaml").write_text(
        textwrap.dedent("""\
        items:
          structure:
            name_th: โครงสร้าง
            hints: {phrases: [โครงสร้าง]}
            evidence: [page]
            elements: []
        """),
        encoding="utf-8",
    )
    (tmp_path / "2600.yaml").write_text(
        textwrap.dedent("""\
        name: "2600"
        sub_indicators: {"9.1": {indicator: ตัวชี้วัดที่ 9, name: 9.1}}
        items:
          - {code: o1, keys: [structure], name_th: โครงสร้าง, sub: "9.1"}
        """),
        encoding="utf-8",
    )
    with pytest.raises(YamlError, match=r"items\.yaml:6: items\.structure\.elements: an item needs at least one element"):
        load_ruleset(tmp_path / "2600.yaml")


def test_cli_lint_and_test_succeed_and_report_bad_rules(rules_copy, capsys, monkeypatch):
    assert main(["rules", "lint"]) == 0
    assert "ok: 6 rule sets" in capsys.readouterr().out
    assert main(["rules", "test", "--ruleset", "2569"]) == 0
    assert main(["rules", "checks"]) == 0
    assert "month_coverage: one entry per month" in capsys.readouterr().out
    _replace(rules_copy / "items.yaml", "check: email}", "check: e_mail}")
    assert main(["rules", "lint", "--ruleset", str(rules_copy / "2569.yaml")]) == 2
    assert "unknown check 'e_mail'" in capsys.readouterr().err


def test_cli_test_fails_when_an_example_no_longer_holds(rules_copy, capsys):
    # weaken one element: the negative example of another status now passes
    _replace(rules_copy / "items.yaml", "- {check: map_embed}", "- {check: phone}")
    assert main(["rules", "test", "--ruleset", str(rules_copy / "2569.yaml")]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_override_files_are_validated_with_file_line_and_field(tmp_path):
    from oit.overrides import load_overrides

    (tmp_path / "sao-1.yaml").write_text(
        textwrap.dedent("""\
        site: sao-1
        items:
          executives:
            responsible_unit: งานการเจ้าหน้าที่
            evidence_urls: [ftp://example/x]
        """),
        encoding="utf-8",
    )
    with pytest.raises(YamlError, match=r"sao-1\.yaml:5: items\.executives\.evidence_urls: must be a list of http\(s\) URLs"):
        load_overrides(tmp_path, "sao-1")
    (tmp_path / "sao-2.yaml").write_text("items:\n  executive:\n    measure: x\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"sao-2\.yaml:2: items\.executive: unknown stable key"):
        load_overrides(tmp_path, "sao-2", known_keys={"executives"})
    (tmp_path / "sao-3.yaml").write_text("items:\n  executives:\n    unit: x\n", encoding="utf-8")
    with pytest.raises(YamlError, match=r"sao-3\.yaml:3: items\.executives\.unit: unknown field \(known: evidence_urls"):
        load_overrides(tmp_path, "sao-3")  # read through the one YAML reader, as every loader
    assert load_overrides(tmp_path, "no-such-site").items == {}
    example = load_overrides(RULES_DIR.parent / "config" / "overrides", "example-sao")
    assert example.for_item(["procurement_monthly"]).evidence_urls
