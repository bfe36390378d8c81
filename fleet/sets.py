"""Named sets of sample sites: the fixed demo set and generated benchmark sets; sites files.

The demo set is declared by hand and must stay stable across versions (the README's figures
are measured on it). Benchmark sets are drawn from a seed, up to several thousand sites.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import random
from dataclasses import replace
from pathlib import Path

import yaml

from fleet.builder import identity
from fleet.items import ITA_YEARS
from fleet.spec import FAMILIES, Faults, SiteSpec

DEMO_AS_OF = dt.date(2026, 11, 22)  # FY 2570; the demo's evaluation date
DEMO_BASE_IP = "127.0.1.0"
BENCH_BASE_IP = "127.1.0.0"
DEFAULT_PORT = 8080
ALIAS_OFFSET = 0x8000  # "www" addresses sit this far above the main ones
DEMO_SEED = 2570

# (id, family, profile, ita_year, news_count, faults) — keep stable: README figures depend on it.
FRAMED_DEMO_SITES = {"oldtable-tis620"}
_DEMO = (
    ("lao-ita2569", "lao_vendor", "good", 2569, 24, Faults()),
    ("lao-ita2566", "lao_vendor", "mixed", 2566, 30, Faults()),
    ("wp-flowpaper", "wordpress", "good", 2568, 26, Faults()),
    ("wp-moved-www", "wordpress", "mixed", None, 18, Faults(host_change=True)),
    ("joomla-redirects", "joomla", "mixed", None, 22, Faults(redirect_chain=3)),
    ("datanews-stale", "datanews", "stale", 2568, 40, Faults()),
    ("oldtable-tis620", "oldtable", "mixed", None, 15, Faults()),
    ("oldtable-latin1-header", "oldtable", "poor", None, 12, Faults(wrong_charset=True)),
    ("doconly-drive", "doconly", "doc_only", 2569, 8, Faults()),
    ("trap-shells", "datanews", "trap", 2569, 20, Faults(calendar_trap=True)),
    ("lao-slow-malformed", "lao_vendor", "good", 2568, 20, Faults(slow_ms=150, malformed_html=True, oversized=True)),
    ("lao-down", "lao_vendor", "good", 2569, 10, Faults(down=True)),
    ("wp-robots-blocked", "wordpress", "mixed", None, 10, Faults(robots_disallow=True)),
)


def address(base_ip: str, offset: int) -> str:
    ip = str(ipaddress.ip_address(base_ip) + offset)
    if not ipaddress.ip_address(ip).is_loopback:
        raise ValueError(f"{ip} is outside 127.0.0.0/8: choose a lower --base-ip or fewer sites")
    return ip


def demo_set(base_ip: str = DEMO_BASE_IP, port: int = DEFAULT_PORT) -> list[SiteSpec]:
    return [
        SiteSpec(
            id=site_id,
            index=i,
            seed=DEMO_SEED,
            family=fam,
            profile=profile,
            ip=address(base_ip, i + 1),
            port=port,
            alias_ip=address(base_ip, ALIAS_OFFSET + i + 1),
            ita_year=ita,
            news_count=news,
            faults=faults,
            frames=site_id in FRAMED_DEMO_SITES,
        )
        for i, (site_id, fam, profile, ita, news, faults) in enumerate(_DEMO)
    ]


def _bench_faults(rng: random.Random, family: str) -> Faults:
    roll = rng.random()
    return Faults(
        down=roll < 0.01,
        home_5xx=0.01 <= roll < 0.02,
        hang=0.02 <= roll < 0.025,
        reset=0.025 <= roll < 0.03,
        robots_disallow=0.03 <= roll < 0.04,
        slow_ms=rng.choice((200, 500, 900)) if 0.04 <= roll < 0.07 else 0,
        redirect_chain=rng.randint(1, 4) if 0.07 <= roll < 0.10 else 0,
        host_change=0.10 <= roll < 0.14,
        calendar_trap=0.14 <= roll < 0.16,
        malformed_html=rng.random() < 0.05,
        wrong_charset=family == "oldtable" and rng.random() < 0.3,
    )


def _latency_ms(rng: random.Random) -> int:
    """A site's response time: most answer in a few hundred ms, one in ten takes seconds (an
    overloaded shared host, a server abroad)."""
    if rng.random() < 0.1:
        return rng.randint(2000, 6000)
    return min(2000, max(100, int(rng.lognormvariate(math.log(400), 0.6))))


def bench_set(
    count: int,
    seed: int = 1,
    base_ip: str = BENCH_BASE_IP,
    port: int = DEFAULT_PORT,
    large_share: float = 0.0,
    latency: bool = False,
) -> list[SiteSpec]:
    """``count`` generated sites; realistic page counts (tens to a few hundred pages each).

    ``large_share`` of them are large sites (thousands of posts, see ``fleet.large``); with
    ``latency`` every site answers after a response time of its own. Both are drawn apart from
    the set's stream, so the other sites, and every site without them, stay as they were."""
    if count >= ALIAS_OFFSET:
        raise ValueError(f"at most {ALIAS_OFFSET - 1} sites: each needs two loopback addresses")
    rng = random.Random(f"bench/{seed}")
    families = list(FAMILIES)
    specs = []
    for i in range(count):
        fam = rng.choices(families, weights=(30, 20, 10, 25, 10, 5))[0]
        profile = rng.choices(("good", "mixed", "poor", "stale", "doc_only", "trap"), weights=(25, 35, 15, 10, 10, 5))[0]
        specs.append(
            SiteSpec(
                id=f"bench-{i:05d}",
                index=i,
                seed=seed,
                family=fam,
                profile=profile,
                ip=address(base_ip, i + 1),
                port=port,
                alias_ip=address(base_ip, ALIAS_OFFSET + i + 1),
                ita_year=rng.choice((None, None, *ITA_YEARS)),
                news_count=min(250, max(10, int(rng.lognormvariate(3.7, 0.8)))),
                faults=_bench_faults(rng, fam),
                frames=fam == "oldtable" and rng.random() < 0.5,
            )
        )
    extra = random.Random(f"bench/{seed}/large-latency")
    for i, spec in enumerate(specs):
        big, slow = extra.random() < large_share, _latency_ms(extra)
        if big:
            spec = replace(spec, large=True, news_count=extra.randint(1500, 2500))
        if latency:
            spec = replace(spec, faults=replace(spec.faults, slow_ms=max(spec.faults.slow_ms, slow)))
        specs[i] = spec
    return specs


def named_set(
    name: str,
    count: int | None = None,
    seed: int = 1,
    base_ip: str | None = None,
    port: int = DEFAULT_PORT,
    large_share: float = 0.0,
    latency: bool = False,
) -> list[SiteSpec]:
    if name == "demo":
        return demo_set(base_ip or DEMO_BASE_IP, port)
    if name == "bench":
        return bench_set(count or 200, seed, base_ip or BENCH_BASE_IP, port, large_share, latency)
    raise ValueError(f"unknown fleet set {name!r} (choose demo or bench)")


def sites_document(specs: list[SiteSpec]) -> dict:
    """The sites list in the crawler's format (config/sites.yaml)."""
    sites = []
    for spec in specs:
        _, org = identity(spec)
        entry: dict[str, str | list[str]] = {
            "id": spec.id,
            "name": org.name,
            "url": spec.url,
            "type": "อบต." if org.type == "อบต." else "เทศบาล",
            "province": org.province,
            "district": org.district,
        }
        if spec.faults.host_change and spec.alias_ip:
            entry["extra_hosts"] = [spec.alias_ip]
        sites.append(entry)
    return {"sites": sites}


def write_sites_file(specs: list[SiteSpec], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Sample SAO sites served by `oit fleet serve` on loopback (generated; do not edit).\n"
    path.write_text(header + yaml.safe_dump(sites_document(specs), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
