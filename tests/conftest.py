"""Shared fixtures: the sample SAO fleet served on loopback (see fleet/testing.py)."""

from __future__ import annotations

import pytest

from fleet.testing import RunningFleet, start_demo, start_fleet


@pytest.fixture(scope="session")
def fleet_demo(tmp_path_factory) -> RunningFleet:
    """The demo set on free ports: ``.sites_file``, ``.sites``, ``.truth(as_of)``, ``.url(site_id, path)``."""
    fleet = start_demo(tmp_path_factory.mktemp("fleet-demo"))
    yield fleet
    fleet.stop()


@pytest.fixture
def make_fleet(tmp_path):
    """Factory: ``make_fleet([custom_site("x", faults=Faults(hang=True)), ...])`` serves them until the test ends."""
    started: list[RunningFleet] = []

    def make(specs, **kwargs) -> RunningFleet:
        fleet = start_fleet(list(specs), tmp_path / f"fleet{len(started)}", **kwargs)
        started.append(fleet)
        return fleet

    yield make
    for fleet in started:
        fleet.stop()
