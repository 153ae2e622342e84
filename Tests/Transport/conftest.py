"""Fixtures for the peer tests of Sources/Transport: a running http-bench-server.

The server is $HTTP_BENCH_SERVER, else the debug build of the `http-bench-server` product
(`swift build --product http-bench-server`, with `--scratch-path $SWIFT_SCRATCH_PATH` when set).
It runs on 127.0.0.1 with PORT=0 and is found by its `listening on HOST:PORT` line.
"""

import os
import re
import resource
import select
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 900
START_TIMEOUT = 30


@pytest.fixture(scope="session")
def bench_server_binary():
    path = os.environ.get("HTTP_BENCH_SERVER")
    if not path:
        command = ["swift", "build", "--product", "http-bench-server"]
        if scratch := os.environ.get("SWIFT_SCRATCH_PATH"):
            command += ["--scratch-path", scratch]
        built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        if built.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{built.stdout}\n{built.stderr}", pytrace=False)
        found = subprocess.run(
            [*command, "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT
        )
        path = os.path.join(found.stdout.strip(), "http-bench-server")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no http-bench-server at {path} (set HTTP_BENCH_SERVER)", pytrace=False)
    return path


class BenchServer:
    """One http-bench-server process on 127.0.0.1 and a free port."""

    def __init__(self, binary, max_open_files=None):
        self.log = tempfile.TemporaryFile()
        env = {**os.environ, "HOST": "127.0.0.1", "PORT": "0"}

        def limit_files():
            if max_open_files is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (max_open_files, max_open_files))

        self.process = subprocess.Popen(
            [binary], env=env, stdout=subprocess.PIPE, stderr=self.log, preexec_fn=limit_files
        )
        line = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.process.stdout], [], [], remaining)[0]:
                self.stop()
                pytest.fail(f"http-bench-server printed no address within {START_TIMEOUT} s", pytrace=False)
            chunk = os.read(self.process.stdout.fileno(), 4096)  # unbuffered: select sees what is left
            if not chunk:
                self.stop()
                pytest.fail(f"http-bench-server exited at start: {self.stderr()}", pytrace=False)
            line += chunk
        match = re.fullmatch(r"listening on (\S+):(\d+)", line.decode().strip())
        assert match, f"unexpected first line {line!r}"
        self.host, self.port = match.group(1), int(match.group(2))
        assert self.host == "127.0.0.1"

    @property
    def address(self):
        return (self.host, self.port)

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self):
        return self.process.pid

    def is_alive(self):
        return self.process.poll() is None

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

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def terminate(self):
        """SIGTERM: the server's graceful shutdown."""
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)

    def stop(self):
        self.terminate()
        try:
            self.process.wait(timeout=6)  # its shutdown grace period is 5 s
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process.stdout.close()


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
