"""Development stand-ins for interop-server and interop-client, for when our binaries are not built.

Not part of what the tests check: the tests are written against the interop descriptions and
gRPC's PROTOCOL-HTTP2.md, and grpcio answers some bad input differently (the report that comes
with these tests lists where). Point the fixtures at this file to try the tests and the proxy:

    INTEROP_SERVER=Tests/RPC/wire/grpc_stand_in.py INTEROP_CLIENT=Tests/RPC/wire/grpc_stand_in.py \
        .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/wire

As a server (no --test_case), it is grpcio serving grpc.testing.TestService on $HOST and --port,
with the same conventions as interop-server: the first stdout line is `listening on HOST:PORT`
and SIGTERM stops it. grpcio's Python API cannot see a request's compressed flag, so
`expect_compressed` is not checked.

As a client (--test_case=NAME), it runs the four compression cases of the interop descriptions
with grpc_wire's raw client, which controls each message's flag exactly, and exits 0 on success.
"""

import argparse
import os
import signal
import threading
import time
from concurrent import futures

import grpc

from grpc_wire import GRPCConnection, Status
from wire_protos import empty_pb2, messages_pb2, test_pb2_grpc

# ---------------------------------------------------------------------------------------------
# Server


def _payload(size):
    return messages_pb2.Payload(body=b"\0" * size)


def _echo_status(request, context):
    """The Echo Status feature: a response_status ends the call with that status."""
    if request.HasField("response_status") and request.response_status.code != 0:
        code = next(c for c in grpc.StatusCode if c.value[0] == request.response_status.code)
        context.abort(code, request.response_status.message)


class TestService(test_pb2_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        _echo_status(request, context)
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        return messages_pb2.SimpleResponse(payload=_payload(request.response_size))

    def StreamingInputCall(self, request_iterator, context):
        size = sum(len(request.payload.body) for request in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=size)

    def _responses(self, request, context):
        _echo_status(request, context)
        for parameters in request.response_parameters:
            if parameters.interval_us:
                time.sleep(parameters.interval_us / 1e6)
            if not context.is_active():
                return
            if parameters.compressed.value:
                context.set_compression(grpc.Compression.Gzip)
            else:
                context.disable_next_message_compression()
            yield messages_pb2.StreamingOutputCallResponse(payload=_payload(parameters.size))

    def StreamingOutputCall(self, request, context):
        yield from self._responses(request, context)

    def FullDuplexCall(self, request_iterator, context):
        for request in request_iterator:
            yield from self._responses(request, context)

    def HalfDuplexCall(self, request_iterator, context):
        for request in list(request_iterator):
            yield from self._responses(request, context)


def serve(port):
    host = os.environ.get("HOST", "127.0.0.1")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    bound = server.add_insecure_port(f"{host}:{port}")
    server.start()
    print(f"listening on {host}:{bound}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    stopped.wait()
    server.stop(grace=1).wait()


# ---------------------------------------------------------------------------------------------
# Client


def _unary(address, request, compressed):
    connection = GRPCConnection(address, timeout=30)
    call = connection.unary(
        "UnaryCall", request, compressed=compressed, encoding="gzip" if compressed else None, accept_encoding="gzip"
    )
    connection.close()
    return call


def _check(condition, what):
    if not condition:
        raise SystemExit(f"stand-in client: {what}")


def client_compressed_unary(address):
    def request(expect):
        return messages_pb2.SimpleRequest(
            expect_compressed={"value": expect}, response_size=314159, payload=_payload(271828)
        )

    probe = _unary(address, request(True), compressed=False)
    _check(probe.status == Status.INVALID_ARGUMENT, f"probe: {probe.describe()}")
    for expect in (True, False):
        call = _unary(address, request(expect), compressed=expect)
        _check(call.status == Status.OK, call.describe())
        _check(len(call.response(messages_pb2.SimpleResponse).payload.body) == 314159, "response size")


def server_compressed_unary(address):
    for compressed in (True, False):
        request = messages_pb2.SimpleRequest(
            response_compressed={"value": compressed}, response_size=314159, payload=_payload(271828)
        )
        call = _unary(address, request, compressed=False)
        _check(call.status == Status.OK and call.messages[0].compressed == compressed, call.describe())


def client_compressed_streaming(address):
    connection = GRPCConnection(address, timeout=30)
    probe = connection.start("StreamingInputCall", accept_encoding="gzip")
    request = messages_pb2.StreamingInputCallRequest(expect_compressed={"value": True}, payload=_payload(27182))
    connection.send(probe, request, end_stream=True)
    _check(connection.finish(probe).status == Status.INVALID_ARGUMENT, f"probe: {probe.describe()}")
    call = connection.start("StreamingInputCall", encoding="gzip", accept_encoding="gzip")
    connection.send(call, request, compressed=True)
    second = messages_pb2.StreamingInputCallRequest(expect_compressed={"value": False}, payload=_payload(45904))
    connection.send(call, second, compressed=False, end_stream=True)
    connection.finish(call)
    connection.close()
    _check(call.status == Status.OK, call.describe())
    size = call.response(messages_pb2.StreamingInputCallResponse).aggregated_payload_size
    _check(size == 73086, f"aggregated_payload_size {size}")


def server_compressed_streaming(address):
    connection = GRPCConnection(address, timeout=30)
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[
            {"compressed": {"value": True}, "size": 31415},
            {"compressed": {"value": False}, "size": 92653},
        ]
    )
    call = connection.unary("StreamingOutputCall", request, accept_encoding="gzip")
    connection.close()
    _check(call.status == Status.OK, call.describe())
    _check([m.compressed for m in call.messages] == [True, False], call.describe())


def empty_unary(address):
    _check(_unary(address, empty_pb2.Empty(), compressed=False).status == Status.OK, "empty_unary")


CASES = {
    f.__name__: f
    for f in (
        client_compressed_unary,
        server_compressed_unary,
        client_compressed_streaming,
        server_compressed_streaming,
        empty_unary,
    )
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    parser.add_argument("--server_host")
    parser.add_argument("--server_port", type=int)
    parser.add_argument("--test_case")
    parser.add_argument("--use_tls", default="false")
    arguments = parser.parse_args()
    if arguments.test_case is None:
        serve(arguments.port or 0)
        return
    if arguments.test_case not in CASES:
        raise SystemExit(f"stand-in client: no test case {arguments.test_case}")
    CASES[arguments.test_case]((arguments.server_host, arguments.server_port))


if __name__ == "__main__":
    main()
