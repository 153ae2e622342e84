"""Fixtures for the gRPC wire tests: a running interop-server and the interop-client binary.

The server is $INTEROP_SERVER, else the debug build of the `interop-server` product
(`swift build --product interop-server`, with `--scratch-path $SWIFT_SCRATCH_PATH` when set); the
client likewise ($INTEROP_CLIENT, `interop-client`). The server runs with HOST=127.0.0.1 and
`--port=0` and is found by its `listening on HOST:PORT` line; SIGTERM stops it. A path ending in
`.py` runs with this Python (grpc_stand_in.py, the development stand-in).

After every test that uses the shared server, the server must still be running and must answer
an EmptyCall on a new connection: a crash or a wedged server fails the test that caused it.
Tests whose expectation allows several answers note the one they saw with `record`; the notes
are printed at the end of the run.
"""

import os
import sys
from pathlib import Path

import pytest

from grpc_wire import GRPCConnection, Status
from wire_protos import empty_pb2

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from peer_process import ListeningProcess, swift_product  # noqa: E402

_RECORDED = []


def _binary(product, variable):
    path = swift_product(product, variable)
    return [sys.executable, path] if path.endswith(".py") else [path]


@pytest.fixture(scope="session")
def interop_server_command():
    return _binary("interop-server", "INTEROP_SERVER")


@pytest.fixture(scope="session")
def interop_client_command():
    return _binary("interop-client", "INTEROP_CLIENT")


class InteropServer(ListeningProcess):
    """One interop-server process on 127.0.0.1 and a free port."""

    def __init__(self, command):
        super().__init__("interop-server", [*command, "--port=0"], {**os.environ, "HOST": "127.0.0.1"}, grace=10)

    def assert_serving(self):
        """Alive, and an EmptyCall on a new connection succeeds."""
        assert self.is_alive(), f"interop-server died (exit {self.process.returncode}): {self.stderr()}"
        connection = GRPCConnection(self.address)
        try:
            call = connection.unary("EmptyCall", empty_pb2.Empty())
        finally:
            connection.close()
        assert call.status == Status.OK, f"EmptyCall after the test: {call.describe()}"
        assert [m.data for m in call.messages] == [b""], call.describe()


@pytest.fixture(scope="session")
def server(interop_server_command):
    """The server all tests share (each test opens its own connections)."""
    running = InteropServer(interop_server_command)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def server_survives(request):
    """After each test, the shared server is alive and serves EmptyCall on a new connection."""
    yield
    if "server" in request.fixturenames:
        request.getfixturevalue("server").assert_serving()


@pytest.fixture
def record(request):
    """Notes which of the allowed answers a test saw; the notes are printed after the run."""

    def note(text):
        _RECORDED.append(f"{request.node.nodeid}: {text}")

    return note


def pytest_terminal_summary(terminalreporter):
    if _RECORDED:
        terminalreporter.section("answers recorded (where several are allowed)")
        for line in _RECORDED:
            terminalreporter.write_line(line)
