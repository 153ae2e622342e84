"""The standard services of our interop-server, used by grpcio's own clients: grpc.health.v1.Health
(grpcio-health-checking's stubs) and server reflection, both grpc.reflection.v1 (stubs generated
from the system contract) and grpc.reflection.v1alpha (grpcio-reflection's stubs and its
ProtoReflectionDescriptorDatabase, as grpcurl-like tools use it).

Every test also runs against interop_server.py, which registers grpcio's reference
implementations of the same services ("python-reference"): a test that fails only on
"interop-server" shows where our server and grpc's own part ways (`-k interop-server` skips them).

What is checked, from grpc/health/v1/health.proto and grpc/reflection/v1/reflection.proto:
  - Check: "" and grpc.testing.TestService are SERVING, an unknown service fails NOT_FOUND;
    Watch sends SERVING first, and SERVICE_UNKNOWN (without ending the call) for an unknown service;
  - list_services names the test, health and both reflection services;
  - file_containing_symbol for every listed service returns files (the dependencies they name
    fetched with file_by_filename) from which a DescriptorPool is built that finds the service;
    TestService has its eight methods with their request and response types and streaming kinds;
  - file_by_filename("grpc/testing/test.proto"); an unknown symbol or file gets error_response
    NOT_FOUND (5); several requests on one stream are answered in order; each response carries
    its original_request.
"""

import types

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2 as v1alpha_pb2
from grpc_reflection.v1alpha import reflection_pb2_grpc as v1alpha_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

CALL_TIMEOUT = 10
NOT_FOUND = grpc.StatusCode.NOT_FOUND.value[0]
TEST_SERVICE = "grpc.testing.TestService"
TEST_FILE = "grpc/testing/test.proto"
STANDARD_SERVICES = {
    TEST_SERVICE,
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
}
OUTPUT = ("grpc.testing.StreamingOutputCallRequest", "grpc.testing.StreamingOutputCallResponse")
# name: (request type, response type, client streaming, server streaming)
TEST_SERVICE_METHODS = {
    "EmptyCall": ("grpc.testing.Empty", "grpc.testing.Empty", False, False),
    "UnaryCall": ("grpc.testing.SimpleRequest", "grpc.testing.SimpleResponse", False, False),
    "CacheableUnaryCall": ("grpc.testing.SimpleRequest", "grpc.testing.SimpleResponse", False, False),
    "StreamingOutputCall": (*OUTPUT, False, True),
    "StreamingInputCall": (
        "grpc.testing.StreamingInputCallRequest",
        "grpc.testing.StreamingInputCallResponse",
        True,
        False,
    ),
    "FullDuplexCall": (*OUTPUT, True, True),
    "HalfDuplexCall": (*OUTPUT, True, True),
    "UnimplementedCall": ("grpc.testing.Empty", "grpc.testing.Empty", False, False),
}


@pytest.fixture(params=["swift_server", "python_server"], ids=["interop-server", "python-reference"])
def server(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def channel(server):
    with grpc.insecure_channel(server.target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT)
        yield channel


@pytest.fixture(params=["v1", "v1alpha"])
def reflection(request, channel, stubs_dir):
    """A Reflector speaking grpc.reflection.v1 or grpc.reflection.v1alpha."""
    if request.param == "v1":
        from interop_pb.reflection.v1 import reflection_pb2, reflection_pb2_grpc

        flavour = types.SimpleNamespace(messages=reflection_pb2, stub=reflection_pb2_grpc.ServerReflectionStub)
    else:
        flavour = types.SimpleNamespace(messages=v1alpha_pb2, stub=v1alpha_pb2_grpc.ServerReflectionStub)
    return Reflector(channel, flavour)


class Reflector:
    """ServerReflectionInfo calls: requests on one stream, then its responses."""

    def __init__(self, channel, flavour):
        self.messages = flavour.messages
        self.stub = flavour.stub(channel)

    def request(self, **fields):
        return self.messages.ServerReflectionRequest(**fields)

    def ask_all(self, requests):
        return list(self.stub.ServerReflectionInfo(iter(requests), timeout=CALL_TIMEOUT))

    def ask(self, **fields):
        responses = self.ask_all([self.request(**fields)])
        assert len(responses) == 1, f"{len(responses)} responses to one request {fields}"
        return responses[0]

    def files(self, **fields):
        """The FileDescriptorProtos answering one file_by_filename or file_containing_symbol request."""
        response = self.ask(**fields)
        kind = response.WhichOneof("message_response")
        assert kind == "file_descriptor_response", f"{fields} answered with {kind}: {response}"
        serialized = response.file_descriptor_response.file_descriptor_proto
        files = [descriptor_pb2.FileDescriptorProto.FromString(raw) for raw in serialized]
        assert files, f"{fields} answered with no files"
        return files

    def pool(self, files):
        """A DescriptorPool of files and, fetched by file_by_filename, every file they depend on."""
        known = {file.name: file for file in files}
        missing = [dependency for file in files for dependency in file.dependency]
        while missing:
            name = missing.pop()
            if name in known:
                continue
            fetched = self.files(file_by_filename=name)
            names = [file.name for file in fetched]
            assert name in names, f"file_by_filename({name!r}) returned {names}"
            for file in fetched:
                known.setdefault(file.name, file)
                missing.extend(file.dependency)
        pool = descriptor_pool.DescriptorPool()
        added = set()

        def add(name):  # dependencies first
            if name not in added:
                added.add(name)
                for dependency in known[name].dependency:
                    add(dependency)
                pool.Add(known[name])

        for name in known:
            add(name)
        return pool


def check_test_service(service):
    assert service.full_name == TEST_SERVICE
    methods = {method.name: method for method in service.methods}
    assert set(methods) == set(TEST_SERVICE_METHODS), f"TestService methods: {sorted(methods)}"
    for name, (request, response, client_streaming, server_streaming) in TEST_SERVICE_METHODS.items():
        method = methods[name]
        shape = (
            method.input_type.full_name,
            method.output_type.full_name,
            method.client_streaming,
            method.server_streaming,
        )
        assert shape == (request, response, client_streaming, server_streaming), f"{name}: {shape}"


# MARK: - Health


@pytest.mark.parametrize("service", ["", TEST_SERVICE])
def test_check_reports_serving(channel, service):
    request = health_pb2.HealthCheckRequest(service=service)
    response = health_pb2_grpc.HealthStub(channel).Check(request, timeout=CALL_TIMEOUT)
    assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_check_of_an_unknown_service_fails_not_found(channel):
    stub = health_pb2_grpc.HealthStub(channel)
    with pytest.raises(grpc.RpcError) as raised:
        stub.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=CALL_TIMEOUT)
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND, raised.value.details()


@pytest.mark.parametrize(
    "service, status",
    [
        (TEST_SERVICE, health_pb2.HealthCheckResponse.SERVING),
        ("no.such.Service", health_pb2.HealthCheckResponse.SERVICE_UNKNOWN),
    ],
    ids=["known", "unknown"],
)
def test_watch_sends_the_current_status_first(channel, service, status):
    request = health_pb2.HealthCheckRequest(service=service)
    responses = health_pb2_grpc.HealthStub(channel).Watch(request, timeout=CALL_TIMEOUT)
    try:
        first = next(responses)
        assert first.status == status, health_pb2.HealthCheckResponse.ServingStatus.Name(first.status)
        assert responses.is_active(), "Watch ended after its first response"
    finally:
        responses.cancel()


# MARK: - Reflection


def test_list_services_names_the_standard_services(reflection):
    response = reflection.ask(list_services="")
    assert response.WhichOneof("message_response") == "list_services_response", response
    names = {service.name for service in response.list_services_response.service}
    assert STANDARD_SERVICES <= names, f"listed: {sorted(names)}"


def test_file_containing_the_test_service_builds_a_pool(reflection):
    files = reflection.files(file_containing_symbol=TEST_SERVICE)
    assert TEST_FILE in [file.name for file in files], f"returned {[file.name for file in files]}"
    pool = reflection.pool(files)
    check_test_service(pool.FindServiceByName(TEST_SERVICE))
    request = pool.FindMessageTypeByName("grpc.testing.SimpleRequest")
    assert request.fields_by_name["response_size"].number == 2


def test_every_listed_service_resolves_to_its_file(reflection):
    listed = [service.name for service in reflection.ask(list_services="").list_services_response.service]
    for name in listed:
        pool = reflection.pool(reflection.files(file_containing_symbol=name))
        assert pool.FindServiceByName(name).full_name == name


def test_file_by_filename_returns_the_test_contract(reflection):
    files = reflection.files(file_by_filename=TEST_FILE)
    test_file = next((file for file in files if file.name == TEST_FILE), None)
    assert test_file is not None, f"returned {[file.name for file in files]}"
    assert test_file.package == "grpc.testing"
    assert TEST_SERVICE.rsplit(".", 1)[1] in [service.name for service in test_file.service]
    assert set(test_file.dependency) == {"grpc/testing/empty.proto", "grpc/testing/messages.proto"}


@pytest.mark.parametrize(
    "fields",
    [{"file_containing_symbol": "no.such.Symbol"}, {"file_by_filename": "no/such/file.proto"}],
    ids=["symbol", "file"],
)
def test_unknown_names_get_a_not_found_error_response(reflection, fields):
    response = reflection.ask(**fields)
    assert response.WhichOneof("message_response") == "error_response", response
    assert response.error_response.error_code == NOT_FOUND, response.error_response


def test_one_stream_answers_several_requests_in_order(reflection):
    requests = [
        reflection.request(list_services=""),
        reflection.request(file_containing_symbol="no.such.Symbol"),
        reflection.request(file_by_filename=TEST_FILE),
    ]
    responses = reflection.ask_all(requests)
    kinds = [response.WhichOneof("message_response") for response in responses]
    assert kinds == ["list_services_response", "error_response", "file_descriptor_response"]


def test_responses_carry_their_original_request(reflection):
    requests = [reflection.request(list_services=""), reflection.request(file_containing_symbol=TEST_SERVICE)]
    for request, response in zip(requests, reflection.ask_all(requests), strict=True):
        assert response.original_request == request


def test_descriptor_database_finds_the_test_service(channel):
    database = ProtoReflectionDescriptorDatabase(channel)
    assert STANDARD_SERVICES <= set(database.get_services())
    pool = descriptor_pool.DescriptorPool(database)
    check_test_service(pool.FindServiceByName(TEST_SERVICE))
    assert pool.FindMessageTypeByName("grpc.testing.SimpleResponse").fields_by_name["payload"].number == 1
