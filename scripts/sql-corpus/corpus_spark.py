"""The SparkSession both corpus generators answer from (scripts/sql-corpus, scripts/pyspark-corpus).

The corpus catalog (table name -> ``StructType.json()``) becomes EMPTY tables with exactly those
schemas: global temporary views in a global-temp database named after the catalog's one
database, plus local temporary views under the bare name. Nothing is collected, so only Spark's
analyzer runs.
"""

from __future__ import annotations

import tempfile


def catalog_database(catalog: dict) -> str:
    databases = {name.split(".")[0] for name in catalog if "." in name}
    if len(databases) != 1:
        raise SystemExit("the corpus catalog must use exactly one database (it becomes Spark's global temp database)")
    (database,) = databases
    return database


def corpus_session(catalog: dict, app_name: str):
    """A local SparkSession (127.0.0.1, UTC, no UI) holding the catalog's tables, checked."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    spark = (
        SparkSession.builder.master("local[1]")
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="featurelab-corpus-"))
        .config("spark.sql.globalTempDatabase", catalog_database(catalog))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    for name, schema_json in catalog.items():
        schema = StructType.fromJson(schema_json)
        frame = spark.createDataFrame([], schema)
        table = name.split(".")[-1]
        frame.createOrReplaceGlobalTempView(table)
        frame.createOrReplaceTempView(table)
        seen = spark.table(name).schema
        if seen != schema:
            raise SystemExit(f"Spark sees {name} as {seen.simpleString()}, not as the catalog says")
    return spark


def schema_columns(schema) -> list[dict]:
    return [{"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable} for f in schema.fields]
