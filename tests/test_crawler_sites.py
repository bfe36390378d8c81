"""Sites list and crawl settings: valid files load, invalid ones are rejected with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.settings import load_config, scrapy_settings
from crawler.sites import load_sites
from oit.yamlfile import YamlError

GOOD = """sites:
  - id: loi
    name: องค์การบริหารส่วนตำบลลอย
    url: http://127.0.1.5:8080
    type: อบต.
    province: ขอนแก่น
    extra_hosts: [loi.go.th, www.loi.go.th]
  - {id: nong, name: เทศบาลตำบลหนอง, url: 'https://nong.go.th/'}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_sites_load_with_optional_fields(tmp_path):
    loi, nong = load_sites(write(tmp_path, "sites.yaml", GOOD))
    assert (loi.id, loi.url, loi.type, loi.province) == ("loi", "http://127.0.1.5:8080/", "อบต.", "ขอนแก่น")
    assert loi.extra_hosts == ("loi.go.th", "www.loi.go.th")
    assert nong.name == "เทศบาลตำบลหนอง" and nong.extra_hosts == ()


def test_csv_import(tmp_path):
    path = write(
        tmp_path,
        "sites.csv",
        "id,name,url,province,extra_hosts\nloi,อบต.ลอย,http://127.0.1.5:8080/,ขอนแก่น,loi.go.th;old.loi.go.th\n",
    )
    [site] = load_sites(path)
    assert site.province == "ขอนแก่น" and site.extra_hosts == ("loi.go.th", "old.loi.go.th")


@pytest.mark.parametrize(
    "text, line, field",
    [
        (GOOD.replace("url: http://127.0.1.5:8080", "url: ftp://x"), 4, "sites[0].url"),
        (GOOD.replace("    name: องค์การบริหารส่วนตำบลลอย\n", ""), 2, "sites[0].name"),
        (GOOD.replace("    type: อบต.", "    kind: อบต."), 5, "sites[0].kind"),
        (GOOD.replace("id: nong", "id: loi"), 8, "sites[1].id"),
        (GOOD.replace("id: loi", "id: 'ลอย'"), 2, "sites[0].id"),
        ("sites: nothing\n", 1, "sites"),
        ("sites: []\n", 1, "sites"),
        (GOOD.replace("url: http://127.0.1.5:8080", "url: http://127.0.1.5:80800"), 4, "sites[0].url"),
        (GOOD.replace("url: http://127.0.1.5:8080", "url: http://127.0.1.5:abc"), 4, "sites[0].url"),
        (GOOD.replace("url: http://127.0.1.5:8080", "url: http://127.0.1.5:0"), 4, "sites[0].url"),
        (GOOD.replace("url: http://127.0.1.5:8080", "url: 'http://[::1/'"), 4, "sites[0].url"),
    ],
)
def test_invalid_yaml_names_file_line_and_field(tmp_path, text, line, field):
    path = write(tmp_path, "sites.yaml", text)
    with pytest.raises(YamlError) as err:
        load_sites(path)
    assert (err.value.file, err.value.line, err.value.field) == (str(path), line, field)


def test_a_csv_file_without_sites_is_refused(tmp_path):
    path = write(tmp_path, "sites.csv", "id,name,url\n")
    with pytest.raises(YamlError, match="no sites listed"):
        load_sites(path)


def test_invalid_csv_row_names_its_line(tmp_path):
    path = write(tmp_path, "sites.csv", "id,name,url\nloi,อบต.ลอย,http://a/\nnong,,http://b/\n")
    with pytest.raises(YamlError) as err:
        load_sites(path)
    assert (err.value.line, err.value.field) == (3, "name")


def test_settings_file_overrides_defaults_and_rejects_unknown_keys(tmp_path):
    config = load_config(write(tmp_path, "crawl.yaml", "budget: {pages: 40}\npoliteness: {enabled: false}\n"))
    assert config.page_budget == 40 and not config.politeness
    settings = scrapy_settings(config)
    assert settings["DOWNLOAD_DELAY"] == 0 and not settings["AUTOTHROTTLE_ENABLED"]
    assert settings["ROBOTSTXT_OBEY"] and not settings["COOKIES_ENABLED"]
    with pytest.raises(YamlError) as err:
        load_config(write(tmp_path, "bad.yaml", "budget:\n  pages: 40\n  pagez: 3\n"))
    assert (err.value.line, err.value.field) == (3, "budget.pagez")
    with pytest.raises(YamlError) as err:
        load_config(write(tmp_path, "bad2.yaml", "limits: {timeout: soon}\n"))
    assert err.value.field == "limits.timeout"


def test_politeness_puts_more_sites_in_flight_never_more_requests_per_site(tmp_path):
    polite = load_config(
        write(tmp_path, "polite.yaml", "politeness: {per_site_concurrency: 2}\nconcurrency: {requests: 64, sites: 300}\n")
    )
    settings = scrapy_settings(polite)
    assert polite.active_sites == 300 and settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert settings["CONCURRENT_REQUESTS"] == 600  # a request waiting out its site's delay holds a slot
    fast = polite.with_overrides(politeness=False)  # own loopback fleet: the request limit decides
    assert (fast.active_sites, scrapy_settings(fast)["CONCURRENT_REQUESTS"]) == (16, 64)


def test_shipped_config_files_are_valid():
    config_dir = Path(__file__).resolve().parent.parent / "config"
    assert load_sites(config_dir / "sites.yaml")
    assert load_config(config_dir / "crawl.yaml").user_agent.startswith("OIT-compliance-crawler")


def test_a_crawl_process_without_a_sites_file_needs_sites_registered_in_its_run(tmp_path, capsys):
    from crawler.__main__ import main
    from store.db import Store

    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        run_id = store.begin_run("crawl")
    assert main(["--db", str(db), "--run-id", str(run_id)]) == 2
    assert f"run {run_id} has no sites registered" in capsys.readouterr().err
