"""What defines one sample site: its address, family, content profile and fault modes.

A spec is small declared data; the pages, documents and ground truth are all derived from it
(see ``fleet.builder``), so the same spec always serves the same site.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

FAMILIES = ("lao_vendor", "wordpress", "joomla", "datanews", "oldtable", "doconly")


@dataclass(frozen=True, slots=True)
class Faults:
    """Fault modes of a site, as served. All off by default."""

    down: bool = False  # no listener at all: connection refused
    slow_ms: int = 0  # every response delayed this long
    hang: bool = False  # accept, read the request, never answer (client timeout)
    reset: bool = False  # every connection reset right after the request
    home_5xx: bool = False  # the home page answers 503
    redirect_chain: int = 0  # the home page redirects this many times before landing
    redirect_loop: bool = False  # the home page redirects in a circle forever
    host_change: bool = False  # content lives on alias_ip (www-style); the main address redirects there
    robots_disallow: bool = False  # robots.txt disallows everything
    calendar_trap: bool = False  # an event calendar with endless next-month links
    oversized: bool = False  # one linked page is tens of megabytes
    malformed_html: bool = False  # unclosed tags, stray markup, broken nesting
    wrong_charset: bool = False  # TIS-620 body sent with "charset=ISO-8859-1" (oldtable family)

    def active(self) -> list[str]:
        """The modes switched on, with their values where they have one: ["host_change", "slow_ms=150"]."""
        values = ((f.name, getattr(self, f.name)) for f in fields(self))
        return [name if value is True else f"{name}={value}" for name, value in values if value]


@dataclass(frozen=True, slots=True)
class SiteSpec:
    id: str
    index: int  # position in its set; keeps invented identities unique
    seed: int
    family: str
    profile: str  # good | mixed | poor | stale | doc_only | trap (fleet/plan.py PROFILE_WEIGHTS)
    ip: str
    port: int
    alias_ip: str = ""  # second loopback address (host_change) — the "www" host
    ita_year: int | None = None  # ITA numbering the site was built for; None: no ITA page
    news_count: int = 20
    frames: bool = False  # home page is a frameset (old hand-made sites)
    faults: Faults = field(default_factory=Faults)
    states: tuple[tuple[str, str], ...] = ()  # explicit (key, state) pairs, override the profile
    large: bool = False  # thousands of posts, archives, tags, print views, calendar (fleet.large)
    # Documents scanned as bound reports: title page, contents, the body on page 3, an annex.
    long_scans: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}/"

    @property
    def content_ip(self) -> str:
        """The address that serves the pages (the alias when the site moved host)."""
        return self.alias_ip if self.faults.host_change and self.alias_ip else self.ip

    @property
    def base_url(self) -> str:
        return f"http://{self.content_ip}:{self.port}"

    def state_of(self, key: str) -> str | None:
        return dict(self.states).get(key)
