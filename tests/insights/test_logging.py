"""Searches and page views are counted from every interface, in batches, without failing a
request when the database refuses the batch."""

import datetime

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from insights.counters import counters_flush, counters_stats, page_views, search_record, searches
from insights.models import PageView, SearchLog
from tests.builders import make_faq, make_guide, make_tree, tr

pytestmark = pytest.mark.django_db


@pytest.fixture
def balance_faq():
    return make_faq(
        slug="check-balance",
        **tr("question", "怎么查询余额", "How do I check my balance?", "Как проверить баланс?"),
        **tr("answer", "拨打 *100#。", "Dial *100#.", "Наберите *100#."),
    )


def logs() -> list[tuple]:
    counters_flush()
    return sorted(
        SearchLog.objects.values_list(
            "query", "language", "source", "count", "rule_count", "search_count", "none_count"
        )
    )


def test_the_help_site_search_page_counts_a_search_as_site(client, balance_faq):
    assert client.get("/en/search/", {"q": "check my balance"}).status_code == 200
    assert logs() == [("check my balance", "en", "site", 1, 0, 1, 0)]
    row = SearchLog.objects.get()
    assert row.day == timezone.localdate() and row.best_score > 0.5


def test_the_api_counts_search_and_ask_as_api(client, balance_faq):
    client.get("/api/v1/search/", {"q": "check my balance", "lang": "ru"})
    client.get("/api/v1/ask/", {"q": "best borscht recipe", "lang": "en"})
    assert logs() == [
        ("best borscht recipe", "en", "api", 1, 0, 0, 1),
        ("check my balance", "ru", "api", 1, 0, 1, 0),
    ]


def test_the_widget_says_so_in_a_header_and_is_counted_as_widget(client, balance_faq):
    headers = {"X-SimHelp-Source": "widget"}
    client.get("/api/v1/ask/", {"q": "check my balance", "lang": "en"}, headers=headers)
    client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"}, headers=headers)
    assert logs() == [("check my balance", "en", "widget", 2, 0, 2, 0)]


def test_a_repeated_question_answered_from_memory_is_still_counted_with_its_source(
    client, balance_faq
):
    for headers in ({}, {}, {"X-SimHelp-Source": "widget"}):
        for endpoint in ("search", "ask"):
            url = f"/api/v1/{endpoint}/"
            client.get(url, {"q": "check my balance", "lang": "en"}, headers=headers)
    assert logs() == [
        ("check my balance", "en", "api", 4, 0, 4, 0),
        ("check my balance", "en", "widget", 2, 0, 2, 0),
    ]


def test_a_rule_answer_is_counted_as_answered_by_a_rule(client, balance_faq):
    from assistant.models import AnswerRule

    AnswerRule.objects.create(name="balance", phrases_en="balance", target="faq:check-balance")
    client.get("/api/v1/ask/", {"q": "my balance please", "lang": "en"})
    assert logs() == [("my balance please", "en", "api", 1, 1, 0, 0)]


def test_the_same_query_twice_is_one_row_counted_twice_after_normalizing(client, balance_faq):
    client.get("/api/v1/search/", {"q": "Check my BALANCE", "lang": "en"})
    client.get("/api/v1/search/", {"q": "  check my balance ", "lang": "en"})
    assert logs() == [("check my balance", "en", "api", 2, 0, 2, 0)]


def test_traditional_chinese_is_counted_as_the_simplified_query(client, balance_faq):
    client.get("/api/v1/search/", {"q": "怎麼查詢餘額", "lang": "zh-hans"})
    client.get("/api/v1/search/", {"q": "怎么查询余额", "lang": "zh-hans"})
    assert logs() == [("怎么查询余额", "zh-hans", "api", 2, 0, 2, 0)]


def test_queries_are_counted_under_the_backends_key_without_building_the_index(
    balance_faq, monkeypatch
):
    from assistant.index import index

    def no_build(version):
        raise AssertionError("counting a search must not build the search index")

    monkeypatch.setattr(index, "_build", no_build)
    search_record(
        query="Check my BALANCE", language="en", source="api", answered_by="none", best_score=None
    )
    assert logs() == [("check my balance", "en", "api", 1, 0, 0, 1)]

    class Backend:
        def query_key(self, query):
            return "key of " + query

    monkeypatch.setattr(index, "_snapshot", type("Built", (), {"backend": Backend()})())
    search_record(query="top up", language="en", source="api", answered_by="none", best_score=None)
    assert ("key of top up", "en", "api", 1, 0, 0, 1) in logs()


def test_an_empty_query_is_not_counted(client, balance_faq):
    client.get("/api/v1/search/", {"q": "   ", "lang": "en"})
    client.get("/en/search/", {"q": ""})
    assert logs() == []


def test_nothing_about_the_person_searching_is_stored(client, balance_faq):
    client.get(
        "/api/v1/search/",
        {"q": "check my balance", "lang": "en"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Reader/1.0",
    )
    counters_flush()
    stored = " ".join(str(value) for value in SearchLog.objects.values_list().get())
    assert "203.0.113.77" not in stored and "Reader" not in stored
    assert {field.name for field in SearchLog._meta.fields} == {
        "id",
        "query",
        "language",
        "day",
        "source",
        "count",
        "rule_count",
        "search_count",
        "none_count",
        "best_score",
    }


def test_a_full_batch_is_written_once_the_request_that_filled_it_finishes(
    client, balance_faq, settings
):
    settings.INSIGHTS_FLUSH_EVENTS = 3
    client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"})
    client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"})
    assert not SearchLog.objects.exists()
    assert searches.stats().pending_events == 2
    client.get("/api/v1/search/", {"q": "top up", "lang": "en"})
    assert SearchLog.objects.get(query="check my balance").count == 2
    assert SearchLog.objects.get(query="top up").count == 1
    assert searches.stats().pending_events == 0


def test_outside_a_request_a_due_batch_waits_for_twice_its_size(balance_faq, settings):
    settings.INSIGHTS_FLUSH_EVENTS = 2
    for _ in range(3):
        search_record(
            query="top up", language="en", source="api", answered_by="none", best_score=None
        )
    assert not SearchLog.objects.exists()  # due, but no request has finished to write it
    search_record(query="top up", language="en", source="api", answered_by="none", best_score=None)
    assert SearchLog.objects.get().count == 4


def test_an_old_batch_is_written_when_the_next_search_arrives(client, balance_faq, settings):
    settings.INSIGHTS_FLUSH_SECONDS = 0  # every batch is "old" at once
    client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"})
    assert SearchLog.objects.get().count == 1


def test_batches_from_two_processes_add_up_instead_of_overwriting(balance_faq):
    from insights.counters import CounterBuffer, _write_searches

    other_process = CounterBuffer(name="search", write=_write_searches)
    day = timezone.localdate()
    for buffer in (searches, other_process, searches):
        buffer.add(("top up", "en", day, "api"), (1, 0, 0, 1), (0.2,))
        buffer.flush()
    assert SearchLog.objects.get().count == 3 and SearchLog.objects.get().none_count == 3


def test_counts_are_kept_per_day(balance_faq):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    for day in (yesterday, today, today):
        searches.add(("top up", "en", day, "api"), (1, 0, 1, 0), (0.9,))
    counters_flush()
    assert dict(SearchLog.objects.values_list("day", "count")) == {yesterday: 1, today: 2}


def refuse_inserts(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("INSERT"):
        raise OperationalError("the database is unavailable")
    return execute(sql, params, many, context)


def test_a_batch_the_database_refuses_is_dropped_and_counted_and_the_search_still_answers(
    client, balance_faq, settings
):
    settings.INSIGHTS_FLUSH_EVENTS = 1  # every search writes its batch at once
    with connection.execute_wrapper(refuse_inserts):
        first = client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"})
        second = client.get("/en/search/", {"q": "check my balance"})
    assert first.status_code == 200 and first.json()["confident"] is True
    assert second.status_code == 200
    stats = searches.stats()
    assert (stats.dropped_batches, stats.dropped_events, stats.flushed_batches) == (2, 2, 0)
    assert not SearchLog.objects.exists()

    client.get("/api/v1/search/", {"q": "check my balance", "lang": "en"})  # the database is back
    assert SearchLog.objects.get().count == 1
    assert counters_stats()["search"].flushed_batches == 1


def test_recording_never_raises_and_a_bad_call_does_not_spoil_the_batch(balance_faq):
    search_record(query="top up", language="en", source="api", answered_by="?", best_score=None)
    search_record(query=None, language="en", source="api", answered_by="none", best_score=None)
    search_record(
        query="x" * 10_000, language="en", source="api", answered_by="none", best_score=0.1
    )
    counters_flush()
    assert SearchLog.objects.values_list("query", "count").get() == ("x" * 300, 1)


# --- page views -------------------------------------------------------------------------------


def views() -> dict[tuple[str, str], int]:
    counters_flush()
    return {(v.target, v.node): v.count for v in PageView.objects.all()}


def test_faq_and_guide_pages_are_counted_per_item_and_day(client, balance_faq):
    guide = make_guide(slug="renew-mts")
    client.get("/en/faq/check-balance/")
    client.get("/ru/faq/check-balance/")
    client.get(f"/en/guides/{guide.slug}/")
    assert views() == {("faq:check-balance", ""): 2, ("guide:renew-mts", ""): 1}
    assert PageView.objects.filter(day=timezone.localdate()).count() == 2


def test_coming_back_after_voting_and_a_missing_page_are_not_views(client, balance_faq):
    client.get("/en/faq/check-balance/", {"voted": "yes"})
    client.get("/en/faq/no-such-faq/")
    assert views() == {}


def test_a_troubleshooter_counts_its_first_page_and_each_solution_reached(client):
    make_tree(edges={"start": ["fixed", "broken"]}, solutions={"fixed", "broken"}, slug="wifi")
    client.get("/en/troubleshoot/wifi/")
    client.get("/en/troubleshoot/wifi/start/fixed/")
    client.get("/en/troubleshoot/wifi/start/fixed/")
    client.get("/en/troubleshoot/wifi/start/broken/")
    assert views() == {
        ("troubleshooter:wifi", ""): 1,
        ("troubleshooter:wifi", "fixed"): 2,
        ("troubleshooter:wifi", "broken"): 1,
    }


def test_page_views_are_batched_like_searches(client, balance_faq, settings):
    settings.INSIGHTS_FLUSH_EVENTS = 2
    client.get("/en/faq/check-balance/")
    assert not PageView.objects.exists() and page_views.stats().pending_events == 1
    client.get("/en/faq/check-balance/")
    assert PageView.objects.get().count == 2


@pytest.mark.django_db(transaction=True)
def test_two_processes_writing_the_same_rows_at_once_never_deadlock():
    """Two workers flush overlapping batches at the same moment, built in opposite orders.
    Each batch is one transaction; rows written in different orders would lock each other and
    PostgreSQL would abort one batch as a deadlock."""
    import threading

    from django.db import connections

    from insights.counters import upsert

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: nothing to interleave")
    day = timezone.localdate()
    keys = [f"question {n:03d}" for n in range(300)]
    rounds, errors = 8, []
    start = threading.Barrier(2)

    def worker(order):
        try:
            for _ in range(rounds):
                start.wait(timeout=30)
                upsert(
                    model=SearchLog,
                    keys=["query", "language", "day", "source"],
                    sums=["count", "rule_count", "search_count", "none_count"],
                    latest=["best_score"],
                    rows=[(query, "en", day, "api", 1, 0, 1, 0, 0.5) for query in order],
                )
        except Exception as error:  # reported below
            errors.append(error)
            start.abort()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(keys,)),
        threading.Thread(target=worker, args=(keys[::-1],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[0]
    counts = set(SearchLog.objects.values_list("count", flat=True))
    assert SearchLog.objects.count() == 300 and counts == {2 * rounds}


def test_by_default_a_batch_is_due_within_two_seconds_so_a_killed_worker_loses_little(
    monkeypatch,
):
    from insights import counters

    written = []
    buffer = counters.CounterBuffer(name="test", write=written.append)
    clock = [1000.0]
    monkeypatch.setattr(counters.time, "monotonic", lambda: clock[0])
    buffer.add(("q",), (1,))
    clock[0] += 2.0
    buffer.add(("q",), (1,))
    buffer.flush_if_due()
    assert written == [{("q",): [[2], ()]}]
