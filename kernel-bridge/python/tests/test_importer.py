"""``featurelab.import_tables`` against the real local SparkSession and the real ``featurelab`` CLI.

The written specs are checked three ways: read back with a YAML parser, fed to
``featurelab plan --json`` (the schema validation and reference checks that ``apply`` uses),
and their source SQL executed by Spark, whose result schema must be the table's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import featurelab
from featurelab.importer import (
    EntityError,
    EventTimeError,
    InvalidSpecNameError,
    JoinKeyError,
    SpecExistsError,
    UnknownTableError,
    source_query,
    split_table_name,
    to_yaml,
    yaml_scalar,
)
from featurelab.sqlquote import quote_identifier

import yaml  # noqa: E402  (PyYAML comes with jupyter_server; a missing one must fail, not skip)

REPO = Path(__file__).resolve().parents[3]
CLI = REPO / "server-ext" / "dist" / "featurelab.mjs"
DEMO_ENTITIES = REPO / "demo" / "features" / "entities.yaml"


def _node() -> str:
    """Node 22+ (the registry uses node:sqlite); ``source scripts/env.sh`` puts Node 24 on PATH."""
    node = shutil.which("node")
    if node is None or not CLI.exists():
        pytest.fail(
            "needs node and server-ext/dist/featurelab.mjs (npm run bundle -w @featurelab/service)"
        )
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    match = re.match(r"v(\d+)", version)
    if not match or int(match.group(1)) < 22:
        pytest.fail(f"node {version.strip()} is too old for the CLI; source scripts/env.sh")
    return node


def plan(folder: Path, workspace: Path) -> tuple[int, dict[str, Any]]:
    result = subprocess.run(
        [_node(), str(CLI), "plan", str(folder), "--workspace", str(workspace), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def clean_views(spark: Any) -> Any:
    """The session is shared: temporary views made here must not show up in other tests."""
    before = {t.name for t in spark.catalog.listTables() if t.isTemporary}
    yield
    for table in spark.catalog.listTables():
        if table.isTemporary and table.name not in before:
            spark.catalog.dropTempView(table.name)


def spark_types(spark: Any, table: str, skip: set[str]) -> list[dict[str, str]]:
    return [
        {"name": f.name, "type": f.dataType.simpleString()}
        for f in spark.table(table).schema.fields
        if f.name not in skip
    ]


def test_import_demo_tables_is_a_valid_plan(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "features"
    folder.mkdir()
    shutil.copy(DEMO_ENTITIES, folder / "entities.yaml")

    written = featurelab.import_tables(["demo.impressions"], "user", folder=folder)
    written += featurelab.import_tables("demo.items", "item", folder=folder, owner="catalog-team")
    assert written == [folder / "impressions.yaml", folder / "items.yaml"]

    impressions, items = load(written[0]), load(written[1])
    assert impressions["entity"] == "user" and impressions["eventTimeColumn"] == "event_time"
    assert impressions["owner"] == "growth-team"  # the entity's owner by default
    keys_and_time = {"user_id", "event_time"}
    assert impressions["features"] == spark_types(spark, "demo.impressions", keys_and_time)
    assert items["eventTimeColumn"] == "created_at" and items["owner"] == "catalog-team"
    assert items["features"] == spark_types(spark, "demo.items", {"item_id", "created_at"})
    assert {f["type"] for f in items["features"]} >= {"decimal(12,2)", "array<float>"}
    assert items["source"]["tables"] == ["demo.items"]
    assert items["source"]["query"].endswith("FROM `demo`.`items`\n")

    # The source SQL runs and yields the table's columns with the table's types.
    for spec, table in ((impressions, "demo.impressions"), (items, "demo.items")):
        result = spark.sql(spec["source"]["query"]).schema
        expected = {f.name: f.dataType for f in spark.table(table).schema.fields}
        assert {f.name: f.dataType for f in result.fields} == expected

    code, result = plan(folder, tmp_path / "ws")
    assert code == 0, result
    assert result["status"] == "ok"
    creates = {(c["kind"], c["name"]) for c in result["changes"] if c["action"] == "create"}
    assert creates == {
        ("Entity", "user"),
        ("Entity", "item"),
        ("FeatureGroup", "impressions"),
        ("FeatureGroup", "items"),
    }


def test_entity_dict_writes_the_entity_and_complex_types_round_trip(
    spark: Any, tmp_path: Path, clean_views: None
) -> None:
    comment = 'He said "hi": #not a comment\nsecond line \\ {x: [y]} yes'
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW `order` (`user_id`, `select`, `profile`, `nested`, "
        "`placed_at`) AS SELECT CAST(1 AS BIGINT), named_struct('a', 1, 'b', 'x'), "
        "map('k', 'v'), array(CAST(1.5 AS FLOAT)), TIMESTAMP'2024-01-01 00:00:00'"
    )
    df = spark.table("`order`")
    df = df.withMetadata("profile", {"comment": comment})
    df.createOrReplaceTempView("order_commented")

    entity = {
        "name": "buyer",
        "owner": "ads-team",
        "joinKeys": [{"name": "user_id", "type": "bigint"}],
    }
    folder = tmp_path / "specs"
    written = featurelab.import_tables(["order", "order_commented"], entity, folder=folder)
    assert [p.name for p in written] == ["buyer.entity.yaml", "order.yaml", "order_commented.yaml"]
    assert load(written[0]) == {"apiVersion": "featurelab/v1", "kind": "Entity", **entity}

    spec = load(written[2])
    assert spec["eventTimeColumn"] == "placed_at" and spec["owner"] == "ads-team"
    assert spec["features"] == [
        {"name": "select", "type": "struct<a:int,b:string>"},
        {"name": "profile", "type": "map<string,string>", "description": comment},
        {"name": "nested", "type": "array<float>"},
    ]
    assert spark.sql(spec["source"]["query"]).schema.simpleString() == (
        "struct<user_id:bigint,placed_at:timestamp,select:struct<a:int,b:string>,"
        "profile:map<string,string>,nested:array<float>>"
    )

    # A second import with the same entity dict reuses the declaration instead of duplicating it.
    again = featurelab.import_tables("order", entity, folder=folder, overwrite=True)
    assert again == [folder / "order.yaml"]

    code, result = plan(folder, tmp_path / "ws")
    assert code == 0, result
    assert result["summary"]["create"] == 3


def test_hostile_names_are_quoted_and_refused_as_spec_names(
    spark: Any, tmp_path: Path, clean_views: None
) -> None:
    view = "we`ird 'view\" x"
    columns = ["user_id", "a`b", 'c"d', "e'f g", "event_time"]
    spark.createDataFrame(
        [(1, 1, "x", 2.0, None)], "user_id bigint, a int, b string, c double, e timestamp"
    ).toDF(*columns).createOrReplaceTempView(quote_identifier(view))

    query = source_query((view,), columns)
    assert "`we``ird 'view\" x`" in query and "`a``b`" in query
    result = spark.sql(query)
    assert result.columns == columns
    assert result.schema == spark.table(quote_identifier(view)).schema

    assert split_table_name(f"{quote_identifier(view)}") == (view,)
    assert split_table_name("cat. `d``b`.t") == ("cat", "d`b", "t")

    with pytest.raises(InvalidSpecNameError, match="name parts") as info:
        featurelab.import_tables(quote_identifier(view), _user(), folder=tmp_path, owner="me")
    assert "CREATE VIEW" in str(info.value)
    spark.sql(
        f"CREATE OR REPLACE TEMP VIEW plain_view AS SELECT * FROM {quote_identifier(view)}"
    )
    with pytest.raises(InvalidSpecNameError, match="column names"):
        featurelab.import_tables("plain_view", _user(), folder=tmp_path, owner="me")
    assert list(tmp_path.iterdir()) == []


def _user(type_: str = "bigint") -> dict[str, Any]:
    return {"name": "user", "joinKeys": [{"name": "user_id", "type": type_}]}


def test_refusals_write_nothing(spark: Any, tmp_path: Path, clean_views: None) -> None:
    folder = tmp_path / "f"
    with pytest.raises(UnknownTableError, match="demo.nope") as info:
        featurelab.import_tables(["demo.orders", "demo.nope"], _user(), folder=folder)
    assert info.value.hint and "listTables" in info.value.hint
    with pytest.raises(JoinKeyError, match="user_id"):
        featurelab.import_tables("demo.items", _user(), folder=folder)
    with pytest.raises(JoinKeyError, match="the entity says string"):
        featurelab.import_tables("demo.orders", _user("string"), folder=folder)
    with pytest.raises(EntityError, match="No Entity named 'user'"):
        featurelab.import_tables("demo.orders", "user", folder=folder)

    spark.sql("CREATE OR REPLACE TEMP VIEW no_time AS SELECT CAST(1 AS BIGINT) user_id, 2 x")
    with pytest.raises(EventTimeError, match="No event-time column") as info:
        featurelab.import_tables("no_time", _user(), folder=folder)
    assert "no timestamp column" in str(info.value)
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW odd_time AS SELECT CAST(1 AS BIGINT) user_id, 2 x, "
        "current_timestamp() loaded"
    )
    with pytest.raises(EventTimeError, match="event_time='loaded'"):
        featurelab.import_tables("odd_time", _user(), folder=folder)
    with pytest.raises(EventTimeError, match="is int"):
        featurelab.import_tables("odd_time", _user(), folder=folder, event_time="x")
    assert not folder.exists()

    assert featurelab.import_tables(
        "odd_time", _user(), folder=folder, event_time="loaded", owner="me"
    ) == [folder / "user.entity.yaml", folder / "odd_time.yaml"]
    before = (folder / "odd_time.yaml").read_text()
    (folder / "orders.yaml").write_text("# mine\n")
    with pytest.raises(SpecExistsError, match="orders.yaml") as info:
        featurelab.import_tables(["demo.impressions", "demo.orders"], "user", folder=folder)
    assert "overwrite=True" in str(info.value)
    assert (folder / "orders.yaml").read_text() == "# mine\n"
    assert not (folder / "impressions.yaml").exists()
    with pytest.raises(SpecExistsError, match="odd_time.yaml"):
        featurelab.import_tables("odd_time", "user", folder=folder, event_time="loaded")
    assert (folder / "odd_time.yaml").read_text() == before
    written = featurelab.import_tables("demo.orders", "user", folder=folder, overwrite=True)
    assert written == [folder / "orders.yaml"]
    assert load(written[0])["eventTimeColumn"] == "order_time"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["odd_time.yaml", "orders.yaml", "user.entity.yaml"]


HOSTILE_STRINGS = [
    "", "yes", "No", "on", "null", "~", "true", "123", "1e3", "0x1f", ".inf", "- x", "a: b",
    "a:b", "#c", "x #c", "'", '"', "\\", "`", "&a", "*a", "!tag", "%x", "@x", "{a}", "[a]",
    "\x00\x01\x7f\x85\u2028\u2029\ufeff", "tab\there", "multi\nline\n", "multi\nline",
    "two\n\n", " lead", "trail ", "line \nspace", "ünïcödé ✓ 🚀", "---", "...", "a\r\nb",
    "SELECT\n  `a`\nFROM `t`\n", "  indented\nblock\n", "\nleading newline",
]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_yaml_strings_read_back_exactly(text: str) -> None:
    document = {
        "name": text,
        "source": {"query": text, "tables": [text]},
        "features": [{"description": text}],
    }
    loaded = yaml.safe_load(to_yaml(document, header="x"))
    assert loaded == document
    assert yaml.safe_load(f"v: {yaml_scalar(text)}")["v"] == text


def test_yaml_keeps_plain_scalars_plain() -> None:
    plain = ["decimal(12,2)", "array<float>", "demo.items", "growth-team", "featurelab/v1"]
    assert [yaml_scalar(v) for v in plain] == plain
    assert yaml_scalar("struct<a:int>") == '"struct<a:int>"'
