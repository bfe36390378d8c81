"""`oit rules show|diff|new|lint` on the real rule files, the criteria line of reports, and the
fleet's item list taken from the rule library."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from evaluate.engine import unpublished_year
from evaluate.ruleset import RULES_DIR, load_ruleset
from evaluate.verdicts import RunResult
from fleet.items import ITA_YEARS, ITEMS, fy_offset, ita_numbering
from oit.cli import main
from oit.yamlfile import YamlError
from reports.model import ReportBuilder
from reports.options import ReportOptions
from reports_fixtures import sample_run


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def test_show_gives_the_item_as_an_officer_reads_it(capsys):
    assert main(["rules", "show", "2569", "O11", "--as-of", "2027-02-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("O11 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน")
    assert "9.3 การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ" in out and "inferred: no" in out
    assert "required year: the current fiscal year [current_fy]: FY 2570 as of 2027-02-15" in out
    assert "ครบทุกเดือนในครึ่งปีแรกของปีงบประมาณ (ตุลาคม–มีนาคม)  (month_coverage (max_months=6))" in out
    assert "source: S1 https://github.com/rtrdasmartrailway/web-app-rtrda" in out
    assert "rule from: rules/items.yaml:" in out and "rules/2569.yaml:" in out and "(year override)" in out
    assert "hints: สรุปผลการจัดซื้อจัดจ้าง," in out  # as written, not in matching form
    assert main(["rules", "show", "2569", "procurement_monthly_previous", "--as-of", "2027-02-15"]) == 0
    assert "the previous fiscal year only [previous_fy_only]: FY 2569" in capsys.readouterr().out
    assert main(["rules", "show", "2569", "O99"]) == 2
    assert "no item with key or code 'O99'" in capsys.readouterr().err


def test_diff_shows_what_changed_item_by_item(capsys):
    assert main(["rules", "diff", "2568", "2569"]) == 0
    out = capsys.readouterr().out
    assert "+ O12 รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงาน  [procurement_monthly_previous]" in out
    assert "- o13 รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี  [procurement_annual]" in out
    assert "~ o21 -> O20  [no_gift_declaration, no_gift_culture, gift_receipt_report]" in out
    assert "    keys: no_gift_declaration, no_gift_culture -> no_gift_declaration, no_gift_culture, gift_receipt_report" in out
    assert main(["rules", "diff", "2566", "2569"]) == 0
    assert "[risk_management] required year: current_fy -> previous_fy" in capsys.readouterr().out


def test_new_year_extends_the_last_with_every_item_unconfirmed(rules_copy, capsys):
    assert main(["rules", "new", "2570", "--from", "2569", "--rules-dir", str(rules_copy)]) == 0
    new, old = load_ruleset(rules_copy / "2570.yaml"), load_ruleset(rules_copy / "2569.yaml")
    assert [(i.code, i.keys, i.rules) for i in new.items] == [(i.code, i.keys, i.rules) for i in old.items]
    assert all(i.inferred and i.source == "unconfirmed" for i in new.items) and new.extends == "2569"
    assert main(["rules", "lint", "--rules-dir", str(rules_copy)]) == 0
    assert main(["rules", "new", "2570", "--from", "2569", "--rules-dir", str(rules_copy)]) == 2  # never overwritten
    assert "exists" in capsys.readouterr().err


def test_lint_fails_when_it_finds_nothing_to_check(tmp_path, capsys):
    assert main(["rules", "lint", "--rules-dir", str(tmp_path)]) == 2
    assert "no rule sets" in capsys.readouterr().err


def test_str_check_parameters_are_checked_against_their_choices(rules_copy):
    path = rules_copy / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("where: head}", "where: title}", 1), encoding="utf-8")
    where = r"items\.yaml:\d+: items\.development_plan\.elements\[0\]\.where"
    with pytest.raises(YamlError, match=where + ": must be one of: text, lead, head"):
        load_ruleset(rules_copy / "2569.yaml")


def test_belongs_elsewhere_takes_current_or_previous_fy_only(rules_copy):
    path = rules_copy / "items.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("belongs_elsewhere: [current_fy]", "belongs_elsewhere: [plan_range]"),
        encoding="utf-8",
    )
    where = r"items\.procurement_monthly_previous\.belongs_elsewhere\[0\]"
    with pytest.raises(YamlError, match=where + ": must be one of: current_fy, previous_fy"):
        load_ruleset(rules_copy / "2569.yaml")


def test_unconfirmed_item_must_be_inferred(rules_copy):
    path = rules_copy / "2569.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'sub: "9.1", inferred: true,\n     source: "unconfirmed', 'sub: "9.1",\n     source: "unconfirmed', 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError, match=r"2569\.yaml:\d+: items\[1\]\.inferred: an item whose source is 'unconfirmed'"):
        load_ruleset(path)


def test_a_run_whose_year_has_no_criteria_says_which_judged_it(rules_copy):
    as_of = dt.date(2026, 11, 22)  # FY 2570
    assert unpublished_year(load_ruleset("2569"), as_of) == 2570
    assert unpublished_year(load_ruleset("2569"), dt.date(2026, 2, 1)) is None  # FY 2569 has its own
    assert main(["rules", "new", "2570", "--from", "2569", "--rules-dir", str(rules_copy)]) == 0
    assert unpublished_year(load_ruleset(rules_copy / "2569.yaml"), as_of) is None  # 2570 exists now

    run = sample_run()
    run.unpublished_year = 2570
    again = RunResult.from_json(run.to_json())
    assert again.unpublished_year == 2570
    report = ReportBuilder(again, ReportOptions()).site_report(again.sites[0])
    assert report.criteria == "เกณฑ์ที่ใช้: ITA ๒๕๖๙ เพราะเกณฑ์ ๒๕๗๐ ยังไม่ประกาศ"
    assert report.criteria in report.memo.paragraphs
    run.unpublished_year = None
    assert ReportBuilder(run, ReportOptions()).site_report(run.sites[0]).criteria == "เกณฑ์ที่ใช้: ITA ๒๕๖๙"


def test_fleet_items_are_the_rule_librarys_keys():
    ruleset = load_ruleset(None)
    fleet_keys = {item.key for item in ITEMS}
    rule_keys = {key for item in ruleset.items for key in item.keys}
    assert rule_keys - fleet_keys == set(), "keys the default rule set judges but no sample site publishes"
    assert fleet_keys - set(ruleset.library) == set(), "fleet truth for keys no rule defines"
    for year in ITA_YEARS:
        assert [(code, keys) for code, keys, _ in ita_numbering(year)] == [
            (i.code, i.keys) for i in load_ruleset(str(year)).items
        ]


def test_fleet_years_follow_the_corrected_rules():
    # 2569 O22/O24/O26 and O20's report ask for the previous FY; O11 for the running one
    assert [
        fy_offset(k)
        for k in (
            "risk_management",
            "anti_corruption_report",
            "integrity_measures_report",
            "gift_receipt_report",
            "procurement_monthly_previous",
        )
    ] == [-1] * 5
    assert fy_offset("procurement_monthly") == 0 and fy_offset("contact") is None
