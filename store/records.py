"""What the crawler stores and the rule engine reads.

These records are the contract between the stages: the crawler (``crawler/``) extracts them from
responses once, the store (``store/``) persists them, and the engine (``evaluate/``) judges them
without ever re-parsing HTML. Everything is plain data so a stored crawl can be re-evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SiteStatus(StrEnum):
    """Outcome of crawling one site in one run. Only ``ok`` sites are judged item by item."""

    OK = "ok"
    DNS_FAILURE = "dns_failure"
    CONNECTION_REFUSED = "connection_refused"
    TIMEOUT = "timeout"
    TIME_LIMIT = "time_limit"  # answered, but still crawling at the site time limit (distributed crawls)
    TLS_FAILURE = "tls_failure"
    SERVER_ERROR = "server_error"  # home page answered 5xx
    HTTP_ERROR = "http_error"  # home page answered another non-2xx (404, 403 ...)
    BLOCKED = "blocked"  # robots.txt disallows the home page
    PENDING = "pending"  # not crawled yet (run interrupted before this site)

    @property
    def reachable(self) -> bool:
        return self is SiteStatus.OK

    @property
    def report_status(self) -> str:
        """The site status of the output contract: ok, unreachable or blocked."""
        if self is SiteStatus.OK:
            return "ok"
        if self is SiteStatus.BLOCKED:
            return "blocked"
        return "unreachable"


SITE_WIDE_WIDGET = "site:"  # prefix of a widget that belongs to the site's chrome, not to the page
CLICK_STEP_CHARS = 60  # a step of a click path: the start of a long link text is enough


class LinkKind(StrEnum):
    PAGE = "page"  # same site, HTML expected
    DOCUMENT = "document"  # PDF, DOC(X), XLS(X), ... by extension or content type
    EXTERNAL = "external"  # another host (Drive, Facebook, e-GP, LINE ...): recorded, not crawled
    FRAME = "frame"  # iframe/embed/object source (FlowPaper pdf= targets resolved to the document)
    MAILTO = "mailto"
    TEL = "tel"
    EMPTY = "empty"  # href="#", javascript:void(0), missing href: a dead menu entry


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    url: str
    type: str = ""  # อบต. / เทศบาล / อบจ.
    province: str = ""
    district: str = ""
    extra_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # absolute; for EMPTY links the raw href
    text: str  # anchor text, or the alt text of a linked image
    context: str = ""  # text around the link (its list item / table row / paragraph), <= 300 chars
    in_main: bool = True  # False when the link sits in a menu, sidebar, header or footer
    kind: LinkKind = LinkKind.PAGE

    @property
    def step(self) -> str:
        """The link as a step of a click path: its text, else the text around it, else the URL's tail."""
        label = self.text or self.context[:CLICK_STEP_CHARS] or self.url.rstrip("/").rsplit("/", 1)[-1]
        return label[:CLICK_STEP_CHARS]


@dataclass(frozen=True, slots=True)
class Form:
    action: str
    method: str
    fields: tuple[str, ...]  # field names and labels/placeholders
    has_textarea: bool
    text: str = ""  # visible labels and button text


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    alt: str
    in_main: bool = True


class PageWarning(StrEnum):
    """Why a fetched page was read only in part (it is stored, and judged on what was read)."""

    TREE_TOO_DEEP = "tree_too_deep"  # nested deeper than the HTML parser's limit: the rest is lost
    CPU_LIMIT = "cpu_limit"  # its extraction took longer than limits.page_cpu_seconds: nothing read


# The click path of a URL named in the site's overrides (oit/overrides.py), as crawled: it was
# fetched because it is named. The judge replaces it with the path through the site's links when a
# crawled page links the URL; reports say it in Thai (evaluate/wording.py NAMED_URL_TH).
NAMED_URL_STEP = "[named-url]"


@dataclass(slots=True)
class PageRecord:
    """One fetched URL of a site, as extracted at crawl time."""

    site_id: str
    url: str  # final URL after redirects
    status: int  # HTTP status; 0 when the fetch failed without a response
    requested_url: str = ""
    redirect_chain: list[str] = field(default_factory=list)
    content_type: str = ""
    encoding: str = ""
    title: str = ""
    headings: list[str] = field(default_factory=list)
    main_text: str = ""  # main content only, menus/sidebars/footers removed
    blocks: list[str] = field(default_factory=list)  # main content split into blocks (paragraphs, rows)
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)  # iframe/embed/object sources (maps, viewers, video)
    # Known online channels: "webboard", "line", "facebook_chat" ... in the page's main content; one
    # found only in menus, sidebars or page-wide scripts carries SITE_WIDE_WIDGET ("site:webboard").
    widgets: list[str] = field(default_factory=list)
    click_path: list[str] = field(default_factory=list)  # anchor texts from the home page to here
    depth: int = 0
    dates: list[str] = field(default_factory=list)  # ISO dates (CE) mentioned in the main content
    fiscal_years: list[int] = field(default_factory=list)  # BE fiscal years stated in the main content
    content_hash: str = ""  # sha256 of the raw body; the raw body is kept under this hash
    error: str = ""  # why the fetch failed (timeout, refused, 404 ...), empty when it worked
    fetched_at: str = ""  # ISO timestamp, UTC
    etag: str = ""  # HTTP validators, sent back on the next night's request (a 304 reuses this record)
    last_modified: str = ""
    extractor: str = ""  # the extraction code that made this record (crawler/incremental.py)
    warnings: list[str] = field(default_factory=list)  # PageWarning codes: the page was read only in part

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and not self.error


class DocumentStatus(StrEnum):
    OK = "ok"  # text extracted and trusted
    LOW_QUALITY = "low_quality"  # text extracted but too damaged to trust
    IMAGE_ONLY = "image_only"  # no text layer and OCR unavailable or gave nothing
    TOO_LARGE = "too_large"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    UNSUPPORTED = "unsupported"
    FETCH_FAILED = "fetch_failed"  # 404, timeout ... (a broken document link)
    PENDING = "pending"  # downloaded, not parsed yet


@dataclass(slots=True)
class DocumentRecord:
    """A linked document (PDF, DOCX, XLSX ...) downloaded within the size limit."""

    site_id: str
    url: str
    status: DocumentStatus
    http_status: int = 0
    content_type: str = ""
    size: int = 0
    content_hash: str = ""
    text: str = ""
    method: str = ""  # text_layer | ocr | office | none
    pages: int = 0
    pages_read: int = 0  # pages whose text was read: a scan's OCR may stop short (documents/ondemand.py)
    fiscal_years: list[int] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    months_covered: list[str] = field(default_factory=list)  # "2569-10" style (BE year-month)
    table_columns: list[str] = field(default_factory=list)
    signed_by: list[str] = field(default_factory=list)
    linked_from: list[str] = field(default_factory=list)  # page URLs that link or embed it
    link_texts: list[str] = field(default_factory=list)  # the anchor texts used for it
    click_path: list[str] = field(default_factory=list)
    error: str = ""
    etag: str = ""  # HTTP validators, as on PageRecord
    last_modified: str = ""


@dataclass(slots=True)
class FetchStats:
    """What one site's crawl got from the network (Scrapy's request outcomes, counted per site): a
    night in which every site fails DNS shows as such in the run record."""

    responses: int = 0  # requests answered (any HTTP status)
    bytes: int = 0  # body bytes received
    retries: int = 0  # requests sent again after a failure or a 5xx
    errors: dict[str, int] = field(default_factory=dict)  # requests with no answer, by kind (DNSLookupError ...)

    def add_error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def add(self, other: FetchStats) -> None:
        self.responses, self.bytes, self.retries = (
            self.responses + other.responses,
            self.bytes + other.bytes,
            self.retries + other.retries,
        )
        for kind, count in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + count


@dataclass(slots=True)
class SiteCrawl:
    """One site in one run: how the crawl went."""

    run_id: int
    site: Site
    status: SiteStatus
    detail: str = ""  # the error in words, e.g. "connection refused by 127.0.1.9:8080"
    home_url: str = ""  # final URL of the home page after redirects
    pages: int = 0
    documents: int = 0
    tls_valid: bool | None = None  # None: plain http or not checked
    robots_disallowed: int = 0  # URLs skipped because robots.txt disallows them
    started_at: str = ""
    finished_at: str = ""
    fetch: FetchStats = field(default_factory=FetchStats)


@dataclass(slots=True)
class SiteSnapshot:
    """Everything the engine needs to judge one site: what the crawl saw."""

    crawl: SiteCrawl
    pages: list[PageRecord]
    documents: list[DocumentRecord]
