"""The version handshake between the page, this server extension and the service.

The frontend calls ``GET /featurelab/api/version?client=<its version>`` at activation and
shows ``message`` when ``compatible`` is false. Versions are compatible when their major and
minor numbers are equal. Each failure names the fix, because a stale page, a half-upgraded
environment and a broken service look the same to a user otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ._version import PROTOCOL_VERSION, __version__

_VERSION = re.compile(r"^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+.]?[0-9A-Za-z.+-]*)?$")

UPGRADE = "run `pip install -U jupyterlab-featurelab` and restart JupyterLab"
RELOAD = "reload the page"


def major_minor(version: str) -> tuple[int, int] | None:
    """``(major, minor)`` of a semver or PEP 440 version string, ``None`` if unparsable."""
    match = _VERSION.match(version.strip())
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


def compatible(left: str, right: str) -> bool:
    """Whether two versions have the same major and minor numbers."""
    a, b = major_minor(left), major_minor(right)
    return a is not None and a == b


@dataclass(frozen=True)
class Handshake:
    """Inputs of the handshake: what the page, this shim and the service report."""

    client: str | None
    service: str | None
    service_protocol: int | None
    service_state: str
    service_problem: str | None = None
    shim: str = __version__

    def to_json(self) -> dict[str, Any]:
        """The body of ``GET /featurelab/api/version``."""
        ok, message = self._verdict()
        return {
            "shim": self.shim,
            "service": self.service,
            "protocol": PROTOCOL_VERSION,
            "compatible": ok,
            "message": message,
        }

    def _verdict(self) -> tuple[bool, str]:
        if self.client is not None and not compatible(self.client, self.shim):
            return False, self._client_mismatch(self.client)
        if self.service is not None and (
            not compatible(self.service, self.shim)
            or (self.service_protocol is not None and self.service_protocol != PROTOCOL_VERSION)
        ):
            return False, (
                f"The Featurelab service ({self.service}, protocol {self.service_protocol}) does not "
                f"match the server extension ({self.shim}, protocol {PROTOCOL_VERSION}): the "
                "installation is inconsistent. Run `pip install --force-reinstall "
                "jupyterlab-featurelab` and restart JupyterLab."
            )
        if self.service is None:
            # The versions that are known agree; the service is simply not up.
            detail = f": {self.service_problem}" if self.service_problem else "."
            return True, (
                f"The Featurelab service is not running (state: {self.service_state}){detail} "
                "Featurelab panels stay unavailable until it is; if it does not recover, look for "
                "'[featurelab service]' lines in the Jupyter server log, run `featurelab doctor`, "
                "and restart JupyterLab."
            )
        return True, f"Featurelab {self.shim}: page, server extension and service are compatible."

    def _client_mismatch(self, client: str) -> str:
        client_mm, shim_mm = major_minor(client), major_minor(self.shim)
        head = (
            f"This page runs Featurelab {client} but the Jupyter server has jupyterlab-featurelab "
            f"{self.shim}."
        )
        if client_mm is not None and shim_mm is not None and client_mm < shim_mm:
            # The server was upgraded under an open page.
            return f"{head} The page is older: {RELOAD} (clear the browser cache if it persists)."
        return (
            f"{head} The server extension is older than the page: {UPGRADE}, then {RELOAD}. If "
            "you just upgraded, make sure JupyterLab runs in the environment you upgraded."
        )
