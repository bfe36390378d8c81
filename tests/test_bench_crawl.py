"""The crawl benchmark's references fetch each host over as many chains as the crawl has per site."""

from __future__ import annotations

from bench.crawl import host_chains, national_projection


def test_each_hosts_urls_are_dealt_into_chains_interleaved_across_hosts():
    urls = [f"http://127.0.0.1:8000/p{i}" for i in range(6)] + ["http://127.0.0.2:8000/", "http://127.0.0.2:8000/a"]
    chains = host_chains(urls, per_host=4)
    assert sorted(u for chain in chains for u in chain) == sorted(urls)  # every URL once
    assert all(len({u.split("/")[2] for u in chain}) == 1 for chain in chains)  # a chain stays on one host
    assert [len(c) for c in chains if "127.0.0.1" in c[0]] == [2, 2, 1, 1]
    assert [len(c) for c in chains if "127.0.0.2" in c[0]] == [1, 1]
    # the first chains in flight cover both hosts, not all of the first host's chains first
    assert {chain[0].split("/")[2] for chain in chains[:2]} == {"127.0.0.1:8000", "127.0.0.2:8000"}
    assert chains[0] == ["http://127.0.0.1:8000/p0", "http://127.0.0.1:8000/p4"]


def test_the_national_night_is_the_longer_of_politeness_and_cpu_not_the_sample_scaled():
    # 1,000 sites, each 100 s on its own, 512 at once; the sample ends with a 900 s site
    run = {"sites": 1000, "seconds_to_last_page": 1200.0, "cpu_seconds": 600.0}
    hours = national_projection(run, {"sum": 100_000, "max": 900}, in_flight=512, processes=2, sites=8300)
    assert hours["projected_hours_politeness"] == round((100_000 * 8.3 / 512 + 900) / 3600, 2)  # 0.7
    assert hours["projected_hours_cpu"] == round(600 * 8.3 / 2 / 3600, 2)  # 0.69
    assert hours["projected_hours_linear"] == round(1200 * 8.3 / 3600, 2)  # 2.77: the slowest site 8 times
    assert hours["projected_hours_for_8300_sites"] == hours["projected_hours_politeness"]
