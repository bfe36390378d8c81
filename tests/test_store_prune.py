"""Store.prune: retention of runs on a real store, SQLite and PostgreSQL (last known evidence and verdict pages kept)."""

from __future__ import annotations

import pytest

from store.db import PruneStats, SiteCrawlResult, Store, content_hash
from store.records import DocumentRecord, DocumentStatus, PageRecord, Site, SiteCrawl, SiteStatus

LOI = Site("loi", "องค์การบริหารส่วนตำบลลอย", "http://127.0.1.5:8080/")
NONG = Site("nong", "องค์การบริหารส่วนตำบลหนอง", "http://127.0.1.6:8080/")


def body(text: str) -> bytes:
    return f"<html><body>{text}</body></html>".encode()


def crawl(store: Store, run_id: int, site: Site, status: SiteStatus, texts: dict[str, str]) -> None:
    """One site's crawl: a page per path with its raw body, and a document on ok crawls."""
    store.start_site(run_id, site)
    pages = [
        PageRecord(site.id, site.url + path, 200, main_text=text, content_hash=content_hash(body(text)))
        for path, text in texts.items()
    ]
    pdf = f"%PDF plan {site.id} {run_id}".encode()
    documents = (
        [DocumentRecord(site.id, site.url + "plan.pdf", DocumentStatus.PENDING, size=len(pdf), content_hash=content_hash(pdf))]
        if texts
        else []
    )
    bodies = {p.content_hash: body(p.main_text) for p in pages} | {d.content_hash: pdf for d in documents}
    store.save_site(SiteCrawlResult(SiteCrawl(run_id, site, status), pages, documents, bodies))


def finished_run(store: Store, outcomes: dict[Site, tuple[SiteStatus, dict[str, str]]]) -> int:
    run_id = store.begin_run("scheduled")
    store.register_sites(run_id, list(outcomes))
    for site, (status, texts) in outcomes.items():
        crawl(store, run_id, site, status, texts)
    store.finish_run(run_id, "complete")
    return run_id


@pytest.fixture
def history(any_db):
    """Four runs: nong was last reachable in run 1; run 4 is still running."""
    with Store(any_db) as store:
        down = (SiteStatus.CONNECTION_REFUSED, {})
        runs = [
            finished_run(
                store,
                {LOI: (SiteStatus.OK, {"exec": "ผู้บริหาร 2567", "news": "ข่าว 1"}), NONG: (SiteStatus.OK, {"exec": "ผู้บริหารหนอง"})},
            ),
            finished_run(store, {LOI: (SiteStatus.OK, {"exec": "ผู้บริหาร 2568", "news": "ข่าว 1"}), NONG: down}),
            finished_run(store, {LOI: (SiteStatus.OK, {"exec": "ผู้บริหาร 2569", "news": "ข่าว 1"}), NONG: down}),
        ]
        running = store.begin_run("scheduled")
        store.register_sites(running, [LOI, NONG])
        yield store, [*runs, running]


def test_old_runs_go_but_last_known_evidence_verdict_pages_and_the_running_run_stay(history):
    store, (first, second, third, running) = history
    stats = store.prune(keep_runs=2, keep_pages=[(first, LOI.url + "exec"), (first, LOI.url + "plan.pdf")])

    assert {run.id for run in store.runs()} == {first, third, running}  # run 2 had nothing left to keep
    assert stats.runs_deleted == 1 and stats.site_crawls_deleted == 2 and stats.records_kept == 2
    # loi's run-1 crawl: only the page and the document that backed verdicts are left, with bodies
    with_pages = {s.crawl.site.id: s for s in store.snapshots(first)}
    assert [p.url for p in with_pages["loi"].pages] == [LOI.url + "exec"]
    assert [d.url for d in with_pages["loi"].documents] == [LOI.url + "plan.pdf"]
    assert store.raw_body(content_hash(body("ผู้บริหาร 2567"))) == body("ผู้บริหาร 2567")
    # nong is down since run 1: run 1's crawl of it is its last known evidence, kept whole
    nong_now = next(s for s in store.snapshots(third) if s.crawl.site.id == "nong")
    assert nong_now.evidence_run_id == first and [p.main_text for p in nong_now.pages] == ["ผู้บริหารหนอง"]
    # bodies: run 2's own page body is gone, a body run 3 still uses is not
    assert store.raw_body(content_hash(body("ผู้บริหาร 2568"))) is None
    assert store.raw_body(content_hash(b"%PDF plan loi 2")) is None
    assert store.raw_body(content_hash(body("ข่าว 1"))) == body("ข่าว 1")
    assert stats.blobs_deleted == 2  # run 2's exec page and its plan (its page ข่าว 1 is shared)
    assert stats.pages_deleted == 3 and stats.documents_deleted == 1  # loi: news of run 1, all of run 2


def test_pruning_again_changes_nothing_and_keep_runs_must_be_positive(history):
    store, runs = history
    store.prune(keep_runs=2)
    assert store.prune(keep_runs=2) == PruneStats()
    assert [run.id for run in store.runs()][0] == runs[-1]
    with pytest.raises(ValueError):
        store.prune(keep_runs=0)


def test_keeping_more_runs_than_exist_deletes_nothing(history):
    store, runs = history
    assert store.prune(keep_runs=10) == PruneStats()
    assert {run.id for run in store.runs()} == set(runs)
