"""The scratch database the upgrade check migrates."""

import urllib.parse

import pytest
from django.conf import settings

from tests.upgrade.runs import SCRATCH_DATABASE


@pytest.fixture
def scratch_database_url(tmp_path):
    """A database URL of the suite's kind: a SQLite file, or a scratch PostgreSQL database."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'redesign.sqlite3'}"
        return
    if engine != "django.db.backends.postgresql":
        pytest.fail(f"the redesign check knows SQLite and PostgreSQL, not {engine}")
    import psycopg

    db = settings.DATABASES["default"]
    connect = {
        "dbname": "postgres",
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "autocommit": True,
        "connect_timeout": 10,
    }
    drop = f'DROP DATABASE IF EXISTS "{SCRATCH_DATABASE}" WITH (FORCE)'
    with psycopg.connect(**connect) as connection:
        connection.execute(drop)
        connection.execute(f'CREATE DATABASE "{SCRATCH_DATABASE}"')
    url = urllib.parse.urlsplit(settings.DATABASE_URL)
    try:
        yield urllib.parse.urlunsplit(url._replace(path=f"/{SCRATCH_DATABASE}"))
    finally:
        with psycopg.connect(**connect) as connection:
            connection.execute(drop)
