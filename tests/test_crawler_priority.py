"""Focused order on large sites: other views of the same pages wait, a scored list's next pages do not."""

from __future__ import annotations

from crawler.frontier import Frontier, Target
from crawler.priority import DUPLICATE_SCORE, ITEM_SCORE, LinkScorer

BASE = "http://127.0.0.9/"


def test_print_sorted_tag_and_calendar_views_come_last():
    scorer = LinkScorer()
    for url, text in (
        (BASE + "news.php?id=12&print=1", "พิมพ์หน้านี้"),
        (BASE + "index.php?option=com_content&id=3&tmpl=component", "Print"),
        (BASE + "announce?page=2&sort=title", "title"),
        (BASE + "tag/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8", "ประกาศ"),  # a tag named like an item
        (BASE + "calendar?ym=2026-11", "ปฏิทินกิจกรรม"),
    ):
        assert scorer.score(url, text) == DUPLICATE_SCORE, url
    # the article itself, and a Joomla article URL (view=article is not a duplicate view)
    assert scorer.score(BASE + "news.php?id=12", "ประกาศผู้ชนะการเสนอราคา") == ITEM_SCORE
    assert scorer.score(BASE + "index.php?option=com_content&view=article&id=3", "โครงสร้างส่วนราชการ") == ITEM_SCORE


def test_a_pager_link_inherits_the_score_of_its_list():
    scorer = LinkScorer()
    for text in ("7", "๗", "ถัดไป ›", "หน้าถัดไป", "สุดท้าย »", "»", "Next"):
        assert scorer.score(BASE + "docs?page=7", text, page_score=ITEM_SCORE) == ITEM_SCORE, text
        assert scorer.score(BASE + "gallery?page=7", text, page_score=0) == 0, text
    # a number inside a title is not a pager
    assert scorer.score(BASE + "x", "ประกาศ ฉบับที่ 3", page_score=0) == ITEM_SCORE
    assert scorer.score(BASE + "documents", "ดาวน์โหลดเอกสาร") == ITEM_SCORE


def test_frontier_spends_the_budget_on_a_documents_list_before_the_duplicates():
    scorer = LinkScorer()
    state = Frontier(page_budget=2, document_budget=0, depth_limit=6)
    for n in range(50):  # print views and sorted copies found first, one click from home
        for url, text in ((f"{BASE}news.php?id={n}&print=1", "พิมพ์"), (f"{BASE}news.php?page={n}&sort=title", "title")):
            state.push(Target(url, "page", 2, scorer.score(url, text)))
    state.push(Target(BASE + "docs?page=7", "page", 3, scorer.score(BASE + "docs?page=7", "7", page_score=ITEM_SCORE)))
    state.push(Target(BASE + "gallery?page=2", "page", 3, scorer.score(BASE + "gallery?page=2", "2")))
    assert [state.pop().url, state.pop().url] == [BASE + "docs?page=7", BASE + "gallery?page=2"]
