"""Version handshake: compatible when major.minor are equal; each failure names its fix."""

from __future__ import annotations

import pytest

from jupyterlab_featurelab import PROTOCOL_VERSION
from jupyterlab_featurelab.compat import Handshake, compatible, major_minor


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1)), ("v1.2.3", (1, 2)), ("0.1.0-alpha.1", (0, 1)), ("0.1.0.dev0", (0, 1)), ("1.2", (1, 2)),
     ("abc", None), ("1", None), ("", None)],
)
def test_major_minor(version: str, expected: tuple[int, int] | None) -> None:
    assert major_minor(version) == expected


def test_compatible_ignores_patch() -> None:
    assert compatible("0.1.0", "0.1.9")
    assert not compatible("0.1.0", "0.2.0")
    assert not compatible("1.1.0", "0.1.0")
    assert not compatible("x", "x")


def handshake(**kwargs: object) -> dict[str, object]:
    values: dict[str, object] = {
        "client": "0.1.0", "service": "0.1.0", "service_protocol": PROTOCOL_VERSION,
        "service_state": "ready", "shim": "0.1.0",
    }
    values.update(kwargs)
    return Handshake(**values).to_json()  # type: ignore[arg-type]


def test_all_compatible() -> None:
    body = handshake()
    assert body == {
        "shim": "0.1.0", "service": "0.1.0", "protocol": PROTOCOL_VERSION, "compatible": True,
        "message": body["message"],
    }


def test_stale_page_is_told_to_reload() -> None:
    body = handshake(client="0.0.9")
    assert body["compatible"] is False
    assert "reload the page" in str(body["message"])


def test_old_server_extension_is_told_to_upgrade() -> None:
    body = handshake(client="0.2.0")
    assert body["compatible"] is False
    assert "pip install -U jupyterlab-featurelab" in str(body["message"])
    assert "restart JupyterLab" in str(body["message"])


def test_mismatched_service_bundle() -> None:
    for body in (handshake(service="0.2.0"), handshake(service_protocol=PROTOCOL_VERSION + 1)):
        assert body["compatible"] is False
        assert "--force-reinstall" in str(body["message"])


def test_service_not_running_names_what_to_do() -> None:
    body = handshake(service=None, service_state="failed", service_problem="Node was not found.")
    assert body["service"] is None
    assert body["compatible"] is True  # the versions that are known agree
    assert "not running (state: failed): Node was not found." in str(body["message"])
    assert "featurelab doctor" in str(body["message"])
