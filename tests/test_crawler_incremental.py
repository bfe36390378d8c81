"""Incremental nights: a second crawl of unchanged sites asks "changed since?" and reuses the stored
records on 304, through real crawls of the fleet (whose static files carry validators, as on real
servers, and whose PHP-style pages do not)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from crawler.launch import CrawlJob, run_crawl
from documents.process import process_run
from evaluate.engine import evaluate_run
from evaluate.ruleset import focus_terms, load_ruleset
from fleet.testing import custom_site
from store.db import Store
from store.records import DocumentStatus

AS_OF = dt.date(2026, 11, 22)


def crawl(store: Store, folder, label: str) -> tuple[int, dict[str, int]]:
    """One night: crawl, then read the documents; returns the run and each site's count of reused records."""
    run_id = store.begin_run("test")
    store.register_sites(run_id, store.sites())
    logs = folder / f"logs-{label}"
    outcome = run_crawl(CrawlJob(store.path, run_id, 1, logs, ("--no-politeness",), focus_terms=focus_terms()), time_limit=240)
    assert outcome.returncodes == [0] and not outcome.timed_out
    process_run(store, run_id, workers=1, ocr=False)
    log = "".join(path.read_text() for path in logs.glob("*.log"))
    return run_id, {site: int(n) for site, n in re.findall(r"site (\w+): ok, .*?(\d+) unchanged since run", log)}


def verdicts(store: Store, run_id: int) -> dict:
    result = evaluate_run(store, run_id, load_ruleset(None), AS_OF)
    return {
        (site.id, item.code): (item.status, sorted(e.url for e in item.evidence)) for site in result.sites for item in site.items
    }


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """Three nights of two sites (static .htm pages; PHP pages): unchanged, then half the pages edited."""
    from crawler.sites import load_sites
    from fleet.testing import start_fleet

    folder = tmp_path_factory.mktemp("incremental")
    fleet = start_fleet([custom_site("static", family="oldtable"), custom_site("php", family="lao_vendor")], folder, as_of=AS_OF)
    fleet.server.compress = True  # HTML gzipped, as most servers send it
    try:
        store = Store(folder / "oit.sqlite")
        first = store.begin_run("register")
        store.register_sites(first, load_sites(fleet.sites_file))
        store.finish_run(first, "complete")
        runs, reused, sent = [], [], []
        for label in ("first", "unchanged", "changed"):
            if label == "changed":
                fleet.server.revision, fleet.server.changed_share = 1, 0.5
            before = fleet.server.bytes_sent
            run_id, unchanged = crawl(store, folder, label)
            runs.append(run_id)
            reused.append(unchanged)
            sent.append(fleet.server.bytes_sent - before)
        yield store, runs, sent, reused
    finally:
        fleet.stop()


def records(store: Store, run_id: int, site_id: str):
    snapshot = next(s for s in store.snapshots(run_id, [site_id]))
    return {p.url: p for p in snapshot.pages}, {d.url: d for d in snapshot.documents}


def test_an_unchanged_night_downloads_far_less_and_judges_the_same(nights):
    store, (first, unchanged, _), sent, reused = nights
    assert sent[1] < 0.5 * sent[0], sent  # the documents (most of the bytes) were not sent again
    assert reused[0] == {"static": 0, "php": 0}
    # Every page answered directly and every document, but the home page: by 304, or (PHP pages)
    # by the same bytes as last night.
    pages, documents = records(store, unchanged, "php")
    answered = [p for p in pages.values() if p.ok and p.requested_url in ("", p.url) and p.depth > 0]
    assert reused[1]["php"] == len(answered) + sum(200 <= d.http_status < 300 for d in documents.values())
    assert verdicts(store, unchanged) == verdicts(store, first)


def test_unchanged_files_reuse_last_nights_records_and_php_pages_are_fetched_again(nights):
    store, (first, unchanged, _), _, _ = nights
    for site_id in ("static", "php"):
        pages_before, docs_before = records(store, first, site_id)
        pages_after, docs_after = records(store, unchanged, site_id)
        assert set(pages_after) == set(pages_before) and set(docs_after) == set(docs_before)
        reused = [u for u, d in docs_after.items() if d.etag]
        assert reused and all(docs_after[u].etag == docs_before[u].etag for u in reused)
        for url, doc in docs_after.items():  # read again from the stored body, through the cache
            assert (doc.status, doc.text, doc.fiscal_years) == (
                docs_before[url].status,
                docs_before[url].text,
                docs_before[url].fiscal_years,
            )
            assert doc.status is not DocumentStatus.PENDING
        validated_pages = [u for u, p in pages_after.items() if p.etag]
        if site_id == "static":  # .htm files come with an ETag; their records are last night's
            assert validated_pages
            for url in validated_pages:
                assert pages_after[url].links == pages_before[url].links
                assert pages_after[url].content_hash == pages_before[url].content_hash
        else:
            assert validated_pages == []


def test_edited_pages_are_downloaded_and_read_again(nights):
    store, (_, unchanged, changed), sent, _ = nights
    pages_before, _ = records(store, unchanged, "static")
    pages_after, _ = records(store, changed, "static")
    edited = [u for u in pages_after if pages_after[u].content_hash != pages_before[u].content_hash]
    kept = [u for u in pages_after if pages_after[u].etag and u not in edited]
    assert edited and kept  # half the pages edited: those are read again, the rest reused
    assert sent[1] < sent[2] < sent[0]
