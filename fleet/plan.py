"""Plans a sample site's OIT items: which state each is in (current, stale, incomplete, broken,
unverifiable, absent), where it is published (menu, news, documents page, ITA page) and in what
container and format. No HTML: fleet/builder.py renders the pages and the truth from these plans.

The draws come from the site's own stream, in the order the builder hands it over, so a seed gives
the same site every time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fleet import large
from fleet.items import ItemDef, ita_numbering
from fleet.spec import SiteSpec
from fleet.thaistyle import fiscal_months, fiscal_year

STATES = ("current", "stale", "incomplete", "broken", "unverifiable", "absent")
PROFILE_WEIGHTS: dict[str, dict[str, int]] = {
    "good": {"current": 80, "stale": 5, "incomplete": 6, "broken": 3, "unverifiable": 2, "absent": 4},
    "mixed": {"current": 45, "stale": 15, "incomplete": 12, "broken": 10, "unverifiable": 6, "absent": 12},
    "poor": {"current": 15, "stale": 15, "incomplete": 10, "broken": 15, "unverifiable": 10, "absent": 35},
    "stale": {"current": 20, "stale": 60, "incomplete": 5, "broken": 5, "unverifiable": 0, "absent": 10},
    "doc_only": {"current": 50, "stale": 15, "incomplete": 5, "broken": 10, "unverifiable": 15, "absent": 5},
    "trap": {"current": 3, "stale": 22, "incomplete": 0, "broken": 35, "unverifiable": 0, "absent": 40},
}
# Files not published as PDF (drawn apart from the site's stream, see SiteBuilder.format_rng):
DOCX_SHARE = 0.2  # text documents of document-bearing sites uploaded as the officer's Word file
XLSX_ONLY_SHARE = 0.4  # monthly procurement summaries published only as spreadsheets (no PDF)


@dataclass(slots=True)
class ItemPlan:
    item: ItemDef
    state: str
    fy: int | None  # FY of the published evidence
    required_fy: int | None
    missing: tuple[str, ...]
    via: str  # menu | news | docs | ita
    container: str  # page | doc_page | doc_direct | flowpaper
    doc_kind: str  # pdf | scan
    link_text: str  # named | generic | filename
    variant: str = ""  # broken: missing_page | missing_doc | server_error | hash; absent: none | shell
    published: str = ""  # a text document not published as PDF: docx | xlsx_months | xlsx_year (procurement)


def required_months(as_of: dt.date, fy: int | None) -> list[tuple[int, int]]:
    """Months of the FY that are over on the as-of date (at least October)."""
    months = [
        (y, m) for y, m in fiscal_months(fy or fiscal_year(as_of)) if dt.date(y - 543, m, 1) < dt.date(as_of.year, as_of.month, 1)
    ]
    return months or fiscal_months(fy or fiscal_year(as_of))[:1]


class ItemPlanner:
    """Plans the items of one site. ``custom_pages``: the items whose evidence page is built from
    HTML structure (never published as a news post)."""

    def __init__(self, spec: SiteSpec, rng: random.Random, as_of: dt.date, custom_pages: frozenset[str]):
        self.spec, self.rng, self.as_of, self.custom_pages = spec, rng, as_of, custom_pages
        self.fy = fiscal_year(as_of)
        self.doc_only_profile = spec.profile == "doc_only" or spec.family == "doconly"
        self.doc_bearing = self.doc_only_profile or spec.profile == "mixed"  # where Word files turn up
        if spec.large:
            self.large_rng = large.rng_of(spec, "via")

    def format_rng(self, key: str) -> random.Random:
        """Draws for the file format of one item, apart from the site's stream: publishing a file as
        Word or Excel changes that item alone, not the rest of the site."""
        spec = self.spec
        return random.Random(f"{spec.seed}/{spec.id}/{key}/format")

    def plan_item(self, item: ItemDef) -> ItemPlan:
        rng, spec = self.rng, self.spec
        allowed = {"current", "broken", "absent"}
        if item.fy_offset is not None:
            allowed.add("stale")
        if item.elements:
            allowed.add("incomplete")
        if item.form == "document" or item.key == "qa":
            allowed.add("unverifiable")
        weights = PROFILE_WEIGHTS[spec.profile]
        if item.key == "news":  # every site has a news list: only its age varies
            allowed = {"current", "stale"}
        possible = [s for s in STATES if s in allowed]  # the profile's odds among what the item allows
        state = spec.state_of(item.key) or rng.choices(possible, [weights[s] + 0.01 for s in possible])[0]
        if state not in allowed:
            raise ValueError(f"{spec.id}: item {item.key} cannot be {state!r} (allowed: {', '.join(possible)})")
        required_fy = None if item.fy_offset is None else self.fy + item.fy_offset
        fy = required_fy
        if state == "stale":
            assert required_fy is not None  # only year-bound items can be stale
            fy = required_fy - rng.choice((1, 1, 2))
            if item.key == "procurement_monthly":  # last year's summaries are another item's evidence
                fy = required_fy - 2
        missing: tuple[str, ...] = ()
        if state == "incomplete":
            missing = self.missing_elements(item, required_fy)
        on_ita = spec.ita_year and any(item.key in keys for _, keys, _ in ita_numbering(spec.ita_year))
        vias = ["menu", "menu", "news", "docs"] + (["ita", "ita"] if on_ita else [])
        via = rng.choice(vias)
        if spec.large:  # a big site's menus name few items: the rest are behind its ITA page, lists and posts
            via = self.large_rng.choice(["menu", "news", "docs", "docs"] + (["ita", "ita", "ita"] if on_ita else []))
        if item.key in (
            "news",
            "qa",
            "social_network",
            "e_service",
            "complaint_channel",
            "feedback_channel",
            "contact",
            "executives",
            "structure",
        ):
            via = "menu"
        container = "page"
        if item.form == "document":
            options = ["doc_page", "doc_page", "page", "doc_direct", "doc_direct"]
            if spec.family == "wordpress":
                options.append("flowpaper")
            container = "doc_direct" if self.doc_only_profile and rng.random() < 0.7 else rng.choice(options)
        if via == "news" and container == "doc_direct":
            container = "doc_page"  # a news post is the page that carries the document link
        doc_kind = "scan" if rng.random() < (0.6 if self.doc_only_profile else 0.3) else "pdf"
        if spec.long_scans:
            doc_kind = "scan"
        if "signature" in missing:
            doc_kind = "pdf"  # a missing signature must be readable as missing
        link_text = rng.choice(["named", "named", "named", "generic", "filename"] if via in ("docs", "ita") else ["named"])
        variant = ""
        if state == "broken":
            variant = rng.choice(
                ["hash", "missing_page", "missing_doc"]
                if spec.profile == "trap"
                else ["missing_page", "missing_doc", "missing_doc", "server_error"]
            )
        elif state == "absent":
            variant = "shell" if spec.profile == "trap" or rng.random() < 0.35 else "none"
        if via == "news" and (state in ("broken", "absent", "unverifiable") or item.key in self.custom_pages):
            via = "menu"  # only plain evidence pages and document posts are published as news
        return ItemPlan(
            item,
            state,
            fy,
            required_fy,
            missing,
            via,
            container,
            doc_kind,
            link_text,
            variant,
            self.published_format(item, state, missing, container, doc_kind),
        )

    def published_format(self, item: ItemDef, state: str, missing: tuple[str, ...], container: str, doc_kind: str) -> str:
        """Born-digital documents are not always PDFs: officers upload the Word file of a plan or an
        announcement, and monthly procurement summaries as spreadsheets only."""
        if state not in ("current", "stale", "incomplete") or doc_kind != "pdf":
            return ""  # scans stay scans; nothing is published for the other states
        draw = self.format_rng(item.key)
        if item.key == "procurement_monthly":
            if "data_file" not in missing and draw.random() < XLSX_ONLY_SHARE:
                return draw.choice(("xlsx_months", "xlsx_year"))
            return ""
        if (
            item.form == "document"
            and container in ("doc_page", "doc_direct")
            and self.doc_bearing
            and draw.random() < DOCX_SHARE
        ):
            return "docx"
        return ""

    def missing_elements(self, item: ItemDef, required_fy: int | None) -> tuple[str, ...]:
        elements = list(item.elements)
        if item.key == "procurement_monthly" and len(required_months(self.as_of, required_fy)) < 2:
            elements = ["data_file"]
        if item.key == "structure":  # one side of the organisation is left out
            return (self.rng.choice(elements),)
        count = self.rng.randint(1, max(1, min(2, len(elements) - 1 if len(elements) > 1 else 1)))
        return tuple(sorted(self.rng.sample(elements, count)))
