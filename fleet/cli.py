"""``oit fleet serve|list|truth|probe``: serve the sample sites, list them, write their ground
truth, measure the fleet's throughput."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path

from oit.errors import UserError

log = logging.getLogger(__name__)

DEFAULT_SITES_OUT = Path("var/fleet/sites.{set}.yaml")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _add_set_options(parser: argparse.ArgumentParser) -> None:
    from fleet.sets import DEFAULT_PORT, DEMO_AS_OF

    parser.add_argument("--set", dest="set_name", choices=("demo", "bench"), default="demo", help="which sites (default demo)")
    parser.add_argument("--count", type=int, default=200, help="bench set: number of sites (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="bench set: generator seed (default 1)")
    parser.add_argument(
        "--large-share", type=float, default=0.0, help="bench set: share of large sites, thousands of posts each (default 0)"
    )
    parser.add_argument(
        "--latency", action="store_true", help="bench set: each site answers after its own response time (0.1 to 6 s)"
    )
    parser.add_argument("--base-ip", default=None, help="first loopback address minus one (demo 127.0.1.0, bench 127.1.0.0)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port on every address, 0 for any free one (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--as-of", type=_date, default=DEMO_AS_OF, help=f"evaluation date the content is written for (default {DEMO_AS_OF})"
    )


def _specs(args: argparse.Namespace):
    from fleet.sets import named_set

    if args.count < 1:
        raise UserError("--count must be at least 1")
    if not 0 <= args.large_share <= 1:
        raise UserError("--large-share must be between 0 and 1")
    try:
        return named_set(args.set_name, args.count, args.seed, args.base_ip, args.port, args.large_share, args.latency)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _print_sites(specs, limit: int | None = None) -> None:
    for spec in specs[:limit]:
        faults = ", ".join(spec.faults.active()) or "-"
        ita = f"ITA {spec.ita_year}" if spec.ita_year else "no ITA"
        print(f"  {spec.id:28} {spec.url:28} {spec.family:11} {spec.profile:9} {ita:8} faults: {faults}")
    if limit is not None and len(specs) > limit:
        print(f"  ... and {len(specs) - limit} more")


def cmd_list(args: argparse.Namespace) -> int:
    _print_sites(_specs(args))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from fleet.server import FleetServer
    from fleet.sets import write_sites_file

    specs = _specs(args)
    sites_out = args.sites_out or Path(str(DEFAULT_SITES_OUT).format(set=args.set_name))
    server = FleetServer(specs, args.as_of, port=0 if args.port == 0 else None)  # 0: any free port
    try:
        server.start()
    except OSError as exc:
        raise UserError(f"cannot listen on the fleet's loopback addresses (port {args.port}): {exc}") from None
    write_sites_file(server.specs, sites_out)
    print(f"sites file: {sites_out}")
    _print_sites(server.specs, limit=50)
    print(f"serving {len(server.specs)} sites for as-of {args.as_of}; Ctrl-C to stop", flush=True)
    server.serve_forever()
    return 0


def cmd_truth(args: argparse.Namespace) -> int:
    from fleet.truth import write_truth

    out = write_truth(_specs(args), args.as_of, args.out)
    print(f"truth: {out}")
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    from fleet.probe import cmd_probe as probe

    return probe(args, _specs(args))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fleet", help="serve simulated SAO websites on loopback, with ground truth")
    fleet_sub = parser.add_subparsers(dest="fleet_command", metavar="ACTION", required=True)

    serve = fleet_sub.add_parser("serve", help="serve a set of sample sites until interrupted")
    _add_set_options(serve)
    serve.add_argument(
        "--sites-out",
        type=Path,
        default=None,
        help="write the sites list (crawler format) here (default var/fleet/sites.<set>.yaml)",
    )
    serve.set_defaults(func=cmd_serve)

    listing = fleet_sub.add_parser("list", help="print a set's sites without serving them")
    _add_set_options(listing)
    listing.set_defaults(func=cmd_list)

    truth = fleet_sub.add_parser("truth", help="write the ground truth of a set as JSON")
    _add_set_options(truth)
    truth.add_argument("--out", type=Path, required=True, help="JSON file to write")
    truth.set_defaults(func=cmd_truth)

    probe = fleet_sub.add_parser("probe", help="measure how many requests a second the fleet serves")
    _add_set_options(probe)
    probe.set_defaults(port=0)
    probe.add_argument("--requests", type=int, default=20000, help="requests to send (default 20000)")
    probe.add_argument("--connections", type=int, default=50, help="keep-alive connections, one site each (default 50)")
    probe.set_defaults(func=cmd_probe)
