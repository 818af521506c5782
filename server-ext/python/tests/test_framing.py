"""Content-Length framing: exact, bounded, tolerant of arbitrary pipe read boundaries."""

from __future__ import annotations

import asyncio
import json

import pytest

from jupyterlab_featurelab.errors import ProtocolError
from jupyterlab_featurelab.framing import MessageReader, encode_message


def reader_of(data: bytes, *, eof: bool = True, **limits: int) -> MessageReader:
    stream = asyncio.StreamReader()
    stream.feed_data(data)
    if eof:
        stream.feed_eof()
    return MessageReader(stream, **limits)


async def test_round_trip_counts_bytes_not_characters() -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"name": "Zoë — 特征"}}
    frame = encode_message(message)
    header, body = frame.split(b"\r\n\r\n", 1)
    assert header == b"Content-Length: %d" % len(body)
    assert len(body) > len(json.dumps(message, ensure_ascii=False))
    reader = reader_of(frame)
    assert await reader.read() == message
    assert await reader.read() is None


async def test_many_messages_in_one_read() -> None:
    messages = [{"jsonrpc": "2.0", "id": n, "result": n} for n in range(5)]
    reader = reader_of(b"".join(encode_message(m) for m in messages))
    assert [await reader.read() for _ in messages] == messages
    assert await reader.read() is None


async def test_message_split_into_single_bytes() -> None:
    frame = encode_message({"jsonrpc": "2.0", "method": "featurelab/ready", "params": {"version": "0.1.0"}})
    stream = asyncio.StreamReader()
    reading = asyncio.ensure_future(MessageReader(stream).read())
    for index in range(len(frame) - 1):
        stream.feed_data(frame[index : index + 1])
        await asyncio.sleep(0)
        assert not reading.done()
    stream.feed_data(frame[-1:])
    assert (await asyncio.wait_for(reading, 1))["params"] == {"version": "0.1.0"}


async def test_extra_headers_and_case_are_accepted() -> None:
    body = b'{"id":1,"result":true}'
    frame = b"content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s" % (
        len(body),
        body,
    )
    assert await reader_of(frame).read() == {"id": 1, "result": True}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Content-Type: x\r\n\r\n{}", "without Content-Length"),
        (b"Content-Length: abc\r\n\r\n{}", "invalid Content-Length"),
        (b"Content-Length: -1\r\n\r\n{}", "invalid Content-Length"),
        (b"garbage\r\n\r\n{}", "malformed frame header"),
        (b"Content-Length: 2\r\n\r\n[]", "not a JSON object"),
        (b"Content-Length: 3\r\n\r\n{x}", "not UTF-8 JSON"),
        (b"Content-Length: 10\r\n\r\n{}", "ended after 2 of 10"),
        (b"Content-Len", "ended inside a frame header"),
    ],
)
async def test_malformed_frames_are_protocol_errors(data: bytes, problem: str) -> None:
    with pytest.raises(ProtocolError, match=problem):
        await reader_of(data).read()


async def test_header_size_is_bounded() -> None:
    data = b"X-Padding: " + b"a" * 200 + b"\r\nContent-Length: 2\r\n\r\n{}"
    with pytest.raises(ProtocolError, match="longer than 100 bytes"):
        await reader_of(data, max_header_bytes=100).read()


async def test_endless_header_without_terminator_is_bounded() -> None:
    # No blank line ever comes: the reader fails once the stream's buffer limit is reached,
    # instead of buffering forever.
    stream = asyncio.StreamReader(limit=1024)
    stream.feed_data(b"x" * 4096)
    with pytest.raises(ProtocolError, match="too long"):
        await MessageReader(stream).read()


async def test_body_size_is_bounded_before_reading() -> None:
    reader = reader_of(b"Content-Length: 1000000\r\n\r\n", eof=False, max_body_bytes=1000)
    with pytest.raises(ProtocolError, match="exceeds the 1000 byte limit"):
        await asyncio.wait_for(reader.read(), 1)
