"""``extract_document``: the public entry point. Sniffs the file, then parses it in an isolated
worker process with a time and memory limit, so a corrupt, encrypted, huge or bomb-like file
yields a status for that document and nothing else stops."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from documents.isolation import run_isolated
from documents.model import DocumentText, failed
from documents.parse import DEFAULT_MAX_PAGES, ParseOptions
from documents.sniff import NOT_PARSED, sniff
from oit.lifetime import child_environment, temp_dir
from store.records import DocumentStatus

__all__ = ["DEFAULT_MAX_PAGES", "DocumentText", "extract_document"]

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 1536  # tesseract with tha+eng needs ~300 MB; a bomb needs far more
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def extract_document(
    data: bytes,
    url: str,
    content_type: str,
    *,
    ocr: bool = True,
    ocr_all: bool = False,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DocumentText:
    """Text and facts of one downloaded document. Never raises for a bad file. ``ocr_all``: OCR
    every scanned page up to ``max_pages``, not only those the rules read a document by."""
    if len(data) > max_bytes:
        megabytes, limit = len(data) // 2**20, max_bytes // 2**20
        return failed(DocumentStatus.TOO_LARGE, f"{megabytes} MB is over the {limit} MB limit")
    kind = sniff(data, url, content_type)
    if kind in NOT_PARSED:
        return failed(DocumentStatus.UNSUPPORTED, NOT_PARSED[kind])
    options = ParseOptions(ocr=ocr, max_pages=max_pages, ocr_budget_s=max(1.0, timeout_s * 0.75), ocr_all=ocr_all)
    with temp_dir("doc") as workdir:
        path = Path(workdir) / f"document.{kind.value}"
        path.write_bytes(data)
        request = {"path": str(path), "kind": kind.value, "options": asdict(options), "memory_mb": memory_mb}
        outcome = run_isolated(
            [sys.executable, "-m", "documents.worker"], json.dumps(request), timeout_s, env=child_environment()
        )
    if outcome.timed_out:
        return failed(DocumentStatus.TOO_LARGE, f"parsing took longer than {timeout_s:g} s and was stopped")
    try:
        return DocumentText.from_json(json.loads(outcome.stdout))
    except (ValueError, KeyError, TypeError):
        detail = " ".join(outcome.stderr.split())[-200:]
        if "MemoryError" in detail or "bad_alloc" in detail:
            return failed(DocumentStatus.TOO_LARGE, "parsing needed more memory than allowed")
        return failed(DocumentStatus.CORRUPT, f"parser crashed (exit {outcome.returncode}): {detail}")
