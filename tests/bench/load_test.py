"""Load test: `make serve` on PostgreSQL, wrk at 16 connections, side by side with the floor.

Everything targets 127.0.0.1 and stops by itself: each wrk run is bounded by --duration, the
soak by --soak. It creates (and drops) the database `simhelp_load` on the local server.

    .venv/bin/python tests/bench/load_test.py [--duration 20] [--soak 300] [--connections 16]

Prints requests/s, latency p50/p95/p99 and error rate for: /api/v1/search with a mix of real
queries (the evaluation set in three languages; repeated, as real questions are, so workers
answer most from their memo of recent answers), /api/v1/search over the long tail (the same
questions with every carrier and card type filter, shuffled: nearly every request is new to
the workers, so each one is a full search), /api/v1/ask with the mix, an FAQ page, a guide
page, a troubleshooter's third question, and /healthz (a minimal Django JSON view: the floor
this machine allows); then worker memory before and after a soak of the search and ask mixes
and the long tail (workers are not recycled during the run, so growth shows), sampled along
the way.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval" / "queries.jsonl"
FALLBACK_QUERIES = [
    "续废失败",
    "paymnet faild",
    "пополнить баланс",
    "baohaoka",
    "how to top up",
    "遠遊卡怎麼充值",
    "gjgjkybnm ,fkfyc",
    "expierd sim",
    "怎么查余额",
    "esim renewal",
]

LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local i = math.random(1, #paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def queries() -> list[str]:
    if EVAL.exists():
        rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
        return [row["q"] for row in rows]
    return FALLBACK_QUERIES


def search_paths(mix: list[str]) -> list[str]:
    """/api/v1/search for every question of `mix` in every language."""
    return [
        "/api/v1/search/?" + urllib.parse.urlencode({"q": q, "lang": lang})
        for q in mix
        for lang in ("zh-hans", "en", "ru")
    ]


def long_tail(paths: list[str]) -> list[str]:
    """Each of `paths` with every carrier and card type filter of the demo taxonomy: questions
    workers have answered, but (nearly all) not with these filters."""
    taxonomy = json.loads((ROOT / "fixtures/demo/00-taxonomy.json").read_text("utf-8"))
    return [
        path + "&" + urllib.parse.urlencode({"carrier": carrier["slug"], "card_type": card["slug"]})
        for path in paths
        for carrier in taxonomy["carriers"]
        for card in taxonomy["card_types"]
    ]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def workers_of(port: int) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-f", f"gunicorn simhelp.wsgi --bind 127.0.0.1:{port}"],
        capture_output=True,
        text=True,
    ).stdout.split()
    pids = set(map(int, found))
    # Workers are the gunicorn processes whose parent is also a gunicorn process of ours.
    return sorted(p for p in pids if int(Path(f"/proc/{p}/stat").read_text().split()[3]) in pids)


def run_wrk(*, url: str, paths: list[str], seconds: int, connections: int, lua_dir: Path) -> dict:
    path_file = lua_dir / f"paths-{len(paths)}-{random.random():.6f}.txt"
    path_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = lua_dir / "mix.lua"
    script.write_text(LUA % {"paths": path_file}, encoding="utf-8")
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    result = json.loads(re.search(r"^RESULT (\{.*\})$", output, re.M).group(1))
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50": result["p50"] / 1000,
        "p95": result["p95"] / 1000,
        "p99": result["p99"] / 1000,
        "errors": errors,
        "requests": result["requests"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--soak", type=int, default=300)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    database = "simhelp_load"
    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {database}")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.pg}/{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "API_READ_RATE": "100000000/min",
        "LOG_LEVEL": "WARNING",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(args.workers),
        # Workers are not recycled during the run: the soak must see a leak, not hide it.
        "GUNICORN_CMD_ARGS": "--max-requests 0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "load_demo", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        ["make", "-s", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    lua_dir = Path(tempfile.mkdtemp(prefix="simhelp-wrk-"))
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        mix = search_paths(queries())
        ask_paths = [p.replace("/search/?", "/ask/?") for p in mix]
        # The long tail in random order; workers remember recent answers, and these are
        # (nearly all) new to them.
        tail = long_tail(mix)
        random.shuffle(tail)
        tail_warm, tail = tail[:500], tail[500:]
        faq_page = "/en/faq/reset-password/"
        guide_page = "/en/guides/renew-on-website/"
        step_page = "/en/troubleshoot/payment-failed/start/charged-when/not-credited/"
        targets = [
            ("floor: /healthz (minimal JSON view)", ["/healthz"], ["/healthz"]),
            ("/api/v1/search (query mix)", mix, mix),
            ("/api/v1/search (long tail, new)", tail_warm, tail),
            ("/api/v1/ask (query mix)", ask_paths, ask_paths),
            ("FAQ page /en/faq/reset-password/", [faq_page], [faq_page]),
            ("guide page /en/guides/renew-on-website/", [guide_page], [guide_page]),
            ("troubleshooter step (3rd question)", [step_page], [step_page]),
        ]
        rows = []
        for label, warm, paths in targets:
            run_wrk(
                url=base, paths=warm, seconds=3, connections=args.connections, lua_dir=lua_dir
            )  # warm-up
            rows.append(
                (
                    label,
                    run_wrk(
                        url=base,
                        paths=paths,
                        seconds=args.duration,
                        connections=args.connections,
                        lua_dir=lua_dir,
                    ),
                )
            )
        floor = rows[0][1]["rps"]
        print(
            f"\n{args.workers} gunicorn workers, {args.connections} connections, "
            f"{args.duration} s per target, PostgreSQL, {os.cpu_count()} cores"
        )
        print(
            f"{'target':40} {'req/s':>9} {'of floor':>9} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'errors':>7} {'requests':>9}"
        )
        for label, r in rows:
            print(
                f"{label:40} {r['rps']:9.0f} {r['rps'] / floor:9.0%} {r['p50']:8.2f} "
                f"{r['p95']:8.2f} {r['p99']:8.2f} {r['errors'] / max(r['requests'], 1):7.2%} "
                f"{r['requests']:9d}"
            )

        if args.soak:
            workers = workers_of(port)
            before = {pid: rss_kb(pid) for pid in workers}
            samples = {pid: [] for pid in workers}
            result = {}
            soaking = threading.Thread(
                target=lambda: result.update(
                    run_wrk(
                        url=base,
                        paths=mix + ask_paths + tail,
                        seconds=args.soak,
                        connections=args.connections,
                        lua_dir=lua_dir,
                    )
                )
            )
            soaking.start()
            while soaking.is_alive():
                soaking.join(timeout=min(30, args.soak / 4))
                for pid in workers:
                    samples[pid].append(rss_kb(pid))
            after = {pid: rss_kb(pid) for pid in workers}
            print(
                f"\nsoak: {args.soak} s of the search and ask mixes and the long tail, "
                f"{result['requests']} requests, {result['rps']:.0f} req/s, "
                f"errors {result['errors']}"
            )
            for pid in workers:
                growth = (after[pid] - before[pid]) / before[pid]
                trail = " ".join(f"{kb / 1024:.1f}" for kb in samples[pid])
                print(
                    f"  worker {pid}: RSS {before[pid] / 1024:.1f} MB -> "
                    f"{after[pid] / 1024:.1f} MB ({growth:+.1%}); samples: {trail}"
                )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["pkill", "-f", f"gunicorn simhelp.wsgi --bind 127.0.0.1:{port}"])
        shutil.rmtree(lua_dir, ignore_errors=True)
        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    main()
