"""Save a notebook's SQL query as a FeatureGroup spec: the ``saveFeatureGroup`` bridge method.

The frontend sends the query, the schema it inferred for the query's result, and what the user
chose in the dialog (name, entity, event-time column, spec folder). This module checks it the
way ``import_tables`` checks a table (shared code in :mod:`featurelab.importer`) and writes
``<folder>/<name>.yaml`` atomically, ready for ``featurelab plan``. Nothing is written when a
check fails. The query itself is not run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadRequestError
from .importer import (
    API_VERSION,
    InvalidSpecNameError,
    JoinKeyError,
    SpecExistsError,
    TableImportError,
    _event_time_column,
    _is_identifier,
    _login_name,
    _resolve_entity,
    _write_atomically,
    to_yaml,
)
from .workspace import resolve_workspace


@dataclass(frozen=True)
class _DataType:
    text: str

    def simpleString(self) -> str:  # noqa: N802 - mirrors pyspark's DataType
        return self.text


@dataclass(frozen=True)
class _Field:
    """The part of pyspark's ``StructField`` the importer's checks read."""

    name: str
    dataType: _DataType  # noqa: N815 - mirrors pyspark's StructField
    nullable: bool
    metadata: dict[str, Any]


@dataclass(frozen=True)
class _Schema:
    fields: list[_Field]


def _schema_from_columns(columns: Any) -> _Schema:
    if not isinstance(columns, list) or not columns:
        raise BadRequestError("'columns' must be a non-empty list of {name, type, nullable}")
    fields = []
    for index, column in enumerate(columns):
        if not (
            isinstance(column, dict)
            and isinstance(column.get("name"), str)
            and isinstance(column.get("type"), str)
        ):
            raise BadRequestError(f"columns[{index}] needs a string name and type")
        if column["type"] == "unknown":
            raise TableImportError(
                f"The type of column {column['name']!r} is not known.",
                hint="Fix the query's errors (see the squiggles) before saving it as a feature group.",
            )
        fields.append(
            _Field(column["name"], _DataType(column["type"]), column.get("nullable") is True, {})
        )
    return _Schema(fields)


def _spec_folder(folder: Any) -> Path:
    if not isinstance(folder, str) or not folder.strip():
        raise BadRequestError("'folder' must be a non-empty path")
    path = Path(folder)
    if not path.is_absolute():
        path = (resolve_workspace() or Path.cwd()) / path
    return path


def feature_group_from_query(
    *,
    sql: str,
    columns: Any,
    name: str,
    entity: Any,
    event_time: str | None,
    tables: list[str],
    owner: str | None = None,
    description: str | None = None,
    folder: Path,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The FeatureGroup document (and the Entity document to declare, if any)."""
    if not isinstance(name, str) or not _is_identifier(name):
        raise InvalidSpecNameError(f"Feature group name {name!r} is not a Spark identifier.")
    if not isinstance(sql, str) or not sql.strip():
        raise BadRequestError("'sql' must be the query text")
    schema = _schema_from_columns(columns)
    bad = [f.name for f in schema.fields if not _is_identifier(f.name)]
    if bad:
        raise InvalidSpecNameError(
            f"The query's output has column names a spec cannot hold: {bad!r}.",
            hint="Give those columns aliases made of letters, digits and underscores (AS name).",
        )
    resolved = _resolve_entity(entity, folder)
    types = {f.name: f.dataType.simpleString() for f in schema.fields}
    missing = [key for key, _ in resolved.join_keys if key not in types]
    if missing:
        raise JoinKeyError(
            f"The query has no column {', '.join(missing)} (join keys of entity "
            f"{resolved.name!r}); its columns are {', '.join(types)}."
        )
    mistyped = [
        f"{key} is {types[key]}, the entity says {type_}"
        for key, type_ in resolved.join_keys
        if types[key] != type_
    ]
    if mistyped:
        raise JoinKeyError(f"The query's join keys differ from the entity: {'; '.join(mistyped)}.")
    key_names = {key for key, _ in resolved.join_keys}
    time_column = _event_time_column("the query", schema, key_names, event_time)  # type: ignore[arg-type]
    features = [
        {"name": f.name, "type": f.dataType.simpleString()}
        for f in schema.fields
        if f.name not in key_names and f.name != time_column
    ]
    if not features:
        raise TableImportError(
            "The query has no columns besides the join keys and the event time.",
            hint="A feature group needs at least one feature column.",
        )
    source: dict[str, Any] = {"type": "sql", "query": sql.strip() + "\n"}
    clean_tables = sorted({t for t in tables if isinstance(t, str) and t})
    if clean_tables:
        source["tables"] = clean_tables
    document: dict[str, Any] = {"apiVersion": API_VERSION, "kind": "FeatureGroup", "name": name}
    if description:
        document["description"] = description
    document.update(
        {
            "owner": owner or resolved.owner or _login_name(),
            "entity": resolved.name,
            "eventTimeColumn": time_column,
            "source": source,
            "features": features,
        }
    )
    return document, (None if resolved.declared else resolved.document)


def save_feature_group(args: dict[str, Any]) -> dict[str, Any]:
    """Handle ``saveFeatureGroup``: write the spec (and a new entity's spec); return the paths."""
    folder = _spec_folder(args.get("folder"))
    tables = args.get("tables") or []
    if not isinstance(tables, list):
        raise BadRequestError("'tables' must be a list of table names")
    document, entity_document = feature_group_from_query(
        sql=args.get("sql"),  # type: ignore[arg-type]
        columns=args.get("columns"),
        name=args.get("name"),  # type: ignore[arg-type]
        entity=args.get("entity"),
        event_time=args.get("eventTime") or None,
        tables=tables,
        owner=args.get("owner") or None,
        description=args.get("description") or None,
        folder=folder,
    )
    planned: list[tuple[Path, str]] = []
    if entity_document is not None:
        entity_path = folder / f"{entity_document['name']}.entity.yaml"
        if not entity_path.exists():
            planned.append((entity_path, to_yaml(entity_document, header="Declared from a notebook.")))
    path = folder / f"{document['name']}.yaml"
    if path.exists() and args.get("overwrite") is not True:
        raise SpecExistsError(f"{path} exists already.")
    planned.append((path, to_yaml(document, header="Saved from a notebook SQL cell.")))
    folder.mkdir(parents=True, exist_ok=True)
    for target, text in planned:
        _write_atomically(target, text)
    return {"paths": [os.fspath(target) for target, _ in planned]}
