"""gunicorn settings for SimHelp; gunicorn reads this file when started from the project folder.

`make serve`, the API fuzzing run, the load test and the outage test all start gunicorn here,
so they run the same server. The command line still wins (`--workers`, `--bind`, ...).
"""

import os
from pathlib import Path

from simhelp.env import env_bool, load_dotenv
from simhelp.gunicorn_errors import use_json_errors

# The same .env the settings read, so BEHIND_TLS_PROXY means the same to both.
load_dotenv(Path(__file__).resolve().parent / ".env")

# gunicorn's own 400/414/431 refusals in the API's JSON error shape instead of an HTML page.
use_json_errors()

# Build the search snapshot once in the master (simhelp/wsgi.py), then fork the workers: every
# worker starts with an index already in memory, also one recycled by max_requests while the
# database is away, and the snapshot's pages are shared between workers until they are written.
preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Long search URLs in Chinese are percent-encoded three bytes per character; 8190 is the most
# gunicorn allows and stays far below anything that could hurt.
limit_request_line = 8190
# Recycle workers now and then so slow growth cannot pile up; the jitter keeps them apart.
max_requests = 20000
max_requests_jitter = 2000
graceful_timeout = 20

# gunicorn on its own believes X-Forwarded-Proto / -Ssl / -Protocol from 127.0.0.1 (and from
# any Unix-socket peer), so a same-host proxy that passes a client's header on would let that
# client skip the HTTPS redirect. Trust them only behind a TLS proxy (BEHIND_TLS_PROXY, as the
# settings do), from the addresses in gunicorn's own FORWARDED_ALLOW_IPS (default: loopback).
if env_bool("BEHIND_TLS_PROXY", default=False):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}
