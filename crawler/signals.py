"""The site crawl's own signals (Scrapy's are per crawl; these are per site), sent by the spider.

``site_opened(site)``: a site's crawl starts. ``site_closed(done)``: the spider has nothing more
to fetch for a site; ``done`` is a ``SiteDone``. The store pipeline writes the site complete once
it has the items the spider yielded for it; the robots middleware forgets the site's robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.records import DocumentRecord, SiteCrawl

site_opened = object()
site_closed = object()


@dataclass(slots=True)
class SiteDone:
    crawl: SiteCrawl
    documents: list[DocumentRecord]
    items: int  # items the spider yielded for the site: the pipeline saves it once it has them all
    hosts: set[str] = field(default_factory=set)  # every host fetched for the site (its scope, named URLs)
