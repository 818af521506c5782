"""The bridge inside a real ipykernel, driven like the frontend drives it.

Starts a kernel of this venv with jupyter_client, runs the silent register call, opens a
``featurelab.bridge`` comm and exchanges messages: first without a SparkSession (nothing may be
started implicitly), then after the notebook started one.
"""

from __future__ import annotations

import ast
import json
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from featurelab import __version__
from featurelab.arrowipc import from_ipc_stream
from featurelab.catalog import CATALOG_SCHEMA

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
REGISTER = '__import__("featurelab.bridge").bridge.register()'
TIMEOUT = 60


class Kernel:
    """A tiny synchronous frontend: execute code, talk over one comm, collect IOPub traffic."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.comm_id = str(uuid.uuid4())

    def _drain_until_idle(self, parent_id: str) -> list[dict[str, Any]]:
        messages = []
        while True:
            msg = self.client.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != parent_id:
                continue
            messages.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return messages

    def execute(
        self, code: str, *, silent: bool = False, **kwargs: Any
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        msg_id = self.client.execute(code, silent=silent, store_history=not silent, **kwargs)
        return self._shell_reply(msg_id)["content"], self._drain_until_idle(msg_id)

    def _shell_reply(self, msg_id: str) -> dict[str, Any]:
        # wait_for_ready resends kernel_info until one is answered; on a busy machine several
        # of its replies are still queued on the shell channel. Skip replies to other requests.
        while True:
            reply = self.client.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
            assert reply["msg_type"] == "kernel_info_reply", reply["msg_type"]

    def user_names(self) -> set[str]:
        content, _ = self.execute("", silent=True, user_expressions={"names": "sorted(globals())"})
        return set(ast.literal_eval(content["user_expressions"]["names"]["data"]["text/plain"]))

    def _send(self, msg_type: str, content: dict[str, Any]) -> str:
        msg = self.client.session.msg(msg_type, content)
        self.client.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def open_comm(self) -> list[dict[str, Any]]:
        content = {"comm_id": self.comm_id, "target_name": "featurelab.bridge", "data": {}}
        msg_id = self._send("comm_open", content)
        return self._drain_until_idle(msg_id)

    def request(
        self, method: str, **args: Any
    ) -> tuple[dict[str, Any], list[bytes], list[dict[str, Any]]]:
        request_id = str(uuid.uuid4())
        msg_id = self._send(
            "comm_msg",
            {"comm_id": self.comm_id, "data": {"id": request_id, "method": method, "args": args}},
        )
        messages = self._drain_until_idle(msg_id)
        replies = [m for m in messages if m["msg_type"] == "comm_msg"]
        assert len(replies) == 1, [m["msg_type"] for m in messages]
        assert replies[0]["content"]["comm_id"] == self.comm_id
        data = replies[0]["content"]["data"]
        assert data["id"] == request_id
        return data, [bytes(b) for b in replies[0]["buffers"]], messages


@pytest.fixture(scope="module")
def kernel(tiny_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kernel]:
    spec_dir = tmp_path_factory.mktemp("kernels") / "featurelab-test"
    spec_dir.mkdir()
    (spec_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "featurelab test",
                "language": "python",
            }
        )
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    env["FEATURELAB_WORKSPACE"] = str(tiny_workspace)
    env["SPARK_LOCAL_IP"] = "127.0.0.1"
    manager = KernelManager(
        kernel_name="featurelab-test",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]),
    )
    manager.start_kernel(env=env, cwd=str(tiny_workspace))
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield Kernel(client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def output_types(messages: list[dict[str, Any]]) -> set[str]:
    return {m["msg_type"] for m in messages} - {"status"}


def test_silent_register_is_invisible_and_idempotent(kernel: Kernel) -> None:
    before = kernel.user_names()
    for _ in range(2):
        content, messages = kernel.execute(REGISTER, silent=True)
        assert content["status"] == "ok"
        assert output_types(messages) == set()  # no stream, result, display or error
    assert kernel.user_names() == before
    assert "featurelab" not in before


def test_requests_without_a_session(kernel: Kernel) -> None:
    assert output_types(kernel.open_comm()) == set()

    data, buffers, messages = kernel.request("ping")
    assert data["ok"] is True
    assert data["result"]["helper"] == __version__ and data["result"]["sessionActive"] is False
    assert data["result"]["spark"].startswith("3.5.")  # the installed pyspark, not a session
    assert buffers == [] and output_types(messages) == {"comm_msg"}

    data, buffers, _ = kernel.request("catalog")
    assert data["result"] == {"sessionActive": False, "sparkVersion": None, "tableCount": 0}
    assert from_ipc_stream(buffers[0]).schema.equals(CATALOG_SCHEMA)

    data, buffers, _ = kernel.request("preview", table="demo.users")
    assert data["ok"] is False and data["error"]["kind"] == "NoSparkSessionError"

    # Asking did not start Spark (nor even import pyspark) in the kernel.
    probe = {"x": "'pyspark' in __import__('sys').modules"}
    content, _ = kernel.execute("", silent=True, user_expressions=probe)
    assert content["user_expressions"]["x"]["data"]["text/plain"] == "False"


def test_requests_with_the_notebooks_session(kernel: Kernel, tiny_workspace: Path) -> None:
    content, _ = kernel.execute(
        "import featurelab\n"
        "spark = featurelab.spark_session(master='local[1]', **{'spark.sql.shuffle.partitions': '1'})"
    )
    assert content["status"] == "ok", content

    data, _, _ = kernel.request("ping")
    assert data["result"]["sessionActive"] is True

    data, buffers, messages = kernel.request("catalog")
    assert data["ok"] and data["result"]["sessionActive"] is True
    assert output_types(messages) == {"comm_msg"}
    listing = from_ipc_stream(buffers[0])
    assert data["result"]["tableCount"] == listing.num_rows
    demo = {r["name"] for r in listing.to_pylist() if r["database"] == "demo" and r["error"] is None}
    assert demo == {"users", "items", "impressions", "orders"}

    data, buffers, messages = kernel.request("preview", table="demo.orders", limit=1000)
    assert output_types(messages) == {"comm_msg"}
    orders = from_ipc_stream(buffers[0])
    assert data["result"]["rowCount"] == orders.num_rows > 0
    assert str(orders.schema.field("amount").type) == "decimal128(14, 2)"

    data, _, _ = kernel.request("preview", sql="SELECT * FROM nowhere")
    assert data["ok"] is False and data["error"]["kind"] == "AnalysisException"
