"""Starting (or finding) the SparkSession a notebook works with.

``spark_session()`` is the one line a notebook needs: it returns the session that is already
running, or builds a local one wired to the Featurelab workspace. Local sessions use Spark's
in-memory catalog on purpose: the embedded Derby metastore admits one process at a time, so a
second kernel on the same workspace would fail to start. The catalog is instead rebuilt from the
workspace's warehouse manifest every time a session starts, which is cheap (it reads Parquet
footers only).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    FeaturelabWarning,
    JavaNotFoundError,
    ManifestError,
    SparkNotInstalledError,
    SparkStartError,
    first_line,
)
from .sqlquote import quote_identifier, quote_qualified_name, quote_string_literal
from .workspace import read_manifest, resolve_workspace

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Storage formats the manifest may name; anything else is refused rather than passed to USING.
SUPPORTED_FORMATS = frozenset({"parquet", "orc", "json", "csv", "avro"})
#: Column types from the manifest are spliced into DDL (types cannot be quoted), so only the
#: characters of Spark's type syntax are accepted; anything else falls back to inference.
_SAFE_TYPE = re.compile(r"[A-Za-z0-9_<>,:() ]+")


def active_session() -> SparkSession | None:
    """The SparkSession the user is working with, or ``None``; never starts one.

    ``SparkSession.getActiveSession()`` is per thread, so a session built in another thread
    (some launchers do that) is found through the default session as a fallback. If pyspark
    was never imported in this process nobody can have started a session, and we avoid the
    import cost.
    """
    if "pyspark" not in sys.modules:
        return None
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    try:
        session = SparkSession.getActiveSession()
        if session is None:
            default = SparkSession._instantiatedSession
            if default is not None and default.sparkContext._jsc is not None:
                session = default
        return session
    except Exception:  # a dead JVM gateway means there is no usable session
        return None


def _java_available() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


def _default_conf(master: str, workspace: Path | None, app_name: str, ui: bool) -> dict[str, str]:
    cores = os.cpu_count() or 2
    conf = {
        "spark.master": master,
        "spark.app.name": app_name,
        "spark.sql.catalogImplementation": "in-memory",
        # Small shuffles are the common case on a laptop; 200 partitions would mostly be overhead.
        "spark.sql.shuffle.partitions": str(max(2, min(16, 2 * cores))),
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "true" if ui else "false",
        # The console progress bar is written to the JVM's stderr, which ipykernel forwards
        # into whichever cell is running: noise in notebooks.
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        # Python workers must use the kernel's interpreter, not whatever `python` is on PATH.
        "spark.pyspark.python": sys.executable,
        "spark.pyspark.driver.python": sys.executable,
    }
    if master.startswith("local"):
        conf["spark.driver.host"] = "127.0.0.1"
        conf["spark.driver.bindAddress"] = "127.0.0.1"
    if workspace is not None:
        conf["spark.sql.warehouse.dir"] = str(workspace / "warehouse")
    return conf


def spark_session(
    *,
    master: str | None = None,
    workspace: str | os.PathLike[str] | None = None,
    app_name: str = "featurelab",
    ui: bool = False,
    register_tables: bool = True,
    **conf: Any,
) -> SparkSession:
    """Return the active SparkSession, or build a local one for the Featurelab workspace.

    Spark settings go in as keyword arguments named by their Spark key, e.g.
    ``spark_session(**{"spark.driver.memory": "4g"})``; they override Featurelab's defaults.
    ``master`` defaults to ``local[*]``. The workspace is ``workspace``, else
    ``$FEATURELAB_WORKSPACE``, else the nearest parent of the current directory containing
    ``.featurelab/``. Every table of its warehouse manifest is registered in the new session.

    When a session is already running it is returned unchanged: Spark cannot change the
    master or static settings of a running session, and silently ignoring them is worse than
    saying so, hence the warning.
    """
    unknown = sorted(key for key in conf if not key.startswith("spark."))
    if unknown:
        raise TypeError(
            f"spark_session() got unexpected keyword arguments {unknown}; Spark settings must be "
            "named by their full key, e.g. spark_session(**{'spark.driver.memory': '4g'})"
        )
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkNotInstalledError(f"pyspark cannot be imported ({exc}).") from exc

    running = active_session()
    if running is not None:
        if conf or master is not None or workspace is not None:
            warnings.warn(
                "A SparkSession is already active; it is returned unchanged and the given "
                "options are ignored. Call spark.stop() first to start a new one.",
                FeaturelabWarning,
                stacklevel=2,
            )
        return running

    if not _java_available():
        raise JavaNotFoundError(
            "Spark needs Java, but neither $JAVA_HOME/bin/java nor `java` on PATH exists."
        )

    ws = resolve_workspace(workspace)
    settings = _default_conf(master or "local[*]", ws, app_name, ui)
    settings.update({key: str(value) for key, value in conf.items()})
    builder = SparkSession.builder
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise SparkStartError(
            f"The local Spark driver did not start: {first_line(exc)}",
            hint="Check that Java 17 works (`java -version`), that JAVA_HOME points to it, and "
            "that the driver may bind to 127.0.0.1.",
        ) from exc

    if ws is not None and register_tables:
        try:
            register_manifest_tables(spark, ws)
        except ManifestError as exc:
            # The session is up; losing it over a broken manifest would help nobody.
            warnings.warn(str(exc), FeaturelabWarning, stacklevel=2)
    return spark


def register_manifest_tables(spark: SparkSession, workspace: Path) -> list[str]:
    """Register every table of the workspace's manifest; return their qualified names.

    A table that cannot be registered (files gone, unknown format) is skipped with a warning
    so one broken entry does not cost the user their session.
    """
    manifest = read_manifest(workspace)
    if manifest is None:
        return []
    registered: list[str] = []
    created_databases: set[str] = set()
    for table in manifest.tables:
        qualified = quote_qualified_name((table.database, table.name))
        try:
            fmt = table.format.lower()
            if fmt not in SUPPORTED_FORMATS:
                raise ValueError(f"unsupported format {table.format!r}")
            if table.database not in created_databases:
                spark.sql(f"CREATE DATABASE IF NOT EXISTS {quote_identifier(table.database)}")
                created_databases.add(table.database)
            location = quote_string_literal(table.resolve_location(workspace))
            spark.sql(
                f"CREATE TABLE IF NOT EXISTS {qualified}{_column_list(table.columns)} "
                f"USING {quote_identifier(fmt)} LOCATION {location}"
            )
            registered.append(f"{table.database}.{table.name}")
        except Exception as exc:  # keep going: the other tables are still useful
            warnings.warn(
                f"Featurelab could not register {table.database}.{table.name}: {first_line(exc)}",
                FeaturelabWarning,
                stacklevel=3,
            )
    return registered


def _column_list(columns: tuple[dict[str, str], ...] | None) -> str:
    """`` (`a` BIGINT, ...)`` from the manifest's columns, or ``""`` to let Spark infer them."""
    if not columns:
        return ""
    parts = []
    for column in columns:
        name, type_ = column.get("name"), column.get("type")
        if not isinstance(name, str) or not isinstance(type_, str):
            return ""
        if not _SAFE_TYPE.fullmatch(type_):
            return ""
        parts.append(f"{quote_identifier(name)} {type_}")
    return " (" + ", ".join(parts) + ")"
