"""What the live SparkSession can see: databases, tables, views and their schemas.

Plain functions over a SparkSession, so they can be tested without a kernel; ``bridge.py`` only
wraps them in comm messages. The listing is best effort per table: a table whose schema cannot
be read or whose storage is gone gets its ``error`` filled, and the rest of the listing stands.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse
from urllib.request import url2pathname

import pyarrow as pa

from .errors import first_line
from .sqlquote import quote_qualified_name, quote_string_literal

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Arrow schema of the catalog listing (see docs/architecture.md, "Kernel bridge").
CATALOG_SCHEMA = pa.schema(
    [
        pa.field("database", pa.string()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("table_type", pa.string()),
        pa.field("is_temporary", pa.bool_(), nullable=False),
        pa.field("schema_json", pa.string()),
        pa.field("error", pa.string()),
    ]
)


@dataclass(frozen=True)
class CatalogEntry:
    database: str | None
    name: str
    table_type: str | None
    is_temporary: bool
    schema_json: str | None
    error: str | None = None


def list_catalog(spark: SparkSession) -> list[CatalogEntry]:
    """Every table and view of every database the session sees, plus temporary views.

    ``Catalog.listTables(db)`` repeats the session's temporary views for every database, so
    entries are de-duplicated. Global temporary views live in a database that
    ``listDatabases()`` does not return; it is listed explicitly.
    """
    databases = [db.name for db in spark.catalog.listDatabases()]
    global_temp = spark.conf.get("spark.sql.globalTempDatabase", "global_temp") or "global_temp"
    if global_temp not in databases:
        databases.append(global_temp)

    entries: list[CatalogEntry] = []
    seen: set[tuple[str, ...]] = set()
    for database in databases:
        try:
            tables = spark.catalog.listTables(database)
        except Exception:  # a database that vanished between the two calls
            continue
        locations = None if database == global_temp else _table_locations(spark, database)
        for table in tables:
            namespace = tuple(table.namespace or ())
            key = (*namespace, table.name)
            if key in seen:
                continue
            seen.add(key)
            entries.append(_describe(spark, table, namespace, locations or {}))
    entries.sort(key=lambda e: (e.is_temporary, e.database or "", e.name))
    return entries


def catalog_table(entries: list[CatalogEntry]) -> pa.Table:
    return pa.Table.from_pylist([asdict(e) for e in entries], schema=CATALOG_SCHEMA)


def _describe(
    spark: SparkSession, table: object, namespace: tuple[str, ...], locations: dict[str, str]
) -> CatalogEntry:
    name: str = table.name  # type: ignore[attr-defined]
    is_temporary = bool(table.isTemporary)  # type: ignore[attr-defined]
    schema_json = None
    error = None
    try:
        schema_json = spark.table(quote_qualified_name((*namespace, name))).schema.json()
    except Exception as exc:
        error = f"{type(exc).__name__}: {first_line(exc)}"
    if error is None and not is_temporary:
        missing = _missing_local_location(locations.get(name))
        if missing:
            error = f"Storage location does not exist: {missing}"
    return CatalogEntry(
        database=namespace[-1] if namespace else None,
        name=name,
        table_type=table.tableType,  # type: ignore[attr-defined]
        is_temporary=is_temporary,
        schema_json=schema_json,
        error=error,
    )


def _table_locations(spark: SparkSession, database: str) -> dict[str, str]:
    """Storage locations of a database's tables, from one catalog-only command.

    Spark serves a file table's schema from the catalog even when its files were deleted; the
    failure would only show on the first query. Checking that a local location still exists
    lets the catalog show the problem up front. Returns ``{}`` if the command is unsupported.
    """
    try:
        rows = spark.sql(
            f"SHOW TABLE EXTENDED IN {quote_qualified_name((database,))} LIKE "
            f"{quote_string_literal('*')}"
        ).collect()
    except Exception:
        return {}
    locations: dict[str, str] = {}
    for row in rows:
        if row["isTemporary"]:
            continue
        for line in (row["information"] or "").splitlines():
            if line.startswith("Location: "):
                locations[row["tableName"]] = line[len("Location: ") :].strip()
                break
    return locations


def _missing_local_location(location: str | None) -> str | None:
    """The location if it is a local path that does not exist; remote stores are not probed."""
    if not location:
        return None
    parsed = urlparse(location)
    if parsed.scheme not in ("", "file"):
        return None
    path = url2pathname(parsed.path) if parsed.scheme else location
    return None if os.path.exists(path) else location
