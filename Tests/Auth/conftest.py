"""Shared helpers for the Auth peer tests: run auth-tool (our implementation) as a subprocess.

AUTH_TOOL names the binary; by default the debug build's (`swift build --product auth-tool`).
"""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def auth_tool():
    path = os.environ.get("AUTH_TOOL") or str(ROOT / ".build" / "debug" / "auth-tool")
    if not os.access(path, os.X_OK):
        pytest.fail(f"auth-tool not found at {path}: run `swift build --product auth-tool` or set AUTH_TOOL")

    def run(*args, stdin=""):
        """Runs auth-tool; returns (ok, text) where text is stdout or the refusal's code."""
        done = subprocess.run([path, *map(str, args)], input=stdin.encode(), capture_output=True, timeout=60)
        out = done.stdout.decode().strip()
        if done.returncode == 0:
            return True, out
        assert out.startswith("{"), f"auth-tool crashed ({done.returncode}): {done.stderr.decode()[-2000:]}"
        return False, json.loads(out)["error"]

    return run
