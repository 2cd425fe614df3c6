"""gunicorn.conf.py: forwarded scheme headers are trusted only behind a TLS proxy, and gunicorn's
own refusals (request line or headers too long, malformed requests) answer in JSON."""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

# Load the project's gunicorn.conf.py into gunicorn's own Config, as `gunicorn` does.
LOAD = """
import json, runpy
from gunicorn.config import Config
config = Config()
for name, value in runpy.run_path("gunicorn.conf.py").items():
    if name in config.settings:
        config.set(name, value)
print(json.dumps({"allow": config.forwarded_allow_ips, "schemes": config.secure_scheme_headers}))
"""


def gunicorn_config(**variables: str) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in ("BEHIND_TLS_PROXY", "FORWARDED_ALLOW_IPS")
    }
    done = subprocess.run(
        [sys.executable, "-c", LOAD],
        cwd=settings.BASE_DIR,
        env={**env, **variables},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("behind", [None, "0"])
def test_without_a_tls_proxy_no_forwarded_scheme_header_is_believed(behind):
    config = gunicorn_config(**({"BEHIND_TLS_PROXY": behind} if behind else {}))
    assert config == {"allow": [], "schemes": {}}


def test_behind_a_tls_proxy_the_loopback_or_the_named_proxies_are_believed():
    assert gunicorn_config(BEHIND_TLS_PROXY="1")["allow"] == ["127.0.0.1", "::1"]
    named = gunicorn_config(BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="10.0.0.0/8")
    assert named["allow"] == ["10.0.0.0/8"] and named["schemes"]


HELLO_APP = "tests.wsgi_hello:app"


@pytest.fixture(scope="module")
def hello_server():
    """gunicorn with the project's gunicorn.conf.py in front of an app that only says hello."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", HELLO_APP],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while _exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") is None:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


def _exchange(port: int, request: bytes) -> bytes | None:
    """Send raw bytes, read the whole answer (gunicorn closes after a refusal)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(request)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)
    except OSError:
        return None


LONG_URI = b"GET /api/v1/search?q=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
TOO_MANY_HEADERS = (
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: 1\r\n" % i for i in range(200)) + b"\r\n"
)
LONG_HEADER = b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"y" * 9000 + b"\r\n\r\n"
BAD_LINE = b"NOT A REQUEST LINE\r\n\r\n"


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (LONG_URI, 414, "uri_too_long"),
        (TOO_MANY_HEADERS, 431, "headers_too_large"),
        (LONG_HEADER, 431, "headers_too_large"),
        (BAD_LINE, 400, "bad_request"),
    ],
    ids=["uri-too-long", "too-many-headers", "header-too-long", "malformed-line"],
)
def test_gunicorns_own_refusals_have_the_apis_json_error_shape(
    hello_server, request_bytes, status, code
):
    answer = _exchange(hello_server, request_bytes)
    assert answer, "no answer"
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith(f"HTTP/1.1 {status} ")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(body)
    error = json.loads(body)["error"]
    assert error["code"] == code and error["fields"] == {}
    assert 0 < len(error["message"]) <= 200  # says what went wrong, never echoes the request


def test_a_good_request_still_reaches_the_app(hello_server):
    answer = _exchange(hello_server, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200") and b"\r\nhello\r\n" in answer
