"""Render time of the largest demo troubleshooter's diagram and weight of its admin page.

    DATABASE_URL=sqlite:////tmp/wt-tree.sqlite3 DEBUG=1 \
        .venv/bin/python tests/bench/bench_tree_diagram.py
(after `migrate` and `load_demo` on that database). Prints figures; asserts nothing.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from guides.diagram import diagram_build  # noqa: E402
from guides.selectors import troubleshooters_with_trees  # noqa: E402

tree = troubleshooters_with_trees().annotate(n=Count("nodes")).order_by("-n").first()
times = []
for _ in range(5):
    start = time.perf_counter()
    diagram = diagram_build(troubleshooter=tree, language="ru")
    times.append(time.perf_counter() - start)
print(f"{tree.slug}: {len(diagram.nodes)} nodes; SVG {len(diagram.svg.encode()) / 1024:.1f} KiB")
print(f"render (build + dot -Tsvg), 5 runs: median {statistics.median(times) * 1000:.0f} ms")

user, _ = get_user_model().objects.get_or_create(
    username="bench-diagram", defaults={"is_staff": True, "is_superuser": True}
)
client = Client(HTTP_HOST="localhost")
client.force_login(user)
response = client.get(f"/admin/guides/troubleshooter/{tree.pk}/change/?lang=ru")
html = response.content
print(f"admin change page: {len(html) / 1024:.1f} KiB HTML (status {response.status_code})")
