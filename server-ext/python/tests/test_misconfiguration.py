"""A server whose service cannot start still answers, with the reason and the fix."""

from __future__ import annotations

from typing import Any

import pytest
from featurelab_test_utils import Api, on_server_loop
from traitlets.config import Config


@pytest.fixture
def jp_server_config(jp_server_config: Config, tmp_path: Any) -> Config:
    jp_server_config.FeaturelabApp.node_path = str(tmp_path / "no-such-node")
    return jp_server_config


@on_server_loop
async def test_missing_node_is_reported_not_hung(api: Api) -> None:
    code, body = await api("GET", "status")
    assert code == 200
    assert body["service"]["state"] == "failed"
    assert body["service"]["pid"] is None
    assert "Node was not found" in body["error"]["message"]
    assert "c.FeaturelabApp.node_path" in body["error"]["hint"]

    code, body = await api("POST", "rpc/health", {"args": {}})
    assert code == 503
    assert body["error"]["code"] == "service_failed"

    code, body = await api("GET", "version", params={"client": "0.1.0"})
    assert code == 200
    assert body["service"] is None
    assert "not running (state: failed)" in body["message"]
