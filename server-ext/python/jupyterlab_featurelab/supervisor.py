"""Run the Featurelab service as a supervised child process speaking JSON-RPC over stdio.

The supervisor owns one long-lived child. It

* spawns it with an argument list (never a shell string), in its own session, so a Ctrl-C at
  the terminal reaches the Jupyter server, which then stops the child cleanly;
* reads Content-Length framed JSON-RPC messages from its stdout, forwards its stderr JSON log
  lines to the Jupyter log, and answers requests by id with per-request timeouts;
* treats the child as ``starting`` until the ``featurelab/ready`` notification arrives;
* when the child exits, fails every in-flight request at once with
  :class:`ServiceCrashedError` and restarts it with capped exponential backoff, giving up
  (state ``failed``) after too many restarts within a time window.

Requests never hang: while the service is (re)starting they wait a short, bounded time for
readiness and then fail with :class:`ServiceUnavailableError`.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from .errors import (
    FeaturelabError,
    ProtocolError,
    RpcError,
    ServiceCrashedError,
    ServiceTimeoutError,
    ServiceUnavailableError,
)
from .framing import MessageReader, encode_message
from .service_log import forward_log_line

READY_NOTIFICATION = "featurelab/ready"
TROUBLESHOOTING_HINT = (
    "Look for '[featurelab service]' lines in the Jupyter server log and run `featurelab doctor`."
)
_STDERR_TAIL_LINES = 20


class ServiceState(str, Enum):
    """Lifecycle states reported by ``GET /featurelab/api/status``."""

    STARTING = "starting"
    READY = "ready"
    RESTARTING = "restarting"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ExitInfo:
    """How and when the service process ended."""

    code: int | None
    signal: str | None
    at: datetime

    @classmethod
    def from_returncode(cls, returncode: int) -> ExitInfo:
        """Translate asyncio's return code (negative for a signal on POSIX)."""
        now = datetime.now(timezone.utc)
        if returncode < 0:
            try:
                name = signal.Signals(-returncode).name
            except ValueError:
                name = f"signal {-returncode}"
            return cls(code=None, signal=name, at=now)
        return cls(code=returncode, signal=None, at=now)

    def describe(self) -> str:
        """Short human wording, e.g. ``exit code 1`` or ``signal SIGKILL``."""
        return f"signal {self.signal}" if self.signal else f"exit code {self.code}"

    def to_json(self) -> dict[str, Any]:
        """The ``lastExit`` object of the status API."""
        return {"code": self.code, "signal": self.signal, "at": self.at.isoformat()}


@dataclass(frozen=True)
class RestartPolicy:
    """When and how fast to restart a service that exited on its own."""

    #: First restart delay in seconds; doubles with every consecutive crash.
    backoff_initial: float = 0.5
    #: Cap of the restart delay in seconds.
    backoff_max: float = 30.0
    #: A process that stayed ready this many seconds resets the backoff to ``backoff_initial``.
    stable_after: float = 60.0
    #: More restarts than this within ``window`` seconds puts the supervisor in ``failed``.
    max_restarts: int = 5
    window: float = 300.0

    def delay(self, consecutive_crashes: int) -> float:
        """Backoff before restart number ``consecutive_crashes`` (1-based)."""
        exponent = max(consecutive_crashes - 1, 0)
        return min(self.backoff_initial * (2 ** min(exponent, 32)), self.backoff_max)


@dataclass
class _Pending:
    method: str
    future: asyncio.Future[Any] = field(repr=False)


class ServiceSupervisor:
    """Supervises one stdio JSON-RPC child process; see the module docstring."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        log: logging.Logger,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        request_timeout: float = 30.0,
        startup_timeout: float = 30.0,
        ready_wait: float = 10.0,
        shutdown_timeout: float = 5.0,
        policy: RestartPolicy | None = None,
    ) -> None:
        if not argv:
            msg = "argv must name a program"
            raise ValueError(msg)
        self.argv = list(argv)
        self.log = log
        self.cwd = cwd
        self.env = dict(env) if env is not None else None
        self.request_timeout = request_timeout
        self.startup_timeout = startup_timeout
        self.ready_wait = ready_wait
        self.shutdown_timeout = shutdown_timeout
        self.policy = policy or RestartPolicy()

        self._state = ServiceState.STOPPED
        self._process: asyncio.subprocess.Process | None = None
        self._task: asyncio.Task[None] | None = None
        self._stop_requested: asyncio.Event | None = None
        self._state_waiters: list[asyncio.Future[None]] = []
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._ready_future: asyncio.Future[None] | None = None
        self._ready_at: float | None = None
        self._exit_reason: str | None = None
        self._crash_times: collections.deque[float] = collections.deque()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=_STDERR_TAIL_LINES)

        self.restarts = 0
        self.last_exit: ExitInfo | None = None
        self.service_version: str | None = None
        self.service_protocol: int | None = None
        self.failure: ServiceUnavailableError | None = None

    # -- public API ---------------------------------------------------------------------------

    @property
    def state(self) -> ServiceState:
        """Current lifecycle state."""
        return self._state

    @property
    def pid(self) -> int | None:
        """Pid of the running child, if any."""
        process = self._process
        if process is None or process.returncode is not None:
            return None
        return process.pid

    @property
    def in_flight(self) -> int:
        """Number of requests sent to the service and not answered yet."""
        return sum(1 for pending in self._pending.values() if not pending.future.done())

    def snapshot(self) -> dict[str, Any]:
        """The ``service`` object of the status API."""
        return {
            "state": self._state.value,
            "pid": self.pid,
            "restarts": self.restarts,
            "lastExit": self.last_exit.to_json() if self.last_exit else None,
            "version": self.service_version,
        }

    def start(self) -> None:
        """Start supervising on the running event loop; later calls do nothing.

        Called from the extension's start hook, and again before every request so the
        service also starts where that hook does not run (e.g. in test harnesses).
        """
        if self._task is not None or self._stopping or self.failure is not None:
            return
        self._stop_requested = asyncio.Event()
        self._set_state(ServiceState.STARTING)
        self._task = asyncio.get_running_loop().create_task(
            self._supervise(), name="featurelab-service-supervisor"
        )

    def mark_failed(self, message: str, *, hint: str | None = None) -> None:
        """Put the supervisor in ``failed`` without starting anything (e.g. a missing file)."""
        self.failure = ServiceUnavailableError("service_failed", message, hint=hint)
        self.log.error("Featurelab service: %s %s", message, hint or "")
        self._set_state(ServiceState.FAILED)

    async def wait_until_ready(self, wait: float | None = None) -> None:
        """Return once the service is ready; raise :class:`ServiceUnavailableError` if it is
        failed or stopped, or still not ready after ``wait`` seconds (default ``ready_wait``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.ready_wait if wait is None else wait)
        while True:
            if self._state is ServiceState.READY:
                return
            if self._state is ServiceState.FAILED:
                assert self.failure is not None
                failure = self.failure
                # A fresh exception per request: re-raising one instance would keep
                # growing its traceback for as long as the server runs.
                raise ServiceUnavailableError(
                    failure.code, failure.message, hint=failure.hint, data=failure.data
                )
            if self._state is ServiceState.STOPPED:
                msg = "The Featurelab service is stopped (the Jupyter server is shutting down)."
                raise ServiceUnavailableError("service_stopped", msg)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise self._not_ready_error()
            waiter: asyncio.Future[None] = loop.create_future()
            self._state_waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                pass

    async def request(
        self,
        method: str,
        params: dict[str, Any],
        *,
        timeout: float | None = None,
        ready_wait: float | None = None,
    ) -> Any:
        """Send one JSON-RPC request and return its ``result``.

        Raises :class:`RpcError` for a JSON-RPC error reply, :class:`ServiceTimeoutError`,
        :class:`ServiceCrashedError` if the child exits meanwhile, and
        :class:`ServiceUnavailableError` if it is not ready within ``ready_wait`` seconds.
        """
        self.start()
        await self.wait_until_ready(ready_wait)
        # No await between the readiness check and registering the request: a child that
        # exits from now on fails this request through _fail_pending.
        process = self._process
        assert process is not None and process.stdin is not None
        timeout = self.request_timeout if timeout is None else timeout
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = _Pending(method, future)
        try:
            message = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
            try:
                process.stdin.write(encode_message(message))
                await process.stdin.drain()
            except (ConnectionError, RuntimeError):
                # The child is going away; its exit fails this request (bounded by the timeout).
                self.log.debug("Featurelab service: stdin closed while sending %s", method)
            try:
                return await asyncio.wait_for(future, timeout)
            except TimeoutError as err:
                raise ServiceTimeoutError(
                    f"The Featurelab service did not answer '{method}' within {timeout:g} s.",
                    hint="Try again; if it keeps timing out, raise c.FeaturelabApp.request_timeout "
                    "or check the service log.",
                ) from err
        finally:
            self._pending.pop(request_id, None)

    async def stop(self) -> None:
        """Stop the child (close stdin, wait, then terminate, then kill) and stop supervising."""
        if self._stop_requested is None:
            self._stop_requested = asyncio.Event()
        self._stop_requested.set()
        process = self._process
        if process is not None and process.returncode is None:
            await self._shutdown_process(process)
        if self._task is not None and not self._task.done():
            try:
                await asyncio.wait_for(asyncio.shield(self._task), self.shutdown_timeout)
            except TimeoutError:
                self._task.cancel()
        self._fail_pending(
            lambda method: ServiceUnavailableError(
                "service_stopped",
                f"The Featurelab service was stopped while handling '{method}' "
                "(the Jupyter server is shutting down).",
            )
        )
        self._set_state(ServiceState.STOPPED)

    # -- supervision loop ---------------------------------------------------------------------

    async def _supervise(self) -> None:
        consecutive_crashes = 0
        while not self._stopping:
            exit_info = await self._run_process()
            if exit_info is None or self._stopping:
                return
            if self._was_stable():
                consecutive_crashes = 0
            consecutive_crashes += 1
            delay = self._handle_crash(exit_info, consecutive_crashes)
            if delay is None:
                return
            assert self._stop_requested is not None
            try:
                await asyncio.wait_for(self._stop_requested.wait(), delay)
                return
            except TimeoutError:
                pass
            self.restarts += 1
            self.log.info("Featurelab service: restart #%d", self.restarts)

    @property
    def _stopping(self) -> bool:
        return self._stop_requested is not None and self._stop_requested.is_set()

    def _was_stable(self) -> bool:
        if self._ready_at is None:
            return False
        return asyncio.get_running_loop().time() - self._ready_at >= self.policy.stable_after

    def _handle_crash(self, exit_info: ExitInfo, consecutive_crashes: int) -> float | None:
        """Record a crash, fail in-flight requests; return the restart delay or ``None``."""
        now = asyncio.get_running_loop().time()
        self._crash_times.append(now)
        while self._crash_times and now - self._crash_times[0] > self.policy.window:
            self._crash_times.popleft()
        reason = f" ({self._exit_reason})" if self._exit_reason else ""
        exit_data = exit_info.to_json()

        if len(self._crash_times) > self.policy.max_restarts:
            message = (
                f"The Featurelab service exited {len(self._crash_times)} times within "
                f"{self.policy.window:g} s (last: {exit_info.describe()}{reason}); "
                "it is not restarted again."
            )
            hint = f"{TROUBLESHOOTING_HINT} Fix the cause, then restart JupyterLab."
            self.failure = ServiceUnavailableError(
                "service_failed",
                message,
                hint=hint,
                data={"exit": exit_data, "stderrTail": list(self._stderr_tail)},
            )
            self.log.error("Featurelab service: %s", message)
            self._set_state(ServiceState.FAILED)
            self._fail_pending(
                lambda method: ServiceCrashedError(
                    f"The Featurelab service exited ({exit_info.describe()}{reason}) while "
                    f"handling '{method}'; it crashed too often and is not restarted again.",
                    hint=hint,
                    data={"method": method, "exit": exit_data, "restarting": False},
                )
            )
            return None

        delay = self.policy.delay(consecutive_crashes)
        self.log.warning(
            "Featurelab service exited (%s%s); restarting in %.1f s",
            exit_info.describe(),
            reason,
            delay,
        )
        self._set_state(ServiceState.RESTARTING)
        self._fail_pending(
            lambda method: ServiceCrashedError(
                f"The Featurelab service exited ({exit_info.describe()}{reason}) while handling "
                f"'{method}'; it is restarting, try again in a few seconds.",
                hint=f"If this keeps happening: {TROUBLESHOOTING_HINT}",
                data={"method": method, "exit": exit_data, "restarting": True},
            )
        )
        return delay

    async def _run_process(self) -> ExitInfo | None:
        """Run the child once; return how it exited, or ``None`` if it could not be spawned."""
        self._ready_at = None
        self._exit_reason = None
        self.service_version = None
        loop = asyncio.get_running_loop()
        try:
            process = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=self.cwd,
                env=self.env,
                start_new_session=os.name == "posix",
            )
        except OSError as err:
            self.mark_failed(
                f"Cannot start the Featurelab service ({self.argv[0]}): {err.strerror or err}.",
                hint="Check c.FeaturelabApp.node_path and c.FeaturelabApp.service_path, or "
                "reinstall with `pip install --force-reinstall jupyterlab-featurelab`.",
            )
            return None

        self._process = process
        self._ready_future = loop.create_future()
        self.log.info("Featurelab service: started pid %d: %s", process.pid, " ".join(self.argv))
        stderr_task = loop.create_task(self._pump_stderr(process))
        reader_task = loop.create_task(self._read_stdout(process))
        if self._stopping:  # stop() ran while the process was being spawned
            await self._shutdown_process(process)
        done, _ = await asyncio.wait(
            {reader_task, self._ready_future},
            timeout=self.startup_timeout,
            return_when=asyncio.FIRST_COMPLETED,
        )
        if not done:
            self._exit_reason = f"it did not report ready within {self.startup_timeout:g} s"
            self.log.error("Featurelab service: %s; killing pid %d", self._exit_reason, process.pid)
            _kill(process)
        await reader_task
        # stdout is closed: the child is exiting, or is hung without its output channel.
        try:
            returncode = await asyncio.wait_for(process.wait(), self.shutdown_timeout)
        except TimeoutError:
            self.log.error(
                "Featurelab service: pid %d closed stdout but kept running; killing it", process.pid
            )
            _kill(process)
            returncode = await process.wait()
        try:
            await asyncio.wait_for(stderr_task, 1.0)
        except TimeoutError:
            stderr_task.cancel()
        self.last_exit = ExitInfo.from_returncode(returncode)
        return self.last_exit

    async def _read_stdout(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        reader = MessageReader(process.stdout)
        while True:
            try:
                message = await reader.read()
            except ProtocolError as err:
                self._exit_reason = f"it broke the stdio protocol: {err.message}"
                self.log.error("Featurelab service: %s; killing pid %d", self._exit_reason, process.pid)
                _kill(process)
                return
            if message is None:
                return
            self._dispatch(message)

    async def _pump_stderr(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while True:
            try:
                raw = await process.stderr.readline()
            except ValueError:
                self.log.warning("Featurelab service: dropped an over-long stderr line")
                continue
            if not raw:
                return
            line = raw.decode("utf-8", errors="replace")
            self._stderr_tail.append(line.rstrip("\r\n"))
            forward_log_line(self.log, line)

    # -- messages -----------------------------------------------------------------------------

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message:
            if "id" in message:
                self.log.warning(
                    "Featurelab service: ignoring request %r from the service", message.get("method")
                )
            elif message["method"] == READY_NOTIFICATION:
                self._on_ready(message.get("params"))
            else:
                self.log.debug("Featurelab service: notification %r", message["method"])
            return
        request_id = message.get("id")
        pending = self._pending.get(request_id) if isinstance(request_id, int) else None
        if pending is None or pending.future.done():
            self.log.debug(
                "Featurelab service: reply to unknown or finished request %r", message.get("id")
            )
            return
        error = message.get("error")
        if error is not None:
            pending.future.set_exception(_rpc_error(error))
        elif "result" in message:
            pending.future.set_result(message["result"])
        else:
            pending.future.set_exception(ProtocolError("reply without result or error"))

    def _on_ready(self, params: Any) -> None:
        params = params if isinstance(params, dict) else {}
        version = params.get("version")
        protocol = params.get("protocol")
        self.service_version = version if isinstance(version, str) else None
        self.service_protocol = protocol if isinstance(protocol, int) else None
        self._ready_at = asyncio.get_running_loop().time()
        self.log.info(
            "Featurelab service: ready (version %s, protocol %s)",
            self.service_version,
            self.service_protocol,
        )
        if self._ready_future is not None and not self._ready_future.done():
            self._ready_future.set_result(None)
        self._set_state(ServiceState.READY)

    # -- helpers ------------------------------------------------------------------------------

    def _set_state(self, state: ServiceState) -> None:
        self._state = state
        waiters, self._state_waiters = self._state_waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _not_ready_error(self) -> ServiceUnavailableError:
        if self._state is ServiceState.RESTARTING:
            exited = f" after it exited ({self.last_exit.describe()})" if self.last_exit else ""
            return ServiceUnavailableError(
                "service_restarting",
                f"The Featurelab service is restarting{exited}; try again in a few seconds.",
                hint=f"If this keeps happening: {TROUBLESHOOTING_HINT}",
            )
        return ServiceUnavailableError(
            "service_starting",
            "The Featurelab service is still starting; try again in a few seconds.",
        )

    def _fail_pending(self, make_error: Callable[[str], FeaturelabError]) -> None:
        for pending in list(self._pending.values()):
            if not pending.future.done():
                pending.future.set_exception(make_error(pending.method))

    async def _shutdown_process(self, process: asyncio.subprocess.Process) -> None:
        """Close stdin (the service exits on EOF), wait, then terminate, then kill."""
        if process.stdin is not None and not process.stdin.is_closing():
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), self.shutdown_timeout)
            return
        except TimeoutError:
            self.log.warning("Featurelab service: pid %d ignored stdin EOF; terminating", process.pid)
        try:
            process.terminate()
        except ProcessLookupError:
            return
        try:
            await asyncio.wait_for(process.wait(), self.shutdown_timeout)
        except TimeoutError:
            self.log.warning("Featurelab service: pid %d ignored SIGTERM; killing", process.pid)
            _kill(process)
            await process.wait()


def _kill(process: asyncio.subprocess.Process) -> None:
    try:
        process.kill()
    except ProcessLookupError:
        pass


def _rpc_error(error: Any) -> FeaturelabError:
    if not isinstance(error, dict) or not isinstance(error.get("code"), int):
        return ProtocolError(f"malformed JSON-RPC error object {error!r:.200}")
    message = error.get("message")
    return RpcError(error["code"], message if isinstance(message, str) else "error", error.get("data"))
