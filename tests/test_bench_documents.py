"""``oit bench documents``: the pages the tesseract-alone limit reads are the pipeline's count,
spread over the same scans from their first page on."""

from __future__ import annotations

from pathlib import Path

from bench.documents import reference_pages


def test_reference_pages_spread_the_pipelines_count_over_the_scans_from_page_one() -> None:
    a, b, c = Path("a.pdf"), Path("b.pdf"), Path("c.pdf")
    assert reference_pages([a, b, c], 4) == [(a, 1), (a, 2), (b, 1), (c, 1)]
    assert reference_pages([a, b], 2) == [(a, 1), (b, 1)]
    assert reference_pages([], 0) == []
