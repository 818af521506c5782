"""Jupyter server configuration for Featurelab's Galata tests.

Starts from JupyterLab's own Galata helper (no token, Galata's in-page test extension, temporary
workspaces) and then pins what Featurelab needs:

- bound to 127.0.0.1 only, on ``FEATURELAB_UI_PORT`` (default 8898);
- ``root_dir`` is ``FEATURELAB_UI_WORKSPACE`` (the demo workspace prepared by scripts/test-ui.sh);
- ``FEATURELAB_WORKSPACE`` is exported to the same directory, so kernels started by this server
  (and the Featurelab service) find the demo warehouse.

Never use this configuration outside tests: it turns off authentication.
"""

import os
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

c = get_config()  # noqa: F821 (provided by traitlets when the config file is loaded)

workspace = os.environ.get("FEATURELAB_UI_WORKSPACE")
if workspace:
    os.environ.setdefault("JUPYTERLAB_GALATA_ROOT_DIR", workspace)

configure_jupyter_server(c)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = int(os.environ.get("FEATURELAB_UI_PORT", "8898"))
c.ServerApp.port_retries = 0
# Test machines and containers often run as root; the server is loopback-only and test-only.
c.ServerApp.allow_root = hasattr(os, "geteuid") and os.geteuid() == 0

# Logs: with FEATURELAB_UI_SERVER_LOGFILE set (scripts/test-ui.sh does), the full log at INFO goes
# to that file and only errors reach Playwright's console; otherwise warnings go to the console.
log_file = os.environ.get("FEATURELAB_UI_SERVER_LOGFILE")
if log_file:
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    c.Application.log_level = "ERROR"
    c.Application.logging_config = {
        "handlers": {
            "featurelab_file": {
                "class": "logging.FileHandler",
                "level": "INFO",
                "filename": log_file,
                "formatter": "console",
            }
        },
        "loggers": {
            "ServerApp": {"level": "DEBUG", "handlers": ["console", "featurelab_file"]},
            "LabApp": {"level": "DEBUG", "handlers": ["console", "featurelab_file"]},
        },
    }
else:
    c.Application.log_level = "WARN"

if workspace:
    root = Path(workspace).resolve()
    root.mkdir(parents=True, exist_ok=True)
    c.ServerApp.root_dir = str(root)
    os.environ["FEATURELAB_WORKSPACE"] = str(root)
