"""The API's rate limit: per client, over a sliding period, with an honest Retry-After."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from simhelp.api import CountingThrottle


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def throttle(monkeypatch):
    cache.clear()
    clock = Clock(6000.0)  # the start of a period of 60 s

    class TenPerMinute(CountingThrottle):
        scope = "test"
        THROTTLE_RATES = {"test": "10/min"}
        timer = clock

    def allowed(address: str = "192.0.2.1") -> bool:
        request = RequestFactory().get("/api/v1/search/", REMOTE_ADDR=address)
        request.user = None
        allowed.last = TenPerMinute()
        return allowed.last.allow_request(request, view=None)

    yield clock, allowed
    cache.clear()


def test_the_limit_holds_within_a_period_and_says_when_to_come_back(throttle):
    clock, allowed = throttle
    assert [allowed() for _ in range(11)] == [True] * 10 + [False]
    clock.now += 15
    assert not allowed()
    assert allowed.last.wait() == pytest.approx(45)  # this period's count alone is the limit
    assert allowed("192.0.2.99"), "another client is not held back"


def test_the_previous_period_counts_for_the_part_still_inside_the_sliding_window(throttle):
    clock, allowed = throttle
    assert all(allowed() for _ in range(10))
    clock.now += 60 + 30  # halfway into the next period: half of the last one still counts
    assert [allowed() for _ in range(6)] == [True] * 5 + [False]
    # 10 * (1 - t/60) + 5 < 10 once t > 30: right away here, plus a second of margin.
    assert 0 < allowed.last.wait() <= 1.5
    clock.now += 2 * 60  # two quiet periods later everything has slid out
    assert all(allowed() for _ in range(10))
