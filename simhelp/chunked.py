"""Request bodies sent with Transfer-Encoding: chunked, made readable for Django.

Django reads a request body only up to CONTENT_LENGTH, so a chunked body (no Content-Length;
gunicorn decodes the chunks) read as empty and a valid vote came back as "helpful is
required". This WSGI wrapper reads such a body, up to Django's DATA_UPLOAD_MAX_MEMORY_SIZE,
and hands it on with its length; a longer one is refused with 413.
"""

import io
import json

from django.conf import settings


class ChunkedBodies:
    """Wrap a WSGI application so it sees chunked request bodies with a Content-Length."""

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH"):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
            body = environ["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return self._too_large(start_response)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)

    @staticmethod
    def _too_large(start_response):
        # The API's own refusal, imported here: this module loads before Django's apps do.
        from simhelp.api import RequestTooLarge, error_body

        refused = RequestTooLarge()
        body = json.dumps(error_body(refused.default_code, str(refused.detail))).encode()
        start_response(
            "413 Content Too Large",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]
