"""Extraction results kept by content hash, so an unchanged document is never parsed or OCR'd
twice: nightly runs re-download the same files, and many sites link the same central circulars.

A small SQLite file of its own (default ``var/cache/documents.sqlite``): it outlives runs and
store databases, and deleting it only costs time. Entries of an older extractor version are
ignored; a result made without OCR is not reused when OCR is asked for, nor one OCR'd as planned
(title, year, signature pages) when every scanned page is asked for (``OCR_ALL``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from documents.model import EXTRACTOR_VERSION, DocumentText

DEFAULT_CACHE_PATH = Path("var/cache/documents.sqlite")
OCR_ALL = 2  # the ``ocr`` level of a result whose every scanned page was OCR'd (True is 1: as planned)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS document_text (
    content_hash TEXT NOT NULL,
    extractor INTEGER NOT NULL,
    ocr INTEGER NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (content_hash, extractor, ocr)
)
"""


class DocumentCache:
    def __init__(self, path: str | Path = DEFAULT_CACHE_PATH):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def get(self, content_hash: str, *, ocr: int) -> DocumentText | None:
        # A result serves any request of its OCR level or below, the most complete one first.
        row = self._db.execute(
            "SELECT result FROM document_text WHERE content_hash = ? AND extractor = ? AND ocr >= ? ORDER BY ocr DESC LIMIT 1",
            (content_hash, EXTRACTOR_VERSION, int(ocr)),
        ).fetchone()
        return DocumentText.from_json(json.loads(row[0])) if row else None

    def put(self, content_hash: str, result: DocumentText, *, ocr: int) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO document_text (content_hash, extractor, ocr, result) VALUES (?, ?, ?, ?)",
                (content_hash, EXTRACTOR_VERSION, int(ocr), json.dumps(result.to_json(), ensure_ascii=False)),
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DocumentCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
