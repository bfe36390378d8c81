"""Subprocess entry for ``oit bench crawl``'s third reference: Scrapy's own ceiling on this machine.

``python -m bench.scrapy_ceiling URLS_FILE`` fetches every URL of the file (one per line) with a bare
Scrapy spider: the crawl's Scrapy settings with politeness and robots off, and a callback that does
nothing. The gap between this and the server's capacity is Scrapy's cost; the gap between this and
our crawl is what extraction, the frontier and the store cost.
"""
from __future__ import annotations

import sys
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler.settings import load_config, scrapy_settings


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None


def main(argv: list[str]) -> int:
    urls = Path(argv[0]).read_text(encoding="utf-8").split()
    config = load_config().with_overrides(politeness=False, obey_robots=False)
    process = CrawlerProcess({**scrapy_settings(config), "LOG_LEVEL": "WARNING"})
    process.crawl(BareSpider, urls=urls)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
