"""The REST API against a real Jupyter server and the real bundled service."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from typing import Any

import pytest

from featurelab_test_utils import Api, on_server_loop

from jupyterlab_featurelab import PROTOCOL_VERSION, __version__
from jupyterlab_featurelab.compat import compatible
from jupyterlab_featurelab.supervisor import ServiceState, ServiceSupervisor


@on_server_loop
async def test_version_handshake(api: Api) -> None:
    code, body = await api("GET", "version", params={"client": __version__})
    assert code == 200
    assert body["shim"] == __version__
    assert body["protocol"] == PROTOCOL_VERSION
    assert body["service"] is not None and compatible(body["service"], __version__)
    assert body["compatible"] is True, body["message"]


@on_server_loop
async def test_version_mismatch_and_bad_client(api: Api) -> None:
    code, body = await api("GET", "version", params={"client": "99.0.0"})
    assert code == 200
    assert body["compatible"] is False
    assert "pip install -U jupyterlab-featurelab" in body["message"]

    code, body = await api("GET", "version", params={"client": "not-a-version"})
    assert code == 400
    assert body["error"]["code"] == "invalid_version"


@on_server_loop
async def test_status_of_a_ready_service(api: Api, supervisor: ServiceSupervisor) -> None:
    await supervisor.wait_until_ready()  # status reports the state now; it does not wait
    code, body = await api("GET", "status")
    assert code == 200, body
    service = body["service"]
    assert service["state"] == "ready"
    assert isinstance(service["pid"], int)
    assert service["restarts"] == 0 and service["lastExit"] is None
    assert compatible(service["version"], __version__)
    assert body["error"] is None
    health = body["health"]
    assert health["status"] in {"ok", "degraded"}
    assert health["user"] == await api.login()
    assert health["registry"]["kind"] == "sqlite"


@on_server_loop
async def test_rpc_round_trip_carries_the_logged_in_user(api: Api) -> None:
    code, body = await api("POST", "rpc/health", {"args": {}})
    assert code == 200, body
    assert body["result"]["user"] == await api.login()

    code, body = await api("POST", "rpc/version", {})
    assert code == 200, body
    assert body["result"]["protocol"] == PROTOCOL_VERSION
    assert body["result"]["node"].startswith("v24.")


@on_server_loop
async def test_the_browser_cannot_choose_the_user(api: Api) -> None:
    code, body = await api("POST", "rpc/health", {"user": {"username": "mallory"}, "args": {}})
    assert code == 400
    assert body["error"]["code"] == "invalid_body"
    assert "user" in body["error"]["message"]


@on_server_loop
async def test_request_errors(api: Api) -> None:
    cases: list[tuple[str, Any, int, str]] = [
        ("rpc/no.such.method", {"args": {}}, 404, "method_not_found"),
        ("rpc/bad-name!", {"args": {}}, 400, "invalid_method"),
        ("rpc/rpc.discover", {"args": {}}, 400, "invalid_method"),
        ("rpc/health", "{not json", 400, "invalid_json"),
        ("rpc/health", [], 400, "invalid_body"),
        ("rpc/health", {"args": [1]}, 400, "invalid_body"),
        ("rpc/debug.sleep", {"args": {"ms": "long"}}, 400, "invalid_params"),
    ]
    for path, body, status, error_code in cases:
        code, reply = await api("POST", path, body)
        assert (code, reply["error"]["code"]) == (status, error_code), (path, reply)
        assert reply["error"]["message"]


@on_server_loop
async def test_slow_answer_times_out_with_504(api: Api, supervisor: ServiceSupervisor) -> None:
    supervisor.request_timeout = 0.3
    began = time.monotonic()
    code, body = await api("POST", "rpc/debug.sleep", {"args": {"ms": 1500}})
    assert code == 504
    assert body["error"]["code"] == "service_timeout"
    assert time.monotonic() - began < 2
    supervisor.request_timeout = 10.0
    code, body = await api("POST", "rpc/debug.sleep", {"args": {"ms": 1}})
    assert (code, body) == (200, {"result": {"slept": 1}})


async def wait_for_in_flight(supervisor: ServiceSupervisor, count: int) -> None:
    deadline = time.monotonic() + 5
    while supervisor.in_flight < count:
        assert time.monotonic() < deadline, "requests did not reach the service"
        await asyncio.sleep(0.02)


@on_server_loop
async def test_killed_service_fails_in_flight_requests_then_restarts(
    api: Api, supervisor: ServiceSupervisor
) -> None:
    await supervisor.wait_until_ready()
    _, status = await api("GET", "status")
    pid = status["service"]["pid"]
    sleepers = [asyncio.ensure_future(api("POST", "rpc/debug.sleep", {"args": {"ms": 20000}})) for _ in range(3)]
    await wait_for_in_flight(supervisor, 3)

    began = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    replies = await asyncio.wait_for(asyncio.gather(*sleepers), 5)
    assert time.monotonic() - began < 3, "in-flight requests must fail at once, not hang"
    for code, body in replies:
        assert code == 503
        error = body["error"]
        assert error["code"] == "service_crashed"
        assert "'debug.sleep'" in error["message"]
        assert "signal SIGKILL" in error["message"]
        assert "restarting" in error["message"]
        assert error["data"]["restarting"] is True

    # The next request waits for the automatic restart and succeeds.
    code, body = await api("POST", "rpc/health", {"args": {}})
    assert code == 200, body

    _, status = await api("GET", "status")
    service = status["service"]
    assert service["state"] == "ready"
    assert service["restarts"] == 1
    assert service["pid"] != pid
    assert service["lastExit"]["signal"] == "SIGKILL"
    assert service["lastExit"]["code"] is None
    assert service["lastExit"]["at"]


@on_server_loop
async def test_service_exit_code_is_reported(api: Api, supervisor: ServiceSupervisor) -> None:
    code, body = await api("POST", "rpc/debug.exit", {"args": {"code": 7}})
    assert code == 503
    assert body["error"]["code"] == "service_crashed"
    assert "exit code 7" in body["error"]["message"]

    code, _ = await api("POST", "rpc/health", {"args": {}})
    assert code == 200
    _, status = await api("GET", "status")
    assert status["service"]["lastExit"]["code"] == 7
    assert status["service"]["restarts"] == 1


@on_server_loop
async def test_stopping_the_extension_stops_the_service(
    api: Api, featurelab_app: Any, supervisor: ServiceSupervisor
) -> None:
    await supervisor.wait_until_ready()
    _, status = await api("GET", "status")
    pid = status["service"]["pid"]
    await featurelab_app.stop_extension()
    assert supervisor.state is ServiceState.STOPPED
    assert supervisor.last_exit is not None and supervisor.last_exit.code == 0, "clean exit on stdin EOF"
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive

    code, body = await api("POST", "rpc/health", {"args": {}})
    assert code == 503
    assert body["error"]["code"] == "service_stopped"
    _, status = await api("GET", "status")
    assert status["service"]["state"] == "stopped"


@on_server_loop
async def test_service_log_lines_reach_the_jupyter_log(
    supervisor: ServiceSupervisor, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await supervisor.wait_until_ready()
        await asyncio.sleep(0.2)  # the stderr line may trail the ready notification
    forwarded = [r for r in caplog.records if r.getMessage().startswith("[featurelab service] ")]
    assert forwarded, "no service log line was forwarded"
    assert all(r.levelno >= logging.DEBUG for r in forwarded)
    assert not any(r.getMessage().removeprefix("[featurelab service] ").startswith("{") for r in forwarded)
