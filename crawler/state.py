"""One site being crawled: its scope, its frontier, and what was found so far besides the pages.

Pages go to the store pipeline as they are read (crawler/pipelines.py); documents are kept here to
the end, as several pages may link the same file and each adds where it is linked from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.frontier import Frontier
from crawler.incremental import Known
from crawler.urls import host_of, same_site_hosts
from store.records import DocumentRecord, DocumentStatus, FetchStats, Site, SiteStatus


@dataclass(slots=True)
class DocumentRefs:
    """Where a document is linked from; several pages may link the same file."""

    linked_from: list[str] = field(default_factory=list)
    link_texts: list[str] = field(default_factory=list)
    click_path: list[str] = field(default_factory=list)

    def add(self, page_url: str, text: str, click_path: list[str]) -> None:
        if page_url not in self.linked_from and len(self.linked_from) < 20:
            self.linked_from.append(page_url)
        if text and text not in self.link_texts and len(self.link_texts) < 20:
            self.link_texts.append(text)
        if not self.click_path:
            self.click_path = click_path


@dataclass(slots=True)
class SiteState:
    site: Site
    frontier: Frontier
    started_at: str
    hosts: set[str] = field(default_factory=set)
    named_elsewhere: set[str] = field(default_factory=set)  # override URLs on other hosts: fetched, not followed
    status: SiteStatus = SiteStatus.PENDING
    detail: str = ""
    home_url: str = ""
    tls_valid: bool | None = None
    robots_disallowed: int = 0
    in_flight: int = 0  # requests sent, plus timers and checks the site waits for
    waiting: int = 0  # of which timers and checks: nothing in Scrapy's engine will answer them
    crawl_delay: float = 0.0  # robots.txt Crawl-delay in force: one request at a time, this far apart
    next_send: float = 0.0  # monotonic time the next request may go, under a crawl delay
    deadline: float = 0.0  # monotonic time the site is closed (status time_limit; crawl.site_time_limit); 0: none
    pages_stored: int = 0
    items: int = 0  # items yielded to the store pipeline (it saves the site once it has them all)
    fetch: FetchStats = field(default_factory=FetchStats)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    refs: dict[str, DocumentRefs] = field(default_factory=dict)
    # Incremental nights: the site's last complete crawl and what it stored (crawler/incremental.py).
    previous_run: int | None = None
    known: dict[str, Known] = field(default_factory=dict)
    unchanged: int = 0  # URLs whose stored record was reused (304, or the same bytes as last night)

    def __post_init__(self) -> None:
        self.hosts |= same_site_hosts(host_of(self.site.url))
        for host in self.site.extra_hosts:
            self.hosts |= same_site_hosts(host)

    def in_scope(self, url: str) -> bool:
        return host_of(url) in self.hosts

    def adopt_host(self, url: str) -> None:
        """The home page redirected (www, https, a moved host): that host is the site too."""
        self.hosts |= same_site_hosts(host_of(url))

    def ref(self, url: str) -> DocumentRefs:
        return self.refs.setdefault(url, DocumentRefs())

    def add_document(self, doc: DocumentRecord) -> None:
        refs = self.refs.get(doc.url) or DocumentRefs()
        doc.linked_from, doc.link_texts, doc.click_path = refs.linked_from, refs.link_texts, refs.click_path
        self.documents[doc.url] = doc

    def document_failed(self, url: str, status: DocumentStatus, http_status: int, error: str) -> None:
        self.add_document(DocumentRecord(self.site.id, url, status, http_status=http_status, error=error))
