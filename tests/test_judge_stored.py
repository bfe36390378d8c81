"""One way to judge a stored run: ``oit evaluate``, ``oit report --db`` and the run's evaluate stage
give the same verdicts on one real crawl of a loopback fleet site, with an officer's overrides file
(config/overrides/<site>.yaml) that changes a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluate.engine import evaluate_run
from evaluate.ruleset import load_ruleset
from evaluate.stored import judge_stored_run
from evaluate.verdicts import ItemStatus, RunResult
from evaluate.wording import item_finding_th
from fleet.testing import crawl_into_store, custom_site
from oit.cli import main
from oit.errors import UserError
from scheduler.pipeline import default_stages


def verdicts(result: RunResult) -> dict[tuple[str, str], tuple[str, list[str], str]]:
    return {
        (site.id, item.key): (item.status.value, [e.url for e in item.evidence], item_finding_th(item.finding))
        for site in result.sites
        for item in site.items
    }


def test_every_command_judges_a_stored_crawl_alike_with_the_officers_overrides(tmp_path: Path, make_fleet, monkeypatch, any_db):
    """On SQLite and on PostgreSQL (``--db postgresql://...``)."""
    fleet = make_fleet([custom_site("agree", profile="poor", news_count=5)])
    store, run_id = crawl_into_store(fleet.sites_file, tmp_path, fleet.as_of, db=any_db)
    store.finish_run(run_id, "complete", {})
    ruleset = load_ruleset(None)
    without = verdicts(evaluate_run(store, run_id, ruleset, fleet.as_of))
    # An officer names a page of the site as an item's evidence: a page the crawl stored that does not
    # open (404). Judged like any other page, it makes a missing item broken.
    key = next(key for (_, key), (status, _, _) in without.items() if status == ItemStatus.MISSING)
    [snapshot] = store.snapshots(run_id)
    dead = next(page.url for page in snapshot.pages if page.status == 404)
    monkeypatch.chdir(tmp_path)  # the default config folder, ./config, is the test's
    (tmp_path / "config" / "overrides").mkdir(parents=True)
    (tmp_path / "config" / "overrides" / "agree.yaml").write_text(
        f"site: agree\nitems:\n  {key}:\n    evidence_urls: ['{dead}']\n", encoding="utf-8"
    )

    stage = verdicts(default_stages().evaluate_run(store, run_id, ruleset, fleet.as_of))
    db = str(store.path)
    assert main(["evaluate", "--db", db, "--out", "evaluated"]) == 0
    assert main(["report", "--db", db, "--format", "json", "--out", "reported"]) == 0
    evaluated, reported = (
        verdicts(RunResult.from_json(json.loads((tmp_path / out / "results.json").read_text("utf-8"))))
        for out in ("evaluated", "reported")
    )

    assert stage[("agree", key)][:2] == (ItemStatus.BROKEN.value, [dead])
    assert evaluated == stage
    assert reported == stage
    assert {k: v for k, v in stage.items() if k != ("agree", key)} == {k: v for k, v in without.items() if k != ("agree", key)}


def test_a_run_still_crawling_is_judged_only_when_asked(tmp_path: Path):
    from store.db import Store
    from store.records import Site

    store = Store(tmp_path / "oit.sqlite")
    finished = store.begin_run("manual", as_of="2026-11-22")
    store.register_sites(finished, [Site("a", "อบต.ก", "http://127.0.1.9/")])
    store.finish_run(finished, "complete", {})
    crawling = store.begin_run("manual", as_of="2026-11-23")  # owned by this (live) process
    store.register_sites(crawling, [Site("a", "อบต.ก", "http://127.0.1.9/")])
    assert judge_stored_run(store).run_id == finished
    with pytest.raises(UserError, match=f"run {crawling} is still running"):
        judge_stored_run(store, crawling)
    judged = judge_stored_run(store, crawling, allow_running=True, site_ids=["a"])
    assert (judged.run_id, judged.as_of, [s.id for s in judged.sites]) == (crawling, "2026-11-23", ["a"])
    assert judge_stored_run(store, finished, site_ids=[]).sites == []
