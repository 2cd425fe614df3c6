"""The engine is plain Python: nothing under search/ may import Django."""

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "search"


def test_no_module_of_the_engine_imports_django() -> None:
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] in {"django", "rest_framework"} for name in names), (
                path
            )


def test_importing_the_engine_loads_no_django() -> None:
    code = (
        "import sys, search, search.backends.fuzzy, search.evaluation;"
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    root = ENGINE.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, check=False)
    assert result.returncode == 0
