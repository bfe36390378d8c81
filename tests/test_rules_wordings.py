"""Hints of the item library against wordings seen on real SAO websites (menus, link texts,
titles), written as sites write them: Thai digits, spaces, dashes, sara am. A wording must make its
source a candidate for its stable key and for no key it would be mistaken for."""

from __future__ import annotations

import pytest

from evaluate.engine import compile_rules
from evaluate.ruleset import load_ruleset
from thai.text import skeleton

REAL_WORDINGS = [
    ("structure", "โครงสร้างองค์กร"),
    ("structure", "แผนภูมิโครงสร้าง อบต."),
    ("structure", "โครงสร้างส่วนราชการ"),
    ("structure", "โครงสร้างการแบ่งส่วนราชการ"),
    ("structure", "แผนผังองค์กร"),
    ("executives", "ข้อมูลผู้บริหาร"),
    ("executives", "คณะผู้บริหาร"),
    ("executives", "ทำเนียบผู้บริหาร"),
    ("executives", "ทำเนียบบุคลากร"),
    ("executives", "ผู้บริหารเทศบาล"),
    ("authority", "อำนาจและหน้าที่"),
    ("authority", "ภารกิจและอำนาจหน้าที่"),
    ("contact", "ช่องทางติดต่อ"),
    ("laws", "กฎหมายน่ารู้"),
    ("laws", "กฎ ระเบียบ ที่เกี่ยวข้อง"),
    ("qa", "กระดานถาม-ตอบ"),
    ("qa", "ถาม - ตอบ"),
    ("qa", "Q&A"),
    ("qa", "เว็บบอร์ด"),
    ("qa", "กระทู้ถามตอบ"),
    ("social_network", "แฟนเพจ อบต."),
    ("e_service", "E-Service"),
    ("e_service", "Online Service"),
    ("procurement_announcement", "ประกาศจัดซื้อ-จัดจ้าง"),
    ("procurement_announcement", "ประกาศเชิญชวน"),
    ("procurement_monthly", "สรุปผลการจัดซื้อจัดจ้าง"),
    ("procurement_monthly", "สขร.1"),
    ("procurement_monthly", "แบบ สขร. ๑"),
    ("procurement_monthly", "สขร ๑ เดือนตุลาคม ๒๕๖๗"),
    ("procurement_monthly", "รายงานสรุปผลการพิจารณาการจัดซื้อจัดจ้าง"),
    ("procurement_monthly", "ผลการจัดซื้อจัดจ้างประจำเดือน ธันวาคม"),
    ("procurement_annual", "รายงานการวิเคราะห์ผลการจัดซื้อจัดจ้าง ประจำปี ๒๕๖๗"),
    ("hr_policy", "แผนพัฒนาพนักงานส่วนตำบล"),
    ("complaint_channel", "แจ้งเรื่องร้องเรียนการทุจริต"),
    ("complaint_channel", "ร้องเรียนการทุจริตและประพฤติมิชอบ"),
    ("complaint_channel", "ร้องเรียนเรื่องทุจริต"),
    ("integrity_intent", "แสดงเจตจำนงในการบริหารงาน"),
    ("risk_assessment", "การประเมินความเสี่ยงในการทุจริต"),
    ("anti_corruption_plan", "แผนการป้องกันการทุจริต ๔ ปี"),
    ("annual_report", "รายงานประจำปี ๒๕๖๖"),
]

# Wordings of neighbouring things that must not hint the key (they would turn "missing" into a
# wrong candidate): HR plans are not the executives page, general complaints are not corruption ones.
NOT_FOR = [
    ("executives", "แผนพัฒนาบุคลากร"),
    ("executives", "รายงานผลการพัฒนาบุคลากร"),
    ("complaint_channel", "ร้องเรียนร้องทุกข์"),
    ("structure", "โครงการก่อสร้างถนน"),
    ("qa", "คำถามที่พบบ่อย"),
    ("procurement_monthly", "แผนการจัดซื้อจัดจ้าง"),
]


@pytest.fixture(scope="module")
def phrases():
    return compile_rules(load_ruleset(None)).phrases


@pytest.mark.parametrize(("key", "wording"), REAL_WORDINGS)
def test_real_wording_hints_its_key(phrases, key, wording):
    assert key in phrases.keys_in(skeleton(wording))


@pytest.mark.parametrize(("key", "wording"), NOT_FOR)
def test_neighbouring_wording_does_not_hint_the_key(phrases, key, wording):
    assert key not in phrases.keys_in(skeleton(wording))
