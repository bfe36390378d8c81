"""What extracting one document yields: its text, how it was read, and the facts rules use.

Plain data, JSON round-trippable: it crosses the boundary of the isolated worker process and is
kept in the cache by content hash.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from store.records import DocumentStatus

# Bump when extraction changes in a way that makes cached results wrong; old entries are ignored.
EXTRACTOR_VERSION = 5


@dataclass(slots=True)
class DocumentText:
    status: DocumentStatus
    method: str = "none"  # text_layer | ocr | office | none
    text: str = ""  # normalised, repaired; lines kept
    pages: int = 0  # pages (PDF) or sheets (XLSX) in the file
    pages_read: int = 0  # pages whose text we have (OCR stops at the page cap)
    ocr_pages: int = 0  # pages that went through OCR
    fiscal_years: list[int] = field(default_factory=list)  # BE, stated ones first
    dates: list[str] = field(default_factory=list)  # ISO dates (CE)
    months_covered: list[str] = field(default_factory=list)  # "2569-10" (BE year-month)
    table_columns: list[str] = field(default_factory=list)
    signed_by: list[str] = field(default_factory=list)
    quality: float = 0.0  # 0..1, how far the text can be trusted
    error: str = ""  # why the status is not ok, or a note (page cap reached)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentText:
        return cls(**{**data, "status": DocumentStatus(data["status"])})


class DocumentFailure(Exception):
    """Raised by a parser when a document cannot be read; carries the status to record."""

    def __init__(self, status: DocumentStatus, message: str):
        super().__init__(message)
        self.status = status


def failed(status: DocumentStatus, error: str, *, pages: int = 0) -> DocumentText:
    """A document that yields no text, with the reason in words."""
    return DocumentText(status=status, method="none", pages=pages, error=error)
