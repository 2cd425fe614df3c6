"""Search backends: implementations of :class:`faq.search.backends.base.SearchBackend`."""
