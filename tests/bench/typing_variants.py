"""How well the search holds up when the same question is typed another way.

Takes the answerable queries of the sets we tune on whose first answer is right, types each
of them another way the way people do (a greeting and thanks around it, "please help", an
emoji, a stretched word, two letters swapped, the question word left out...), and counts per
way of typing how many still get the right first answer (and no out-of-scope rule); then the
same for the off-topic queries that are declined, and how many still are. A way of typing
that loses many is a weakness of a mechanism, not of a query: fix it in general.

Run from the project root::

    .venv/bin/python tests/bench/typing_variants.py            # the table
    .venv/bin/python tests/bench/typing_variants.py --show 5   # and 5 lost queries per way

The held-out set (queries-unseen.jsonl) is never read. Each query's typos are drawn with a seed
of its own (the way of typing and the query), so two runs print the same figures and two
versions of the code are compared on the same typos.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from tune_search import TUNING_SETS, demo_catalogue, outcome  # noqa: E402

_CYRILLIC = re.compile(r"[а-яё]")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Per language: (before, after) the question.
_GREETING = {
    "ru": ("здравствуйте, ", " спасибо"),
    "en": ("hi, ", " thanks"),
    "zh-hans": ("你好，", "，谢谢"),
}
_PLEASE = {"ru": " пж помогите", "en": " pls help", "zh-hans": " 求助"}
_ANNOUNCED = {"ru": "хотел спросить, ", "en": "quick question, ", "zh-hans": "想问一下，"}
_SMILEY = {"ru": ")))", "en": " :(", "zh-hans": "。。。"}
_QUESTION_WORDS = re.compile(
    r"^(?:как|где|почему|когда|сколько|можно ли|how (?:do|can) i|how to|where (?:do|can) i|"
    r"why|can i|怎么|如何|在哪)\s*",
)


def _words(text: str, rng: random.Random, *, size: int) -> tuple[list[str], int | None]:
    words = text.split()
    fitting = [at for at, word in enumerate(words) if len(word) >= size and word.isalpha()]
    return words, (rng.choice(fitting) if fitting else None)


def _swap_letters(text: str, rng: random.Random) -> str:
    words, at = _words(text, rng, size=5)
    if at is None:
        return text
    word = words[at]
    i = rng.randrange(1, len(word) - 2)
    words[at] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return " ".join(words)


def _drop_letter(text: str, rng: random.Random) -> str:
    words, at = _words(text, rng, size=6)
    if at is None:
        return text
    word = words[at]
    i = rng.randrange(1, len(word) - 1)
    words[at] = word[:i] + word[i + 1 :]
    return " ".join(words)


Way = Callable[[str, str, random.Random], str]
WAYS: dict[str, Way] = {
    "greeting and thanks": lambda q, lang, _r: _GREETING[lang][0] + q + _GREETING[lang][1],
    "please help": lambda q, lang, _r: q + _PLEASE[lang],
    "question announced": lambda q, lang, _r: _ANNOUNCED[lang] + q,
    "emoji after it": lambda q, _lang, _r: q + " 😭🙏",
    "smiley after it": lambda q, lang, _r: q + _SMILEY[lang],
    "stretched word": lambda q, _lang, _r: re.sub(r"([аоеиуaoeiu])(?=\W|$)", r"\1\1\1", q, count=1),
    "no question mark": lambda q, _lang, _r: q.rstrip("?？ "),
    "no punctuation": lambda q, _lang, _r: " ".join(
        re.sub(r"[,.!?;:，。！？；：]", " ", q).split()
    ),
    "upper case": lambda q, _lang, _r: q.upper(),
    "no question word": lambda q, _lang, _r: _QUESTION_WORDS.sub("", q.lower()),
    "two letters swapped": lambda q, _lang, r: _swap_letters(q, r),
    "a letter left out": lambda q, _lang, r: _drop_letter(q, r),
}


def _typed_in_own_script(record: dict) -> bool:
    """Russian typed in Latin letters (a keyboard layout slip, transliteration) gets no
    Cyrillic greeting: nobody types half of a question in each."""
    if record["lang"] == "ru":
        return bool(_CYRILLIC.search(record["q"].lower()))
    if record["lang"] == "zh-hans":
        return bool(_CJK.search(record["q"]))
    return True


def _print_way(name: str, way: Way, base: list[dict], kept, show: int) -> None:
    changed, lost = 0, []
    for record in base:
        # Each query's typo is drawn from its own seed: the same query is typed the same way
        # in any run, whichever other queries were right, so two versions of the code are
        # compared on the same typos.
        rng = random.Random(f"7:{name}:{record['lang']}:{record['q']}")
        typed = way(record["q"], record["lang"], rng)
        if typed == record["q"]:
            continue
        changed += 1
        if not kept(typed, record):
            lost.append((record["lang"], typed))
    per_language = Counter(language for language, _typed in lost)
    print(
        f"{name:<22}{changed:>9}{changed - len(lost):>7}{len(lost):>6}   "
        + ", ".join(f"{language} {count}" for language, count in sorted(per_language.items()))
    )
    for language, typed in lost[:show]:
        print(f"    [{language}] {typed[:100]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="Lost queries to list per way.")
    args = parser.parse_args()
    with demo_catalogue("typing-variants-"):
        from assistant.answers import search_in_scope
        from assistant.index import index
        from search.evaluation import load_records

        snapshot = index.build_with()

        def kept(query: str, record: dict) -> bool:
            return outcome(record, query, snapshot, search_in_scope)

        records = [
            record
            for path in TUNING_SETS
            for record in load_records(path)
            if _typed_in_own_script(record)
        ]
        for title, queries in (
            ("answerable queries right", [r for r in records if r.get("expect")]),
            ("off-topic queries declined", [r for r in records if not r.get("expect")]),
        ):
            base = [record for record in queries if kept(record["q"], record)]
            print(f"{len(base)} of {len(queries)} {title} as written; typed another way:")
            print(f"{'way of typing':<22}{'changed':>9}{'kept':>7}{'lost':>6}   lost per language")
            for name, way in WAYS.items():
                _print_way(name, way, base, kept, args.show)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
