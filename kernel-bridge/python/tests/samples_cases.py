"""Spec and table builders shared by the sample-set tests (kept out of conftest on purpose)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

T0 = datetime(2025, 1, 1, 0, 0, 0)

ENTITIES = [
    {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "bigint"}]},
    {"kind": "Entity", "name": "item", "joinKeys": [{"name": "item_id", "type": "bigint"}]},
    {
        "kind": "Entity",
        "name": "user_region",
        "joinKeys": [{"name": "user_id", "type": "bigint"}, {"name": "region", "type": "string"}],
    },
]

#: name -> (entity, key columns with Spark types, features with Spark types)
GROUPS: dict[str, tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = {
    "fg_user": ("user", [("user_id", "bigint")], [("a1", "int"), ("a2", "string")]),
    "fg_item": ("item", [("item_id", "bigint")], [("b1", "double")]),
    "fg_region": ("user_region", [("user_id", "bigint"), ("region", "string")], [("c1", "bigint")]),
}
#: How each group's keys map onto the label columns.
KEY_MAPPING = {
    "fg_user": {"user_id": "uid"},
    "fg_item": {"item_id": "item"},
    "fg_region": {"user_id": "uid", "region": "region"},
}
LABEL_COLUMNS = [("uid", "bigint"), ("item", "bigint"), ("region", "string"), ("ts", "timestamp"), ("y", "int")]
DEFAULTS = {"fg_user": {"a1": -1, "a2": "none"}, "fg_item": {"b1": 0.0}, "fg_region": {"c1": -7}}


def group_spec(name: str) -> dict[str, Any]:
    entity, _, features = GROUPS[name]
    return {
        "kind": "FeatureGroup",
        "name": name,
        "entity": entity,
        "eventTimeColumn": "et",
        "source": {"type": "sql", "query": f"SELECT * FROM {name}"},
        "features": [{"name": feature, "type": spark_type} for feature, spark_type in features],
    }


def feature_columns(name: str) -> list[tuple[str, str]]:
    _, keys, features = GROUPS[name]
    return [*keys, ("et", "timestamp"), ("ct", "timestamp"), *features]


def sample_set(selections: Sequence[Mapping[str, Any]], *, strict: bool = False) -> dict[str, Any]:
    return {
        "kind": "SampleSet",
        "name": "s",
        "labels": {"table": "labels", "eventTimeColumn": "ts", "columns": ["y"]},
        "strict": strict,
        "features": list(selections),
    }


def schema_of(columns: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"`{name}` {spark_type}" for name, spark_type in columns)


def to_dicts(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    names = [name for name, _ in columns]
    return [dict(zip(names, row)) for row in rows]


def diff(actual: Sequence[tuple[Any, ...]], expected: Sequence[tuple[Any, ...]]) -> str:
    got, want = Counter(actual), Counter(expected)
    extra = got - want
    lacking = want - got
    return f"only in Spark: {sorted(extra.items(), key=repr)[:5]}; only in reference: {sorted(lacking.items(), key=repr)[:5]}"
