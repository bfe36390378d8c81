"""HTML pages: per site gap.html, itas.html, evidence.html, history.html; index.html for many sites.

Jinja2 with autoescaping for every .html template; crawled text is never marked safe, and only
http(s) URLs reach an href (see reports.safety). Static assets are copied next to the pages so the
output works offline, from disk or an internal server.
"""

from __future__ import annotations

import functools
import shutil
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from evaluate.wording import CHANGE_TH, STATUS_TH
from reports.copies import StoredPage
from reports.model import SiteReport
from reports.options import ReportOptions
from reports.overview import Overview
from reports.safety import safe_href

SITE_PAGES = ("gap", "itas", "evidence", "history")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(zip=zip, status_th=STATUS_TH, change_labels=CHANGE_TH)
    return env


def copy_static(out_dir: Path) -> Path:
    target = out_dir / "static"
    target.mkdir(parents=True, exist_ok=True)
    for entry in resources.files("reports").joinpath("static").iterdir():
        if entry.is_file():
            with resources.as_file(entry) as source:
                shutil.copyfile(source, target / entry.name)
    return target


def render_site_page(page: str, report: SiteReport, options: ReportOptions, copies: dict[str, str] | None = None) -> str:
    """One of SITE_PAGES as HTML text; ``copies`` maps evidence URLs to stored-copy links."""
    fmt = options.fmt
    return (
        environment()
        .get_template(f"{page}.html")
        .render(
            r=report,
            form=options.table_form,
            static="../../static",
            digits=lambda value: fmt.digits(str(value)),
            site_href=safe_href(report.site.url),
            thai_digits=options.thai_digits,
            copies=copies or {},
        )
    )


def write_site_pages(
    report: SiteReport, site_dir: Path, options: ReportOptions, copies: dict[str, str] | None = None
) -> list[Path]:
    site_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in SITE_PAGES:
        path = site_dir / f"{page}.html"
        path.write_text(render_site_page(page, report, options, copies), encoding="utf-8")
        written.append(path)
    return written


def render_copy(page: StoredPage) -> str:
    """The page holding one stored copy (escaped into a sandboxed iframe's srcdoc)."""
    return environment().get_template("copy.html").render(page=page, html=page.text())


def write_overview(overview: Overview, out_dir: Path, options: ReportOptions) -> Path:
    fmt = options.fmt
    html = (
        environment()
        .get_template("index.html")
        .render(
            o=overview,
            static="static",
            digits=lambda value: fmt.digits(str(value)),
            thai_digits=options.thai_digits,
        )
    )
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path
