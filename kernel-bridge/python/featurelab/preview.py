"""The first rows of a table or query, as an Arrow table (for the catalog's data preview)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .arrowipc import arrow_schema_for
from .errors import BadRequestError
from .sqlquote import quote_qualified_name

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

DEFAULT_LIMIT = 100
#: Upper bound on preview rows: previews travel through the kernel's websocket in one message.
MAX_LIMIT = 1000


def clamp_limit(limit: Any) -> int:
    """Validate the requested row count and cap it at :data:`MAX_LIMIT`."""
    if limit is None:
        return DEFAULT_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise BadRequestError(f"limit must be an integer, not {limit!r}")
    if limit < 0:
        raise BadRequestError(f"limit must not be negative, got {limit}")
    return min(limit, MAX_LIMIT)


def source_frame(spark: SparkSession, *, table: Any = None, sql: Any = None) -> DataFrame:
    """The DataFrame to preview: exactly one of ``table`` or ``sql``.

    ``table`` is either a string in Spark's own multi-part identifier syntax (``db.name``, with
    backticks around parts that need them), parsed by Spark and never spliced into SQL, or a
    list of unquoted parts (``["db", "we.ird"]``) that is quoted here.
    """
    if (table is None) == (sql is None):
        raise BadRequestError("preview needs exactly one of 'table' or 'sql'")
    if table is not None:
        if isinstance(table, str) and table:
            return spark.table(table)
        if isinstance(table, Sequence) and not isinstance(table, str) and table and all(
            isinstance(part, str) for part in table
        ):
            return spark.table(quote_qualified_name(table))
        raise BadRequestError("'table' must be a non-empty string or a list of strings")
    if not isinstance(sql, str) or not sql.strip():
        raise BadRequestError("'sql' must be a non-empty string")
    return spark.sql(sql)


def preview(
    spark: SparkSession, *, table: Any = None, sql: Any = None, limit: Any = None
) -> pa.Table:
    """Collect at most ``limit`` rows straight into Arrow (no pandas, no Python row objects).

    pyspark 4 has the public ``DataFrame.toArrow()``; pyspark 3.5 only has the private
    ``_collect_as_arrow()`` that ``toPandas()`` itself uses, so that is the fallback.
    """
    frame = source_frame(spark, table=table, sql=sql).limit(clamp_limit(limit))
    to_arrow = getattr(frame, "toArrow", None)
    if to_arrow is not None:
        return to_arrow()
    batches = frame._collect_as_arrow()
    if not batches:
        return arrow_schema_for(frame.schema).empty_table()
    return pa.Table.from_batches(batches)
