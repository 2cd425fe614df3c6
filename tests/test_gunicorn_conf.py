"""gunicorn.conf.py: forwarded scheme headers are trusted only behind a TLS proxy."""

import json
import os
import subprocess
import sys

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
