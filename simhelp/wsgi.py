"""WSGI entry point for SimHelp (gunicorn simhelp.wsgi); each worker builds its index at start."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
application = get_wsgi_application()

from faq.index import warm_up  # noqa: E402  (needs the apps loaded above)

warm_up()
