"""Where evidence for each item may be: candidate sources of one site, found through hints.

Hints are link texts (menus included: they say where to look), the text around a link (an ITA
table row), titles, headings, the start of the main content or of a document, file names and URL
fragments. A hint only makes a source a candidate; the item's elements and year decide.
A page whose main-content links name many items (an ITA index, a site map) is a hub: its links
are hints, its own text is evidence for nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from evaluate.context import JudgeContext
from evaluate.matcher import PhraseIndex
from evaluate.sources import (
    Boilerplate,
    Source,
    cached_skeleton,
    document_source,
    link_source,
    page_source,
    site_boilerplate,
)
from evaluate.verdicts import Hint, HintKind
from store.records import NAMED_URL_STEP, DocumentRecord, Link, LinkKind, PageRecord, SiteSnapshot
from thai.dates import ABBREVIATED_MONTHS, FULL_MONTHS, find_fiscal_years
from thai.text import skeleton

HUB_MIN_KEYS = 5  # a page linking to this many different items is an index of them
# An ITA criteria listing (O39 ประมวลจริยธรรม… O40 การขับเคลื่อนจริยธรรม…) names items by their codes
# in its text: like an index, its own text is evidence for nothing.
ITEM_CODE = re.compile(r"(?<![a-z0-9])(?:o|oit|moit|eb)\s?(\d{1,2})(?![0-9])", re.IGNORECASE)
CRITERIA_LIST_MIN_CODES = 3
CRITERIA_LIST_CHARS = 1000  # looked for near the start: a long report may cite a code or two further on
# Link texts that say nothing about the target: then the text around the link (or the target) tells.
GENERIC_LINK_WORDS = tuple(
    skeleton(w)
    for w in (
        "อ่านต่อ",
        "คลิก",
        "คลิกที่นี่",
        "ดาวน์โหลด",
        "ดาวน์โหลดเอกสาร",
        "รายละเอียด",
        "ดูเพิ่มเติม",
        "เปิดเอกสาร",
        "เอกสาร",
        "ไฟล์แนบ",
        "link",
        "ลิงก์",
        "here",
        "more",
        "download",
        "pdf",
        "view",
        "เปิด",
        "ดู",
    )
)
CODE_OR_FILE = re.compile(
    r"^(?:ขอ\s*)?(?:o|oit)?\s*\d{1,2}\s*[:.]?$"  # an item code: o12, ข้อ 3
    r"|^[\w\-. ]+\.(?:pdf|docx?|xlsx?)$"  # a file name
    r"|^\S*(?:https?:|www\.|[/?=])\S*$",  # a URL or its tail (view?usp=sharing)
    re.IGNORECASE,
)


# What an event report says near its start: when and where it happened, who led it.
POST_MARKERS = tuple(
    skeleton(w)
    for w in (
        "เวลา",
        "นำโดย",
        "จัดกิจกรรม",
        "จัดงาน",
        "จัดโครงการ",
        "เป็นประธาน",
        "ในพิธี",
        "ร่วมกับ",
        "ภาพกิจกรรม",
        "อัลบั้มภาพ",
        "ประเพณี",
        "ขอเชิญ",
        "เชิญชวน",
        "ดำเนินการจัด",
        "ได้ดำเนิน",
        "วันนี้",
        "ลงพื้นที่",
        "พร้อมด้วย",
        "พร้อมทั้ง",
        "นำคณะ",
        "กล่าวเปิด",
        "กล่าวรายงาน",
        "ดำเนินกิจกรรม",
        "ได้รับมอบหมาย",
        "posted by",
    )
)
POST_DAY = re.compile(
    r"(?:^|[\s(]|วัน\S*ที)\s?\d{1,2}\s?(?:" + "|".join(skeleton(m) for m in (*FULL_MONTHS, *ABBREVIATED_MONTHS, "พฤษจิกายน")) + ")"
)  # the last one: a common misspelling
POST_MIN_MARKERS = 1


def is_post(source: Source) -> bool:
    """A dated post with its own title (a festival, a meeting, a visit): the extractor read a date
    in it and its start tells of an event. Whatever its title says, it is a news item's candidate."""
    if not source.title:
        return False
    start = source.lead.lower()
    return bool(POST_DAY.search(start)) and sum(1 for marker in POST_MARKERS if marker in start) >= POST_MIN_MARKERS


def is_generic_link_text(text: str) -> bool:
    """อ่านต่อ, คลิก, "o12", "Scan2023-10-16_105945.pdf", a URL, or nothing at all."""
    text = text.strip()
    return not text or text in GENERIC_LINK_WORDS or bool(CODE_OR_FILE.match(text))


@dataclass(slots=True)
class Candidate:
    url: str
    hint: Hint  # how it was found


@dataclass(slots=True)
class SiteIndex:
    """A snapshot's sources, built once and shared by every item rule."""

    snapshot: SiteSnapshot
    pages: dict[str, PageRecord] = field(default_factory=dict)
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    unfetched: dict[str, tuple[Link, list[str]]] = field(default_factory=dict)  # external/'#' links
    hubs: set[str] = field(default_factory=set)
    candidates: dict[str, dict[str, Candidate]] = field(default_factory=dict)  # key -> url -> candidate
    _sources: dict[str, Source] = field(default_factory=dict)
    _link_paths: dict[str, list[str]] | None = None  # url -> shortest click path through links, on demand

    @classmethod
    def build(
        cls,
        snapshot: SiteSnapshot,
        phrases: PhraseIndex,
        url_hints: PhraseIndex,
        extra: dict[str, list[str]] | None = None,
        titles: PhraseIndex | None = None,
        post_keys: frozenset[str] = frozenset(),
    ) -> SiteIndex:
        cached_skeleton.cache_clear()  # memoise within one site: its menus and footers repeat on every page
        index = cls(snapshot)
        for page in snapshot.pages:
            for url in (page.url, page.requested_url, *page.redirect_chain):
                if url:
                    index.pages.setdefault(url, page)
        index.documents = {doc.url: doc for doc in snapshot.documents}
        home = snapshot.crawl.home_url or snapshot.crawl.site.url
        index.boilerplate = site_boilerplate(snapshot.pages, index.pages[home].url if home in index.pages else home)
        index._find_candidates(phrases, url_hints, titles or PhraseIndex({}), post_keys)
        for key, urls in (extra or {}).items():
            for url in urls:
                index._add(key, url, Hint(HintKind.OVERRIDE))
        return index

    def context(self, as_of: dt.date) -> JudgeContext:
        return JudgeContext(as_of, self.documents, self.publishing_years)

    def publishing_years(self, url: str) -> set[int]:
        """Fiscal years the site's pages give a document in the links to it ("ประกาศเผยแพร่แผน...
        ปีงบประมาณ พ.ศ. ๒๕๖๘"): how the publishing page describes it, when the scan is unreadable."""
        doc = self.documents.get(url)
        if doc is None or not doc.link_texts:
            return set()
        return {m.year for m in find_fiscal_years(" | ".join(doc.link_texts)) if m.kind in ("stated", "plain")}

    def source(self, url: str) -> Source | None:
        """The prepared source behind ``url``; None when the crawl never fetched it."""
        if url in self._sources:
            return self._sources[url]
        if url in self.pages:
            made = page_source(self.pages[url], self.boilerplate)
        elif url in self.documents:
            made = document_source(self.documents[url])
        elif url in self.unfetched:
            made = link_source(url, *self.unfetched[url])
        else:
            return None
        if made.click_path == [NAMED_URL_STEP]:  # fetched because named: is it linked from the site?
            made.click_path = self.linked_path(url) or self.linked_path(made.url) or made.click_path
        self._sources[url] = made
        return made

    def linked_path(self, url: str) -> list[str] | None:
        """The shortest click path to ``url`` through the links of the crawled pages (pages reached
        only because they were named do not count); None when no crawled page links it."""
        if self._link_paths is None:
            self._link_paths = {}
            for page in self.snapshot.pages:
                if not page.ok or page.click_path == [NAMED_URL_STEP]:
                    continue
                for link in page.links:
                    known = self._link_paths.get(link.url)
                    if known is None or len(page.click_path) + 1 < len(known):
                        self._link_paths[link.url] = [*page.click_path, link.step]
        return self._link_paths.get(url)

    def _add(self, key: str, url: str, hint: Hint) -> None:
        self.candidates.setdefault(key, {}).setdefault(url, Candidate(url, hint))

    def _find_candidates(
        self, phrases: PhraseIndex, url_hints: PhraseIndex, titles: PhraseIndex, post_keys: frozenset[str]
    ) -> None:
        link_keys: dict[tuple[str, str, str], set[str]] = {}  # menus repeat on every page: judge each link once
        for page in self.snapshot.pages:
            if not page.ok:
                continue
            keys_linked_from_main: set[str] = set()
            for link in page.links:
                seen = (link.url, link.text, link.context)
                keys = link_keys.get(seen)
                if keys is None:
                    keys = link_keys[seen] = self._link_keys(link, phrases, url_hints, titles)
                    self._add_link(link, keys, page)
                if link.in_main:
                    keys_linked_from_main |= keys
            if len(keys_linked_from_main) >= HUB_MIN_KEYS:
                self.hubs.add(page.url)
        home = self.boilerplate.home_url
        for page in {id(p): p for p in self.pages.values()}.values():
            if page.ok and page.url not in self.hubs:
                source = self.source(page.url)
                assert source is not None  # every stored page is a source
                codes = set(ITEM_CODE.findall(f"{source.head} {source.text[:CRITERIA_LIST_CHARS]}"))
                if len(codes) >= CRITERIA_LIST_MIN_CODES:
                    self.hubs.add(page.url)
                    continue
                named = phrases.keys_in(source.head) | titles.keys_in(source.head)
                for key in phrases.keys_in(source.lead) | named | _url_keys(page.url, url_hints):
                    self._add(key, page.url, Hint(HintKind.TITLE))
                if post_keys and page.url != home and not named - post_keys and is_post(source):
                    # a post named for another item (an ethics drive report) is that item's evidence
                    for key in post_keys:
                        self._add(key, page.url, Hint(HintKind.DATED_POST))
                for key in named:
                    self._add_attachments(key, page)
        for doc in self.snapshot.documents:
            source = self.source(doc.url)
            assert source is not None  # every stored document is a source
            keys = phrases.keys_in(source.lead or source.title) | titles.keys_in(source.head or source.title)
            for key in keys | _url_keys(doc.url, url_hints):
                self._add(key, doc.url, Hint(HintKind.DOCUMENT_TITLE))

    def _add_attachments(self, key: str, page: PageRecord) -> None:
        """A page titled for the item: what it attaches is the item's evidence too, whatever the
        link says (ดาวน์โหลดเอกสาร, a scanner file name, a Drive link, a dead '#')."""
        for link in page.links:
            page_specific = self.boilerplate.measured and (link.url, link.text) not in self.boilerplate.links
            if not (link.in_main or page_specific):
                continue  # a menu entry; links outside the main area that only this page has count
            attached = link.kind in (LinkKind.DOCUMENT, LinkKind.FRAME, LinkKind.EXTERNAL, LinkKind.EMPTY)
            if attached or is_generic_link_text(cached_skeleton(link.text)):
                self._add(key, self._target(link, page), Hint(HintKind.LINK, link.text.strip()[:80], page.title.strip()[:80]))

    def _target(self, link: Link, page: PageRecord) -> str:
        """Where a link leads, as a source key. A dead entry ('#') has no target: it is keyed by
        the page that shows it and its text, so each dead entry is judged on its own."""
        if link.kind is LinkKind.EMPTY:
            key = f"{page.url}#{link.text.strip()}"
            self.unfetched.setdefault(key, (link, list(page.click_path)))
            return key
        if link.kind is LinkKind.EXTERNAL and link.url not in self.documents:
            self.unfetched.setdefault(link.url, (link, list(page.click_path)))
        return link.url

    def _add_link(self, link: Link, keys: set[str], page: PageRecord) -> None:
        if not keys:
            return
        target = self._target(link, page)
        for key in keys:
            self._add(key, target, Hint(HintKind.LINK, link.text.strip()[:80]))

    @staticmethod
    def _link_keys(link: Link, phrases: PhraseIndex, url_hints: PhraseIndex, titles: PhraseIndex) -> set[str]:
        text = cached_skeleton(link.text)
        keys = phrases.keys_in(text) | titles.keys_in(text)
        if not keys and link.in_main and link.context and is_generic_link_text(text):
            keys = phrases.keys_in(cached_skeleton(link.context))  # "o7 ... คลิก" in an ITA table row
        return keys | _url_keys(link.url, url_hints)


def _url_keys(url: str, url_hints: PhraseIndex) -> set[str]:
    return url_hints.keys_in(url.lower())
