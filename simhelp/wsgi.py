"""WSGI entry point for SimHelp (gunicorn simhelp.wsgi); the search index is built on import
(once, in the gunicorn master: see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

from simhelp.chunked import ChunkedBodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
application = ChunkedBodies(get_wsgi_application())

from assistant.index import warm_up  # noqa: E402  (needs the apps loaded above)

warm_up()
