"""Parse one document file into a ``DocumentText``: choose the reader by kind, repair the text,
gate its quality, OCR what has no usable text layer, and read the facts.

Runs inside the isolated worker process (``documents.worker``): a hostile file may exhaust memory
or hang here, and only the worker dies.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from documents.facts import document_facts, fiscal_years, signed_by
from documents.model import DocumentFailure, DocumentText, failed
from documents.ocr import ocr_available, ocr_image, ocr_pdf_page
from documents.ocr_years import check_ocr_years
from documents.office import office_text
from documents.pdf import text_pages
from documents.repair import quality, repair_text, visible_chars
from documents.sniff import NOT_PARSED, Kind
from oit.lifetime import temp_dir
from store.records import DocumentStatus

MIN_CHARS_PER_PAGE = 40  # fewer visible characters: a scan with a stray header or page number
MIN_QUALITY = 0.6  # below: text too damaged to judge by
DEFAULT_MAX_PAGES = 5  # cap on the pages OCR reads of one document (the plan below reads at most 3)
FIRST_OCR_PAGES = 2  # the title and the year stand on the first page, or the next one after a cover
MAX_TEXT_CHARS = 300_000  # ~100 pages; titles, years and signatures sit at the start


@dataclass(frozen=True, slots=True)
class ParseOptions:
    ocr: bool = True
    max_pages: int = DEFAULT_MAX_PAGES
    ocr_budget_s: float = 90.0  # stop OCR after this; the worker's hard limit is a little longer
    dpi: int = 200
    ocr_all: bool = False  # every scanned page up to max_pages, not the plan (documents/ondemand.py)


def _with_facts(result: DocumentText, header_cells: Sequence[str] = ()) -> DocumentText:
    if len(result.text) > MAX_TEXT_CHARS:  # keeps the store and the rule engine fast on huge files
        result.text = result.text[:MAX_TEXT_CHARS]
        result.error = "; ".join(filter(None, [result.error, f"text cut at {MAX_TEXT_CHARS} characters"]))
    facts = document_facts(result.text, list(header_cells))
    result.fiscal_years, result.dates = facts.fiscal_years, facts.dates
    result.months_covered, result.table_columns, result.signed_by = (
        facts.months_covered,
        facts.table_columns,
        facts.signed_by,
    )
    return result


def _gate(text: str, method: str, pages: int, pages_read: int, ocr_pages: int, note: str) -> DocumentText:
    score = quality(text)
    if not visible_chars(text):
        return DocumentText(
            status=DocumentStatus.IMAGE_ONLY,
            method=method,
            pages=pages,
            pages_read=pages_read,
            ocr_pages=ocr_pages,
            error=note or "no text layer and OCR found no text",
        )
    status = DocumentStatus.OK if score >= MIN_QUALITY else DocumentStatus.LOW_QUALITY
    if status is DocumentStatus.LOW_QUALITY:
        note = f"text too damaged to trust (quality {score:.2f}); {note}".rstrip("; ")
    return _with_facts(
        DocumentText(
            status=status,
            method=method,
            text=text,
            pages=pages,
            pages_read=pages_read,
            ocr_pages=ocr_pages,
            quality=score,
            error=note,
        )
    )


def _ocr_text(raw: str) -> str:
    return repair_text(check_ocr_years(raw))


def _signed(text: str) -> bool:
    return bool(signed_by(text)) or "ลงชื่อ" in text


def _ocr_plan(to_ocr: list[int], known: dict[int, str], cap: int, read_all: bool = False) -> Iterator[int]:
    """Scanned pages to OCR, decided as their text comes in (``known``: page -> text read so far).

    OCR is most of a document's cost, and the rules read a document by its title, its year and
    its signature: the first pages until a fiscal year is read, then the last page when no
    signature has been read (a memo is signed at its end). Other pages are read only when an
    item judged on the document lacks an element (``read_all``, documents/ondemand.py)."""
    if read_all:
        yield from to_ocr[:cap]
        return
    taken = 0
    for index in to_ocr[:FIRST_OCR_PAGES]:
        if taken >= cap or (taken and fiscal_years("\n".join(known.values()))):
            break
        taken += 1
        yield index
    last = to_ocr[-1]
    if taken < cap and last not in known and not _signed("\n".join(known.values())):
        yield last


def _parse_pdf(path: Path, options: ParseOptions) -> DocumentText:
    raw_pages = text_pages(path)
    if not raw_pages:
        raise DocumentFailure(DocumentStatus.CORRUPT, "PDF has no pages")
    pages = [repair_text(p) for p in raw_pages]
    layer_trusted = quality("\n".join(pages)) >= MIN_QUALITY
    # Pages without a usable text layer: scans, or every page when the layer is garbage.
    to_ocr = [i for i, p in enumerate(pages) if not layer_trusted or visible_chars(p) < MIN_CHARS_PER_PAGE]
    if not to_ocr:
        return _gate("\n".join(pages), "text_layer", len(pages), len(pages), 0, "")
    if not (options.ocr and ocr_available()):
        why = "OCR is off" if not options.ocr else "OCR is not installed (tesseract-ocr-tha)"
        method = "text_layer" if len(to_ocr) < len(pages) else "none"
        note = f"{len(to_ocr)} page(s) not read: {why}"
        return _gate("\n".join(pages), method, len(pages), len(pages) - len(to_ocr), 0, note)
    done = ocr_chars = 0
    started = time.monotonic()
    scanned = set(to_ocr)
    known = {i: p for i, p in enumerate(pages) if layer_trusted and i not in scanned}
    with temp_dir("ocr") as workdir:
        for index in _ocr_plan(to_ocr, known, options.max_pages, options.ocr_all):
            if time.monotonic() - started > options.ocr_budget_s:
                break
            pages[index] = known[index] = _ocr_text(ocr_pdf_page(path, index + 1, Path(workdir), options.dpi))
            ocr_chars += visible_chars(pages[index])
            done += 1
    if not layer_trusted:  # garbage left on pages OCR did not reach is no evidence
        for index in scanned - known.keys():
            pages[index] = ""
    note = f"OCR read {done} of {len(to_ocr)} scanned page(s)" if done < len(to_ocr) else ""
    method = "ocr" if ocr_chars or not layer_trusted else "text_layer"  # blank back pages OCR to nothing
    return _gate("\n".join(pages), method, len(pages), len(pages) - len(to_ocr) + done, done, note)


def _parse_image(path: Path, options: ParseOptions) -> DocumentText:
    if not (options.ocr and ocr_available()):
        return failed(DocumentStatus.IMAGE_ONLY, "an image; OCR is off or not installed", pages=1)
    return _gate(_ocr_text(ocr_image(path)), "ocr", 1, 1, 1, "")


def _parse_office(path: Path, kind: Kind) -> DocumentText:
    office = office_text(path.read_bytes(), kind.value)
    text = repair_text(office.text)
    if not visible_chars(text):
        return failed(DocumentStatus.LOW_QUALITY, f"empty {kind.value.upper()} file", pages=office.parts)
    return _with_facts(
        DocumentText(
            status=DocumentStatus.OK,
            method="office",
            text=text,
            pages=office.parts,
            pages_read=office.parts,
            quality=quality(text),
        ),
        office.header_cells,
    )


def parse_document(path: Path, kind: Kind, options: ParseOptions = ParseOptions()) -> DocumentText:
    """Parse the file at ``path``; unreadable files give a status and the reason, never raise."""
    try:
        if kind is Kind.PDF:
            return _parse_pdf(path, options)
        if kind is Kind.IMAGE:
            return _parse_image(path, options)
        if kind in (Kind.DOCX, Kind.XLSX, Kind.XLS):
            return _parse_office(path, kind)
        return failed(DocumentStatus.UNSUPPORTED, NOT_PARSED[kind])
    except DocumentFailure as exc:
        return failed(exc.status, str(exc))
    except MemoryError:
        return failed(DocumentStatus.TOO_LARGE, "parsing needed more memory than allowed")
