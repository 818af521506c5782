"""Every Featurelab route requires a logged-in user, and cookie-authenticated POSTs need XSRF.

The routes are enumerated from the running server's router, not listed here, so a route
added later is covered without touching this file.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import warnings
from http.cookies import SimpleCookie
from typing import Any

from featurelab_test_utils import on_server_loop
from jupyter_server.utils import JupyterServerAuthWarning
from tornado.routing import PathMatches, Router
from tornado.web import Application, RequestHandler

PACKAGE = "jupyterlab_featurelab"
VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def featurelab_routes(web_app: Application) -> list[tuple[str, type[RequestHandler]]]:
    """``(example path, handler)`` for every route whose handler comes from this package."""
    found: list[tuple[str, type[RequestHandler]]] = []

    def walk(router: Router) -> None:
        for rule in getattr(router, "rules", []):
            target = rule.target
            if isinstance(target, Router):
                walk(target)
            elif isinstance(target, type) and target.__module__.startswith(PACKAGE):
                assert isinstance(rule.matcher, PathMatches)
                found.append((example_path(rule.matcher.regex.pattern), target))

    walk(web_app.default_router)
    return found


def example_path(pattern: str) -> str:
    """A concrete path matching a route pattern: each group becomes ``health``.

    (tornado's ``PathMatches.reverse`` chokes on the ``%40`` of the test base URL.)
    """
    path = re.sub(r"\((?:\?P<\w+>)?[^()]*\)", "health", pattern.lstrip("^").rstrip("$"))
    path = re.sub(r"\\(.)", r"\1", path)
    assert re.fullmatch(pattern, path), (pattern, path)
    return path


def cookies_of(response: Any) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("Set-Cookie"):
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def test_no_route_without_authentication_decorators(jp_configurable_serverapp: Any, jp_server_config: Any) -> None:
    """The check_auth idea: jupyter_server warns about any handler verb left unauthenticated."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = jp_configurable_serverapp(config=jp_server_config)
    assert PACKAGE in app.extension_manager.extension_apps
    problems = [str(w.message) for w in caught if issubclass(w.category, JupyterServerAuthWarning)]
    assert problems == []


@on_server_loop
async def test_every_route_refuses_requests_without_credentials(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    assert jp_serverapp.allow_unauthenticated_access is False
    routes = featurelab_routes(jp_serverapp.web_app)
    assert {handler.__name__ for _, handler in routes} >= {"VersionHandler", "StatusHandler", "RpcHandler"}
    answered = []
    for path, handler in routes:
        for verb in VERBS:
            response = await http_server_client.fetch(
                path,
                method=verb,
                body=b"{}" if verb in ("POST", "PUT", "PATCH") else None,
                raise_error=False,
                follow_redirects=False,
            )
            if response.code not in (401, 403):
                answered.append(f"{verb} {path} ({handler.__name__}) -> {response.code}")
    assert answered == [], "answered without a token or login cookie"


@on_server_loop
async def test_cookie_authenticated_post_requires_xsrf(
    jp_serverapp: Any, http_server_client: Any, jp_base_url: str
) -> None:
    # Log in the way a browser does: the login page sets _xsrf, the form post sets the login cookie.
    page = await http_server_client.fetch(jp_base_url + "login", raise_error=False, follow_redirects=False)
    cookies = cookies_of(page)
    xsrf = cookies["_xsrf"]
    login = await http_server_client.fetch(
        jp_base_url + "login",
        method="POST",
        body=urllib.parse.urlencode({"password": jp_serverapp.identity_provider.token, "_xsrf": xsrf}),
        headers={"Cookie": cookie_header(cookies)},
        raise_error=False,
        follow_redirects=False,
    )
    assert login.code == 302, login.code
    cookies.update(cookies_of(login))
    assert len(cookies) >= 2, "expected the _xsrf and the login cookie"
    rpc = jp_base_url + "featurelab/api/rpc/health"
    body = json.dumps({"args": {}})

    async def post(cookie: dict[str, str], headers: dict[str, str]) -> Any:
        return await http_server_client.fetch(
            rpc, method="POST", body=body, raise_error=False, headers={"Cookie": cookie_header(cookie), **headers}
        )

    login_only = {name: value for name, value in cookies.items() if name != "_xsrf"}
    assert (await post(login_only, {})).code == 403
    assert (await post(cookies, {})).code == 403, "the _xsrf cookie alone is not enough"
    assert (await post(cookies, {"X-XSRFToken": "2|00000000|" + "0" * 32 + "|1"})).code == 403
    response = await post(cookies, {"X-XSRFToken": xsrf})
    assert response.code == 200, response.body
    assert "user" in json.loads(response.body)["result"]
