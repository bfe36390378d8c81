"""Evidence sources: a stored page, document or external link, prepared once for every rule.

The engine never re-parses HTML. Each ``Source`` holds the skeleton form (``thai.text.skeleton``)
of the main content, computed once per snapshot, and the structured facts the crawler and the
document extractor stored. Element checks only look at these views.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from evaluate.verdicts import Failure, FailureKind
from store.records import SITE_WIDE_WIDGET, DocumentRecord, DocumentStatus, Form, Link, LinkKind, PageRecord
from thai.text import normalize, skeleton

LEAD_CHARS = 400  # the start of a text that names what it is about (title line of a PDF, first paragraph)
DOCUMENT_TITLE_CHARS = 150  # a document's own title is its first line
BOILERPLATE_SHARE = 0.5  # a block found on at least this share of a site's pages is boilerplate
BOILERPLATE_MIN_PAGES = 4  # below this many pages, repetition says nothing

DATA_FILE_EXTENSIONS = (".xlsx", ".xls", ".csv", ".ods", ".json")
UNREADABLE_DOCUMENT = {
    DocumentStatus.IMAGE_ONLY,
    DocumentStatus.LOW_QUALITY,
    DocumentStatus.ENCRYPTED,
    DocumentStatus.CORRUPT,
    DocumentStatus.UNSUPPORTED,
    DocumentStatus.TOO_LARGE,
    DocumentStatus.PENDING,
}


# Menus, footers and link texts repeat on every page of a site and across sites of one CMS:
# each distinct string is put in matching form once.
cached_skeleton = lru_cache(maxsize=1 << 16)(skeleton)


class SourceKind(StrEnum):
    PAGE = "page"
    DOCUMENT = "document"
    EXTERNAL = "external"  # a link to another host: recorded, never fetched


class Access(StrEnum):
    """Whether the source could be read."""

    READABLE = "readable"
    BROKEN = "broken"  # the target failed: 4xx/5xx, timeout, '#' link, fetch_failed
    UNREADABLE = "unreadable"  # opened but no text to judge (image-only scan), or never opened (external)


@dataclass(slots=True)
class Source:
    url: str
    kind: SourceKind
    access: Access
    click_path: list[str]
    title: str = ""  # skeleton
    lead: str = ""  # skeleton of title, headings and the start of the text
    head: str = ""  # skeleton of what the source calls itself: title and headings (a document's first line)
    skeleton_text: str | None = None  # see ``text``; None until first needed (documents)
    raw: str = ""  # the main content as stored (boilerplate dropped); see ``plain``
    raw_heading: str = ""  # page title and headings as stored: they state the year as much as the text
    links: list[Link] = field(default_factory=list)  # links in the main content
    forms: list[Form] = field(default_factory=list)
    images: int = 0  # images in the main content
    image_alts: list[str] = field(default_factory=list)  # skeleton alt texts of every image (an unlabelled chart)
    embeds: list[str] = field(default_factory=list)
    widgets: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # ISO dates (CE)
    stated_years: list[int] = field(default_factory=list)  # fiscal years the crawler/extractor read
    months: list[str] = field(default_factory=list)  # "2569-10" (BE year-month) covered, documents
    table_columns: list[str] = field(default_factory=list)  # skeleton
    signed_by: list[str] = field(default_factory=list)
    failure: Failure | None = None  # why it is not readable (worded by evaluate.wording.failure_th)
    cache: dict[str, Any] = field(default_factory=dict)  # per-source results of expensive finders

    @property
    def text(self) -> str:
        """Skeleton of the main content without boilerplate, or of the whole document text: what
        phrases are matched in. A document's is made on first use (most are candidates for nothing)."""
        if self.skeleton_text is None:
            self.skeleton_text = skeleton(self.raw)
        return self.skeleton_text

    @property
    def heading(self) -> str:
        """Normalised title and headings, made on first use (for the years a page states)."""
        if "heading" not in self.cache:
            self.cache["heading"] = normalize(self.raw_heading)
        return self.cache["heading"]

    @property
    def plain(self) -> str:
        """Normalised main content with its lines, for the finders that need tone marks (names,
        dates); made on first use: most pages are never a candidate for anything."""
        if "plain" not in self.cache:
            self.cache["plain"] = normalize(self.raw, keep_lines=True)
        return self.cache["plain"]

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def is_data_file(self) -> bool:
        return self.kind is SourceKind.DOCUMENT and is_data_file_url(self.url)


def is_data_file_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DATA_FILE_EXTENSIONS)


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """What repeats on many pages of one site: menus and sidebars the extractor left in the main
    content."""

    blocks: frozenset[str] = frozenset()  # skeletons
    links: frozenset[tuple[str, str]] = frozenset()  # (url, text) of menu entries
    home_url: str = ""  # site-wide widgets (a web board in the menu) are the home page's
    measured: bool = False  # enough pages to tell what repeats


def site_boilerplate(pages: list[PageRecord], home_url: str = "") -> Boilerplate:
    readable = [p for p in pages if p.ok]
    if len(readable) < BOILERPLATE_MIN_PAGES:
        return Boilerplate(home_url=home_url)
    blocks: Counter[str] = Counter()
    links: Counter[tuple[str, str]] = Counter()
    for page in readable:
        blocks.update({cached_skeleton(block) for block in page.blocks if block.strip()})
        links.update({(link.url, link.text) for link in page.links})
    threshold = max(3, BOILERPLATE_SHARE * len(readable))
    return Boilerplate(
        frozenset(block for block, n in blocks.items() if n >= threshold),
        frozenset(link for link, n in links.items() if n >= threshold),
        home_url,
        measured=True,
    )


def page_source(page: PageRecord, boilerplate: Boilerplate) -> Source:
    if not page.ok:
        return Source(
            page.url,
            SourceKind.PAGE,
            Access.BROKEN,
            list(page.click_path),
            failure=Failure(FailureKind.HTTP, page.status),
        )
    title = cached_skeleton(page.title)
    head_skeletons = [cached_skeleton(h) for h in page.headings[:6]]
    # a heading repeated in the content restates the item's name: it is no element of it
    dropped = boilerplate.blocks | set(head_skeletons) | {title}
    blocks = page.blocks or page.main_text.splitlines()  # an extractor that gave no blocks: its lines
    pairs = [(b, cached_skeleton(b)) for b in blocks if b.strip()]
    pairs = [(b, s) for b, s in pairs if s not in dropped]
    raw = "\n".join(b for b, _ in pairs)
    text = "\n".join(s for _, s in pairs)
    heads = " | ".join(head_skeletons)
    is_home = page.url == boilerplate.home_url
    widgets = [w.removeprefix(SITE_WIDE_WIDGET) for w in page.widgets if is_home or not w.startswith(SITE_WIDE_WIDGET)]
    return Source(
        url=page.url,
        kind=SourceKind.PAGE,
        access=Access.READABLE,
        click_path=list(page.click_path),
        title=title,
        lead=f"{title} | {heads} | {text[:LEAD_CHARS]}",
        head=f"{title} | {heads}",
        skeleton_text=text,
        raw=raw,
        raw_heading=" | ".join([page.title, *page.headings[:6]]),
        links=[link for link in page.links if link.in_main],
        forms=list(page.forms),
        images=sum(1 for image in page.images if image.in_main),
        embeds=list(page.embeds),
        image_alts=[cached_skeleton(image.alt) for image in page.images if image.alt.strip()],
        widgets=widgets,
        dates=list(page.dates),
        stated_years=list(page.fiscal_years),
    )


def document_name(url: str) -> str:
    """The file name of a document URL, decoded: a hint, like link text."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def document_source(doc: DocumentRecord) -> Source:
    title = skeleton(" | ".join([*doc.link_texts[:3], document_name(doc.url)]))
    base = Source(doc.url, SourceKind.DOCUMENT, Access.READABLE, list(doc.click_path), title=title)
    if doc.status is DocumentStatus.FETCH_FAILED:
        base.access, base.failure = Access.BROKEN, Failure(FailureKind.HTTP, doc.http_status)
        return base
    if doc.status in UNREADABLE_DOCUMENT or not doc.text.strip():
        base.access = Access.UNREADABLE
        base.failure = (
            Failure(FailureKind.DOCUMENT, document_status=doc.status)
            if doc.status in UNREADABLE_DOCUMENT
            else Failure(FailureKind.NO_TEXT)
        )
        if not base.is_data_file:  # a spreadsheet proves it exists even when its cells were not read
            return base
        base.access = Access.READABLE
    base.raw = doc.text
    start = skeleton(doc.text[: 2 * LEAD_CHARS])
    base.lead = f"{title} | {start[:LEAD_CHARS]}"
    base.head = f"{title} | {start.split(chr(10), 1)[0][:DOCUMENT_TITLE_CHARS]}"
    base.dates, base.stated_years = list(doc.dates), list(doc.fiscal_years)
    base.months = list(doc.months_covered)
    base.table_columns = [skeleton(c) for c in doc.table_columns]
    base.signed_by = list(doc.signed_by)
    return base


def link_source(key: str, link: Link, click_path: list[str]) -> Source:
    """A link whose target was not fetched: external hosts, '#' entries (keyed by their page)."""
    path = [*click_path, link.text] if link.text else list(click_path)
    if link.kind is LinkKind.EMPTY:
        return Source(
            key, SourceKind.PAGE, Access.BROKEN, path, failure=Failure(FailureKind.EMPTY_LINK), head=skeleton(link.text)
        )
    return Source(
        link.url,
        SourceKind.EXTERNAL,
        Access.UNREADABLE,
        path,
        failure=Failure(FailureKind.EXTERNAL_LINK),
        head=skeleton(link.text),
    )
