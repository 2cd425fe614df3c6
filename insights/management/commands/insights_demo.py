"""Run 50 searches and 10 votes through the site and the API, then print this week's dashboard.

It writes search logs, page views and votes into the configured database, so run it on a scratch
copy with the demo content::

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py load_demo
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py insights_demo

`--days 90` first writes 90 days of generated history before today (bulk, deterministic), so
the dashboard's charts and the CSV exports have something to show.
"""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from django.utils import translation

from assistant.index import index
from insights.counters import counters_flush, counters_stats
from insights.dashboard import dashboard, dashboard_lines
from insights.history import seed_history
from simhelp.api import WIDGET_HEADER

# (query, language): questions people type, with typos, traditional Chinese, the wrong keyboard
# layout, and some the content cannot answer.
QUERIES = [
    ("怎么查余额", "zh-hans"),
    ("续费失败", "zh-hans"),
    ("遠遊卡怎麼充值", "zh-hans"),
    ("外国银行卡付款被拒", "zh-hans"),
    ("红烧肉怎么做", "zh-hans"),
    ("check balance", "en"),
    ("paymnet faild", "en"),
    ("renew mts from abroad", "en"),
    ("best borscht recipe", "en"),
    ("cheap flights to sochi", "en"),
    ("gjgjkybnm ,fkfyc", "ru"),
    ("как проверить баланс", "ru"),
    ("не проходит оплата картой", "ru"),
    ("рецепт борща", "ru"),
    ("погода в москве", "ru"),
]
SEARCHES = 50
# (item, troubleshooter solution or "", helpful)
VOTES = [
    ("faq:check-remaining-balance", "", True),
    ("faq:check-remaining-balance", "", True),
    ("faq:renewal-methods-overview", "", True),
    ("faq:renewal-methods-overview", "", False),
    ("guide:renew-mts", "", True),
    ("guide:renew-mts", "", True),
    ("guide:renew-roaming-card", "", False),
    ("troubleshooter:login-failed", "reset-password", True),
    ("troubleshooter:login-failed", "reset-password", True),
    ("troubleshooter:login-failed", "keyboard-layout", False),
]


def insights_demo_run(*, client: Client) -> dict[str, int]:
    """Send the scripted searches (site, API, widget in turn) and votes; returns what was sent."""
    missing = sorted({target for target, _node, _up in VOTES} - set(index.snapshot().entries))
    if missing:
        raise CommandError(f"Load the demo content first (missing {', '.join(missing)}).")
    sent = {"site": 0, "api": 0, "widget": 0, "votes": 0}
    for number in range(SEARCHES):
        query, language = QUERIES[number % len(QUERIES)]
        interface = ("site", "api", "widget", "api", "widget")[number % 5]
        endpoint = "/api/v1/ask/" if number % 2 else "/api/v1/search/"
        reader = {"REMOTE_ADDR": f"203.0.113.{number + 1}"}  # fifty readers, one search each
        if interface == "site":
            response = client.get(f"/{language}/search/", {"q": query}, **reader)
        else:
            headers = {WIDGET_HEADER: "widget"} if interface == "widget" else {}
            response = client.get(
                endpoint, {"q": query, "lang": language}, headers=headers, **reader
            )
        if response.status_code != 200:
            raise CommandError(f"{query!r} ({interface}): HTTP {response.status_code}")
        sent[interface] += 1
    for number, (target, node, helpful) in enumerate(VOTES):
        response = client.post(
            "/api/v1/feedback/",
            {"target": target, "node": node, "helpful": helpful, "lang": "en"},
            content_type="application/json",
            REMOTE_ADDR=f"198.51.100.{number + 1}",  # ten different readers
        )
        if response.status_code not in (200, 201):
            raise CommandError(f"vote on {target}: HTTP {response.status_code}")
        sent["votes"] += 1
    return sent


class Command(BaseCommand):
    help = "Send 50 searches and 10 votes through the site and the API, then print the dashboard."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=0,
            help="Also write generated history for the N days before today (charts, exports).",
        )
        parser.add_argument(
            "--searches-per-day", type=int, default=300, help="Searches a day in that history."
        )

    def handle(self, *args, **options):
        if options["days"] < 0 or options["days"] > 3660:
            raise CommandError("--days is between 0 and 3660.")
        if options["days"]:
            seeded = seed_history(
                days=options["days"], searches_per_day=options["searches_per_day"]
            )
            self.stdout.write(
                f"history: {seeded.days} days, {seeded.searches} searches in "
                f"{seeded.search_rows} rows, {seeded.page_view_rows} page-view rows, "
                f"{seeded.votes} votes"
            )
        cache.clear()  # start with fresh throttles
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            sent = insights_demo_run(client=Client())
        counters_flush()
        self.stdout.write(
            "sent: {site} site searches, {api} API searches, {widget} widget searches, "
            "{votes} votes".format(**sent)
        )
        with translation.override("en"):
            for line in dashboard_lines(dashboard(language="en")):
                self.stdout.write(line)
        stats = counters_stats()
        self.stdout.write(
            "counter batches written: "
            + ", ".join(f"{name} {s.flushed_batches}" for name, s in stats.items())
        )
