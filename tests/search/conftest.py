"""The engine's tests run without Django or a database (plain pytest, ``-p no:django``)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_search_index():
    """Override the project-wide fixture: these tests build their own in-memory indexes."""
    yield
