"""Writes every report of a run into one directory.

Layout of ``out_dir``::

    results.json               the RunResult (always)
    index.html, static/        the overview of all sites (html; only when all sites are written)
    sites/<id>/gap.html        memo + measure table, print-ready A4 landscape (html)
    sites/<id>/itas.html       the ITAS answer sheet (html); itas.csv (csv)
    sites/<id>/evidence.html   what was found for each item and why (html)
    sites/<id>/history.html    changes since the previous run, each item's timeline (html)
    sites/<id>/copies/*.html    stored copies of the evidence pages (html, when a copy source is given)
    sites/<id>/gap.docx|xlsx|pdf|json|csv
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evaluate.verdicts import RunResult
from reports.chromium import print_pdfs
from reports.copies import CopySource, write_copies
from reports.docx import write_docx
from reports.history import History
from reports.html import copy_static, render_copy, render_site_page, write_overview, write_site_pages
from reports.model import ReportBuilder
from reports.options import ALL_FORMATS, ReportOptions
from reports.overview import build_overview
from reports.tables import write_gap_csv, write_gap_json, write_itas_csv
from reports.xlsx import write_xlsx

if TYPE_CHECKING:
    from store.db import RunInfo


def write_reports(
    result: RunResult,
    out_dir: Path,
    formats: set[str] | frozenset[str] = ALL_FORMATS,
    *,
    history: History = None,
    site_ids: set[str] | None = None,
    options: ReportOptions | None = None,
    copies: CopySource | None = None,
    runs: list[RunInfo] | None = None,
) -> list[Path]:
    """Write the reports of ``result`` (history oldest first, or one site's history at a time:
    ``reports.history.StoredHistory.for_site``) and return the files written.

    ``copies`` gives the stored evidence pages of a site (e.g. ``reports.copies.store_copies(store)``);
    the evidence view then links each URL to its copy. ``runs`` is the run history for the
    overview (``store.db.Store.runs``, newest first), ``result``'s own run included.
    """
    unknown_formats = set(formats) - ALL_FORMATS
    if unknown_formats:
        raise ValueError(f"unknown report format(s): {', '.join(sorted(unknown_formats))}")
    options = options or ReportOptions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sites = result.sites
    if site_ids is not None:
        missing = site_ids - {s.id for s in sites}
        if missing:
            raise KeyError(f"no such site in the results: {', '.join(sorted(missing))}")
        sites = [s for s in sites if s.id in site_ids]

    results_json = result.write_json(out_dir / "results.json")
    written = [results_json]
    if formats & {"html", "pdf"}:
        copy_static(out_dir)
    if "html" in formats and site_ids is None:
        written.append(write_overview(build_overview(result, options.fmt, runs=runs, history=history), out_dir, options))

    builder = ReportBuilder(result, options, history)
    to_print: list[tuple[Path, Path]] = []
    for site in sites:
        report = builder.site_report(site)
        site_dir = out_dir / "sites" / report.dir_name
        site_dir.mkdir(parents=True, exist_ok=True)
        if "html" in formats:
            links = write_copies(copies(site), site_dir, render_copy) if copies else {}
            written += write_site_pages(report, site_dir, options, links)
        if "pdf" in formats:
            gap_html = site_dir / "gap.html"
            if "html" not in formats:  # the PDF is printed from the HTML page
                gap_html.write_text(render_site_page("gap", report, options), encoding="utf-8")
            to_print.append((gap_html, site_dir / "gap.pdf"))
        if "docx" in formats:
            written.append(write_docx(report, site_dir / "gap.docx", options))
        if "xlsx" in formats:
            written.append(write_xlsx(report, site_dir / "gap.xlsx", options))
        if "json" in formats:
            written.append(write_gap_json(report, site_dir / "gap.json"))
        if "csv" in formats:
            written += [write_gap_csv(report, site_dir / "gap.csv"), write_itas_csv(report, site_dir / "itas.csv")]
    if to_print:
        written += print_pdfs(to_print, options.pdf_workers, options.pdf_timeout)
    return written
