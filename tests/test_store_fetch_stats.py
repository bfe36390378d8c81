"""What each site's crawl got from the network is kept per site and summed in the run history."""

from __future__ import annotations

from dataclasses import asdict

from scheduler.history import format_runs
from store.db import SiteCrawlResult, Store
from store.records import FetchStats, Site, SiteCrawl, SiteStatus


def test_a_night_in_which_every_site_failed_dns_shows_as_such(any_db):
    with Store(any_db) as store:
        run = store.begin_run("scheduled")
        sites = [Site(f"s{i}", f"อบต.{i}", f"http://127.0.9.{i + 1}/") for i in range(3)]
        store.register_sites(run, sites)
        for site in sites:
            store.start_site(run, site)
            crawl = SiteCrawl(run, site, SiteStatus.DNS_FAILURE, fetch=FetchStats(errors={"DNSLookupError": 1}))
            store.save_site(SiteCrawlResult(crawl, [], [], {}))
        totals = store.fetch_totals(run)
        store.finish_run(run, "failed", {"fetch": asdict(totals)})
        [info] = store.runs(1)
        [snap] = list(store.snapshots(run, ["s0"]))
    assert totals == FetchStats(errors={"DNSLookupError": 3})
    assert snap.crawl.fetch == FetchStats(errors={"DNSLookupError": 1})
    assert "3 of 3 (DNSLookupError 3)" in format_runs([info]).splitlines()[1]


def test_fetch_stats_add_up():
    total = FetchStats(responses=2, bytes=10, retries=1, errors={"DNSLookupError": 1})
    total.add(FetchStats(responses=1, bytes=5, errors={"DNSLookupError": 2, "DownloadTimeoutError": 1}))
    assert total == FetchStats(responses=3, bytes=15, retries=1, errors={"DNSLookupError": 3, "DownloadTimeoutError": 1})
