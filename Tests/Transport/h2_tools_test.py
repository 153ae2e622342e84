"""HTTP/2 clients we did not write against http-bench-server: nghttp and h2load (Debian's
nghttp2-client, installed by ./setup.sh) and curl --http2-prior-knowledge.

  - `nghttp -nv` shows the whole exchange: SETTINGS both ways, the response head and END_STREAM;
  - nghttp uploads a 1,000,000-character message (the echo handler collects at most 1 MiB) and
    gets it back; a 5 MiB upload is cut short with a complete 413 answer and RST_STREAM NO_ERROR;
  - h2load: 20,000 GETs over 16 connections × 16 concurrent streams, and 4,000 POSTs with
    32 streams each, with no failed or errored request;
  - curl: GET and POST over h2c with prior knowledge, and HTTP/1.1 on the same port.

    HTTP_BENCH_SERVER=.build/debug/http-bench-server .venv/bin/python -m pytest -q Tests/Transport
"""

import json
import re
import shutil
import subprocess

import pytest

TIMEOUT = 120


def run(*command):
    tool = shutil.which(command[0])
    if tool is None:
        pytest.fail(f"{command[0]} is not installed: run ./setup.sh (Debian package nghttp2-client or curl)")
    result = subprocess.run([tool, *command[1:]], capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"{' '.join(command)} exited {result.returncode}:\n{result.stderr.decode()}"
    return result.stdout.decode(errors="replace")


@pytest.fixture(scope="module")
def echo_files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("echo")
    files = {}
    for name, message in [("small", "hello over h2"), ("1mb", "é" + "y" * 999_999), ("5mib", "x" * (5 << 20))]:
        path = directory / f"{name}.json"
        path.write_text(json.dumps({"message": message, "id": name}))
        files[name] = path
    return files


def test_nghttp_verbose_get_shows_the_exchange(server):
    out = run("nghttp", "-nv", f"{server.url}/v1/items/7")
    assert re.search(r"send SETTINGS frame <length=\d+, flags=0x00, stream_id=0>", out)
    assert "recv SETTINGS frame <length=30, flags=0x00, stream_id=0>" in out
    assert "[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100]" in out
    assert "[SETTINGS_INITIAL_WINDOW_SIZE(0x04):1048576]" in out
    assert "recv SETTINGS frame <length=0, flags=0x01, stream_id=0>" in out  # our SETTINGS acknowledged
    stream = re.search(r"send HEADERS frame <length=\d+, flags=0x25, stream_id=(\d+)>", out).group(1)
    assert f"recv (stream_id={stream}) :status: 200" in out
    assert f"recv (stream_id={stream}) content-type: application/json" in out
    assert re.search(rf"recv DATA frame <length=44, flags=0x01, stream_id={stream}>\s+; END_STREAM", out)
    assert "RST_STREAM" not in out and "recv GOAWAY" not in out


def test_nghttp_get_body(server):
    out = run("nghttp", f"{server.url}/v1/items/abc")
    assert json.loads(out) == {"id": "abc", "name": "item-abc", "priceCents": 1999}


def test_nghttp_posts_a_megabyte_and_gets_it_echoed(server, echo_files):
    out = run("nghttp", "-d", str(echo_files["1mb"]), f"{server.url}/v1/echo")
    assert json.loads(out) == json.loads(echo_files["1mb"].read_text())


def test_nghttp_upload_past_the_echo_limit_gets_a_complete_answer(server, echo_files):
    # The echo handler collects at most 1 MiB: the rest of the 5 MiB is refused with
    # RST_STREAM NO_ERROR after a complete response (RFC 9113 §8.1).
    out = run("nghttp", "-v", "-d", str(echo_files["5mib"]), f"{server.url}/v1/echo")
    stream = re.search(r"send HEADERS frame <length=\d+, flags=0x[0-9a-f]+, stream_id=(\d+)>", out).group(1)
    assert f"recv (stream_id={stream}) :status: 413" in out
    assert re.search(rf"recv DATA frame <length=\d+, flags=0x01, stream_id={stream}>", out)
    assert re.search(rf"recv RST_STREAM frame <length=4, flags=0x00, stream_id={stream}>\s+\(error_code=NO_ERROR", out)
    assert "recv GOAWAY" not in out


def h2load_counts(out):
    requests = re.search(
        r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout",
        out,
    )
    statuses = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", out)
    assert requests and statuses, out
    return tuple(map(int, requests.groups())), tuple(map(int, statuses.groups()))


def test_h2load_gets_with_hundreds_of_concurrent_streams(server):
    out = run("h2load", "-n", "20000", "-c", "16", "-m", "16", f"{server.url}/v1/items/1")
    assert h2load_counts(out) == ((20000, 20000, 20000, 20000, 0, 0, 0), (20000, 0, 0, 0)), out


def test_h2load_posts(server, echo_files):
    out = run(
        "h2load", "-n", "4000", "-c", "8", "-m", "32", "-d", str(echo_files["small"]),
        "-H", "content-type: application/json", f"{server.url}/v1/echo",
    )  # fmt: skip
    assert h2load_counts(out) == ((4000, 4000, 4000, 4000, 0, 0, 0), (4000, 0, 0, 0)), out


def test_curl_with_prior_knowledge(server, echo_files):
    out = run("curl", "-sS", "--http2-prior-knowledge", "-w", r"\n%{http_version} %{http_code}", f"{server.url}/v1/items/9")
    body, status = out.rsplit("\n", 1)
    assert status == "2 200"
    assert json.loads(body) == {"id": "9", "name": "item-9", "priceCents": 1999}

    out = run(
        "curl", "-sS", "--http2-prior-knowledge", "--data-binary", f"@{echo_files['1mb']}",
        "-H", "content-type: application/json", "-w", r"\n%{http_version} %{http_code}", f"{server.url}/v1/echo",
    )  # fmt: skip
    body, status = out.rsplit("\n", 1)
    assert status == "2 200"
    assert json.loads(body) == json.loads(echo_files["1mb"].read_text())


def test_curl_http1_on_the_same_port(server):
    out = run("curl", "-sS", "--http1.1", "-w", r"\n%{http_version} %{http_code}", f"{server.url}/v1/items/9")
    body, status = out.rsplit("\n", 1)
    assert status == "1.1 200"
    assert json.loads(body)["id"] == "9"
