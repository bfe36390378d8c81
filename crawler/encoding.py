"""Decode a page the way its author meant it.

Scrapy lets the HTTP header charset win over <meta>. Old Thai servers send ``ISO-8859-1`` for
TIS-620 pages, which yields Latin-1 mojibake (Êӹѡ...): detected and re-decoded as cp874.
"""

from __future__ import annotations

import re

from scrapy.http import TextResponse

from thai.text import is_mojibake_thai

_TAG = re.compile(r"<[^>]*>")
_SINGLE_BYTE_LATIN = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii", "cp819"}


def _visible_sample(html: str, limit: int = 20_000) -> str:
    return _TAG.sub(" ", html[:limit])


def decode_page(response: TextResponse) -> tuple[str, str]:
    """(text, encoding used). The encoding reads ``cp874 (repaired from cp1252)`` after a repair."""
    text, encoding = response.text, response.encoding
    if encoding.lower().replace("_", "-") in _SINGLE_BYTE_LATIN and is_mojibake_thai(_visible_sample(text)):
        return response.body.decode("cp874", errors="replace"), f"cp874 (repaired from {encoding})"
    return text, encoding
