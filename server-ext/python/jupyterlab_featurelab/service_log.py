"""Forward the service's stderr (JSON lines) into the Jupyter server log.

The service logs one JSON object per line, e.g. ``{"level":"info","msg":"ready",...}``.
Each line is re-logged with a ``[featurelab service]`` prefix at the matching level, so an
administrator finds them with one grep. Lines that are not JSON (a Node crash trace, a
warning printed by Node itself) are logged as warnings: they usually matter.
"""

from __future__ import annotations

import json
import logging
from typing import Any

PREFIX = "[featurelab service]"

_LEVELS_BY_NAME = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "fatal": logging.CRITICAL,
    "critical": logging.CRITICAL,
}
_MESSAGE_KEYS = ("msg", "message")
_OMITTED_KEYS = frozenset({"level", "time", "timestamp", "ts", "pid", "hostname", *_MESSAGE_KEYS})


def _level_of(value: Any) -> int:
    if isinstance(value, str):
        return _LEVELS_BY_NAME.get(value.lower(), logging.INFO)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # pino-style numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal
        for threshold, level in ((50, logging.ERROR), (40, logging.WARNING), (30, logging.INFO)):
            if value >= threshold:
                return logging.CRITICAL if value >= 60 else level
        return logging.DEBUG
    return logging.INFO


def parse_log_line(line: str) -> tuple[int, str]:
    """Return the logging level and the text to log for one stderr line of the service."""
    line = line.rstrip("\r\n")
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        record = None
    if not isinstance(record, dict):
        return logging.WARNING, line
    message = next((str(record[key]) for key in _MESSAGE_KEYS if key in record), "")
    extra = {key: value for key, value in record.items() if key not in _OMITTED_KEYS}
    if extra:
        message = f"{message} {json.dumps(extra, separators=(',', ':'), default=str)}".strip()
    return _level_of(record.get("level")), message


def forward_log_line(log: logging.Logger, line: str) -> None:
    """Log one stderr line of the service, prefixed, at its own level."""
    if not line.strip():
        return
    level, message = parse_log_line(line)
    log.log(level, "%s %s", PREFIX, message)
