"""Settings for the services the project runs on, from their URLs and variables: the database
(DATABASE_URL), the caches (CACHE_URL) and where uploaded pictures are stored (MEDIA_S3_*).

Each function turns one service's configuration into Django settings and refuses a value it
cannot use with ImproperlyConfigured, so a typo stops the start with a message.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from simhelp.env import env_int, env_str


def databases(url: str, *, var_dir: Path) -> dict:
    """DATABASES from a database URL (SQLite or PostgreSQL)."""
    try:
        default = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
    if default["ENGINE"] == "django.db.backends.sqlite3":
        var_dir.mkdir(exist_ok=True)
        default["CONN_MAX_AGE"] = 0
        # Writers from several workers (votes, batched counters) queue for the lock instead of
        # failing: a transaction takes the write lock when it begins, so SQLite can make it
        # wait (busy timeout) rather than abort a reader that tries to become a writer midway.
        default.setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
        # A file, not memory, so a test can start a server process on the same test database
        # (one per test run, so runs side by side do not share it).
        default["TEST"] = {"NAME": str(var_dir / f"test-{os.getpid()}.sqlite3")}
    elif default["ENGINE"] == "django.db.backends.postgresql":
        # Fail fast when the database is unreachable, so the in-memory index keeps answering.
        default.setdefault("OPTIONS", {})["connect_timeout"] = env_int(
            "DATABASE_CONNECT_TIMEOUT", default=3, minimum=1
        )
    return {"default": default}


def _cache(url: str) -> dict:
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "simhelp"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "simhelp",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL={url!r}: use locmem://, dummy:// or a redis:// / rediss:// URL."
    )


def caches(url: str) -> dict:
    """CACHES from a cache URL: "default" (rate-limit counts, versions) and "pages".

    Rendered help-site pages (helpsite/pages.py) have a cache of their own, so that pages never
    push rate-limit counts out of a per-process cache; in one process at most 1,000 pages
    (tens of MB). With Redis they share the server, under their own key prefix.
    """
    pages = _cache(url)
    if pages["BACKEND"].endswith("LocMemCache"):
        pages.update(LOCATION="simhelp-pages", OPTIONS={"MAX_ENTRIES": 1000})
    elif "KEY_PREFIX" in pages:
        pages["KEY_PREFIX"] = "simhelp-pages"
    return {"default": _cache(url), "pages": pages}


def media_storage(*, bucket: str, root: Path, url: str) -> tuple[dict, list[str]]:
    """Where uploaded pictures are kept, and the origins readers' browsers fetch them from.

    On disk under ``root`` (served by the app at ``url``), or in an S3-compatible bucket when
    ``bucket`` is set (MEDIA_S3_ENDPOINT_URL, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY,
    _CUSTOM_DOMAIN).
    """
    if not bucket:
        storage = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": url},
        }
        return storage, []
    domain = env_str("MEDIA_S3_CUSTOM_DOMAIN").rstrip("/")
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": domain or None,
            # Pictures are public and their names never change content: plain, cacheable URLs
            # (a signed URL would expire inside rendered answers).
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if domain:
        return storage, [f"https://{domain}"]
    endpoint = urlsplit(env_str("MEDIA_S3_ENDPOINT_URL") or "https://s3.amazonaws.com")
    return storage, [
        f"{endpoint.scheme}://{endpoint.netloc}",
        f"{endpoint.scheme}://*.{endpoint.netloc}",
    ]
