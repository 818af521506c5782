"""Arrow helpers shared by the catalog and the preview: Spark schema -> Arrow, IPC encoding."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from pyspark.sql.types import StructType


def to_ipc_stream(table: pa.Table) -> bytes:
    """Encode a table as one Arrow IPC *stream* (what ``apache-arrow``'s ``tableFromIPC`` reads)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc_stream(data: bytes | memoryview) -> pa.Table:
    """Decode bytes written by :func:`to_ipc_stream` (used by tests and by Python clients)."""
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


def arrow_schema_for(schema: StructType) -> pa.Schema:
    """Arrow schema for a Spark schema, for results that have no rows.

    Spark sends no record batch for an empty result, so the schema has to be derived on the
    Python side. pyspark's converter is used when it can handle the types; a column it cannot
    convert degrades to Arrow's null type instead of failing the whole preview.
    """
    from pyspark.sql.pandas.types import to_arrow_type

    fields = []
    for field in schema.fields:
        try:
            with warnings.catch_warnings():
                # pyspark 3.5 imports distutils inside this function (DeprecationWarning).
                warnings.simplefilter("ignore")
                arrow_type = to_arrow_type(field.dataType)
        except Exception:
            arrow_type = pa.null()
        fields.append(pa.field(field.name, arrow_type, nullable=True))
    return pa.schema(fields)
