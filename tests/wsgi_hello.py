"""A WSGI application that only says hello: for tests of what gunicorn does before any app runs."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]
