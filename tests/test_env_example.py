""".env.example shows every variable the settings read, each with its default value."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")
# Values the example shows empty on purpose: required, or computed when unset.
NO_DEFAULT = {"SECRET_KEY"}
# The settings as production loads them (DEBUG off, a key given), before the example's lines.
BASE = {"DEBUG": "0", "SECRET_KEY": "env-example-test"}
# Runs the settings module once per environment it reads on standard input (a JSON list), with
# Django set up first so that lazily translated labels can be shown.
DUMP = """
import json, os, runpy, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "simhelp.settings"
django.setup()
base = dict(os.environ)
results = []
for variables in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update({**base, **variables})
    settings = runpy.run_path("simhelp/settings.py")
    results.append({k: repr(v) for k, v in settings.items() if k.isupper()})
print(json.dumps(results))
"""


def example() -> dict[str, str]:
    """Each variable with the value the example shows: its line, or where only a commented
    line names it (production settings), that one."""
    shown, commented = {}, {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        if match:
            target = commented if line.startswith("#") else shown
            target.setdefault(match[1], match[2].strip())
    return {**commented, **shown}


def settings_with(*environments: dict[str, str]) -> list[dict[str, str]]:
    """The settings (as reprs) under each environment, in one process."""
    env = {k: v for k, v in os.environ.items() if not re.fullmatch(r"[A-Z][A-Z0-9_]*", k)}
    env.update(PATH=os.environ["PATH"], HOME=os.environ.get("HOME", "/tmp"), **BASE)
    done = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=ROOT,
        env=env,
        input=json.dumps([{**BASE, **variables} for variables in environments]),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_every_variable_the_settings_read_is_in_the_example():
    source = (ROOT / "simhelp" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"env_(?:str|bool|int|float|list)\(\s*\"([A-Z0-9_]+)\"", source))
    assert read, "no variables found: has the settings module changed its readers?"
    assert read - set(example()) == set()


def test_each_value_the_example_shows_is_the_default():
    shown = {k: v for k, v in example().items() if k not in NO_DEFAULT and k not in BASE}
    defaults, *each = settings_with({}, *({name: value} for name, value in shown.items()))
    differing = {}
    for (name, value), loaded in zip(shown.items(), each, strict=True):
        changed = {
            key: (defaults.get(key), now) for key, now in loaded.items() if defaults.get(key) != now
        }
        if changed:
            differing[f"{name}={value}"] = changed
    assert differing == {}
