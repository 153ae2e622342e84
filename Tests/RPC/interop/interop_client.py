"""The standard gRPC interop client, in Python over grpcio: the peer our interop-server is tested against.

Each case follows grpc/grpc doc/interop-test-descriptions.md (payload sizes, metadata, status
messages, deadlines). The process exits 0 when the case passes and 1 with the reason on stderr
when it fails (2 for bad flags).

    interop_client.py --server_host=127.0.0.1 --server_port=50051 --test_case=large_unary --use_tls=false

Standard flags: --server_host, --server_port, --test_case, --use_tls (only false: no TLS here),
--server_host_override (sent as :authority); other standard flags are accepted and ignored.
Our flag --compression=gzip makes every call with grpcio's call-level gzip compression.

The compression cases, as far as grpcio allows (it can neither set nor read a message's
compressed flag, nor read grpc-encoding; it compresses every message of a call made with
compression=Gzip):
  - client_compressed_unary: exactly as described, one message per call: the uncompressed probe
    with expect_compressed=true must fail INVALID_ARGUMENT, the gzip call with
    expect_compressed=true and the plain call with expect_compressed=false must succeed.
  - client_compressed_streaming: the plain probe must fail INVALID_ARGUMENT; the second call is
    made with gzip, so *both* its messages are compressed (the description sends the second,
    expect_compressed=false, uncompressed); aggregated_payload_size must be 73086.
  - server_compressed_unary / server_compressed_streaming: the requests are as described, but
    only the payloads are checked (sizes and zeros), not the compressed flags.

Cases: see CASES at the bottom.
"""

import argparse
import queue
import sys

import grpc

import stubs

stubs.load()

from interop_pb.testing import empty_pb2, messages_pb2, test_pb2_grpc  # noqa: E402

CALL_TIMEOUT = 30  # seconds: a call that hangs fails with a reason instead of hanging the runner
CONNECT_TIMEOUT = 10
ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_INITIAL_VALUE = "test_initial_metadata_value"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
ECHO_TRAILING_VALUE = b"\xab\xab\xab"
STATUS_MESSAGE = "test status message"
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


class CaseFailure(Exception):
    """The server did something the case description forbids."""


def check(condition, reason):
    if not condition:
        raise CaseFailure(reason)


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


def check_payload(response, size, what="response"):
    body = response.payload.body
    check(len(body) == size, f"{what}: payload body is {len(body)} bytes, expected {size}")
    check(body == bytes(size), f"{what}: payload body is not all zeros")


def check_rpc_error(call, code, message=None, what="call"):
    """Runs call(), which must raise grpc.RpcError with code (and details equal to message)."""
    try:
        result = call()
    except grpc.RpcError as error:
        check(error.code() is code, f"{what}: status {error.code().name} {error.details()!r}, expected {code.name}")
        if message is not None:
            check(error.details() == message, f"{what}: status message {error.details()!r}, expected {message!r}")
        return
    except StopIteration:
        raise CaseFailure(f"{what}: ended OK without a response, expected status {code.name}") from None
    raise CaseFailure(f"{what}: succeeded ({type(result).__name__}), expected status {code.name}")


def values(metadata, key):
    return [value for name, value in metadata or () if name == key]


class RequestPipe:
    """A request iterator fed one message at a time, for cases that wait between messages."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def add(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            self._queue.put(self._END)  # stay closed for any later read
            raise StopIteration
        return item


class Client:
    """The stubs and the per-call options (timeout, compression) every case uses."""

    def __init__(self, channel, compression):
        self.channel = channel
        self.stub = test_pb2_grpc.TestServiceStub(channel)
        self.compression = compression

    def options(self, **overrides):
        return {"timeout": CALL_TIMEOUT, "compression": self.compression, **overrides}


def streaming_output_request(response_sizes, request_size=None, **fields):
    parameters = [messages_pb2.ResponseParameters(size=size) for size in response_sizes]
    request = messages_pb2.StreamingOutputCallRequest(
        response_type=messages_pb2.COMPRESSABLE, response_parameters=parameters, **fields
    )
    if request_size is not None:
        request.payload.CopyFrom(payload(request_size))
    return request


def large_unary_request(**fields):
    return messages_pb2.SimpleRequest(
        response_type=messages_pb2.COMPRESSABLE, response_size=314159, payload=payload(271828), **fields
    )


# MARK: - Cases


def empty_unary(client):
    response = client.stub.EmptyCall(empty_pb2.Empty(), **client.options())
    check(isinstance(response, empty_pb2.Empty), f"response is {type(response).__name__}, not Empty")
    check(response.SerializeToString() == b"", "the Empty response is not zero bytes")


def large_unary(client):
    response = client.stub.UnaryCall(large_unary_request(), **client.options())
    check_payload(response, 314159)


def client_streaming(client):
    requests = [messages_pb2.StreamingInputCallRequest(payload=payload(size)) for size in (27182, 8, 1828, 45904)]
    response = client.stub.StreamingInputCall(iter(requests), **client.options())
    size = response.aggregated_payload_size
    check(size == 74922, f"aggregated_payload_size is {size}, expected 74922")


def server_streaming(client):
    sizes = [31415, 9, 2653, 58979]
    responses = list(client.stub.StreamingOutputCall(streaming_output_request(sizes), **client.options()))
    check(len(responses) == 4, f"{len(responses)} responses, expected 4")
    for index, (response, size) in enumerate(zip(responses, sizes)):
        check_payload(response, size, f"response {index}")


def ping_pong(client):
    pipe = RequestPipe()
    responses = client.stub.FullDuplexCall(pipe, **client.options())
    try:
        for index, (request_size, response_size) in enumerate([(27182, 31415), (8, 9), (1828, 2653), (45904, 58979)]):
            pipe.add(streaming_output_request([response_size], request_size))
            response = next(responses, None)
            check(response is not None, f"the call ended OK after {index} responses, expected 4")
            check_payload(response, response_size, f"response {index}")
        pipe.close()
        check(next(responses, None) is None, "more than 4 responses")
    finally:
        pipe.close()


def empty_stream(client):
    responses = list(client.stub.FullDuplexCall(iter([]), **client.options()))
    check(responses == [], f"{len(responses)} responses, expected none")


def cancel_after_begin(client):
    pipe = RequestPipe()
    future = client.stub.StreamingInputCall.future(pipe, **client.options())
    try:
        future.cancel()
        check(future.cancelled(), "the call could not be cancelled")
        check(future.code() is grpc.StatusCode.CANCELLED, f"status {future.code().name}, expected CANCELLED")
    finally:
        pipe.close()


def cancel_after_first_response(client):
    pipe = RequestPipe()
    responses = client.stub.FullDuplexCall(pipe, **client.options())
    try:
        pipe.add(streaming_output_request([31415], 27182))
        response = next(responses, None)
        check(response is not None, "the call ended OK without a response")
        check_payload(response, 31415)
        responses.cancel()
        check_rpc_error(lambda: next(responses), grpc.StatusCode.CANCELLED, what="after cancel")
    finally:
        pipe.close()


def timeout_on_sleeping_server(client):
    pipe = RequestPipe()
    responses = client.stub.FullDuplexCall(pipe, **client.options(timeout=0.001))
    try:
        pipe.add(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))
        check_rpc_error(lambda: next(responses), grpc.StatusCode.DEADLINE_EXCEEDED, what="call with a 1 ms deadline")
    finally:
        pipe.close()


def status_code_and_message(client):
    status = messages_pb2.EchoStatus(code=2, message=STATUS_MESSAGE)
    unary = messages_pb2.SimpleRequest(response_status=status)
    check_rpc_error(
        lambda: client.stub.UnaryCall(unary, **client.options()), grpc.StatusCode.UNKNOWN, STATUS_MESSAGE, "UnaryCall"
    )
    duplex = messages_pb2.StreamingOutputCallRequest(response_status=status)
    check_rpc_error(
        lambda: list(client.stub.FullDuplexCall(iter([duplex]), **client.options())),
        grpc.StatusCode.UNKNOWN,
        STATUS_MESSAGE,
        "FullDuplexCall",
    )


def special_status_message(client):
    status = messages_pb2.EchoStatus(code=2, message=SPECIAL_STATUS_MESSAGE)
    request = messages_pb2.SimpleRequest(response_status=status)
    check_rpc_error(
        lambda: client.stub.UnaryCall(request, **client.options()), grpc.StatusCode.UNKNOWN, SPECIAL_STATUS_MESSAGE
    )


def unimplemented_method(client):
    check_rpc_error(
        lambda: client.stub.UnimplementedCall(empty_pb2.Empty(), **client.options()), grpc.StatusCode.UNIMPLEMENTED
    )


def unimplemented_service(client):
    stub = test_pb2_grpc.UnimplementedServiceStub(client.channel)
    check_rpc_error(
        lambda: stub.UnimplementedCall(empty_pb2.Empty(), **client.options()), grpc.StatusCode.UNIMPLEMENTED
    )


def check_echoed_metadata(initial, trailing, what):
    echoed = values(initial, ECHO_INITIAL_KEY)
    check(echoed == [ECHO_INITIAL_VALUE], f"{what}: initial metadata {ECHO_INITIAL_KEY} is {echoed}")
    echoed = values(trailing, ECHO_TRAILING_KEY)
    check(echoed == [ECHO_TRAILING_VALUE], f"{what}: trailing metadata {ECHO_TRAILING_KEY} is {echoed}")


def custom_metadata(client):
    metadata = [(ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE), (ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE)]
    response, call = client.stub.UnaryCall.with_call(large_unary_request(), metadata=metadata, **client.options())
    check_payload(response, 314159, "UnaryCall")
    check_echoed_metadata(call.initial_metadata(), call.trailing_metadata(), "UnaryCall")

    request = streaming_output_request([314159], 271828)
    call = client.stub.FullDuplexCall(iter([request]), metadata=metadata, **client.options())
    responses = list(call)
    check(len(responses) == 1, f"FullDuplexCall: {len(responses)} responses, expected 1")
    check_payload(responses[0], 314159, "FullDuplexCall")
    check_echoed_metadata(call.initial_metadata(), call.trailing_metadata(), "FullDuplexCall")


def client_compressed_unary(client):
    expect_compressed = messages_pb2.BoolValue(value=True)
    probe = large_unary_request(expect_compressed=expect_compressed)
    check_rpc_error(
        lambda: client.stub.UnaryCall(probe, **client.options(compression=grpc.Compression.NoCompression)),
        grpc.StatusCode.INVALID_ARGUMENT,
        what="the uncompressed probe with expect_compressed=true",
    )
    response = client.stub.UnaryCall(probe, **client.options(compression=grpc.Compression.Gzip))
    check_payload(response, 314159, "the compressed call")
    plain = large_unary_request(expect_compressed=messages_pb2.BoolValue(value=False))
    response = client.stub.UnaryCall(plain, **client.options(compression=grpc.Compression.NoCompression))
    check_payload(response, 314159, "the uncompressed call")


def client_compressed_streaming(client):
    def request(expected, size):
        return messages_pb2.StreamingInputCallRequest(
            expect_compressed=messages_pb2.BoolValue(value=expected), payload=payload(size)
        )

    check_rpc_error(
        lambda: client.stub.StreamingInputCall(
            iter([request(True, 27182)]), **client.options(compression=grpc.Compression.NoCompression)
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        what="the uncompressed probe with expect_compressed=true",
    )
    response = client.stub.StreamingInputCall(
        iter([request(True, 27182), request(False, 45904)]), **client.options(compression=grpc.Compression.Gzip)
    )
    size = response.aggregated_payload_size
    check(size == 73086, f"aggregated_payload_size is {size}, expected 73086")


def server_compressed_unary(client):
    for compressed in (True, False):
        request = large_unary_request(response_compressed=messages_pb2.BoolValue(value=compressed))
        response = client.stub.UnaryCall(request, **client.options())
        check_payload(response, 314159, f"response_compressed={compressed}")


def server_compressed_streaming(client):
    request = messages_pb2.StreamingOutputCallRequest(
        response_type=messages_pb2.COMPRESSABLE,
        response_parameters=[
            messages_pb2.ResponseParameters(size=31415, compressed=messages_pb2.BoolValue(value=True)),
            messages_pb2.ResponseParameters(size=92653, compressed=messages_pb2.BoolValue(value=False)),
        ],
    )
    responses = list(client.stub.StreamingOutputCall(request, **client.options()))
    check(len(responses) == 2, f"{len(responses)} responses, expected 2")
    check_payload(responses[0], 31415, "response 0 (compressed)")
    check_payload(responses[1], 92653, "response 1 (uncompressed)")


CASES = {
    case.__name__: case
    for case in [
        empty_unary,
        large_unary,
        client_streaming,
        server_streaming,
        ping_pong,
        empty_stream,
        cancel_after_begin,
        cancel_after_first_response,
        timeout_on_sleeping_server,
        status_code_and_message,
        special_status_message,
        unimplemented_method,
        unimplemented_service,
        custom_metadata,
        client_compressed_unary,
        client_compressed_streaming,
        server_compressed_unary,
        server_compressed_streaming,
    ]
}
COMPRESSIONS = {"none": grpc.Compression.NoCompression, "gzip": grpc.Compression.Gzip}


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--server_host_override")
    parser.add_argument("--test_case", required=True, choices=sorted(CASES))
    parser.add_argument("--use_tls", default="false", choices=["true", "false"])
    parser.add_argument("--compression", default="none", choices=sorted(COMPRESSIONS))
    arguments, _ = parser.parse_known_args(argv)  # the other standard flags are ignored
    if arguments.use_tls == "true":
        parser.error("--use_tls=true is not supported: this client speaks plaintext HTTP/2 only")
    return arguments


def main(argv):
    arguments = parse_arguments(argv)
    target = f"{arguments.server_host}:{arguments.server_port}"
    options = [("grpc.enable_http_proxy", 0)]
    if arguments.server_host_override:
        options.append(("grpc.default_authority", arguments.server_host_override))
    with grpc.insecure_channel(target, options=options) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT)
        except grpc.FutureTimeoutError:
            print(f"FAIL {arguments.test_case}: no connection to {target} within {CONNECT_TIMEOUT} s", file=sys.stderr)
            return 1
        client = Client(channel, COMPRESSIONS[arguments.compression])
        try:
            CASES[arguments.test_case](client)
        except CaseFailure as failure:
            print(f"FAIL {arguments.test_case}: {failure}", file=sys.stderr)
            return 1
        except grpc.RpcError as error:
            reason = f"unexpected status {error.code().name} {error.details()!r}"
            print(f"FAIL {arguments.test_case}: {reason}", file=sys.stderr)
            return 1
    print(f"PASS {arguments.test_case}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
