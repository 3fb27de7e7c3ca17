"""`make bench-real`: the timeline `/` on the real data, served as `make serve` serves it, under 20 clients.

    python -m bench.real [--seconds 10] [--connections 20]

It loads the fixtures into a SQLite file of its own (bench/data/real.sqlite3, as `make serve` uses SQLite
unless DATABASE_URL says otherwise), serves it with gunicorn (production settings, config/gunicorn.conf.py,
one worker per core, no REDIS_URL: each worker's own memory is the cache) and measures `/` with wrk twice in
one run: as `make serve` runs, and with the kept pages switched off (HTTP_ANSWER_CACHE_SECONDS=0), so that
the ratio shows what keeping pages under the data version does. Results: bench/results/real.{md,json}.
"""

import argparse
import datetime
import json

from bench.run import DATA, OUR_PORT, PYTHON, RESULTS, WORKERS, log, machine, run, serving, wrk

TARGET_P50_MS = 150


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    options = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    database = DATA / "real.sqlite3"
    database.unlink(missing_ok=True)
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "REDIS_URL": "",
    }
    log("loading the real data into bench/data/real.sqlite3")
    run(PYTHON, "manage.py", "migrate", "--no-input", env=env)
    run(PYTHON, "manage.py", "load_timeline", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity=0", env=env)
    url = f"http://127.0.0.1:{OUR_PORT}/"
    gunicorn = [PYTHON, "-m", "gunicorn", "config.wsgi", "--config=config/gunicorn.conf.py", f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{OUR_PORT}", "--log-level=warning"]  # fmt: skip
    results = {}
    for name, kept in (("make serve", None), ("kept pages off", "0")):
        extra = {"HTTP_ANSWER_CACHE_SECONDS": kept} if kept is not None else {}
        with serving(gunicorn, env={**env, **extra}, health=f"{url}api/", port=OUR_PORT):
            wrk(url, seconds=2, connections=options.connections, time_alone=False)  # warm up
            results[name] = wrk(url, seconds=options.seconds, connections=options.connections)
            log(f"  {name:<16} {results[name]}")
    report = {
        "machine": machine(),
        "seconds": options.seconds,
        "connections": options.connections,
        "results": results,
        "finished": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    (RESULTS / "real.json").write_text(json.dumps(report, indent=2) + "\n")
    served, off = results["make serve"], results["kept pages off"]
    lines = [
        f"# `/` on the real data, {report['finished']}",
        "",
        f"gunicorn as `make serve` runs it ({WORKERS} workers, SQLite, each worker's memory as the cache); wrk "
        f"{options.connections} connections for {options.seconds} s after a 2 s warm-up. Target: p50 ≤ "
        f"{TARGET_P50_MS} ms.",
        "",
        "| server | p50 | p99 | requests/s | non-2xx |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {r['median_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['rps']:.0f} | {r['non_2xx']} |"
            for name, r in results.items()
        ),
        "",
        f"Kept pages: p50 {off['median_ms'] / served['median_ms']:.0f}× lower, throughput "
        f"{served['rps'] / off['rps']:.0f}× higher (within this run).",
    ]
    (RESULTS / "real.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
