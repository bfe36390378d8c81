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


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A throwaway PostgreSQL server (store.local_postgres.LocalPostgres) for the whole session."""
    from store.local_postgres import LocalPostgres

    with LocalPostgres(tmp_path_factory.mktemp("postgres")) as server:
        yield server


@pytest.fixture
def postgres_db(postgres_server) -> str:
    """The URL of a new, empty database on the session's PostgreSQL server."""
    import uuid

    return postgres_server.create_database(f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """Where a new store goes, once per backend: a SQLite file, then a PostgreSQL database URL."""
    return tmp_path / "oit.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_db")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A throwaway redis-server on a free loopback port (distributed/local_redis.py)."""
    from distributed.local_redis import LocalRedis

    with LocalRedis(tmp_path_factory.mktemp("redis")) as redis:
        yield redis


@pytest.fixture
def redis_url(redis_server) -> str:
    """The broker URL of ``redis_server``, emptied for this test."""
    import socket

    with socket.create_connection(("127.0.0.1", redis_server.port), timeout=10) as conn:
        conn.sendall(b"FLUSHALL\r\n")
        assert conn.recv(16).startswith(b"+OK")
    return redis_server.url
