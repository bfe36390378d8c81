"""The shared types of the sample fleet: a built site (``SiteModel``), its pages, menus and ground
truth, and the interface of a CMS family. The planner (fleet/plan.py), the builder that renders
HTML (fleet/builder.py), the families (fleet/families.py), the large-site parts (fleet/large.py)
and the server all use these; none of them imports another's internals for a type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote

from fleet.documents import DocSpec
from fleet.names import Organisation
from fleet.spec import SiteSpec
from fleet.thaistyle import Style, fiscal_year


@dataclass(slots=True)
class MenuEntry:
    text: str
    href: str


@dataclass(slots=True)
class MenuGroup:
    title: str
    entries: list[MenuEntry] = field(default_factory=list)


@dataclass(slots=True)
class TruthEntry:
    """What is really on a site for one stable key (see the README's fleet section)."""

    state: str  # current | stale | incomplete | broken | unverifiable | absent
    fiscal_year: int | None  # FY of the evidence as published (None: not year-bound or nothing)
    evidence_urls: list[str]  # where the evidence is; for broken: the dead targets
    missing_elements: list[str] = field(default_factory=list)
    doc_only: bool = False  # the substance is only in documents, not in HTML
    kind: str = ""  # page | pdf | pdf_scan | docx | xlsx | image | form | webboard | external | drive
    required_fiscal_year: int | None = None  # FY the item requires on the as-of date
    decoys: list[str] = field(default_factory=list)  # look like evidence and are not (shells, near misses)
    note: str = ""  # how the case is built, for people reading accuracy results


@dataclass(slots=True)
class Page:
    title: str
    main: str  # HTML fragment of the main content
    path: str = ""
    kind: str = "page"  # page | post | list | home | raw (served as is, without the family's layout)
    date: dt.date | None = None
    status: int = 200

    @property
    def posted(self) -> dt.date:
        """The date of a post: every page a news or tag list shows is one."""
        if self.date is None:
            raise ValueError(f"{self.path} is listed as a post but has no date")
        return self.date


class Family:
    name = ""
    encoding = "utf-8"
    header_charset: str | None = "utf-8"  # charset sent in Content-Type (None: only the <meta> says)
    server_header = "Apache"
    generator = ""  # <meta name="generator"> as the CMS writes it
    static_pages = False  # pages are files the server sends with validators (ETag), not PHP output

    def page_path(self, n: int, slug: str) -> str:
        raise NotImplementedError

    def post_path(self, n: int, slug: str, date: dt.date) -> str:
        raise NotImplementedError

    def doc_path(self, n: int, filename: str, date: dt.date) -> str:
        """``filename`` arrives percent-encoded."""
        raise NotImplementedError

    def news_list_path(self, page: int) -> str:
        raise NotImplementedError

    def post_aliases(self, n: int, slug: str, date: dt.date) -> list[str]:
        """Other URLs of the same post (duplicates a crawler should recognise)."""
        return []

    def href(self, site: SiteModel, path: str) -> str:
        """How this family writes a link to one of its own pages."""
        return path

    def special(self, site: SiteModel, path: str, query: str) -> tuple[int, str, bytes] | None:
        """Family-specific routes (APIs, print views): (status, content type, body) or None."""
        return None

    def render(self, site: SiteModel, page: Page) -> str:
        raise NotImplementedError

    def head(self, site: SiteModel, page: Page, charset: str = "utf-8") -> str:
        generator = f'<meta name="generator" content="{self.generator}">' if self.generator else ""
        return (
            f'<!DOCTYPE html><html lang="th"><head><meta charset="{charset}">{generator}'
            f"<title>{escape(page.title)} - {escape(site.org.name)}</title></head>"
        )


class SiteModel:
    """A built site: routes to pages and documents, its menus, and its ground truth."""

    def __init__(self, spec: SiteSpec, fam: Family, org: Organisation, style: Style, as_of: dt.date):
        self.spec, self.family, self.org, self.style, self.as_of = spec, fam, org, style, as_of
        self.fy = fiscal_year(as_of)
        self.pages: dict[str, Page] = {}
        self.docs: dict[str, DocSpec] = {}
        self.aliases: dict[str, str] = {}  # route key -> canonical route key (duplicate URLs)
        self.menu: list[MenuGroup] = []
        self.sidebar: list[MenuEntry] = []
        self.truth: dict[str, TruthEntry] = {}
        self.ita_rows: list[tuple[str, str, list[MenuEntry]]] = []
        self._numbers: dict[str, int] = {}
        self._chrome: dict[str, str] = {}

    def chrome(self, name: str, render: Callable[[], str]) -> str:
        """Menus and sidebars are the same on every page: render them once per site."""
        if name not in self._chrome:
            self._chrome[name] = render()
        return self._chrome[name]

    @property
    def base_url(self) -> str:
        return self.spec.base_url

    @staticmethod
    def route_key(path: str, query: str = "") -> str:
        """Percent-encoding and parameter order do not make a different page."""
        params = "&".join(sorted(unquote(p) for p in query.split("&") if p))
        return unquote(path) + ("?" + params if params else "")

    def url(self, path: str) -> str:
        return self.base_url + path

    def add_page(self, page: Page, number: int) -> Page:
        key = self.route_key(*split_path(page.path))
        self.pages[key] = page
        self._numbers[key] = number
        return page

    def numbered_pages(self) -> list[tuple[int, Page]]:
        return [(self._numbers[k], p) for k, p in self.pages.items() if k in self._numbers]

    def _local_href(self, fam: Family, href: str) -> str:
        return fam.href(self, href) if href.startswith("/") else href

    def menu_for(self, fam: Family) -> list[MenuGroup]:
        return [MenuGroup(g.title, [MenuEntry(e.text, self._local_href(fam, e.href)) for e in g.entries]) for g in self.menu]

    def sidebar_for(self, fam: Family) -> list[MenuEntry]:
        return [MenuEntry(e.text, self._local_href(fam, e.href)) for e in self.sidebar]


def split_path(path: str) -> tuple[str, str]:
    path, _, query = path.partition("?")
    return path, query
