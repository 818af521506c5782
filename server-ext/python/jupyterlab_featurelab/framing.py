"""LSP-style ``Content-Length`` framing of JSON-RPC messages on the service's stdio.

A frame is ``Content-Length: <bytes>\\r\\n[other headers\\r\\n]\\r\\n<UTF-8 JSON>``. Reading is
bounded (header size, body size) and exact: the body is read with ``readexactly``, so a
message split over many pipe reads, or many messages in one read, are both handled.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .errors import ProtocolError

HEADER_END = b"\r\n\r\n"
#: Headers are a line or two; anything longer is a child writing garbage to stdout.
MAX_HEADER_BYTES = 8 * 1024
#: Upper bound of one message body; larger messages are a protocol error, not an allocation.
MAX_BODY_BYTES = 256 * 1024 * 1024


def encode_message(message: dict[str, Any]) -> bytes:
    """Serialize one JSON-RPC message into a frame."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def parse_content_length(header: bytes) -> int:
    """Return the body length announced by a header block (without the blank line)."""
    try:
        text = header.decode("ascii")
    except UnicodeDecodeError as err:
        raise ProtocolError("the service wrote a non-ASCII frame header to stdout") from err
    length: int | None = None
    for line in text.split("\r\n"):
        name, sep, value = line.partition(":")
        if not sep:
            raise ProtocolError(f"malformed frame header line {line[:80]!r}")
        if name.strip().lower() == "content-length":
            value = value.strip()
            if not value.isdigit():
                raise ProtocolError(f"invalid Content-Length {value[:40]!r}")
            length = int(value)
    if length is None:
        raise ProtocolError("frame header without Content-Length")
    return length


class MessageReader:
    """Reads framed JSON-RPC messages from an ``asyncio.StreamReader``."""

    def __init__(
        self,
        stream: asyncio.StreamReader,
        *,
        max_header_bytes: int = MAX_HEADER_BYTES,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self._stream = stream
        self._max_header_bytes = max_header_bytes
        self._max_body_bytes = max_body_bytes

    async def read(self) -> dict[str, Any] | None:
        """Return the next message, or ``None`` at end of stream.

        Raises :class:`ProtocolError` for an oversized or malformed frame, or a body that is
        not a JSON object; the stream cannot be resynchronized after that.
        """
        try:
            header = await self._stream.readuntil(HEADER_END)
        except asyncio.IncompleteReadError as err:
            if err.partial.strip():
                raise ProtocolError("the service's stdout ended inside a frame header") from err
            return None
        except asyncio.LimitOverrunError as err:
            raise ProtocolError("frame header too long") from err
        if len(header) > self._max_header_bytes:
            raise ProtocolError(f"frame header longer than {self._max_header_bytes} bytes")
        # Tolerate blank lines between frames (some writers end a body with a newline).
        length = parse_content_length(header[: -len(HEADER_END)].strip(b"\r\n"))
        if length > self._max_body_bytes:
            raise ProtocolError(f"frame of {length} bytes exceeds the {self._max_body_bytes} byte limit")
        try:
            body = await self._stream.readexactly(length)
        except asyncio.IncompleteReadError as err:
            raise ProtocolError(
                f"the service's stdout ended after {len(err.partial)} of {length} body bytes"
            ) from err
        try:
            message = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ProtocolError(f"frame body is not UTF-8 JSON: {err}") from err
        if not isinstance(message, dict):
            raise ProtocolError("frame body is not a JSON object")
        return message
