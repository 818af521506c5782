"""Supervisor policy with tiny Python children that crash, hang or never start.

These children only stand in for "a process that misbehaves"; everything about the real
protocol is tested against the real service in test_service.py.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time

import pytest

from jupyterlab_featurelab.errors import ServiceUnavailableError
from jupyterlab_featurelab.supervisor import RestartPolicy, ServiceState, ServiceSupervisor

LOG = logging.getLogger("featurelab-test")
CRASHING_CHILD = [sys.executable, "-c", "import sys; sys.stderr.write('boom\\n'); sys.exit(3)"]
READY_THEN_CRASHING_CHILD = [
    sys.executable,
    "-c",
    "import sys; b = b'{\"jsonrpc\":\"2.0\",\"method\":\"featurelab/ready\",\"params\":{}}'; "
    "sys.stdout.buffer.write(b'Content-Length: %d\\r\\n\\r\\n' % len(b) + b); sys.stdout.flush(); sys.exit(4)",
]
SILENT_CHILD = [sys.executable, "-c", "import time; time.sleep(60)"]


def supervisor(argv: list[str], **kwargs: object) -> ServiceSupervisor:
    options: dict[str, object] = {"ready_wait": 5.0, "shutdown_timeout": 0.5, "startup_timeout": 10.0}
    options.update(kwargs)
    return ServiceSupervisor(argv, log=LOG, **options)  # type: ignore[arg-type]


async def wait_for_state(sup: ServiceSupervisor, state: ServiceState, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while sup.state is not state:
        assert time.monotonic() < deadline, f"state is {sup.state}, expected {state}"
        await asyncio.sleep(0.01)


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RestartPolicy(backoff_initial=0.5, backoff_max=30.0)
    assert [policy.delay(n) for n in range(1, 9)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert policy.delay(10_000) == 30.0


async def test_crash_loop_backs_off_then_fails() -> None:
    policy = RestartPolicy(backoff_initial=0.05, backoff_max=0.2, max_restarts=3, window=60)
    sup = supervisor(CRASHING_CHILD, policy=policy)
    started = time.monotonic()
    sup.start()
    try:
        await wait_for_state(sup, ServiceState.FAILED)
        elapsed = time.monotonic() - started
        # 4 runs, 3 restarts with delays 0.05 + 0.1 + 0.2 between them.
        assert elapsed >= 0.35
        assert sup.restarts == 3
        assert sup.last_exit is not None and sup.last_exit.code == 3 and sup.last_exit.signal is None
        snapshot = sup.snapshot()
        assert snapshot["state"] == "failed" and snapshot["pid"] is None and snapshot["restarts"] == 3
        assert snapshot["lastExit"]["code"] == 3

        # A failed service answers at once with its reason; it never hangs a request.
        began = time.monotonic()
        with pytest.raises(ServiceUnavailableError) as caught:
            await sup.request("health", {"user": {}, "args": {}})
        assert time.monotonic() - began < 0.5
        error = caught.value.to_json()
        assert error["code"] == "service_failed"
        assert "exited 4 times within 60 s" in error["message"]
        assert "not restarted again" in error["message"]
        assert "featurelab doctor" in error["hint"]
        assert error["data"]["stderrTail"][-1] == "boom"
    finally:
        await sup.stop()


async def test_backoff_resets_after_a_stable_period() -> None:
    # stable_after=0: a child that reported ready counts as stable however short it lived,
    # so every restart waits the initial delay instead of 0.1, 0.2, 0.4, 0.8 s.
    policy = RestartPolicy(backoff_initial=0.1, backoff_max=100, stable_after=0, max_restarts=4, window=60)
    sup = supervisor(READY_THEN_CRASHING_CHILD, policy=policy)
    started = time.monotonic()
    sup.start()
    try:
        await wait_for_state(sup, ServiceState.FAILED, timeout=5)
        assert sup.restarts == 4
        assert time.monotonic() - started < 1.2
        assert sup.last_exit is not None and sup.last_exit.code == 4
    finally:
        await sup.stop()


async def test_crashes_outside_the_window_do_not_count() -> None:
    policy = RestartPolicy(backoff_initial=0.05, backoff_max=0.05, max_restarts=1, window=0.01)
    sup = supervisor(CRASHING_CHILD, policy=policy)
    sup.start()
    try:
        await asyncio.sleep(0.6)
        assert sup.state is not ServiceState.FAILED
        assert sup.restarts >= 3
    finally:
        await sup.stop()
    assert sup.state is ServiceState.STOPPED


async def test_requests_while_starting_wait_a_bounded_time() -> None:
    sup = supervisor(SILENT_CHILD, ready_wait=0.2)
    sup.start()
    try:
        began = time.monotonic()
        with pytest.raises(ServiceUnavailableError) as caught:
            await sup.request("health", {"user": {}, "args": {}})
        assert 0.15 <= time.monotonic() - began < 1.0
        assert caught.value.code == "service_starting"
        assert caught.value.status == 503
        assert sup.state is ServiceState.STARTING and sup.pid is not None
    finally:
        await sup.stop()
    assert sup.state is ServiceState.STOPPED and sup.pid is None


async def test_child_that_never_reports_ready_is_killed_and_restarted() -> None:
    policy = RestartPolicy(backoff_initial=0.05, max_restarts=5, window=60)
    sup = supervisor(SILENT_CHILD, startup_timeout=1.0, policy=policy)
    sup.start()
    try:
        await wait_for_state(sup, ServiceState.RESTARTING, timeout=3)
        assert sup.last_exit is not None and sup.last_exit.signal == "SIGKILL"
        with pytest.raises(ServiceUnavailableError) as caught:
            await sup.request("health", {}, ready_wait=0)
        assert caught.value.code == "service_restarting"
        assert "SIGKILL" in caught.value.message
    finally:
        await sup.stop()


async def test_stop_escalates_when_the_child_ignores_stdin_eof() -> None:
    sup = supervisor(SILENT_CHILD, shutdown_timeout=0.2)
    sup.start()
    await asyncio.sleep(0.2)
    began = time.monotonic()
    await sup.stop()
    assert time.monotonic() - began < 2
    assert sup.state is ServiceState.STOPPED
    assert sup.last_exit is not None and sup.last_exit.signal == "SIGTERM"
    sup.start()  # a stopped supervisor stays stopped
    assert sup.state is ServiceState.STOPPED


async def test_missing_program_fails_with_a_clear_message() -> None:
    sup = supervisor(["/nonexistent/featurelab-node"])
    sup.start()
    try:
        await wait_for_state(sup, ServiceState.FAILED)
        with pytest.raises(ServiceUnavailableError, match="Cannot start the Featurelab service"):
            await sup.request("health", {})
    finally:
        await sup.stop()
