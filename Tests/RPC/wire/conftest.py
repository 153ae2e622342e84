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
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from grpc_wire import GRPCConnection, Status
from wire_protos import empty_pb2

ROOT = Path(__file__).resolve().parents[3]
BUILD_TIMEOUT = 900
START_TIMEOUT = 30
_RECORDED = []


def _binary(product, variable):
    path = os.environ.get(variable)
    if not path:
        command = ["swift", "build", "--product", product]
        if scratch := os.environ.get("SWIFT_SCRATCH_PATH"):
            command += ["--scratch-path", scratch]
        built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        if built.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{built.stdout}\n{built.stderr}", pytrace=False)
        found = subprocess.run(
            [*command, "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT
        )
        path = os.path.join(found.stdout.strip(), product)
    if path.endswith(".py"):
        return [sys.executable, path]
    if not os.access(path, os.X_OK):
        pytest.fail(f"no {product} at {path} (set {variable})", pytrace=False)
    return [path]


@pytest.fixture(scope="session")
def interop_server_command():
    return _binary("interop-server", "INTEROP_SERVER")


@pytest.fixture(scope="session")
def interop_client_command():
    return _binary("interop-client", "INTEROP_CLIENT")


class InteropServer:
    """One interop-server process on 127.0.0.1 and a free port."""

    def __init__(self, command):
        self.log = tempfile.TemporaryFile()
        env = {**os.environ, "HOST": "127.0.0.1"}
        self.process = subprocess.Popen([*command, "--port=0"], env=env, stdout=subprocess.PIPE, stderr=self.log)
        line = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.process.stdout], [], [], remaining)[0]:
                self.stop()
                pytest.fail(f"interop-server printed no address within {START_TIMEOUT} s", pytrace=False)
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                self.stop()
                pytest.fail(f"interop-server exited at start: {self.stderr()}", pytrace=False)
            line += chunk
        first = line.split(b"\n", 1)[0].decode().strip()
        match = re.fullmatch(r"listening on (\S+):(\d+)", first)
        assert match, f"unexpected first line {first!r}"
        self.host, self.port = match.group(1), int(match.group(2))
        assert self.host == "127.0.0.1"

    @property
    def address(self):
        return (self.host, self.port)

    def is_alive(self):
        return self.process.poll() is None

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

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

    def stop(self):
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process.stdout.close()


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
