import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """API throttles count per address in the cache; other tests' requests must not count here."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english_admin(admin_client):
    """The admin in English, so assertions can read its labels."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client
