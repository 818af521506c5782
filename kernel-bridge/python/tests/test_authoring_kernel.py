"""``%%sql`` and ``analyze`` inside a real ipykernel, registered the way the frontend does it.

The bridge's silent ``register()`` is the only set-up: it must make ``%%sql`` available without
``%load_ext``, and ``analyze`` must answer over the comm like the other methods.
"""

from __future__ import annotations

import base64
from typing import Any

from featurelab.arrowipc import from_ipc_stream
from featurelab.magics import TABLE_MIME

from test_kernel_comm import REGISTER, Kernel, kernel  # noqa: F401 (the kernel fixture)


def _displays(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]


def test_sql_magic_and_analyze_in_a_kernel(kernel: Kernel) -> None:  # noqa: F811
    content, _ = kernel.execute(REGISTER, silent=True)
    assert content["status"] == "ok"

    # No session yet: one readable line, no traceback through the helper.
    content, messages = kernel.execute("%%sql\nSELECT 1")
    assert content["status"] == "error"
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1, errors
    assert errors[0]["traceback"][0].startswith("%%sql needs an active SparkSession")
    assert "featurelab.spark_session()" in errors[0]["traceback"][0]

    content, _ = kernel.execute(
        "import featurelab\n"
        "spark = featurelab.spark_session(master='local[1]', **{'spark.sql.shuffle.partitions': '1'})"
    )
    assert content["status"] == "ok", content

    content, messages = kernel.execute(
        "%%sql --limit 2 -o top_items\nSELECT item_id, price, embedding FROM demo.items ORDER BY item_id"
    )
    assert content["status"] == "ok", content
    [bundle] = _displays(messages)
    assert set(bundle) == {TABLE_MIME, "text/html", "text/plain"}
    payload = bundle[TABLE_MIME]
    assert [c["type"] for c in payload["columns"]] == ["bigint", "decimal(12,2)", "array<float>"]
    assert payload["rowCount"] == 2 and payload["truncated"] is True
    assert from_ipc_stream(base64.b64decode(payload["arrow"])).num_rows == 2
    probe = {"n": "top_items.count() == spark.table('demo.items').count()"}
    content, _ = kernel.execute("", silent=True, user_expressions=probe)
    assert content["user_expressions"]["n"]["data"]["text/plain"] == "True"

    # Spark's own error, in one line.
    content, messages = kernel.execute("%%sql\nSELECT nope FROM demo.items")
    assert content["status"] == "error"
    [error] = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert error["traceback"][0].startswith("[UNRESOLVED_COLUMN")
    assert len(error["traceback"]) == 1

    kernel.open_comm()
    data, buffers, _ = kernel.request(
        "analyze", sql="WITH t AS (SELECT item_id, price FROM demo.items) SELECT * FROM t"
    )
    assert data["ok"] is True, data
    relations = data["result"]["relations"]
    assert [r["name"] for r in relations] == ["t", "$result"]
    assert relations[-1]["columns"][1] == {"name": "price", "type": "decimal(12,2)", "nullable": True}

    data, _, _ = kernel.request("analyze", sql="DROP TABLE demo.items")
    assert data["ok"] is False and data["error"]["kind"] == "NotAQueryError"
    content, _ = kernel.execute(
        "", silent=True, user_expressions={"t": "spark.catalog.tableExists('demo.items')"}
    )
    assert content["user_expressions"]["t"]["data"]["text/plain"] == "True"
