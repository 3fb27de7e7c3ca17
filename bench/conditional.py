"""The HTTP caching path beside the full one: each request measured as a first visit (200, the page built)
and as a revisit with If-None-Match (304, answered from the data version in Redis, no database query).

    python -m bench.conditional --sizes 10000 1000000      # make bench-conditional

Same databases, server (gunicorn, production settings, workers = cores) and wrk as bench.run; Redis from
BENCH_REDIS (redis://127.0.0.1:6379/1 by default) as the shared cache, as in production.
"""

import argparse
import datetime
import json
import os
import time
import urllib.request

from bench.run import (
    OUR_PORT,
    OURS,
    PYTHON,
    RESULTS,
    WORKERS,
    deep_cursor,
    log,
    pick_targets,
    prepare_postgres,
    requests_for,
    run,
    serving,
    wrk,
)
from bench.run import data_version as bench_data_version

REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/1")


def drain(base, timeout=180):
    """Wait until the server has worked off what the last load left queued (a slow page's backlog outlives wrk),
    so that one measurement does not pay for the previous one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        began = time.monotonic()
        with urllib.request.urlopen(f"{base}/robots.txt", timeout=timeout) as response:
            response.read()
        if time.monotonic() - began < 0.2:
            return
        time.sleep(1)


def etag_of(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        return response.headers["ETag"]


def measure(rounds, *, seconds, connections):
    database_url = prepare_postgres(rounds, bench_data_version(), False)
    targets = pick_targets(database_url)
    env = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CONN_MAX_AGE": "600",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"ptbench-{rounds}",
    }
    gunicorn = [PYTHON, "-m", "gunicorn", "config.wsgi", f"--workers={WORKERS}", f"--bind=127.0.0.1:{OUR_PORT}",
                "--log-level=warning"]  # fmt: skip
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity=0", env=env)
    rows = []
    base = f"http://127.0.0.1:{OUR_PORT}"
    with serving(gunicorn, env=env, health=f"{base}/api/", port=OUR_PORT):
        for request in requests_for(targets, deep_cursor(base)):
            url = request[OURS]
            etag = etag_of(url)
            row = {"request": request["name"], "etag": etag}
            for label, headers in (("304", (f"If-None-Match: {etag}",)), ("200", ())):
                wrk(url, seconds=2, connections=connections, headers=headers, time_alone=False)  # warm up
                drain(base)
                row[label] = wrk(url, seconds=seconds, connections=connections, headers=headers)
                drain(base)
                log(f"  {rounds:>9,} {request['name']:<28} {label} {row[label]}")
            rows.append(row)
    return {"rounds": rounds, "requests": rows}


def markdown(report):
    lines = [
        f"# HTTP caching: 304 beside 200, {report['finished']}",
        "",
        f"gunicorn {WORKERS} workers, PostgreSQL, Redis as the cache; wrk {report['connections']} connections, "
        f"{report['seconds']} s per request after a 2 s warm-up. Median / p99 latency, throughput.",
        "",
        "| rounds | request | 200 (page built) | 304 (If-None-Match) | median 200 ÷ 304 |",
        "|---|---|---|---|---|",
    ]
    for size in report["sizes"]:
        for row in size["requests"]:
            full, revisit = row["200"], row["304"]
            lines.append(
                f"| {size['rounds']:,} | {row['request']} | {full['median_ms']:.2f} / {full['p99_ms']:.2f} ms, "
                f"{full['rps']:.0f}/s | {revisit['median_ms']:.2f} / {revisit['p99_ms']:.2f} ms, "
                f"{revisit['rps']:.0f}/s | {full['median_ms'] / revisit['median_ms']:.1f} |"
            )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--name", default="conditional")
    options = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "seconds": options.seconds,
        "connections": options.connections,
        "sizes": [measure(n, seconds=options.seconds, connections=options.connections) for n in options.sizes],
        "finished": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    (RESULTS / f"{options.name}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (RESULTS / f"{options.name}.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
