"""Shared fixtures: a real Jupyter server (pytest-jupyter) running the extension and the real
service bundle, with authentication required everywhere."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from traitlets.config import Config

# Test this checkout, whether or not the distribution is installed.
PYTHON_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = PYTHON_ROOT.parents[1]
sys.path.insert(0, str(PYTHON_ROOT))

# pytest-jupyter's fixtures and hooks, scoped to this folder (a star import into a conftest
# registers them here only, so the kernel-bridge tests are not affected).
from pytest_jupyter.jupyter_server import *  # noqa: E402, F403

from featurelab_test_utils import Api  # noqa: E402

from jupyterlab_featurelab.app import FeaturelabApp  # noqa: E402
from jupyterlab_featurelab.paths import packaged_service_path  # noqa: E402
from jupyterlab_featurelab.supervisor import ServiceSupervisor  # noqa: E402

#: The freshest build first: the esbuild output of this checkout, then the staged copy.
SERVICE_CANDIDATES = (REPO_ROOT / "server-ext" / "dist" / "featurelab.mjs", packaged_service_path())
BUILD_HINT = "build it: `npm run build` then `scripts/stage-python-artifacts.sh`"


@pytest.fixture
def service_bundle() -> Path:
    """The real service bundle; these tests never stand a fake in for it."""
    for candidate in SERVICE_CANDIDATES:
        if candidate.is_file():
            return candidate
    pytest.fail(f"the Featurelab service bundle is missing ({SERVICE_CANDIDATES[0]}); {BUILD_HINT}")


@pytest.fixture
def jp_server_config(service_bundle: Path) -> Config:
    """A server that requires authentication on every endpoint, with the debug methods on."""
    return Config(
        {
            "ServerApp": {
                "jpserver_extensions": {"jupyterlab_featurelab": True, "jupyter_server_terminals": False},
                "allow_unauthenticated_access": False,
                "ip": "127.0.0.1",
            },
            "FeaturelabApp": {
                "service_path": str(service_bundle),
                "enable_debug_methods": True,
                "request_timeout": 10.0,
                "ready_wait_timeout": 10.0,
                "restart_backoff_initial": 0.1,
                "shutdown_timeout": 2.0,
            },
        }
    )


@pytest.fixture
def featurelab_app(jp_serverapp: Any) -> FeaturelabApp:
    """The extension app loaded by the server under test."""
    app = jp_serverapp.extension_manager.extension_points["jupyterlab_featurelab"].app
    assert isinstance(app, FeaturelabApp)
    return app


@pytest.fixture
def supervisor(featurelab_app: FeaturelabApp) -> ServiceSupervisor:
    assert featurelab_app.supervisor is not None
    return featurelab_app.supervisor


@pytest.fixture
def api(jp_fetch: Any) -> Api:
    """The REST API of the server under test, as one logged-in user (see ``Api``)."""
    return Api(jp_fetch)
