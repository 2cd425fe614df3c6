"""Measure changes of the ranker's knobs side by side, on the sets we tune on.

Each argument is one variant of the ranker: knobs of ``search.backends.fuzzy.Tuning`` as
``name=value`` pairs joined by commas (a tuple knob's values joined by "/", as in
``field_weights=3/2/1``). The ranker as it is comes first. Every variant is measured on the
same demo content, in one process, the way ``manage.py search_eval`` measures it: an
answerable query counts when its first hit is right (and no out-of-scope rule declines it),
an off-topic one when it is declined (no confident hit, or an out-of-scope rule). The
confidence threshold is not a knob here: raising it can only decline more, and what it costs
the right answers shows in search_eval's calibration table.

Run from the project root::

    .venv/bin/python tests/bench/tune_search.py story_weight=0.3 k1=1.0,b=0.6 --changes

A change of the code rather than of a knob is measured against a saved run: ``--save
before.json`` on the code as it was, then ``--against before.json`` on the changed code lists
the queries the change gains and loses. On a check set (one we do not tune on), add
``--blind``: only how many queries each set gains and loses is printed, never a query, so
that measuring a change does not read the check set.

The held-out set (queries-unseen.jsonl) is refused: it is measured, never tuned on.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
TUNING_SETS = (
    BENCH / "queries-dev.jsonl",
    BENCH / "queries-dev-b.jsonl",
    BENCH / "queries-dev-c.jsonl",
    BENCH / "queries-dev-d.jsonl",
    BENCH / "queries-dev-e.jsonl",
    BENCH / "queries-dev-f.jsonl",
    BENCH / "queries-dev-g.jsonl",
    BENCH / "queries-dev-h.jsonl",
    BENCH / "queries-dev-j.jsonl",
    BENCH / "queries-dev-l.jsonl",
    BENCH / "queries-dev-n.jsonl",
    BENCH / "queries-dev-o.jsonl",
    BENCH / "queries-dev-p.jsonl",
    BENCH / "queries-dev-q.jsonl",
    BENCH / "queries-dev-r.jsonl",
    BENCH / "queries-paraphrases.jsonl",
    ROOT.parent / "shared" / "eval" / "queries.jsonl",
)


def parse_variant(text: str, tuning_class: type) -> dict[str, object]:
    """``"k1=1.0,b=0.6"`` -> backend options (``{"tuning": Tuning(k1=1.0, b=0.6)}``)."""
    knobs = {field.name for field in dataclasses.fields(tuning_class)}
    tuning: dict[str, object] = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        name, equals, value = pair.partition("=")
        name = name.strip()
        if not equals or not value.strip():
            raise ValueError(f"{pair!r}: give a knob as name=value")
        if name not in knobs:
            raise ValueError(f"{name!r} is not a knob of the ranker ({', '.join(knobs)})")
        default = getattr(tuning_class(), name)
        if isinstance(default, tuple):
            tuning[name] = tuple(float(part) for part in value.split("/"))
        elif isinstance(default, bool):
            tuning[name] = value.strip().lower() in ("1", "true", "yes")
        else:
            tuning[name] = type(default)(value)
    return {"tuning": tuning_class(**tuning)} if tuning else {}


def _set_name(path: Path) -> str:
    name = path.stem.removeprefix("queries-")
    return "shared" if path.parent.name == "eval" and name == "queries" else name


def outcome(record: dict, query: str, snapshot, search_in_scope) -> bool:
    """Whether ``query``, asked as ``record`` asks, gets what it should: its right first hit
    (answerable), or no confident hit nor any out-of-scope rule (off-topic).

    An answerable query that an out-of-scope rule decides is a miss whatever its hits: the
    reader gets the rule's message instead of the answer.
    """
    hits, rule = search_in_scope(query, language=record["lang"], limit=10, snapshot=snapshot)
    expected = set(record.get("expect") or ())
    if expected:
        return rule is None and bool(hits) and hits[0].key in expected
    return rule is not None or not hits or not hits[0].confident


def outcomes(records: list[dict], snapshot, search_in_scope) -> list[bool]:
    """Per query: right first hit (answerable) or declined (off-topic)."""
    return [outcome(record, record["q"], snapshot, search_in_scope) for record in records]


@contextlib.contextmanager
def demo_catalogue(prefix: str):
    """Django set up on a scratch SQLite database holding the demo content, for as long as
    the block runs (the database is deleted after)."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/demo.sqlite3"
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        logging.getLogger("assistant.index").setLevel(logging.WARNING)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        yield


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help="name=value[,name=value...] per variant")
    parser.add_argument(
        "--queries",
        type=Path,
        action="append",
        help="An evaluation file (repeatable); by default the tuning sets.",
    )
    parser.add_argument(
        "--changes", action="store_true", help="List the queries each variant gains and loses."
    )
    parser.add_argument(
        "--save", type=Path, help="Write the outcome of every query, as it is, to this file."
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="A file written by --save (on other code): list what the code as it is gains "
        "and loses against it.",
    )
    parser.add_argument(
        "--blind",
        action="store_true",
        help="With --against or --changes, print per set how many queries are gained and "
        "lost, never the queries (for the check sets).",
    )
    args = parser.parse_args()
    files = args.queries or list(TUNING_SETS)
    held_out = [path for path in files if "unseen" in path.name]
    if held_out:
        parser.error(f"{held_out[0]} is held out: measure it with search_eval, never tune on it")
    missing = [path for path in files if not path.is_file()]
    if missing:
        parser.error(f"no such file: {missing[0]}")
    saved = None
    if args.against:
        try:
            saved = json.loads(args.against.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            parser.error(f"{args.against}: not a file written by --save ({error})")

    with demo_catalogue("tune-search-"):
        from django.conf import settings

        from assistant.answers import search_in_scope
        from assistant.index import index
        from search.backends.fuzzy import Tuning
        from search.evaluation import check_languages, load_records

        try:
            variants = [("as it is", {})] + [
                (text, parse_variant(text, Tuning)) for text in args.variants
            ]
        except ValueError as error:
            parser.error(str(error))
        sets = [(_set_name(path), load_records(path)) for path in files]
        languages = [code for code, _label in settings.LANGUAGES]
        for path, (_name, records) in zip(files, sets, strict=True):
            try:
                check_languages(records, languages)
            except ValueError as error:
                parser.error(f"{path}: {error}")
        print("right first answers + declined off-topic queries, per set")
        print(f"{'variant':<40}" + "".join(f"{name[:16]:>18}" for name, _ in sets) + "   total")
        baseline: list[list[bool]] | None = None
        for label, options in variants:
            snapshot = index.build_with(**options)
            results = [outcomes(records, snapshot, search_in_scope) for _name, records in sets]
            cells = []
            for (_name, records), result in zip(sets, results, strict=True):
                answerable = [ok for ok, r in zip(result, records, strict=True) if r.get("expect")]
                declined = [
                    ok for ok, r in zip(result, records, strict=True) if not r.get("expect")
                ]
                cells.append(
                    f"{sum(answerable)}/{len(answerable)} + {sum(declined)}/{len(declined)}"
                )
            total = sum(sum(result) for result in results)
            if baseline is None:
                baseline, base_total = results, total
                delta = ""
                if args.save:
                    args.save.write_text(json.dumps(_by_id(sets, results), indent=1))
                if saved is not None:
                    delta = _print_against(saved, sets, results, blind=args.blind)
            else:
                delta = f" ({total - base_total:+d})"
            print(
                f"{label[:40]:<40}"
                + "".join(f"{cell:>18}" for cell in cells)
                + f"{total:>8}{delta}"
            )
            if args.changes and results is not baseline:
                for (name, records), before, after in zip(sets, baseline, results, strict=True):
                    changed = [
                        (record, now)
                        for record, was, now in zip(records, before, after, strict=True)
                        if was != now
                    ]
                    for line in _change_lines(name, changed, blind=args.blind):
                        print(line)
    return 0


def _by_id(sets, results) -> dict[str, dict[str, bool]]:
    return {
        name: {record["id"]: ok for record, ok in zip(records, result, strict=True)}
        for (name, records), result in zip(sets, results, strict=True)
    }


def _print_against(saved: dict, sets, results, *, blind: bool = False) -> str:
    """Print the queries the code as it is gains and loses against a saved run (``blind``:
    only how many, per set), and return the change of the total over the queries both know."""
    change = 0
    lines = []
    for (name, records), result in zip(sets, results, strict=True):
        before = saved.get(name, {})
        changed = [
            (record, now)
            for record, now in zip(records, result, strict=True)
            if before.get(record["id"]) not in (None, now)
        ]
        change += sum(1 if now else -1 for _record, now in changed)
        lines += _change_lines(name, changed, blind=blind)
    print("against the saved run:", *lines, sep="\n")
    return f" ({change:+d} against the saved run)"


def _change_lines(name: str, changed: list[tuple[dict, bool]], *, blind: bool) -> list[str]:
    """The queries of a set a change gains (right now) and loses, as --changes and --against
    list them; with ``blind``, only how many (nothing for a set it does not move)."""
    if blind:
        gained = sum(now for _record, now in changed)
        return [f"    {name}: gains {gained}, loses {len(changed) - gained}"] if changed else []
    return [
        f"    {'gains' if now else 'loses'} {name}: [{record['lang']}] {record['q'][:90]}"
        for record, now in changed
    ]


if __name__ == "__main__":
    sys.exit(main())
