"""results.json: RunResult.to_json is written field by field, so check it against the dataclasses."""

from __future__ import annotations

import dataclasses
import json

from evaluate.verdicts import (
    Evidence,
    Failure,
    FailureKind,
    ItemFinding,
    ItemStatus,
    ItemVerdict,
    PartMissing,
    RunResult,
    SiteResult,
    YearElement,
)
from evaluate.wording import elements_th, item_finding_th
from reports.model import ARABIC, finding_text
from store.db import Store
from store.records import DocumentStatus, Site


def _run() -> RunResult:
    """Every field set to a value other than its default, so a dropped field shows."""
    evidence = Evidence(
        url="http://127.0.1.5/data.php?id=<7>",
        click_path=["หน้าหลัก", "ข้อมูลหน่วยงาน"],
        fiscal_year=2568,
        reason="พบหัวข้อ “โครงสร้าง”",
        score=0.75,
    )
    item = ItemVerdict(
        key="structure",
        keys=["structure", "duties"],
        code="o1",
        name_th="โครงสร้าง",
        status=ItemStatus.INCOMPLETE,
        indicator="ตัวชี้วัดที่ 9",
        sub_indicator="9.1",
        weight=0.5,
        responsible_unit="สำนักปลัด",
        measure="1. จัดทำ",
        evidence=[evidence],
        missing_elements=["รูปถ่าย"],
        fiscal_year_found=2567,
        finding="ข้อมูลไม่ครบ",
        inferred=True,
    )
    judged = SiteResult(
        id="sao-1",
        name="อบต.หนึ่ง",
        url="http://127.0.1.5/",
        status="ok",
        crawl_status="ok",
        crawl_detail="12 pages",
        type="อบต.",
        province="พะเยา",
        district="ปง",
        score=61.5,
        evidence_from_run=3,
        items=[item],
    )
    down = SiteResult(id="sao-2", name="อบต.สอง", url="http://127.0.1.6/", status="unreachable", crawl_status="timeout")
    return RunResult(run_id=3, as_of="2026-11-22", ruleset="2568", pass_mark=80.0, sites=[judged, down])


def test_to_json_round_trips_through_json_text():
    run = _run()
    again = RunResult.from_json(json.loads(json.dumps(run.to_json(), ensure_ascii=False)))
    assert again == run
    assert again.sites[0].items[0].status is ItemStatus.INCOMPLETE
    assert isinstance(again.sites[0].items[0].evidence[0], Evidence)


def test_a_site_read_back_with_its_brief_keeps_its_codes():
    """What a distributed judge task returns (to_json and to_brief): the site read back words and
    briefs exactly as the original, codes of the findings included."""
    run = _run()
    coded = dataclasses.replace(
        run.sites[0].items[0],
        missing_elements=[YearElement(2568), PartMissing("อำนาจหน้าที่", ItemStatus.MISSING, ("รูปถ่าย",))],
        finding=ItemFinding(ItemStatus.INCOMPLETE, (YearElement(2568),), 2567, 2568, Failure(FailureKind.HTTP, 404)),
    )
    run.sites[0].items.append(coded)
    for site in run.sites:
        data = json.loads(json.dumps([site.to_json(), site.to_brief()], ensure_ascii=False))
        again = SiteResult.from_json(*data)
        assert again.to_json() == site.to_json() and again.to_brief() == site.to_brief()
        assert SiteResult.from_json(data[0]).to_json() == site.to_json()


def test_to_json_has_the_keys_and_values_of_every_dataclass_field():
    run = _run()
    data = run.to_json()
    assert data["run"] == {
        "id": 3,
        "as_of": "2026-11-22",
        "ruleset": "2568",
        "pass_mark": 80.0,
        "ruleset_title": "",
        "unpublished_year": None,
    }
    # dataclasses.asdict is the reference: same keys, same order, same JSON text (the finding, a sentence
    # here, is written as finding_th).
    reference = [dataclasses.asdict(site) for site in run.sites]
    for site in reference:
        site["items"] = [{("finding_th" if k == "finding" else k): v for k, v in i.items()} for i in site["items"]]
    assert json.dumps(data["sites"], ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)
    fields = [f.name for f in dataclasses.fields(ItemVerdict)]
    assert list(data["sites"][0]["items"][0]) == ["finding_th" if f == "finding" else f for f in fields]


def test_to_json_copies_lists():
    run = _run()
    data = run.to_json()
    data["sites"][0]["items"][0]["evidence"][0]["click_path"].append("แก้")
    data["sites"][0]["items"][0]["keys"].clear()
    assert run.sites[0].items[0].evidence[0].click_path == ["หน้าหลัก", "ข้อมูลหน่วยงาน"]
    assert run.sites[0].items[0].keys == ["structure", "duties"]


def test_results_json_is_written_one_site_a_line(tmp_path):
    run = _run()
    path = run.write_json(tmp_path / "results.json")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == run.to_json()
    lines = text.splitlines()
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == [site.to_json() for site in run.sites]


def test_the_brief_keeps_what_history_and_reminders_need():
    site = _run().sites[0]
    brief = json.loads(json.dumps(site.to_brief()))
    again = SiteResult.from_brief(
        site.id, brief, {"structure": ("o1", "โครงสร้าง")}, Site("sao-1", "อบต.หนึ่ง", "http://127.0.1.5/")
    )
    assert (again.id, again.name, again.url, again.status, again.crawl_status, again.score, again.evidence_from_run) == (
        "sao-1",
        "อบต.หนึ่ง",
        "http://127.0.1.5/",
        "ok",
        "ok",
        61.5,
        3,
    )
    [item] = again.items
    assert (item.key, item.keys, item.code, item.name_th, item.status, [e.url for e in item.evidence]) == (
        "structure",
        ["structure", "duties"],
        "o1",
        "โครงสร้าง",
        ItemStatus.INCOMPLETE,
        ["http://127.0.1.5/data.php?id=<7>"],
    )
    assert (item.missing_elements, item.fiscal_year_found, item.finding) == (["รูปถ่าย"], 2567, "ข้อมูลไม่ครบ")
    passing = dataclasses.replace(site, items=[dataclasses.replace(site.items[0], status=ItemStatus.PASS)])
    assert len(passing.to_brief()["items"][0]) == 3  # a passing item's finding is not kept


def test_a_brief_stored_before_findings_were_kept_still_reads():
    # as the run of session 6 wrote it (store schema 2)
    old = {"status": "ok", "score": 50.0, "evidence_from_run": 4, "items": [[["news"], "stale", ["http://127.0.1.5/n"]]]}
    again = SiteResult.from_brief("sao-1", old)
    assert (again.crawl_status, again.score, again.evidence_from_run) == ("", 50.0, 4)
    [item] = again.items
    assert (item.key, item.status, item.missing_elements, item.fiscal_year_found, item.finding) == (
        "news",
        ItemStatus.STALE,
        [],
        None,
        "",
    )


def test_a_brief_keeps_the_findings_codes_not_its_sentence():
    finding = ItemFinding(
        ItemStatus.INCOMPLETE,
        ("รูปถ่าย", YearElement(2569), PartMissing("อำนาจหน้าที่", ItemStatus.BROKEN)),
        2568,
        2569,
        Failure(FailureKind.DOCUMENT, 404, DocumentStatus.IMAGE_ONLY),
        "title_only",
    )
    site = SiteResult(
        "sao-1",
        "",
        "",
        "ok",
        items=[
            ItemVerdict(
                "structure",
                ["structure"],
                "o1",
                "โครงสร้าง",
                ItemStatus.INCOMPLETE,
                missing_elements=list(finding.missing),
                fiscal_year_found=2568,
                finding=finding,
            )
        ],
    )
    text = json.dumps(site.to_brief(), ensure_ascii=False)
    assert "พบแต่ขาด" not in text and "ข้อมูลปีงบประมาณ" not in text and "ลิงก์เสีย" not in text
    [item] = SiteResult.from_brief("sao-1", json.loads(text)).items
    assert item.finding == finding and item.missing_elements == list(finding.missing)
    assert item_finding_th(item.finding) == "พบแต่ขาด: รูปถ่าย, ข้อมูลปีงบประมาณ 2569, อำนาจหน้าที่ (ลิงก์เสีย)"


def test_a_verdict_row_stored_with_the_thai_sentence_still_reads(tmp_path):
    # as the runs before the codes wrote it: the missing elements and the finding in Thai
    missing = ["รูปถ่าย", "ข้อมูลปีงบประมาณ 2569"]
    old = {
        "status": "ok",
        "crawl_status": "ok",
        "score": 0.0,
        "evidence_from_run": 1,
        "items": [[["executives"], "incomplete", ["http://127.0.1.5/x"], missing, 2568, "พบแต่ขาด: รูปถ่าย, ข้อมูลปีงบประมาณ 2569"]],
    }
    with Store(tmp_path / "oit.sqlite") as store:
        run_id = store.begin_run("manual", as_of="2026-11-22")
        store.save_verdicts(run_id, [("sao-1", old)])
        [(site_id, brief)] = store.run_verdicts(run_id)
    [item] = SiteResult.from_brief(site_id, brief, {"executives": ("o2", "ข้อมูลผู้บริหาร")}).items
    assert (item.status, item.fiscal_year_found, elements_th(item.missing_elements)) == (ItemStatus.INCOMPLETE, 2568, missing)
    assert finding_text(item, ARABIC) == "พบแต่ขาด: รูปถ่าย, ข้อมูลปีงบประมาณ 2569"
