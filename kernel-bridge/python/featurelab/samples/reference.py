"""A plain-Python reference of the point-in-time join, written straight from its definition.

It exists to check the Spark compilation (tests, benchmark), not to be fast: for every label
row and every feature group it scans all feature rows with the same keys, keeps the available
ones within the TTL, and takes the greatest by (event time, created time, selected feature
values). Rows are dicts keyed by column name; timestamps are ``datetime`` values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from .plan import GroupPlan, SamplePlan, base_label_columns, feature_time_column


def _order_key(value: Any) -> tuple[Any, ...]:
    # Spark orders nulls lowest in ascending order; so does this.
    return (0,) if value is None else (1, value)


def _winner(group: GroupPlan, rows: Iterable[Mapping[str, Any]], label_time: datetime, strict: bool) -> Mapping[str, Any] | None:
    best: Mapping[str, Any] | None = None
    best_key: tuple[Any, ...] | None = None
    for row in rows:
        event_time = row[group.event_time_column]
        if event_time is None:
            continue
        available = event_time
        created = None
        if group.created_time_column is not None:
            created = row[group.created_time_column]
            if created is not None and created > available:
                available = created
        if (available >= label_time) if strict else (available > label_time):
            continue
        key = (
            event_time,
            _order_key(created),
            *(_order_key(row[feature.name]) for feature in group.features),
        )
        if best_key is None or key > best_key:
            best, best_key = row, key
    if best is None:
        return None
    if group.ttl_seconds is not None and best[group.event_time_column] < label_time - timedelta(seconds=group.ttl_seconds):
        return None
    return best


def reference_join(
    plan: SamplePlan,
    labels: Sequence[Mapping[str, Any]],
    features: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    include_feature_timestamps: bool = False,
) -> list[tuple[Any, ...]]:
    """Rows of the sample set, as tuples in ``plan.output_columns()`` order (any row order)."""
    indexes: dict[str, dict[tuple[Any, ...], list[Mapping[str, Any]]]] = {}
    for group in plan.groups:
        by_key: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
        for row in features[group.name]:
            key = tuple(row[join_key] for join_key, _ in group.keys)
            if any(part is None for part in key):
                continue
            by_key[key].append(row)
        indexes[group.name] = by_key

    base = base_label_columns(plan)
    result: list[tuple[Any, ...]] = []
    for label in labels:
        label_time = label[plan.labels.event_time_column]
        values: dict[str, Any] = {column: label[column] for column in base}
        dropped = False
        for group in plan.groups:
            key = tuple(label[label_column] for _, label_column in group.keys)
            chosen = None
            if label_time is not None and not any(part is None for part in key):
                chosen = _winner(group, indexes[group.name].get(key, ()), label_time, plan.strict)
            if chosen is None and group.missing == "drop":
                dropped = True
                break
            for feature in group.features:
                if chosen is not None:
                    values[feature.name] = chosen[feature.name]
                elif group.missing == "default" and feature.has_default:
                    values[feature.name] = feature.default
                else:
                    values[feature.name] = None
            values[feature_time_column(group)] = None if chosen is None else chosen[group.event_time_column]
        if not dropped:
            columns = plan.output_columns(include_feature_timestamps=include_feature_timestamps)
            result.append(tuple(values[column] for column in columns))
    return result
