"""Fixtures of the schemathesis step: sample-server (Tests/Support/sample-server) on a loopback
port, serving the sample contracts over REST and gRPC, and an administrator's access token.

Not yet a step of scripts/test.sh, and not yet run: it needs REST on sample-server (the Gateway's
handler, branch rest-runtime) and the sample contracts' documents in Generated/openapi (branch
rest-openapi) on main. Run it then with
`SAMPLE_SERVER=… .venv/bin/python -m pytest -q -s Tests/REST/schemathesis`."""

import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from peer_process import ROOT, ListeningProcess, swift_product  # noqa: E402

ADMIN_EMAIL = "admin@example.com"
PASSWORD = "password-1234"


@pytest.fixture(scope="session")
def base_url():
    """The REST base URL of a fresh sample-server (`$SAMPLE_SERVER`, else the debug build)."""
    binary = swift_product("sample-server", "SAMPLE_SERVER")
    server = ListeningProcess(
        "sample-server",
        [binary, "--host=127.0.0.1", "--port=0", f"--admin-email={ADMIN_EMAIL}"],
        env={"PATH": "/usr/bin:/bin"},
    )
    yield f"http://127.0.0.1:{server.port}"
    server.stop()


def sign_up(base_url, email, password=PASSWORD, name="Sample"):
    """Creates the account `email` (if new) and signs in: the login response's JSON."""
    requests.post(
        f"{base_url}/v1/users", json={"email": email, "displayName": name, "password": password}, timeout=10
    )
    response = requests.post(f"{base_url}/v1/auth:login", json={"email": email, "password": password}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="session")
def admin(base_url):
    """The administrator's login response (accessToken, refreshToken, user)."""
    return sign_up(base_url, ADMIN_EMAIL)


@pytest.fixture(scope="session")
def admin_headers(admin):
    return {"Authorization": f"Bearer {admin['accessToken']}"}


__all__ = ["PASSWORD", "ROOT", "sign_up"]
