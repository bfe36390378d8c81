"""The night's health check (scheduler/health.py): our network down, or just some sites down?"""

from scheduler.config import HealthSettings
from scheduler.health import network_down

DEFAULT = HealthSettings()  # more than half, and at least 3 sites


def sites(n, status, reached_before=True, prefix="s"):
    return [(f"{prefix}{status}{i}", status, reached_before) for i in range(n)]


def test_a_few_sites_down_is_an_ordinary_night():
    assert network_down(sites(7, "ok") + sites(3, "dns_failure"), DEFAULT) is None
    assert network_down(sites(5, "ok") + sites(5, "connection_refused"), DEFAULT) is None  # half is not most


def test_most_sites_failing_at_the_network_level_is_our_network():
    reason = network_down(sites(2, "ok") + sites(6, "dns_failure") + sites(2, "timeout"), DEFAULT)
    assert reason.startswith(
        "health check failed: 8 of 10 sites that answered on their previous crawl could not be reached (dns_failure 6, timeout 2)"
    )


def test_sites_answering_with_errors_are_not_a_network_failure():
    """A 5xx, a 404, a TLS error or robots.txt means the network worked."""
    outcomes = sites(1, "ok") + sites(3, "server_error") + sites(3, "http_error") + sites(3, "tls_failure")
    assert network_down(outcomes, DEFAULT) is None


def test_sites_closed_at_their_time_limit_answered():
    """A site still crawling at its per-site limit was slow, not unreachable."""
    assert network_down(sites(1, "ok") + sites(9, "time_limit"), DEFAULT) is None


def test_sites_down_for_weeks_are_not_witnesses():
    """Long-dead sites fail every night; what counts is the sites that answered last time."""
    long_dead = sites(30, "dns_failure", reached_before=False, prefix="dead")
    assert network_down(long_dead + sites(9, "ok") + sites(1, "timeout"), DEFAULT) is None
    reason = network_down(long_dead + sites(1, "ok") + sites(9, "timeout"), DEFAULT)
    assert "9 of 10 sites that answered on their previous crawl" in reason


def test_first_run_judges_on_every_site_crawled():
    assert "3 of 3 sites crawled" in network_down(sites(3, "connection_refused", reached_before=False), DEFAULT)


def test_too_few_sites_to_tell():
    assert network_down(sites(2, "dns_failure"), DEFAULT) is None  # one site down out of two is no evidence
    assert network_down(sites(2, "dns_failure"), HealthSettings(min_sites=2)) is not None
    assert network_down(sites(10, "dns_failure"), HealthSettings(max_network_failure_share=1.0)) is None  # switched off
