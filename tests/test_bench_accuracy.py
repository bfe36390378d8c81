"""Scoring of ``oit bench accuracy`` on small in-memory judgements: per stable key, and per kind of
evidence (document-only next to page evidence) through the same comparison."""

from __future__ import annotations

import json

from bench.accuracy import DOCUMENT_ONLY, PAGE_EVIDENCE, Judged, Truth, by_evidence, compare, format_evidence_table, load_truth
from evaluate.verdicts import ItemStatus

PASS, MISSING, STALE = ItemStatus.PASS, ItemStatus.MISSING, ItemStatus.STALE

TRUTH = {
    "a": {
        "structure": Truth("current", kind="page"),
        "annual_plan": Truth("current", doc_only=True, kind="pdf"),
        "procurement_monthly": Truth("current", doc_only=True, kind="pdf_scan"),
        "budget_plan": Truth("unverifiable", doc_only=True, kind="drive"),
        "qa": Truth("absent", decoys=("http://a/near-miss",)),
    },
    "b": {
        "structure": Truth("current", kind="image"),
        "annual_plan": Truth("stale", doc_only=True, kind="pdf"),
        "procurement_monthly": Truth("current", doc_only=True, kind="xlsx"),
        "budget_plan": Truth("unverifiable", kind="external"),
    },
}
JUDGED = {
    "a": {
        "structure": Judged(PASS, ("http://a/structure",)),
        "annual_plan": Judged(PASS, ("http://a/plan.pdf",)),
        "procurement_monthly": Judged(MISSING, ()),  # the scan was not read
        "budget_plan": Judged(ItemStatus.UNVERIFIABLE, ()),
        "qa": Judged(PASS, ("http://a/near-miss",)),  # a trap page passed
    },
    "b": {
        "structure": Judged(PASS, ("http://b/structure",)),
        "annual_plan": Judged(PASS, ("http://b/plan-2565.pdf",)),  # an old plan taken as current
        "procurement_monthly": Judged(PASS, ("http://b/egp.xlsx",)),
        # b's budget_plan was not judged (e.g. the site was unreachable): counted nowhere
    },
}


def test_document_only_and_page_evidence_are_scored_apart():
    rows = compare(JUDGED, TRUTH, by_evidence).keys
    docs, page = rows[DOCUMENT_ONLY], rows[PAGE_EVIDENCE]
    # document-only: a/annual_plan tp, a/procurement fn, a/budget agree, b/annual_plan fp, b/procurement tp
    assert (docs.tp, docs.fp, docs.fn, docs.agree, docs.total) == (2, 1, 1, 3, 5)
    assert docs.f1 == 2 * 2 / (2 * 2 + 1 + 1)
    # page evidence: a/structure tp, a/qa fp (absent), b/structure tp
    assert (page.tp, page.fp, page.fn, page.agree, page.total) == (2, 1, 0, 2, 3)
    assert page.precision == 2 / 3 and page.recall == 1.0


def test_every_judgement_also_counts_in_its_kind_row():
    rows = compare(JUDGED, TRUTH, by_evidence).keys
    assert set(rows) == {
        DOCUMENT_ONLY,
        PAGE_EVIDENCE,
        "kind: page",
        "kind: image",
        "kind: pdf",
        "kind: pdf_scan",
        "kind: xlsx/data file",
        "kind: drive/external",
        "kind: nothing published",
    }
    assert rows["kind: pdf"].total == 2 and rows["kind: pdf"].precision == 0.5
    assert rows["kind: pdf_scan"].recall == 0.0 and rows["kind: xlsx/data file"].recall == 1.0
    assert rows["kind: drive/external"].total == 1 and rows["kind: drive/external"].f1 is None
    assert rows[DOCUMENT_ONLY].total + rows[PAGE_EVIDENCE].total == 8
    assert sum(s.total for k, s in rows.items() if k.startswith("kind: ")) == 8


def test_per_key_and_per_evidence_scores_come_from_the_same_judgements():
    per_key, per_evidence = compare(JUDGED, TRUTH), compare(JUDGED, TRUTH, by_evidence)
    assert set(per_key.keys) == {"structure", "annual_plan", "procurement_monthly", "budget_plan", "qa"}
    assert per_key.keys["annual_plan"].confusions == ["b annual_plan: stale -> pass"]
    for field in ("tp", "fp", "fn", "agree", "total"):
        by_side = sum(getattr(per_evidence.keys[row], field) for row in (DOCUMENT_ONLY, PAGE_EVIDENCE))
        assert sum(getattr(s, field) for s in per_key.keys.values()) == by_side, field
    # a trap is one judgement, listed once whatever the grouping
    assert per_key.traps_passed == per_evidence.traps_passed == ["a qa http://a/near-miss"]


def test_evidence_table_puts_document_only_next_to_page_evidence():
    lines = format_evidence_table(compare(JUDGED, TRUTH, by_evidence))
    assert lines[0].split()[:4] == ["evidence", "prec", "recall", "F1"]
    assert any(line.startswith("evidence: document-only") and line.split()[-1] == "5" for line in lines)
    assert lines[-1] == "document-only vs page evidence: F1 0.667 vs 0.800, status agreement 0.600 vs 0.667"


def test_truth_file_gives_doc_only_and_kind(tmp_path):
    path = tmp_path / "truth.json"
    item = {
        "state": "current",
        "decoys": [],
        "evidence_urls": ["http://a/x.pdf"],
        "doc_only": True,
        "kind": "pdf_scan",
        "fiscal_year": 2569,
        "missing_elements": [],
        "required_fiscal_year": 2569,
        "note": "",
    }
    path.write_text(
        json.dumps({"as_of": "2026-11-22", "sites": {"a": {"site_status": "ok", "items": {"annual_plan": item}}}}),
        encoding="utf-8",
    )
    truth, site_status = load_truth(path)
    assert truth["a"]["annual_plan"] == Truth("current", (), ("http://a/x.pdf",), True, "pdf_scan")
    assert site_status == {"a": "ok"}
    assert list(by_evidence("annual_plan", truth["a"]["annual_plan"])) == [DOCUMENT_ONLY, "kind: pdf_scan"]
