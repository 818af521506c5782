"""Execute validation SQL on a SparkSession: relation schemas and query rows, as JSON values."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from typing import TYPE_CHECKING, Any

from ..sqlquote import quote_identifier, quote_qualified_name

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Rows one query may return: metric queries return one row, samples are bounded by the plan.
MAX_ROWS = 10_000


class ValidationRequestError(ValueError):
    """A request from the service is malformed (a bug on the caller's side, reported as such)."""


def relation_frame(spark: SparkSession, relation: dict[str, Any]) -> DataFrame:
    """The DataFrame of a relation source: ``{"kind": "table", "parts": [...]}`` or
    ``{"kind": "parquet", "paths": [path]}``; names are quoted, never pasted."""
    kind = relation.get("kind")
    if kind == "table":
        parts = relation.get("parts")
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) for p in parts):
            raise ValidationRequestError("a table relation needs parts: a list of names")
        return spark.sql(f"SELECT * FROM {quote_qualified_name(parts)}")
    if kind == "parquet":
        paths = relation.get("paths")
        if not isinstance(paths, list) or len(paths) != 1 or not isinstance(paths[0], str):
            raise ValidationRequestError("a parquet relation needs paths: one path")
        return spark.sql(f"SELECT * FROM parquet.{quote_identifier(paths[0])}")
    raise ValidationRequestError(f"unknown relation kind {kind!r}")


def relation_schema(spark: SparkSession, relation: dict[str, Any]) -> list[dict[str, Any]]:
    """The relation's fields as Spark's JSON (``StructField.jsonValue()``); reads metadata only."""
    return [field.jsonValue() for field in relation_frame(spark, relation).schema.fields]


def run_query(spark: SparkSession, sql: str) -> list[dict[str, Any]]:
    """Rows of one compiled query, JSON-safe, at most MAX_ROWS."""
    if not isinstance(sql, str) or not sql:
        raise ValidationRequestError("a query needs sql: a non-empty string")
    rows = spark.sql(sql).limit(MAX_ROWS).collect()
    return [{key: json_safe(value) for key, value in row.asDict(recursive=True).items()} for row in rows]


def json_safe(value: Any) -> Any:
    """A Spark value as JSON: NaN and infinities as strings, decimals as numbers when exact
    enough for a metric, dates as ISO text, binary as base64."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict):
        return {str(json_safe(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return str(value)


def handle_request(spark: SparkSession, request: dict[str, Any]) -> dict[str, Any]:
    """Answer one request: ``{"op": "schema", "relation": {...}}`` or ``{"op": "query", "sql": ...}``."""
    op = request.get("op")
    if op == "schema":
        relation = request.get("relation")
        if not isinstance(relation, dict):
            raise ValidationRequestError("schema needs relation: an object")
        return {"fields": relation_schema(spark, relation)}
    if op == "query":
        return {"rows": run_query(spark, request.get("sql", ""))}
    if op == "ping":
        return {"spark": spark.version}
    raise ValidationRequestError(f"unknown op {op!r}")
