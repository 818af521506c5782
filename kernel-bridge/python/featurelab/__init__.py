"""Featurelab's kernel helper: ``spark_session()`` and the bridge the JupyterLab frontend uses.

Importing this package is cheap: pyspark is imported only when a session is requested, so the
frontend can load the bridge into kernels that never use Spark.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

# A library must not print its log records into the user's notebook by default.
logging.getLogger(__name__).addHandler(logging.NullHandler())

from .errors import (  # noqa: E402
    FeaturelabError,
    FeaturelabWarning,
    JavaNotFoundError,
    ManifestError,
    NoSparkSessionError,
    SparkNotInstalledError,
    SparkStartError,
    WorkspaceNotFoundError,
)
from .importer import import_tables  # noqa: E402
from .session import active_session, spark_session  # noqa: E402
from .workspace import resolve_workspace  # noqa: E402



def load_ipython_extension(shell: object) -> None:
    """``%load_ext featurelab``: registers the ``%%sql`` cell magic."""
    from .magics import load_ipython_extension as load

    load(shell)


__all__ = [
    "FeaturelabError",
    "FeaturelabWarning",
    "JavaNotFoundError",
    "ManifestError",
    "NoSparkSessionError",
    "SparkNotInstalledError",
    "SparkStartError",
    "WorkspaceNotFoundError",
    "__version__",
    "active_session",
    "import_tables",
    "resolve_workspace",
    "spark_session",
]
