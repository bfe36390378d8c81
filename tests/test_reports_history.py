"""What changed since the previous run, and each item's timeline (pure functions)."""

from __future__ import annotations

import copy

from evaluate.verdicts import ItemStatus, RunResult
from reports.history import ChangeKind, failing_since, item_timelines, previous_judged_site, site_changes
from reports_fixtures import ev, item, sample_run


def _with_status(run: RunResult, site_id: str, key: str, status: ItemStatus, evidence=None) -> RunResult:
    changed = copy.deepcopy(run)
    site = next(s for s in changed.sites if s.id == site_id)
    target = next(i for i in site.items if i.key == key)
    target.status = status
    if evidence is not None:
        target.evidence = evidence
    return changed


def test_changes_name_what_happened_to_each_item():
    before = sample_run(run_id=1, as_of="2026-10-01")
    before = _with_status(before, "loi", "e_service", ItemStatus.PASS)  # now broken
    before = _with_status(before, "loi", "risk_assessment", ItemStatus.PASS)  # now missing
    before = _with_status(before, "loi", "contact", ItemStatus.MISSING)  # now passing
    before = _with_status(before, "loi", "news", ItemStatus.PASS)  # now stale
    before = _with_status(before, "loi", "executives", ItemStatus.MISSING)  # missing -> incomplete
    now = sample_run(run_id=2)
    changes = {c.key: c for c in site_changes(before.sites[0], now.sites[0])}
    assert changes["e_service"].kind is ChangeKind.LINK_BROKEN
    assert changes["risk_assessment"].kind is ChangeKind.EVIDENCE_GONE
    assert changes["contact"].kind is ChangeKind.NEWLY_PASSING
    assert changes["news"].kind is ChangeKind.NEWLY_FAILING
    assert changes["executives"].kind is ChangeKind.STATUS_CHANGED
    assert (changes["executives"].before, changes["executives"].after) == (ItemStatus.MISSING, ItemStatus.INCOMPLETE)
    assert set(changes) == {"e_service", "risk_assessment", "contact", "news", "executives"}


def test_a_passing_item_whose_submitted_url_changed_is_reported():
    before = sample_run(run_id=1)
    now = _with_status(
        sample_run(run_id=2), "loi", "structure", ItemStatus.PASS, evidence=[ev("http://127.0.1.1:8080/ita-2570/", "ITA")]
    )
    changes = site_changes(before.sites[0], now.sites[0])
    assert [(c.key, c.kind, c.urls_gone) for c in changes] == [
        ("structure", ChangeKind.EVIDENCE_URL_GONE, ("http://127.0.1.1:8080/data.php?content_id=12",))
    ]


def test_items_match_by_any_stable_key_not_by_code():
    before = sample_run(run_id=1)
    site = before.sites[0]
    site.items = [item("contact", "o5", "ข้อมูลการติดต่อ", ItemStatus.MISSING), item("qa", "o8", "Q&A", ItemStatus.PASS)]
    now = sample_run(run_id=2)
    merged = next(i for i in now.sites[0].items if i.key == "contact")
    merged.keys = ["contact", "qa"]
    changes = {c.key: c.kind for c in site_changes(site, now.sites[0])}
    assert changes["contact"] is ChangeKind.NEWLY_PASSING
    assert changes["structure"] is ChangeKind.NEW_ITEM


def test_no_item_changes_when_a_site_was_not_judged():
    now = sample_run(run_id=2)
    assert site_changes(now.sites[2], now.sites[0]) == []
    assert site_changes(now.sites[0], now.sites[2]) == []


def test_timelines_and_failing_since_across_runs():
    first = _with_status(sample_run(run_id=1, as_of="2026-09-01"), "loi", "news", ItemStatus.PASS)
    second = sample_run(run_id=2, as_of="2026-10-01")
    down = sample_run(run_id=3, as_of="2026-10-15")
    down.sites[0].status = "unreachable"
    down.sites[0].items = [item(i.key, i.code, i.name_th, ItemStatus.NOT_JUDGED) for i in down.sites[0].items]
    current = sample_run(run_id=4, as_of="2026-11-22")
    timelines = {t.key: t for t in item_timelines([first, second, down], current, "loi")}
    news = timelines["news"]
    assert [p.run_id for p in news.points] == [1, 2, 3, 4]
    assert [p.status for p in news.points] == [ItemStatus.PASS, ItemStatus.STALE, ItemStatus.NOT_JUDGED, ItemStatus.STALE]
    assert failing_since(news).as_of == "2026-10-01"
    assert failing_since(timelines["structure"]) is None
    previous = previous_judged_site([first, second, down], "loi")
    assert previous is not None and previous[0].run_id == 2


def test_the_current_run_given_again_as_history_is_ignored():
    from reports.model import ReportBuilder
    from reports.options import ReportOptions

    current = sample_run(run_id=4)
    report = ReportBuilder(current, ReportOptions(), [sample_run(run_id=2), sample_run(run_id=4)]).site_report(current.sites[0])
    assert [p.run_id for p in report.timelines[0].points] == [2, 4]


def test_history_read_from_the_store_one_site_at_a_time_says_the_same(tmp_path):
    """The store's verdicts in brief give the same timelines and changes as whole earlier results."""
    from reports.history import StoredHistory
    from reports.model import ReportBuilder
    from reports.options import ReportOptions
    from store.db import Store

    first = _with_status(sample_run(run_id=1, as_of="2026-09-01"), "loi", "news", ItemStatus.PASS)
    second = sample_run(run_id=2, as_of="2026-10-01")
    current = sample_run(run_id=3, as_of="2026-11-22")
    with Store(tmp_path / "oit.sqlite") as store:
        for run in (first, second):
            run_id = store.begin_run("manual", as_of=run.as_of)
            store.save_verdicts(run_id, ((site.id, site.to_brief()) for site in run.sites))
            store.finish_run(run_id, "complete")
        failed = store.begin_run("manual")
        store.finish_run(failed, "failed")  # never published: not history
        stored = StoredHistory(store, store.finished_runs(12, before=current.run_id))
        assert [run.run_id for run in stored.for_site("loi")] == [1, 2]
        assert len(stored.latest().sites) == len(second.sites)
        options = ReportOptions()
        for site in current.sites:
            from_store = ReportBuilder(current, options, stored.for_site).site_report(site)
            from_results = ReportBuilder(current, options, [first, second]).site_report(site)
            assert from_store.timelines == from_results.timelines
            assert from_store.changes == from_results.changes
            assert from_store.previous_as_of == from_results.previous_as_of
            assert from_store.trend == from_results.trend
        loi = ReportBuilder(current, options, stored.for_site).site_report(current.sites[0])
    news = next(t for t in loi.timelines if t.key == "news")
    assert [(p.run_id, p.status) for p in news.points] == [(1, ItemStatus.PASS), (2, ItemStatus.STALE), (3, ItemStatus.STALE)]
