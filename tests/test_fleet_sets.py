"""Fleet sets, determinism, variety, and the commands that serve them."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import replace
from pathlib import Path

import yaml

from fleet.builder import build_site
from fleet.documents import DocSpec, render
from fleet.items import ITEMS
from fleet.sets import DEMO_AS_OF, bench_set, demo_set, sites_document

ROOT = Path(__file__).resolve().parent.parent


def test_demo_set_is_the_declared_one():
    specs = demo_set()
    assert [s.id for s in specs][:3] == ["lao-ita2569", "lao-ita2566", "wp-flowpaper"]
    assert len(specs) == 13
    assert {s.family for s in specs} == {"lao_vendor", "wordpress", "joomla", "datanews", "oldtable", "doconly"}
    assert sum(s.faults.down for s in specs) == 1


def test_building_is_deterministic_and_seeded():
    spec = demo_set()[1]
    first, second = build_site.__wrapped__(spec, DEMO_AS_OF), build_site.__wrapped__(spec, DEMO_AS_OF)
    assert {k: p.main for k, p in first.pages.items()} == {k: p.main for k, p in second.pages.items()}
    assert first.truth == second.truth
    other = build_site.__wrapped__(replace(spec, seed=spec.seed + 1), DEMO_AS_OF)
    assert other.org.name != first.org.name or other.truth != first.truth


def test_documents_are_byte_identical_on_every_render():
    spec = DocSpec("scan", "รายงานผลการดำเนินงานประจำปี ๒๕๖๙", ("องค์การบริหารส่วนตำบลทดสอบ",))
    assert render(spec) == render(spec)


def test_truth_follows_the_as_of_fiscal_year():
    spec = demo_set()[0]
    truth_2570 = build_site(spec, DEMO_AS_OF).truth
    truth_2571 = build_site(spec, DEMO_AS_OF.replace(year=2027)).truth
    assert truth_2570["annual_plan"].required_fiscal_year == 2570
    assert truth_2571["annual_plan"].required_fiscal_year == 2571
    assert truth_2570["annual_report"].required_fiscal_year == 2569  # reports cover the previous FY


def test_wording_varies_between_sites():
    titles = [p.title for spec in demo_set() for p in build_site(spec, DEMO_AS_OF).pages.values()]
    varied = [item.key for item in ITEMS if sum(any(name.split(" (")[0] in t for t in titles) for name in item.names) >= 2]
    assert len(varied) >= 25, varied


def test_bench_set_scales_on_unique_loopback_addresses():
    specs = bench_set(3000, seed=5)
    addresses = [a for s in specs for a in (s.ip, s.alias_ip)]
    assert len(set(addresses)) == 6000
    assert all(ipaddress.ip_address(a).is_loopback for a in addresses)
    assert bench_set(3000, seed=5) == specs
    assert 0 < sum(s.faults.down for s in specs) < 100
    pages = [len(build_site(s, DEMO_AS_OF).pages) for s in specs[:30]]
    assert min(pages) >= 30 and max(pages) >= 100


def test_sites_file_has_the_crawler_format():
    data = sites_document(demo_set())
    entry = data["sites"][0]
    assert set(entry) >= {"id", "name", "url", "type", "province", "district"}
    assert entry["type"] in ("อบต.", "เทศบาล")
    moved = next(e for e in data["sites"] if e["id"] == "wp-moved-www")
    assert moved["extra_hosts"] == [demo_set()[3].alias_ip]


def test_fixture_sites_match_the_sites_file(fleet_demo):
    listed = yaml.safe_load(fleet_demo.sites_file.read_text())["sites"]
    records = fleet_demo.site_records()
    assert [r.url for r in records] == [e["url"] for e in listed] == [s.url for s in fleet_demo.sites]
    assert fleet_demo.url("wp-moved-www", "/x").startswith(f"http://{fleet_demo.spec('wp-moved-www').alias_ip}:")


def _oit(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "oit", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **kwargs,
    )


def test_truth_command_writes_json(tmp_path):
    out = tmp_path / "truth.json"
    process = _oit("fleet", "truth", "--set", "demo", "--as-of", "2027-04-20", "--out", str(out))
    assert process.wait(timeout=60) == 0, process.stdout.read()
    data = json.loads(out.read_text())
    assert data["as_of"] == "2027-04-20" and len(data["sites"]) == 13
    assert data["sites"]["lao-down"]["site_status"] == "unreachable"
    assert data["sites"]["lao-ita2569"]["items"]["annual_plan"]["required_fiscal_year"] == 2570


def test_serve_command_serves_the_demo_and_writes_the_sites_file(tmp_path):
    sites = tmp_path / "sites.yaml"
    process = _oit("fleet", "serve", "--set", "demo", "--port", "0", "--base-ip", "127.0.5.0", "--sites-out", str(sites))
    try:
        for line in process.stdout:
            if line.startswith("serving"):
                break
        listed = yaml.safe_load(sites.read_text())["sites"]
        assert len(listed) == 13 and listed[0]["url"].startswith("http://127.0.5.1:")
        with urllib.request.urlopen(listed[0]["url"], timeout=10) as response:
            assert response.status == 200
            assert re.search("องค์การบริหารส่วนตำบล|เทศบาลตำบล", response.read().decode())
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_news_truth_is_the_fiscal_year_of_the_newest_post():
    from fleet.thaistyle import fiscal_year

    states = set()
    for spec in demo_set() + bench_set(60, seed=2):
        site = build_site(spec, DEMO_AS_OF)
        entry = site.truth["news"]
        newest = max(p.date for p in site.pages.values() if p.kind == "post")
        assert fiscal_year(newest) == entry.fiscal_year, spec.id
        states.add(entry.state)
    assert states == {"current", "stale"}


def test_probe_command_reports_requests_per_second():
    process = _oit(
        "fleet", "probe", "--set", "bench", "--count", "12", "--base-ip", "127.0.6.0", "--requests", "300", "--connections", "4"
    )
    output = process.communicate(timeout=120)[0]
    assert process.returncode == 0, output
    assert re.search(r"\d+ pages \+ 0 non-200 .* \d+ requests/s", output), output
