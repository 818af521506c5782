"""Typed errors raised by the service supervisor.

Each error knows the HTTP status and the snake_case ``code`` the REST API reports for it, so
the handlers translate errors in one place and the frontend can branch on ``code``.
"""

from __future__ import annotations

from typing import Any


class FeaturelabError(Exception):
    """Base class: a failure to report to the browser as ``{"error": {...}}``."""

    status: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, hint: str | None = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.data = data

    def to_json(self) -> dict[str, Any]:
        """The ``error`` object of the REST API."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            error["hint"] = self.hint
        if self.data is not None:
            error["data"] = self.data
        return error


class BadRequestError(FeaturelabError):
    """The browser sent something the shim refuses before it reaches the service."""

    status = 400

    def __init__(self, code: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


class ServiceUnavailableError(FeaturelabError):
    """The service cannot take requests now: starting, restarting, failed or stopped."""

    status = 503

    def __init__(self, code: str, message: str, *, hint: str | None = None, data: Any = None) -> None:
        super().__init__(message, hint=hint, data=data)
        self.code = code


class ServiceCrashedError(ServiceUnavailableError):
    """The service process exited while this request was in flight."""

    def __init__(self, message: str, *, hint: str | None = None, data: Any = None) -> None:
        super().__init__("service_crashed", message, hint=hint, data=data)


class ServiceTimeoutError(FeaturelabError):
    """The service did not answer within the request timeout."""

    status = 504
    code = "service_timeout"


class ProtocolError(FeaturelabError):
    """The service broke the stdio framing or sent a malformed JSON-RPC message."""

    status = 502
    code = "service_protocol_error"


class RpcError(FeaturelabError):
    """The service answered with a JSON-RPC error object.

    The JSON-RPC code picks the HTTP status: unknown method 404, bad params or request 400,
    anything else (internal or application error) 502.
    """

    _BY_RPC_CODE: dict[int, tuple[int, str]] = {
        -32700: (502, "service_protocol_error"),
        -32600: (400, "invalid_request"),
        -32601: (404, "method_not_found"),
        -32602: (400, "invalid_params"),
        -32603: (502, "service_internal_error"),
    }

    def __init__(self, rpc_code: int, message: str, data: Any = None) -> None:
        hint = data.get("hint") if isinstance(data, dict) and isinstance(data.get("hint"), str) else None
        super().__init__(message, hint=hint, data=data)
        self.rpc_code = rpc_code
        self.status, self.code = self._BY_RPC_CODE.get(rpc_code, (502, "service_error"))
