"""Refuse zip-based files (DOCX, XLSX) that would inflate beyond reason, before any parser opens
them: the zip directory states every member's sizes, so a bomb is visible without inflating it."""

from __future__ import annotations

import io
import zipfile

from documents.model import DocumentFailure
from store.records import DocumentStatus

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # far above any real DOCX/XLSX of an SAO
MAX_RATIO = 200  # XML compresses ~10-30x; bombs go to 1000x and more
_RATIO_FLOOR = 1024 * 1024  # tiny members may compress very well (empty styles)


def check_zip(data: bytes, max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentFailure(DocumentStatus.CORRUPT, f"damaged zip container: {exc}") from None
    total = sum(m.file_size for m in members)
    if total > max_uncompressed:
        raise DocumentFailure(DocumentStatus.TOO_LARGE, f"inflates to {total // 2**20} MB (limit {max_uncompressed // 2**20} MB)")
    for member in members:
        if member.file_size > _RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            raise DocumentFailure(
                DocumentStatus.TOO_LARGE,
                f"{member.filename} inflates {member.file_size // max(member.compress_size, 1)}x: a decompression bomb",
            )
