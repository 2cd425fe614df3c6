"""The registry audit (scripts/audit_registry.py) against a registry served on 127.0.0.1."""

import http.server
import importlib.metadata
import json
import subprocess
import sys
import threading

import pytest
from django.conf import settings

DJANGO = importlib.metadata.version("django")
SCRIPT = str(settings.BASE_DIR / "scripts" / "audit_registry.py")


@pytest.fixture
def registry():
    """A registry whose project pages say what `pages` holds: {name: (latest, advisories)}."""
    pages: dict[str, tuple[str, list]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            name = self.path.strip("/").removesuffix("/json")
            if name not in pages:
                self.send_error(404)
                return
            latest, advisories = pages[name]
            body = json.dumps({"info": {"version": latest}, "vulnerabilities": advisories})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()


def audit(index: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, SCRIPT, "--index", index], capture_output=True, text=True, timeout=120
    )


def test_a_known_vulnerability_of_an_installed_release_fails_the_audit(registry):
    index, pages = registry
    advisory = {"id": "PYSEC-0000-1", "aliases": ["CVE-0000-1"], "fixed_in": ["99.0"]}
    pages["django"] = (DJANGO, [advisory])
    result = audit(index)
    assert result.returncode == 1
    assert f"VULNERABLE django {DJANGO}: PYSEC-0000-1 (CVE-0000-1) fixed in 99.0" in result.stdout


def test_a_withdrawn_advisory_passes_and_a_package_behind_its_latest_is_listed(registry):
    index, pages = registry
    pages["django"] = (DJANGO, [{"id": "PYSEC-0000-2", "withdrawn": "2026-01-01T00:00:00"}])
    pages["rapidfuzz"] = ("999.0", [])
    result = audit(index)
    assert result.returncode == 0, result.stdout
    assert "not audited, not the latest release: rapidfuzz" in result.stdout
    assert "0 known vulnerabilities" in result.stdout


def test_an_unreachable_registry_is_an_error_not_a_pass():
    result = audit("http://127.0.0.1:9")  # the discard port: nothing listens
    assert result.returncode == 2 and "registry unreadable" in result.stdout
