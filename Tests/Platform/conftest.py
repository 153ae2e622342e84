"""End-to-end tests of `room619 run`: the user and product services behind REST and gRPC on one
port, started for real on a loopback port with a temporary data directory — on the embedded
SQLite databases and, with the same tests, on a throwaway PostgreSQL cluster.

Clients we did not write: curl for REST, grpcio for gRPC, PyJWT and cryptography to forge tokens.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # peer_process
sys.path.insert(0, str(HERE))

from peer_process import ListeningProcess, swift_product  # noqa: E402
from postgres_cluster import PostgresCluster  # noqa: E402

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "an administrator's long password"


@pytest.fixture(scope="session")
def room619_bin():
    return swift_product("room619", "ROOM619_BIN")


@pytest.fixture(scope="session")
def postgres():
    cluster = PostgresCluster()
    yield cluster
    cluster.stop()


class Platform:
    """A running `room619 run` and the clients tests talk to it with."""

    def __init__(self, binary, backend, data_dir, database_url=None, extra_env=None, config=None):
        self.binary = binary
        self.backend = backend
        self.data_dir = data_dir
        self.database_url = database_url
        self.env = dict(os.environ)
        self.env.update(
            {
                "HOST": "127.0.0.1",
                "PORT": "0",
                "ROOM619_DATA_DIR": data_dir,
                "ROOM619_ADMIN_EMAIL": ADMIN_EMAIL,
                "ROOM619_ADMIN_PASSWORD": ADMIN_PASSWORD,
                "ROOM619_SHUTDOWN_GRACE": "5",
            }
        )
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if config is not None:
            path = os.path.join(data_dir, "room619.json")
            os.makedirs(data_dir, exist_ok=True)
            Path(path).write_text(json.dumps(config))
            self.env["ROOM619_CONFIG"] = path
        self.env.update(extra_env or {})
        self.process = None
        self.start()

    def start(self):
        self.process = ListeningProcess(f"room619 run ({self.backend})", [self.binary, "run"], self.env, grace=10)
        self.url = f"http://127.0.0.1:{self.process.port}"
        self.target = f"127.0.0.1:{self.process.port}"

    def stop(self):
        if self.process:
            self.process.stop()

    def kill(self):
        self.process.process.kill()
        self.process.process.wait(timeout=10)

    # REST through curl.

    def curl(self, method, path, body=None, token=None, headers=(), raw=None):
        """(status, headers dict, parsed JSON or text) of one curl request to this platform."""
        return http(self.url, method, path, body=body, token=token, headers=headers, raw=raw)

    def login(self, email, password):
        status, _, body = self.curl("POST", "/v1/auth:login", {"email": email, "password": password})
        assert status == 200, body
        return body

    def admin_token(self):
        return self.login(ADMIN_EMAIL, ADMIN_PASSWORD)["accessToken"]

    def sign_up(self, email, password="a long enough password", name="Someone"):
        status, _, body = self.curl("POST", "/v1/users", {"email": email, "displayName": name, "password": password})
        assert status == 201, body
        return body

    def user_with_token(self, email, password="a long enough password"):
        user = self.sign_up(email, password)
        return user, self.login(email, password)["accessToken"]

    def signing_key_pem(self):
        return (Path(self.data_dir) / "keys" / "signing.pem").read_bytes()


def http(base, method, path, body=None, token=None, headers=(), raw=None):
    """(status, headers dict, parsed JSON or text) of one curl request to `base` + `path`."""
    command = ["curl", "-s", "-i", "-m", "20", "-X", method, base + path]
    if token:
        command += ["-H", f"authorization: Bearer {token}"]
    for header in headers:
        command += ["-H", header]
    data = None
    if raw is not None:
        data = raw
    elif body is not None:
        data = json.dumps(body).encode()
    if data is not None:
        command += ["-H", "content-type: application/json", "--data-binary", "@-"]
    completed = subprocess.run(command, input=data, capture_output=True, timeout=30)
    return parse_http(completed.stdout)


def parse_http(raw):
    """Splits curl -i output: the last response's status, headers and body (JSON when it is)."""
    text = raw.decode("utf-8", errors="replace")
    # curl -i prints every response (100 Continue too); the last head is the answer.
    while True:
        head, _, rest = text.partition("\r\n\r\n")
        if head.startswith("HTTP/") and rest.startswith("HTTP/"):
            text = rest
            continue
        break
    lines = head.split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = rest
    if headers.get("content-type", "").startswith("application/json") and body:
        try:
            body = json.loads(body)
        except json.JSONDecodeError:
            pass
    return status, headers, body


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request):
    return request.param


@pytest.fixture(scope="session")
def platform(room619_bin, backend, request, tmp_path_factory):
    """One platform per backend for the whole session (tests use distinct emails and SKUs)."""
    data_dir = str(tmp_path_factory.mktemp(f"platform-{backend}"))
    url = request.getfixturevalue("postgres").new_database() if backend == "postgres" else None
    running = Platform(room619_bin, backend, data_dir, database_url=url)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def stubs():
    import platform_stubs

    platform_stubs.load()
    return platform_stubs
