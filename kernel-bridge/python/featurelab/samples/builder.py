"""Build a sample set on a SparkSession: from a notebook, or from ``python -m featurelab.samples``.

``build()`` and ``preview()`` take a SampleSet spec (a dict), a path to a YAML file, or the
name of a sample set in a spec folder, plus where its feature groups and entities are declared.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FeaturelabError
from ..sqlquote import quote_identifier, quote_qualified_name
from .compiler import compile_sql
from .plan import SamplePlan, SampleSpecError, resolve_plan

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SpecInput = Mapping[str, Any] | str | os.PathLike[str]
_view_counter = itertools.count()


@dataclass
class BuildResult:
    """What a build did: the plan, the SQL, where the rows went and how many there were."""

    plan: SamplePlan
    sql: str
    output: dict[str, str]
    label_rows: int
    output_rows: int
    matched: dict[str, int]
    time_min: str | None
    time_max: str | None
    duration_seconds: float
    columns: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": "succeeded",
            "sampleSet": self.plan.name,
            "output": self.output,
            "rows": {"labels": self.label_rows, "output": self.output_rows, "matched": self.matched},
            "timeRange": {"min": self.time_min, "max": self.time_max},
            "durationSeconds": round(self.duration_seconds, 3),
            "columns": self.columns,
            "strict": self.plan.strict,
            "sql": self.sql,
        }


def load_spec_documents(folder: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every YAML document below ``folder`` (hidden folders skipped), as plain dicts."""
    import yaml

    documents: list[dict[str, Any]] = []
    root = Path(folder)
    paths = [root] if root.is_file() else sorted(
        path
        for path in root.rglob("*")
        if path.suffix in (".yaml", ".yml") and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            documents.extend(doc for doc in yaml.safe_load_all(handle) if isinstance(doc, dict))
    return documents


def resolve_spec(
    spec: SpecInput,
    *,
    specs: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | None = None,
) -> SamplePlan:
    """Turn a SampleSet spec, a YAML path or a sample set name into a :class:`SamplePlan`.

    ``specs`` is a folder (or list of spec documents) declaring the feature groups and entities;
    when ``spec`` is a path to a YAML file and ``specs`` is omitted, the file's folder is used.
    """
    documents: list[Mapping[str, Any]] = []
    if isinstance(specs, (str, os.PathLike)):
        documents = load_spec_documents(specs)
    elif specs is not None:
        documents = list(specs)
    if isinstance(spec, Mapping):
        sample_set = spec
    else:
        text = os.fspath(spec)
        candidate = Path(text)
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            in_file = load_spec_documents(candidate)
            if specs is None:
                documents = load_spec_documents(candidate.parent)
            sets = [doc for doc in in_file if doc.get("kind") == "SampleSet"]
            if len(sets) != 1:
                raise SampleSpecError(
                    [("", f"{text} holds {len(sets)} SampleSet documents; expected one")],
                    hint="Pass the sample set by name together with specs=FOLDER.",
                )
            sample_set = sets[0]
        else:
            matches = [doc for doc in documents if doc.get("kind") == "SampleSet" and doc.get("name") == text]
            if not matches:
                raise SampleSpecError(
                    [("", f"no SampleSet named {text!r} in the given specs")],
                    hint="Pass specs=FOLDER with the folder of your feature-as-code specs.",
                )
            sample_set = matches[0]
    groups = [doc for doc in documents if doc.get("kind") == "FeatureGroup"]
    entities = [doc for doc in documents if doc.get("kind") == "Entity"]
    return resolve_plan(sample_set, groups, entities)


def _register_frames(
    spark: SparkSession, frames: Mapping[str, DataFrame | str] | None
) -> tuple[dict[str, str], list[str]]:
    names: dict[str, str] = {}
    views: list[str] = []
    for group, value in (frames or {}).items():
        if isinstance(value, str):
            names[group] = value
            continue
        view = f"__fl_src_{os.getpid()}_{next(_view_counter)}"
        value.createOrReplaceTempView(view)
        names[group] = view
        views.append(view)
    return names, views


def sample_dataframe(
    spec: SpecInput | SamplePlan,
    spark: SparkSession | None = None,
    *,
    specs: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | None = None,
    sources: Mapping[str, DataFrame | str] | None = None,
    labels: DataFrame | str | None = None,
    include_feature_timestamps: bool | None = None,
) -> DataFrame:
    """The sample set as a lazy DataFrame (nothing is written)."""
    spark = _session(spark)
    plan = spec if isinstance(spec, SamplePlan) else resolve_spec(spec, specs=specs)
    source_names, views = _register_frames(spark, sources)
    label_name = None
    if labels is not None:
        label_names, label_views = _register_frames(spark, {"__labels": labels})
        label_name = label_names["__labels"]
        views.extend(label_views)
    sql = compile_sql(
        plan, sources=source_names, labels=label_name, include_feature_timestamps=include_feature_timestamps
    )
    try:
        # spark.sql analyzes eagerly: the DataFrame holds the views' plans, so the helper views can
        # go at once instead of staying in the user's session (and in the sidebar's table list).
        return spark.sql(sql)
    finally:
        for view in views:
            spark.catalog.dropTempView(view)


def preview(
    spec: SpecInput | SamplePlan,
    spark: SparkSession | None = None,
    *,
    limit: int = 20,
    **options: Any,
) -> DataFrame:
    """The first ``limit`` sample rows with, per feature group, the event time of the chosen row."""
    options.setdefault("include_feature_timestamps", True)
    return sample_dataframe(spec, spark, **options).limit(limit)


def build(
    spec: SpecInput | SamplePlan,
    spark: SparkSession | None = None,
    *,
    specs: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | None = None,
    sources: Mapping[str, DataFrame | str] | None = None,
    labels: DataFrame | str | None = None,
    output_table: str | None = None,
    output_path: str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Compute the sample set, write it (table or Parquet path) and report row counts."""
    from pyspark import StorageLevel

    started = time.monotonic()
    spark = _session(spark)
    plan = spec if isinstance(spec, SamplePlan) else resolve_spec(spec, specs=specs)
    table = output_table or (None if output_path else plan.output.table)
    path = os.fspath(output_path) if output_path else (None if output_table else plan.output.path)
    if table is None and path is None:
        raise FeaturelabError(
            f"sample set {plan.name!r} has no output location.",
            hint="Set output.table or output.path in the spec, or pass output_table=/output_path=.",
        )
    source_names, views = _register_frames(spark, sources)
    label_name = None
    if labels is not None:
        label_names, label_views = _register_frames(spark, {"__labels": labels})
        label_name = label_names["__labels"]
        views.extend(label_views)
    sql = compile_sql(plan, sources=source_names, labels=label_name, include_match_flags=True)
    result = spark.sql(sql).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        from pyspark.sql import functions as F

        flags = [f"__fl_matched_{index}" for index in range(1, len(plan.groups) + 1)]
        time_column = F.col(quote_identifier(plan.labels.event_time_column))
        # ISO 8601 with the offset, formatted by Spark in the session time zone (not the
        # Python process's local zone, which collect() would apply to timestamps).
        iso = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"
        label_time = time_column.cast("timestamp")
        aggregates = [
            F.count(F.lit(1)).alias("rows"),
            F.date_format(F.min(label_time), iso).alias("tmin"),
            F.date_format(F.max(label_time), iso).alias("tmax"),
        ]
        aggregates.extend(F.sum(F.col(flag).cast("long")).alias(flag) for flag in flags)
        stats = result.agg(*aggregates).collect()[0]
        written = result.drop(*flags)
        if table is not None:
            written.write.mode("overwrite").saveAsTable(quote_qualified_name(table.split(".")))
            output = {"table": table}
        else:
            assert path is not None
            written.write.mode("overwrite").parquet(path)
            output = {"path": path}
        label_source = label_name or plan.labels.table
        if label_source is not None:
            label_rows = spark.table(quote_qualified_name(label_source.split("."))).count()
        else:
            assert plan.labels.query is not None
            label_rows = spark.sql(plan.labels.query).count()
        columns = [
            {"name": item.name, "type": item.dataType.simpleString(), "nullable": item.nullable}
            for item in written.schema.fields
        ]
    finally:
        result.unpersist()
        for view in views:
            spark.catalog.dropTempView(view)
    return BuildResult(
        plan=plan,
        sql=compile_sql(plan, sources=source_names, labels=label_name),
        output=output,
        label_rows=label_rows,
        output_rows=int(stats["rows"]),
        matched={group.name: int(stats[flag] or 0) for group, flag in zip(plan.groups, flags)},
        time_min=stats["tmin"],
        time_max=stats["tmax"],
        duration_seconds=time.monotonic() - started,
        columns=columns,
    )


def _session(spark: SparkSession | None) -> SparkSession:
    if spark is not None:
        return spark
    from ..session import spark_session

    return spark_session()
