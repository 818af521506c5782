"""The anchor of the schema-inference benchmark: Spark's own analyzer, kept warm.

Started by bench/src/benchmarks/schema-inference.ts as a child process:

    python bench/src/benchmarks/schema-inference-spark.py CATALOG.json

Creates a local SparkSession (127.0.0.1 only, UI off) with an EMPTY table per catalog entry
(global temporary views in a global-temp database named after the catalog's database, as the
corpus generators do), prints one JSON line ``{"ready": true, "spark": VERSION}``, then answers
each JSON line ``{"sql": "..."}`` on stdin with one JSON line: ``{"ok": true, "columns": [...]}``
(``spark.sql(q).schema``: parse and analysis only, nothing runs) or ``{"ok": false, "error":
"..."}``. Exits at end of input.
"""

from __future__ import annotations

import json
import sys
import tempfile


def main() -> int:
    catalog = json.loads(open(sys.argv[1], encoding="utf-8").read())
    (database,) = {name.split(".")[0] for name in catalog if "." in name}

    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("featurelab-bench-schema-inference")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="featurelab-bench-"))
        .config("spark.sql.globalTempDatabase", database)
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    for name, schema_json in catalog.items():
        frame = spark.createDataFrame([], StructType.fromJson(schema_json))
        frame.createOrReplaceGlobalTempView(name.split(".")[-1])
        frame.createOrReplaceTempView(name.split(".")[-1])
    print(json.dumps({"ready": True, "spark": spark.version}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            schema = spark.sql(request["sql"]).schema
            columns = [
                {"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable}
                for f in schema.fields
            ]
            reply = {"ok": True, "columns": columns}
        except Exception as error:  # noqa: BLE001 - the error is the answer
            reply = {"ok": False, "error": str(error).strip().splitlines()[0][:300]}
        print(json.dumps(reply), flush=True)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
