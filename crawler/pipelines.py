"""The store pipeline: a site's pages in batches while it is crawled, the site complete at its end.

Pages are written in batches (``BATCH_PAGES`` pages or ``BATCH_BYTES`` of bodies per transaction)
while the site is crawled; they stay invisible to snapshots until the transaction that writes the
rest of the site and marks it complete (``Store.save_site``). A kill -9 thus never shows half a
site, and a stopped crawl restarts a site from nothing (``Store.start_site``).

The spider may close a site (``signals.site_closed``) before Scrapy has passed the last items of
its callbacks here, so the site is saved when both are in: the close and as many items as it counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from crawler.signals import SiteDone, site_closed, site_opened
from store.db import SiteCrawlResult, Store
from store.records import PageRecord, Site

log = logging.getLogger(__name__)

BATCH_PAGES = 50  # pages written per transaction while a site is crawled
BATCH_BYTES = 8_000_000


@dataclass(slots=True)
class PageItem:
    """A page read (or reused from the last night), with its body when it is kept."""

    site_id: str
    page: PageRecord
    body: bytes | None = None  # stored under page.content_hash


@dataclass(slots=True)
class BodyItem:
    """A document's body (its record comes with the site's end: several pages may link it)."""

    site_id: str
    digest: str
    body: bytes


@dataclass(slots=True)
class _SiteBatch:
    pages: list[PageRecord] = field(default_factory=list)
    bodies: dict[str, bytes] = field(default_factory=dict)
    body_bytes: int = 0
    received: int = 0
    done: SiteDone | None = None


class StorePipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.sites: dict[str, _SiteBatch] = {}
        crawler.signals.connect(self.site_opened, signal=site_opened)
        crawler.signals.connect(self.site_closed, signal=site_closed)

    @classmethod
    def from_crawler(cls, crawler) -> StorePipeline:
        return cls(crawler)

    @property
    def store(self) -> Store:
        return self.crawler.spider.store

    @property
    def run_id(self) -> int:
        return self.crawler.spider.run_id

    def site_opened(self, site: Site) -> None:
        self.store.start_site(self.run_id, site)
        self.sites[site.id] = _SiteBatch()

    def process_item(self, item: PageItem | BodyItem) -> PageItem | BodyItem:
        batch = self.sites[item.site_id]
        if isinstance(item, PageItem):
            batch.pages.append(item.page)
            if item.body is not None:
                self._keep(batch, item.page.content_hash, item.body)
        else:
            self._keep(batch, item.digest, item.body)
        batch.received += 1
        if batch.done is not None:
            self._save_when_complete(item.site_id, batch)
        elif len(batch.pages) >= BATCH_PAGES or batch.body_bytes >= BATCH_BYTES:
            self.store.add_pages(self.run_id, item.site_id, batch.pages, batch.bodies)
            batch.pages, batch.bodies, batch.body_bytes = [], {}, 0
        return item

    @staticmethod
    def _keep(batch: _SiteBatch, digest: str, body: bytes) -> None:
        if digest not in batch.bodies:
            batch.bodies[digest] = body
            batch.body_bytes += len(body)

    def site_closed(self, done: SiteDone) -> None:
        batch = self.sites[done.crawl.site.id]
        batch.done = done
        self._save_when_complete(done.crawl.site.id, batch)

    def _save_when_complete(self, site_id: str, batch: _SiteBatch) -> None:
        done = batch.done
        if done is None or batch.received < done.items:
            return
        self.store.save_site(SiteCrawlResult(done.crawl, batch.pages, done.documents, batch.bodies))
        del self.sites[site_id]

    def close_spider(self) -> None:
        """Sites not closed stay incomplete in the run (rerunning the crawl starts them again)."""
        waiting = [site_id for site_id, batch in self.sites.items() if batch.done is not None]
        if waiting:  # Scrapy passes every item before closing: this would be a bug
            log.error("sites closed but not saved, items missing: %s", ", ".join(waiting))
