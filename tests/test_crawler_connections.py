"""Idle keep-alive connections are closed after seconds, so a long site list does not pile up sockets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.testing import LoopbackSite, html

# A real Scrapy crawl with the crawler's settings: fetch /a, stay idle for a second, fetch /b.
SPIDER = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.defer import deferred_to_future

from crawler.settings import CrawlConfig, scrapy_settings

base, idle = sys.argv[1], float(sys.argv[2])

class Pause(scrapy.Spider):
    name = "pause"

    async def start(self):
        yield scrapy.Request(base + "a")

    async def parse(self, response):
        if response.url.endswith("/a"):
            from twisted.internet import reactor, task  # after Scrapy installs its reactor

            await deferred_to_future(task.deferLater(reactor, 1.0, lambda: None))
            yield scrapy.Request(base + "b")

settings = scrapy_settings(CrawlConfig())
settings.update({"IDLE_CONNECTION_SECONDS": idle, "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False})
process = CrawlerProcess(settings)
process.crawl(Pause)
process.start()
"""


@pytest.mark.parametrize(("idle_seconds", "connections"), [(0.3, 2), (30.0, 1)])
def test_an_idle_connection_is_closed_after_the_configured_seconds(tmp_path, idle_seconds, connections):
    script = tmp_path / "pause.py"
    script.write_text(SPIDER, encoding="utf-8")
    with LoopbackSite("127.0.4.20", {"/a": html("ก"), "/b": html("ข")}) as site:
        result = subprocess.run(
            [sys.executable, str(script), site.url, str(idle_seconds)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert site.requests == ["/a", "/b"]
        assert len(set(site.client_ports)) == connections
