"""Scanned pages read on demand, after the evaluation.

The documents step OCRs what the rules read a document by: its first pages until a fiscal year is
read, and its last page for a signature (documents/parse.py). An item judged ``incomplete`` on a
scan read that way may have its missing element on a page OCR skipped (a table continued on
page 3). This step takes the verdicts, OCRs the rest of such scans (every scanned page up to
``REST_MAX_PAGES``), stores the new text, and returns the sites whose documents gained pages:
only those are judged again. Documents no such item cites are not read further.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from documents.cache import DocumentCache
from documents.extract import DEFAULT_TIMEOUT_S
from documents.model import DocumentText
from documents.ocr import ocr_available
from documents.process import DocumentStore, apply_text, parse_contents
from evaluate.verdicts import ItemStatus, RunResult
from store.records import DocumentRecord, DocumentStatus

log = logging.getLogger(__name__)

REST_MAX_PAGES = 30  # a long scan's tail costs ~2 s a page; the rules' elements sit in its first pages
READ_STATUSES = (DocumentStatus.OK, DocumentStatus.LOW_QUALITY)


class StoredDocuments(DocumentStore, Protocol):
    def stored_document(self, run_id: int, site_id: str, url: str) -> DocumentRecord | None: ...


@dataclass(slots=True)
class RestStats:
    documents: int = 0  # partly read scans cited by an item that lacks elements
    ocr_pages: int = 0  # pages OCR'd now
    sites: set[str] = field(default_factory=set)  # sites whose documents gained text: to judge again
    seconds: float = 0.0


def partly_read(document: DocumentRecord) -> bool:
    return document.status in READ_STATUSES and document.pages_read < document.pages and bool(document.content_hash)


def gained_pages(before: DocumentRecord, status: DocumentStatus, pages_read: int) -> bool:
    """A reading (its status and pages read) that adds text to what ``before`` had."""
    return status in READ_STATUSES and pages_read > before.pages_read


def lacking_documents(store: StoredDocuments, result: RunResult) -> list[tuple[int, DocumentRecord]]:
    """(run id, record) of each partly read document that an item lacking elements cites."""
    wanted = []
    for site in result.sites:
        run_id = site.evidence_from_run or result.run_id
        urls = {e.url for item in site.items if item.status is ItemStatus.INCOMPLETE for e in item.evidence}
        for url in sorted(urls):
            document = store.stored_document(run_id, site.id, url)
            if document is not None and partly_read(document):
                wanted.append((run_id, document))
    return wanted


def read_rest(
    store: StoredDocuments,
    result: RunResult,
    *,
    workers: int = 2,
    cache: DocumentCache | None = None,
    max_pages: int = REST_MAX_PAGES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> RestStats:
    """OCR the rest of the scans that items lacking elements were judged on; store their text."""
    if not ocr_available():
        return RestStats()
    stats = read_rest_of(
        store, lacking_documents(store, result), workers=workers, cache=cache, max_pages=max_pages, timeout_s=timeout_s
    )
    log.info(
        "run %d: rest of %d partly read scans: %d pages OCR'd in %.1f s, %d sites to judge again",
        result.run_id,
        stats.documents,
        stats.ocr_pages,
        stats.seconds,
        len(stats.sites),
    )
    return stats


def read_rest_of(
    store: StoredDocuments,
    wanted: list[tuple[int, DocumentRecord]],
    *,
    workers: int = 2,
    cache: DocumentCache | None = None,
    max_pages: int = REST_MAX_PAGES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> RestStats:
    """OCR the rest of ``wanted`` ((run id, record) of partly read scans; a distributed task gets
    those of one content hash) and store the text of those that gained pages."""
    started = time.monotonic()
    stats = RestStats()
    by_hash: dict[str, list[tuple[int, DocumentRecord]]] = {}
    for run_id, document in wanted:
        by_hash.setdefault(document.content_hash, []).append((run_id, document))
    stats.documents = sum(len(found) for found in by_hash.values())

    def on_result(content_hash: str, text: DocumentText, from_cache: bool) -> None:
        stats.ocr_pages += 0 if from_cache else text.ocr_pages
        for run_id, document in by_hash[content_hash]:
            if gained_pages(document, text.status, text.pages_read):
                store.save_document_results(run_id, [apply_text(document, text)])
                stats.sites.add(document.site_id)

    parse_contents(
        ((h, partial(store.raw_body, h), found[0][1]) for h, found in by_hash.items()),
        cache,
        workers=workers,
        ocr=True,
        ocr_all=True,
        max_pages=max_pages,
        timeout_s=timeout_s,
        on_result=on_result,
    )
    stats.seconds = round(time.monotonic() - started, 2)
    return stats
