"""URL routes of the server extension, all under ``<base_url>/featurelab/api/``."""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import Application

from .handlers import RpcHandler, StatusHandler, VersionHandler
from .supervisor import ServiceSupervisor

API_PREFIX = ("featurelab", "api")


Route = tuple[str, type, dict[str, Any]]


def route_handlers(base_url: str, supervisor: ServiceSupervisor) -> list[Route]:
    """The ``(pattern, handler, kwargs)`` triples of the REST API."""
    kwargs = {"supervisor": supervisor}
    api = url_path_join(base_url, *API_PREFIX)
    return [
        (url_path_join(api, "version"), VersionHandler, kwargs),
        (url_path_join(api, "status"), StatusHandler, kwargs),
        # Any single path segment; the handler validates the name and answers JSON errors.
        (url_path_join(api, "rpc", r"(?P<method>[^/]+)"), RpcHandler, kwargs),
    ]


def setup_route_handlers(web_app: Application, supervisor: ServiceSupervisor) -> None:
    """Register the REST API on the Jupyter server's web application."""
    web_app.add_handlers(".*$", route_handlers(web_app.settings["base_url"], supervisor))
