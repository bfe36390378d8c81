"""Why a fetch failed, in the terms of SiteStatus: a site that is down is never "all items missing"."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from twisted.internet import error as tx_error

from store.records import SiteStatus

ROBOTS_MESSAGE = "Forbidden by robots.txt"
_TLS_WORDS = ("ssl", "tls", "certificate", "handshake")


def is_robots_block(exc: BaseException) -> bool:
    return isinstance(exc, IgnoreRequest) and ROBOTS_MESSAGE in str(exc)


def is_too_large(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, DownloadCancelledError) and ("max size" in text or "larger than" in text)


def classify_failure(exc: BaseException) -> tuple[SiteStatus, str]:
    """(status, short English detail) for a request that produced no response."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, (CannotResolveHostError, tx_error.DNSLookupError)):
        return SiteStatus.DNS_FAILURE, f"host name not found: {text}"
    if isinstance(exc, (DownloadConnectionRefusedError, tx_error.ConnectionRefusedError)):
        return SiteStatus.CONNECTION_REFUSED, "connection refused"
    if isinstance(exc, (DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError, TimeoutError)):
        return SiteStatus.TIMEOUT, "timed out"
    if is_robots_block(exc):
        return SiteStatus.BLOCKED, "robots.txt disallows it"
    if any(word in text.lower() for word in _TLS_WORDS) or type(exc).__module__.startswith("OpenSSL"):
        return SiteStatus.TLS_FAILURE, f"TLS failure: {text[:200]}"
    if is_too_large(exc):
        return SiteStatus.HTTP_ERROR, "larger than the size limit"
    if isinstance(exc, IgnoreRequest) and "redirection" in text:
        return SiteStatus.HTTP_ERROR, "too many redirects (redirect loop)"
    return SiteStatus.HTTP_ERROR, f"{type(exc).__name__}: {text[:200]}"


def classify_status(status: int) -> tuple[SiteStatus, str]:
    """Site status from the home page's final HTTP status."""
    if 200 <= status < 300:
        return SiteStatus.OK, ""
    if status >= 500:
        return SiteStatus.SERVER_ERROR, f"home page answered HTTP {status}"
    return SiteStatus.HTTP_ERROR, f"home page answered HTTP {status}"
