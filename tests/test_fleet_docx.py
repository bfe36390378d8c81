"""Evidence only in Word files and spreadsheets (issue 7): the fleet publishes DOCX items and
XLSX-only monthly procurement summaries with truth, serves them as Office files that
``documents.office`` reads, and crawl → documents → engine gives those items their truth state."""

from __future__ import annotations

import datetime as dt
import http.client
import re
from urllib.parse import urlsplit

import pytest

from bench.accuracy import TRUTH_STATUS, judge_keys
from crawler.urls import resolve_viewer
from documents.facts import document_facts
from documents.office import office_text
from documents.sniff import sniff
from evaluate.ruleset import load_ruleset
from fleet.builder import build_site
from fleet.sets import DEMO_AS_OF, bench_set, demo_set
from fleet.truth import expected_site_status
from store.records import DocumentStatus
from thai.text import normalize

pytestmark = pytest.mark.timeout(300)

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CASES = {(kind, state) for kind in MIME for state in ("current", "stale")}  # all in the demo set
LATER = dt.date(2027, 4, 20)  # months of the fiscal year have passed: a spreadsheet can miss some
INCOMPLETE = {(kind, "incomplete") for kind in MIME}  # in generated sets on that date


def office_items(specs, as_of: dt.date, judged_only: bool = True):
    """(spec, key, truth entry) of every item whose evidence is a Word file or a spreadsheet."""
    for spec in specs:
        if judged_only and expected_site_status(spec.faults)[0] != "ok":
            continue
        for key, entry in build_site(spec, as_of).truth.items():
            if entry.kind in MIME:
                yield spec, key, entry


def files_of(entry) -> list[str]:
    return [url for url in entry.evidence_urls if urlsplit(url).path.endswith("." + entry.kind)]


def get(url: str) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)  # a cold fleet renders first
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["demo", "generated"])
def test_word_and_excel_only_items_are_in_the_truth_with_no_pdf_beside_them(name):
    specs = demo_set() if name == "demo" else bench_set(40, seed=2026)
    items = list(office_items(specs, DEMO_AS_OF))
    assert CASES <= {(entry.kind, entry.state) for _, _, entry in items}
    for spec, key, entry in items:
        assert entry.doc_only, (spec.id, key)
        assert files_of(entry), (spec.id, key, entry.evidence_urls)
        assert not [u for u in entry.evidence_urls if u.endswith(".pdf")], (spec.id, key)
        if entry.kind == "xlsx":
            assert key == "procurement_monthly"


def test_generated_word_and_excel_items_are_also_incomplete_sometimes():
    """Later in the fiscal year a spreadsheet can miss months, and a Word declaration its signature."""
    items = list(office_items(bench_set(200, seed=2026), LATER, judged_only=False))
    incomplete = {(entry.kind, tuple(entry.missing_elements[:1])) for _, _, entry in items if entry.state == "incomplete"}
    assert {("docx", ("signature",)), ("xlsx", ("months",))} <= incomplete


def test_demo_serves_word_and_excel_files_that_read_with_their_fiscal_year(fleet_demo):
    read = set()
    for spec, key, entry in office_items(fleet_demo.sites, fleet_demo.as_of):
        for url in files_of(entry):
            status, content_type, body = get(url)
            assert (status, content_type) == (200, MIME[entry.kind]), url
            assert sniff(body, url, content_type).value == entry.kind
            parsed = office_text(body, entry.kind)
            facts = document_facts(parsed.text, parsed.header_cells)
            if entry.fiscal_year is not None:
                assert entry.fiscal_year in facts.fiscal_years, (spec.id, key, parsed.text[:200])
            if entry.kind == "docx" and entry.fiscal_year is not None:  # the title states the year
                assert str(entry.fiscal_year) in normalize(parsed.text), (spec.id, key)
            if entry.kind == "xlsx":  # a สขร.1 table, and the months it covers
                assert {"งานที่จัดซื้อหรือจัดจ้าง", "วิธีซื้อหรือจ้าง"} <= set(parsed.header_cells), url
                assert facts.months_covered, url
            read.add((entry.kind, entry.state))
    assert CASES <= read


def test_demo_word_file_shown_in_an_office_viewer_resolves_to_the_served_file(fleet_demo):
    shown = []
    for _, _, entry in office_items(fleet_demo.sites, fleet_demo.as_of):
        for page in set(entry.evidence_urls) - set(files_of(entry)):
            html = get(page)[2].decode("latin-1")  # only the (ASCII) iframe source is read
            for src in re.findall(r'<iframe src="([^"]*officeapps[^"]*)"', html):
                shown.append(resolve_viewer(src.replace("&amp;", "&")) in files_of(entry))
    assert shown and all(shown)


def cover(candidates: dict[str, set], wanted: set, size) -> list[str]:
    """Fewest sites holding every wanted case (greedy, smaller sites first)."""
    chosen, wanted = [], set(wanted)
    while wanted:
        best = max(candidates, key=lambda s: (len(candidates[s] & wanted), -size(s)))
        assert candidates[best] & wanted, f"no site holds {wanted}"
        chosen.append(best)
        wanted -= candidates[best]
    return chosen


def cases_of(specs, as_of: dt.date) -> dict[str, set]:
    cases: dict[str, set] = {}
    for spec, _, entry in office_items(specs, as_of):
        # slow, oversized, moved or unreachable sites cost time and prove nothing more here; a
        # redirect chain costs three requests
        if {f.split("=")[0] for f in spec.faults.active()} <= {"redirect_chain"}:
            cases.setdefault(spec.id, set()).add((entry.kind, entry.state))
    return cases


@pytest.fixture(scope="module")
def crawled(fleet_demo, tmp_path_factory):
    """Demo sites (served by the session's demo fleet) holding every current and stale case, and
    generated sites later in the year holding the incomplete ones, crawled together by the real
    crawler; documents read without OCR (only the Office files are judged here).
    Returns {site id: (snapshot, truth of the site, as-of date)}."""
    from fleet.sets import write_sites_file
    from fleet.testing import crawl_into_store, start_fleet

    def docs(spec, as_of):
        return len(build_site(spec, as_of).docs)

    demo = cover(cases_of(fleet_demo.sites, fleet_demo.as_of), CASES, lambda s: docs(fleet_demo.spec(s), fleet_demo.as_of))
    generated = {s.id: s for s in bench_set(200, seed=2026)}
    later_ids = cover(cases_of(generated.values(), LATER), INCOMPLETE, lambda s: docs(generated[s], LATER))
    folder = tmp_path_factory.mktemp("office-crawl")
    later = start_fleet([generated[s] for s in later_ids], folder / "later", as_of=LATER)
    try:
        sites_file = write_sites_file([fleet_demo.spec(s) for s in demo] + later.sites, folder / "sites.yaml")
        store, run_id = crawl_into_store(sites_file, folder)
        truth = {**{s: fleet_demo.truth()[s] for s in demo}, **later.truth()}
        dates = {**{s: fleet_demo.as_of for s in demo}, **{s: LATER for s in later_ids}}
        return {s.crawl.site.id: (s, truth[s.crawl.site.id], dates[s.crawl.site.id]) for s in store.snapshots(run_id)}
    finally:
        later.stop()


def test_word_and_excel_items_are_judged_as_their_truth_says(crawled):
    """Demo items current and stale, generated items incomplete (a Word declaration without its
    signature, a spreadsheet missing months): each gets the status its truth says, from the file."""
    ruleset = load_ruleset(None)
    judged_cases = set()
    for site_id, (snapshot, truth, as_of) in crawled.items():
        documents = {d.url: d for d in snapshot.documents}
        keys = {k for k, e in truth.items() if e.kind in MIME}
        judged = judge_keys(snapshot, ruleset, as_of, keys)
        for key in keys:
            entry = truth[key]
            for url in files_of(entry):  # the crawler kept the file as a document and it was read
                assert url in documents and documents[url].status is DocumentStatus.OK, (site_id, key, url)
            got = judged[key]
            assert got.status is TRUTH_STATUS[entry.state], (site_id, key, entry.state, entry.missing_elements, got)
            # judged on the file itself, not on the page that names it
            assert set(got.evidence_urls) & set(files_of(entry)), (site_id, key, got.evidence_urls)
            judged_cases.add((entry.kind, entry.state))
    assert CASES | INCOMPLETE <= judged_cases
