"""Trials of the validation benchmark, in one local Spark (bench/src/benchmarks/validation.ts).

Generates the table (Parquet, --rows x 20 columns incl. an array<string> and an array<float>
embedding), then times three variants on the same SparkSession, each reading the Parquet anew:

- featurelab: the queries of the Spark plan compiled by `featurelab validate --explain --json`
  (what `python -m featurelab.validation` runs for `featurelab validate --engine spark`);
- deequ: Deequ 2.0.x-spark-3.5 (Maven Central, through pydeequ) AnalysisRunner with the
  analyzers matching the 30 checks (array checks as Compliance predicates with higher-order
  functions, Deequ having no array analyzers);
- great_expectations: GX Core 1.x, Spark dataframe asset, the matching expectations
  (result_format SUMMARY); GX has no array expectations, so it runs the 23 scalar checks.

Spark jobs per variant are counted with job groups and the status tracker; passes over the
file (stages that read input bytes) from Spark's event log.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SPARK_VERSION", "3.5")

#: The newest Deequ for Spark 3.5 on Maven Central (pydeequ's default coordinate is not there);
#: scripts/bench-validation.sh downloads it and passes the jar in FEATURELAB_BENCH_DEEQU_JAR.
DEEQU = "com.amazon.deequ:deequ:2.0.7-spark-3.5"


def generate(path: Path, rows: int, seed: int = 7) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    chunk = 500_000
    writer = None
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        ids = np.arange(start, start + n, dtype=np.int64)
        amount = rng.gamma(2.0, 50.0, n)
        amount_mask = rng.random(n) < 0.02
        score = rng.normal(0, 1.5, n)
        cats = np.array(list("abcdefgh"))
        category = cats[rng.integers(0, 8, n)]
        letters = np.array([chr(c) for c in range(65, 91)])
        code = np.char.add(np.char.add(np.char.add(letters[rng.integers(0, 26, n)], letters[rng.integers(0, 26, n)]), "-"),
                           np.char.zfill(rng.integers(0, 10_000, n).astype(str), 4))
        text_len = rng.integers(1, 40, n)
        text = np.array(["x" * int(k) for k in text_len[:1000]] * (n // 1000 + 1))[:n]
        text_mask = rng.random(n) < 0.01
        tags_len = rng.integers(0, 4, n)
        offsets = np.concatenate([[0], np.cumsum(tags_len)]).astype(np.int32)
        tag_values = pa.array(cats[rng.integers(0, 8, int(offsets[-1]))])
        emb = rng.normal(0, 0.25, (n, 16)).astype(np.float32)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        emb_offsets = np.arange(0, (n + 1) * 16, 16, dtype=np.int32)
        table = pa.table({
            "id": ids,
            "user_id": rng.integers(0, max(1, rows // 20), n),
            "amount": pa.array(amount, mask=amount_mask),
            "score": score,
            "quantity": rng.integers(1, 11, n).astype(np.int32),
            # decimal(12,2) by way of decimal(21,2), which holds any int64 (values < 10^5 fit in 12).
            "price": pa.array(rng.integers(0, 100_000, n), pa.int64()).cast(pa.decimal128(21, 2)).cast(pa.decimal128(12, 2)),
            "category": category,
            "code": code,
            "text": pa.array(text, mask=text_mask),
            "event_time": pa.array(1_700_000_000_000_000 + ids * 1_000_000, type=pa.timestamp("us", tz="UTC")),
            "flag": rng.random(n) < 0.5,
            "f1": rng.random(n),
            "f2": rng.random(n),
            "f3": rng.integers(0, 1000, n),
            "f4": rng.random(n).astype(np.float32),
            "f5": cats[rng.integers(0, 8, n)],
            "f6": rng.integers(0, 2, n).astype(np.int8),
            "f7": rng.random(n),
            "tags": pa.ListArray.from_arrays(pa.array(offsets), tag_values),
            "embedding": pa.ListArray.from_arrays(pa.array(emb_offsets), pa.array(emb.reshape(-1))),
        })
        if writer is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(str(path), table.schema, compression="snappy")
        writer.write_table(table, row_group_size=max(10_000, rows // 64))
    if writer is not None:
        writer.close()


def deequ_analyzers():
    from pydeequ import analyzers as a

    return [
        a.Size(),
        a.Completeness("user_id"), a.Completeness("amount"), a.Completeness("category"), a.Completeness("text"),
        a.Completeness("event_time"),
        a.Uniqueness(["id"]), a.Completeness("id"),
        a.Distinctness(["user_id"]),
        a.Compliance("amount in range", "amount BETWEEN 0 AND 1000"),
        a.Compliance("score in range", "score BETWEEN -5 AND 5"),
        a.Compliance("quantity in range", "quantity BETWEEN 1 AND 10"),
        a.Compliance("category in set", "category IN ('a','b','c','d','e','f','g','h')"),
        a.PatternMatch("code", r"^[A-Z]{2}-[0-9]{4}$"),
        a.MinLength("text"), a.MaxLength("text"),
        a.Mean("amount"), a.StandardDeviation("amount"), a.Minimum("score"), a.Maximum("score"), a.Sum("price"),
        a.ApproxQuantile("amount", 0.5),
        a.Compliance("custom", "quantity * price >= 0"),
        a.Completeness("amount", "category = 'a'"),
        a.Compliance("tags length", "size(tags) BETWEEN 1 AND 5"),
        a.Compliance("tags empty", "size(tags) = 0"),
        a.Compliance("embedding dimension", "size(embedding) = 16"),
        a.Compliance("embedding non-finite", "exists(embedding, x -> isnan(x) OR abs(x) = double('Infinity'))"),
        a.Compliance("embedding norm", "sqrt(aggregate(embedding, 0D, (s, x) -> s + x * x)) BETWEEN 0.5 AND 2"),
        a.Compliance("embedding elements", "size(filter(embedding, x -> x BETWEEN -1 AND 1)) = size(embedding)"),
        a.Completeness("embedding"),
    ]


def run_deequ(spark, df):
    from pydeequ.analyzers import AnalysisRunner, AnalyzerContext

    runner = AnalysisRunner(spark).onData(df)
    for analyzer in deequ_analyzers():
        runner = runner.addAnalyzer(analyzer)
    result = runner.run()
    rows = AnalyzerContext.successMetricsAsDataFrame(spark, result).collect()
    return {f"{r['name']}({r['instance']})": r["value"] for r in rows}


def gx_suite():
    import great_expectations as gx
    import great_expectations.expectations as e

    suite = gx.ExpectationSuite(name="bench")
    for expectation in [
        e.ExpectTableRowCountToBeBetween(min_value=1),
        e.ExpectColumnValuesToNotBeNull(column="user_id"),
        e.ExpectColumnValuesToNotBeNull(column="amount", mostly=0.9),
        e.ExpectColumnValuesToNotBeNull(column="category"),
        e.ExpectColumnValuesToNotBeNull(column="text", mostly=0.9),
        e.ExpectColumnValuesToNotBeNull(column="event_time"),
        e.ExpectColumnValuesToBeUnique(column="id"),
        e.ExpectColumnValuesToNotBeNull(column="id"),
        e.ExpectColumnProportionOfUniqueValuesToBeBetween(column="user_id", min_value=0.01),
        e.ExpectColumnValuesToBeBetween(column="amount", min_value=0, max_value=1000, mostly=0.9),
        e.ExpectColumnValuesToBeBetween(column="score", min_value=-5, max_value=5, mostly=0.9),
        e.ExpectColumnValuesToBeBetween(column="quantity", min_value=1, max_value=10),
        e.ExpectColumnValuesToBeInSet(column="category", value_set=list("abcdefgh")),
        e.ExpectColumnValuesToMatchRegex(column="code", regex=r"^[A-Z]{2}-[0-9]{4}$"),
        e.ExpectColumnValueLengthsToBeBetween(column="text", min_value=1, max_value=64),
        e.ExpectColumnMeanToBeBetween(column="amount", min_value=0),
        e.ExpectColumnStdevToBeBetween(column="amount", min_value=0),
        e.ExpectColumnMinToBeBetween(column="score", min_value=-100),
        e.ExpectColumnMaxToBeBetween(column="score", max_value=100),
        e.ExpectColumnSumToBeBetween(column="price", min_value=0),
        e.ExpectColumnMedianToBeBetween(column="amount", min_value=0),
        e.ExpectColumnValuesToNotBeNull(column="amount", mostly=0.8, row_condition='col("category")=="a"', condition_parser="spark"),
        e.ExpectColumnValuesToNotBeNull(column="embedding"),
    ]:
        suite.add_expectation(expectation)
    return suite


class GxRunner:
    def __init__(self):
        import great_expectations as gx

        self.context = gx.get_context(mode="ephemeral")
        source = self.context.data_sources.add_spark(name="bench")
        asset = source.add_dataframe_asset(name="table")
        self.batch_definition = asset.add_batch_definition_whole_dataframe("all")
        self.suite = self.context.suites.add(gx_suite())

    def run(self, df):
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": df})
        result = batch.validate(self.suite, result_format="SUMMARY")
        return {"success": bool(result.success), "evaluated": len(result.results)}


def run_featurelab(spark, plan, data_path):
    values = {}
    for query in plan["rendered"]["queries"]:
        row = spark.sql(query["sql"]).collect()[0].asDict()
        values[query["id"]] = row
    return values


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--skip", action="append", default=[])
    args = parser.parse_args()

    data = Path(args.data)
    t0 = time.perf_counter()
    if not data.exists():
        generate(data, args.rows)
    generate_seconds = time.perf_counter() - t0
    if args.generate_only:
        print(json.dumps({"generateSeconds": generate_seconds}))
        return 0

    import pydeequ
    from pyspark.sql import SparkSession

    event_dir = Path(args.out).parent / "events"
    event_dir.mkdir(parents=True, exist_ok=True)

    spark = (
        SparkSession.builder.master("local[*]")
        .appName("featurelab-bench-validation")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.jars", os.environ["FEATURELAB_BENCH_DEEQU_JAR"])
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.dir", str(event_dir))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    plan = json.loads(Path(args.plan).read_text())
    # The plan was compiled for this file under its absolute path (parquet.`...`).
    tracker = spark.sparkContext.statusTracker()

    gx_runner = None
    variants = {
        "featurelab": lambda: run_featurelab(spark, plan, str(data)),
        "deequ": lambda: run_deequ(spark, spark.read.parquet(str(data))),
        "great_expectations": lambda: gx_runner.run(spark.read.parquet(str(data))),
    }
    variants = {k: v for k, v in variants.items() if k not in args.skip}
    errors: dict[str, str] = {}
    samples: dict[str, list[float]] = {k: [] for k in variants}
    jobs: dict[str, int] = {}
    outputs: dict[str, object] = {}
    try:
        if "great_expectations" in variants:
            gx_runner = GxRunner()
    except Exception as exc:  # noqa: BLE001
        errors["great_expectations"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        variants.pop("great_expectations")
        samples.pop("great_expectations")

    names = list(variants)
    for trial in range(-1, args.trials):
        order = names[trial % len(names):] + names[: trial % len(names)] if trial >= 0 else names
        for name in order:
            if name in errors:
                continue
            group = f"{name}-{trial}"
            spark.sparkContext.setJobGroup(group, group)
            start = time.perf_counter()
            try:
                out = variants[name]()
            except Exception as exc:  # noqa: BLE001
                errors[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                continue
            elapsed = (time.perf_counter() - start) * 1000
            if trial < 0:
                job_ids = list(tracker.getJobIdsForGroup(group))
                jobs[name] = len(job_ids)
                outputs[name] = out
            else:
                samples[name].append(elapsed)
            print(f"trial {trial} {name} {elapsed:.0f} ms", file=sys.stderr, flush=True)
    spark.sparkContext.setJobGroup("done", "done")

    raw = {
        "rows": args.rows,
        "columns": 20,
        "generateSeconds": generate_seconds,
        "versions": {"pyspark": spark.version, "deequ": DEEQU, "great_expectations": _gx_version()},
        "samples": {k: v for k, v in samples.items() if v},
        "sparkJobs": jobs,
        "fileScans": {},
        "errors": errors,
        "outputs": json.loads(json.dumps(outputs, default=str)),
    }
    spark.sparkContext._gateway.shutdown_callback_server()  # pydeequ: no hang on exit
    spark.stop()
    try:
        raw["fileScans"] = _file_scans(event_dir, [f"{name}--1" for name in names if name not in errors])
    except Exception as exc:  # noqa: BLE001 - the timings stand without the scan counts
        print(f"file scans not counted: {exc}", file=sys.stderr)
    Path(args.out).write_text(json.dumps(raw, indent=2))
    return 0


def _file_scans(event_dir: Path, groups: list[str]) -> dict[str, int]:
    """Per job group, the stages that read input bytes (passes over the file), from the event log."""
    stage_group: dict[int, str] = {}
    reads: dict[int, int] = {}
    for log in event_dir.iterdir():
        with log.open(encoding="utf-8") as lines:
            for line in lines:
                event = json.loads(line)
                kind = event.get("Event")
                if kind == "SparkListenerJobStart":
                    group = (event.get("Properties") or {}).get("spark.jobGroup.id")
                    for stage_id in event.get("Stage IDs", []):
                        stage_group[stage_id] = group
                elif kind == "SparkListenerStageCompleted":
                    info = event["Stage Info"]
                    read = 0
                    for acc in info.get("Accumulables", []):
                        if acc.get("Name") == "internal.metrics.input.bytesRead":
                            read = int(acc.get("Value", 0))
                    reads[info["Stage ID"]] = max(reads.get(info["Stage ID"], 0), read)
    return {
        group.rsplit("--", 1)[0]: sum(1 for stage, g in stage_group.items() if g == group and reads.get(stage, 0) > 0)
        for group in groups
    }


def _gx_version() -> str:
    try:
        import great_expectations as gx

        return gx.__version__
    except Exception:  # noqa: BLE001
        return "missing"


if __name__ == "__main__":
    sys.exit(main())
