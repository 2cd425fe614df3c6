"""The install check: each frame request counted per site, origin and day, allowed or refused,
in batches like the search counts (insights.counters); what the admin shows a site owner."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone

from insights.counters import CounterBuffer, counter_register, upsert
from widget.models import EmbedSite, FrameLoad
from widget.validators import origin_normalize

logger = logging.getLogger(__name__)
RECENT_DAYS = 30


def _write(batch: dict) -> None:
    upsert(
        model=FrameLoad,
        keys=["site", "origin", "allowed", "day"],
        sums=["count"],
        latest=["last_at"],
        rows=[(*key, *counts, *latest) for key, (counts, latest) in batch.items()],
    )


frame_loads = counter_register(CounterBuffer(name="widget load", write=_write))


def request_origin(*, referer: str, page: str, own: str = "") -> str:
    """The origin of the page that asked for the frame: the Referer the loader's iframe sends
    (its referrer policy is "origin"), else the page address it passed; "" if neither is one.
    SimHelp's own origin (`own`: the frame reloading itself in another language) is skipped."""
    for candidate in (referer, page):
        try:
            parts = urlsplit(candidate or "")
            if parts.scheme and parts.netloc:
                origin = origin_normalize(f"{parts.scheme}://{parts.netloc}")[:200]
                if origin != own:
                    return origin
        except (ValueError, ValidationError):
            continue
    return ""


def frame_load_record(*, site: EmbedSite, origin: str) -> None:
    """Count one frame request for `site` from `origin`; never raises."""
    if not origin:
        return
    try:
        now = timezone.now()
        key = (site.pk, origin, origin in site.origins, timezone.localdate(now))
        frame_loads.add(key, (1,), (now,))
    except Exception:
        logger.exception("widget: a frame load could not be counted")


@dataclass(frozen=True)
class OriginLoads:
    origin: str
    loads: int  # in the last RECENT_DAYS days
    last_at: datetime | None


def install_check(*, site: EmbedSite) -> dict[str, list[OriginLoads]]:
    """Per allowed origin, the loads of the last 30 days and the last one (None: never); and
    the origins whose loads were refused, the most recent first."""
    frame_loads.flush()  # this process's pending counts too
    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    seen: dict[tuple[str, bool], OriginLoads] = {}
    for row in FrameLoad.objects.filter(site=site, day__gte=since):
        previous = seen.get((row.origin, row.allowed))
        loads = row.count + (previous.loads if previous else 0)
        last = max(row.last_at, previous.last_at) if previous else row.last_at
        seen[(row.origin, row.allowed)] = OriginLoads(row.origin, loads, last)
    allowed = [seen.get((origin, True), OriginLoads(origin, 0, None)) for origin in site.origins]
    refused = sorted(
        (loads for (origin, ok), loads in seen.items() if not ok and origin not in site.origins),
        key=lambda loads: loads.last_at,
        reverse=True,
    )
    return {"allowed": allowed, "refused": refused}
