"""Point-in-time sample sets: semantics by example on real Spark, plan errors, the SQL's shape."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from samples_cases import (
    ENTITIES,
    KEY_MAPPING,
    LABEL_COLUMNS,
    T0,
    diff,
    feature_columns,
    group_spec,
    sample_set,
    schema_of,
    to_dicts,
)

from featurelab.samples import SampleSpecError, build, compile_sql, preview, resolve_plan, sample_dataframe
from featurelab.samples.plan import duration_seconds
from featurelab.samples.reference import reference_join

REPO = Path(__file__).resolve().parents[3]


def minutes(n: float) -> Any:
    return T0 + timedelta(minutes=n)


def run(spark: Any, selections: list[dict[str, Any]], labels: list[tuple], features: dict[str, list[tuple]], *, strict: bool = False, timestamps: bool = True) -> tuple[list[tuple], list[tuple]]:
    """Spark result and reference result of one sample set over the given rows."""
    selections = [{"keys": KEY_MAPPING[item["featureGroup"]], **item} for item in selections]
    spec = sample_set(selections, strict=strict)
    groups = [group_spec(selection["featureGroup"]) for selection in selections]
    plan = resolve_plan(spec, groups, ENTITIES)
    label_df = spark.createDataFrame(labels, schema_of(LABEL_COLUMNS))
    sources = {
        name: spark.createDataFrame(rows, schema_of(feature_columns(name))) for name, rows in features.items()
    }
    frame = sample_dataframe(plan, spark, sources=sources, labels=label_df, include_feature_timestamps=timestamps)
    actual = [tuple(row) for row in frame.collect()]
    assert [t.name for t in spark.catalog.listTables() if t.name.startswith("__fl_")] == []
    expected = reference_join(
        plan,
        to_dicts(LABEL_COLUMNS, labels),
        {name: to_dicts(feature_columns(name), rows) for name, rows in features.items()},
        include_feature_timestamps=timestamps,
    )
    assert Counter(actual) == Counter(expected), diff(actual, expected)
    return actual, expected


def user_rows(*rows: tuple) -> list[tuple]:
    """(user_id, et minutes, ct minutes|None, a1, a2) -> feature rows of fg_user."""
    return [(u, minutes(et), None if ct is None else minutes(ct), a1, a2) for u, et, ct, a1, a2 in rows]


def label(uid: int | None, at: float | None, y: int = 1, item: int | None = None, region: str | None = None) -> tuple:
    return (uid, item, region, None if at is None else minutes(at), y)


def test_latest_row_at_or_before_the_label_time(spark: Any) -> None:
    features = {"fg_user": user_rows((1, 0, None, 10, "x"), (1, 5, None, 20, "y"), (1, 9, None, 30, "z"))}
    labels = [label(1, 5), label(1, 4), label(1, -1), label(1, 100)]
    actual, _ = run(spark, [{"featureGroup": "fg_user"}], labels, features)
    by_time = {row[1]: row[3] for row in actual}
    assert by_time == {minutes(5): 20, minutes(4): 10, minutes(-1): None, minutes(100): 30}


def test_strict_excludes_rows_at_the_label_time(spark: Any) -> None:
    features = {"fg_user": user_rows((1, 0, None, 10, "x"), (1, 5, None, 20, "y"))}
    actual, _ = run(spark, [{"featureGroup": "fg_user"}], [label(1, 5)], features, strict=True)
    assert [row[3] for row in actual] == [10]


def test_ttl_is_inclusive_at_its_edge(spark: Any) -> None:
    features = {"fg_user": user_rows((1, 0, None, 10, "x"))}
    labels = [label(1, 60), label(1, 60.5)]
    actual, _ = run(spark, [{"featureGroup": "fg_user", "ttl": "1h"}], labels, features)
    assert sorted((row[1], row[3]) for row in actual) == [(minutes(60), 10), (minutes(60.5), None)]


def test_event_time_ties_broken_by_created_time_then_values(spark: Any) -> None:
    features = {
        "fg_user": user_rows(
            (1, 0, 1, 10, "late"), (1, 0, 0, 99, "early"),  # same event time: later created wins
            (2, 0, None, 5, "a"), (2, 0, None, 5, "b"),  # same times: greatest values win
        )
    }
    actual, _ = run(
        spark, [{"featureGroup": "fg_user", "createdTimeColumn": "ct"}], [label(1, 2), label(2, 2)], features
    )
    assert sorted((row[0], row[3], row[4]) for row in actual) == [(1, 10, "late"), (2, 5, "b")]


def test_created_time_cutoff_hides_backfilled_rows(spark: Any) -> None:
    # The row for minute 3 was written at minute 10: a label at minute 5 must not see it.
    features = {"fg_user": user_rows((1, 0, 0, 1, "old"), (1, 3, 10, 2, "backfilled"))}
    labels = [label(1, 5), label(1, 10)]
    actual, _ = run(spark, [{"featureGroup": "fg_user", "createdTimeColumn": "ct"}], labels, features)
    assert sorted((row[1], row[3]) for row in actual) == [(minutes(5), 1), (minutes(10), 2)]
    # Without the cutoff column the backfilled row leaks into the earlier label.
    actual, _ = run(spark, [{"featureGroup": "fg_user"}], labels, features)
    assert sorted((row[1], row[3]) for row in actual) == [(minutes(5), 2), (minutes(10), 2)]


def test_null_keys_never_match_and_duplicates_keep_multiplicity(spark: Any) -> None:
    features = {"fg_user": user_rows((None, 0, None, 1, "null-key"), (1, 0, None, 2, "one"))}
    labels = [label(None, 5), label(1, 5), label(1, 5), label(1, None)]
    actual, _ = run(spark, [{"featureGroup": "fg_user"}], labels, features)
    assert Counter((row[0], row[3]) for row in actual) == Counter({(None, None): 1, (1, 2): 2, (1, None): 1})


def test_missing_policies(spark: Any) -> None:
    features = {"fg_user": user_rows((1, 0, None, None, "has-null-value"))}
    labels = [label(1, 5), label(2, 5)]
    keep, _ = run(spark, [{"featureGroup": "fg_user"}], labels, features)
    assert sorted(row[0] for row in keep) == [1, 2]
    drop, _ = run(spark, [{"featureGroup": "fg_user", "missing": {"policy": "drop"}}], labels, features)
    assert [row[0] for row in drop] == [1]
    default, _ = run(
        spark,
        [{"featureGroup": "fg_user", "missing": {"policy": "default", "defaults": {"a1": -1, "a2": "none"}}}],
        labels,
        features,
    )
    # A matched row's null value stays null; only a label without a match gets the defaults.
    assert sorted((row[0], row[3], row[4]) for row in default) == [(1, None, "has-null-value"), (2, -1, "none")]


def test_multi_key_entity_and_several_groups(spark: Any) -> None:
    features = {
        "fg_user": user_rows((1, 0, None, 1, "u")),
        "fg_item": [(7, minutes(1), None, 0.5), (7, minutes(3), None, 1.5)],
        "fg_region": [(1, "eu", minutes(0), None, 11), (1, "us", minutes(0), None, 22)],
    }
    labels = [label(1, 2, item=7, region="us"), label(1, 4, item=7, region="eu"), label(1, 4, item=8, region=None)]
    selections = [
        {"featureGroup": "fg_user", "keys": {"user_id": "uid"}},
        {"featureGroup": "fg_item", "keys": {"item_id": "item"}},
        {"featureGroup": "fg_region", "keys": {"user_id": "uid", "region": "region"}},
    ]
    actual, _ = run(spark, selections, labels, features, timestamps=False)
    columns = ["uid", "item", "region", "ts", "y", "a1", "a2", "b1", "c1"]
    rows = sorted((dict(zip(columns, row)) for row in actual), key=lambda r: (r["ts"], r["item"]))
    assert [(r["b1"], r["c1"]) for r in rows] == [(0.5, 22), (1.5, 11), (None, None)]


def test_compiled_plan_has_no_join(spark: Any) -> None:
    """The as-of formulation is windows over one sorted stream per group: no join at all."""
    plan = resolve_plan(
        sample_set(
            [
                {"featureGroup": "fg_user", "ttl": "1d", "keys": KEY_MAPPING["fg_user"]},
                {"featureGroup": "fg_item", "keys": KEY_MAPPING["fg_item"]},
            ]
        ),
        [group_spec("fg_user"), group_spec("fg_item")],
        ENTITIES,
    )
    sources = {
        name: spark.createDataFrame([], schema_of(feature_columns(name))) for name in ("fg_user", "fg_item")
    }
    labels = spark.createDataFrame([], schema_of(LABEL_COLUMNS))
    frame = sample_dataframe(plan, spark, sources=sources, labels=labels)
    physical = frame._jdf.queryExecution().executedPlan().toString()
    assert "Join" not in physical and "Cartesian" not in physical, physical
    assert physical.count("Window") >= 2
    assert "JOIN" not in compile_sql(plan).upper()


def test_hostile_names_are_quoted(spark: Any) -> None:
    name = "we`ird col"
    plan = resolve_plan(
        {
            "kind": "SampleSet",
            "name": "s",
            "labels": {"query": "SELECT * FROM hostile_labels", "eventTimeColumn": "ts", "columns": ["y"]},
            "features": [{"featureGroup": "g"}],
        },
        [
            {
                "kind": "FeatureGroup",
                "name": "g",
                "entity": "e",
                "eventTimeColumn": "et",
                "source": {"type": "sql", "query": "SELECT * FROM hostile_features -- trailing comment"},
                "features": [{"name": name, "type": "string"}],
            }
        ],
        [{"kind": "Entity", "name": "e", "joinKeys": [{"name": "k`)", "type": "bigint"}]}],
    )
    spark.createDataFrame([(1, minutes(1), 1)], "`k``)` bigint, ts timestamp, y int").createOrReplaceTempView("hostile_labels")
    spark.createDataFrame([(1, minutes(0), "v")], "`k``)` bigint, et timestamp, `we``ird col` string").createOrReplaceTempView(
        "hostile_features"
    )
    rows = sample_dataframe(plan, spark).collect()
    assert [tuple(row) for row in rows] == [(1, minutes(1), 1, "v")]


def test_plan_errors_name_every_field() -> None:
    spec = {
        "kind": "SampleSet",
        "name": "s",
        "labels": {"table": "t", "query": "SELECT 1", "eventTimeColumn": "ts", "columns": ["y"]},
        "features": [
            {"featureGroup": "nope"},
            {"featureGroup": "fg_user", "features": ["a1", "zz"], "keys": {"item_id": "x"}, "ttl": "7y"},
            {"featureGroup": "fg_item", "missing": {"policy": "default"}},
        ],
    }
    with pytest.raises(SampleSpecError) as caught:
        resolve_plan(spec, [group_spec("fg_user"), group_spec("fg_item")], ENTITIES)
    pointers = {pointer for pointer, _ in caught.value.problems}
    assert pointers == {
        "/labels",
        "/features/0/featureGroup",
        "/features/1/features/1",
        "/features/1/keys/item_id",
        "/features/1/ttl",
        "/features/2/missing/defaults",
    }
    assert caught.value.hint


def test_output_column_clash_is_an_error() -> None:
    clash = dict(group_spec("fg_item"), features=[{"name": "a1", "type": "int"}])
    with pytest.raises(SampleSpecError, match="second output column named 'a1'"):
        resolve_plan(
            sample_set([{"featureGroup": "fg_user"}, {"featureGroup": "fg_item"}]), [group_spec("fg_user"), clash], ENTITIES
        )


def test_durations() -> None:
    assert duration_seconds("90m") == 5400
    assert duration_seconds("2w") == 1209600
    with pytest.raises(ValueError):
        duration_seconds("0d")


def test_demo_sample_set_builds_and_previews(spark: Any, tmp_path: Path) -> None:
    spec = REPO / "demo" / "features" / "training.yaml"
    first = preview(spec, spark, limit=3).collect()
    assert len(first) == 3
    assert "user_engagement_1d__event_time" in first[0].asDict()
    result = build(spec, spark, output_path=str(tmp_path / "out"))
    assert result.output_rows == result.label_rows == spark.table("demo.impressions").count()
    assert 0 < result.matched["user_profile"] <= result.output_rows
    written = spark.read.parquet(str(tmp_path / "out"))
    assert written.count() == result.output_rows
    # Leakage check on real data: no chosen feature row is later than its label.
    leaks = preview(spec, spark, limit=10**9).where(
        "user_engagement_1d__event_time > event_time OR item_popularity_1d__event_time > event_time"
    )
    assert leaks.count() == 0
