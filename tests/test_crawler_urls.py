"""Viewer iframes resolved to their file; file-sharing links recognised as unverifiable."""

from __future__ import annotations

import pytest

from crawler.urls import resolve_viewer, sharing_host


@pytest.mark.parametrize(
    "viewer, document",
    [
        (
            "http://127.0.1.5/flipbook/?pdf=/wp-content/uploads/2568/10/plan.pdf",
            "http://127.0.1.5/wp-content/uploads/2568/10/plan.pdf",
        ),
        ("http://127.0.1.5/pdfjs/web/viewer.html?file=..%2F..%2Ffiles%2Fo10.pdf", "http://127.0.1.5/files/o10.pdf"),
        ("http://127.0.1.5/viewer.html#file=docs/a.PDF", "http://127.0.1.5/docs/a.PDF"),
        (
            "https://docs.google.com/viewer?url=http%3A%2F%2F127.0.1.5%2Ffiles%2Fskr1.xlsx&embedded=true",
            "http://127.0.1.5/files/skr1.xlsx",
        ),
        ("http://127.0.1.5/FlowPaper/index.php?PDFFile=%E0%B9%81%E0%B8%9C%E0%B8%99.pdf", "http://127.0.1.5/FlowPaper/แผน.pdf"),
    ],
)
def test_viewer_urls_resolve_to_the_document(viewer: str, document: str) -> None:
    assert resolve_viewer(viewer) == document


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.1.5/files/plan.pdf",
        "https://www.google.com/maps/embed?pb=1",
        "http://127.0.1.5/news.php?id=9",
        "http://127.0.1.5/view.php?file=report",
    ],
)
def test_other_urls_are_not_viewers(url: str) -> None:
    assert resolve_viewer(url) is None


def test_sharing_hosts_are_named_and_ordinary_hosts_are_not() -> None:
    assert sharing_host("https://drive.google.com/file/d/1AbC/view?usp=sharing") == "Google Drive"
    assert sharing_host("https://anyflip.com/abcd/efgh/") == "AnyFlip"
    assert sharing_host("https://www.dropbox.com/s/x/a.pdf?dl=0") == "Dropbox"
    assert sharing_host("https://contoso.sharepoint.com/:b:/g/x") == "SharePoint"
    assert sharing_host("http://127.0.1.5/files/plan.pdf") is None
    assert sharing_host("https://notdrive.google.com.example/x") is None
