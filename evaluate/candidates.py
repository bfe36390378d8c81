"""Where evidence for each item may be: candidate sources of one site, found through hints.

Hints are link texts (menus included: they say where to look), the text around a link (an ITA
table row), titles, headings, the start of the main content or of a document, file names and URL
fragments. A hint only makes a source a candidate; the item's elements and year decide.
A page whose main-content links name many items (an ITA index, a site map) is a hub: its links
are hints, its own text is evidence for nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from evaluate.matcher import PhraseIndex
from evaluate.sources import (
    Source, document_source, link_source, page_source, repeated_blocks,
)
from store.records import DocumentRecord, Link, LinkKind, PageRecord, SiteSnapshot
from thai.text import skeleton

HUB_MIN_KEYS = 5  # a page linking to this many different items is an index of them
GENERIC_LINK_TEXT_CHARS = 12  # shorter link texts (อ่านต่อ, คลิก, o1) say nothing: read the context


@dataclass(slots=True)
class Candidate:
    url: str
    hint: str  # Thai: how it was found


@dataclass(slots=True)
class SiteIndex:
    """A snapshot's sources, built once and shared by every item rule."""

    snapshot: SiteSnapshot
    pages: dict[str, PageRecord] = field(default_factory=dict)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()
    unfetched: dict[str, tuple[Link, list[str]]] = field(default_factory=dict)  # external/'#' links
    hubs: set[str] = field(default_factory=set)
    candidates: dict[str, dict[str, Candidate]] = field(default_factory=dict)  # key -> url -> candidate
    _sources: dict[str, Source] = field(default_factory=dict)

    @classmethod
    def build(cls, snapshot: SiteSnapshot, phrases: PhraseIndex, url_hints: dict[str, tuple[str, ...]],
              extra: dict[str, list[str]] | None = None) -> "SiteIndex":
        index = cls(snapshot)
        for page in snapshot.pages:
            for url in (page.url, page.requested_url, *page.redirect_chain):
                if url:
                    index.pages.setdefault(url, page)
        index.documents = {doc.url: doc for doc in snapshot.documents}
        index.boilerplate = repeated_blocks(snapshot.pages)
        index._find_candidates(phrases, url_hints)
        for key, urls in (extra or {}).items():
            for url in urls:
                index._add(key, url, "ระบุในไฟล์ตั้งค่าของหน่วยงาน")
        return index

    def source(self, url: str) -> Source | None:
        """The prepared source behind ``url``; None when the crawl never fetched it."""
        if url in self._sources:
            return self._sources[url]
        if url in self.pages:
            made = page_source(self.pages[url], self.boilerplate)
        elif url in self.documents:
            made = document_source(self.documents[url])
        elif url in self.unfetched:
            made = link_source(*self.unfetched[url])
        else:
            return None
        self._sources[url] = made
        return made

    def _add(self, key: str, url: str, hint: str) -> None:
        self.candidates.setdefault(key, {}).setdefault(url, Candidate(url, hint))

    def _find_candidates(self, phrases: PhraseIndex, url_hints: dict[str, tuple[str, ...]]) -> None:
        link_keys: dict[tuple[str, str, str], set[str]] = {}  # menus repeat on every page: judge each link once
        for page in self.snapshot.pages:
            if not page.ok:
                continue
            keys_linked_from_main: set[str] = set()
            for link in page.links:
                seen = (link.url, link.text, link.context)
                keys = link_keys.get(seen)
                if keys is None:
                    keys = link_keys[seen] = self._link_keys(link, phrases, url_hints)
                    self._add_link(link, keys, page)
                if link.in_main:
                    keys_linked_from_main |= keys
            if len(keys_linked_from_main) >= HUB_MIN_KEYS:
                self.hubs.add(page.url)
        for page in {id(p): p for p in self.pages.values()}.values():
            if page.ok and page.url not in self.hubs:
                source = self.source(page.url)
                for key in phrases.keys_in(source.lead) | _url_keys(page.url, url_hints):
                    self._add(key, page.url, "ชื่อเรื่องหรือหัวข้อของหน้า")
        for doc in self.snapshot.documents:
            source = self.source(doc.url)
            for key in phrases.keys_in(source.lead or source.title) | _url_keys(doc.url, url_hints):
                self._add(key, doc.url, "ชื่อหรือหัวเรื่องของเอกสาร")

    def _add_link(self, link: Link, keys: set[str], page: PageRecord) -> None:
        if not keys:
            return
        if link.kind in (LinkKind.EXTERNAL, LinkKind.EMPTY) and link.url not in self.documents:
            self.unfetched.setdefault(link.url, (link, list(page.click_path)))
        for key in keys:
            self._add(key, link.url, f"ลิงก์ “{link.text.strip()[:80]}”")

    @staticmethod
    def _link_keys(link: Link, phrases: PhraseIndex, url_hints: dict[str, tuple[str, ...]]) -> set[str]:
        text = skeleton(link.text)
        keys = phrases.keys_in(text)
        if not keys and len(text) < GENERIC_LINK_TEXT_CHARS and link.context:
            keys = phrases.keys_in(skeleton(link.context))
        return keys | _url_keys(link.url, url_hints)


def _url_keys(url: str, url_hints: dict[str, tuple[str, ...]]) -> set[str]:
    lowered = url.lower()
    return {key for key, fragments in url_hints.items() if any(f in lowered for f in fragments)}
