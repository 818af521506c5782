"""Trials of the sample-build benchmark; run by sample-build.ts in the bench venv (feast + pyspark).

One local SparkSession, one generated data set (Parquet), three ways to compute the same
point-in-time join, timed side by side with the order rotated every trial:

* featurelab: ``featurelab.samples`` (sort/window as-of, no inequality join);
* feast: Feast's Spark offline store, ``FeatureStore.get_historical_features``;
* naive: an equi-join on the key plus ``feature.time <= label.time`` (and the TTL), then
  ``row_number()`` per label: the textbook query, quadratic in rows per key.

Each timed run forces the whole result with Spark's ``noop`` sink. The results of the three
are compared row by row on the full data (``exceptAll`` both ways), and Featurelab's against the
brute-force Python reference (``featurelab.samples.reference``) on a deterministic subset of
labels with every feature row of their keys.

    python sample-build-run.py --out RAW.json [--size tiny|small|large] [--trials N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

SIZES = {
    # labels, rows per feature group, users, items. Rows per key over the 30 days: 200 per
    # user and 400 per item in tiny, 500 and 1000 in small and large (hourly-ish feature rows,
    # ~100 of them inside a label's 7-day TTL): the density where the inequality join hurts.
    "tiny": (10_000, 100_000, 500, 250),
    "small": (100_000, 1_000_000, 2_000, 1_000),
    "large": (1_000_000, 10_000_000, 20_000, 10_000),
}
SPAN_DAYS = 30
TTL_DAYS = 7
#: Label subset checked against the Python reference: label_id % REFERENCE_MODULUS == 0.
REFERENCE_LABELS = 2_000
GROUPS = [
    # name, entity, key column, feature columns
    ("fg_user_a", "user", "user_id", ("ua_score", "ua_count")),
    ("fg_user_b", "user", "user_id", ("ub_score", "ub_count")),
    ("fg_item", "item", "item_id", ("it_score", "it_count")),
]


def generate(spark: Any, folder: Path, labels: int, rows: int, users: int, items: int) -> None:
    """Deterministic data: event times are permutations of a microsecond grid, so no two rows
    of one feature group share a key and an event time (Feast breaks such ties arbitrarily), and
    label (key, time) pairs are unique (Feast collapses duplicate entity rows)."""
    span = SPAN_DAYS * 86_400 * 1_000_000
    base = "unix_micros(TIMESTAMP'2025-01-01 00:00:00')"
    # Multiplying by a constant coprime with span permutes [0, span): distinct ids, distinct times.
    spark.range(labels).selectExpr(
        "id AS label_id",
        f"CAST(pmod(id * 7919, {users}) AS BIGINT) AS user_id",
        f"CAST(pmod(id * 104729, {items}) AS BIGINT) AS item_id",
        f"timestamp_micros({base} + pmod(id * 2654435761, {span})) AS event_timestamp",
        "CAST(pmod(id, 2) AS INT) AS clicked",
    ).write.mode("overwrite").parquet(str(folder / "labels"))
    for index, (name, _, key, (score, count)) in enumerate(GROUPS):
        multiplier = [40503, 65537, 9973][index]
        cardinality = users if key == "user_id" else items
        spark.range(rows).selectExpr(
            f"CAST(pmod(id * {multiplier}, {cardinality}) AS BIGINT) AS {key}",
            f"timestamp_micros({base} + pmod(id * {[2246822519, 3266489917, 668265263][index]}, {span})) AS event_time",
            f"timestamp_micros({base} + pmod(id * {[2246822519, 3266489917, 668265263][index]}, {span}) + pmod(id, 3600) * 1000000) AS created_time",
            f"CAST(pmod(id * 31, 1000) AS DOUBLE) / 7 AS {score}",
            f"pmod(id * 17, 100) AS {count}",
        ).write.mode("overwrite").parquet(str(folder / name))


def register(spark: Any, folder: Path) -> None:
    spark.read.parquet(str(folder / "labels")).createOrReplaceTempView("bench_labels")
    for name, *_ in GROUPS:
        spark.read.parquet(str(folder / name)).createOrReplaceTempView(name)


def featurelab_plan() -> Any:
    from featurelab.samples import resolve_plan

    sample_set = {
        "kind": "SampleSet",
        "name": "bench",
        "labels": {"table": "bench_labels", "eventTimeColumn": "event_timestamp", "columns": ["label_id", "clicked"]},
        "features": [{"featureGroup": name, "ttl": f"{TTL_DAYS}d"} for name, *_ in GROUPS],
    }
    groups = [
        {
            "kind": "FeatureGroup",
            "name": name,
            "entity": entity,
            "eventTimeColumn": "event_time",
            "source": {"type": "sql", "query": f"SELECT * FROM {name}"},
            "features": [{"name": score, "type": "double"}, {"name": count, "type": "bigint"}],
        }
        for name, entity, _, (score, count) in GROUPS
    ]
    entities = [
        {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "bigint"}]},
        {"kind": "Entity", "name": "item", "joinKeys": [{"name": "item_id", "type": "bigint"}]},
    ]
    return resolve_plan(sample_set, groups, entities)


def featurelab_frame(spark: Any, plan: Any) -> Any:
    from featurelab.samples import sample_dataframe

    return sample_dataframe(plan, spark, sources={name: name for name, *_ in GROUPS})


def naive_frame(spark: Any) -> Any:
    """The inequality join, one feature group after the other."""
    query = "SELECT * FROM bench_labels"
    carried = ["label_id", "user_id", "item_id", "event_timestamp", "clicked"]
    for name, _, key, (score, count) in GROUPS:
        keep = ", ".join(f"l.{column}" for column in carried)
        query = f"""
        SELECT {', '.join(carried)}, {score}, {count} FROM (
          SELECT {keep}, f.{score}, f.{count},
            row_number() OVER (PARTITION BY l.label_id
                               ORDER BY f.event_time DESC, f.{score} DESC, f.{count} DESC) AS rn
          FROM ({query}) l
          LEFT JOIN {name} f
            ON f.{key} = l.{key}
           AND f.event_time <= l.event_timestamp
           AND f.event_time >= l.event_timestamp - INTERVAL {TTL_DAYS} DAYS
        ) WHERE rn = 1"""
        carried += [score, count]
    return spark.sql(query)


class Feast:
    """A Feast feature repository (local registry file, Spark offline store) over the same views."""

    def __init__(self, spark: Any, folder: Path) -> None:
        from feast import Entity, FeatureStore, FeatureView, Field, RepoConfig
        from feast.infra.offline_stores.contrib.spark_offline_store.spark import SparkOfflineStoreConfig
        from feast.infra.offline_stores.contrib.spark_offline_store.spark_source import SparkSource
        from feast.types import Float64, Int64
        from feast.value_type import ValueType

        config = RepoConfig(
            project="bench",
            registry=str(folder / "feast-registry.db"),
            provider="local",
            offline_store=SparkOfflineStoreConfig(type="spark", spark_conf={}),
            online_store={"type": "sqlite", "path": str(folder / "feast-online.db")},
            entity_key_serialization_version=3,
        )
        self.store = FeatureStore(config=config)
        entities = {
            "user": Entity(name="user", join_keys=["user_id"], value_type=ValueType.INT64),
            "item": Entity(name="item", join_keys=["item_id"], value_type=ValueType.INT64),
        }
        views = []
        for name, entity, _, (score, count) in GROUPS:
            views.append(
                FeatureView(
                    name=name,
                    entities=[entities[entity]],
                    ttl=timedelta(days=TTL_DAYS),
                    schema=[Field(name=score, dtype=Float64), Field(name=count, dtype=Int64)],
                    source=SparkSource(name=f"{name}_source", table=name, timestamp_field="event_time"),
                    online=False,
                )
            )
        self.store.apply([*entities.values(), *views])
        self.features = [f"{name}:{feature}" for name, _, _, features in GROUPS for feature in features]
        self.spark = spark

    def frame(self) -> Any:
        labels = self.spark.table("bench_labels")
        job = self.store.get_historical_features(entity_df=labels, features=self.features)
        return job.to_spark_df()


def force(frame: Any) -> float:
    started = time.perf_counter()
    frame.write.format("noop").mode("overwrite").save()
    return (time.perf_counter() - started) * 1000


COMPARED = ["label_id", "ua_score", "ua_count", "ub_score", "ub_count", "it_score", "it_count"]


def differences(left: Any, right: Any) -> int:
    a = left.select(*COMPARED)
    b = right.select(*COMPARED)
    return a.exceptAll(b).count() + b.exceptAll(a).count()


def reference_check(spark: Any, plan: Any, result: Any, labels: int) -> dict[str, Any]:
    from featurelab.samples.reference import reference_join

    modulus = max(1, labels // REFERENCE_LABELS)
    subset = spark.sql(f"SELECT * FROM bench_labels WHERE pmod(label_id, {modulus}) = 0")
    label_rows = [row.asDict() for row in subset.collect()]
    features = {}
    for name, _, key, _ in GROUPS:
        rows = spark.table(name).join(subset.select(key).distinct(), key, "left_semi")
        features[name] = [row.asDict() for row in rows.collect()]
    expected = reference_join(plan, label_rows, features)
    columns = plan.output_columns()
    actual = [tuple(row) for row in result.where(f"pmod(label_id, {modulus}) = 0").select(*columns).collect()]
    mismatched = sum((Counter(actual) - Counter(expected)).values()) + sum((Counter(expected) - Counter(actual)).values())
    return {
        "labelsChecked": len(label_rows),
        "featureRowsChecked": sum(len(rows) for rows in features.values()),
        "mismatchedRows": mismatched,
        "identical": mismatched == 0 and len(label_rows) > 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the inequality join (large sizes)")
    args = parser.parse_args()
    labels, rows, users, items = SIZES[args.size]

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    import pyspark
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("featurelab-bench-sample-build")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "6g")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    raw: dict[str, Any] = {
        "size": {"name": args.size, "labels": labels, "rowsPerFeatureGroup": rows, "featureGroups": len(GROUPS), "users": users, "items": items, "ttlDays": TTL_DAYS, "spanDays": SPAN_DAYS},
        "versions": {"python": platform.python_version(), "pyspark": pyspark.__version__, "master": args.master},
        "samples": {},
        "errors": {},
    }
    with tempfile.TemporaryDirectory(prefix="featurelab-bench-samples-") as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        generate(spark, folder, labels, rows, users, items)
        register(spark, folder)
        raw["generateSeconds"] = round(time.perf_counter() - started, 1)
        plan = featurelab_plan()
        variants: dict[str, Any] = {"featurelab": lambda: featurelab_frame(spark, plan)}
        try:
            import feast

            raw["versions"]["feast"] = feast.__version__
            feast_repo = Feast(spark, folder)
            variants["feast"] = feast_repo.frame
        except Exception as error:  # noqa: BLE001 - recorded, not hidden
            raw["errors"]["feast"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        if not args.skip_naive:
            variants["naive"] = lambda: naive_frame(spark)

        # Correctness first (also the warm-up: JIT, file listing caches). The results are
        # persisted so the comparisons below do not compute every variant again.
        from pyspark import StorageLevel

        results = {}
        for name, make in list(variants.items()):
            try:
                frame = make().persist(StorageLevel.MEMORY_AND_DISK)
                frame.count()
                results[name] = frame
            except Exception as error:  # noqa: BLE001
                raw["errors"][name] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
                del variants[name]
        checks: dict[str, Any] = {}
        base = results.get("featurelab")
        if base is not None:
            checks["reference"] = reference_check(spark, plan, base, labels)
            for name, frame in results.items():
                if name != "featurelab":
                    checks[f"featurelab_vs_{name}_mismatchedRows"] = differences(base, frame)
            checks["outputRows"] = base.count()
        raw["checks"] = checks
        for frame in results.values():
            frame.unpersist()
        print(f"checks done: {json.dumps(checks)}", file=sys.stderr, flush=True)

        names = list(variants)
        raw["trialsCompleted"] = 0
        save(args.out, raw)
        for trial in range(args.trials):
            order = names[trial % len(names):] + names[: trial % len(names)]
            for name in order:
                raw["samples"].setdefault(name, []).append(round(force(variants[name]()), 1))
                print(f"trial {trial + 1}/{args.trials} {name}: {raw['samples'][name][-1]} ms", file=sys.stderr, flush=True)
            # Written after every round, so an interrupted run still leaves complete rounds.
            raw["trialsCompleted"] = trial + 1
            save(args.out, raw)
    spark.stop()
    return 0


def save(path: str, raw: dict[str, Any]) -> None:
    partial = Path(path + ".partial")
    partial.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    partial.replace(path)


if __name__ == "__main__":
    sys.exit(main())
