"""What the demo data set promises: table schemas, sizes and the generator version.

Tests and notebooks rely on these schemas; bump :data:`GENERATOR_VERSION` whenever the data
a given seed produces changes, so that existing workspaces are regenerated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import pyarrow as pa

GENERATOR_NAME = "featurelab.demo"
GENERATOR_VERSION = "1"
DATABASE = "demo"
DEFAULT_SEED = 20240601
EMBEDDING_DIM = 16

#: Impressions cover the 30 days before this instant; all timestamps are UTC microseconds.
WINDOW_END = datetime(2025, 7, 1, tzinfo=timezone.utc)
WINDOW_DAYS = 30

TIMESTAMP_UTC = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class Size:
    users: int
    items: int
    impressions: int

    def scaled(self, factor: float) -> Size:
        counts = (self.users, self.items, self.impressions)
        return Size(*(max(1, round(n * factor)) for n in counts))


SIZES: dict[str, Size] = {
    "tiny": Size(users=400, items=150, impressions=4_000),
    "small": Size(users=5_000, items=1_500, impressions=100_000),
    "default": Size(users=100_000, items=20_000, impressions=3_000_000),
    "large": Size(users=1_000_000, items=100_000, impressions=30_000_000),
}

#: Impressions are generated and written in chunks of this many rows (one Parquet file each),
#: which bounds memory for large sizes and keeps the output independent of the machine.
IMPRESSIONS_PER_FILE = 1_000_000

SCHEMAS: dict[str, pa.Schema] = {
    "users": pa.schema(
        [
            pa.field("user_id", pa.int64(), nullable=False),
            pa.field("signup_time", TIMESTAMP_UTC, nullable=False),
            pa.field("country", pa.string()),
            pa.field("device", pa.string()),
            pa.field("age_bucket", pa.string()),
            pa.field("tags", pa.list_(pa.string())),
            pa.field("profile", pa.map_(pa.string(), pa.string())),
        ]
    ),
    "items": pa.schema(
        [
            pa.field("item_id", pa.int64(), nullable=False),
            pa.field("category", pa.string()),
            pa.field("sub_category", pa.string()),
            pa.field("brand", pa.string()),
            pa.field("price", pa.decimal128(12, 2)),
            pa.field("embedding", pa.list_(pa.float32())),
            pa.field("created_at", TIMESTAMP_UTC, nullable=False),
        ]
    ),
    "impressions": pa.schema(
        [
            pa.field("impression_id", pa.int64(), nullable=False),
            pa.field("user_id", pa.int64(), nullable=False),
            pa.field("item_id", pa.int64(), nullable=False),
            pa.field("event_time", TIMESTAMP_UTC, nullable=False),
            pa.field("position", pa.int32(), nullable=False),
            pa.field("clicked", pa.bool_(), nullable=False),
            pa.field("dwell_ms", pa.int32()),  # null unless clicked
            pa.field("request_id", pa.string(), nullable=False),
        ]
    ),
    "orders": pa.schema(
        [
            pa.field("order_id", pa.int64(), nullable=False),
            pa.field("user_id", pa.int64(), nullable=False),
            pa.field("item_id", pa.int64(), nullable=False),
            pa.field("quantity", pa.int32(), nullable=False),
            pa.field("amount", pa.decimal128(14, 2)),
            pa.field("order_time", TIMESTAMP_UTC, nullable=False),
        ]
    ),
}

#: The same tables as Spark sees them (``DataFrame.schema.simpleString()`` per column).
SPARK_TYPES: dict[str, dict[str, str]] = {
    "users": {
        "user_id": "bigint",
        "signup_time": "timestamp",
        "country": "string",
        "device": "string",
        "age_bucket": "string",
        "tags": "array<string>",
        "profile": "map<string,string>",
    },
    "items": {
        "item_id": "bigint",
        "category": "string",
        "sub_category": "string",
        "brand": "string",
        "price": "decimal(12,2)",
        "embedding": "array<float>",
        "created_at": "timestamp",
    },
    "impressions": {
        "impression_id": "bigint",
        "user_id": "bigint",
        "item_id": "bigint",
        "event_time": "timestamp",
        "position": "int",
        "clicked": "boolean",
        "dwell_ms": "int",
        "request_id": "string",
    },
    "orders": {
        "order_id": "bigint",
        "user_id": "bigint",
        "item_id": "bigint",
        "quantity": "int",
        "amount": "decimal(14,2)",
        "order_time": "timestamp",
    },
}

TABLES = tuple(SCHEMAS)
