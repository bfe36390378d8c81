"""Certificate validity of an https site, checked apart from the crawl (which never requires it:
many .go.th certificates are expired, and their pages still count as published)."""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlsplit

TIMEOUT = 10.0


def certificate_is_valid(url: str, timeout: float = TIMEOUT) -> bool | None:
    """True when the server's certificate verifies for its host name, False when it does not,
    None when the server could not be reached to tell (a network error is not a TLS finding)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    context = ssl.create_default_context()
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            with context.wrap_socket(sock, server_hostname=host):
                return True
    except ssl.SSLError:  # includes SSLCertVerificationError
        return False
    except OSError:
        return None
