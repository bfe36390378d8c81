"""Ground truth of the fleet: per site, what a perfect checker should find for every stable key.

Truth is read from the same build as the pages (``fleet.builder``), so it cannot drift from
them. States: current, stale, incomplete, broken, unverifiable, absent (the rule engine maps
them to pass, stale, incomplete, broken, unverifiable, missing). A site that cannot be crawled
also has an expected site status (unreachable / blocked): its items are then not judged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fleet.builder import build_site
from fleet.model import TruthEntry
from fleet.spec import Faults, SiteSpec

__all__ = ["TruthEntry", "truth_for", "expected_site_status", "truth_document", "write_truth"]

# Fault modes that keep a crawler from judging the site, and the status it should report.
_SITE_FAILURES = (
    ("down", "connection_refused"),
    ("reset", "connection_reset"),
    ("hang", "timeout"),
    ("home_5xx", "server_error"),
    ("redirect_loop", "redirect_loop"),
    ("robots_disallow", "blocked"),
)


def truth_for(spec: SiteSpec, as_of: dt.date) -> dict[str, TruthEntry]:
    """Truth of every stable key for the site served on ``as_of``."""
    return build_site(spec, as_of).truth


def expected_site_status(faults: Faults) -> tuple[str, str]:
    """(ok | unreachable | blocked, the precise reason or "")."""
    for name, reason in _SITE_FAILURES:
        if getattr(faults, name):
            return ("blocked" if reason == "blocked" else "unreachable"), reason
    return "ok", ""


def truth_document(specs: Iterable[SiteSpec], as_of: dt.date) -> dict[str, Any]:
    sites = {}
    for spec in specs:
        status, reason = expected_site_status(spec.faults)
        sites[spec.id] = {
            "url": spec.url,
            "family": spec.family,
            "profile": spec.profile,
            "ita_year": spec.ita_year,
            "faults": spec.faults.active(),
            "site_status": status,
            "site_status_reason": reason,
            "items": {key: asdict(entry) for key, entry in truth_for(spec, as_of).items()},
        }
    return {"as_of": as_of.isoformat(), "sites": sites}


def write_truth(specs: Iterable[SiteSpec], as_of: dt.date, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(truth_document(specs, as_of), ensure_ascii=False, indent=1), encoding="utf-8")
    return out
