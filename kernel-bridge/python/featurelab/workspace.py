"""The Featurelab workspace on disk and its warehouse manifest.

A workspace is a directory holding ``.featurelab/`` (configuration, registry, manifest) and
``warehouse/`` (Parquet tables). The manifest ``.featurelab/warehouse.json`` is how the demo
generator tells the kernel helper (and the service) which tables exist, so that a fresh kernel
can register them in Spark's in-memory catalog without scanning directories.

Table locations in the manifest are relative to the workspace (POSIX separators) so that a
workspace can be moved or mounted elsewhere (Binder, containers) and stay valid.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ManifestError, WorkspaceNotFoundError

WORKSPACE_ENV = "FEATURELAB_WORKSPACE"
MARKER_DIR = ".featurelab"
MANIFEST_NAME = "warehouse.json"
MANIFEST_FORMAT = 1


def resolve_workspace(workspace: str | os.PathLike[str] | None = None) -> Path | None:
    """Find the workspace: the argument, else ``$FEATURELAB_WORKSPACE``, else the nearest parent
    of the current directory that contains ``.featurelab/``; ``None`` when there is none.

    An explicit argument or environment value that does not exist is an error rather than a
    silent fallback, because it almost always means a typo or an unmounted volume.
    """
    explicit = workspace if workspace is not None else os.environ.get(WORKSPACE_ENV) or None
    if explicit is not None:
        path = Path(explicit).expanduser().resolve()
        if not path.is_dir():
            source = "workspace argument" if workspace is not None else f"${WORKSPACE_ENV}"
            raise WorkspaceNotFoundError(f"The {source} {str(path)!r} is not a directory.")
        return path
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / MARKER_DIR).is_dir():
            return candidate
    return None


def manifest_path(workspace: Path) -> Path:
    return workspace / MARKER_DIR / MANIFEST_NAME


@dataclass(frozen=True)
class TableEntry:
    """One table of the warehouse manifest."""

    database: str
    name: str
    location: str
    format: str = "parquet"
    rowCount: int | None = None  # noqa: N815 - JSON field name
    sizeBytes: int | None = None  # noqa: N815
    files: int | None = None
    #: Optional ``[{"name", "type"}]`` in Spark's type syntax (``DataType.simpleString()``).
    #: When present, registration skips Spark's schema inference, which runs a Spark job per
    #: table and dominates session start-up.
    columns: tuple[dict[str, str], ...] | None = None

    def resolve_location(self, workspace: Path) -> str:
        """The location for Spark: URIs untouched, relative paths resolved in the workspace."""
        if "://" in self.location or self.location.startswith("file:"):
            return self.location
        path = Path(self.location)
        return str(path if path.is_absolute() else (workspace / path).resolve())


@dataclass(frozen=True)
class Manifest:
    tables: tuple[TableEntry, ...]
    generator: dict[str, Any] = field(default_factory=dict)
    createdAt: str | None = None  # noqa: N815
    formatVersion: int = MANIFEST_FORMAT  # noqa: N815

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tables"] = [asdict(t) for t in self.tables]
        return data


def read_manifest(workspace: Path) -> Manifest | None:
    """Read the manifest, ``None`` when the workspace has none."""
    path = manifest_path(workspace)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"Cannot read {path}: {exc}.") from exc
    try:
        if raw.get("formatVersion") != MANIFEST_FORMAT:
            raise ValueError(f"unsupported formatVersion {raw.get('formatVersion')!r}")
        known = set(TableEntry.__dataclass_fields__)
        tables = tuple(
            TableEntry(**{k: v for k, v in entry.items() if k in known}) for entry in raw["tables"]
        )
        tables = tuple(
            replace(t, columns=tuple(dict(c) for c in t.columns)) if t.columns else t for t in tables
        )
        for table in tables:
            if not (isinstance(table.database, str) and isinstance(table.name, str)):
                raise ValueError("database and name must be strings")
        return Manifest(
            tables=tables,
            generator=dict(raw.get("generator") or {}),
            createdAt=raw.get("createdAt"),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ManifestError(f"Malformed manifest {path}: {exc}.") from exc


def write_manifest(workspace: Path, manifest: Manifest) -> Path:
    """Write the manifest atomically (temporary file + rename), so readers never see half a file."""
    path = manifest_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".warehouse-", suffix=".json.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(manifest.to_json(), out, indent=2)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
