"""Fault modes behave as declared, over real loopback HTTP."""

from __future__ import annotations

import http.client
import re
import socket
from urllib.parse import urljoin, urlsplit

import pytest

from fleet.server import FleetServer
from fleet.sets import DEMO_AS_OF
from fleet.spec import Faults
from fleet.testing import custom_site
from fleet.truth import expected_site_status


def request(url: str, timeout: float = 10.0, method: str = "GET"):
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_down_site_refuses_connections(make_fleet):
    fleet = make_fleet([custom_site("up"), custom_site("down", faults=Faults(down=True))])
    assert request(fleet.url("up"))[0] == 200
    with pytest.raises(ConnectionRefusedError):
        request(fleet.url("down"))
    assert expected_site_status(fleet.spec("down").faults) == ("unreachable", "connection_refused")


def test_hanging_site_times_out_and_reset_site_resets(make_fleet):
    fleet = make_fleet([custom_site("hang", faults=Faults(hang=True)), custom_site("reset", faults=Faults(reset=True))])
    with pytest.raises(socket.timeout):
        request(fleet.url("hang"), timeout=0.5)
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        request(fleet.url("reset"))


def test_slow_site_answers_later_than_a_short_client_timeout(make_fleet):
    fleet = make_fleet([custom_site("slow", faults=Faults(slow_ms=2000))])
    with pytest.raises(socket.timeout):
        request(fleet.url("slow"), timeout=0.3)
    assert request(fleet.url("slow", "/robots.txt"), timeout=10)[0] == 200


def test_home_5xx_but_other_pages_work(make_fleet):
    fleet = make_fleet([custom_site("err", faults=Faults(home_5xx=True))])
    assert request(fleet.url("err"))[0] == 503
    assert request(fleet.url("err", "/news.php"))[0] == 200


def follow(url: str, limit: int = 20) -> list[str]:
    chain = [url]
    for _ in range(limit):
        status, headers, _ = request(chain[-1])
        if status not in (301, 302):
            return chain
        chain.append(urljoin(chain[-1], headers["Location"]))
    return chain


def test_redirect_chain_lands_and_loop_never_does(make_fleet):
    fleet = make_fleet(
        [custom_site("chain", faults=Faults(redirect_chain=3)), custom_site("loop", faults=Faults(redirect_loop=True))]
    )
    chain = follow(fleet.url("chain"))
    assert len(chain) == 5 and request(chain[-1])[0] == 200  # / -> hop1 -> hop2 -> hop3 -> index.php
    loop = follow(fleet.url("loop"), limit=10)
    assert len(loop) == 11 and len(set(loop)) == 3


def test_host_change_moves_every_path_to_the_www_address(make_fleet):
    fleet = make_fleet([custom_site("moved", faults=Faults(host_change=True))])
    spec = fleet.spec("moved")
    status, headers, _ = request(spec.url + "news.php?page=2")
    assert status == 301 and headers["Location"] == f"http://{spec.alias_ip}:{spec.port}/news.php?page=2"
    assert request(headers["Location"])[0] == 200
    assert spec.alias_ip in fleet.sites_file.read_text()  # listed as an extra host of the site


def test_robots_disallow_everything(make_fleet):
    fleet = make_fleet([custom_site("robots", faults=Faults(robots_disallow=True)), custom_site("open")])
    assert request(fleet.url("robots", "/robots.txt"))[2] == b"User-agent: *\nDisallow: /\n"
    assert b"Disallow: /\n" not in request(fleet.url("open", "/robots.txt"))[2]


def test_calendar_trap_never_runs_out_of_months(make_fleet):
    fleet = make_fleet([custom_site("cal", faults=Faults(calendar_trap=True))])
    home = request(fleet.url("cal"))[2].decode()
    url = urljoin(fleet.url("cal"), re.search(r'href="([^"]*calendar[^"]*)"', home).group(1).replace("&amp;", "&"))
    seen = set()
    for _ in range(30):
        body = request(url)[2].decode()
        seen.add(url)
        url = urljoin(url, re.findall(r'href="(/calendar\?ym=[^"&]+)"', body)[-1])  # "next month"
    assert len(seen) == 30


def test_oversized_page_is_tens_of_megabytes(make_fleet):
    fleet = make_fleet([custom_site("big", faults=Faults(oversized=True))])
    assert "report-full.html" in request(fleet.url("big"))[2].decode()
    status, headers, body = request(fleet.url("big", "/download/report-full.html"), method="HEAD")
    assert status == 200 and int(headers["Content-Length"]) > 20 * 1024 * 1024 and body == b""
    status, headers, _ = request(fleet.url("big", "/download/scan-all.pdf"), method="HEAD")
    assert headers["Content-Type"] == "application/pdf" and int(headers["Content-Length"]) > 20 * 1024 * 1024


def test_malformed_html_has_unbalanced_markup(make_fleet):
    fleet = make_fleet([custom_site("bad", faults=Faults(malformed_html=True)), custom_site("fine")])
    bad, fine = (request(fleet.url(s))[2].decode() for s in ("bad", "fine"))
    assert bad.count("<div") > bad.count("</div>")
    assert fine.count("<div") == fine.count("</div>")


def test_only_loopback_addresses_are_served():
    spec = custom_site("outside")
    from dataclasses import replace

    with pytest.raises(ValueError):
        FleetServer([replace(spec, ip="192.0.2.10")], DEMO_AS_OF)
