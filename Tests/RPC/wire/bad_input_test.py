"""Bad input on the gRPC wire: each answered with the right status, and the server keeps serving.

The raw client of grpc_wire sends what a broken or hostile peer would (garbage, lying length
prefixes, bad headers, resets, vanishing clients, bursts); the fixtures of conftest.py then check
that interop-server is still alive and answers an EmptyCall on a new connection.

The statuses follow gRPC's PROTOCOL-HTTP2.md and doc/compression.md, and grpc-go where those
leave a choice (a malformed `grpc-timeout` is INTERNAL there). Where several answers are allowed,
the test notes the one it saw (printed at the end of the run).

    INTEROP_SERVER=.build/debug/interop-server .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/wire
"""

import gzip
import time

import pytest
from h2.errors import ErrorCodes
from hyperframe.frame import SettingsFrame

from grpc_wire import (
    PREFACE,
    GRPCConnection,
    Status,
    goaway_in,
    length_prefixed,
    parse_frames,
    raw_exchange,
    raw_frame,
    status_name,
)
from wire_protos import empty_pb2, messages_pb2

MiB = 1 << 20
DATA, HEADERS, SETTINGS = 0x0, 0x1, 0x4
END_STREAM, END_HEADERS = 0x1, 0x4


@pytest.fixture
def connection(server):
    opened = GRPCConnection(server.address)
    yield opened
    opened.close()


def assert_still_serves(connection):
    """The same connection still answers a call: the error cost one stream, not the connection."""
    call = connection.unary("EmptyCall", empty_pb2.Empty())
    assert call.status == Status.OK, call.describe()
    assert connection.goaway is None, connection.summary()


def small_request():
    return messages_pb2.SimpleRequest(response_size=10, payload=messages_pb2.Payload(body=b"abcdef"))


# ---------------------------------------------------------------------------------------------
# Garbage on the connection (RFC 9113 §3.4, §4.2, §4.3, §5.4.1)


GARBAGE_AFTER_PREFACE = {
    # "this is n…" reads as a frame of 7.6 MB: over SETTINGS_MAX_FRAME_SIZE (§4.2).
    "text": (b"this is not an HTTP/2 frame at all\r\n\r\n", ErrorCodes.FRAME_SIZE_ERROR),
    # A well-sized frame that cannot be: DATA on stream 0 (§6.1).
    "data-on-stream-0": (raw_frame(DATA, 0, 0, b"garbage!"), ErrorCodes.PROTOCOL_ERROR),
    # A header block that does not decode (§4.3: a connection error COMPRESSION_ERROR).
    "bad-hpack": (
        raw_frame(HEADERS, END_HEADERS | END_STREAM, 1, b"\xff\xff\xff\xff\xff\x7f"),  # an index past any table
        ErrorCodes.COMPRESSION_ERROR,
    ),
}


@pytest.mark.parametrize("name", GARBAGE_AFTER_PREFACE)
def test_garbage_after_the_preface_is_a_connection_error(server, name):
    garbage, code = GARBAGE_AFTER_PREFACE[name]
    received, closed = raw_exchange(server.address, PREFACE + raw_frame(SETTINGS, 0, 0) + garbage)
    if code == ErrorCodes.FRAME_SIZE_ERROR:
        settings = next((f.settings for f in parse_frames(received) if isinstance(f, SettingsFrame)), {})
        announced = settings.get(SettingsFrame.MAX_FRAME_SIZE, 16_384)
        assert int.from_bytes(garbage[:3], "big") > announced, f"the server allows frames of {announced} bytes"
    goaway = goaway_in(received)
    assert goaway is not None, f"no GOAWAY; frames: {parse_frames(received)}"
    assert goaway.error_code == code, f"GOAWAY {ErrorCodes(goaway.error_code).name}, expected {code.name}"
    assert closed, "the server kept the connection open"


def test_garbage_instead_of_settings_is_protocol_error(server):
    # §3.4: the preface must be followed by SETTINGS.
    received, closed = raw_exchange(server.address, PREFACE + raw_frame(DATA, 0, 1, b"garbage"))
    goaway = goaway_in(received)
    assert goaway is not None and goaway.error_code == ErrorCodes.PROTOCOL_ERROR, parse_frames(received)
    assert closed, "the server kept the connection open"


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)),  # a TLS ClientHello
        b"\x00\xff garbage \xfe\x01\r\n" * 8,
        b"PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n" + bytes(64),  # a preface with one word wrong
    ],
    ids=["tls-hello", "binary", "bad-preface"],
)
def test_garbage_instead_of_the_preface_closes_the_connection(server, garbage):
    received, closed = raw_exchange(server.address, garbage)
    assert closed, f"the server kept the connection open; it sent {received[:80]!r}"


# ---------------------------------------------------------------------------------------------
# Lying and illegal messages (PROTOCOL-HTTP2.md Length-Prefixed-Message)


def test_message_longer_than_its_length_prefix_is_internal(connection):
    # The prefix says 10, 25 bytes follow: a whole 10-byte SimpleRequest, then 15 bytes that are
    # the start of no complete message (a prefix of 100 and 10 bytes) when the stream ends.
    body = messages_pb2.SimpleRequest(payload={"body": b"abcdef"}).SerializeToString()
    assert len(body) == 10
    call = connection.start("UnaryCall")
    stray = length_prefixed(b"z" * 10, length=100)
    connection.send_raw(call, length_prefixed(body + stray, length=10), end_stream=True)
    assert connection.finish(call).status == Status.INTERNAL, call.describe()
    assert call.messages == [], call.describe()
    assert_still_serves(connection)


def test_truncated_message_is_internal(connection):
    call = connection.start("UnaryCall")
    connection.send_raw(call, length_prefixed(b"\0" * 10, length=100), end_stream=True)
    assert connection.finish(call).status == Status.INTERNAL, call.describe()
    assert_still_serves(connection)


def test_truncated_message_on_a_client_stream_is_internal(connection):
    call = connection.start("StreamingInputCall")
    connection.send(call, messages_pb2.StreamingInputCallRequest(payload={"body": b"12345"}))
    connection.send_raw(call, length_prefixed(b"\0" * 10, length=100), end_stream=True)
    assert connection.finish(call).status == Status.INTERNAL, call.describe()
    assert_still_serves(connection)


def test_two_messages_for_a_unary_method_fail(connection, record):
    call = connection.start("UnaryCall")
    connection.send(call, small_request(), small_request(), end_stream=True)
    connection.finish(call)
    assert call.status is not None and call.status != Status.OK, call.describe()
    assert call.status in (Status.INTERNAL, Status.UNIMPLEMENTED), call.describe()
    record(f"grpc-status {status_name(call.status)} ({call.grpc_message!r})")
    assert_still_serves(connection)


@pytest.mark.parametrize("encoding", [None, "identity"], ids=["no-grpc-encoding", "identity"])
def test_compressed_flag_without_an_encoding_is_internal(connection, encoding):
    # compression.md: the Compressed-Flag set without a grpc-encoding other than identity MUST
    # fail with INTERNAL.
    call = connection.unary("UnaryCall", small_request(), compressed=True, encoding=encoding)
    assert call.status == Status.INTERNAL, call.describe()
    assert_still_serves(connection)


def test_unsupported_encoding_is_unimplemented_and_lists_gzip(connection):
    # compression.md: UNIMPLEMENTED, with a grpc-accept-encoding that lists what the server
    # accepts and not the encoding used.
    call = connection.start("UnaryCall", encoding="snappy")
    connection.send_raw(call, length_prefixed(b"not really snappy", flag=1), end_stream=True)
    assert connection.finish(call).status == Status.UNIMPLEMENTED, call.describe()
    accepted = [e.strip() for e in (call.metadata("grpc-accept-encoding") or "").split(",")]
    assert "gzip" in accepted, call.describe()
    assert "snappy" not in accepted, call.describe()
    assert_still_serves(connection)


@pytest.mark.parametrize("length", [5 * MiB, 0xFFFF_FFFF], ids=["5MiB", "4GiB"])
@pytest.mark.parametrize("method", ["UnaryCall", "StreamingInputCall"])
def test_message_over_the_receive_limit_is_resource_exhausted(connection, method, length):
    # Only the prefix is sent and the stream stays open: the answer must come from the prefix
    # alone, before (and without) any of the body, which the server must not wait for or buffer.
    call = connection.start(method)
    connection.send_raw(call, length_prefixed(b"", length=length))
    assert connection.finish(call).status == Status.RESOURCE_EXHAUSTED, call.describe()
    assert_still_serves(connection)


def request_of_exactly(size):
    """A StreamingInputCallRequest whose encoding is exactly `size` bytes (and its body size)."""
    def encoded(body):
        return messages_pb2.StreamingInputCallRequest(payload={"body": b"\0" * body}).SerializeToString()

    body = size
    while len(request := encoded(body)) > size:
        body -= len(request) - size
    assert len(request) == size, f"no request of exactly {size} bytes"
    return request, body


def test_message_of_exactly_the_receive_limit_is_accepted(connection):
    # The limit is inclusive, as in grpc-go: a 4 MiB message is served, one byte more is not.
    request, body = request_of_exactly(4 * MiB)
    call = connection.start("StreamingInputCall")
    connection.send_raw(call, length_prefixed(request), end_stream=True)
    connection.finish(call, timeout=20)
    assert call.status == Status.OK, call.describe()
    assert call.response(messages_pb2.StreamingInputCallResponse).aggregated_payload_size == body
    too_large = connection.start("StreamingInputCall")
    connection.send_raw(too_large, length_prefixed(b"", length=4 * MiB + 1))
    assert connection.finish(too_large).status == Status.RESOURCE_EXHAUSTED, too_large.describe()


def test_corrupt_gzip_is_internal(connection):
    call = connection.start("UnaryCall", encoding="gzip")
    corrupt = bytearray(gzip.compress(small_request().SerializeToString()))
    corrupt[12:16] = b"\xde\xad\xbe\xef"
    connection.send_raw(call, length_prefixed(bytes(corrupt), flag=1), end_stream=True)
    assert connection.finish(call).status == Status.INTERNAL, call.describe()
    assert_still_serves(connection)


def test_gzip_bomb_over_the_receive_limit_is_resource_exhausted(connection):
    # 5 MiB of zeros gzip to about 5 KB: the limit applies to the message after decompression,
    # and the server must stop inflating at the limit rather than after.
    request = messages_pb2.StreamingInputCallRequest(payload={"body": b"\0" * (5 * MiB)})
    call = connection.start("StreamingInputCall", encoding="gzip")
    connection.send(call, request, compressed=True, end_stream=True)
    assert connection.finish(call).status == Status.RESOURCE_EXHAUSTED, call.describe()
    assert_still_serves(connection)


# ---------------------------------------------------------------------------------------------
# grpc-timeout (PROTOCOL-HTTP2.md: TimeoutValue is a positive integer of at most 8 digits)


@pytest.mark.parametrize("value", ["1", "abc", "123456789S", "-1S", "1x"])
def test_malformed_timeout_is_internal(connection, value):
    call = connection.unary("UnaryCall", small_request(), timeout=value)
    assert call.status == Status.INTERNAL, call.describe()
    assert_still_serves(connection)


@pytest.mark.parametrize("value", ["99999999H", "10S", "1000000u", "5000m"])
def test_valid_timeouts_are_accepted(connection, value):
    call = connection.unary("UnaryCall", small_request(), timeout=value)
    assert call.status == Status.OK, call.describe()


def test_one_millisecond_timeout_is_ok_or_deadline_exceeded(connection, record):
    call = connection.unary("UnaryCall", messages_pb2.SimpleRequest(), timeout="1m")
    assert call.status in (Status.OK, Status.DEADLINE_EXCEEDED), call.describe()
    record(f"grpc-status {status_name(call.status)}")


def test_one_nanosecond_timeout_is_deadline_exceeded_at_once(connection):
    # The deadline has passed when the request arrives, so no answer may be OK. Twenty calls,
    # so a server that checks the deadline only in a race with the handler fails reliably.
    for _ in range(20):
        started = time.monotonic()
        call = connection.unary("UnaryCall", messages_pb2.SimpleRequest(), timeout="1n")
        assert call.status == Status.DEADLINE_EXCEEDED, call.describe()
        assert call.ended_at - started < 1.0


def test_deadline_ends_a_sleeping_full_duplex_call(connection):
    started = time.monotonic()
    call = connection.start("FullDuplexCall", timeout="200m")
    request = messages_pb2.StreamingOutputCallRequest(response_parameters=[{"size": 10, "interval_us": 2_000_000}])
    connection.send(call, request)
    connection.finish(call, timeout=3)
    assert call.status == Status.DEADLINE_EXCEEDED, call.describe()
    assert call.ended_at - started < 1.0, f"ended after {call.ended_at - started:.2f} s"
    assert call.messages == [], call.describe()
    assert_still_serves(connection)


# ---------------------------------------------------------------------------------------------
# Content-Type, path and method (PROTOCOL-HTTP2.md Requests)


@pytest.mark.parametrize("content_type", ["text/plain", None], ids=["text-plain", "missing"])
def test_non_grpc_content_type_is_415(connection, content_type):
    call = connection.unary("EmptyCall", empty_pb2.Empty(), content_type=content_type)
    assert call.http_status == 415, call.describe()
    assert_still_serves(connection)


def test_grpc_proto_content_type_is_accepted(connection):
    call = connection.unary("EmptyCall", empty_pb2.Empty(), content_type="application/grpc+proto")
    assert call.status == Status.OK, call.describe()


def test_grpc_json_content_type_is_415_or_unimplemented(connection, record):
    call = connection.unary("EmptyCall", empty_pb2.Empty(), content_type="application/grpc+json")
    if call.http_status == 415:
        record("HTTP 415")
    else:
        assert call.status == Status.UNIMPLEMENTED, call.describe()
        record(f"HTTP {call.http_status}, grpc-status UNIMPLEMENTED")
    assert_still_serves(connection)


@pytest.mark.parametrize(
    "path",
    [
        "/grpc.testing.TestService/Nope",
        "/grpc.testing.TestService/UnimplementedCall",
        "/grpc.testing.UnimplementedService/UnimplementedCall",
        "/no.such.Service/Nope",
    ],
)
def test_unknown_method_is_trailers_only_unimplemented(connection, path):
    call = connection.unary(None, empty_pb2.Empty(), path=path)
    assert call.status == Status.UNIMPLEMENTED, call.describe()
    if path.endswith("/Nope") or "UnimplementedService" in path:
        # No handler runs: HEADERS :status 200 with grpc-status and END_STREAM, nothing else.
        assert call.http_status == 200 and call.trailers_only, call.describe()
        assert call.headers.get("content-type", "").startswith("application/grpc"), call.describe()
        assert call.data == b"", call.describe()
    assert_still_serves(connection)


@pytest.mark.parametrize("path", ["/", "/x", "/grpc.testing.TestService", "/grpc.testing.TestService/"])
def test_path_without_service_and_method_is_unimplemented(connection, path):
    call = connection.unary(None, empty_pb2.Empty(), path=path)
    assert call.status == Status.UNIMPLEMENTED, call.describe()
    assert_still_serves(connection)


def test_get_is_refused(connection, record):
    call = connection.start("EmptyCall", http_method="GET", end_stream=True)
    connection.finish(call)
    if call.http_status is not None and call.http_status != 200:
        record(f"HTTP {call.http_status}")
    else:
        assert call.status == Status.UNIMPLEMENTED, call.describe()
        record("HTTP 200, grpc-status UNIMPLEMENTED")
    assert_still_serves(connection)


# ---------------------------------------------------------------------------------------------
# Clients that go away


def streaming_output(*sizes, interval_us=0):
    return messages_pb2.StreamingOutputCallRequest(
        response_parameters=[{"size": size, "interval_us": interval_us} for size in sizes]
    )


def test_reset_full_duplex_call_leaves_the_connection_serving(connection):
    call = connection.start("FullDuplexCall")
    connection.send(call, streaming_output(1000))
    connection.pump(lambda: len(call.messages) == 1, "the first response")
    connection.reset(call)
    # A second call reset while its handler sleeps between responses.
    sleeping = connection.start("FullDuplexCall")
    connection.send(sleeping, streaming_output(10, 10, interval_us=300_000))
    connection.reset(sleeping)
    for _ in range(3):
        assert_still_serves(connection)
    duplex = connection.start("FullDuplexCall")
    connection.send(duplex, streaming_output(5, 7), end_stream=True)
    connection.finish(duplex)
    assert duplex.status == Status.OK, duplex.describe()
    assert [len(m.decode(messages_pb2.StreamingOutputCallResponse).payload.body) for m in duplex.messages] == [5, 7]
    connection.ping()
    assert connection.goaway is None, connection.summary()


@pytest.mark.parametrize("how", ["close", "abort"])
@pytest.mark.parametrize("method", ["FullDuplexCall", "StreamingOutputCall"])
def test_client_vanishing_mid_call_leaves_the_server_up(server, method, how):
    # A small window keeps most of the 12 MiB of responses queued on the server when the client goes.
    connection = GRPCConnection(server.address, receive_window=65_535)
    call = connection.start(method)
    connection.send(call, streaming_output(*[MiB] * 12), end_stream=method == "StreamingOutputCall")
    connection.pump(lambda: len(call.data) > 0, "the first response bytes")
    getattr(connection, how)()
    for _ in range(3):
        server.assert_serving()


def test_thousand_unary_calls_on_one_connection(connection):
    connection.handshake()
    limit = connection.conn.remote_settings.max_concurrent_streams
    calls, count = [], 1000
    request = messages_pb2.SimpleRequest(response_size=16, payload={"body": b"p" * 16})
    deadline = time.monotonic() + 60
    while len(calls) < count or not all(c.finished for c in calls):
        assert time.monotonic() < deadline, f"{sum(c.finished for c in calls)} of {count} finished in 60 s"
        while len(calls) < count and connection.conn.open_outbound_streams < limit:
            calls.append(connection.unary("UnaryCall", request, wait=False))
        if not all(c.finished for c in calls):
            connection.receive(1.0)
        assert not connection.closed and connection.goaway is None, connection.summary()
    failed = [c.describe() for c in calls if c.status != Status.OK]
    assert not failed, f"{len(failed)} failed; first: {failed[0]}"
    sizes = {len(c.response(messages_pb2.SimpleResponse).payload.body) for c in calls}
    assert sizes == {16}
