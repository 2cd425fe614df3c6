import pytest
from django.core.exceptions import ImproperlyConfigured

from simhelp.env import env_bool, env_int, env_list, load_dotenv


def test_booleans_accept_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("no", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG", default=not expected) is expected


def test_a_bad_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", default=False)


def test_integers_are_checked(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("N", default=1)
    monkeypatch.setenv("N", "-3")
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("N", default=1, minimum=0)
    monkeypatch.setenv("N", "201")
    with pytest.raises(ImproperlyConfigured, match="above the maximum of 200"):
        env_int("N", default=1, maximum=200)


def test_lists_drop_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS", default=[]) == ["a.example", "b.example"]


def test_dotenv_does_not_override_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KEPT", "from-env")
    monkeypatch.delenv("NEW_ONE", raising=False)
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nKEPT=from-file\nNEW_ONE='quoted'\n")
    load_dotenv(dotenv)
    import os

    assert os.environ["KEPT"] == "from-env"
    assert os.environ["NEW_ONE"] == "quoted"
    monkeypatch.delenv("NEW_ONE")


def test_a_malformed_dotenv_line_names_the_line(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("GOOD=1\nnot a setting\n")
    with pytest.raises(ImproperlyConfigured, match=r"\.env:2"):
        load_dotenv(dotenv)


def test_settings_refuse_to_start_without_a_secret_key_in_production(settings):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "simhelp.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
