"""gunicorn's own refusals in the API's JSON error shape.

gunicorn answers some requests before Django sees them: a malformed request line (400), a URI
longer than `limit_request_line` (414), too many or too large headers (431), a bad chunked
body. It writes them with `gunicorn.util.write_error`, a small HTML page, so an API client that
reads `{"error": {"code", "message", "fields"}}` everywhere else got HTML for these. gunicorn
has no setting for that page; `use_json_errors()` (called from gunicorn.conf.py, in the master
before the workers fork) replaces the writer with one that sends the same shape as the API.
"""

import json

from gunicorn import util

# gunicorn's statuses, as the codes the API uses for the same kind of refusal.
CODES = {
    400: "bad_request",
    403: "forbidden",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    500: "server_error",
    501: "not_implemented",
}
MESSAGE_LENGTH = 200  # gunicorn's detail can quote the request; never echo much of it


def error_response(status: int, reason: str, detail: str) -> bytes:
    """The whole HTTP response for one of gunicorn's refusals, as bytes for the socket."""
    message = f"{reason}: {detail}" if detail else reason
    if len(message) > MESSAGE_LENGTH:
        message = message[: MESSAGE_LENGTH - 1] + "…"
    body = json.dumps(
        {"error": {"code": CODES.get(status, "error"), "message": message, "fields": {}}}
    ).encode()  # ensure_ascii: the body is plain ASCII whatever the request held
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """Drop-in for `gunicorn.util.write_error` (same arguments, same non-blocking write)."""
    util.write_nonblock(sock, error_response(status_int, reason, mesg))


def use_json_errors() -> None:
    util.write_error = write_json_error
