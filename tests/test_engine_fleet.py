"""The engine on real crawls: sample sites served on loopback, crawled by the real crawler into a
real SQLite store, documents extracted (without OCR, to stay fast), judged, compared with truth."""

from __future__ import annotations

import json

import pytest

from bench.accuracy import TRUTH_STATUS, Judged, Truth, compare, judge_keys
from evaluate.cli import write_results
from evaluate.engine import evaluate_run
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import ItemStatus
from fleet.spec import Faults
from fleet.testing import custom_site
from oit.cli import main

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from fleet.testing import crawl_into_store, start_fleet

    folder = tmp_path_factory.mktemp("engine-fleet")
    fleet = start_fleet(
        [
            custom_site("eng-good", family="wordpress", profile="good"),
            custom_site("eng-trap", family="lao_vendor", profile="trap"),
            custom_site("eng-down", faults=Faults(down=True)),
        ],
        folder,
    )
    try:
        store, run_id = crawl_into_store(fleet.sites_file, folder, fleet.as_of, timeout=180)
        yield fleet, store, run_id, fleet.truth()
    finally:
        fleet.stop()


def test_judged_keys_agree_with_the_truth_and_no_trap_passes(crawled):
    fleet, store, run_id, truth = crawled
    ruleset = load_ruleset(None)
    judged, wanted = {}, {}
    for snapshot in store.snapshots(run_id):
        site = snapshot.crawl.site.id
        if site == "eng-down":
            continue
        # without OCR a scanned PDF is unreadable: leave those keys out, the rest must be right
        keys = {k for k, e in truth[site].items() if e.kind != "pdf_scan"}
        judged[site] = judge_keys(snapshot, ruleset, fleet.as_of, keys)
        wanted[site] = {k: Truth(e.state, tuple(e.decoys), tuple(e.evidence_urls)) for k, e in truth[site].items() if k in keys}
    accuracy = compare(judged, wanted)
    assert accuracy.traps_passed == []
    assert accuracy.macro_f1 >= 0.9, [c for s in accuracy.keys.values() for c in s.confusions]
    assert accuracy.agreement >= 0.8, [c for s in accuracy.keys.values() for c in s.confusions]


def test_run_result_has_site_statuses_scores_and_evidence(crawled, tmp_path):
    fleet, store, run_id, truth = crawled
    result = evaluate_run(store, run_id, load_ruleset(None), fleet.as_of)
    sites = {site.id: site for site in result.sites}
    assert sites["eng-down"].status == "unreachable" and sites["eng-down"].score is None
    assert {i.status for i in sites["eng-down"].items} == {ItemStatus.NOT_JUDGED}
    good = sites["eng-good"]
    assert good.status == "ok" and good.score is not None and good.score >= sites["eng-trap"].score
    passing = [i for i in good.items if i.status is ItemStatus.PASS]
    assert passing and all(i.evidence and i.evidence[0].url.startswith("http://127.") for i in passing)
    path = write_results(result, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["run"]["id"] == run_id and len(data["sites"]) == 3


def test_cli_evaluate_rejudges_the_stored_crawl_without_network(crawled, tmp_path, capsys):
    fleet, store, run_id, truth = crawled
    # crawl_into_store leaves its run "running" (this process owns it): judged only when asked
    code = main(
        [
            "evaluate",
            "--db",
            str(store.path),
            "--run",
            str(run_id),
            "--allow-running",
            "--ruleset",
            "2566",
            "--as-of",
            fleet.as_of.isoformat(),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "eng-good" in out and "gap to 85" in out
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert data["run"]["ruleset"] == "2566"


def test_truth_states_all_map_to_statuses():
    assert set(TRUTH_STATUS.values()) <= set(ItemStatus)
    assert Judged(ItemStatus.PASS, ()).status is ItemStatus.PASS


def test_cli_explain_shows_hints_elements_and_years_for_a_stored_page(crawled, capsys):
    fleet, store, run_id, truth = crawled
    result = evaluate_run(store, run_id, load_ruleset(None), fleet.as_of)
    good = next(site for site in result.sites if site.id == "eng-good")
    item = next(i for i in good.items if i.status is ItemStatus.PASS and i.evidence[0].url.startswith("http"))
    code = main(
        [
            "rules",
            "explain",
            item.key,
            item.evidence[0].url,
            "--db",
            str(store.path),
            "--run",
            str(run_id),
            "--as-of",
            fleet.as_of.isoformat(),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "hints (choose candidates, never prove):" in out and "elements:" in out and "freshness:" in out
    assert "the item on this site: pass" in out and "as the reports word it: พบครบตามเกณฑ์" in out
    assert main(["rules", "explain", item.key, "http://127.0.0.1/not-stored", "--db", str(store.path), "--run", str(run_id)]) == 2
    assert "is not a stored page or document of run" in capsys.readouterr().err
