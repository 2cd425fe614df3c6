"""Who is asking: the one notion of a client's address for throttles, votes and the lockout.

Behind `TRUSTED_PROXIES` proxies, each proxy appends the address it saw to X-Forwarded-For, so
the client is the entry that many places from the end; anything before it was written by the
client and is ignored. Without trusted proxies, X-Forwarded-For is ignored altogether.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address as the trusted proxies saw it, else the peer's (REMOTE_ADDR)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        entries = [entry for entry in forwarded.split(",") if entry.strip()]
        if entries:
            # Fewer entries than proxies: the first proxy saw no header and wrote the client.
            address = _valid(entries[-min(proxies, len(entries))])
            if address is not None:
                return address
    return _valid(remote) or remote
