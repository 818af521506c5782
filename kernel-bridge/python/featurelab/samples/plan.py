"""A sample set spec, resolved against its feature groups and entities, as one build plan.

The service (``featurelab samples build``) and notebooks hand over the SampleSet spec together
with the FeatureGroup and Entity specs it names; :func:`resolve_plan` checks that they fit
together and returns a :class:`SamplePlan` the compiler turns into Spark SQL. Every problem is
reported at once with the JSON pointer of the offending field and a hint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import FeaturelabError

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}\Z")
_DURATION = re.compile(r"([1-9][0-9]{0,8})([smhdw])\Z")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
#: Names the compiled SQL uses for its own columns; user columns may not start with it.
RESERVED_PREFIX = "__fl_"

MissingPolicy = Literal["keep", "drop", "default"]


class SampleSpecError(FeaturelabError):
    """The sample set spec, or the specs it refers to, cannot be built; ``problems`` lists all."""

    def __init__(self, problems: Sequence[tuple[str, str]], *, hint: str | None = None) -> None:
        self.problems = list(problems)
        lines = "; ".join(f"{pointer or '/'}: {message}" for pointer, message in self.problems)
        super().__init__(f"sample set spec is not buildable: {lines}", hint=hint)


@dataclass(frozen=True)
class LabelPlan:
    """The label source (the spine): a table or a query, its event time and label columns."""

    table: str | None
    query: str | None
    event_time_column: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class FeatureColumn:
    name: str
    spark_type: str
    default: Any = None
    has_default: bool = False


@dataclass(frozen=True)
class GroupPlan:
    """One feature group attached to the labels."""

    name: str
    #: (entity join key, label column) pairs in the entity's join key order.
    keys: tuple[tuple[str, str], ...]
    event_time_column: str
    created_time_column: str | None
    ttl_seconds: int | None
    features: tuple[FeatureColumn, ...]
    missing: MissingPolicy
    #: SQL text of the group's source query, when its source is SQL.
    source_query: str | None


@dataclass(frozen=True)
class OutputPlan:
    table: str | None = None
    path: str | None = None
    include_feature_timestamps: bool = False


@dataclass(frozen=True)
class SamplePlan:
    name: str
    labels: LabelPlan
    groups: tuple[GroupPlan, ...]
    strict: bool
    output: OutputPlan
    validation_suite: str | None = None
    spec: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def output_columns(self, *, include_feature_timestamps: bool | None = None) -> list[str]:
        """Column names of the result, in order (label keys, label time, labels, features)."""
        with_times = (
            self.output.include_feature_timestamps
            if include_feature_timestamps is None
            else include_feature_timestamps
        )
        names = list(base_label_columns(self))
        for group in self.groups:
            names.extend(feature.name for feature in group.features)
            if with_times:
                names.append(feature_time_column(group))
        return names


def feature_time_column(group: GroupPlan) -> str:
    """Output column holding the event time of the feature row chosen for each label."""
    return f"{group.name}__event_time"


def base_label_columns(plan: SamplePlan) -> list[str]:
    """Label columns kept in the output: join keys, event time, label columns (each once)."""
    seen: dict[str, str] = {}
    for column in [*label_key_columns(plan), plan.labels.event_time_column, *plan.labels.columns]:
        seen.setdefault(column.lower(), column)
    return list(seen.values())


def label_key_columns(plan: SamplePlan) -> list[str]:
    """Distinct label columns used as join keys, in first-use order."""
    seen: dict[str, None] = {}
    for group in plan.groups:
        for _, label_column in group.keys:
            seen.setdefault(label_column, None)
    return list(seen)


def duration_seconds(text: str) -> int:
    """``7d`` -> 604800. Raises ValueError for anything that is not a spec Duration."""
    match = _DURATION.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a duration: {text!r} (expected e.g. 90m, 7d)")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _lower_map(specs: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    items = specs.values() if isinstance(specs, Mapping) else specs
    return {str(spec.get("name", "")).lower(): spec for spec in items}


def resolve_plan(
    sample_set: Mapping[str, Any],
    feature_groups: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]],
    entities: Mapping[str, Mapping[str, Any]] | Sequence[Mapping[str, Any]],
) -> SamplePlan:
    """Check a SampleSet spec against the FeatureGroup and Entity specs and plan its build."""
    problems: list[tuple[str, str]] = []
    groups_by_name = _lower_map(feature_groups)
    entities_by_name = {str(spec.get("name", "")): spec for spec in (entities.values() if isinstance(entities, Mapping) else entities)}

    name = str(sample_set.get("name", ""))
    labels_spec = sample_set.get("labels")
    labels: LabelPlan | None = None
    if not isinstance(labels_spec, Mapping):
        problems.append(("/labels", "a sample set needs a label source (labels.table or labels.query)"))
    else:
        labels = _resolve_labels(labels_spec, problems)

    strict = bool(sample_set.get("strict", False))
    default_missing = _missing_policy(sample_set.get("missing"), "/missing", problems)
    used_output_names: dict[str, str] = {}
    if labels is not None:
        used_output_names[labels.event_time_column.lower()] = "/labels/eventTimeColumn"
        for index, column in enumerate(labels.columns):
            used_output_names.setdefault(column.lower(), f"/labels/columns/{index}")

    groups: list[GroupPlan] = []
    selections = sample_set.get("features") or []
    if not selections:
        problems.append(("/features", "select at least one feature group"))
    seen_groups: set[str] = set()
    for index, selection in enumerate(selections):
        pointer = f"/features/{index}"
        group = _resolve_group(
            selection, pointer, groups_by_name, entities_by_name, default_missing, problems
        )
        if group is None:
            continue
        if group.name.lower() in seen_groups:
            problems.append((f"{pointer}/featureGroup", f"feature group {group.name!r} is selected twice"))
            continue
        seen_groups.add(group.name.lower())
        for _, label_column in group.keys:
            used_output_names.setdefault(label_column.lower(), f"{pointer}/keys")
        for feature in group.features:
            other = used_output_names.get(feature.name.lower())
            if other is not None:
                problems.append(
                    (
                        f"{pointer}/features",
                        f"feature {feature.name!r} of {group.name!r} would give a second output column "
                        f"named {feature.name!r} (first from {other}); select fewer features",
                    )
                )
            used_output_names.setdefault(feature.name.lower(), pointer)
        groups.append(group)

    output = _resolve_output(sample_set.get("output"), problems)
    validation = sample_set.get("validation")
    suite = validation.get("suite") if isinstance(validation, Mapping) else None

    for pointer_name in list(used_output_names):
        if pointer_name.startswith(RESERVED_PREFIX):
            problems.append((used_output_names[pointer_name], f"column names starting with {RESERVED_PREFIX!r} are reserved"))

    if problems or labels is None:
        raise SampleSpecError(
            problems,
            hint="Fix the fields named above in the SampleSet spec (or the feature group / entity specs it names).",
        )
    return SamplePlan(
        name=name,
        labels=labels,
        groups=tuple(groups),
        strict=strict,
        output=output,
        validation_suite=str(suite) if suite else None,
        spec=sample_set,
    )


def _resolve_labels(spec: Mapping[str, Any], problems: list[tuple[str, str]]) -> LabelPlan | None:
    table = spec.get("table")
    query = spec.get("query")
    if (table is None) == (query is None):
        problems.append(("/labels", "give exactly one of labels.table and labels.query"))
        return None
    if table is not None and not (isinstance(table, str) and _TABLE.match(table)):
        problems.append(("/labels/table", f"not a table name: {table!r}"))
    if query is not None and not (isinstance(query, str) and query.strip()):
        problems.append(("/labels/query", "the label query is empty"))
    event_time = spec.get("eventTimeColumn")
    if not (isinstance(event_time, str) and _IDENTIFIER.match(event_time)):
        problems.append(("/labels/eventTimeColumn", f"not a column name: {event_time!r}"))
        return None
    columns = spec.get("columns") or []
    for index, column in enumerate(columns):
        if not (isinstance(column, str) and _IDENTIFIER.match(column)):
            problems.append((f"/labels/columns/{index}", f"not a column name: {column!r}"))
    return LabelPlan(
        table=table, query=query, event_time_column=event_time, columns=tuple(str(c) for c in columns)
    )


def _missing_policy(spec: Any, pointer: str, problems: list[tuple[str, str]]) -> tuple[MissingPolicy, Mapping[str, Any]]:
    if spec is None:
        return ("keep", {})
    if not isinstance(spec, Mapping):
        problems.append((pointer, "expected {policy: keep|drop|default, defaults: {...}}"))
        return ("keep", {})
    policy = spec.get("policy", "keep")
    if policy not in ("keep", "drop", "default"):
        problems.append((f"{pointer}/policy", f"unknown policy {policy!r}; use keep, drop or default"))
        return ("keep", {})
    defaults = spec.get("defaults") or {}
    if policy == "default" and not defaults:
        problems.append((f"{pointer}/defaults", "policy 'default' needs defaults: {feature: value}"))
    if policy != "default" and defaults:
        problems.append((f"{pointer}/defaults", f"defaults are used only with policy 'default', not {policy!r}"))
    return (policy, defaults)


def _resolve_group(
    selection: Mapping[str, Any],
    pointer: str,
    groups_by_name: Mapping[str, Mapping[str, Any]],
    entities_by_name: Mapping[str, Mapping[str, Any]],
    default_missing: tuple[MissingPolicy, Mapping[str, Any]],
    problems: list[tuple[str, str]],
) -> GroupPlan | None:
    group_name = str(selection.get("featureGroup", ""))
    group_spec = groups_by_name.get(group_name.lower())
    if group_spec is None:
        problems.append((f"{pointer}/featureGroup", f"unknown feature group {group_name!r}"))
        return None
    entity_name = str(group_spec.get("entity", ""))
    entity = entities_by_name.get(entity_name)
    if entity is None:
        problems.append((f"{pointer}/featureGroup", f"feature group {group_name!r} names unknown entity {entity_name!r}"))
        return None
    join_keys = [str(key["name"]) for key in entity.get("joinKeys", [])]
    mapping = selection.get("keys") or {}
    for key in mapping:
        if key not in join_keys:
            problems.append((f"{pointer}/keys/{key}", f"{key!r} is not a join key of entity {entity_name!r} ({', '.join(join_keys)})"))
    keys = tuple((key, str(mapping.get(key, key))) for key in join_keys)

    declared = {str(f["name"]).lower(): f for f in group_spec.get("features", [])}
    wanted = selection.get("features") or [f["name"] for f in group_spec.get("features", [])]
    missing_policy, defaults = _missing_policy(selection.get("missing"), f"{pointer}/missing", problems) if "missing" in selection else default_missing
    features: list[FeatureColumn] = []
    for index, feature_name in enumerate(wanted):
        feature = declared.get(str(feature_name).lower())
        if feature is None:
            problems.append((f"{pointer}/features/{index}", f"feature group {group_name!r} has no feature {feature_name!r}"))
            continue
        has_default = feature["name"] in defaults
        features.append(
            FeatureColumn(
                name=str(feature["name"]),
                spark_type=str(feature["type"]),
                default=defaults.get(feature["name"]),
                has_default=has_default,
            )
        )
    if missing_policy == "default":
        unknown = [name for name in defaults if str(name).lower() not in {f.name.lower() for f in features}]
        if unknown and "missing" in selection:
            problems.append((f"{pointer}/missing/defaults", f"defaults for features not selected from {group_name!r}: {', '.join(map(str, unknown))}"))

    ttl_text = selection.get("ttl", group_spec.get("ttl"))
    ttl_seconds: int | None = None
    if ttl_text is not None:
        try:
            ttl_seconds = duration_seconds(ttl_text)
        except ValueError as error:
            problems.append((f"{pointer}/ttl", str(error)))
    created = selection.get("createdTimeColumn")
    if created is not None and not (isinstance(created, str) and _IDENTIFIER.match(created)):
        problems.append((f"{pointer}/createdTimeColumn", f"not a column name: {created!r}"))
    source = group_spec.get("source") or {}
    source_query = source.get("query") if source.get("type") == "sql" else None
    return GroupPlan(
        name=str(group_spec["name"]),
        keys=keys,
        event_time_column=str(group_spec.get("eventTimeColumn")),
        created_time_column=created,
        ttl_seconds=ttl_seconds,
        features=tuple(features),
        missing=missing_policy,
        source_query=source_query,
    )


def _resolve_output(spec: Any, problems: list[tuple[str, str]]) -> OutputPlan:
    if spec is None:
        return OutputPlan()
    table = spec.get("table")
    path = spec.get("path")
    if table is not None and path is not None:
        problems.append(("/output", "give at most one of output.table and output.path"))
    if table is not None and not (isinstance(table, str) and _TABLE.match(table)):
        problems.append(("/output/table", f"not a table name: {table!r}"))
    return OutputPlan(
        table=table,
        path=str(path) if path is not None else None,
        include_feature_timestamps=bool(spec.get("includeFeatureTimestamps", False)),
    )
