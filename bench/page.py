"""``oit bench page``: CPU time to extract one page of many links in one container.

Link context used to cost the square of the links in a container (a 4.5 MB page of 200,000 links
took minutes of CPU and stalled the other sites of its crawl process); the figure shows it linear.
"""

from __future__ import annotations

import argparse
import time

from crawler.extract import extract_page


def links_page(links: int) -> str:
    """One <div> of ``links`` short links: 200,000 of them make 4.47 MB, under the 5 MB page limit."""
    body = "".join(f"<a href=/{i}>{i % 1000}</a>" for i in range(links))
    return f'<html><head><title>links</title></head><body><div class="content">{body}</div></body></html>'


def _command(args: argparse.Namespace) -> int:
    for links in args.links:
        html = links_page(links)
        start = time.process_time()
        page = extract_page("bench", "http://127.0.0.1:8080/", html, in_scope=lambda url: True)
        cpu = time.process_time() - start
        print(f"{links:>9,} links  {len(html.encode()) / 1e6:5.2f} MB  {len(page.links):>9,} extracted  {cpu:6.1f} s CPU")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("page", help="CPU time to extract a page of many links in one container")
    parser.add_argument(
        "--links",
        type=int,
        nargs="+",
        default=[25_000, 50_000, 200_000],
        help="links on the page, one measurement each (default: %(default)s)",
    )
    parser.set_defaults(func=_command)
