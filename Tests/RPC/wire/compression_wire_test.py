"""Compression on the wire: the four compression cases of gRPC's interop descriptions
(doc/interop-test-descriptions.md: client_compressed_unary, server_compressed_unary,
client_compressed_streaming, server_compressed_streaming), played against interop-server by a
raw HTTP/2 client that sets and reads each message's compressed flag itself.

PROTOCOL-HTTP2.md: a message's Compressed-Flag is 1 when it is compressed with the stream's
`grpc-encoding`, which the response names too. doc/compression.md: the server compresses only
with an encoding the request's `grpc-accept-encoding` lists, and sends the rest uncompressed.
The CompressedRequest feature fails a call with INVALID_ARGUMENT when `expect_compressed` is
true and the message was not compressed (the clients' feature probe); CompressedResponse
compresses the responses asked for.

    INTEROP_SERVER=.build/debug/interop-server .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/wire
"""

import gzip

import pytest

from grpc_wire import GRPCConnection, Status
from wire_protos import messages_pb2

ZEROS_271828 = messages_pb2.Payload(body=b"\0" * 271828)


@pytest.fixture
def connection(server):
    opened = GRPCConnection(server.address, timeout=10)
    yield opened
    opened.close()


def simple_request(**fields):
    return messages_pb2.SimpleRequest(response_size=314159, payload=ZEROS_271828, **fields)


def assert_zeros(body, size):
    assert len(body) == size and body == b"\0" * size, f"{len(body)} bytes, not {size} zeros"


# ---------------------------------------------------------------------------------------------
# server_compressed_unary


def test_server_compressed_unary_sets_the_flag_and_gzips(connection):
    request = simple_request(response_compressed={"value": True})
    call = connection.unary("UnaryCall", request, accept_encoding="gzip,identity")
    assert call.status == Status.OK, call.describe()
    assert call.headers.get("grpc-encoding") == "gzip", call.describe()
    [message] = call.messages
    assert message.flag == 1, call.describe()
    response = messages_pb2.SimpleResponse.FromString(gzip.decompress(message.data))
    assert_zeros(response.payload.body, 314159)


def test_server_uncompressed_unary_clears_the_flag(connection):
    request = simple_request(response_compressed={"value": False})
    call = connection.unary("UnaryCall", request, accept_encoding="gzip,identity")
    assert call.status == Status.OK, call.describe()
    [message] = call.messages
    assert message.flag == 0, call.describe()
    assert_zeros(messages_pb2.SimpleResponse.FromString(message.data).payload.body, 314159)


def test_server_does_not_compress_for_a_client_that_accepts_only_identity(connection):
    # compression.md: a message the server is asked to compress with an algorithm the client's
    # last grpc-accept-encoding does not list "SHALL" be sent uncompressed.
    request = simple_request(response_compressed={"value": True})
    call = connection.unary("UnaryCall", request, accept_encoding="identity")
    assert call.status == Status.OK, call.describe()
    assert [m.flag for m in call.messages] == [0], call.describe()


# ---------------------------------------------------------------------------------------------
# client_compressed_unary


@pytest.mark.parametrize("encoding", [None, "gzip"], ids=["no-grpc-encoding", "grpc-encoding-gzip"])
def test_client_compressed_unary_probe_is_invalid_argument(connection, encoding):
    # The feature probe: expect_compressed true, but the flag says uncompressed. The flag decides,
    # whatever the stream's grpc-encoding.
    request = simple_request(expect_compressed={"value": True})
    call = connection.unary("UnaryCall", request, compressed=False, encoding=encoding, accept_encoding="gzip")
    assert call.status == Status.INVALID_ARGUMENT, call.describe()


def test_client_compressed_unary_is_accepted(connection):
    request = simple_request(expect_compressed={"value": True})
    call = connection.unary("UnaryCall", request, compressed=True, encoding="gzip", accept_encoding="gzip")
    assert call.status == Status.OK, call.describe()
    assert_zeros(call.response(messages_pb2.SimpleResponse).payload.body, 314159)


def test_client_uncompressed_unary_is_accepted(connection):
    request = simple_request(expect_compressed={"value": False})
    call = connection.unary("UnaryCall", request, compressed=False, accept_encoding="gzip")
    assert call.status == Status.OK, call.describe()
    assert_zeros(call.response(messages_pb2.SimpleResponse).payload.body, 314159)


# ---------------------------------------------------------------------------------------------
# client_compressed_streaming


def streaming_input(expect, size):
    return messages_pb2.StreamingInputCallRequest(
        expect_compressed={"value": expect}, payload=messages_pb2.Payload(body=b"\0" * size)
    )


def test_client_compressed_streaming_probe_is_invalid_argument(connection):
    call = connection.start("StreamingInputCall", accept_encoding="gzip")
    connection.send(call, streaming_input(True, 27182), compressed=False, end_stream=True)
    assert connection.finish(call).status == Status.INVALID_ARGUMENT, call.describe()


def test_client_compressed_streaming_compresses_per_message(connection):
    call = connection.start("StreamingInputCall", encoding="gzip", accept_encoding="gzip")
    connection.send(call, streaming_input(True, 27182), compressed=True)
    connection.send(call, streaming_input(False, 45904), compressed=False, end_stream=True)
    connection.finish(call)
    assert call.status == Status.OK, call.describe()
    assert call.response(messages_pb2.StreamingInputCallResponse).aggregated_payload_size == 73086


# ---------------------------------------------------------------------------------------------
# server_compressed_streaming


def test_server_compressed_streaming_compresses_per_message(connection):
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[
            {"compressed": {"value": True}, "size": 31415},
            {"compressed": {"value": False}, "size": 92653},
        ]
    )
    call = connection.unary("StreamingOutputCall", request, accept_encoding="gzip,identity")
    assert call.status == Status.OK, call.describe()
    assert call.headers.get("grpc-encoding") == "gzip", call.describe()
    messages = call.messages
    assert [m.flag for m in messages] == [1, 0], call.describe()
    sizes = [len(m.decode(messages_pb2.StreamingOutputCallResponse).payload.body) for m in messages]
    assert sizes == [31415, 92653]
