"""Service stderr lines land in the Jupyter log, prefixed, at their own level."""

from __future__ import annotations

import logging

import pytest

from jupyterlab_featurelab.service_log import PREFIX, forward_log_line, parse_log_line


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ('{"level":"debug","msg":"x"}', logging.DEBUG),
        ('{"level":"info","msg":"x"}', logging.INFO),
        ('{"level":"warn","msg":"x"}', logging.WARNING),
        ('{"level":"error","msg":"x"}', logging.ERROR),
        ('{"level":"fatal","msg":"x"}', logging.CRITICAL),
        ('{"level":30,"msg":"x"}', logging.INFO),
        ('{"level":50,"msg":"x"}', logging.ERROR),
        ('{"msg":"x"}', logging.INFO),
        ("Error: boom\n    at main (featurelab.mjs:1:1)", logging.WARNING),
    ],
)
def test_levels(line: str, level: int) -> None:
    assert parse_log_line(line)[0] == level


def test_message_keeps_context_fields_and_drops_noise() -> None:
    _, text = parse_log_line('{"level":"info","time":"2025-01-01T00:00:00Z","msg":"migrated","schemaVersion":3}\n')
    assert text == 'migrated {"schemaVersion":3}'


def test_forwarded_with_prefix(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("featurelab-test")
    with caplog.at_level(logging.DEBUG, logger="featurelab-test"):
        forward_log_line(log, '{"level":"warn","message":"registry is slow"}\n')
        forward_log_line(log, "\n")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, f"{PREFIX} registry is slow")
    ]
