"""Import of existing tables as feature-group specs: ``featurelab.import_tables(...)``.

Teams already have feature tables; rewriting them as new pipelines before they can be
catalogued would keep them out of management forever. This module reads what the live
SparkSession sees (tables, views, temporary views) and writes one FeatureGroup spec per table
whose source is a plain ``SELECT`` of the table, so ``featurelab plan``/``apply`` can register it
as it is. Types are Spark's own ``simpleString`` of each column, so the spec states exactly what
the table holds.

Everything is checked for every table before the first file is written: a refused import leaves
the folder as it was. Files are written atomically (temporary file, then rename), so a reader
(``featurelab plan``, an editor, git) never sees half a spec.

The YAML is produced by a small emitter for this restricted document shape (mappings, lists,
strings, booleans) instead of a YAML library: PyYAML is not a dependency of the kernel helper,
and an emitter that double-quotes every string it cannot prove to be a plain scalar keeps
hostile column comments from changing the document's structure.
"""

from __future__ import annotations

import getpass
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FeaturelabError, NoSparkSessionError, first_line
from .session import active_session
from .sqlquote import quote_identifier, quote_qualified_name

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

API_VERSION = "featurelab/v1"
#: ``SparkIdentifier`` of schemas/spec-document.schema.json: feature-group, feature, join-key and
#: event-time names, and every part of a source table name.
SPARK_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SPARK_IDENTIFIER_MAX = 128
#: Column names that suggest "the time this row's values became true".
_EVENT_TIME_NAME = re.compile(r"(?i)event_time|ts|.+_time|.+_at")
_EVENT_TIME_TYPES = frozenset({"timestamp", "timestamp_ntz"})
_EXPLICIT_EVENT_TIME_TYPES = _EVENT_TIME_TYPES | {"date"}
#: The session catalog's name; it is left out of source table names, as users write them.
_SESSION_CATALOG = "spark_catalog"


class TableImportError(FeaturelabError):
    """Base class of the refusals of ``import_tables``; nothing was written when it is raised."""


class UnknownTableError(TableImportError):
    """The SparkSession does not see the table (or the name cannot be parsed)."""

    hint = (
        "Check the name with spark.catalog.listTables('<database>') or SHOW VIEWS; qualify it "
        "with its database (demo.items), or register the table or temporary view first."
    )


class InvalidSpecNameError(TableImportError):
    """A table or column name is not allowed in a spec (letters, digits, underscores only)."""

    hint = (
        "Spec names must match ^[A-Za-z_][A-Za-z0-9_]*$ (at most 128 characters). Create a view "
        "that renames them and import the view instead, e.g. "
        "spark.sql(\"CREATE VIEW demo.clean AS SELECT `odd name` AS odd_name, ... FROM ...\")."
    )


class JoinKeyError(TableImportError):
    """The entity's join keys are not columns of the table, or have other types there."""

    hint = (
        "Import the table with the entity whose join keys it has, or create a view that "
        "renames or casts the key columns to the entity's join keys."
    )


class EventTimeError(TableImportError):
    """No usable event-time column was given or found."""


class SpecExistsError(TableImportError):
    """The spec file to write exists already."""

    hint = "Pass overwrite=True to replace it, or import into another folder."


class EntityError(TableImportError):
    """The entity is not declared in the folder, is malformed, or conflicts with a declaration."""

    hint = (
        "Pass the entity as a dict, e.g. {'name': 'user', 'joinKeys': [{'name': 'user_id', "
        "'type': 'bigint'}]}, and import_tables writes its spec too; or declare it in a *.yaml "
        "file of the folder (kind: Entity)."
    )


@dataclass(frozen=True)
class _Entity:
    name: str
    join_keys: tuple[tuple[str, str], ...]  # (name, Spark type)
    owner: str | None
    declared: bool  # already declared in a spec file of the folder
    document: dict[str, Any] | None = None  # the Entity spec to write when not declared


@dataclass(frozen=True)
class _Planned:
    path: Path
    text: str


def import_tables(
    tables: str | Sequence[str] | Sequence[Sequence[str]],
    entity: str | Mapping[str, Any],
    *,
    folder: str | os.PathLike[str],
    event_time: str | None = None,
    owner: str | None = None,
    spark: SparkSession | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write a FeatureGroup spec ``<folder>/<table name>.yaml`` for each table; return the paths.

    ``tables`` are names as Spark reads them (``demo.items``, a temporary view, backticks
    where needed) or tuples of unquoted name parts; one string is one table. ``entity`` is the
    name of an Entity declared in a YAML file below ``folder``, or a dict shaped like an Entity
    spec (``name``, ``joinKeys`` with ``name`` and ``type``, optional ``owner`` and
    ``description``); in that case ``<folder>/<name>.entity.yaml`` is written too unless the
    folder declares the entity already.

    Each spec's features are the table's columns other than the join keys and the event time,
    typed with Spark's ``simpleString`` and described by the column comments. ``event_time``
    defaults to the first timestamp column named ``event_time``, ``ts``, ``*_time`` or ``*_at``.
    ``owner`` defaults to the entity's owner, then to the login name.

    Raises a ``TableImportError`` subclass, before writing anything, for unknown tables, names a
    spec cannot hold, join keys the table lacks, no event time, and existing files (unless
    ``overwrite``).
    """
    session = spark if spark is not None else active_session()
    if session is None:
        raise NoSparkSessionError("import_tables needs a SparkSession to read the tables.")
    target = Path(folder)
    names = [tables] if isinstance(tables, str) else list(tables)
    if not names:
        raise TableImportError("No tables to import.", hint="Pass at least one table name.")

    resolved_entity = _resolve_entity(entity, target)
    spec_owner = owner or resolved_entity.owner or _login_name()

    planned: list[_Planned] = []
    if not resolved_entity.declared:
        entity_path = target / f"{resolved_entity.name}.entity.yaml"
        if not entity_path.exists():
            assert resolved_entity.document is not None
            planned.append(
                _Planned(entity_path, to_yaml(resolved_entity.document, header=_ENTITY_HEADER))
            )
    for name in names:
        parts, schema = _resolve_table(session, name)
        document = feature_group_spec(
            parts,
            schema,
            resolved_entity.name,
            resolved_entity.join_keys,
            event_time=event_time,
            owner=spec_owner,
        )
        path = target / f"{document['name']}.yaml"
        header = f"Imported from {'.'.join(parts)} by featurelab.import_tables()."
        planned.append(_Planned(path, to_yaml(document, header=header)))

    seen: set[Path] = set()
    for item in planned:
        if item.path in seen:
            raise TableImportError(
                f"Two of the tables would be written to {item.path}.",
                hint="Import tables with the same name from different databases one at a time "
                "into different folders, or through views with distinct names.",
            )
        seen.add(item.path)
        if item.path.exists() and not overwrite:
            raise SpecExistsError(f"{item.path} exists already.")

    target.mkdir(parents=True, exist_ok=True)
    for item in planned:
        _write_atomically(item.path, item.text)
    return [item.path for item in planned]


_ENTITY_HEADER = "Declared by featurelab.import_tables()."


def feature_group_spec(
    parts: Sequence[str],
    schema: StructType,
    entity: str,
    join_keys: Sequence[tuple[str, str]],
    *,
    event_time: str | None,
    owner: str,
) -> dict[str, Any]:
    """The FeatureGroup document for a table of ``schema``; raises on anything a spec refuses."""
    label = ".".join(parts)
    bad_parts = [part for part in parts if not _is_identifier(part)]
    if bad_parts:
        raise InvalidSpecNameError(
            f"Table {label!r} has name parts a spec cannot hold: {bad_parts!r}."
        )
    columns = {field.name: field for field in schema.fields}
    bad_columns = [name for name in columns if not _is_identifier(name)]
    if bad_columns:
        raise InvalidSpecNameError(
            f"Table {label!r} has column names a spec cannot hold: {bad_columns!r}."
        )

    missing = [key for key, _ in join_keys if key not in columns]
    if missing:
        raise JoinKeyError(
            f"Table {label!r} has no column {', '.join(missing)} (join keys of entity "
            f"{entity!r}); its columns are {', '.join(columns)}."
        )
    mistyped = [
        f"{key} is {columns[key].dataType.simpleString()}, the entity says {type_}"
        for key, type_ in join_keys
        if columns[key].dataType.simpleString() != type_
    ]
    if mistyped:
        raise JoinKeyError(f"Table {label!r}: {'; '.join(mistyped)}.")

    key_names = {key for key, _ in join_keys}
    time_column = _event_time_column(label, schema, key_names, event_time)
    features = []
    for field in schema.fields:
        if field.name in key_names or field.name == time_column:
            continue
        feature: dict[str, Any] = {"name": field.name, "type": field.dataType.simpleString()}
        comment = (field.metadata or {}).get("comment")
        if isinstance(comment, str) and comment.strip():
            feature["description"] = comment
        features.append(feature)
    if not features:
        raise TableImportError(
            f"Table {label!r} has no columns besides the join keys and the event time.",
            hint="A feature group needs at least one feature column.",
        )

    selected = [key for key, _ in join_keys] + [time_column] + [f["name"] for f in features]
    return {
        "apiVersion": API_VERSION,
        "kind": "FeatureGroup",
        "name": parts[-1],
        "description": f"Imported from the table `{label}`.",
        "owner": owner,
        "entity": entity,
        "eventTimeColumn": time_column,
        "source": {"type": "sql", "tables": [label], "query": source_query(parts, selected)},
        "features": features,
    }


def source_query(table: Sequence[str], columns: Iterable[str]) -> str:
    """``SELECT <columns> FROM <table>`` with every identifier quoted by construction.

    Quoting even plain names keeps reserved words (a column called ``order``) and any future
    relaxation of the name rules from changing the statement.
    """
    lines = ",\n".join(f"  {quote_identifier(column)}" for column in columns)
    return f"SELECT\n{lines}\nFROM {quote_qualified_name(table)}\n"


def split_table_name(text: str) -> tuple[str, ...]:
    """Split a name in Spark's identifier syntax: ``a.b``, ```we``ird`.b`` -> parts, unquoted."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "`":
            end = i + 1
            while True:
                end = text.find("`", end)
                if end < 0:
                    raise UnknownTableError(f"Table name {text!r} has an unclosed backtick.")
                if text.startswith("``", end):
                    end += 2
                    continue
                break
            if not quoted:  # whitespace before a quoted part is not part of the name
                current = list("".join(current).strip())
            current.append(text[i + 1 : end].replace("``", "`"))
            quoted = True
            i = end + 1
        elif char == ".":
            parts.append(_finish_part(text, current, quoted))
            current, quoted = [], False
            i += 1
        else:
            if not (quoted and char.isspace()):  # nor is whitespace after one
                current.append(char)
            i += 1
    parts.append(_finish_part(text, current, quoted))
    return tuple(parts)


def _finish_part(text: str, current: list[str], quoted: bool) -> str:
    part = "".join(current) if quoted else "".join(current).strip()
    if not part:
        raise UnknownTableError(f"Table name {text!r} has an empty part.")
    return part


def _resolve_table(
    spark: SparkSession, name: str | Sequence[str]
) -> tuple[tuple[str, ...], StructType]:
    """The table's name parts as the catalog knows it, and its schema.

    The name is qualified with its database unless it is a temporary view: an unqualified
    name of a non-temporary table is qualified, so the spec's source reads the same table
    whatever the current database of a later session is.
    """
    parts = split_table_name(name) if isinstance(name, str) else tuple(name)
    label = ".".join(parts) if parts else repr(name)
    if not parts or not all(isinstance(p, str) and p for p in parts):
        raise UnknownTableError(f"Table name {name!r} is empty or not text.")
    try:
        table = spark.catalog.getTable(quote_qualified_name(parts))
        schema = spark.table(quote_qualified_name(parts)).schema
    except Exception as exc:
        raise UnknownTableError(
            f"The SparkSession does not see table {label}: {first_line(exc)}"
        ) from exc
    namespace = tuple(table.namespace or ())
    catalog = table.catalog
    prefix = (catalog,) if catalog and catalog != _SESSION_CATALOG and namespace else ()
    return (*prefix, *namespace, table.name), schema


def _event_time_column(
    label: str, schema: StructType, key_names: set[str], requested: str | None
) -> str:
    types = {field.name: field.dataType.simpleString() for field in schema.fields}
    if requested is not None:
        if requested not in types:
            raise EventTimeError(
                f"Table {label!r} has no column {requested!r} for the event time.",
                hint=f"Pass one of its columns: {', '.join(types)}.",
            )
        if types[requested] not in _EXPLICIT_EVENT_TIME_TYPES or requested in key_names:
            raise EventTimeError(
                f"Column {requested!r} of {label!r} is {types[requested]}"
                f"{' and a join key' if requested in key_names else ''}; the event time must "
                "be a timestamp (or date) column that is not a join key.",
                hint="Create a view that adds a timestamp column and import the view.",
            )
        return requested
    for name, type_ in types.items():
        suggestive = _EVENT_TIME_NAME.fullmatch(name) is not None
        if type_ in _EVENT_TIME_TYPES and name not in key_names and suggestive:
            return name
    timestamps = [n for n, t in types.items() if t in _EVENT_TIME_TYPES and n not in key_names]
    if timestamps:
        hint = f"Pass event_time=, e.g. event_time={timestamps[0]!r} (timestamp columns: "
        hint += f"{', '.join(timestamps)})."
    else:
        hint = (
            "The table has no timestamp column; create a view that adds one (e.g. the load "
            "time as a literal timestamp) and import the view with event_time=..."
        )
    raise EventTimeError(
        f"No event-time column found in {label!r}: no timestamp column is named event_time, "
        "ts, *_time or *_at.",
        hint=hint,
    )


def _resolve_entity(entity: str | Mapping[str, Any], folder: Path) -> _Entity:
    """The entity's join keys, from the dict given or from its declaration in the folder."""
    declared = _declared_entities(folder)
    if isinstance(entity, str):
        if entity not in declared:
            raise EntityError(
                f"No Entity named {entity!r} is declared in a *.yaml/*.yml file below {folder}."
            )
        return _entity_from_document(declared[entity], declared=True)
    if not isinstance(entity, Mapping):
        raise EntityError(f"entity must be a name or a dict, not {type(entity).__name__}.")
    given = _entity_from_document(entity, declared=False)
    if given.name in declared:
        existing = _entity_from_document(declared[given.name], declared=True)
        if existing.join_keys != given.join_keys:
            raise EntityError(
                f"Entity {given.name!r} is declared in {folder} with join keys "
                f"{list(existing.join_keys)}, not {list(given.join_keys)}.",
                hint="Pass the entity by name to use the declared one, or fix the declaration.",
            )
        return existing
    if not _is_identifier(given.name):
        raise InvalidSpecNameError(
            f"Entity name {given.name!r} cannot name a spec file.",
            hint="Use letters, digits and underscores for an entity import_tables declares.",
        )
    document: dict[str, Any] = {"apiVersion": API_VERSION, "kind": "Entity", "name": given.name}
    if isinstance(entity.get("description"), str):
        document["description"] = entity["description"]
    if given.owner:
        document["owner"] = given.owner
    document["joinKeys"] = [{"name": key, "type": type_} for key, type_ in given.join_keys]
    return _Entity(given.name, given.join_keys, given.owner, declared=False, document=document)


def _entity_from_document(document: Mapping[str, Any], *, declared: bool) -> _Entity:
    name = document.get("name")
    keys = document.get("joinKeys")
    if not isinstance(name, str) or not name or not isinstance(keys, list) or not keys:
        raise EntityError(f"Entity {name!r} needs a name and a non-empty joinKeys list.")
    pairs: list[tuple[str, str]] = []
    for key in keys:
        if not (
            isinstance(key, Mapping)
            and isinstance(key.get("name"), str)
            and isinstance(key.get("type"), str)
            and key["type"]
        ):
            raise EntityError(f"Entity {name!r}: each join key needs a name and a type.")
        if not _is_identifier(key["name"]):
            raise InvalidSpecNameError(f"Entity {name!r}: join key {key['name']!r} is invalid.")
        pairs.append((key["name"], key["type"]))
    owner = document.get("owner")
    return _Entity(name, tuple(pairs), owner if isinstance(owner, str) else None, declared)


def _declared_entities(folder: Path) -> dict[str, Mapping[str, Any]]:
    """Entity documents of the YAML files below ``folder``, by name (PyYAML, if installed).

    Files that do not parse are skipped: ``featurelab plan`` reports them with positions, which
    is more useful than failing the import over an unrelated file.
    """
    if not folder.is_dir():
        return {}
    try:
        import yaml
    except ImportError:  # without a parser only entities passed as dicts can be used
        return {}
    entities: dict[str, Mapping[str, Any]] = {}
    for path in sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml")]):
        try:
            documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        for document in documents:
            if isinstance(document, dict) and document.get("kind") == "Entity":
                name = document.get("name")
                if isinstance(name, str):
                    entities.setdefault(name, document)
    return entities


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception as exc:  # no USER/LOGNAME and no passwd entry (some containers)
        raise TableImportError(
            "Cannot tell who owns the imported feature groups.",
            hint="Pass owner='team-or-person'.",
        ) from exc


def _is_identifier(name: str) -> bool:
    return len(name) <= SPARK_IDENTIFIER_MAX and SPARK_IDENTIFIER.fullmatch(name) is not None


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- YAML ------------------------------------------------------------------------------------

#: Strings written without quotes: identifier-like text that no YAML version reads as anything
#: but a string (the YAML 1.1 booleans and null are excluded below).
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.,()<>/+-]*")
_NOT_PLAIN = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
#: Characters that must be escaped in a double-quoted scalar or rule out a literal block:
#: C0 controls (bar tab and newline), DEL, C1 controls, the Unicode line and paragraph
#: separators (line breaks in YAML 1.1), the byte-order mark, surrogates and non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def to_yaml(document: Mapping[str, Any], *, header: str | None = None) -> str:
    """One YAML document for a mapping of strings, booleans, lists and mappings."""
    lines = [f"# {header}"] if header else []
    lines += _mapping_lines(document, 0)
    return "\n".join(lines) + "\n"


def yaml_scalar(value: str | bool | int) -> str:
    """A scalar as YAML reads back exactly: plain when provably safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _NOT_PLAIN:
        return value
    escaped = "".join(_SHORT_ESCAPES.get(c) or _escape_unsafe(c) for c in value)
    return f'"{escaped}"'


def _escape_unsafe(char: str) -> str:
    return f"\\u{ord(char):04x}" if _UNSAFE.fullmatch(char) else char


def _mapping_lines(mapping: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if not _PLAIN.fullmatch(key):
            raise ValueError(f"unsupported YAML key {key!r}")
        lines += _value_lines(f"{pad}{key}:", value, indent)
    return lines


def _value_lines(prefix: str, value: Any, indent: int) -> list[str]:
    pad = " " * (indent + 2)
    if isinstance(value, Mapping):
        return [prefix, *_mapping_lines(value, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        lines = [prefix]
        for item in value:
            if isinstance(item, Mapping):
                nested = _mapping_lines(item, indent + 4)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {yaml_scalar(item)}")
        return lines
    if isinstance(value, str) and _literal_block_safe(value):
        return [f"{prefix} |" + ("" if value.endswith("\n") else "-")] + [
            f"{pad}{line}" if line else "" for line in value.rstrip("\n").split("\n")
        ]
    return [f"{prefix} {yaml_scalar(value)}"]


def _literal_block_safe(text: str) -> bool:
    """Whether ``text`` reads back exactly from a ``|`` block: multi-line SQL, mostly."""
    return (
        "\n" in text.rstrip("\n")
        and not text.endswith("\n\n")
        and not text.startswith((" ", "\t", "\n"))
        and "\r" not in text
        and _UNSAFE.search(text) is None
        and not any(line != line.rstrip(" \t") for line in text.split("\n"))
    )
