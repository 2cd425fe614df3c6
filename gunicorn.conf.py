"""gunicorn settings for SimHelp; gunicorn reads this file when started from the project folder.

`make serve`, the API fuzzing run, the load test and the outage test all start gunicorn here,
so they run the same server. The command line still wins (`--workers`, `--bind`, ...).
"""

import os

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
