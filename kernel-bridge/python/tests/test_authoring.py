"""Notebook authoring on the kernel side, against the real local SparkSession.

* ``analyze``: Spark's analyzed schema of a query and its CTEs; DDL/DML never reaches Spark.
* ``%%sql``: the display bundle (Arrow payload with Spark types, text fallbacks), ``--limit``
  and ``-o``.
* ``saveFeatureGroup``: the spec written from a query passes the real ``featurelab plan``.

The same paths through a real ipykernel (magic registered by the bridge's silent register, the
comm request) are in ``test_authoring_kernel.py``.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from featurelab.analyze import (
    NotAQueryError,
    SparkAnalysisError,
    analyze_query,
    check_single_query,
    first_keyword,
)
from featurelab.arrowipc import from_ipc_stream
from featurelab.bridge import handle_request
from featurelab.importer import EventTimeError, JoinKeyError, SpecExistsError
from featurelab.magics import TABLE_MIME, SqlMagicUsageError, parse_magic_line, run_sql_cell

from test_importer import DEMO_ENTITIES, plan  # noqa: I001 (tests folder is on sys.path)

CTE_QUERY = """
-- daily orders per user
WITH per_day AS (
  SELECT user_id, to_date(order_time) AS day, sum(amount) AS total
  FROM demo.orders GROUP BY user_id, to_date(order_time)
)
SELECT p.user_id, p.day, p.total, u.country
FROM per_day p JOIN demo.users u ON p.user_id = u.user_id
"""


@pytest.fixture
def scratch_table(spark: Any) -> Any:
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW fl_guard AS SELECT 1 AS x")
    yield "fl_guard"
    spark.catalog.dropTempView("fl_guard")


def test_first_keyword_skips_comments_and_parentheses() -> None:
    assert first_keyword("  -- c\n/* x */ ((select 1))") == "select"
    assert first_keyword("WITH a AS (SELECT 1) SELECT * FROM a") == "with"
    assert first_keyword("") == ""


@pytest.mark.parametrize(
    "sql",
    [
        "DROP VIEW fl_guard",
        "INSERT INTO fl_guard SELECT 2",
        "CREATE TABLE t AS SELECT 1",
        "SELECT 1; DROP VIEW fl_guard",
        "SET spark.sql.ansi.enabled=true",
        "   ",
    ],
)
def test_text_check_refuses_non_queries(sql: str) -> None:
    with pytest.raises(NotAQueryError):
        check_single_query(sql)


def test_text_check_keeps_semicolons_inside_strings_and_comments() -> None:
    sql = "SELECT ';' AS a, `x;y` AS b -- ;\n; ;"
    assert check_single_query(sql) == "SELECT ';' AS a, `x;y` AS b -- ;\n"


@pytest.mark.parametrize(
    "sql",
    [
        "WITH a AS (SELECT 2 AS x) INSERT INTO fl_guard SELECT x FROM a",
        "DROP VIEW fl_guard",
        "SELECT 1; DROP VIEW fl_guard",
        "FROM fl_guard INSERT INTO fl_guard SELECT x + 1",
    ],
)
def test_analyze_never_runs_ddl_or_dml(spark: Any, scratch_table: str, sql: str) -> None:
    with pytest.raises(NotAQueryError):
        analyze_query(spark, sql)
    # The view is still there with its single row: nothing was executed.
    assert [r.x for r in spark.table(scratch_table).collect()] == [1]


def test_analyze_returns_spark_schemas_of_ctes_and_result(spark: Any) -> None:
    result = analyze_query(spark, CTE_QUERY)
    names = [r["name"] for r in result["relations"]]
    assert names[-1] == "$result"
    assert "per_day" in names and "p" in names
    per_day = next(r for r in result["relations"] if r["name"] == "per_day")
    assert [c["name"] for c in per_day["columns"]] == ["user_id", "day", "total"]
    final = result["relations"][-1]
    types = {c["name"]: c["type"] for c in final["columns"]}
    assert types == {f.name: f.dataType.simpleString() for f in spark.sql(CTE_QUERY).schema.fields}
    assert types["total"].startswith("decimal(")
    nullable = {c["name"]: c["nullable"] for c in final["columns"]}
    assert nullable == {f.name: f.nullable for f in spark.sql(CTE_QUERY).schema.fields}


def test_analyze_reports_spark_errors_in_one_line(spark: Any) -> None:
    with pytest.raises(SparkAnalysisError) as caught:
        analyze_query(spark, "SELECT countyr FROM demo.users")
    assert "countyr" in str(caught.value) and "\n" not in str(caught.value)


def test_analyze_through_the_bridge_protocol(spark: Any) -> None:
    reply, buffers = handle_request(
        {"id": "1", "method": "analyze", "args": {"sql": "SELECT 1 AS one"}}
    )
    assert reply["ok"] is True and buffers == []
    assert reply["result"]["relations"] == [
        {
            "name": "$result",
            "columns": [{"name": "one", "type": "int", "nullable": False}],
            "schemaJson": spark.sql("SELECT 1 AS one").schema.json(),
        }
    ]
    reply, _ = handle_request({"id": "2", "method": "analyze", "args": {"sql": "DROP TABLE x"}})
    assert reply["ok"] is False and reply["error"]["kind"] == "NotAQueryError"


def test_magic_line_options() -> None:
    options = parse_magic_line("--limit 5 -o frame")
    assert options.limit == 5 and options.output == "frame"
    assert parse_magic_line("").limit == 1000
    for bad in ("--limit x", "-o 1abc", "-o class", "--limit -1", "--nope", "-o 'unclosed"):
        with pytest.raises(SqlMagicUsageError):
            parse_magic_line(bad)


def test_magic_bundle_has_typed_arrow_rows_and_fallbacks(spark: Any) -> None:
    namespace: dict[str, Any] = {}
    sql = (
        "SELECT user_id, country, tags, profile, named_struct('c', country, 'n', 1) AS s "
        "FROM demo.users ORDER BY user_id"
    )
    bundle = run_sql_cell("--limit 3 -o users", sql, namespace)
    payload = bundle[TABLE_MIME]
    table = from_ipc_stream(base64.b64decode(payload["arrow"]))
    assert table.num_rows == payload["rowCount"] == 3
    assert payload["truncated"] is True and payload["limit"] == 3
    expected = spark.sql(sql).schema.fields
    assert payload["columns"] == [
        {"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable}
        for f in expected
    ]
    assert table.column_names == [f.name for f in expected]
    # -o binds the whole DataFrame, not only the rows shown.
    assert namespace["users"].count() == spark.table("demo.users").count()
    assert "<th>user_id<br><small>bigint</small></th>" in bundle["text/html"]
    assert bundle["text/plain"].splitlines()[0].startswith("user_id: bigint | country: string")


def test_magic_html_fallback_is_escaped(spark: Any) -> None:
    bundle = run_sql_cell("", "SELECT '<script>x</script>' AS `<b>`, CAST(NULL AS INT) AS n")
    html = bundle["text/html"]
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert bundle[TABLE_MIME]["truncated"] is False
    assert from_ipc_stream(base64.b64decode(bundle[TABLE_MIME]["arrow"])).to_pylist() == [
        {"<b>": "<script>x</script>", "n": None}
    ]


def test_magic_empty_result_keeps_the_schema(spark: Any) -> None:
    bundle = run_sql_cell("", "SELECT user_id, tags FROM demo.users WHERE false")
    table = from_ipc_stream(base64.b64decode(bundle[TABLE_MIME]["arrow"]))
    assert table.num_rows == 0 and table.column_names == ["user_id", "tags"]


ORDERS_QUERY = (
    "SELECT user_id, order_time, amount, amount * 2 AS double_amount FROM demo.orders"
)


def _columns(spark: Any, sql: str) -> list[dict[str, Any]]:
    return [
        {"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable}
        for f in spark.sql(sql).schema.fields
    ]


def test_save_feature_group_passes_plan(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "features"
    folder.mkdir()
    shutil.copy(DEMO_ENTITIES, folder / "entities.yaml")
    args = {
        "sql": ORDERS_QUERY,
        "columns": _columns(spark, ORDERS_QUERY),
        "name": "order_amounts",
        "entity": "user",
        "eventTime": "order_time",
        "tables": ["demo.orders"],
        "folder": str(folder),
    }
    reply, _ = handle_request({"id": "s", "method": "saveFeatureGroup", "args": args})
    assert reply["ok"] is True, reply
    assert reply["result"]["paths"] == [str(folder / "order_amounts.yaml")]
    spec = yaml.safe_load((folder / "order_amounts.yaml").read_text(encoding="utf-8"))
    assert spec["kind"] == "FeatureGroup" and spec["eventTimeColumn"] == "order_time"
    assert spec["source"] == {"type": "sql", "query": ORDERS_QUERY + "\n", "tables": ["demo.orders"]}
    assert [f["name"] for f in spec["features"]] == ["amount", "double_amount"]
    assert spec["features"][0]["type"] == "decimal(14,2)"

    code, result = plan(folder, tmp_path / "ws")
    assert code == 0, result
    creates = {(c["kind"], c["name"]) for c in result["changes"] if c["action"] == "create"}
    assert ("FeatureGroup", "order_amounts") in creates

    # Saving again refuses to overwrite unless asked.
    reply, _ = handle_request({"id": "t", "method": "saveFeatureGroup", "args": args})
    assert reply["ok"] is False and reply["error"]["kind"] == SpecExistsError.__name__
    reply, _ = handle_request(
        {"id": "u", "method": "saveFeatureGroup", "args": {**args, "overwrite": True}}
    )
    assert reply["ok"] is True


def test_save_feature_group_refusals_write_nothing(spark: Any, tmp_path: Path) -> None:
    from featurelab.save_query import save_feature_group

    folder = tmp_path / "features"
    folder.mkdir()
    shutil.copy(DEMO_ENTITIES, folder / "entities.yaml")
    base = {
        "sql": ORDERS_QUERY,
        "columns": _columns(spark, ORDERS_QUERY),
        "name": "x",
        "entity": "user",
        "folder": str(folder),
    }
    with pytest.raises(JoinKeyError):
        save_feature_group({**base, "entity": "item"})
    with pytest.raises(EventTimeError):
        save_feature_group({**base, "eventTime": "amount"})
    unknown = [{"name": "user_id", "type": "unknown", "nullable": True}]
    with pytest.raises(Exception, match="not known"):
        save_feature_group({**base, "columns": unknown})
    assert sorted(p.name for p in folder.iterdir()) == ["entities.yaml"]


class _FakeMagics:
    def __init__(self) -> None:
        self.magics: dict[str, dict[str, Any]] = {"cell": {}, "line": {}}


class _FakeShell:
    """The part of IPython's shell that magic registration uses."""

    def __init__(self) -> None:
        self.magics_manager = _FakeMagics()

    def register_magic_function(self, func: Any, magic_kind: str, magic_name: str) -> None:
        self.magics_manager.magics[magic_kind][magic_name] = func


def test_load_ext_registers_the_magic_and_auto_registration_respects_others() -> None:
    import featurelab
    from featurelab import magics

    shell = _FakeShell()
    featurelab.load_ipython_extension(shell)
    assert shell.magics_manager.magics["cell"]["sql"] is magics.sql

    other = _FakeShell()

    def foreign(line: str, cell: str) -> None:  # e.g. JupySQL's %%sql
        return None

    other.magics_manager.magics["cell"]["sql"] = foreign
    assert magics.register_magics(other, replace=False) is False
    assert other.magics_manager.magics["cell"]["sql"] is foreign
    assert magics.register_magics(other) is True  # %load_ext is an explicit choice
    assert other.magics_manager.magics["cell"]["sql"] is magics.sql


def test_magic_runs_ddl_and_shows_an_empty_result(spark: Any) -> None:
    try:
        bundle = run_sql_cell("", "CREATE OR REPLACE TEMPORARY VIEW fl_magic_view AS SELECT 1 AS x")
        assert bundle[TABLE_MIME]["rowCount"] == 0 and bundle[TABLE_MIME]["columns"] == []
        assert bundle["text/plain"].endswith("0 rows")
        assert spark.table("fl_magic_view").collect()[0].x == 1
    finally:
        spark.catalog.dropTempView("fl_magic_view")
