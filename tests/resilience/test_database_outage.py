"""With PostgreSQL unreachable, search and ask keep answering; writes say 503; all recovers.

The test starts its own PostgreSQL (own data directory and port, never the machine's shared
one) and gunicorn with two workers on it (the project's gunicorn.conf.py), stops the database,
measures, and starts it again. Halfway through the outage gunicorn replaces its workers (HUP),
as it does when it recycles them: the new workers must answer too. OUTAGE_SECONDS (default 8)
sets how long the outage lasts; the figures are printed.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from tests.resilience.pg import OwnPostgres, free_port

QUERIES = [
    "续废失败",
    "paymnet faild",
    "пополнить баланс",
    "baohaoka",
    "how to top up",
    "遠遊卡怎麼充值",
    "gjgjkybnm ,fkfyc",
    "expierd sim",
]


def _get(url: str, *, data: bytes | None = None, timeout: float = 10):
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def own_postgres():
    server = OwnPostgres()
    if not server.available:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    server.init()
    server.start()
    server.wait_ready()
    yield server
    server.cleanup()


def test_search_and_ask_survive_a_database_outage_and_everything_recovers(own_postgres):
    subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(own_postgres.port),
            "simhelp",
        ]
        if os.geteuid() == 0
        else ["createdb", "-h", "127.0.0.1", "-p", str(own_postgres.port), "simhelp"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": own_postgres.url("simhelp"),
        "DEBUG": "0",
        "SECRET_KEY": "outage-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_READ_RATE": "1000000/min",
        "API_WRITE_RATE": "1000000/min",
        "LOG_LEVEL": "CRITICAL",
        "SEARCH_VERSION_CHECK_SECONDS": "0.5",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(
            manage + command,
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "simhelp.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--graceful-timeout",
            "5",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    vote = json.dumps({"target": "faq:reset-password", "helpful": True}).encode()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        for query in QUERIES:
            url = f"{base}/api/v1/search?" + urllib.parse.urlencode({"q": query})
            assert _get(url)[0] == 200
        assert _get(f"{base}/api/v1/feedback/", data=vote)[0] in (200, 201)

        own_postgres.stop()
        outage = float(os.environ.get("OUTAGE_SECONDS", "8"))
        started, ok, total, n, replaced = time.monotonic(), 0, 0, 0, False
        while time.monotonic() - started < outage:
            if not replaced and time.monotonic() - started > outage / 2:
                server.send_signal(signal.SIGHUP)  # new workers, started with no database
                replaced = True
            query = QUERIES[n % len(QUERIES)]
            endpoint = "search" if n % 2 else "ask"
            status, _, _ = _get(
                f"{base}/api/v1/{endpoint}/?"
                + urllib.parse.urlencode({"q": query, "lang": ["zh-hans", "en", "ru"][n % 3]})
            )
            ok += status == 200
            total += 1
            n += 1
        share = ok / total
        print(f"\noutage {outage:.0f} s: {ok}/{total} search/ask requests answered ({share:.2%})")
        assert share >= 0.99
        status, headers, body = _get(f"{base}/api/v1/feedback/", data=vote)
        assert status == 503 and int(headers["Retry-After"]) > 0
        assert json.loads(body)["error"]["code"] == "unavailable"
        page_status, _, page = _get(f"{base}/en/troubleshoot/login-failed/")
        assert page_status == 503 and b"Traceback" not in page and b"try again" in page
        for _ in range(4):  # served from the snapshot, whichever worker answers
            page_status, _, page = _get(f"{base}/en/faq/reset-password/")
            assert page_status == 200, page[:500]

        own_postgres.start()
        back = time.monotonic()
        while _get(f"{base}/api/v1/feedback/", data=vote)[0] not in (200, 201):
            assert time.monotonic() - back < 30, "did not recover within 30 s"
            time.sleep(0.2)
        recovered = time.monotonic() - back
        assert _get(f"{base}/en/troubleshoot/login-failed/")[0] == 200
        print(f"writes recovered {recovered:.2f} s after the database came back")
    finally:
        server.terminate()
        server.wait(timeout=20)
