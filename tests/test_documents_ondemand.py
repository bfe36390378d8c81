"""Scanned pages read on demand: a real crawl over loopback of a site whose scans are bound
reports (title page, contents, body on page 3, annex), OCR as planned (first pages until a year,
then the last page), the evaluation, then the rest of the scans that an incomplete item cites."""

from __future__ import annotations

import pytest

from crawler.urls import canonical
from documents.cache import DocumentCache
from documents.ocr import ocr_available
from documents.ondemand import read_rest
from evaluate.engine import evaluate_run
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import ItemStatus
from fleet.items import ITEMS
from fleet.testing import crawl_into_store, custom_site

pytestmark = pytest.mark.skipif(not ocr_available(), reason="needs tesseract-ocr-tha and poppler-utils")

# The service manual's elements (steps, time, place, fees) stand in its body, on page 3; the annual
# report is judged by its title page alone.
PUBLISHED = ("service_manual", "annual_report")


def _statuses(result) -> dict[str, ItemStatus]:
    return {item.key: item.status for item in result.sites[0].items if item.key in PUBLISHED}


def test_an_element_on_a_later_page_of_a_scan_is_found_only_by_reading_on_demand(make_fleet, tmp_path) -> None:
    others = [item.key for item in ITEMS if item.form == "document" or item.key.startswith("procurement_monthly")]
    states = [(key, "absent") for key in others if key not in PUBLISHED] + [(key, "current") for key in PUBLISHED]
    fleet = make_fleet([custom_site("long-scans", profile="good", long_scans=True, states=tuple(sorted(states)))])
    store, run_id = crawl_into_store(fleet.sites_file, tmp_path, fleet.as_of, ocr=True)
    ruleset = load_ruleset(None)
    first = evaluate_run(store, run_id, ruleset, fleet.as_of)
    assert _statuses(first) == {"service_manual": ItemStatus.INCOMPLETE, "annual_report": ItemStatus.PASS}
    truth = fleet.truth()["long-scans"]
    manual_url, report_url = (
        canonical(next(url for url in truth[key].evidence_urls if url.endswith(".pdf"))) for key in PUBLISHED
    )
    manual = store.stored_document(run_id, "long-scans", manual_url)
    assert manual is not None and manual.pages == 4 and manual.pages_read < 4  # the body was not read

    with DocumentCache(tmp_path / "documents.sqlite") as cache:
        stats = read_rest(store, first, cache=cache)
    assert (stats.documents, stats.sites) == (1, {"long-scans"})  # the annual report needs nothing more
    assert stats.ocr_pages == 4
    manual = store.stored_document(run_id, "long-scans", manual_url)
    report = store.stored_document(run_id, "long-scans", report_url)
    assert manual is not None and manual.pages_read == 4
    assert report is not None and report.pages_read < report.pages == 4  # not OCR'd further

    again = evaluate_run(store, run_id, ruleset, fleet.as_of, site_ids=stats.sites)
    assert _statuses(again) == {"service_manual": ItemStatus.PASS, "annual_report": ItemStatus.PASS}
    store.close()
