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
import subprocess
import sys
from pathlib import Path

import pytest

import stubs

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from peer_process import ListeningProcess, swift_product  # noqa: E402

HERE = Path(__file__).resolve().parent
CLIENT_TIMEOUT = 60  # seconds per case: the slowest case runs well under a second
SERVER_FIXTURES = ("swift_server", "python_server", "python_gzip_server")


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


class PeerServer(ListeningProcess):
    """One interop server process (ours or Python) on 127.0.0.1 and a free port."""

    @property
    def target(self):
        return f"{self.host}:{self.port}"


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
