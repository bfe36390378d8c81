"""The store pipeline saves a site once it has both the spider's close and every item it yielded."""

from __future__ import annotations

from types import SimpleNamespace

from scrapy.utils.test import get_crawler

from crawler.pipelines import PageItem, StorePipeline
from crawler.signals import SiteDone, site_closed, site_opened
from store.db import Store
from store.records import PageRecord, Site, SiteCrawl, SiteStatus


def test_a_site_closed_before_its_last_item_arrives_is_saved_with_it(tmp_path):
    crawler = get_crawler()
    pipeline = StorePipeline.from_crawler(crawler)
    site = Site("loi", "อบต.ลอย", "http://127.0.9.1/")
    with Store(tmp_path / "oit.sqlite") as store:
        run = store.begin_run("crawl")
        store.register_sites(run, [site])
        crawler.spider = SimpleNamespace(store=store, run_id=run)
        crawler.signals.send_catch_log(site_opened, site=site)
        pipeline.process_item(PageItem(site.id, PageRecord(site.id, site.url, 200, content_hash="h1")))
        crawler.signals.send_catch_log(site_closed, done=SiteDone(SiteCrawl(run, site, SiteStatus.OK), [], items=2))
        assert store.completed_site_ids(run) == set()  # one item still on its way
        pipeline.process_item(PageItem(site.id, PageRecord(site.id, site.url + "a", 200, content_hash="h2"), b"body"))
        assert store.completed_site_ids(run) == {site.id}
        [snap] = list(store.snapshots(run))
        assert store.raw_body("h2") == b"body"
    assert sorted(page.url for page in snap.pages) == [site.url, site.url + "a"]
    assert pipeline.sites == {}
