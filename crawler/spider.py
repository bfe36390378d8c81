"""One generic spider for many SAO sites.

Each site gets its own scope (its host, its www twin, the hosts its home page redirects to, its
extra hosts), its own focused frontier and budgets (crawler/frontier.py), and a few requests in
flight. Only a bounded number of sites is active at once, so memory stays flat however long the
site list is. The spider reads responses and yields what it found (crawler/pipelines.py writes
it); a finished site is announced with ``signals.site_closed`` and written complete in one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.internet import threads
from twisted.python.failure import Failure

from crawler.cpulimit import CpuLimitExceeded, cpu_limit
from crawler.encoding import decode_page
from crawler.extract import extract_page
from crawler.failures import classify_failure, classify_status, is_robots_block, is_too_large
from crawler.frontier import Frontier, Target
from crawler.incremental import EXTRACTOR_ID, Known, Validators, validators_of
from crawler.middlewares import CRAWL_DELAY
from crawler.pipelines import BodyItem, PageItem
from crawler.priority import INDEX_SCORE, LinkScorer
from crawler.settings import CrawlConfig
from crawler.signals import SiteDone, site_closed, site_opened
from crawler.state import SiteState
from crawler.tls import certificate_is_valid
from crawler.urls import canonical, host_of, is_document_content_type, looks_like_document, sharing_host
from oit.errors import UserError
from oit.overrides import DEFAULT_DIR as OVERRIDES_DIR
from oit.overrides import load_overrides
from store.db import Store
from store.records import (
    NAMED_URL_STEP,
    DocumentRecord,
    DocumentStatus,
    Link,
    LinkKind,
    PageRecord,
    PageWarning,
    Site,
    SiteCrawl,
    SiteStatus,
)

log = logging.getLogger(__name__)

Item = PageItem | BodyItem
OVERRIDE_SCORE = INDEX_SCORE + 1  # URLs the organisation named as evidence go before anything found


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SiteSpider(scrapy.Spider):
    name = "oit-sites"

    def __init__(
        self,
        *,
        sites: list[Site],
        store: Store,
        run_id: int,
        config: CrawlConfig,
        scorer: LinkScorer | None = None,
        overrides_dir: Path = OVERRIDES_DIR,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.overrides_dir = Path(overrides_dir)
        self.sites_todo = sites
        self.store = store
        self.run_id = run_id
        self.config = config
        self.scorer = scorer or LinkScorer()
        self.active: dict[str, SiteState] = {}
        self.sites_done = 0
        self.sites_failed = 0
        self.pages_done = 0
        self._slot_free: asyncio.Event | None = None
        self._items: list[Item] = []  # found while handling one response: the callback returns them
        self._started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    # -- scheduling --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._slot_free = asyncio.Event()
        for site in self.sites_todo:
            while len(self.active) >= self.config.active_sites:
                self._slot_free.clear()
                await self._slot_free.wait()
            yield self._open_site(site)

    def _open_site(self, site: Site) -> scrapy.Request:
        frontier = Frontier(self.config.page_budget, self.config.document_budget, self.config.depth_limit)
        state = SiteState(site, frontier, started_at=utc_now())
        self.crawler.signals.send_catch_log(site_opened, site=site)
        if self.config.incremental:
            state.previous_run = self.store.last_ok_run(site.id, before=self.run_id)
            if state.previous_run is not None:
                state.known = {
                    url: Known(*row) for url, row in self.store.known_urls(state.previous_run, site.id, EXTRACTOR_ID).items()
                }
        self.active[site.id] = state
        if self.config.site_time_limit:
            state.deadline = time.monotonic() + self.config.site_time_limit
            asyncio.get_running_loop().call_later(self.config.site_time_limit, self._site_deadline, state)
        home = frontier.start(Target(canonical(site.url), "home", 0, score=0))
        state.in_flight += 1
        return self._request(state, home)

    def _request(self, state: SiteState, target: Target) -> scrapy.Request:
        meta: dict[str, object] = {"oit_site": state.site.id, "oit_target": target}
        if target.kind == "home":
            meta[CRAWL_DELAY] = None  # the robots middleware gives the site's Crawl-delay with the response
        elif target.kind == "document":
            meta["download_maxsize"] = self.config.document_bytes
        known = state.known.get(target.url)
        # Not the home page: its stored record carries the override links seeded into it.
        headers = known.conditional_headers() if known and target.kind != "home" else {}
        if state.deadline and (left := state.deadline - time.monotonic()) < self.config.timeout:
            # nothing the site asked for outlives its time limit: a hanging server holds no process
            meta.update(download_timeout=max(left, 1.0), dont_retry=True)
        return scrapy.Request(
            target.url,
            callback=self.parse,
            errback=self.failed,
            meta=meta,
            headers=headers,
            priority=target.score,
            dont_filter=True,
        )

    def _pump(self, state: SiteState) -> None:
        """Send the site's best targets until its in-flight limit; close the site when done."""
        limit = 1 if state.crawl_delay else self.config.site_concurrency
        while state.in_flight < limit and state.status is SiteStatus.OK:
            if state.crawl_delay and state.frontier and (wait := state.next_send - time.monotonic()) > 0:
                asyncio.get_running_loop().call_later(wait, self._hold(state))
                return
            target = state.frontier.pop()
            if target is None:
                break
            state.in_flight += 1
            state.next_send = time.monotonic() + state.crawl_delay
            self.crawler.engine.crawl(self._request(state, target))
        if state.in_flight == 0:  # nothing in flight and nothing (within budget) left to send
            self._close_site(state)

    def _site_deadline(self, state: SiteState) -> None:
        """A site still open at its time limit is closed with what it has: a hanging or endless site
        must not hold its crawl process (and a distributed worker) for the night. Its verdicts then
        come from its last complete crawl, as for an unreachable site; its status is its own, so a
        night of slow sites is not taken for our network failing (scheduler/health.py)."""
        if self.active.get(state.site.id) is not state:
            return
        state.status = SiteStatus.TIME_LIMIT
        state.detail = f"site time limit of {self.config.site_time_limit:g} s reached after {state.pages_stored} pages"
        self._close_site(state)

    def _hold(self, state: SiteState) -> Callable[..., None]:
        """Keep the site open until the returned callback runs (a timer or a check), then pump it."""
        state.in_flight += 1
        state.waiting += 1

        def release(_: object = None) -> None:
            state.in_flight -= 1
            state.waiting -= 1
            self._pump(state)

        return release

    # -- responses ---------------------------------------------------------------------------

    def parse(self, response: Response) -> list[Item]:
        state = self.active.get(response.meta["oit_site"])
        if state is None:
            return []
        state.in_flight -= 1
        state.fetch.responses += 1
        state.fetch.bytes += len(response.body)
        state.fetch.retries += response.meta.get("retry_times", 0)
        target: Target = response.meta["oit_target"]
        try:
            self._handle_response(state, target, response)
        finally:
            self._pump(state)
        return self._take_items()

    def _take_items(self) -> list[Item]:
        items, self._items = self._items, []
        return items

    def _handle_response(self, state: SiteState, target: Target, response: Response) -> None:
        if target.kind == "home":
            status, detail = classify_status(response.status)
            state.status, state.detail, state.home_url = status, detail, response.url
            state.adopt_host(response.url)
            state.crawl_delay = self.config.crawl_delay(response.meta.get(CRAWL_DELAY))
            state.next_send = time.monotonic() + state.crawl_delay
            if response.url.startswith("https://"):
                self._check_tls(state, response.url)
        elif not state.in_scope(response.url) and target.url not in state.named_elsewhere:
            return  # redirected off the site: the link is recorded on the page that has it
        if response.status == 304 and target.url in state.known:
            self._not_modified(state, target)
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        is_document = (
            target.kind == "document" or not isinstance(response, TextResponse) or is_document_content_type(content_type)
        ) and target.kind != "home"
        if is_document:
            self._store_document(state, target, response, content_type)
        else:
            self._store_page(state, target, response, content_type)

    def _not_modified(self, state: SiteState, target: Target) -> None:
        """304: the document is not downloaded again (the documents step reads its stored body
        through its cache); the page's stored record stands. Gone meanwhile: ask again in full."""
        previous, site_id, url = state.previous_run, state.site.id, target.url
        if previous is None:  # nothing was known, so nothing was asked conditionally
            return
        if (doc := self.store.stored_document(previous, site_id, url)) is not None:  # whatever the link promised
            state.ref(url).add(target.from_url, target.link_text, target.click_path)
            state.add_document(
                DocumentRecord(
                    site_id,
                    url,
                    DocumentStatus.PENDING,
                    http_status=200,
                    content_type=doc.content_type,
                    size=doc.size,
                    content_hash=doc.content_hash,
                    etag=doc.etag,
                    last_modified=doc.last_modified,
                )
            )
            state.unchanged += 1
            return
        if self._reuse_page(state, target):
            return
        del state.known[url]
        state.in_flight += 1
        self.crawler.engine.crawl(self._request(state, target))

    def _reuse_page(self, state: SiteState, target: Target, validators: Validators | None = None) -> bool:
        """Last night's record of an unchanged page, under tonight's click path, its links followed."""
        if state.previous_run is None:
            return False
        page = self.store.stored_page(state.previous_run, state.site.id, target.url)
        if page is None:
            return False
        page.click_path, page.depth, page.fetched_at = target.click_path, target.depth, utc_now()
        if validators is not None:  # fetched in full: the validators of tonight's answer
            page.etag, page.last_modified = validators["etag"], validators["last_modified"]
        self._add_page(state, page)
        self._follow(state, page, target.score)
        state.unchanged += 1
        return True

    def _store_document(self, state: SiteState, target: Target, response: Response, content_type: str) -> None:
        url = canonical(response.url)
        state.ref(url).add(target.from_url, target.link_text, target.click_path)
        if not 200 <= response.status < 300:
            state.document_failed(url, DocumentStatus.FETCH_FAILED, response.status, f"HTTP {response.status}")
            return
        body = response.body
        digest = hashlib.sha256(body).hexdigest()
        state.add_document(
            DocumentRecord(
                state.site.id,
                url,
                DocumentStatus.PENDING,
                http_status=response.status,
                content_type=content_type,
                size=len(body),
                content_hash=digest,
                **validators_of(response),
            )
        )
        self._yield(state, BodyItem(state.site.id, digest, body))

    def _store_page(self, state: SiteState, target: Target, response: Response, content_type: str) -> None:
        body = response.body
        digest = hashlib.sha256(body).hexdigest()
        validators = validators_of(response)
        known = state.known.get(target.url)
        if (
            known
            and known.content_hash == digest
            and 200 <= response.status < 300
            and target.kind != "home"
            and response.url == target.url
            and self._reuse_page(state, target, validators)
        ):
            return  # the same bytes as last night: extracting them again would give the same record
        common: dict[str, Any] = dict(
            requested_url=target.url,
            redirect_chain=list(response.meta.get("redirect_urls", [])),
            click_path=target.click_path,
            depth=target.depth,
            content_hash=digest,
            fetched_at=utc_now(),
            extractor=EXTRACTOR_ID,
            **validators,
        )
        if not 200 <= response.status < 300 or not isinstance(response, TextResponse):
            page = PageRecord(
                state.site.id,
                canonical(response.url),
                response.status,
                content_type=content_type,
                error="" if response.status < 300 else f"HTTP {response.status}",
                **common,
            )
            self._add_page(state, page)
            return
        text, encoding = decode_page(response)
        try:
            with cpu_limit(self.config.page_cpu_seconds):
                page = extract_page(
                    state.site.id,
                    canonical(response.url),
                    text,
                    in_scope=state.in_scope,
                    status=response.status,
                    content_type=content_type,
                    encoding=encoding,
                )
        except CpuLimitExceeded as exc:
            log.warning("site %s: %s not read: its extraction took %s", state.site.id, response.url, exc)
            page = PageRecord(
                state.site.id,
                canonical(response.url),
                response.status,
                content_type=content_type,
                encoding=encoding,
                warnings=[PageWarning.CPU_LIMIT],
            )
        for name, value in common.items():
            setattr(page, name, value)
        if target.kind == "home":
            page.links += self._seed_overrides(state)
        self._add_page(state, page, body if self._is_evidence_candidate(target, page) else None)
        self._follow(state, page, target.score)

    def _follow(self, state: SiteState, page: PageRecord, page_score: int) -> None:
        for link in page.links:
            if link.kind not in (LinkKind.PAGE, LinkKind.DOCUMENT, LinkKind.FRAME) or not state.in_scope(link.url):
                continue
            as_document = link.kind is LinkKind.DOCUMENT or looks_like_document(link.url)
            if link.url in state.frontier and not as_document:
                continue  # menus repeat on every page: skip before the costly scoring
            path = [*page.click_path, link.step]
            if as_document:
                state.ref(link.url).add(page.url, link.text, path)
                if link.url in state.frontier:
                    continue
            score = self.scorer.score(link.url, link.text, link.context, page_score) if self.config.focused else 0
            state.frontier.push(
                Target(link.url, "document" if as_document else "page", page.depth + 1, score, path, page.url, link.text)
            )

    def _seed_overrides(self, state: SiteState) -> list[Link]:
        """Queue the site's override evidence URLs first, linked or not. Those on other hosts are
        fetched too (assessors open the URLs an organisation submits, wherever they are), but no
        link on them is followed; those on file-sharing hosts (Drive) are only returned as external
        links (recorded on the home page, like a link there), as such links are anywhere."""
        try:
            named = load_overrides(self.overrides_dir, state.site.id).evidence_urls()
        except UserError as exc:  # a broken override file must not cost the site its crawl
            log.warning("site %s: overrides not read: %s", state.site.id, exc)
            return []
        external = []
        for url in dict.fromkeys(canonical(u) for urls in named.values() for u in urls):
            if not state.in_scope(url):
                if sharing_host(url) or not url.startswith(("http://", "https://")):
                    external.append(Link(url, "", NAMED_URL_STEP, False, LinkKind.EXTERNAL))
                    continue
                state.named_elsewhere.add(url)
            kind = "document" if looks_like_document(url) else "page"
            state.frontier.push(Target(url, kind, 1, OVERRIDE_SCORE, [NAMED_URL_STEP]))
        return external

    def failed(self, failure: Failure) -> list[Item]:
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on the failures it passes
        state = self.active.get(request.meta["oit_site"])
        if state is None:
            return []
        state.in_flight -= 1
        state.fetch.add_error(type(failure.value).__name__)
        state.fetch.retries += request.meta.get("retry_times", 0)
        target: Target = request.meta["oit_target"]
        try:
            self._handle_failure(state, target, failure.value)
        finally:
            self._pump(state)
        return self._take_items()

    def _handle_failure(self, state: SiteState, target: Target, exc: BaseException) -> None:
        if is_robots_block(exc):
            state.robots_disallowed += 1
        status, detail = classify_failure(exc)
        if target.kind == "home":
            state.status, state.detail = status, f"{detail} ({target.url})"
            return
        if target.kind == "document":
            doc_status = DocumentStatus.TOO_LARGE if is_too_large(exc) else DocumentStatus.FETCH_FAILED
            state.ref(target.url).add(target.from_url, target.link_text, target.click_path)
            state.document_failed(target.url, doc_status, 0, detail)
            return
        if is_too_large(exc) and looks_like_document(target.url):
            state.document_failed(target.url, DocumentStatus.TOO_LARGE, 0, detail)
            return
        self._add_page(
            state,
            PageRecord(
                state.site.id,
                target.url,
                0,
                requested_url=target.url,
                click_path=target.click_path,
                depth=target.depth,
                error=detail,
                fetched_at=utc_now(),
            ),
        )

    # -- keeping what was found --------------------------------------------------------------

    def _is_evidence_candidate(self, target: Target, page: PageRecord) -> bool:
        if self.config.keep_bodies != "evidence":
            return self.config.keep_bodies == "all"
        return target.depth <= 1 or target.score > 0 or self.scorer.page_is_candidate(page.title, page.headings)

    def _add_page(self, state: SiteState, page: PageRecord, body: bytes | None = None) -> None:
        state.pages_stored += 1
        self.pages_done += 1
        self._yield(state, PageItem(state.site.id, page, body))

    def _yield(self, state: SiteState, item: Item) -> None:
        state.items += 1
        self._items.append(item)

    def _check_tls(self, state: SiteState, url: str) -> None:
        """Certificates are not required to crawl, but whether they verify is a finding."""

        def record(valid: object) -> None:
            state.tls_valid = valid if isinstance(valid, bool) else None

        threads.deferToThread(certificate_is_valid, url).addBoth(record).addBoth(self._hold(state))

    def _close_site(self, state: SiteState) -> None:
        if self.active.pop(state.site.id, None) is None:
            return
        crawl = SiteCrawl(
            run_id=self.run_id,
            site=state.site,
            status=state.status,
            detail=state.detail,
            home_url=state.home_url,
            tls_valid=state.tls_valid,
            robots_disallowed=state.robots_disallowed,
            started_at=state.started_at,
            finished_at=utc_now(),
            fetch=state.fetch,
        )
        hosts = state.hosts | {host_of(url) for url in state.named_elsewhere}
        self.crawler.signals.send_catch_log(site_closed, done=SiteDone(crawl, list(state.documents.values()), state.items, hosts))
        self.sites_done += 1
        self.sites_failed += state.status is not SiteStatus.OK
        log.info(
            "site %s: %s%s, %d pages, %d documents, %d unchanged since run %s (%d/%d sites, %.1f pages/s)",
            state.site.id,
            state.status.value,
            f" ({state.detail})" if state.detail else "",
            state.pages_stored,
            len(state.documents),
            state.unchanged,
            state.previous_run,
            self.sites_done,
            len(self.sites_todo),
            self.pages_done / max(time.monotonic() - self._started, 1e-6),
        )
        if self._slot_free is not None:
            self._slot_free.set()

    def _on_idle(self) -> None:
        """Nothing left to download: close the sites that wait for nothing (a request that vanished
        without a callback), and keep the spider open for those waiting out a crawl delay or a check."""
        for state in list(self.active.values()):
            if state.waiting == 0:
                self._close_site(state)
        if self.active:
            raise DontCloseSpider
