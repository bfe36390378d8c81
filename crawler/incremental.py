"""Incremental nights: what last night's complete crawl of a site lets tonight's skip.

A URL that came with validators (ETag, Last-Modified) is asked for with If-None-Match /
If-Modified-Since, and a 304 reuses the stored record; a page whose body hashes as last night's
reuses its stored record without being extracted again. A page record is reused only if the code
that extracted it is the code running now (``EXTRACTOR_ID``), so a new release re-reads every page
once; a document is only not downloaded again, and the documents step reads it through its cache,
which has its own extractor version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from scrapy.http import Response

import crawler.encoding
import crawler.extract
import crawler.urls
import store.records
import thai.dates
import thai.text


def _sources_digest(*modules: object) -> str:
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[attr-defined]
    return digest.hexdigest()[:16]


# Every module whose code shapes a PageRecord: any change to them re-reads every page once.
EXTRACTOR_ID = _sources_digest(crawler.extract, crawler.encoding, crawler.urls, store.records, thai.dates, thai.text)


@dataclass(frozen=True, slots=True)
class Known:
    """A URL as the site's last complete crawl stored it."""

    content_hash: str
    etag: str = ""
    last_modified: str = ""

    def conditional_headers(self) -> dict[str, str]:
        if self.etag:  # a server checks If-None-Match first and ignores If-Modified-Since beside it
            return {"If-None-Match": self.etag}
        return {"If-Modified-Since": self.last_modified} if self.last_modified else {}


class Validators(TypedDict):
    etag: str
    last_modified: str


def validators_of(response: Response) -> Validators:
    """The response's ETag and Last-Modified, kept so the next night can ask "changed since?"."""
    if not 200 <= response.status < 300:
        return {"etag": "", "last_modified": ""}
    header = response.headers.get
    return {
        "etag": (header(b"ETag") or b"").decode("latin-1"),
        "last_modified": (header(b"Last-Modified") or b"").decode("latin-1"),
    }
