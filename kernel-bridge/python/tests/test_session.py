"""spark_session(): finding the workspace, building a local session, registering the demo."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

import featurelab
from featurelab import session as session_module
from featurelab.demo import SPARK_TYPES, TABLES
from featurelab.errors import (
    FeaturelabWarning,
    JavaNotFoundError,
    ManifestError,
    SparkNotInstalledError,
    WorkspaceNotFoundError,
)
from featurelab.workspace import (
    WORKSPACE_ENV,
    Manifest,
    TableEntry,
    read_manifest,
    resolve_workspace,
    write_manifest,
)


def test_demo_tables_are_registered_with_spark_types(spark, tiny_workspace: Path) -> None:
    # The session is shared with other tests, whose temporary views listTables also returns.
    tables = {t.name for t in spark.catalog.listTables("demo") if not t.isTemporary}
    assert tables == set(TABLES)
    manifest = {t.name: t for t in read_manifest(tiny_workspace).tables}
    for name in TABLES:
        frame = spark.table(f"demo.{name}")
        types = {f.name: f.dataType.simpleString() for f in frame.schema.fields}
        assert types == SPARK_TYPES[name], name
        assert frame.count() == manifest[name].rowCount


def test_declared_columns_match_what_spark_infers_from_the_files(spark, tiny_workspace: Path) -> None:
    """The manifest declares column types so registration can skip inference; they must agree."""
    for table in read_manifest(tiny_workspace).tables:
        inferred = spark.read.parquet(table.resolve_location(tiny_workspace)).schema
        declared = {c["name"]: c["type"] for c in table.columns}
        assert {f.name: f.dataType.simpleString() for f in inferred.fields} == declared


def test_unsafe_declared_types_fall_back_to_inference() -> None:
    column_list = session_module._column_list
    assert column_list(({"name": "a`b", "type": "map<string,int>"},)) == " (`a``b` map<string,int>)"
    assert column_list(({"name": "a", "type": "int) USING csv --"},)) == ""
    assert column_list(({"name": "a", "type": "int'"},)) == ""
    assert column_list(None) == ""


def test_values_survive_the_trip_into_spark(spark) -> None:
    row = spark.sql(
        "SELECT price, embedding, created_at FROM demo.items WHERE item_id = 1"
    ).collect()[0]
    assert str(row["price"]).endswith(".99") and len(row["embedding"]) == 16
    users = spark.sql("SELECT profile['lang'] AS lang, tags FROM demo.users WHERE user_id = 1").collect()
    assert users[0]["lang"] and isinstance(users[0]["tags"], list)


def test_session_is_local_loopback_in_memory(spark, tiny_workspace: Path) -> None:
    conf = spark.sparkContext.getConf()
    assert conf.get("spark.sql.catalogImplementation") == "in-memory"
    assert conf.get("spark.driver.host") == "127.0.0.1"
    assert conf.get("spark.driver.bindAddress") == "127.0.0.1"
    assert conf.get("spark.ui.enabled") == "false"
    assert conf.get("spark.master") == "local[2]"
    assert conf.get("spark.sql.shuffle.partitions") == "2"  # test override beats the default
    warehouse = conf.get("spark.sql.warehouse.dir").removeprefix("file:")
    assert Path(warehouse) == tiny_workspace / "warehouse"


def test_running_session_is_returned_and_options_warn(spark) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert featurelab.spark_session() is spark
    with pytest.warns(FeaturelabWarning, match="already active"):
        featurelab.spark_session(master="local[1]")
    assert featurelab.active_session() is not None


def test_settings_must_be_spark_keys() -> None:
    with pytest.raises(TypeError, match="mastr"):
        featurelab.spark_session(mastr="local[1]")


def test_missing_java_is_a_typed_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(session_module, "active_session", lambda: None)
    monkeypatch.setattr(session_module, "_java_available", lambda: False)
    with pytest.raises(JavaNotFoundError, match="openjdk-17"):
        featurelab.spark_session(workspace=tmp_path)


def test_missing_pyspark_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # makes the import fail
    with pytest.raises(SparkNotInstalledError, match=r"jupyterlab-featurelab\[spark\]"):
        featurelab.spark_session()


def test_workspace_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".featurelab").mkdir()
    nested = tmp_path / "notebooks" / "deep"
    nested.mkdir(parents=True)
    monkeypatch.delenv(WORKSPACE_ENV, raising=False)
    monkeypatch.chdir(nested)
    assert resolve_workspace() == tmp_path
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv(WORKSPACE_ENV, str(other))
    assert resolve_workspace() == other
    assert resolve_workspace(tmp_path) == tmp_path
    monkeypatch.setenv(WORKSPACE_ENV, str(tmp_path / "missing"))
    with pytest.raises(WorkspaceNotFoundError, match=WORKSPACE_ENV):
        resolve_workspace()
    monkeypatch.delenv(WORKSPACE_ENV)
    monkeypatch.chdir("/")
    assert resolve_workspace() is None


def test_malformed_manifest_is_a_typed_error(tmp_path: Path) -> None:
    (tmp_path / ".featurelab").mkdir()
    (tmp_path / ".featurelab" / "warehouse.json").write_text("{not json")
    with pytest.raises(ManifestError, match="--force"):
        read_manifest(tmp_path)
    manifest = tmp_path / ".featurelab" / "warehouse.json"
    manifest.write_text('{"formatVersion": 1, "tables": [{"name": "x"}]}')
    with pytest.raises(ManifestError):
        read_manifest(tmp_path)


def test_one_bad_manifest_entry_does_not_stop_the_others(
    spark, tiny_workspace: Path, tmp_path: Path
) -> None:
    good = tiny_workspace / "warehouse" / "demo" / "items"
    write_manifest(
        tmp_path,
        Manifest(
            tables=(
                TableEntry(database="partial_db", name="gone", location="does/not/exist"),
                TableEntry(database="partial_db", name="weird_format", location=str(good), format="exe"),
                TableEntry(database="partial_db", name="items", location=str(good)),
            )
        ),
    )
    with pytest.warns(FeaturelabWarning) as caught:
        registered = session_module.register_manifest_tables(spark, tmp_path)
    assert registered == ["partial_db.items"]
    assert {"partial_db.gone", "partial_db.weird_format"} == {
        str(w.message).split(": ")[0].rsplit(" ", 1)[-1] for w in caught
    }
    spark.sql("DROP DATABASE partial_db CASCADE")
