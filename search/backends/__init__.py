"""Search backends: implementations of :class:`search.backends.base.SearchBackend`."""
