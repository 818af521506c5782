from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from featurelab.demo import SCHEMAS
from featurelab.errors import FeaturelabWarning
from featurelab.session import register_manifest_tables
from featurelab.sqlquote import quote_identifier, quote_qualified_name, quote_string_literal
from featurelab.workspace import Manifest, TableEntry, write_manifest

TRICKY = [
    "plain", "it's", "back\\slash", "trailing\\", "a'b\\'c", "new\nline", "`tick`", '"dq"', "ünï ☃"
]  # fmt: skip


def test_quote_identifier_doubles_backticks() -> None:
    assert quote_identifier("users") == "`users`"
    assert quote_identifier("we`ird") == "`we``ird`"
    assert quote_identifier("``") == "``````"
    assert quote_qualified_name(["demo", "a.b"]) == "`demo`.`a.b`"


@pytest.mark.parametrize("bad", ["", "nul\x00"])
def test_quote_identifier_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        quote_identifier(bad)


def test_quote_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        quote_identifier(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        quote_string_literal(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        quote_qualified_name([])


def test_quote_string_literal_text() -> None:
    assert quote_string_literal("it's") == "'it\\'s'"
    assert quote_string_literal("a\\") == "'a\\\\'"


def test_literals_round_trip_through_spark(spark) -> None:
    for value in TRICKY:
        assert spark.sql(f"SELECT {quote_string_literal(value)} AS v").collect()[0]["v"] == value


def test_identifiers_round_trip_through_spark(spark) -> None:
    for name in ["plain", "it's", "we`ird", "dot.ted", "sp ace", "``"]:
        row = spark.sql(f"SELECT 1 AS {quote_identifier(name)}").collect()[0]
        assert row.asDict() == {name: 1}


def test_register_tables_with_hostile_paths(spark, tiny_workspace: Path, tmp_path: Path) -> None:
    """A workspace and location containing quotes, backticks and spaces register and read back."""
    workspace = tmp_path / "it's a `workspace`"
    location = workspace / "data" / "o'rders `x`"
    location.mkdir(parents=True)
    shutil.copy(tiny_workspace / "warehouse/demo/orders/part-00000.parquet", location)
    write_manifest(
        workspace,
        Manifest(
            tables=(
                TableEntry(database="quoting_db", name="orders_copy", location="data/o'rders `x`"),
            )
        ),
    )
    assert register_manifest_tables(spark, workspace) == ["quoting_db.orders_copy"]
    frame = spark.table("quoting_db.orders_copy")
    assert frame.count() > 0
    assert [f.name for f in frame.schema.fields] == SCHEMAS["orders"].names
    spark.sql("DROP DATABASE quoting_db CASCADE")


def test_hostile_names_are_refused_not_executed(spark, tmp_path: Path) -> None:
    """Spark's in-memory catalog only accepts [A-Za-z0-9_] names; quoting turns an injection
    attempt into a plain invalid name (a warning), never into a second statement."""
    (tmp_path / "t").mkdir()
    injection = "x USING parquet LOCATION '/' --"
    write_manifest(
        tmp_path,
        Manifest(
            tables=(
                TableEntry(database="db`with'quote", name="t", location="t"),
                TableEntry(database="default", name=injection, location="t"),
            )
        ),
    )
    with pytest.warns(FeaturelabWarning) as caught:
        assert register_manifest_tables(spark, tmp_path) == []
    assert len(caught) == 2
    assert not spark.catalog.tableExists("default.x")
    assert "db`with'quote" not in [db.name for db in spark.catalog.listDatabases()]
