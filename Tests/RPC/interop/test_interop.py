"""gRPC interop: our interop-server and interop-client against grpcio peers, case by case as
grpc/grpc doc/interop-test-descriptions.md defines them (the cases are in interop_client.py).

  - Direction A: interop_client.py (grpcio) → our interop-server, every case; and with
    --compression=gzip (grpcio compresses every request message that gzip shrinks) the cases that move
    payloads, so our server must decompress.
  - Direction B: our interop-client → interop_server.py (grpcio), every case; against the server
    started with --compression=gzip (every response compressed), so our client must decompress;
    and our client with --compression=gzip (requests compressed) against the plain server.
    These run through a WireTap (wire_tap.py), which checks that messages really were compressed:
    a grpcio server compresses only what the client's grpc-accept-encoding allows.
  - The Python pair: interop_client.py → interop_server.py, which checks the harness itself
    against grpcio and needs no Swift build (`-k python_pair`), the tap's view of compression
    included. client_compressed_unary and client_compressed_streaming are left out there: grpcio
    cannot show a handler whether a request was compressed, so interop_server.py cannot fail
    their uncompressed probes.

Each case is one client process with a timeout; the servers run for the whole session, and a
server that dies fails the test that killed it.

    INTEROP_SERVER=.build/debug/interop-server INTEROP_CLIENT=.build/debug/interop-client \\
        .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/interop
"""

import pytest

from wire_tap import FROM_CLIENT, FROM_SERVER, WireTap

CASES = [
    "empty_unary",
    "large_unary",
    "client_streaming",
    "server_streaming",
    "ping_pong",
    "empty_stream",
    "cancel_after_begin",
    "cancel_after_first_response",
    "timeout_on_sleeping_server",
    "status_code_and_message",
    "special_status_message",
    "unimplemented_method",
    "unimplemented_service",
    "custom_metadata",
]
SERVER_COMPRESSION_CASES = ["server_compressed_unary", "server_compressed_streaming"]
GZIP = "--compression=gzip"
COMPRESSED = 1  # the gRPC message prefix's Compressed-Flag


def check_compressed(tap, direction):
    """Some message in `direction` was gzip-compressed, under a grpc-encoding: gzip header."""
    assert not tap.parse_errors(), tap.parse_errors()
    flags = tap.message_flags(direction)
    sender, receiver = (FROM_SERVER, FROM_CLIENT) if direction == FROM_SERVER else (FROM_CLIENT, FROM_SERVER)
    accepted = tap.header_values(receiver, "grpc-accept-encoding")
    assert COMPRESSED in flags, f"no message from the {sender} was compressed (flags {flags}; accepted {accepted})"
    encodings = set(tap.header_values(direction, "grpc-encoding"))
    assert encodings == {"gzip"}, f"grpc-encoding from the {sender}: {encodings}"


# MARK: - Direction A: the grpcio client against our server


@pytest.mark.parametrize("case", CASES)
def test_python_client_against_our_server(case, python_client, swift_server):
    python_client.run(swift_server, case)


@pytest.mark.parametrize("case", ["large_unary", "client_streaming", "server_streaming", "ping_pong"])
def test_python_gzip_client_against_our_server(case, python_client, swift_server):
    python_client.run(swift_server, case, GZIP)


# MARK: - Direction B: our client against the grpcio server


@pytest.mark.parametrize("case", CASES)
def test_our_client_against_python_server(case, swift_client, python_server):
    swift_client.run(python_server, case)


@pytest.mark.parametrize("case", ["large_unary", "server_streaming", "ping_pong"])
def test_our_client_against_python_gzip_server(case, swift_client, python_gzip_server):
    with WireTap(python_gzip_server) as tap:
        swift_client.run(tap, case)
    check_compressed(tap, FROM_SERVER)


@pytest.mark.parametrize("case", ["large_unary", "client_streaming"])
def test_our_gzip_client_against_python_server(case, swift_client, python_server):
    with WireTap(python_server) as tap:
        swift_client.run(tap, case, GZIP)
    check_compressed(tap, FROM_CLIENT)


# MARK: - The Python pair: the harness against grpcio itself


@pytest.mark.parametrize("case", CASES + SERVER_COMPRESSION_CASES)
def test_python_pair(case, python_client, python_server):
    python_client.run(python_server, case)


@pytest.mark.parametrize("case", ["large_unary", "client_streaming", "server_streaming", "ping_pong"])
def test_python_pair_gzip_client(case, python_client, python_server):
    with WireTap(python_server) as tap:
        python_client.run(tap, case, GZIP)
    if case != "server_streaming":  # its one 18-byte request does not shrink, so grpcio sends it plain
        check_compressed(tap, FROM_CLIENT)


@pytest.mark.parametrize("case", ["large_unary", "server_streaming", "ping_pong", "custom_metadata"])
def test_python_pair_gzip_server(case, python_client, python_gzip_server):
    with WireTap(python_gzip_server) as tap:
        python_client.run(tap, case)
    check_compressed(tap, FROM_SERVER)


@pytest.mark.parametrize(
    "case, flags",
    [("server_compressed_unary", [1, 0]), ("server_compressed_streaming", [1, 0])],
)
def test_python_pair_server_compression_flags(case, flags, python_client, python_server):
    """CompressedResponse as the descriptions define it, seen on the wire."""
    with WireTap(python_server) as tap:
        python_client.run(tap, case)
    assert tap.message_flags(FROM_SERVER) == flags
