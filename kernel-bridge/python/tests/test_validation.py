"""The Spark half of validation: featurelab.validation executes compiled SQL, on real Spark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from featurelab.validation import (
    VALIDATION_MIME_TYPE,
    ValidationRequestError,
    ValidationResult,
    ValidationRunError,
    handle_request,
    json_safe,
    validate,
)

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = PACKAGE_ROOT.parents[1]
BUNDLE = REPO_ROOT / "server-ext" / "dist" / "featurelab.mjs"


def test_json_safe_spells_special_floats_and_types() -> None:
    import datetime as dt

    assert json_safe(float("nan")) == "NaN"
    assert json_safe(float("-inf")) == "-Infinity"
    assert json_safe(Decimal("12.50")) == "12.50"
    assert json_safe(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02T03:04:05"
    assert json_safe(b"\x00\xff") == "AP8="
    assert json_safe({"k": [1.5, float("inf")]}) == {"k": [1.5, "Infinity"]}
    json.dumps(json_safe([float("nan")]), allow_nan=False)


def test_schema_and_query_of_a_demo_table(spark: object, tiny_workspace: Path) -> None:
    items = tiny_workspace / "warehouse" / "demo" / "items"
    schema = handle_request(spark, {"op": "schema", "relation": {"kind": "parquet", "paths": [str(items)]}})
    fields = {f["name"]: f["type"] for f in schema["fields"]}
    assert fields["price"] == "decimal(12,2)"
    assert fields["embedding"] == {"type": "array", "elementType": "float", "containsNull": True}
    rows = handle_request(spark, {"op": "query", "sql": "SELECT CAST('NaN' AS DOUBLE) AS x, 1 AS y"})["rows"]
    assert rows == [{"x": "NaN", "y": 1}]
    table = handle_request(spark, {"op": "schema", "relation": {"kind": "table", "parts": ["demo", "users"]}})
    assert any(f["name"] == "user_id" for f in table["fields"])


def test_relation_names_are_quoted(spark: object, tmp_path: Path) -> None:
    hostile = tmp_path / "we`ird; -- path"
    spark.range(3).write.parquet(str(hostile))  # type: ignore[attr-defined]
    schema = handle_request(spark, {"op": "schema", "relation": {"kind": "parquet", "paths": [str(hostile)]}})
    assert [f["name"] for f in schema["fields"]] == ["id"]
    with pytest.raises(Exception, match="TABLE_OR_VIEW_NOT_FOUND|not found"):
        handle_request(spark, {"op": "schema", "relation": {"kind": "table", "parts": ["demo`; DROP", "x"]}})


@pytest.mark.parametrize(
    "request_",
    [{"op": "nope"}, {"op": "schema", "relation": {"kind": "jdbc"}}, {"op": "query", "sql": ""}],
)
def test_malformed_requests(spark: object, request_: dict) -> None:
    with pytest.raises(ValidationRequestError):
        handle_request(spark, request_)


def test_mime_bundle_escapes_html() -> None:
    result = {
        "suite": "<b>s</b>",
        "status": "fail",
        "checks": [{"id": "c<script>", "status": "fail", "metric": "m", "value": 1, "threshold": {"min": 2}, "severity": "block", "message": "x"}],
    }
    bundle = ValidationResult(result)._repr_mimebundle_()
    assert bundle[VALIDATION_MIME_TYPE] == result
    assert "<script>" not in bundle["text/html"] and "&lt;script&gt;" in bundle["text/html"]
    assert not ValidationResult(result).passed


def test_protocol_process_answers_one_line_per_request(tiny_workspace: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "FEATURELAB_WORKSPACE": str(tiny_workspace)}
    requests = [
        {"id": 1, "op": "query", "sql": "SELECT count(*) AS n FROM demo.items"},
        {"id": 2, "op": "query", "sql": "SELECT * FROM no_such_table"},
        "not json",
    ]
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in requests) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "featurelab.validation"], input=text, capture_output=True, text=True, env=env, timeout=300, check=True
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert answers[0] == {"id": 1, "ok": True, "result": {"rows": [{"n": 150}]}}
    assert answers[1]["ok"] is False and "\n" not in answers[1]["error"]["message"]
    assert answers[2]["ok"] is False and answers[2]["error"]["kind"] == "InvalidRequest"
    assert len(answers) == 3


def _cli() -> list[str]:
    import shutil

    node = shutil.which("node")
    assert node is not None and BUNDLE.is_file(), "needs Node and the built service bundle (npm run build)"
    return [node, str(BUNDLE)]


def test_validate_from_a_notebook(tiny_workspace: Path, tmp_path: Path) -> None:
    suite = tmp_path / "items.yaml"
    suite.write_text(
        "apiVersion: featurelab/v1\nkind: ValidationSuite\nname: items\nchecks:\n"
        "  - type: primaryKey\n    columns: [item_id]\n"
        "  - type: embeddingDimension\n    column: embedding\n    dimension: 3\n"
    )
    result = validate(suite, tiny_workspace / "warehouse" / "demo" / "items", engine="duckdb", command=_cli())
    assert [c["status"] for c in result.result["checks"]] == ["pass", "fail"]
    assert not result.passed
    assert VALIDATION_MIME_TYPE in result._repr_mimebundle_()
    broken = tmp_path / "broken.yaml"
    broken.write_text(suite.read_text().replace("item_id", "no_such_column"))
    with pytest.raises(ValidationRunError, match=r"broken.yaml:6:\d+: column \"no_such_column\" does not exist"):
        validate(broken, tiny_workspace / "warehouse" / "demo" / "items", engine="duckdb", command=_cli())
