"""Where the user's configuration and the rules are, in a checkout and in an installed package alike.

- configuration: ``--config-dir`` (before the command), else ``$OIT_CONFIG_DIR``, else ``./config``.
  A settings file the folder does not have (``crawl.yaml``, ``reports.yaml``, ``schedule.yaml``) is
  taken from the defaults shipped with the package; ``sites.yaml`` and ``overrides/`` are the
  user's own and have no default.
- rules: ``--rules-dir``, else ``$OIT_RULES_DIR``, else the rules shipped with the package.

The options set the environment variables, so the crawl and document processes started by a run
read the same folders. Modules read these once, at import: ``oit.cli`` sets them first.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_DIR_ENV = "OIT_CONFIG_DIR"
RULES_DIR_ENV = "OIT_RULES_DIR"

_PACKAGE = Path(__file__).resolve().parent


def packaged(name: str) -> Path:
    """A data folder shipped with the code: inside the ``oit`` package when installed from a wheel,
    beside the packages in a checkout (and an editable install)."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_DIR_ENV) or "config")


def config_file(name: str) -> Path:
    """The user's settings file ``name``, or the packaged default when the user has none."""
    user = config_dir() / name
    return user if user.exists() else packaged("config") / name


def rules_dir() -> Path:
    return Path(os.environ.get(RULES_DIR_ENV) or packaged("rules"))
