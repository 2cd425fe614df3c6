"""SimHelp's search engine: plain documents in, calibrated hits out; no Django inside.

Settings name the backend by dotted path, e.g.
``load_backend("search.backends.fuzzy.FuzzyBackend")``.
"""

from __future__ import annotations

import importlib
from typing import Any

from search.backends.base import SearchBackend
from search.documents import Document, Hit, QueryReading

__all__ = ["Document", "Hit", "QueryReading", "SearchBackend", "load_backend"]


def load_backend(dotted_path: str, **options: Any) -> SearchBackend:
    """Import the backend class named by ``dotted_path`` and instantiate it with ``options``."""
    module_path, _, class_name = dotted_path.rpartition(".")
    if not module_path:
        raise ImportError(f"{dotted_path!r} is not a dotted path to a backend class")
    backend_class = getattr(importlib.import_module(module_path), class_name, None)
    if not (isinstance(backend_class, type) and issubclass(backend_class, SearchBackend)):
        raise ImportError(f"{dotted_path!r} is not a SearchBackend subclass")
    return backend_class(**options)
