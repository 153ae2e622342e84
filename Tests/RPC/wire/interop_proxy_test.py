"""Our interop-client against our interop-server through a recording proxy, for the four
compression cases of gRPC's interop descriptions (doc/interop-test-descriptions.md).

The client passing its own checks is not enough: a client and server that both forgot to set the
compressed flag would agree with each other. So the proxy (recording_proxy.py, built on hyperframe
and hpack) records every stream, and the tests assert what the descriptions require on the wire:

  - client_compressed_unary: three UnaryCalls. The feature probe (expect_compressed true) goes
    uncompressed (flag 0) and fails with INVALID_ARGUMENT; then expect_compressed true goes with
    flag 1 under `grpc-encoding: gzip`; then expect_compressed false goes with flag 0. Both OK.
  - server_compressed_unary: two UnaryCalls; response_compressed true is answered with flag 1 and
    `grpc-encoding: gzip`, false with flag 0. The requests accept gzip.
  - client_compressed_streaming: the probe StreamingInputCall (flag 0, INVALID_ARGUMENT), then one
    under `grpc-encoding: gzip` whose messages have flags 1 then 0, answered 73086.
    (The description's procedure text says the probe failing with INVALID_ARGUMENT fails the
    test; its "Client asserts" list, and the clients of grpc-java and grpc-go, require that it
    does fail so. The assertions here follow the list.)
  - server_compressed_streaming: one StreamingOutputCall answered with flags 1 then 0.

Everywhere: each message's flag is 0 or 1, flag 1 only on a stream whose `grpc-encoding` (in that
direction) is gzip, and every request carries `content-type: application/grpc…` and `te: trailers`.

    INTEROP_SERVER=.build/debug/interop-server INTEROP_CLIENT=.build/debug/interop-client \\
        .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/wire/interop_proxy_test.py
"""

import subprocess

import pytest

from grpc_wire import SERVICE, Status
from recording_proxy import RecordingProxy
from wire_protos import messages_pb2

CLIENT_TIMEOUT = 60
UNARY = f"/{SERVICE}/UnaryCall"
STREAMING_INPUT = f"/{SERVICE}/StreamingInputCall"
STREAMING_OUTPUT = f"/{SERVICE}/StreamingOutputCall"


@pytest.fixture
def run_case(server, interop_client_command):
    """Runs one interop-client test case through a new proxy; returns the closed proxy."""

    def run(case):
        with RecordingProxy(server.address) as proxy:
            arguments = [
                "--server_host=127.0.0.1",
                f"--server_port={proxy.port}",
                f"--test_case={case}",
                "--use_tls=false",
            ]
            try:
                done = subprocess.run(
                    [*interop_client_command, *arguments], capture_output=True, text=True, timeout=CLIENT_TIMEOUT
                )
            except subprocess.TimeoutExpired:
                pytest.fail(f"interop-client {case} ran over {CLIENT_TIMEOUT} s", pytrace=False)
        recorded = "\n".join(s.describe() for s in proxy.streams())
        output = f"{done.stdout}\n{done.stderr}\nrecorded:\n{recorded}"
        assert done.returncode == 0, f"interop-client {case}: exit {done.returncode}\n{output}"
        assert not proxy.errors, proxy.errors
        assert_framing_is_consistent(proxy)
        return proxy

    return run


def assert_framing_is_consistent(proxy):
    for stream in proxy.streams():
        assert (stream.request_header("content-type") or "").startswith("application/grpc"), stream.describe()
        assert stream.request_header("te") == "trailers", stream.describe()
        for encoding, messages in (
            (stream.request_header("grpc-encoding"), stream.request_messages),
            (stream.response_header("grpc-encoding"), stream.response_messages),
        ):
            flags = [m.flag for m in messages]
            assert set(flags) <= {0, 1}, stream.describe()
            if 1 in flags:
                assert encoding == "gzip", f"flag 1 under grpc-encoding {encoding!r}: {stream.describe()}"


def accepts_gzip(stream):
    value = stream.request_header("grpc-accept-encoding") or ""
    return "gzip" in [e.strip() for e in value.split(",")]


def only_message(messages, stream):
    assert len(messages) == 1, stream.describe()
    return messages[0]


def test_client_compressed_unary(run_case):
    proxy = run_case("client_compressed_unary")
    streams = proxy.streams(UNARY)
    assert len(streams) == 3, [s.describe() for s in proxy.streams()]
    expected = [  # (expect_compressed, flag, status): the probe, then the two calls
        (True, 0, Status.INVALID_ARGUMENT),
        (True, 1, Status.OK),
        (False, 0, Status.OK),
    ]
    for stream, (expect, flag, status) in zip(streams, expected):
        message = only_message(stream.request_messages, stream)
        request = message.decode(messages_pb2.SimpleRequest)
        assert request.expect_compressed.value == expect, stream.describe()
        assert (request.response_size, len(request.payload.body)) == (314159, 271828)
        assert message.flag == flag, stream.describe()
        if flag == 1:
            assert stream.request_header("grpc-encoding") == "gzip", stream.describe()
        assert stream.status == status, stream.describe()
        if status == Status.OK:
            response = only_message(stream.response_messages, stream).decode(messages_pb2.SimpleResponse)
            assert len(response.payload.body) == 314159


def test_server_compressed_unary(run_case):
    proxy = run_case("server_compressed_unary")
    streams = proxy.streams(UNARY)
    assert len(streams) == 2, [s.describe() for s in proxy.streams()]
    asked = []
    for stream in streams:
        request = only_message(stream.request_messages, stream).decode(messages_pb2.SimpleRequest)
        compressed = request.response_compressed.value
        asked.append(compressed)
        assert stream.status == Status.OK, stream.describe()
        response = only_message(stream.response_messages, stream)
        assert response.flag == int(compressed), stream.describe()
        if compressed:
            assert accepts_gzip(stream), stream.describe()
            assert stream.response_header("grpc-encoding") == "gzip", stream.describe()
        assert len(response.decode(messages_pb2.SimpleResponse).payload.body) == 314159
    assert sorted(asked) == [False, True]


def test_client_compressed_streaming(run_case):
    proxy = run_case("client_compressed_streaming")
    streams = proxy.streams(STREAMING_INPUT)
    assert len(streams) == 2, [s.describe() for s in proxy.streams()]
    probe, call = streams
    message = probe.request_messages[0]
    assert message.flag == 0, probe.describe()
    assert message.decode(messages_pb2.StreamingInputCallRequest).expect_compressed.value, probe.describe()
    assert probe.status == Status.INVALID_ARGUMENT, probe.describe()

    assert call.request_header("grpc-encoding") == "gzip", call.describe()
    messages = call.request_messages
    assert [m.flag for m in messages] == [1, 0], call.describe()
    requests = [m.decode(messages_pb2.StreamingInputCallRequest) for m in messages]
    assert [r.expect_compressed.value for r in requests] == [True, False]
    assert [len(r.payload.body) for r in requests] == [27182, 45904]
    assert call.status == Status.OK, call.describe()
    response = only_message(call.response_messages, call).decode(messages_pb2.StreamingInputCallResponse)
    assert response.aggregated_payload_size == 73086


def test_server_compressed_streaming(run_case):
    proxy = run_case("server_compressed_streaming")
    [stream] = proxy.streams(STREAMING_OUTPUT)
    request = only_message(stream.request_messages, stream).decode(messages_pb2.StreamingOutputCallRequest)
    parameters = [(p.compressed.value, p.size) for p in request.response_parameters]
    assert parameters == [(True, 31415), (False, 92653)]
    assert accepts_gzip(stream), stream.describe()
    assert stream.status == Status.OK, stream.describe()
    assert stream.response_header("grpc-encoding") == "gzip", stream.describe()
    messages = stream.response_messages
    assert [m.flag for m in messages] == [1, 0], stream.describe()
    sizes = [len(m.decode(messages_pb2.StreamingOutputCallResponse).payload.body) for m in messages]
    assert sizes == [31415, 92653]
