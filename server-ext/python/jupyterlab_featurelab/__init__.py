"""Featurelab's Jupyter server extension and the ``featurelab`` console script.

The extension authenticates REST calls under ``/featurelab/api`` and forwards them to the
Featurelab service, a Node program it runs and supervises over stdio.
"""

from __future__ import annotations

from typing import Any

from ._version import PROTOCOL_VERSION, __version__

__all__ = ["PROTOCOL_VERSION", "__version__"]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    """Entry point read by ``jupyter server extension`` and the server's extension manager."""
    from .app import FeaturelabApp

    return [{"module": "jupyterlab_featurelab", "app": FeaturelabApp}]
