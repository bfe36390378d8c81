"""Stored copies of evidence pages, as the crawler saw them, for the evidence view.

A copy is hostile HTML: it is shown inside ``<iframe sandbox srcdoc=...>`` (escaped, no scripts,
no forms, no same-origin) under a Content-Security-Policy that loads nothing from the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from evaluate.verdicts import SiteResult


@dataclass(frozen=True, slots=True)
class StoredPage:
    url: str
    body: bytes
    encoding: str = "utf-8"
    fetched_at: str = ""

    def text(self) -> str:
        try:
            return self.body.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # an encoding name Python does not know
            return self.body.decode("utf-8", errors="replace")


CopySource = Callable[[SiteResult], list[StoredPage]]


class _PageStore(Protocol):
    def snapshots(self, run_id: int, site_ids=None): ...
    def raw_body(self, content_hash: str) -> bytes | None: ...


def store_copies(store: _PageStore) -> CopySource:
    """A CopySource reading the evidence pages of a site's evidence run from ``store.db.Store``."""

    def pages(site: SiteResult) -> list[StoredPage]:
        if site.evidence_from_run is None:
            return []
        wanted = {e.url for item in site.items for e in item.evidence}
        snapshot = next(iter(store.snapshots(site.evidence_from_run, [site.id])), None)
        found = []
        for page in snapshot.pages if snapshot else []:
            if page.url in wanted and page.content_hash:
                body = store.raw_body(page.content_hash)
                if body is not None:
                    found.append(StoredPage(page.url, body, page.encoding, page.fetched_at))
        return found

    return pages


def copy_file_name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ".html"


def write_copies(pages: list[StoredPage], site_dir: Path, render_copy: Callable[[StoredPage], str]) -> dict[str, str]:
    """Write each copy under ``site_dir/copies``; returns evidence URL -> link relative to site_dir."""
    if not pages:
        return {}
    folder = site_dir / "copies"
    folder.mkdir(parents=True, exist_ok=True)
    links = {}
    for page in pages:
        name = copy_file_name(page.url)
        (folder / name).write_text(render_copy(page), encoding="utf-8")
        links[page.url] = f"copies/{name}"
    return links
