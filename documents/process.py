"""The post-crawl step: parse every pending document of a run and write text, facts and status
back, so the rule engine judges documents by their content and not by their link text.

Documents are deduplicated by content hash (one circular linked by many pages or sites is parsed
once), served from the cache when already parsed in an earlier run, and parsed by a small pool
of isolated workers (one per core). The store is only touched from the calling thread.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from typing import Protocol

from documents.cache import OCR_ALL, DocumentCache
from documents.extract import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S, extract_document
from documents.model import DocumentText, failed
from documents.ocr import ocr_available
from store.records import DocumentRecord, DocumentStatus

log = logging.getLogger(__name__)


class DocumentStore(Protocol):
    """What this step needs from ``store.db.Store``."""

    def pending_documents(self, run_id: int, content_hash: str | None = None) -> list[tuple[int, DocumentRecord]]: ...

    def raw_body(self, content_hash: str) -> bytes | None: ...

    def save_document_results(self, run_id: int, documents: Iterable[DocumentRecord]) -> int: ...


@dataclass(slots=True)
class ProcessStats:
    documents: int = 0  # pending documents of the run
    unique: int = 0  # distinct contents among them
    parsed: int = 0  # contents parsed now
    from_cache: int = 0  # contents served from the cache
    ocr_pages: int = 0  # pages OCR'd now
    seconds: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)  # per document

    @property
    def cache_share(self) -> float:
        return self.from_cache / self.unique if self.unique else 0.0


def apply_text(record: DocumentRecord, text: DocumentText) -> DocumentRecord:
    """The record with the extraction's status, text and facts."""
    return dataclasses.replace(
        record,
        status=text.status,
        text=text.text,
        method=text.method,
        pages=text.pages,
        pages_read=text.pages_read,
        fiscal_years=list(text.fiscal_years),
        dates=list(text.dates),
        months_covered=list(text.months_covered),
        table_columns=list(text.table_columns),
        signed_by=list(text.signed_by),
        error=text.error,
    )


def parse_contents(
    contents: Iterable[tuple[str, Callable[[], bytes | None], DocumentRecord]],
    cache: DocumentCache | None,
    *,
    workers: int,
    ocr: bool,
    max_pages: int,
    timeout_s: float,
    on_result: Callable[[str, DocumentText, bool], None],
    ocr_all: bool = False,
) -> None:
    """Parse each (hash, body loader, sample record) not in the cache with ``workers`` isolated
    parsers; ``on_result(hash, text, from_cache)`` runs in the calling thread. Without ``cache``, the
    default cache is opened for the call."""
    with closing(DocumentCache()) if cache is None else nullcontext(cache) as used:
        in_flight: dict[Future[DocumentText], str] = {}
        level = OCR_ALL if ocr and ocr_all else int(ocr)

        def drain(until: int) -> None:
            while len(in_flight) > until:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    content_hash = in_flight.pop(future)
                    text = future.result()
                    used.put(content_hash, text, ocr=level)
                    on_result(content_hash, text, False)

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="documents") as pool:
            for content_hash, load, record in contents:
                cached = used.get(content_hash, ocr=level)
                if cached is not None:
                    on_result(content_hash, cached, True)
                    continue
                data = load()
                if data is None:
                    lost = failed(DocumentStatus.FETCH_FAILED, "the downloaded body is not in the store")
                    on_result(content_hash, lost, False)
                    continue
                future = pool.submit(
                    extract_document,
                    data,
                    record.url,
                    record.content_type,
                    ocr=ocr,
                    ocr_all=ocr_all,
                    max_pages=max_pages,
                    timeout_s=timeout_s,
                )
                in_flight[future] = content_hash
                drain(until=2 * workers - 1)  # keep both workers busy without holding every body in memory
            drain(until=0)


def process_run(
    store: DocumentStore,
    run_id: int,
    workers: int = 2,
    *,
    cache: DocumentCache | None = None,
    ocr: bool = True,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    content_hash: str | None = None,
) -> ProcessStats:
    """Parse the run's pending documents (those of ``content_hash`` only, when given: a
    distributed document task) and store the results; returns what it did."""
    started = time.monotonic()
    ocr = ocr and ocr_available()  # results made without OCR must not be cached as if OCR had run
    records = [r for _, r in store.pending_documents(run_id, content_hash) if r.content_hash]
    by_hash: dict[str, list[DocumentRecord]] = {}
    for record in records:
        by_hash.setdefault(record.content_hash, []).append(record)
    stats = ProcessStats(documents=len(records), unique=len(by_hash))
    statuses: Counter[str] = Counter()

    def on_result(content_hash: str, text: DocumentText, from_cache: bool) -> None:
        if from_cache:
            stats.from_cache += 1
        else:
            stats.parsed += 1
            stats.ocr_pages += text.ocr_pages
        store.save_document_results(run_id, [apply_text(record, text) for record in by_hash[content_hash]])
        statuses[text.status.value] += len(by_hash[content_hash])
        log.debug("%s: %s %s", by_hash[content_hash][0].url, text.status, text.error)

    parse_contents(
        ((h, functools.partial(store.raw_body, h), rs[0]) for h, rs in by_hash.items()),
        cache,
        workers=workers,
        ocr=ocr,
        max_pages=max_pages,
        timeout_s=timeout_s,
        on_result=on_result,
    )
    stats.by_status = dict(statuses)
    stats.seconds = round(time.monotonic() - started, 2)
    log.info(
        "run %d: %d documents, %d distinct, %d parsed, %d from cache, %d pages OCR'd in %.1f s",
        run_id,
        stats.documents,
        stats.unique,
        stats.parsed,
        stats.from_cache,
        stats.ocr_pages,
        stats.seconds,
    )
    return stats
