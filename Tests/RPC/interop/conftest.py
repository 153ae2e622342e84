"""Fixtures for the gRPC interop peer tests of Sources/RPC: our interop-server and interop-client
against the Python (grpcio) interop client and server in this directory.

Our binaries are $INTEROP_SERVER and $INTEROP_CLIENT, else the debug builds of the `interop-server`
and `interop-client` products (`swift build --product …`, with `--scratch-path $SWIFT_SCRATCH_PATH`
when set). Every server, ours or Python, runs on 127.0.0.1 with port 0 and is found by its
`listening on HOST:PORT` line; every client is a subprocess with a timeout. The Python stubs are
generated once per session (stubs.py) and handed to the Python processes in $INTEROP_STUBS_DIR.

    .venv/bin/python -m pytest -q -p no:cacheprovider Tests/RPC/interop
"""

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

import stubs

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
BUILD_TIMEOUT = 900
START_TIMEOUT = 30
CLIENT_TIMEOUT = 60  # seconds per case: the slowest case runs well under a second
SERVER_FIXTURES = ("swift_server", "python_server", "python_gzip_server")


def swift_product(product, variable):
    """The path of our executable `product`: $variable, else a fresh debug build."""
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
    if not os.access(path, os.X_OK):
        pytest.fail(f"no {product} at {path} (set {variable})", pytrace=False)
    return path


@pytest.fixture(scope="session")
def stubs_dir(tmp_path_factory):
    """The generated Python stubs, importable here and in every Python peer process."""
    root = tmp_path_factory.mktemp("interop-stubs")
    stubs.generate(root)
    return stubs.load(root)


@pytest.fixture(scope="session")
def peer_env(stubs_dir):
    """The environment of every peer process."""
    return {**os.environ, stubs.DIRECTORY_VARIABLE: stubs_dir, "PYTHONUNBUFFERED": "1"}


class PeerServer:
    """One interop server process on 127.0.0.1 and a free port, found by its first stdout line.

    Its stderr goes to a file opened for appending (so reading it races no write). A thread drains
    its stdout after the first line, so a server that logs there never blocks on a full pipe;
    stderr() shows the end of both.
    """

    def __init__(self, name, command, env):
        self.name = name
        self.log = tempfile.TemporaryFile(mode="a+b")
        self.stdout_tail = b""
        self.drainer = None
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=self.log)
        line = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.process.stdout], [], [], remaining)[0]:
                self.stop()
                pytest.fail(f"{name} printed no address within {START_TIMEOUT} s: {self.stderr()}", pytrace=False)
            chunk = os.read(self.process.stdout.fileno(), 4096)  # unbuffered: select sees what is left
            if not chunk:
                self.stop()
                pytest.fail(f"{name} exited at start: {self.stderr()}", pytrace=False)
            line += chunk
        first, self.stdout_tail = line.split(b"\n", 1)
        self.drainer = threading.Thread(target=self.drain_stdout, daemon=True)
        self.drainer.start()
        match = re.fullmatch(r"listening on (\S+):(\d+)", first.decode(errors="replace").strip())
        if not match or match.group(1) != "127.0.0.1":
            self.stop()
            pytest.fail(f"{name}: first line {first!r} is not `listening on 127.0.0.1:PORT`", pytrace=False)
        self.host, self.port = match.group(1), int(match.group(2))

    @property
    def target(self):
        return f"{self.host}:{self.port}"

    def is_alive(self):
        return self.process.poll() is None

    def drain_stdout(self):
        try:
            while chunk := os.read(self.process.stdout.fileno(), 65536):
                self.stdout_tail = (self.stdout_tail + chunk)[-4000:]
        except (OSError, ValueError):
            pass  # closed by stop()

    def stderr(self, limit=4000):
        """The end of what the server wrote to stderr (and to stdout after its first line)."""
        self.log.seek(0)
        text = self.log.read().decode(errors="replace")[-limit:]
        if self.stdout_tail:
            text += "\n[stdout]\n" + self.stdout_tail.decode(errors="replace")
        return text

    def stop(self):
        """SIGTERM (the graceful shutdown), then SIGKILL if it is still running after 6 s."""
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=6)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.drainer:
            self.drainer.join(timeout=2)  # it ends at EOF, once the server has exited
        self.process.stdout.close()


class InteropClient:
    """An interop client executable, run once per case with the standard flags."""

    def __init__(self, name, command, env):
        self.name = name
        self.command = command
        self.env = env

    def run(self, server, case, *flags):
        """Runs `case` against `server`; fails the test unless the client exits 0."""
        command = [
            *self.command,
            f"--server_host={server.host}",
            f"--server_port={server.port}",
            f"--test_case={case}",
            "--use_tls=false",
            *flags,
        ]
        try:
            result = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=CLIENT_TIMEOUT)
        except subprocess.TimeoutExpired as expired:
            pytest.fail(
                f"{self.name} {case} did not finish within {CLIENT_TIMEOUT} s\n"
                f"client stderr:\n{expired.stderr or ''}\n{server.name} stderr:\n{server.stderr()}",
                pytrace=False,
            )
        if result.returncode != 0:
            pytest.fail(
                f"{self.name} {case} {' '.join(flags)} against {server.name} exited {result.returncode}\n"
                f"client stderr:\n{result.stderr}\nclient stdout:\n{result.stdout}\n"
                f"{server.name} stderr:\n{server.stderr()}",
                pytrace=False,
            )
        return result


@pytest.fixture(scope="session")
def swift_server(peer_env):
    """Our interop-server, shared by the session (each case opens its own connection)."""
    binary = swift_product("interop-server", "INTEROP_SERVER")
    running = PeerServer("interop-server", [binary, "--port=0"], {**peer_env, "HOST": "127.0.0.1"})
    yield running
    running.stop()


@pytest.fixture(scope="session")
def swift_client(peer_env):
    return InteropClient("interop-client", [swift_product("interop-client", "INTEROP_CLIENT")], peer_env)


@pytest.fixture(scope="session")
def python_server(peer_env):
    """interop_server.py, answering uncompressed unless a request asks otherwise."""
    running = PeerServer("interop_server.py", [sys.executable, str(HERE / "interop_server.py"), "--port=0"], peer_env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def python_gzip_server(peer_env):
    """interop_server.py compressing every response with gzip."""
    command = [sys.executable, str(HERE / "interop_server.py"), "--port=0", "--compression=gzip"]
    running = PeerServer("interop_server.py --compression=gzip", command, peer_env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def python_client(peer_env):
    return InteropClient("interop_client.py", [sys.executable, str(HERE / "interop_client.py")], peer_env)


@pytest.fixture(autouse=True)
def servers_survive(request):
    """After each test, the servers it used must still be running: a crash fails the test that caused it."""
    yield
    for name in SERVER_FIXTURES:
        if name in request.fixturenames:
            running = request.getfixturevalue(name)
            assert running.is_alive(), f"{running.name} died (exit {running.process.returncode}): {running.stderr()}"
