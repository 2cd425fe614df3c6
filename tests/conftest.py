import pytest


@pytest.fixture(autouse=True)
def _fresh_search_index(settings):
    """Each test searches an index built from its own database, checked on every search."""
    from assistant.index import index

    settings.SEARCH_VERSION_CHECK_SECONDS = 0
    index.reset()
    yield
    index.reset()


@pytest.fixture(autouse=True)
def _no_pending_insight_counts():
    """Counts buffered by one test are never written into another test's database (or, at
    exit, into the development database)."""
    from insights.counters import counters_discard

    counters_discard()
    yield
    counters_discard()


@pytest.fixture
def demo_content(db):
    """The shipped demo catalogue, for tests that are about the shipped content."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Rate-limit counters and kept pages live in the caches: one test's requests never count
    in another's, and no test is served a page another test's content rendered."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded pictures go to a folder of the test run, never into var/media."""
    location = tmp_path_factory.mktemp("media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": "/media/"},
        },
    }
    return location
