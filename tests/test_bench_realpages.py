"""``oit bench realpages`` end to end on a tiny corpus of paraphrased pages: each page served as its
own loopback site, crawled by ``python -m crawler``, judged, scored; and the labels file's errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.realpages import load_corpus, page_file, run_realpages
from oit.yamlfile import YamlError

PAGES = {
    # a dated event post whose title never says ข่าว
    "http://example.invalid/news/77": (
        "news",
        "real",
        "ชาวบ้านร่วมปลูกต้นไม้ริมถนนสายหลัก\nเมื่อวันที่ 15 ตุลาคม 2569 เวลา 09.00 น. นายก อบต.ทดสอบ นำคณะผู้บริหารและประชาชนปลูกต้นไม้ 300 ต้น",
    ),
    # an HR rule titled by its own name, with nothing but the title
    "http://example.invalid/hr/3": ("hr_criteria", "title", "หลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงานของพนักงานส่วนตำบล"),
    # a vision page: evidence for nothing
    "http://example.invalid/vision": ("none", "real", "วิสัยทัศน์และพันธกิจ\nตำบลน่าอยู่ ประชาชนมีคุณภาพชีวิตที่ดี เศรษฐกิจชุมชนเข้มแข็ง"),
}


def write_corpus(folder: Path, pages=PAGES) -> tuple[Path, Path]:
    texts = folder / "pages"
    texts.mkdir()
    lines = ["pages:"]
    for url, (label, content, text) in pages.items():
        lines.append(f"  - {{url: '{url}', host: example.invalid, label: {label}, content: {content}}}")
        page_file(texts, url).write_text(text, encoding="utf-8")
    labels = folder / "labels.yaml"
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return labels, texts


def test_real_pages_are_served_crawled_judged_and_scored(tmp_path):
    labels, texts = write_corpus(tmp_path)
    score, notes = run_realpages(labels, texts, None, dt.date(2026, 11, 22), tmp_path / "run")
    assert notes[0].startswith("3 labelled pages")
    assert score.labelled == {"news": 1, "hr_criteria": 1}
    assert score.attribution["news"].tp == 1 and score.acceptance["news"].tp == 1
    assert score.attribution["hr_criteria"].tp == 1  # found by its title, though it has no content
    assert score.wrong_passes == []


def test_bad_labels_are_refused_with_file_and_line(tmp_path):
    labels, texts = write_corpus(tmp_path, {"http://example.invalid/x": ("no_such_item", "real", "ข้อความ")})
    with pytest.raises(YamlError, match=r"labels.yaml:2: pages\[0\].label: unknown stable key 'no_such_item'"):
        load_corpus(labels, texts, {"news"})


def test_a_page_without_stored_text_is_noted_not_scored(tmp_path):
    labels, texts = write_corpus(tmp_path)
    page_file(texts, "http://example.invalid/vision").unlink()
    pages, notes = load_corpus(labels, texts, {"news", "hr_criteria"})
    assert len(pages) == 2 and "no stored text for http://example.invalid/vision" in notes[0]
