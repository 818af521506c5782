"""``%%sql`` and ``analyze`` inside a real ipykernel, registered the way the frontend does it.

The bridge's silent ``register()`` is the only set-up: it must make ``%%sql`` available without
``%load_ext``, and ``analyze`` must answer over the comm like the other methods.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from featurelab.arrowipc import from_ipc_stream
from featurelab.magics import TABLE_MIME

from test_kernel_comm import PACKAGE_ROOT, REGISTER, TIMEOUT, Kernel


class _Kernel(Kernel):
    """Skips shell replies to other requests: on a loaded machine ``wait_for_ready`` may have
    sent ``kernel_info`` more than once, and the extra replies are still queued."""

    def execute(
        self, code: str, *, silent: bool = False, **kwargs: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        msg_id = self.client.execute(code, silent=silent, store_history=not silent, **kwargs)
        while True:
            reply = self.client.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], self._drain_until_idle(msg_id)


@pytest.fixture(scope="module")
def authoring_kernel(
    tiny_workspace: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Kernel]:
    """A fresh kernel of this venv, importing ``featurelab`` from this checkout."""
    spec_dir = tmp_path_factory.mktemp("authoring-kernels") / "featurelab-authoring"
    spec_dir.mkdir()
    (spec_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "featurelab authoring test",
                "language": "python",
            }
        )
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    env["FEATURELAB_WORKSPACE"] = str(tiny_workspace)
    env["SPARK_LOCAL_IP"] = "127.0.0.1"
    manager = KernelManager(
        kernel_name="featurelab-authoring",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]),
    )
    manager.start_kernel(env=env, cwd=str(tiny_workspace))
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield _Kernel(client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _displays(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]


def test_sql_magic_and_analyze_in_a_kernel(authoring_kernel: Kernel) -> None:
    kernel = authoring_kernel
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
