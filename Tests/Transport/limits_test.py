"""Resource exhaustion: what http-bench-server does when it runs out of file descriptors.

accept(2) fails with EMFILE while the process is at its RLIMIT_NOFILE; the pending connection
stays queued, so a server that kept polling the listener would spin at 100 % CPU. Ours stops
watching the listener for 100 ms at a time and serves again once descriptors are free.
"""

import os
import socket
import time

GET = b"GET /v1/items/7 HTTP/1.1\r\nHost: t\r\n\r\n"


def get_once(address, timeout=5):
    """One HTTP/1.1 GET on a fresh connection; returns the status line."""
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(GET)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n", 1)[0]


def test_out_of_descriptors_pauses_accepting_without_spinning_then_recovers(starved_server):
    address = starved_server.address
    assert get_once(address) == b"HTTP/1.1 200 OK"
    # 120 connections against a limit of 64 descriptors: the kernel completes the handshakes
    # (backlog), the server's accept fails with EMFILE for the ones it has no room for.
    held = [socket.create_connection(address, timeout=5) for _ in range(120)]
    try:
        time.sleep(0.3)
        open_files = len(os.listdir(f"/proc/{starved_server.pid}/fd"))
        assert open_files >= 60, f"the server was not out of descriptors ({open_files} open)"
        before = starved_server.cpu_seconds()
        time.sleep(1.0)
        spent = starved_server.cpu_seconds() - before
        assert spent < 0.3, f"the server spun while out of descriptors: {spent:.2f} s CPU in 1 s"
        assert starved_server.is_alive()
    finally:
        for sock in held:
            sock.close()
    # Descriptors are free again: the server accepts and answers.
    deadline = time.monotonic() + 5
    while True:
        try:
            if get_once(address, timeout=2) == b"HTTP/1.1 200 OK":
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not serve again after descriptors were freed"
        time.sleep(0.1)
    assert starved_server.is_alive()
