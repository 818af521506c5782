"""Helpers shared by the tests that talk to a real Jupyter server."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any


def on_server_loop(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test on pytest-jupyter's event loop, the one the server under test uses.

    The repository runs pytest-asyncio in ``auto`` mode, which would run a plain ``async def``
    test on a loop of its own, where the server never answers. Wrapping the test in a
    synchronous function keeps pytest-asyncio out of it under any mode.
    """
    signature = inspect.signature(test)
    adds_loop = "jp_asyncio_loop" not in signature.parameters

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        loop = kwargs.pop("jp_asyncio_loop") if adds_loop else kwargs["jp_asyncio_loop"]
        loop.run_until_complete(test(*args, **kwargs))

    if adds_loop:
        loop_param = inspect.Parameter("jp_asyncio_loop", inspect.Parameter.KEYWORD_ONLY)
        signature = signature.replace(parameters=[*signature.parameters.values(), loop_param])
    run.__signature__ = signature  # type: ignore[attr-defined]
    return run


class Api:
    """Calls ``/featurelab/api`` as one logged-in browser session would.

    The first call fetches ``/api/me`` with the token and keeps the login cookie, so every
    later call is made by the same user (token requests without a cookie each get a fresh
    anonymous user). ``await api("POST", "rpc/health", {"args": {}})`` returns
    ``(HTTP status, parsed JSON body)`` and never raises for 4xx/5xx.
    """

    def __init__(self, jp_fetch: Callable[..., Awaitable[Any]]) -> None:
        self._fetch = jp_fetch
        self._cookie: str | None = None
        self.username: str | None = None

    async def login(self) -> str:
        """Start the session; return the username the server assigned."""
        if self.username is None:
            response = await self._fetch("api", "me")
            jar: SimpleCookie = SimpleCookie()
            for header in response.headers.get_list("Set-Cookie"):
                jar.load(header)
            self._cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
            self.username = json.loads(response.body)["identity"]["username"]
        return self.username

    async def __call__(self, verb: str, path: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        await self.login()
        if verb == "POST":
            kwargs["body"] = body if isinstance(body, (str, bytes)) else json.dumps({} if body is None else body)
        headers = {"Cookie": self._cookie or "", **kwargs.pop("headers", {})}
        response = await self._fetch(
            "featurelab", "api", *path.split("/"), method=verb, headers=headers, raise_error=False, **kwargs
        )
        return response.code, json.loads(response.body) if response.body else None
