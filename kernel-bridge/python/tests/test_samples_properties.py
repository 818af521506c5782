"""Property-based check: Spark's as-of compilation equals the brute-force reference, row by row.

Random label and feature tables with ties on event and created time, null keys and times, rows
out of order, late (backfilled) rows, TTLs whose edges fall exactly on row times (everything is
on a minute grid), one to three feature groups (one with a two-column key), every missing-value
policy, and duplicate label rows. Each example runs one real Spark query.

Examples are derandomized (the same examples on every run, no database written), so a failure
reproduces; raise FEATURELAB_SAMPLES_EXAMPLES to explore further.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples_cases import (
    DEFAULTS,
    ENTITIES,
    GROUPS,
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

from featurelab.samples import resolve_plan, sample_dataframe
from featurelab.samples.reference import reference_join

EXAMPLES = int(os.environ.get("FEATURELAB_SAMPLES_EXAMPLES", "30"))

minute = st.integers(min_value=0, max_value=12).map(lambda m: T0 + timedelta(minutes=m))
maybe_minute = st.none() | minute
uid = st.none() | st.integers(min_value=0, max_value=2)
region = st.none() | st.sampled_from(["eu", "us"])
FEATURE_VALUES = {
    "int": st.none() | st.integers(min_value=0, max_value=2),
    "bigint": st.none() | st.integers(min_value=-1, max_value=1),
    "string": st.none() | st.sampled_from(["a", "b"]),
    "double": st.none() | st.sampled_from([0.5, 1.5, -2.0]),
}
KEY_VALUES = {"user_id": uid, "item_id": uid, "region": region}


@st.composite
def feature_row(draw: st.DrawFn, group: str) -> tuple[Any, ...]:
    _, keys, features = GROUPS[group]
    event_time = draw(st.none() | minute) if draw(st.integers(0, 9)) == 0 else draw(minute)
    # Late rows: created (ingested) some minutes after their event time, sometimes unknown.
    lag = draw(st.none() | st.integers(min_value=0, max_value=4))
    created = None if event_time is None or lag is None else event_time + timedelta(minutes=lag)
    return (
        *(draw(KEY_VALUES[name]) for name, _ in keys),
        event_time,
        created,
        *(draw(FEATURE_VALUES[spark_type]) for _, spark_type in features),
    )


@st.composite
def scenario(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple], dict[str, list[tuple]]]:
    names = draw(st.lists(st.sampled_from(sorted(GROUPS)), min_size=1, max_size=3, unique=True))
    selections = []
    for name in names:
        selection: dict[str, Any] = {"featureGroup": name, "keys": KEY_MAPPING[name]}
        ttl = draw(st.none() | st.sampled_from(["1m", "2m", "5m", "60s"]))
        if ttl is not None:
            selection["ttl"] = ttl
        if draw(st.booleans()):
            selection["createdTimeColumn"] = "ct"
        if draw(st.booleans()):
            _, _, features = GROUPS[name]
            selection["features"] = [features[-1][0]]
        policy = draw(st.sampled_from(["keep", "keep", "drop", "default"]))
        if policy == "default":
            chosen = selection.get("features", list(DEFAULTS[name]))
            selection["missing"] = {
                "policy": "default",
                "defaults": {feature: value for feature, value in DEFAULTS[name].items() if feature in chosen},
            }
        elif policy == "drop":
            selection["missing"] = {"policy": "drop"}
        selections.append(selection)
    spec = sample_set(selections, strict=draw(st.booleans()))
    label_row = st.tuples(uid, uid, region, maybe_minute, st.integers(0, 1))
    labels = draw(st.lists(label_row, max_size=10))
    if labels:
        labels += draw(st.lists(st.sampled_from(labels), max_size=3))  # duplicate label rows
    features = {name: draw(st.lists(feature_row(name), max_size=14)) for name in names}
    return spec, labels, features


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=scenario())
def test_spark_matches_reference(spark: Any, case: tuple[dict[str, Any], list[tuple], dict[str, list[tuple]]]) -> None:
    spec, labels, features = case
    plan = resolve_plan(spec, [group_spec(name) for name in features], ENTITIES)
    sources = {name: spark.createDataFrame(rows, schema_of(feature_columns(name))) for name, rows in features.items()}
    label_df = spark.createDataFrame(labels, schema_of(LABEL_COLUMNS))
    frame = sample_dataframe(plan, spark, sources=sources, labels=label_df, include_feature_timestamps=True)
    actual = [tuple(row) for row in frame.collect()]
    expected = reference_join(
        plan,
        to_dicts(LABEL_COLUMNS, labels),
        {name: to_dicts(feature_columns(name), rows) for name, rows in features.items()},
        include_feature_timestamps=True,
    )
    assert Counter(actual) == Counter(expected), diff(actual, expected)
