"""The search index follows the content: in this process, and in a server running elsewhere."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from assistant.index import index, search
from faq.models import Status
from tests.builders import make_faq, tr


@pytest.mark.django_db
def test_an_edit_is_searchable_on_the_next_search(django_capture_on_commit_callbacks):
    faq = make_faq(**tr("question", "怎么查余额", "How to check the balance", "Как узнать баланс"))
    assert search("quokka", language="en") == []
    with django_capture_on_commit_callbacks(execute=True):
        faq.question_en = "Where is the quokka"
        faq.save()
    assert [hit.key for hit in search("quokka", language="en")] == [f"faq:{faq.slug}"]


@pytest.mark.django_db
def test_unpublishing_removes_an_item_from_search(django_capture_on_commit_callbacks):
    faq = make_faq(**tr("question", "袋鼠", "Quokka question", "Вопрос про квокку"))
    assert search("quokka", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        faq.status = Status.DRAFT
        faq.save()
    assert search("quokka", language="en") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00\x07\x1b[31m",
        "😀🔥",
        "x" * 10_000,
        "續費 renew пополнить 123 *100#",
        "' OR 1=1 --",
        "\ud800",
    ],
)
def test_bad_input_never_raises(query):
    make_faq()
    assert isinstance(search(query, language="en"), list)


@pytest.mark.django_db
def test_the_index_is_built_once_and_reused_while_the_content_is_unchanged(settings):
    make_faq()
    settings.SEARCH_VERSION_CHECK_SECONDS = 0
    first = index.snapshot()
    search("anything", language="en")
    assert index.snapshot() is first


@pytest.mark.django_db
def test_a_build_with_other_options_is_measured_beside_the_running_one():
    make_faq(**tr("question", "怎么查余额", "How to check the balance", "Как узнать баланс"))
    running = index.snapshot()
    strict = index.build_with(confidence_threshold=1.01)
    assert strict is not running
    assert index.snapshot() is running
    as_is = search("check the balance", language="en")
    measured = search("check the balance", language="en", snapshot=strict)
    assert [hit.key for hit in measured] == [hit.key for hit in as_is]
    assert as_is[0].confident
    assert not measured[0].confident


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db.get("USER") or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _search(port: int, query: str) -> list[str]:
    url = f"http://127.0.0.1:{port}/api/v1/search?" + urllib.parse.urlencode(
        {"q": query, "lang": "en"}
    )
    with urllib.request.urlopen(url, timeout=10) as response:
        return [f"{r['type']}:{r['slug']}" for r in json.load(response)["results"]]


def test_the_answer_memo_keeps_only_the_most_recently_used():
    from assistant.index import Memo

    memo, made = Memo(size=2), []

    def make(key):
        made.append(key)
        return key.upper()

    for key in ["a", "b", "a", "c", "a", "b"]:
        assert memo.get_or_make(key, lambda key=key: make(key)) == key.upper()
    # "b" was the least recently used when "c" came in, so it had to be made again.
    assert made == ["a", "b", "c", "b"] and len(memo) == 2
    assert (memo.hits, memo.misses) == (2, 4)


def test_an_answer_that_fails_is_not_remembered():
    from assistant.index import Memo

    memo = Memo(size=4)

    def fail():
        raise ValueError("bad request")

    with pytest.raises(ValueError):
        memo.get_or_make("q", fail)
    assert memo.get_or_make("q", lambda: "answer") == "answer" and len(memo) == 1


@pytest.mark.django_db(transaction=True)
def test_an_admin_edit_reaches_a_server_running_in_another_process():
    faq = make_faq(**tr("question", "怎么查余额", "How to check the balance", "Как узнать баланс"))
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "index-lifecycle-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_READ_RATE": "100000/min",
        "SEARCH_VERSION_CHECK_SECONDS": "0.5",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "simhelp.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                before = _search(port, "quokka")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert before == []

        faq.question_en = "Where is the quokka"
        faq.save()  # autocommit: the content version is bumped on commit

        edited_at = time.monotonic()
        expected = [f"faq:{faq.slug}"]
        # Ask until eight answers in a row (both workers, many times) include the edit.
        streak = 0
        while streak < 8 and time.monotonic() - edited_at < 15:
            streak = streak + 1 if _search(port, "quokka") == expected else 0
            if not streak:
                time.sleep(0.05)
        assert streak == 8, "the edit did not reach every worker"
        print(f"edit visible in every worker after {time.monotonic() - edited_at:.2f} s")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


@pytest.mark.django_db
def test_synonym_terms_and_rule_phrases_are_split_at_chinese_separators_too(
    django_capture_on_commit_callbacks,
):
    """Staff write Chinese lists with 、 and ，: each piece is a term (or phrase) of its own."""
    from assistant.answers import ask
    from assistant.models import AnswerRule, SynonymGroup

    with django_capture_on_commit_callbacks(execute=True):
        make_faq(slug="top-up", question_zh_hans="怎么续费", question_en="How to renew")
        make_faq(slug="limit", question_zh_hans="银行卡限额", question_en="Card limit")
        SynonymGroup.objects.create(slug="renew", terms_zh_hans="续费、充值，缴费")
        AnswerRule.objects.create(
            name="limit", phrases_zh_hans="额度不够、超限", target="faq:limit", active=True
        )
    hits = search("缴费", language="zh-hans")
    assert hits and hits[0].key == "faq:top-up"
    decision = ask("卡超限了", language="zh-hans")
    assert (decision.source, decision.rule) == ("rule", "limit")
