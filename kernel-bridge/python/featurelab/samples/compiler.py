"""Compile a :class:`SamplePlan` into one Spark SQL query: a sort-based as-of join.

No inequality join anywhere. For each feature group, label rows and feature rows are unioned
into one stream keyed by the group's join keys and ordered by time; a running
``max_by(feature row, ordering)`` window over ``ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT
ROW`` then hands every label row the latest eligible feature row in a single pass over the
sorted partition (Spark evaluates growing frames incrementally), so the cost is one shuffle and
one sort per feature group: O((L + F) log(L + F)) instead of the O(L x F per key) of a
``feature.time <= label.time`` join. Label rows carry their whole row (and the features already
attached) through the stream as a struct, so there is no row id and no join back, duplicate
label rows keep their multiplicity, and each group reuses the previous group's output.

Semantics (docs/samples.md has the full statement):

* a feature row is *available* to a label at time ``t`` when its availability time
  ``a = greatest(event_time, created_time)`` (just ``event_time`` without a created-time
  column) is ``<= t`` (``< t`` when ``strict``). Rows sort by ``a`` and, at equal ``a``,
  feature rows before label rows (after them when strict), which is exactly that comparison;
* among available rows the winner is the greatest ``(event_time, created_time, selected
  feature values in declared order)``; nulls order lowest; map values compare as JSON text;
* the winner counts only if ``event_time >= t - ttl``; otherwise the group is missing for
  that label (the greatest event time failing the TTL means every other one fails too);
* feature rows with a null key or null event time are dropped; label rows with a null key or
  null time match nothing.

Every identifier is quoted with :func:`quote_identifier`, every string with
:func:`quote_string_literal`; type names come from the spec and are checked against Spark's
type syntax before they are spliced into a CAST.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..sqlquote import quote_identifier, quote_qualified_name, quote_string_literal
from .plan import FeatureColumn, GroupPlan, SamplePlan, base_label_columns, feature_time_column

_SAFE_TYPE = re.compile(r"[A-Za-z0-9_<>,:() ]+\Z")
_MICROS = 1_000_000

q = quote_identifier


class CompileError(ValueError):
    """The plan cannot be compiled (a source is missing, a default does not fit its type)."""


@dataclass(frozen=True)
class Relation:
    """A relation the SQL reads from: a (possibly qualified) table or view name, or a query."""

    table: str | None = None
    query: str | None = None

    def sql(self) -> str:
        if self.table is not None:
            return quote_qualified_name(self.table.split("."))
        if self.query is not None:
            # Comments in user SQL must not swallow the closing parenthesis.
            return "(\n" + self.query.rstrip().rstrip(";") + "\n)"
        raise CompileError("a relation needs a table or a query")


def label_relation(plan: SamplePlan) -> Relation:
    return Relation(table=plan.labels.table, query=plan.labels.query)


def group_relation(group: GroupPlan, sources: Mapping[str, str] | None = None) -> Relation:
    """The feature rows of a group: an explicit source table/view, else its SQL source query."""
    for name, table in (sources or {}).items():
        if name.lower() == group.name.lower():
            return Relation(table=table)
    if group.source_query is not None:
        return Relation(query=group.source_query)
    raise CompileError(
        f"feature group {group.name!r} has no SQL source to read its rows from; materialize it "
        f"and pass its table as a source (Python: sources={{{group.name!r}: 'db.table'}}; CLI: "
        f"--source {group.name}=db.table)"
    )


def _literal(value: Any, feature: FeatureColumn) -> str:
    if not _SAFE_TYPE.match(feature.spark_type):
        raise CompileError(f"feature {feature.name!r} has a type Featurelab cannot splice: {feature.spark_type!r}")
    if value is None:
        text = "NULL"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CompileError(f"default of {feature.name!r} must be finite, got {value!r}")
        text = repr(value)
    elif isinstance(value, str):
        text = quote_string_literal(value)
    else:
        raise CompileError(
            f"default of {feature.name!r} must be a string, number, boolean or null, got {type(value).__name__}"
        )
    return f"CAST({text} AS {feature.spark_type})"


def _orderable(column_sql: str, feature: FeatureColumn) -> str:
    # Maps have no ordering in Spark; their JSON text does, and equal text means equal maps.
    if "map<" in feature.spark_type.lower().replace(" ", ""):
        return f"to_json({column_sql})"
    return column_sql


def compile_sql(
    plan: SamplePlan,
    *,
    sources: Mapping[str, str] | None = None,
    labels: str | None = None,
    include_feature_timestamps: bool | None = None,
    include_match_flags: bool = False,
) -> str:
    """Spark SQL computing the sample set.

    ``sources`` maps feature group names to tables or temporary views holding their rows
    (default: each group's SQL source); ``labels`` replaces the label source by a table or view.
    ``include_match_flags`` adds one boolean column ``__fl_matched_<i>`` per group (for build
    statistics).
    """
    label_rel = Relation(table=labels) if labels is not None else label_relation(plan)
    with_times = (
        plan.output.include_feature_timestamps if include_feature_timestamps is None else include_feature_timestamps
    )
    label_side, feature_side = (0, 1) if plan.strict else (1, 0)

    base_select = ", ".join(q(column) for column in base_label_columns(plan))
    ctes = [
        f"__fl_s0 AS (\n  SELECT {base_select}, "
        f"CAST({q(plan.labels.event_time_column)} AS TIMESTAMP) AS __fl_t\n"
        f"  FROM {label_rel.sql()} AS __fl_labels\n)"
    ]
    flags: list[str] = []
    for index, group in enumerate(plan.groups, start=1):
        ctes.append(
            _group_cte(
                index, group, group_relation(group, sources), label_side, feature_side, with_times, include_match_flags
            )
        )
        if include_match_flags:
            flags.append(f"__fl_matched_{index}")
    final_columns = [q(name) for name in plan.output_columns(include_feature_timestamps=with_times)]
    final_columns.extend(flags)
    return (
        "WITH "
        + ",\n".join(ctes)
        + f"\nSELECT {', '.join(final_columns)}\nFROM __fl_s{len(plan.groups)}"
    )


def _group_cte(
    index: int,
    group: GroupPlan,
    relation: Relation,
    label_side: int,
    feature_side: int,
    with_times: bool,
    with_flag: bool,
) -> str:
    previous = f"__fl_s{index - 1}"
    key_names = [f"__fl_k{position}" for position in range(len(group.keys))]
    label_keys = ", ".join(f"{q(label_col)} AS {name}" for (_, label_col), name in zip(group.keys, key_names))
    feature_keys = ", ".join(f"{q(key)} AS {name}" for (key, _), name in zip(group.keys, key_names))
    not_null_keys = " AND ".join(f"{q(key)} IS NOT NULL" for key, _ in group.keys)

    event_time = f"CAST({q(group.event_time_column)} AS TIMESTAMP)"
    ordering_fields = [f"'e', {event_time}"]
    if group.created_time_column is not None:
        created = f"CAST({q(group.created_time_column)} AS TIMESTAMP)"
        available = f"greatest({event_time}, {created})"
        ordering_fields.append(f"'c', {created}")
    else:
        available = event_time
    for position, feature in enumerate(group.features):
        ordering_fields.append(f"'t{position}', {_orderable(q(feature.name), feature)}")
    value_fields = [f"'v{position}', {q(feature.name)}" for position, feature in enumerate(group.features)]
    value_fields.append(f"'e', {event_time}")

    ok_parts = ["__fl_hit IS NOT NULL", "__fl_row.__fl_t IS NOT NULL"]
    if group.ttl_seconds is not None:
        ok_parts.append(
            f"unix_micros(__fl_hit.e) >= unix_micros(__fl_row.__fl_t) - {group.ttl_seconds * _MICROS}"
        )
    outputs = []
    for position, feature in enumerate(group.features):
        fallback = _literal(feature.default, feature) if feature.has_default and group.missing == "default" else "NULL"
        outputs.append(f"CASE WHEN __fl_ok THEN __fl_hit.v{position} ELSE {fallback} END AS {q(feature.name)}")
    if with_times:
        outputs.append(f"CASE WHEN __fl_ok THEN __fl_hit.e END AS {q(feature_time_column(group))}")
    if with_flag:
        outputs.append(f"__fl_ok AS __fl_matched_{index}")
    keep = "\n  WHERE __fl_ok" if group.missing == "drop" else ""
    partition = ", ".join(key_names)
    return f"""__fl_s{index} AS (
  -- feature group #{index}: as-of lookup, one window over its keys
  SELECT __fl_row.*, {', '.join(outputs)}
  FROM (
    SELECT __fl_row, __fl_hit, ({' AND '.join(ok_parts)}) AS __fl_ok
    FROM (
      SELECT __fl_side, __fl_row,
        max_by(__fl_val, __fl_ord) OVER (
          PARTITION BY {partition} ORDER BY __fl_at, __fl_side
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __fl_hit
      FROM (
        SELECT {label_keys}, __fl_t AS __fl_at, {label_side} AS __fl_side,
          struct({previous}.*) AS __fl_row, NULL AS __fl_ord, NULL AS __fl_val
        FROM {previous}
        UNION ALL
        SELECT {feature_keys}, {available} AS __fl_at, {feature_side} AS __fl_side,
          NULL AS __fl_row, named_struct({', '.join(ordering_fields)}) AS __fl_ord,
          named_struct({', '.join(value_fields)}) AS __fl_val
        FROM {relation.sql()} AS __fl_features
        WHERE {not_null_keys} AND {q(group.event_time_column)} IS NOT NULL
      ) AS __fl_stream
    ) AS __fl_asof
    WHERE __fl_side = {label_side}
  ) AS __fl_chosen{keep}
)"""


def output_schema(plan: SamplePlan, label_types: Mapping[str, str] | None = None) -> list[tuple[str, str | None]]:
    """(name, Spark type or None when unknown before running) of every output column."""
    label_types = {key.lower(): value for key, value in (label_types or {}).items()}
    result: list[tuple[str, str | None]] = []
    for name in plan.output_columns():
        result.append((name, label_types.get(name.lower())))
    by_name = {}
    for group in plan.groups:
        for feature in group.features:
            by_name[feature.name.lower()] = feature.spark_type
        by_name[feature_time_column(group).lower()] = "timestamp"
    return [(name, by_name.get(name.lower(), known)) for name, known in result]

