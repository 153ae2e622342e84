"""Fixtures for the peer tests of Sources/Transport: a running http-bench-server.

The server is $HTTP_BENCH_SERVER, else the debug build of the `http-bench-server` product
(`swift build --product http-bench-server`, with `--scratch-path $SWIFT_SCRATCH_PATH` when set).
It runs on 127.0.0.1 with PORT=0 and is found by its `listening on HOST:PORT` line.
"""

import os
import resource
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from peer_process import ListeningProcess, swift_product  # noqa: E402


@pytest.fixture(scope="session")
def bench_server_binary():
    return swift_product("http-bench-server", "HTTP_BENCH_SERVER")


class BenchServer(ListeningProcess):
    """One http-bench-server process on 127.0.0.1 and a free port."""

    def __init__(self, binary, max_open_files=None):
        def limit_files():
            if max_open_files is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (max_open_files, max_open_files))

        env = {**os.environ, "HOST": "127.0.0.1", "PORT": "0"}
        super().__init__("http-bench-server", [binary], env, preexec_fn=limit_files)

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def cpu_seconds(self):
        """User + system CPU time used so far, from /proc."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kib(self):
        """The resident set size, from /proc."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")


@pytest.fixture(scope="session")
def server(bench_server_binary):
    """The server most tests share (each test opens its own connections)."""
    running = BenchServer(bench_server_binary)
    yield running
    running.stop()


@pytest.fixture
def own_server(bench_server_binary):
    """A server for one test (one that shuts it down)."""
    running = BenchServer(bench_server_binary)
    yield running
    running.stop()


@pytest.fixture
def starved_server(bench_server_binary):
    """A server allowed only 64 open files, to run it out of descriptors."""
    running = BenchServer(bench_server_binary, max_open_files=64)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def server_survives(request):
    """After each test, the shared server must still be running: a crash fails the test that caused it."""
    yield
    if "server" in request.fixturenames:
        running = request.getfixturevalue("server")
        assert running.is_alive(), f"http-bench-server died (exit {running.process.returncode}): {running.stderr()}"
