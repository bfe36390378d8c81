"""Redirects a site points at something that is no web page (``javascript:``, ``mailto:``, ``tel:``).

Scrapy's redirect middlewares build the new request before they look at its scheme, and a request
for ``javascript:…`` raises ValueError: a home page with ``<meta http-equiv="refresh"
content="0;url=javascript:…">`` failed its whole site. A browser stays on such a page, and so do we:
the response is kept as it is.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh

from crawler.urls import is_web_url


class WebRedirectMiddleware(RedirectMiddleware):
    """3xx redirects, except to a ``Location`` that is not an http(s) URL."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        location = response.headers.get("Location")
        if location is not None and not is_web_url(urljoin(request.url, location.decode("latin-1").strip())):
            return response
        return super().process_response(request, response, spider)


class WebMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Meta refreshes, except to a target that is not an http(s) URL."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        if isinstance(response, HtmlResponse):
            _, url = get_meta_refresh(response, ignore_tags=self._ignore_tags)  # cached per response
            if url and not is_web_url(url):
                return response
        return super().process_response(request, response, spider)
