"""Generated history for demos and benchmarks: search counts, page views and votes over the last
N days, written with bulk_create (deterministic: the same arguments give the same rows)."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from insights.models import Feedback, PageView, SearchLog

SOURCES = ("site", "api", "widget")
LANGUAGES = ("zh-hans", "en", "ru")
ITEMS = (
    "faq:check-remaining-balance",
    "faq:renewal-methods-overview",
    "guide:renew-mts",
    "guide:renew-roaming-card",
    "troubleshooter:login-failed",
)
UNANSWERED = ("红烧肉怎么做", "best borscht recipe", "погода в москве", "cheap flights to sochi")


@dataclass(frozen=True)
class Seeded:
    days: int
    search_rows: int
    searches: int
    page_view_rows: int
    votes: int


def seed_history(
    *,
    days: int,
    searches_per_day: int = 300,
    rows_per_day: int = 60,
    votes_per_day: int = 6,
    today: date | None = None,
    seed: int = 17,
    batch_size: int = 5000,
) -> Seeded:
    """Write `days` days of history ending yesterday: `searches_per_day` searches spread over
    `rows_per_day` (query, language, interface) rows a day, page views and votes."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    searches = rows = view_rows = votes = 0
    logs: list[SearchLog] = []
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        # Fewer searches at weekends; a slow rise over the range, so the charts have a shape.
        volume = int(searches_per_day * (0.7 if day.weekday() >= 5 else 1.0))
        share = [rng.random() + 0.2 for _ in range(rows_per_day)]
        total = sum(share)
        counts = [max(1, int(volume * s / total)) for s in share]
        confident = min(0.95, 0.55 + 0.3 * (days - back) / max(days, 1))
        for number, count in enumerate(counts):
            language = LANGUAGES[number % 3]
            source = SOURCES[(number // 3) % 3]
            if number < len(UNANSWERED) * 3:
                query = UNANSWERED[number % len(UNANSWERED)]
                answered = 0
            else:
                query = f"{language} query {number}"
                answered = sum(rng.random() < confident for _ in range(min(count, 50)))
                answered = round(answered * count / min(count, 50))
            rule = answered // 5
            logs.append(
                SearchLog(
                    query=query,
                    language=language,
                    day=day,
                    source=source,
                    count=count,
                    rule_count=rule,
                    search_count=answered - rule,
                    none_count=count - answered,
                    best_score=None if not answered else round(rng.uniform(0.6, 1.0), 3),
                )
            )
            searches += count
        if len(logs) >= batch_size:
            rows += len(SearchLog.objects.bulk_create(logs, ignore_conflicts=True))
            logs = []
        views = [
            PageView(target=item, node="", day=day, count=rng.randint(5, 40) * (1 + index % 2))
            for index, item in enumerate(ITEMS)
        ]
        view_rows += len(PageView.objects.bulk_create(views, ignore_conflicts=True))
        ballots = [
            Feedback(
                target=ITEMS[number % len(ITEMS)],
                helpful=rng.random() < 0.5 + 0.3 * (days - back) / max(days, 1),
                language=LANGUAGES[number % 3],
                source=SOURCES[number % 3],
                day=day,
                client=f"seed-{day:%Y%m%d}-{number}",
            )
            for number in range(votes_per_day)
        ]
        votes += len(Feedback.objects.bulk_create(ballots, ignore_conflicts=True))
    rows += len(SearchLog.objects.bulk_create(logs, ignore_conflicts=True))
    return Seeded(days, rows, searches, view_rows, votes)
