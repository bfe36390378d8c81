"""``python -m fleet serve|truth ...``: the same commands as ``oit fleet``."""

import sys

from oit.cli import main

sys.exit(main(["fleet", *sys.argv[1:]]))
