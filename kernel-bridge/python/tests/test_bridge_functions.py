"""Catalog listing and previews against the real session, through handle_request (no kernel)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from featurelab import __version__, bridge
from featurelab.arrowipc import from_ipc_stream
from featurelab.catalog import CATALOG_SCHEMA, list_catalog
from featurelab.preview import MAX_LIMIT


def call(method: str, **args: Any) -> tuple[dict[str, Any], list[bytes]]:
    reply, buffers = bridge.handle_request({"id": f"req-{method}", "method": method, "args": args})
    assert reply["id"] == f"req-{method}"
    return reply, buffers


@pytest.fixture()
def odd_catalog(spark, tiny_workspace: Path, tmp_path: Path):
    """A temp view, a global temp view, a view pyspark cannot describe, a table whose files are gone."""
    location = tmp_path / "doomed"
    location.mkdir()
    shutil.copy(tiny_workspace / "warehouse/demo/orders/part-00000.parquet", location)
    spark.sql("CREATE DATABASE IF NOT EXISTS scratch")
    spark.sql(f"CREATE TABLE scratch.doomed USING parquet LOCATION '{location}'")
    shutil.rmtree(location)
    ios = spark.sql("SELECT user_id, country FROM demo.users WHERE device = 'ios'")
    ios.createOrReplaceTempView("ios_users")
    spark.range(3).createOrReplaceGlobalTempView("numbers")
    spark.sql("SELECT make_interval(1, 2) AS span").createOrReplaceTempView("intervals")
    yield
    spark.sql("DROP DATABASE scratch CASCADE")
    for view in ("ios_users", "intervals"):
        spark.catalog.dropTempView(view)
    spark.catalog.dropGlobalTempView("numbers")


def test_ping(spark) -> None:
    reply, buffers = call("ping")
    expected = {"helper": __version__, "spark": spark.version, "sessionActive": True}
    assert reply == {"id": "req-ping", "ok": True, "result": expected}
    assert buffers == []


def test_catalog_lists_everything_and_survives_broken_entries(spark, odd_catalog: None) -> None:
    reply, buffers = call("catalog")
    assert reply["ok"] is True
    table = from_ipc_stream(buffers[0])
    assert table.schema.equals(CATALOG_SCHEMA)
    expected = {"sessionActive": True, "sparkVersion": spark.version, "tableCount": table.num_rows}
    assert reply["result"] == expected
    rows = {(r["database"], r["name"]): r for r in table.to_pylist()}

    for name in ("users", "items", "impressions", "orders"):
        entry = rows[("demo", name)]
        assert entry["error"] is None and entry["is_temporary"] is False
        assert entry["table_type"] == "EXTERNAL"
        assert json.loads(entry["schema_json"]) == json.loads(spark.table(f"demo.{name}").schema.json())

    view = rows[(None, "ios_users")]
    assert view["is_temporary"] is True and view["table_type"] == "TEMPORARY" and view["error"] is None
    assert [f["name"] for f in json.loads(view["schema_json"])["fields"]] == ["user_id", "country"]
    assert rows[("global_temp", "numbers")]["is_temporary"] is True
    assert sum(1 for key in rows if key[1] == "ios_users") == 1  # not repeated per database

    doomed = rows[("scratch", "doomed")]
    assert "does not exist" in doomed["error"] and doomed["schema_json"]  # schema still known
    broken = rows[(None, "intervals")]
    assert broken["error"] and broken["schema_json"] is None


def test_catalog_entries_as_plain_functions(spark) -> None:
    names = {(e.database, e.name) for e in list_catalog(spark)}
    assert ("demo", "users") in names


def test_preview_table_round_trips_values(spark, tiny_workspace: Path) -> None:
    reply, buffers = call("preview", table="demo.items", limit=5)
    assert reply["ok"] and reply["result"] == {"rowCount": 5}
    got = from_ipc_stream(buffers[0])
    expected = pq.read_table(tiny_workspace / "warehouse/demo/items/part-00000.parquet").slice(0, 5)
    assert got.column_names == expected.column_names
    assert got.schema.field("price").type == pa.decimal128(12, 2)
    assert got.schema.field("embedding").type.value_type == pa.float32()
    assert pa.types.is_timestamp(got.schema.field("created_at").type)
    for column in expected.column_names:
        assert got[column].to_pylist() == expected[column].to_pylist(), column
    assert isinstance(got["price"][0].as_py(), Decimal)


def test_preview_maps_arrays_and_quoted_parts(spark, tiny_workspace: Path) -> None:
    reply, buffers = call("preview", table=["demo", "users"], limit=3)
    got = from_ipc_stream(buffers[0])
    expected = pq.read_table(tiny_workspace / "warehouse/demo/users/part-00000.parquet").slice(0, 3)
    assert got["profile"].to_pylist() == expected["profile"].to_pylist()
    assert got["tags"].to_pylist() == expected["tags"].to_pylist()
    reply, _ = call("preview", table="`demo`.`users`", limit=1)
    assert reply["result"]["rowCount"] == 1


def test_preview_sql_limit_cap_and_empty_results(spark) -> None:
    reply, buffers = call(
        "preview",
        sql="SELECT position, COUNT(*) AS n FROM demo.impressions GROUP BY 1 ORDER BY 1",
    )
    got = from_ipc_stream(buffers[0])
    assert got["position"].to_pylist() == list(range(1, 13))

    reply, buffers = call("preview", table="demo.impressions", limit=10 * MAX_LIMIT)
    assert reply["result"]["rowCount"] == MAX_LIMIT == from_ipc_stream(buffers[0]).num_rows

    reply, buffers = call("preview", sql="SELECT * FROM demo.users WHERE user_id < 0")
    empty = from_ipc_stream(buffers[0])
    assert reply["result"]["rowCount"] == 0 and empty.num_rows == 0
    assert empty.schema.field("profile").type == pa.map_(pa.string(), pa.string())
    assert empty.schema.field("tags").type.value_type == pa.string()


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        ({"table": "demo.nope"}, "AnalysisException"),
        ({"sql": "SELEC oops"}, "ParseException"),
        ({"table": "demo.users", "sql": "SELECT 1"}, "BadRequestError"),
        ({}, "BadRequestError"),
        ({"table": "demo.users", "limit": "ten"}, "BadRequestError"),
        ({"table": "demo.users", "limit": -1}, "BadRequestError"),
        ({"table": ["demo", 1]}, "BadRequestError"),
    ],
)
def test_preview_errors_become_replies(spark, args: dict[str, Any], kind: str) -> None:
    reply, buffers = call("preview", **args)
    assert reply["ok"] is False and buffers == []
    assert reply["error"]["kind"] == kind
    assert 0 < len(reply["error"]["message"]) <= bridge.MAX_ERROR_CHARS
    assert "\tat org.apache" not in reply["error"]["message"]


def test_malformed_requests() -> None:
    assert bridge.handle_request(None)[0]["error"]["kind"] == "BadRequestError"
    reply, _ = bridge.handle_request({"id": "x", "method": "drop_everything"})
    assert reply["error"]["kind"] == "BadRequestError"
    assert bridge.handle_request({"id": "y", "method": "ping", "args": [1]})[0]["ok"] is False


def test_without_a_session_nothing_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bridge, "active_session", lambda: None)
    reply, _ = call("ping")
    assert reply["result"]["sessionActive"] is False
    reply, buffers = call("catalog")
    assert reply["result"] == {"sessionActive": False, "sparkVersion": None, "tableCount": 0}
    assert from_ipc_stream(buffers[0]).schema.equals(CATALOG_SCHEMA)
    reply, _ = call("preview", table="demo.users")
    assert reply["error"]["kind"] == "NoSparkSessionError"


class FakeComm:
    def __init__(self) -> None:
        self.sent: list[tuple[Any, list[bytes]]] = []
        self.handler = None

    def on_msg(self, handler) -> None:  # noqa: ANN001
        self.handler = handler

    def send(self, data: Any = None, buffers: list[bytes] | None = None) -> None:
        self.sent.append((data, buffers or []))


def test_comm_glue_answers_and_stays_silent(
    spark, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    comm = FakeComm()
    bridge._on_comm_open(comm, {"content": {"data": {"id": "o", "method": "ping"}}})
    assert comm.sent[0][0]["id"] == "o"

    def noisy(args: dict[str, Any]):
        print("chatter")
        import warnings

        warnings.warn("noise")
        raise ValueError("boom")

    monkeypatch.setitem(bridge.METHODS, "noisy", noisy)
    comm.handler({"content": {"data": {"id": "n", "method": "noisy"}}})
    comm.handler({"content": {"data": {"id": "c", "method": "catalog"}}})
    error = {"kind": "ValueError", "message": "boom"}
    assert comm.sent[1][0] == {"id": "n", "ok": False, "error": error}
    assert comm.sent[2][0]["ok"] and len(comm.sent[2][1]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_register_outside_a_kernel_says_so() -> None:
    with pytest.raises(RuntimeError, match="IPython kernel"):
        bridge.register()
