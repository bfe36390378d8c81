"""A night's health check before publishing: is it the sites that are down, or our network?

When most sites fail at the network level (DNS, connection refused, timeout), especially sites
that answered on their previous crawl, the fault is almost certainly on our side (resolver, route,
firewall, cable). Such a night must not replace a good report with one that says every site is
unreachable: the run is failed with the reason, and the previous reports stay current.
"""

from __future__ import annotations

from collections import Counter

from scheduler.config import HealthSettings
from store.records import SiteStatus

NETWORK_FAILURES = frozenset({SiteStatus.DNS_FAILURE, SiteStatus.CONNECTION_REFUSED, SiteStatus.TIMEOUT})


def network_down(outcomes: list[tuple[str, str, bool]], settings: HealthSettings) -> str | None:
    """Why the night looks like our network failed, or None.

    ``outcomes``: (site id, crawl status, reached on its previous crawl) of each site crawled. The
    sites reached before are the witnesses when there are enough of them: a site that has been down
    for weeks says nothing about tonight's network. Pending sites (a time limit) are not counted."""
    reached = [o for o in outcomes if o[2]]
    basis, what = (
        (reached, "sites that answered on their previous crawl")
        if len(reached) >= settings.min_sites
        else (outcomes, "sites crawled")
    )
    failed = Counter(status for _, status, _ in basis if status in NETWORK_FAILURES)
    total = sum(failed.values())
    if total < settings.min_sites or total <= settings.max_network_failure_share * len(basis):
        return None
    kinds = ", ".join(f"{status} {count}" for status, count in failed.most_common())
    return (
        f"health check failed: {total} of {len(basis)} {what} could not be reached ({kinds}); "
        "the network on this side (DNS, route, firewall) looks down"
    )
