"""The standard gRPC interop server (grpc.testing.TestService), in Python over grpcio: the peer our
interop-client is tested against.

It implements the server features of grpc/grpc doc/interop-test-descriptions.md: EmptyCall,
UnaryCall (response_size, response_type COMPRESSABLE only, else INVALID_ARGUMENT),
CacheableUnaryCall (a nanosecond timestamp), StreamingInputCall, StreamingOutputCall,
FullDuplexCall and HalfDuplexCall (ResponseParameters.size and interval_us), Echo Status
(response_status), Echo Metadata (x-grpc-test-echo-initial back as initial metadata,
x-grpc-test-echo-trailing-bin back as trailing metadata) and UnimplementedCall (UNIMPLEMENTED);
grpc.testing.UnimplementedService is not registered, so grpcio answers UNIMPLEMENTED.

Like our interop-server it also registers the standard services, from grpcio-health-checking and
grpcio-reflection: grpc.health.v1.Health (SERVING for "" and grpc.testing.TestService) and
grpc.reflection.v1alpha.ServerReflection, plus grpc.reflection.v1.ServerReflection served by the
same reflection servicer (v1 and v1alpha messages are the same on the wire); this makes the
server a reference for test_health_reflection.py.

    interop_server.py --port=0 [--compression=gzip]

It listens on 127.0.0.1 only, prints `listening on 127.0.0.1:PORT` as its first stdout line and
stops on SIGTERM (or SIGINT). --compression=gzip makes gzip the default for every response.

Where grpcio limits it:
  - CompressedRequest is not implemented: grpcio shows a handler neither the request's compressed
    flag nor its grpc-encoding, so expect_compressed is ignored.
  - CompressedResponse: `compressed: true` sets gzip for the call, `compressed: false` (present)
    clears the compressed flag of that one message (disable_next_message_compression). The call's
    encoding travels in its initial metadata, so it can be switched on only before those are sent:
    UnaryCall and StreamingOutputCall honour it fully; FullDuplexCall sends its initial metadata
    at once (clients may wait for them) and HalfDuplexCall after reading all requests, so
    FullDuplexCall compresses only with --compression=gzip.
  - Echo Status: a code outside 1…16 is sent as UNKNOWN (grpcio accepts only its StatusCode enum).
"""

import argparse
import signal
import sys
import threading
import time
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2

import stubs

stubs.load()

from interop_pb.reflection.v1 import reflection_pb2 as reflection_v1_pb2  # noqa: E402
from interop_pb.testing import empty_pb2, messages_pb2, test_pb2, test_pb2_grpc  # noqa: E402

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
STATUS_BY_CODE = {status.value[0]: status for status in grpc.StatusCode}
SHUTDOWN_GRACE = 2  # seconds


def echo_metadata(context):
    """Echo Metadata: sends x-grpc-test-echo-initial now and x-grpc-test-echo-trailing-bin with the status."""
    received = context.invocation_metadata()
    initial = [(key, value) for key, value in received if key == ECHO_INITIAL_KEY]
    trailing = [(key, value) for key, value in received if key == ECHO_TRAILING_KEY]
    if initial:
        context.send_initial_metadata(initial)
    if trailing:
        context.set_trailing_metadata(trailing)


def abort_if_asked(request, context):
    """Echo Status: ends the call with request.response_status when it is not OK."""
    status = request.response_status
    if status.code != 0:
        context.abort(STATUS_BY_CODE.get(status.code, grpc.StatusCode.UNKNOWN), status.message)


def check_response_type(request, context):
    if request.response_type != messages_pb2.COMPRESSABLE:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"unsupported response_type {request.response_type}")


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


class TestService(test_pb2_grpc.TestServiceServicer):
    """grpc.testing.TestService as the interop descriptions define its server features."""

    def EmptyCall(self, request, context):
        echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)  # before the initial metadata carry the encoding
        echo_metadata(context)
        abort_if_asked(request, context)
        check_response_type(request, context)
        if request.HasField("response_compressed") and not request.response_compressed.value:
            context.disable_next_message_compression()
        return messages_pb2.SimpleResponse(payload=payload(request.response_size))

    def CacheableUnaryCall(self, request, context):
        context.send_initial_metadata([("cache-control", "max-age=60")])
        return messages_pb2.SimpleResponse(payload=messages_pb2.Payload(body=str(time.time_ns()).encode()))

    def StreamingInputCall(self, request_iterator, context):
        echo_metadata(context)
        total = sum(len(request.payload.body) for request in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def StreamingOutputCall(self, request, context):
        if any(parameters.compressed.value for parameters in request.response_parameters):
            context.set_compression(grpc.Compression.Gzip)
        echo_metadata(context)
        abort_if_asked(request, context)
        check_response_type(request, context)
        for parameters in request.response_parameters:
            yield self.respond(parameters, context)

    def FullDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in request_iterator:
            abort_if_asked(request, context)
            check_response_type(request, context)
            for parameters in request.response_parameters:
                yield self.respond(parameters, context)

    def HalfDuplexCall(self, request_iterator, context):
        requests = []
        for request in request_iterator:
            abort_if_asked(request, context)
            check_response_type(request, context)
            requests.append(request)
        parameters_list = [parameters for request in requests for parameters in request.response_parameters]
        if any(parameters.compressed.value for parameters in parameters_list):
            context.set_compression(grpc.Compression.Gzip)
        echo_metadata(context)
        for parameters in parameters_list:
            yield self.respond(parameters, context)

    def UnimplementedCall(self, request, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "grpc.testing.TestService/UnimplementedCall is not implemented")

    def respond(self, parameters, context):
        """One StreamingOutputCallResponse, after sleeping interval_us since the previous one."""
        if parameters.interval_us > 0:
            time.sleep(parameters.interval_us / 1_000_000)
        if parameters.HasField("compressed") and not parameters.compressed.value:
            context.disable_next_message_compression()
        return messages_pb2.StreamingOutputCallResponse(payload=payload(parameters.size))


def add_standard_services(server):
    """Health (SERVING for the whole server and TestService) and reflection v1 and v1alpha."""
    test_service = test_pb2.DESCRIPTOR.services_by_name["TestService"].full_name
    health_servicer = health.HealthServicer()
    for service in ("", test_service):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection_v1 = reflection_v1_pb2.DESCRIPTOR.services_by_name["ServerReflection"].full_name
    names = [test_service, health.SERVICE_NAME, reflection_v1, reflection.SERVICE_NAME]
    reflection_servicer = reflection.ReflectionServicer(names)
    handler = grpc.stream_stream_rpc_method_handler(
        reflection_servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,  # v1alpha: v1 on the wire
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    methods = {"ServerReflectionInfo": handler}
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(reflection_v1, methods)])
    reflection.enable_server_reflection(names, server)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--compression", default="none", choices=["none", "gzip"])
    parser.add_argument("--use_tls", default="false", choices=["false"])
    arguments = parser.parse_args(argv)
    compresses = arguments.compression == "gzip"
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=32),
        compression=grpc.Compression.Gzip if compresses else None,
        options=[("grpc.so_reuseport", 0)],
    )
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    add_standard_services(server)
    port = server.add_insecure_port(f"127.0.0.1:{arguments.port}")
    if port == 0:
        print(f"cannot listen on 127.0.0.1:{arguments.port}", file=sys.stderr)
        return 1
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    server.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    stopping.wait()
    server.stop(SHUTDOWN_GRACE).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
