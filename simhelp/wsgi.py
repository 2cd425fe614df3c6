"""WSGI entry point for SimHelp (gunicorn simhelp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
application = get_wsgi_application()
