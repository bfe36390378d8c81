"""``oit fleet probe``: how many requests a second the fleet serves, so a crawler benchmark can
show the fleet is not its bottleneck. The fleet runs in a child process (its own core); this
process drives keep-alive connections spread over the sites, asking for each site's HTML pages."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from fleet.builder import build_site
from fleet.spec import SiteSpec
from fleet.truth import expected_site_status
from oit.errors import UserError

ROOT = Path(__file__).resolve().parent.parent


def site_paths(spec: SiteSpec, as_of: dt.date, limit: int = 40) -> list[str]:
    site = build_site(spec, as_of)
    return [page.path for page in site.pages.values() if page.status == 200][:limit]


async def _drive(targets: list[tuple[str, int, list[str]]], total: int, connections: int) -> tuple[int, int, float]:
    done = errors = 0
    started = time.perf_counter()

    async def worker(worker_no: int) -> None:
        nonlocal done, errors
        host, port, paths = targets[worker_no % len(targets)]
        reader, writer = await asyncio.open_connection(host, port)
        index = 0
        while done + errors < total:
            path = paths[index % len(paths)]
            index += 1
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            if status_line.split()[1] == b"200":
                done += 1
            else:
                errors += 1
        writer.close()

    await asyncio.gather(*(worker(n) for n in range(connections)))
    return done, errors, time.perf_counter() - started


def cmd_probe(args: argparse.Namespace, specs: list[SiteSpec]) -> int:
    with tempfile.TemporaryDirectory(prefix="oit-fleet-probe-") as tmp:
        sites_file = Path(tmp) / "sites.yaml"
        command = [
            sys.executable,
            "-m",
            "fleet",
            "serve",
            "--set",
            args.set_name,
            "--count",
            str(args.count),
            "--seed",
            str(args.seed),
            "--port",
            str(args.port),
            "--sites-out",
            str(sites_file),
            "--as-of",
            args.as_of.isoformat(),
        ] + (["--base-ip", args.base_ip] if args.base_ip else [])
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert server.stdout is not None  # stdout=PIPE
        try:
            for line in server.stdout:
                if line.startswith("serving"):
                    break
            port = urlsplit(yaml.safe_load(sites_file.read_text())["sites"][0]["url"]).port
            usable = [
                s
                for s in specs
                if expected_site_status(s.faults)[0] == "ok"
                and not s.faults.slow_ms
                and not s.faults.host_change
                and not s.faults.redirect_chain
            ][: args.connections]
            targets = [(s.ip, port, site_paths(s, args.as_of)) for s in usable]
            if not targets:
                raise UserError("no site of this set answers plainly (all have fault modes): use a larger --count")
            done, errors, seconds = asyncio.run(_drive(targets, args.requests, args.connections))
            print(
                f"{done} pages + {errors} non-200 in {seconds:.2f} s over {args.connections} keep-alive connections "
                f"to {len(targets)} sites: {(done + errors) / seconds:.0f} requests/s"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0
