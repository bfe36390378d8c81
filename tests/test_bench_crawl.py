"""The crawl benchmark's references fetch each host over as many chains as the crawl has per site."""
from __future__ import annotations

from bench.crawl import host_chains


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
