"""The content version: one counter that every process reads to know its search index is stale.

Saving or deleting searchable content bumps it after the transaction commits; readers compare
it with the version their in-memory index was built from. It lives in the database (the source
of truth) and, when the cache is shared between processes (Redis), in the cache too, so that a
search need not touch the database.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from simhelp.models import ContentVersion

CACHE_KEY = "content-version"

logger = logging.getLogger(__name__)


def _cache_is_shared() -> bool:
    # `cache` is a proxy; the configured backend is what tells a per-process cache apart.
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def content_version_get() -> int:
    """The current content version (0 before any change)."""
    if _cache_is_shared():
        version = cache.get(CACHE_KEY)
        if version is not None:
            return version
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    if _cache_is_shared():
        cache.set(CACHE_KEY, version, timeout=None)
    return version


class _Seen:
    """The version this process last read, and when (monotonic)."""

    version: int | None = None
    checked_at = float("-inf")
    lock = threading.Lock()


def content_version_current() -> int:
    """The content version as this process sees it: read at most every
    `SEARCH_VERSION_CHECK_SECONDS`, so the search index and the API's ETags cost no query on most
    requests. If it cannot be read (database down) the last value seen stands for one more
    interval; with none seen yet, the error is raised."""
    now = time.monotonic()
    if _Seen.version is not None and now - _Seen.checked_at < settings.SEARCH_VERSION_CHECK_SECONDS:
        return _Seen.version
    try:
        version = content_version_get()
    except DatabaseError:
        if _Seen.version is None:
            raise
        # Back off for one interval, so an outage costs one failed read per interval.
        _Seen.checked_at = now
        logger.warning("content version unreadable; answering from what was built before")
        return _Seen.version
    with _Seen.lock:
        _Seen.version, _Seen.checked_at = version, now
    return version


def content_version_forget() -> None:
    """Read the version afresh next time (tests, and after this process bumped it)."""
    with _Seen.lock:
        _Seen.version, _Seen.checked_at = None, float("-inf")


def content_version_bump() -> int:
    """Increase the version now and return it (signal handlers use `content_changed`)."""
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).get()
    if _cache_is_shared():
        cache.set(CACHE_KEY, version, timeout=None)
    with _Seen.lock:  # this process knows the new version without reading it back
        _Seen.version, _Seen.checked_at = version, time.monotonic()
    return version


def content_changed(**kwargs) -> None:
    """Signal handler: mark derived state (index, rendered HTML) stale once the change commits."""
    if kwargs.get("raw"):
        return
    transaction.on_commit(content_version_bump)


def watch(*models) -> None:
    """Bump the content version whenever a row of one of `models` is saved, deleted or relinked."""
    for model in models:
        uid = f"content-version:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}",
            )
