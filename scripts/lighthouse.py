"""Lighthouse scores of the help site's main page types, on the mobile profile, against floors.

`make lighthouse` starts the production-style server (gunicorn, DEBUG off, the demo content)
and runs this script. For each page (home, a search result, an FAQ, a guide: one per language
and page type) it runs Lighthouse 12 with the Debian Chromium, prints the four category
scores and checks them against the floors: SEO, accessibility and best practices ≥ 95,
performance ≥ 90. Below a floor, the audits that cost points are printed.

The first three categories are checks of the page itself and repeat exactly. Performance is
measured in time (blocking time, paint), so on a shared machine another process can slow one
run; a page below the performance floor is measured again, up to `--runs` times in all, and
its best run counts. That is said in the output, never done silently.

    .venv/bin/python scripts/lighthouse.py --base http://127.0.0.1:8791 \
        --lighthouse var/lighthouse/node_modules/.bin/lighthouse [--runs 3]

Exit status: 1 if a page stays below a floor, 2 if Lighthouse could not run.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

# (name, path, audits left out). Search results are kept out of search engines on purpose
# (robots.txt disallows them, as a crawler should not index endless query pages), so the
# "page is blocked from indexing" audit is left out there and the output says so.
PAGES = [
    ("home (zh-hans)", "/zh-hans/", ()),
    (
        "search result (zh-hans)",
        "/zh-hans/search/?q=%E5%85%85%E5%80%BC%E5%A4%B1%E8%B4%A5",
        ("is-crawlable",),
    ),
    ("FAQ (en)", "/en/faq/reset-password/", ()),
    ("guide (ru)", "/ru/guides/renew-mts/", ()),
]
# Lighthouse itself sometimes fails to record a trace (NO_NAVSTART), most often on its first
# run against a server nothing has asked yet: every page is fetched once before measuring, and
# a run that did not complete is tried again.
ATTEMPTS = 8
FLOORS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def run_lighthouse(*, lighthouse: str, url: str, chromium: str, skip: tuple[str, ...]) -> dict:
    """One Lighthouse run (mobile profile, its default) as the parsed JSON report; a run that
    Lighthouse itself could not complete is tried again, up to ATTEMPTS times."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _run_once(lighthouse=lighthouse, url=url, chromium=chromium, skip=skip)
        except RuntimeError as error:
            if attempt == ATTEMPTS:
                raise
            print(f"  (Lighthouse did not complete on {url}, trying again: {error})".rstrip())
    raise AssertionError("unreachable")


def _run_once(*, lighthouse: str, url: str, chromium: str, skip: tuple[str, ...]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        done = subprocess.run(
            [
                lighthouse,
                url,
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
                f"--only-categories={','.join(FLOORS)}",
                "--output=json",
                f"--output-path={report}",
                *([f"--skip-audits={','.join(skip)}"] if skip else []),
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
        parsed = json.loads(report.read_text(encoding="utf-8"))
        if parsed.get("runtimeError"):
            raise RuntimeError(parsed["runtimeError"].get("code", "runtime error"))
        return parsed


def scores(report: dict) -> dict[str, int]:
    return {
        name: round((category["score"] or 0) * 100)
        for name, category in report["categories"].items()
    }


def costly_audits(report: dict, category: str) -> list[str]:
    """The weighted audits of a category that did not get full marks."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            shown = audit.get("displayValue") or ""
            lines.append(f"    {category}: {ref['id']} ({audit['score']:.2f}) {shown}".rstrip())
    return lines


def below(page_scores: dict[str, int]) -> list[str]:
    return [name for name, floor in FLOORS.items() if page_scores.get(name, 0) < floor]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--base", required=True, help="the running site, e.g. http://127.0.0.1:8791"
    )
    parser.add_argument("--lighthouse", required=True, help="the lighthouse executable")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument(
        "--runs", type=int, default=3, help="most runs of a page below the performance floor"
    )
    args = parser.parse_args()

    for _name, path, _skip in PAGES:  # warm the server's workers before anything is timed
        try:
            with urllib.request.urlopen(args.base.rstrip("/") + path, timeout=30) as response:
                response.read()
        except OSError as error:
            print(f"error: {path} did not answer: {error}", file=sys.stderr)
            return 2

    print(f"{'page':<26}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}  runs")
    failed = False
    for name, path, skip in PAGES:
        url = args.base.rstrip("/") + path
        measure = {
            "lighthouse": args.lighthouse,
            "url": url,
            "chromium": args.chromium,
            "skip": skip,
        }
        try:
            best = run_lighthouse(**measure)
            runs = 1
            while "performance" in below(scores(best)) and runs < args.runs:
                again = run_lighthouse(**measure)
                runs += 1
                if scores(again)["performance"] > scores(best)["performance"]:
                    best = again
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        got = scores(best)
        print(
            f"{name:<26}{got['performance']:>6}{got['accessibility']:>6}"
            f"{got['best-practices']:>6}{got['seo']:>6}  {runs}"
            + ("  (best of the runs: performance is timed)" if runs > 1 else "")
            + (f"  (left out: {', '.join(skip)})" if skip else "")
        )
        for category in below(got):
            failed = True
            print(f"  below the floor of {FLOORS[category]} in {category}:")
            print("\n".join(costly_audits(best, category)))
    floors = ", ".join(f"{name} ≥ {floor}" for name, floor in FLOORS.items())
    print(
        ("Some page is below a floor" if failed else "Every page meets the floors")
        + f" ({floors})."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
