"""REST handlers of ``/featurelab/api``: authenticate, attach the user, forward, translate errors.

Every verb is ``@tornado.web.authenticated`` and ``@authorized`` on the ``featurelab``
resource, and XSRF checks stay on (jupyter_server enforces them for cookie-authenticated
POSTs). The caller's identity comes from the Jupyter server's identity provider only: a
request body cannot carry one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web

from ._version import __version__
from .compat import Handshake, major_minor
from .errors import BadRequestError, FeaturelabError
from .supervisor import ServiceState, ServiceSupervisor

AUTH_RESOURCE = "featurelab"

#: Dotted identifiers such as ``health`` or ``featureGroups.list``. No ``/`` (so the
#: ``featurelab/…`` notifications cannot be called) and no ``rpc.`` prefix (reserved by JSON-RPC).
METHOD_NAME = re.compile(r"^(?!rpc\.)[A-Za-z][A-Za-z0-9_]{0,63}(?:\.[A-Za-z][A-Za-z0-9_]{0,63}){0,3}$")

#: Errors after which the same request is expected to work shortly.
RETRYABLE = frozenset({"service_starting", "service_restarting", "service_crashed"})

#: How long ``GET status`` waits for the service's health report.
STATUS_HEALTH_TIMEOUT = 5.0


def user_identity(user: Any) -> dict[str, str]:
    """The ``user`` object sent to the service, from jupyter_server's ``current_user``."""
    username = getattr(user, "username", None) or str(user)
    display_name = getattr(user, "display_name", None) or getattr(user, "name", None) or username
    return {"username": username, "displayName": display_name}


class FeaturelabHandler(APIHandler):
    """Base class: access to the supervisor and uniform ``{"error": {...}}`` replies."""

    auth_resource = AUTH_RESOURCE
    supervisor: ServiceSupervisor

    def initialize(self, supervisor: ServiceSupervisor) -> None:
        self.supervisor = supervisor

    def service_params(self, args: dict[str, Any]) -> dict[str, Any]:
        """JSON-RPC params for the service: the authenticated caller plus the browser's args."""
        return {"user": user_identity(self.current_user), "args": args}

    def send_error_json(self, error: FeaturelabError) -> None:
        """Finish the request with the REST API's error object and the error's HTTP status."""
        self.set_status(error.status)
        if error.code in RETRYABLE:
            self.set_header("Retry-After", "2")
        self.finish(json.dumps({"error": error.to_json()}))


class VersionHandler(FeaturelabHandler):
    """``GET /featurelab/api/version?client=<semver>``: the compatibility handshake."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        client = self.get_query_argument("client", None) or None
        if client is not None and major_minor(client) is None:
            self.send_error_json(
                BadRequestError("invalid_version", f"'client' is not a version: {client[:40]!r}.")
            )
            return
        supervisor = self.supervisor
        supervisor.start()
        if supervisor.state in (ServiceState.STARTING, ServiceState.RESTARTING):
            # The page usually asks right after the server started: give the service its
            # short start-up moment so the answer carries its version.
            try:
                await supervisor.wait_until_ready()
            except FeaturelabError:
                pass
        problem = supervisor.failure.message if supervisor.failure else None
        handshake = Handshake(
            client=client,
            service=supervisor.service_version if supervisor.state is ServiceState.READY else None,
            service_protocol=supervisor.service_protocol,
            service_state=supervisor.state.value,
            service_problem=problem,
        )
        self.finish(json.dumps(handshake.to_json()))


class StatusHandler(FeaturelabHandler):
    """``GET /featurelab/api/status``: supervisor state plus the service's health report."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        supervisor = self.supervisor
        supervisor.start()
        health = None
        error: dict[str, Any] | None = None
        if supervisor.state is ServiceState.READY:
            try:
                health = await supervisor.request(
                    "health",
                    self.service_params({}),
                    timeout=min(STATUS_HEALTH_TIMEOUT, supervisor.request_timeout),
                    ready_wait=0,
                )
            except FeaturelabError as err:
                error = err.to_json()
        elif supervisor.failure is not None:
            error = supervisor.failure.to_json()
        self.finish(
            json.dumps(
                {"shim": __version__, "service": supervisor.snapshot(), "health": health, "error": error}
            )
        )


class RpcHandler(FeaturelabHandler):
    """``POST /featurelab/api/rpc/<method>`` with body ``{"args": {...}}``."""

    @web.authenticated
    @authorized("execute")
    async def post(self, method: str) -> None:
        try:
            args = self._parse(method)
            result = await self.supervisor.request(method, self.service_params(args))
        except FeaturelabError as err:
            if err.status >= 500:
                self.log.warning("featurelab rpc %s failed: %s", method, err.message)
            self.send_error_json(err)
            return
        self.finish(json.dumps({"result": result}))

    def _parse(self, method: str) -> dict[str, Any]:
        if not METHOD_NAME.match(method):
            raise BadRequestError("invalid_method", f"Invalid method name {method[:80]!r}.")
        raw = self.request.body
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BadRequestError("invalid_json", f"The request body is not JSON: {err}.") from err
        if not isinstance(body, dict):
            raise BadRequestError("invalid_body", 'The request body must be an object {"args": {...}}.')
        unknown = sorted(set(body) - {"args"})
        if unknown:
            raise BadRequestError(
                "invalid_body",
                f"Unexpected field(s) {', '.join(unknown)} in the request body; only 'args' is "
                "accepted (the user is taken from the Jupyter login).",
            )
        args = body.get("args", {})
        if not isinstance(args, dict):
            raise BadRequestError("invalid_body", "'args' must be a JSON object.")
        return args
