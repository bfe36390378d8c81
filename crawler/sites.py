"""The list of sites to crawl: config/sites.yaml, or a CSV export (id,name,url,type,province,district,extra_hosts).

Both forms are validated field by field; errors name the file, the line and the field.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

from oit.yamlfile import YamlDoc, YamlError, load_yaml, read_user_text
from store.records import Site

SITE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
SITE_FIELDS = ("id", "name", "url", "type", "province", "district", "extra_hosts")
REQUIRED = ("id", "name", "url")


def load_sites(path: str | Path) -> list[Site]:
    """Sites from a YAML file (``sites: [...]``) or a CSV file with a header row."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _load_csv(path)
    return _load_yaml(load_yaml(path))


def _load_yaml(doc: YamlDoc) -> list[Site]:
    root = doc.root.fields({"sites"})
    entries = root.list("sites")
    if not entries:
        raise root.error("sites", "no sites listed")
    sites: list[Site] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        fields = entry.fields(SITE_FIELDS)
        values = {k: fields.text(k, "", numbers=True) for k in SITE_FIELDS if k != "extra_hosts"}
        extra = list(fields.texts("extra_hosts", (), single=True))
        problem = _check(values, extra)
        if problem:
            raise fields.error(problem[0], problem[1])
        site = _site(values, extra)
        if site.id in seen:
            raise fields.error("id", f"duplicate site id {site.id!r} (first at sites[{seen[site.id]}])")
        seen[site.id] = i
        sites.append(site)
    return sites


def _load_csv(path: Path) -> list[Site]:
    text = read_user_text(path, encoding="utf-8-sig")  # Excel writes a BOM
    reader = csv.DictReader(text.splitlines())
    missing = [f for f in REQUIRED if f not in (reader.fieldnames or [])]
    if missing:
        raise YamlError(path, 1, missing[0], f"missing column (header must include {', '.join(REQUIRED)})")
    sites: list[Site] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        extra = [h for h in re.split(r"[\s;|]+", row.get("extra_hosts") or "") if h]
        values = {k: (row.get(k) or "").strip() for k in SITE_FIELDS if k != "extra_hosts"}
        problem = _check(values, extra)
        if problem:
            raise YamlError(path, line, problem[0], problem[1])
        site = _site(values, extra)
        if site.id in seen:
            raise YamlError(path, line, "id", f"duplicate site id {site.id!r} (first on line {seen[site.id]})")
        seen[site.id] = line
        sites.append(site)
    if not sites:
        raise YamlError(path, 1, "", "no sites listed (only the header row)")
    return sites


def _check(values: dict[str, str], extra_hosts: list[str]) -> tuple[str, str] | None:
    """The first problem of one site entry as (field, message), or None."""
    for name in REQUIRED:
        if not values.get(name) or not str(values[name]).strip():
            return name, "required"
    if not SITE_ID.match(str(values["id"])):
        return "id", "use letters, digits, '-', '_' or '.' (at most 64)"
    try:
        parts = urlsplit(str(values["url"]).strip())
        parts.port  # noqa: B018 -- read for its check: a port out of range or not a number raises
    except ValueError as exc:  # "http://[::1/", "http://host:80800/", "http://host:abc/"
        return "url", f"not a valid URL: {values['url']!r} ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "url", f"not an http(s) URL: {values['url']!r}"
    if parts.port == 0:
        return "url", f"port 0 is no port to connect to: {values['url']!r}"
    for host in extra_hosts:
        if "/" in host or " " in host:
            return "extra_hosts", f"a host name, not a URL: {host!r}"
    return None


def _site(values: dict[str, str], extra_hosts: list[str]) -> Site:
    url = str(values["url"]).strip()
    if urlsplit(url).path == "":
        url += "/"
    return Site(
        id=str(values["id"]).strip(),
        name=str(values["name"]).strip(),
        url=url,
        type=str(values.get("type") or "").strip(),
        province=str(values.get("province") or "").strip(),
        district=str(values.get("district") or "").strip(),
        extra_hosts=tuple(h.strip().lower() for h in extra_hosts),
    )
