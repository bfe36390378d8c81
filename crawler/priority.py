"""Focused crawl order: how much a link looks like it leads to OIT evidence.

Real sites have thousands of news pages; the page budget is spent first on links whose anchor text,
surrounding text or URL names an OIT item (the hint phrases and item names of every rule set, plus a
built-in list), and on ITA index pages above all. Everything else is breadth-first.

The rule sets' terms come as data (``python -m crawler --focus-terms FILE``, written by the launcher
from what its caller took from the rules): the crawler imports nothing from the engine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from oit.errors import UserError
from thai.text import skeleton

# ITA index pages list o1..oN with their evidence links: the cheapest route to everything.
INDEX_TERMS = (
    "ITA",
    "OIT",
    "คุณธรรมและความโปร่งใส",
    "ประเมินคุณธรรม",
    "การเปิดเผยข้อมูลสาธารณะ",
    "ข้อมูลสาธารณะ",
)
ITEM_TERMS = (
    "โครงสร้าง",
    "ผู้บริหาร",
    "อำนาจหน้าที่",
    "หน้าที่และอำนาจ",
    "ข้อมูลหน่วยงาน",
    "ติดต่อ",
    "กฎหมาย",
    "ถาม-ตอบ",
    "ถามตอบ",
    "กระดาน",
    "เว็บบอร์ด",
    "Q&A",
    "แผน",
    "ยุทธศาสตร์",
    "งบประมาณ",
    "รายงาน",
    "ผลการดำเนินงาน",
    "คู่มือ",
    "มาตรฐาน",
    "สถิติ",
    "ความพึงพอใจ",
    "E-Service",
    "บริการออนไลน์",
    "จัดซื้อจัดจ้าง",
    "จัดหาพัสดุ",
    "สขร",
    "ประกาศ",
    "ทรัพยากรบุคคล",
    "บุคลากร",
    "ร้องเรียน",
    "ร้องทุกข์",
    "ทุจริต",
    "ประพฤติมิชอบ",
    "ความคิดเห็น",
    "มีส่วนร่วม",
    "เจตจำนง",
    "ความเสี่ยง",
    "คุณธรรม",
    "โปร่งใส",
    "No Gift",
    "ของขวัญ",
    "จริยธรรม",
    "ประมวลจริยธรรม",
    "คุ้มครองข้อมูลส่วนบุคคล",
    "นโยบาย",
    "ข่าวประชาสัมพันธ์",
    "Social Network",
    "Facebook",
    # where officers upload the files the ITA asks for (the public information centre, downloads)
    "ข้อมูลข่าวสาร",
    "เอกสารเผยแพร่",
    "ดาวน์โหลดเอกสาร",
    "เอกสารดาวน์โหลด",
)
URL_TERMS = (
    "structure",
    "executive",
    "authority",
    "contact",
    "plan",
    "report",
    "manual",
    "procure",
    "egp",
    "complain",
    "corrupt",
    "integrity",
    "ethic",
    "nogift",
    "no-gift",
    "personnel",
    "webboard",
    "board",
    "law",
    "statistic",
    "budget",
    "privacy",
)
_ITEM_CODE = re.compile(r"(?<![a-z0-9])o\s?(?:[1-9]|[1-4][0-9])(?![0-9])")
# Other views of pages a site already has: print versions, sorted copies of a list, tag and
# calendar pages (a calendar has no last month). Real sites have thousands; they are never the
# only route to evidence, so they wait until everything else is fetched.
_DUPLICATE_QUERY = re.compile(
    r"(?:^|[&;])(?:print|tmpl|sort|order|orderby|ym|calendar|tag|tags|share|"
    r"replytocom)=",
    re.IGNORECASE,
)
_DUPLICATE_PATH = re.compile(r"/(?:tags?|calendar|print|feed|share)(?:/|\.|$)", re.IGNORECASE)
_DUPLICATE_TEXT = re.compile(r"^(?:พิมพ์|print|ปฏิทิน|แท็ก|tag)", re.IGNORECASE)
# A pager's links: a page number, or first/previous/next/last in words or arrows.
_PAGER_TEXT = re.compile(
    r"^(?:[0-9๐-๙]{1,4}|»|(?:หน้า)?(?:ถัดไป|ต่อไป|ก่อนหน้า|แรก|สุดท้าย|แรกสุด)|"
    r"next|prev(?:ious)?|first|last|older|newer)$",
    re.IGNORECASE,
)

INDEX_SCORE, ITEM_SCORE, CONTEXT_SCORE, DUPLICATE_SCORE = 3, 2, 1, -1


def _alternation(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex for many literal terms, as a trie: hundreds of rule phrases cost a few
    microseconds a link, where a flat alternation tries every phrase at every position."""
    trie: dict = {}
    for form in {skeleton(t) for t in terms if t.strip()}:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(pattern(trie) or "(?!)")


def read_focus_terms(path: str | Path) -> list[str]:
    """The terms file the launcher writes: a JSON list of phrases."""
    try:
        terms = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: focus terms not read: {exc}") from None
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        raise UserError(f"{path}: focus terms must be a JSON list of strings")
    return terms


class LinkScorer:
    """Scores links; higher is fetched first. 0 means nothing suggests evidence."""

    def __init__(self, extra_terms: Iterable[str] = ()):
        self._index = _alternation(INDEX_TERMS)
        self._item = _alternation((*ITEM_TERMS, *extra_terms))
        self._url = re.compile(r"(?<![a-z])(?:" + "|".join(URL_TERMS) + ")")
        self._url_index = re.compile(r"(?<![a-z])(?:ita|oit)(?![a-z])")

    def score(self, url: str, text: str, context: str = "", page_score: int = 0) -> int:
        """``page_score``: the score the linking page was fetched at. A list's next pages are as
        good as its first (OIT files on page 7 of a documents list): a pager link inherits it."""
        target = url.split("://", 1)[-1].partition("/")[2]
        path, _, query = target.partition("?")
        if _DUPLICATE_QUERY.search(query) or _DUPLICATE_PATH.search("/" + path) or _DUPLICATE_TEXT.match(text.strip()):
            return DUPLICATE_SCORE
        if _PAGER_TEXT.match(text.strip(" \t\n«‹<>›»…·|()[]") or "»"):
            return max(page_score, 0)
        label = skeleton(text)
        if self._index.search(label):
            return INDEX_SCORE
        if self._item.search(label) or _ITEM_CODE.search(label):
            return ITEM_SCORE
        path = unquote(url.split("://", 1)[-1].partition("/")[2]).lower()
        if self._url_index.search(path):
            return INDEX_SCORE
        if self._url.search(path):
            return ITEM_SCORE
        if context and self._item.search(skeleton(context[:150])):
            return CONTEXT_SCORE
        return 0

    def page_is_candidate(self, title: str, headings: Iterable[str]) -> bool:
        """Does the page itself look like evidence (its title or a heading names an item)?"""
        text = skeleton(" ".join((title, *headings)))
        return bool(self._index.search(text) or self._item.search(text))
