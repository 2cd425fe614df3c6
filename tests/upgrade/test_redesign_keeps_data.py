"""Migrating a database from the code before the app redesign to today's code loses no data.

The redesign moves models out of `faq`: SynonymGroup, AnswerRule and their history to
`assistant`; Feedback, SearchLog, PageView and HandledQuery to `insights`; ContentVersion to
`simhelp`. Its
migrations keep the rows (tables renamed from `faq_<model>` to `<app>_<model>`, content types
relabelled so permissions and admin log entries follow). This test proves it on a real
database, the way a deployment meets it:

1. the code of BEFORE, the last commit before the redesign, is extracted with `git archive`;
2. its own `manage.py` (same interpreter) builds a database: migrate, the demo content, the
   insights demo (search logs, page views, votes), edits that leave history rows (a Russian
   answer, a rule's phrases), a handled query, a staff user's permission and admin log entries;
   then the catalogue export and every table's rows are taken;
3. today's `manage.py` migrates that database, exports and snapshots it again, and
   `migrate --check` confirms nothing is left unapplied;
4. the exports must be identical and every table must keep its rows, values included
   (matched across the rename by what follows the app label: `faq_searchlog` and
   `insights_searchlog` are both `searchlog`); on PostgreSQL no id sequence may go back. Tables
   of brand-new models are not in the old database and so not compared. Content types,
   permissions and admin log entries must still lead to the models and objects they named.

Before the redesign lands this checks a trivial migration; after, the real one. It runs on the
database the suite is configured for: a SQLite file in tmp_path, or a scratch database
(SCRATCH_DATABASE) on the same PostgreSQL server. It needs no database from pytest-django: it
requests no `db` fixture and carries no django_db mark, so no test database is created for it.
"""

import difflib
import json
import operator
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from tests.upgrade.runs import extract_before, manage, shell

# The apps the redesign moves models between: their tables are matched by the part after
# "<label>_". Every other table (django_*, auth_*, guides_*, widget_*, ...) keeps its name.
MOVED_LABELS = ("faq", "assistant", "insights", "simhelp")
# Tables whose rows the migration may legitimately add to (compared row by row, see below).
REGISTRY_TABLES = ("django_migrations", "django_content_type", "auth_permission")
# Tables that data migrations written after the pinned commit seed with rows of their own (the
# "Support agent" group and its permissions): they may gain rows, but lose or change none.
SEEDED_LATER = ("auth_group", "auth_group_permissions")
MARK = "redesign-check"  # text written by the old code, looked for in the new history rows

# Old code: edits that leave history rows (a translated field included) and rows that point at
# moved models through content types (a permission, admin log entries).
OLD_EDITS = f"""
import datetime
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from faq.models import AnswerRule, Faq, Feedback, HandledQuery, Status

faq = Faq.objects.filter(status=Status.PUBLISHED).order_by("slug").first()
faq.answer_ru = faq.answer_ru + "\\n\\n{MARK}: ответ отредактирован."
faq.save()
rule = AnswerRule.objects.order_by("name").first()
rule.phrases_ru = rule.phrases_ru + ", {MARK} фраза"
rule.phrases_en = rule.phrases_en + ", {MARK} phrase"
rule.save()
HandledQuery.objects.create(
    query="рецепт борща", language="ru", handled_on=datetime.date(2026, 1, 5),
    how=HandledQuery.How.HANDLED, note="{MARK}",
)
user = User.objects.create_user("{MARK}", is_staff=True)
user.user_permissions.add(
    Permission.objects.get(content_type__app_label="faq", codename="change_answerrule")
)
for obj in (rule, Feedback.objects.order_by("pk").first()):
    LogEntry.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        object_repr=str(obj)[:200], action_flag=CHANGE, change_message="{MARK}",
    )
"""

# Old and new code: every table's columns and rows, as JSON on stdout; on PostgreSQL also the
# id its sequence hands out next (a copied table or a reset sequence would reuse old ids).
SNAPSHOT = """
import json, sys
from django.db import connection

def cell(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)

tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute("SELECT * FROM " + connection.ops.quote_name(table))
        columns = [column[0] for column in cursor.description]
        tables[table] = {
            "columns": columns, "rows": [[cell(v) for v in row] for row in cursor.fetchall()]
        }
        if connection.vendor == "postgresql" and "id" in columns:
            name = connection.ops.quote_name(table)
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [name])
            sequence = cursor.fetchone()[0]
            if sequence:
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                last, called = cursor.fetchone()
                tables[table]["next_id"] = last + 1 if called else last
sys.stdout.write(json.dumps(tables))
"""

# New code: content types, permissions and admin log entries still lead to its models.
NEW_LINKS = f"""
import json, sys
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

problems = []
for ct in ContentType.objects.filter(app_label__in={list(MOVED_LABELS)!r}).order_by("pk"):
    if ct.model_class() is None:
        problems.append(
            f"content type {{ct.app_label}}.{{ct.model}} (id {{ct.pk}}) names no model of the new "
            "code: not relabelled to the app the model now lives in"
        )
for entry in LogEntry.objects.order_by("pk"):
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None or not model._default_manager.filter(pk=entry.object_id).exists():
        problems.append(
            f"admin log entry {{entry.pk}} ({{entry.object_repr!r}}) no longer leads to its object"
        )
rule_model = next(m for m in apps.get_models() if m._meta.model_name == "answerrule")
permission = f"{{rule_model._meta.app_label}}.change_answerrule"
if not User.objects.get(username="{MARK}").has_perm(permission):
    problems.append(f"the staff user granted change_answerrule lost it (no {{permission}})")
sys.stdout.write(json.dumps(problems))
"""


def _keyed(tables: dict, side: str) -> dict[str, str]:
    """Key -> table name: `faq_x`, `assistant_x`, `insights_x` and `simhelp_x` are all `x`."""
    keyed: dict[str, str] = {}
    for table in tables:
        label, _, rest = table.partition("_")
        key = rest if label in MOVED_LABELS and rest else table
        assert key not in keyed, (
            f"{side} database: both {keyed.get(key)} and {table} hold `{key}`: "
            "a table was copied instead of moved, or left behind"
        )
        keyed[key] = table
    return keyed


def _rows(table: dict, columns: list[str]) -> Counter:
    """The table's rows over `columns`, as a multiset of JSON texts."""
    index = [table["columns"].index(column) for column in columns]
    return Counter(json.dumps([row[i] for i in index]) for row in table["rows"])


def _short(value: object, width: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


# Fields the format gained after the pinned commit, with the value every migrated row takes.
LATER_DEFAULTS = {"rules": {"outcome": "answer"}, "synonyms": {"anchor": False}}
# Sections the format gained after the pinned commit; the old database has nothing to put in
# them, so after the migration they must be empty.
LATER_SECTIONS = ("images",)


def _without_later_defaults(export: dict) -> dict:
    """The export without fields added since the pinned commit, where they hold their default
    (a field that kept its default lost nothing; any other value is still compared), and
    without the sections added since then when they are empty (anything in them is compared)."""
    for section in LATER_SECTIONS:
        if export.get(section) == []:
            del export[section]
    for section, defaults in LATER_DEFAULTS.items():
        for item in export.get(section, []):
            for name, value in defaults.items():
                if name in item and item[name] == value:
                    del item[name]
    return export


def _rows_problem(key: str, old: dict, new: dict, may_grow: bool = False) -> str | None:
    """What the new table lost or changed against the old one (same rows over old columns;
    with `may_grow`, rows the new table has in addition are not a problem)."""
    lines = []
    lost_columns = [c for c in old["columns"] if c not in new["columns"]]
    if lost_columns and old["rows"]:
        lines.append(f"{key}: columns {lost_columns} are gone ({len(old['rows'])} rows held them)")
    if "next_id" in old and new.get("next_id", 0) < old["next_id"]:
        lines.append(f"{key}: the next id was {old['next_id']}, now {new.get('next_id')}")
    columns = [c for c in old["columns"] if c in new["columns"]]
    before, after = _rows(old, columns), _rows(new, columns)
    if before == after or (may_grow and not before - after):
        return "\n".join(lines) or None
    lines.append(f"{key}: {len(old['rows'])} rows before, {len(new['rows'])} after")
    gone = [json.loads(row) for row in (before - after).elements()]
    came = [json.loads(row) for row in (after - before).elements()]
    for row in gone[:3]:
        # The most similar new row, if most cells agree, is this row changed; else it is lost.
        alike = max(came, key=lambda other: sum(map(operator.eq, row, other)), default=None)
        if alike is not None and 2 * sum(map(operator.eq, row, alike)) > len(columns):
            came.remove(alike)
            changes = [
                f"{column} {_short(a)} -> {_short(b)}"
                for column, a, b in zip(columns, row, alike, strict=True)
                if a != b
            ]
            lines.append(f"    changed ({columns[0]} {row[0]}): " + "; ".join(changes))
        else:
            lines.append(f"    lost: {_short(dict(zip(columns, row, strict=True)), 300)}")
    lines += [f"    new: {_short(dict(zip(columns, r, strict=True)), 300)}" for r in came[:3]]
    return "\n".join(lines)


def _content_types(tables: dict) -> dict[int, tuple[str, str]]:
    table = tables["django_content_type"]
    pk, label, model = (table["columns"].index(c) for c in ("id", "app_label", "model"))
    return {row[pk]: (row[label], row[model]) for row in table["rows"]}


def _registry_problems(old: dict, new: dict) -> list[str]:
    """Applied migrations, content types and permissions: all kept, extras only for new models.

    The new code records its own migrations and may bring brand-new models, so these tables
    may grow; nothing in them may be lost. A content type keeps its id and model, and its app
    label changes only between the moved apps (relabelled, so the permissions and admin log
    entries pointing at it follow). A new content type is allowed only for a model the old
    database did not have, a new permission only for such a content type.
    """
    problems = []
    lost = _rows(old["django_migrations"], ["app", "name"]) - _rows(
        new["django_migrations"], ["app", "name"]
    )
    if lost:
        problems.append(f"django_migrations: records of applied migrations lost: {sorted(lost)}")

    def model_key(label: str, model: str) -> tuple[str, str]:
        return ("(moved apps)" if label in MOVED_LABELS else label, model)

    old_types, new_types = _content_types(old), _content_types(new)
    for pk, (label, model) in old_types.items():
        now = new_types.get(pk)
        if now is None or model_key(*now) != model_key(label, model):
            problems.append(f"django_content_type {pk}: was {label}.{model}, now {now}")
    known = {model_key(*value) for value in old_types.values()}
    brand_new = new_types.keys() - old_types.keys()
    for pk in sorted(brand_new):
        if model_key(*new_types[pk]) in known:
            problems.append(
                f"django_content_type {pk} {'.'.join(new_types[pk])} is new, but the old "
                "database had that model: created instead of relabelled"
            )

    permissions = old["auth_permission"]["columns"]
    content_type = permissions.index("content_type_id")
    before = _rows(old["auth_permission"], permissions)
    after = _rows(new["auth_permission"], permissions)
    if before - after:
        problems.append(f"auth_permission: lost or changed {sorted(before - after)[:5]}")
    for row in sorted(after - before):
        if json.loads(row)[content_type] not in brand_new:
            problems.append(f"auth_permission: {row} is new, but not for a brand-new model")
    return problems


def test_the_redesign_migrations_keep_every_row(tmp_path, scratch_database_url):
    started = time.monotonic()
    new_code = Path(settings.BASE_DIR)
    old_code = tmp_path / "before"
    old_code.mkdir()
    extract_before(new_code, old_code)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(
        DJANGO_SETTINGS_MODULE="simhelp.settings",
        DEBUG="1",
        DATABASE_URL=scratch_database_url,
        SECRET_KEY="redesign-check-" + "x" * 40,  # nothing written into the checkouts' var/
        CACHE_URL="locmem://",  # never a shared cache
    )

    # The database as the old code leaves it. System checks (seconds per command) run once, in
    # the new code's migrate: the old code is known good.
    skip = "--skip-checks"
    manage(old_code, env, "old code: migrate", "migrate", "--no-input", skip)
    manage(old_code, env, "old code: load_demo", "load_demo", skip)
    manage(old_code, env, "old code: insights_demo", "insights_demo", skip)
    shell(old_code, env, "old code: edits", OLD_EDITS)
    old_export = json.loads(manage(old_code, env, "old code: export", "export_content", skip))
    old = json.loads(shell(old_code, env, "old code: snapshot", SNAPSHOT))

    # The same database migrated by today's code.
    manage(new_code, env, "new code: migrate", "migrate", "--no-input")
    new_export = _without_later_defaults(
        json.loads(manage(new_code, env, "new code: export", "export_content", skip))
    )
    new = json.loads(shell(new_code, env, "new code: snapshot", SNAPSHOT))
    manage(new_code, env, "new code: migrate --check", "migrate", "--check", skip)
    link_problems = json.loads(shell(new_code, env, "new code: links", NEW_LINKS))

    problems = []
    if old_export != new_export:
        diff = difflib.unified_diff(
            json.dumps(old_export, ensure_ascii=False, indent=1, sort_keys=True).splitlines(),
            json.dumps(new_export, ensure_ascii=False, indent=1, sort_keys=True).splitlines(),
            "export_content before",
            "export_content after",
            lineterm="",
        )
        problems.append("the catalogue export changed:\n" + "\n".join(list(diff)[:60]))

    # Every table of the old database, under its key, with the same rows (extras only for
    # brand-new models in the registry tables; tables of brand-new models are not compared).
    old_keys, new_keys = _keyed(old, "old"), _keyed(new, "new")
    problems += [f"{old_keys[key]}: gone" for key in sorted(old_keys.keys() - new_keys.keys())]
    problems += [
        problem
        for key in sorted(old_keys.keys() & new_keys.keys())
        if key not in REGISTRY_TABLES
        if (
            problem := _rows_problem(
                key, old[old_keys[key]], new[new_keys[key]], may_grow=key in SEEDED_LATER
            )
        )
    ]
    problems += _registry_problems(old, new)

    # History: the edits above left rows, a translated field among them, and they are still there.
    for key, column in (("historicalfaq", "answer_ru"), ("historicalanswerrule", "phrases_ru")):
        for side, tables, keys in (("old", old, old_keys), ("new", new, new_keys)):
            table = tables[keys[key]] if key in keys else {"columns": [column], "rows": []}
            at = table["columns"].index(column)
            if not any(MARK in (row[at] or "") for row in table["rows"]):
                problems.append(f"{key}: no history row of the edited {column} ({side} code)")
    problems += link_problems
    if problems:
        pytest.fail("the migration lost or broke data:\n" + "\n".join(problems), pytrace=False)

    rows = sum(len(old[table]["rows"]) for table in old_keys.values())
    history = [table for table in old_keys.values() if "_historical" in table]
    added = sorted(new_keys.keys() - old_keys.keys())
    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"\nredesign check on {vendor}: {len(old_keys)} tables ({len(history)} history) and "
        f"{rows} rows compared, {sum(map(len, old_export.values()))} exported items identical"
        + (f", new tables {added}" if added else "")
        + f", {time.monotonic() - started:.1f} s"
    )
