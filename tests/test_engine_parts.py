"""Parts of the engine on their own: phrase index, freshness, month coverage, generic links."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluate.candidates import is_generic_link_text
from evaluate.context import JudgeContext
from evaluate.facts import YearFacts
from evaluate.freshness import judge_freshness
from evaluate.matcher import PhraseIndex
from evaluate.rules import Freshness
from thai.text import skeleton


def test_phrase_index_finds_every_items_phrases_in_one_pass_with_overlaps():
    index = PhraseIndex(
        {
            "annual_report": (skeleton("รายงานผลการดำเนินงานประจำปี"),),
            "six_month": (skeleton("รายงานผลการดำเนินงาน รอบ 6 เดือน"),),
            "report": (skeleton("รายงาน"),),
            "plan": (skeleton("แผนการดำเนินงาน"),),
        }
    )
    text = skeleton("ดาวน์โหลด รายงานผลการดำเนินงานประจำปี และแผนการดำเนินงาน")
    assert index.keys_in(text) == {"annual_report", "report", "plan"}
    assert index.keys_in(skeleton("รายงานผลการดำเนินงาน รอบ ๖ เดือน")) == {"six_month", "report"}
    assert index.keys_in("") == set() and PhraseIndex({}).keys_in("abc") == set()


def test_skeleton_matching_survives_damaged_pdf_text():
    index = PhraseIndex({"annual_plan": (skeleton("แผนการดำเนินงานประจำปี"),)})
    assert index.keys_in(skeleton("แผนการดาเนินงาน ประจาปี")) == {"annual_plan"}  # lost ำ, spaces
    assert index.keys_in(skeleton("เเผนการดำเนินงานประจำปี")) == {"annual_plan"}  # เเ typed for แ


def facts(stated=(), ranges=(), dated=(), plain=()) -> YearFacts:
    return YearFacts(frozenset(stated), tuple(ranges), frozenset(dated), frozenset(plain))


@pytest.mark.parametrize(
    "freshness, years, ok, found",
    [
        (Freshness.CURRENT_FY, facts(stated=[2570]), True, 2570),
        (Freshness.CURRENT_FY, facts(stated=[2569], dated=[2570]), False, 2569),  # stated beats posting date
        (Freshness.CURRENT_FY, facts(dated=[2570]), True, 2570),
        (Freshness.CURRENT_FY, facts(), False, None),
        (Freshness.PREVIOUS_FY, facts(stated=[2569]), True, 2569),
        (Freshness.PREVIOUS_FY, facts(stated=[2567]), False, 2567),
        (Freshness.PLAN_RANGE, facts(ranges=[(2566, 2570)]), True, 2570),
        (Freshness.PLAN_RANGE, facts(ranges=[(2561, 2565)]), False, 2565),
        (Freshness.CURRENT_YEAR_CONTENT, facts(stated=[2569], dated=[2570]), True, 2570),
        (Freshness.NONE, facts(stated=[2550]), True, 2550),
    ],
)
def test_freshness(freshness, years, ok, found):
    result = judge_freshness(freshness, years, 2570)
    assert (result.ok, result.year_found) == (ok, found)


def test_months_so_far_are_the_ended_months_of_the_fiscal_year():
    assert JudgeContext(dt.date(2026, 10, 5)).months_so_far() == []
    assert JudgeContext(dt.date(2027, 2, 15)).months_so_far() == [(2569, 10), (2569, 11), (2569, 12), (2570, 1)]
    assert len(JudgeContext(dt.date(2027, 9, 1)).months_so_far(max_months=6)) == 6
    assert JudgeContext(dt.date(2026, 11, 22)).fiscal_year == 2570


@pytest.mark.parametrize(
    "text, generic",
    [
        ("อ่านต่อ", True),
        ("คลิก", True),
        ("o12", True),
        ("ข้อ o3", True),
        ("Scan2023-10-16_105945.pdf", True),
        ("", True),
        ("แผนพัฒนาท้องถิ่น", False),
        ("งานบริการ", False),
    ],
)
def test_generic_link_texts(text, generic):
    assert is_generic_link_text(skeleton(text)) is generic
