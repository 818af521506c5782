"""The kernel side of the Featurelab bridge: a comm target named ``featurelab.bridge``.

The frontend runs ``__import__("featurelab.bridge").bridge.register()`` silently, then opens a
comm and sends requests ``{"id", "method", "args"}``. Each request gets exactly one reply,
``{"id", "ok": true, "result"}`` (tables as Arrow IPC streams in ``buffers[0]``) or
``{"id", "ok": false, "error": {"kind", "message"}}``. The protocol is specified in
docs/architecture.md ("Kernel bridge").

Rules that shape this module:

* The bridge runs in the user's kernel, between their cells. It must never print, warn or
  bind names in the user's namespace, and it never starts a SparkSession on its own.
* :func:`handle_request` is a plain function (message in, reply and buffers out) that never
  raises, so the whole protocol is testable without a kernel; the comm glue stays thin.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import Any

from . import __version__
from .analyze import analyze_query
from .arrowipc import to_ipc_stream
from .catalog import CATALOG_SCHEMA, catalog_table, list_catalog
from .errors import BadRequestError, FeaturelabError, NoSparkSessionError, first_line
from .preview import preview
from .save_query import save_feature_group
from .session import active_session

TARGET_NAME = "featurelab.bridge"
#: Error messages are cut here; JVM exceptions can carry pages of stack trace.
MAX_ERROR_CHARS = 2000

log = logging.getLogger(__name__)

Reply = tuple[dict[str, Any], list[bytes]]
Method = Callable[[dict[str, Any]], tuple[dict[str, Any], list[bytes]]]


def _spark_version() -> str | None:
    session = active_session()
    if session is not None:
        return session.version
    try:
        return metadata.version("pyspark")  # installed but not started; no import needed
    except metadata.PackageNotFoundError:
        return None


def _ping(args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    return {
        "helper": __version__,
        "spark": _spark_version(),
        "sessionActive": active_session() is not None,
    }, []


def _catalog(args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    session = active_session()
    if session is None:
        empty = to_ipc_stream(CATALOG_SCHEMA.empty_table())
        return {"sessionActive": False, "sparkVersion": None, "tableCount": 0}, [empty]
    table = catalog_table(list_catalog(session))
    result = {"sessionActive": True, "sparkVersion": session.version, "tableCount": table.num_rows}
    return result, [to_ipc_stream(table)]


def _preview(args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    session = active_session()
    if session is None:
        raise NoSparkSessionError("No active SparkSession in this kernel.")
    table = preview(session, table=args.get("table"), sql=args.get("sql"), limit=args.get("limit"))
    return {"rowCount": table.num_rows}, [to_ipc_stream(table)]


def _analyze(args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    session = active_session()
    if session is None:
        raise NoSparkSessionError("No active SparkSession in this kernel.")
    return analyze_query(session, args.get("sql")), []


def _save_feature_group(args: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    return save_feature_group(args), []


METHODS: dict[str, Method] = {
    "ping": _ping,
    "catalog": _catalog,
    "preview": _preview,
    "analyze": _analyze,
    "saveFeatureGroup": _save_feature_group,
}


def handle_request(message: Any) -> Reply:
    """Answer one request. Never raises: failures become ``ok: false`` replies."""
    request_id = message.get("id") if isinstance(message, dict) else None
    try:
        if not isinstance(message, dict):
            raise BadRequestError("a request must be a JSON object")
        method = METHODS.get(message.get("method"))  # type: ignore[arg-type]
        if method is None:
            raise BadRequestError(f"unknown method {message.get('method')!r}")
        args = message.get("args") or {}
        if not isinstance(args, dict):
            raise BadRequestError("'args' must be a JSON object")
        result, buffers = method(args)
        return {"id": request_id, "ok": True, "result": result}, buffers
    except Exception as exc:
        log.debug("featurelab.bridge request failed", exc_info=True)
        return {"id": request_id, "ok": False, "error": _error_payload(exc)}, []


def _error_payload(exc: BaseException) -> dict[str, str]:
    if isinstance(exc, FeaturelabError):
        kind, message = exc.kind, str(exc)
    else:
        kind, message = type(exc).__name__, first_line(exc)
    if len(message) > MAX_ERROR_CHARS:
        message = message[: MAX_ERROR_CHARS - 1] + "…"
    return {"kind": kind, "message": message}


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Swallow prints and warnings from Spark/pyarrow while a request is handled.

    Anything written to ``sys.stdout``/``sys.stderr`` here would show up in the user's
    notebook, attached to whatever cell ran last.
    """
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield


def _serve(comm: Any, data: Any) -> None:
    with _quiet():
        reply, buffers = handle_request(data)
    comm.send(data=reply, buffers=buffers)


def _on_comm_open(comm: Any, open_msg: dict[str, Any]) -> None:
    def on_msg(msg: dict[str, Any]) -> None:
        _serve(comm, msg.get("content", {}).get("data"))

    comm.on_msg(on_msg)
    # A request may ride on the open message itself; answer it like any other.
    data = open_msg.get("content", {}).get("data")
    if isinstance(data, dict) and "method" in data:
        _serve(comm, data)


def register() -> None:
    """Register the ``featurelab.bridge`` comm target on the running IPython kernel.

    Idempotent: the frontend calls it on every (re)connect. Returns ``None`` so a silent
    execute produces no result, and binds nothing in the user's namespace.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        raise RuntimeError("featurelab.bridge.register() must run inside an IPython kernel")
    # ipykernel replaces comm.get_comm_manager with one returning the kernel's manager.
    from comm import get_comm_manager

    manager = get_comm_manager()
    if manager.targets.get(TARGET_NAME) is not _on_comm_open:
        manager.register_target(TARGET_NAME, _on_comm_open)
    # The %%sql cell magic comes with the bridge, unless another package's %%sql is loaded.
    from .magics import register_magics

    with _quiet():
        register_magics(shell, replace=False)
