"""Records <-> compact JSON rows.

Links, forms and images are stored as arrays rather than objects: a page has ~100 links and the
engine loads thousands of pages a second, so the JSON stays small and decoding stays cheap.
"""

from __future__ import annotations

import json
from typing import Any

from store.records import NAMED_URL_STEP, DocumentRecord, DocumentStatus, Form, Image, Link, LinkKind, PageRecord

_LINK_KINDS = {kind.value: kind for kind in LinkKind}
_DOC_STATUSES = {status.value: status for status in DocumentStatus}

# PageRecord fields kept in the JSON column (site_id, url, status and content_hash have columns).
_PAGE_PLAIN_FIELDS = (
    "requested_url",
    "redirect_chain",
    "content_type",
    "encoding",
    "title",
    "headings",
    "main_text",
    "blocks",
    "embeds",
    "widgets",
    "click_path",
    "depth",
    "dates",
    "fiscal_years",
    "error",
    "fetched_at",
    "etag",
    "last_modified",
    "extractor",
    "warnings",
)
_DOC_PLAIN_FIELDS = (
    "http_status",
    "content_type",
    "size",
    "text",
    "method",
    "pages",
    "pages_read",
    "fiscal_years",
    "dates",
    "months_covered",
    "table_columns",
    "signed_by",
    "linked_from",
    "link_texts",
    "click_path",
    "error",
    "etag",
    "last_modified",
)

# Stores written before NAMED_URL_STEP marked a named URL's click path with this Thai sentence.
_OLD_NAMED_URL_PATH = ["ไม่พบลิงก์จากหน้าเว็บที่ตรวจ (URL ที่หน่วยงานระบุไว้)"]


def _click_path(data: dict[str, Any]) -> None:
    if data.get("click_path") == _OLD_NAMED_URL_PATH:
        data["click_path"] = [NAMED_URL_STEP]


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def page_to_json(page: PageRecord) -> str:
    data: dict[str, Any] = {name: getattr(page, name) for name in _PAGE_PLAIN_FIELDS}
    data["links"] = [[link.url, link.text, link.context, link.in_main, link.kind.value] for link in page.links]
    data["forms"] = [[f.action, f.method, list(f.fields), f.has_textarea, f.text] for f in page.forms]
    data["images"] = [[i.src, i.alt, i.in_main] for i in page.images]
    return dumps(data)


def page_from_row(site_id: str, url: str, status: int, content_hash: str, record: str) -> PageRecord:
    data = json.loads(record)
    kinds = _LINK_KINDS
    data["links"] = [Link(u, t, c, m, kinds[k]) for u, t, c, m, k in data["links"]]
    data["forms"] = [Form(a, m, tuple(f), t, x) for a, m, f, t, x in data["forms"]]
    data["images"] = [Image(s, a, m) for s, a, m in data["images"]]
    _click_path(data)
    return PageRecord(site_id=site_id, url=url, status=status, content_hash=content_hash, **data)


def document_to_json(doc: DocumentRecord) -> str:
    return dumps({name: getattr(doc, name) for name in _DOC_PLAIN_FIELDS})


def document_from_row(site_id: str, url: str, status: str, content_hash: str, record: str) -> DocumentRecord:
    data = json.loads(record)
    _click_path(data)
    return DocumentRecord(site_id=site_id, url=url, status=_DOC_STATUSES[status], content_hash=content_hash, **data)
