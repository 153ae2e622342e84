"""What the Python peer tests share: our executables, and server processes found by their
`listening on HOST:PORT` line (the process convention of room619's servers).

Imported by the conftest.py files of Tests/Transport, Tests/RPC/interop and Tests/RPC/wire.
"""

import os
import re
import select
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 900
START_TIMEOUT = 30


def swift_product(product, variable):
    """The path of our executable `product`: $variable, else the debug build of the product
    (`swift build --product …`, with `--scratch-path $SWIFT_SCRATCH_PATH` when set)."""
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
        return path
    if not os.access(path, os.X_OK):
        pytest.fail(f"no {product} at {path} (set {variable})", pytrace=False)
    return path


class ListeningProcess:
    """A server process on 127.0.0.1, found by its first stdout line `listening on HOST:PORT`.

    Its stderr goes to a file opened for appending (so reading it races no write). A thread
    drains its stdout after the first line, so a server that logs there never blocks on a full
    pipe; stderr() shows the end of both. stop() sends SIGTERM (the graceful shutdown), then
    SIGKILL if the process is still running after `grace` seconds.
    """

    def __init__(self, name, command, env, preexec_fn=None, grace=6):
        self.name = name
        self.grace = grace
        self.log = tempfile.TemporaryFile(mode="a+b")
        self.stdout_tail = b""
        self.drainer = None
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=self.log, preexec_fn=preexec_fn
        )
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
        self.drainer = threading.Thread(target=self._drain_stdout, daemon=True)
        self.drainer.start()
        match = re.fullmatch(r"listening on (\S+):(\d+)", first.decode(errors="replace").strip())
        if not match or match.group(1) != "127.0.0.1":
            self.stop()
            pytest.fail(f"{name}: first line {first!r} is not `listening on 127.0.0.1:PORT`", pytrace=False)
        self.host, self.port = match.group(1), int(match.group(2))

    @property
    def address(self):
        return (self.host, self.port)

    @property
    def pid(self):
        return self.process.pid

    def is_alive(self):
        return self.process.poll() is None

    def _drain_stdout(self):
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

    def terminate(self):
        """SIGTERM: the server's graceful shutdown."""
        if self.is_alive():
            self.process.send_signal(signal.SIGTERM)

    def stop(self):
        self.terminate()
        try:
            self.process.wait(timeout=self.grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.drainer:
            self.drainer.join(timeout=2)  # it ends at EOF, once the server has exited
        self.process.stdout.close()
