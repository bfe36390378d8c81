"""``oit bench scale`` end to end on a tiny fleet: the embedded engine and one Celery worker on a
throwaway PostgreSQL and Redis, the figures of each and whether their verdicts agree."""

from __future__ import annotations

import copy
import json

from bench.scale import differing_sites
from oit.cli import main

FIGURES = {
    "seconds",
    "sites",
    "pages",
    "documents",
    "documents_read",
    "ocr_pages",
    "cpu_seconds",
    "cpu_seconds_servers",
    "sites_per_hour",
    "documents_per_hour",
    "ocr_pages_per_hour",
    "cpu_seconds_per_site",
    "peak_rss_mb",
}


def test_a_tiny_fleet_through_the_embedded_engine_and_one_celery_worker(tmp_path):
    out = tmp_path / "scale.json"
    # Whole sites, every document: which pages and documents fit in a small budget depends on the
    # order the answers arrive in, and the verdicts with it (README, "Scale").
    argv = [
        "bench",
        "scale",
        "--sites",
        "4",
        "--workers",
        "1",
        "--budget",
        "1000",
        "--documents",
        "1000",
        "--document-sites",
        "0.25",
    ]
    assert main([*argv, "--out", str(out), "--work", str(tmp_path / "work")]) == 0

    results = json.loads(out.read_text(encoding="utf-8"))
    embedded, celery = results["configurations"]["embedded"], results["configurations"]["celery-1"]
    for figures in (embedded, celery):
        assert FIGURES <= figures.keys()
        assert figures["sites"] == 4 and figures["pages"] > 0 and figures["cpu_seconds"] > 0
    assert celery["worker_processes"] == 1
    assert celery["cpu_seconds_servers"] > 0  # PostgreSQL and Redis worked, and are counted
    assert embedded["cpu_seconds_servers"] == 0
    assert embedded["documents_read"] > 0 and embedded["documents_read"] == celery["documents_read"]
    # the documents stage OCRs the first pages; the rest of a scan an item needs is read after judging
    assert 0 < embedded["documents_step"]["ocr_pages"] <= embedded["ocr_pages"]
    assert results["verdicts_agree"] is True and results["sites_differing"] == {}
    overhead = results["overhead_celery_1_vs_embedded"]
    per_site = (celery["cpu_seconds"] - embedded["cpu_seconds"]) / 4  # figures rounded to 0.1 s
    assert abs(overhead["cpu_seconds_per_site"] - per_site) < 0.05


def test_a_site_whose_verdict_differs_is_named():
    site = {"id": "a", "items": [{"code": "o1", "status": "pass"}]}
    reference = {"run": {"as_of": "2026-11-22"}, "sites": [site, {"id": "b", "items": []}]}
    other = copy.deepcopy(reference)
    assert differing_sites(reference, other) == []
    other["sites"][0]["items"][0]["status"] = "missing"
    other["sites"].append({"id": "c", "items": []})
    assert differing_sites(reference, other) == ["a", "c"]
