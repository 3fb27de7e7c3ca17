"""The benchmark: our pages and API against Datasette and a bare Django view, at two sizes, in one run.

    python -m bench.run --sizes 10000 1000000      # make bench
    python -m bench.run --sizes 10000 100000 --quick   # make bench-quick

For each size it builds (or reuses) a PostgreSQL database and a SQLite copy of the same rows (the real
fixtures plus `python -m bench.synthetic --seed 42`), serves the project with gunicorn (production settings,
workers = cores) and the SQLite copy with Datasette (canned queries with the same joins the API nests),
then loads every request with wrk on loopback, one server at a time. It writes a markdown table and
the raw figures as JSON to bench/results/, with ratios computed within the run.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
DATASETTE_VENV = ROOT / "bench" / ".datasette-venv"
DATASETTE_VERSION = "0.65.5"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SEED = 42
SYNTHETIC_ROUNDS = "synthetic-round-%"  # the slugs bench/synthetic.py gives its rounds (a LIKE pattern)
OURS, DATASETTE, FLOOR, WARM = "ours", "datasette", "floor", "warm"
# The warm pass's cache: a Redis database of its own, emptied before and after.
WARM_REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5")
# Benchmarks in several checkouts of the project on one server keep apart by these two settings.
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "ptbench")
OUR_PORT = int(os.environ.get("BENCH_PORT", "8101"))
DATASETTE_PORT = OUR_PORT + 1
SEARCH_TERM = "ceasefire"
DEEP_PAGES, DEEP_PAGE_SIZE = 1_000, 10
WORKERS = os.cpu_count() or 2


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(*args, env=None, quiet=True):
    subprocess.run(
        [str(a) for a in args],
        check=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL if quiet else None,
    )


def data_version():
    """Changes whenever what the data is made from changes, so stale copies are rebuilt."""
    digest = hashlib.sha256()
    parts = [ROOT / "bench" / "synthetic.py", *sorted((ROOT / "fixtures").glob("*.json"))]
    parts += sorted(ROOT.glob("*/migrations/0*.py"))
    for path in parts:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def with_django(*args, database_url):
    """The project's Python (manage.py, or a module of its own) on a database, with the development settings."""
    run(PYTHON, *args, env={"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})


def build(database_url, rounds):
    with_django("manage.py", "migrate", "--no-input", database_url=database_url)
    with_django("manage.py", "load_timeline", database_url=database_url)
    with_django("-m", "bench.synthetic", f"--rounds={rounds}", f"--seed={SEED}", "--quiet", database_url=database_url)


def prepare_postgres(rounds, version, fresh):
    name = f"{DB_PREFIX}_{rounds}"
    marker = DATA / f"{name}.pg.{version}"
    if marker.exists() and not fresh:
        log(f"reusing PostgreSQL database {name}")
        return f"{PG_SERVER}/{name}"
    log(f"building PostgreSQL database {name} ({rounds:,} synthetic rounds)")
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    began = time.monotonic()
    build(f"{PG_SERVER}/{name}", rounds)
    log(f"  built in {time.monotonic() - began:.0f}s")
    # What autovacuum would do soon after a bulk load: planner statistics and the visibility map that
    # lets the covering indexes answer without touching the table.
    with psycopg.connect(f"{PG_SERVER}/{name}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    for old in DATA.glob(f"{name}.pg.*"):
        old.unlink()
    marker.touch()
    return f"{PG_SERVER}/{name}"


def prepare_sqlite(rounds, version, fresh):
    path = DATA / f"{DB_PREFIX}_{rounds}.sqlite3"
    marker = DATA / f"{DB_PREFIX}_{rounds}.sqlite.{version}"
    if marker.exists() and path.exists() and not fresh:
        log(f"reusing SQLite copy {path.name}")
        return path
    log(f"building SQLite copy {path.name} for Datasette")
    path.unlink(missing_ok=True)
    build(f"sqlite:///{path}", rounds)
    with sqlite3.connect(path) as db:
        # Datasette searches with SQLite's FTS5, the way its documentation sets it up.
        db.executescript(
            """
            CREATE VIRTUAL TABLE talks_talkround_fts USING fts5(
                search_text, content='talks_talkround', content_rowid='id');
            INSERT INTO talks_talkround_fts(talks_talkround_fts) VALUES ('rebuild');
            ANALYZE;
            """
        )
    for old in DATA.glob(f"{DB_PREFIX}_{rounds}.sqlite.*"):
        old.unlink()
    marker.touch()
    return path


def ensure_datasette():
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        log(f"installing Datasette {DATASETTE_VERSION} into its own virtualenv")
        run(sys.executable, "-m", "venv", DATASETTE_VENV)
        run(DATASETTE_VENV / "bin" / "pip", "install", "--quiet", f"datasette=={DATASETTE_VERSION}")
    return binary


ROUND_COLUMNS = """
    r.id, r.slug, r.title, r.status, r.start_date, r.end_date, r.date_precision, r.date_basis, r.date_note,
    r.summary, r.outcome, v.slug AS venue_slug, v.name AS venue_name, p.slug AS process_slug,
    p.name AS process_name,
    (SELECT json_group_array(json_object('slug', e.slug, 'name', e.name))
       FROM talks_talkround_envoys te JOIN actors_envoy e ON e.id = te.envoy_id
      WHERE te.talkround_id = r.id) AS envoys,
    (SELECT json_group_array(json_object('slug', d.slug, 'name', d.name, 'head', h.name))
       FROM talks_rounddelegation rd JOIN actors_delegation d ON d.id = rd.delegation_id
       LEFT JOIN actors_person h ON h.id = rd.head_id
      WHERE rd.round_id = r.id) AS delegations,
    (SELECT json_group_array(json_object('source', s.slug, 'quote', c.quote))
       FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
      WHERE c.object_id = r.id AND c.content_type_id =
            (SELECT id FROM django_content_type WHERE app_label = 'talks' AND model = 'talkround')) AS citations
"""
ROUND_FROM = """
    FROM talks_talkround r
    LEFT JOIN talks_venue v ON v.id = r.venue_id
    JOIN talks_process p ON p.id = r.process_id
"""


def datasette_metadata(db_name):
    """Canned queries equivalent to each request: same filter, same page size, same nested fields."""
    queries = {
        "rounds_filtered": f"""SELECT {ROUND_COLUMNS} {ROUND_FROM}
            WHERE v.slug = :venue AND r.id IN (
                SELECT te.talkround_id FROM talks_talkround_envoys te JOIN actors_envoy e ON e.id = te.envoy_id
                WHERE e.slug = :envoy)
            ORDER BY r.sort_date, r.date_rank, r.id LIMIT 50""",
        "rounds_after": f"""SELECT {ROUND_COLUMNS} {ROUND_FROM}
            WHERE (r.sort_date, r.date_rank, r.id) > (:after_date, :after_rank, :after_id)
            ORDER BY r.sort_date, r.date_rank, r.id LIMIT {DEEP_PAGE_SIZE}""",
        "round_detail": f"SELECT {ROUND_COLUMNS} {ROUND_FROM} WHERE r.slug = :slug",
        "rounds_search": f"""SELECT {ROUND_COLUMNS} {ROUND_FROM}
            WHERE r.id IN (SELECT rowid FROM talks_talkround_fts WHERE talks_talkround_fts MATCH :q)
            ORDER BY r.sort_date, r.date_rank, r.id LIMIT 50""",
        # Each kind's first 50 from its own index, then merged: as the timeline itself is built.
        "timeline": """SELECT kind, slug, title, start_date FROM (
                SELECT * FROM (SELECT 'round' AS kind, 0 AS rank, slug, title, start_date, sort_date, date_rank, id
                  FROM talks_talkround WHERE sort_date IS NOT NULL ORDER BY sort_date, date_rank, id LIMIT 50)
                UNION ALL SELECT * FROM (SELECT 'resolution', 1, slug, name, start_date, sort_date, date_rank, id
                  FROM talks_resolution WHERE sort_date IS NOT NULL ORDER BY sort_date, date_rank, id LIMIT 50)
                UNION ALL SELECT * FROM (SELECT 'milestone', 2, slug, title, start_date, sort_date, date_rank, id
                  FROM talks_milestone WHERE sort_date IS NOT NULL ORDER BY sort_date, date_rank, id LIMIT 50))
            ORDER BY sort_date, date_rank, rank, id LIMIT 50""",
        "timeline_filtered": """SELECT r.slug, r.title, r.start_date FROM talks_talkround r
            JOIN talks_venue v ON v.id = r.venue_id
            WHERE v.slug = :venue AND r.id IN (
                SELECT te.talkround_id FROM talks_talkround_envoys te JOIN actors_envoy e ON e.id = te.envoy_id
                WHERE e.slug = :envoy)
            ORDER BY r.sort_date, r.date_rank, r.id LIMIT 50""",
    }
    return {"databases": {db_name: {"queries": {name: {"sql": sql} for name, sql in queries.items()}}}}


def free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def serving(args, *, env, health, port):
    if not free(port):
        raise RuntimeError(f"port {port} is taken")
    process = subprocess.Popen(
        [str(a) for a in args], cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(health)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def peak_rss_kib(pid):
    """The largest high-water resident set among the server's processes."""
    peaks = []
    for p in [pid, *children(pid)]:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)))
    return max(peaks, default=0)


def rss_kib(pid):
    values = []
    for p in [pid, *children(pid)]:
        try:
            match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{p}/status").read_text())
        except OSError:
            continue
        if match:
            values.append(int(match.group(1)))
    return max(values, default=0)


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def drain(url):
    """Wait for the requests wrk left in flight: one more request queues behind them, so when it is answered
    the server is idle again, and the next measurement does not pay for this one's backlog."""
    parts = urllib.parse.urlsplit(url)
    idle = "/-/versions.json" if parts.port == DATASETTE_PORT else "/robots.txt"
    with urllib.request.urlopen(f"{parts.scheme}://{parts.netloc}{idle}", timeout=300) as response:
        response.read()


def wrk(url, *, seconds, connections, headers=(), time_alone=True):
    """Median and p99 latency (ms) and throughput (requests/s) of one URL under load."""
    sent = [option for header in headers for option in ("-H", header)]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=30s", "--latency", *sent, url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip

    def ms(label):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    drain(url)
    alone = single(url) if time_alone else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "median_ms": ms("50%"),
        "p99_ms": ms("99%"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
        **({"alone_ms": alone} if alone is not None else {}),
    }


def single(url, times=3):
    """The median latency of the request sent alone, one after another: what one reader waits on an idle
    server, beside what 16 at once wait."""
    took = []
    for _ in range(times):
        began = time.perf_counter()
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()
        took.append((time.perf_counter() - began) * 1000)
    return round(sorted(took)[len(took) // 2], 1)


def pick_targets(database_url):
    """The same concrete request for every server, chosen from the data."""
    with psycopg.connect(database_url) as conn:
        venue, envoy = conn.execute(
            """SELECT v.slug, e.slug FROM talks_talkround r
               JOIN talks_venue v ON v.id = r.venue_id
               JOIN talks_talkround_envoys te ON te.talkround_id = r.id
               JOIN actors_envoy e ON e.id = te.envoy_id
               WHERE r.slug LIKE %s GROUP BY v.slug, e.slug ORDER BY count(*) DESC, v.slug, e.slug LIMIT 1""",
            [SYNTHETIC_ROUNDS],
        ).fetchone()
        (count,) = conn.execute("SELECT count(*) FROM talks_talkround").fetchone()
        (slug,) = conn.execute(
            "SELECT slug FROM talks_talkround WHERE slug LIKE %s ORDER BY id OFFSET %s LIMIT 1",
            [SYNTHETIC_ROUNDS, count // 2],
        ).fetchone()
        after_date, after_rank, after_id = conn.execute(
            "SELECT sort_date, date_rank, id FROM talks_talkround ORDER BY sort_date, date_rank, id OFFSET %s LIMIT 1",
            [(DEEP_PAGES - 1) * DEEP_PAGE_SIZE - 1],
        ).fetchone()
    return {
        "venue": venue,
        "envoy": envoy,
        "slug": slug,
        "after_date": after_date.isoformat(),
        "after_rank": after_rank,
        "after_id": after_id,
    }


def deep_cursor(base):
    """Follow `next` from the first page to page DEEP_PAGES, as a client would, once before measuring."""
    url = f"{base}/api/rounds/?page_size={DEEP_PAGE_SIZE}"
    for _ in range(DEEP_PAGES - 1):
        url = fetch_json(url)["next"]
    return url


def requests_for(t, deep_url):
    q = urllib.parse.urlencode
    ds = f"http://127.0.0.1:{DATASETTE_PORT}/bench"
    ours = f"http://127.0.0.1:{OUR_PORT}"
    filters = q({"venue": t["venue"], "envoy": t["envoy"]})
    return [
        {"name": "timeline /", OURS: f"{ours}/", DATASETTE: f"{ds}/timeline"},
        {"name": "timeline / venue+envoy", OURS: f"{ours}/?{filters}", DATASETTE: f"{ds}/timeline_filtered?{filters}"},
        {
            "name": "api rounds venue+envoy",
            OURS: f"{ours}/api/rounds/?{filters}",
            DATASETTE: f"{ds}/rounds_filtered.json?{filters}&_shape=array",
            FLOOR: f"{ours}/bench/floor/rounds/?{filters}",
        },
        {
            "name": f"api rounds page {DEEP_PAGES}",
            OURS: deep_url,
            DATASETTE: f"{ds}/rounds_after.json?{q({k: t[k] for k in ('after_date', 'after_rank', 'after_id')})}"
            "&_shape=array",
        },
        {
            "name": "api round detail",
            OURS: f"{ours}/api/rounds/{t['slug']}/",
            DATASETTE: f"{ds}/round_detail.json?slug={t['slug']}&_shape=array",
            FLOOR: f"{ours}/bench/floor/rounds/{t['slug']}/",
        },
        {
            "name": f"api search q={SEARCH_TERM}",
            OURS: f"{ours}/api/rounds/?q={SEARCH_TERM}",
            DATASETTE: f"{ds}/rounds_search.json?q={SEARCH_TERM}&_shape=array",
        },
    ]


def measure_size(rounds, *, version, fresh, seconds, connections):
    database_url = prepare_postgres(rounds, version, fresh)
    sqlite_path = prepare_sqlite(rounds, version, fresh)
    targets = pick_targets(database_url)
    env = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CONN_MAX_AGE": "600",
    }
    # The settings `make serve` uses (worker class, threads), with one worker per core as it has.
    gunicorn = [PYTHON, "-m", "gunicorn", "config.wsgi", "--config=config/gunicorn.conf.py", f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{OUR_PORT}", "--log-level=warning"]  # fmt: skip
    results = {"rounds": rounds, "targets": targets, "requests": []}
    # Production serves hashed, compressed static files from STATIC_ROOT, as `make serve` does.
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity=0", env=env)
    with serving(gunicorn, env=env, health=f"http://127.0.0.1:{OUR_PORT}/api/", port=OUR_PORT) as server:
        requests = requests_for(targets, deep_cursor(f"http://127.0.0.1:{OUR_PORT}"))
        idle_rss = rss_kib(server.pid)
        for request in requests:
            for kind in (OURS, FLOOR):
                if kind in request:
                    wrk(request[kind], seconds=2, connections=connections, time_alone=False)  # warm up
                    request[f"{kind}_result"] = wrk(request[kind], seconds=seconds, connections=connections)
                    log(f"  {rounds:>9,} {request['name']:<28} {kind:<9} {request[f'{kind}_result']}")
        results["worker_rss_kib"] = {"idle": idle_rss, "peak": peak_rss_kib(server.pid)}
    # The warm path beside the cold one: production's caches on (Redis), a reader without a copy of their own
    # (no If-None-Match; `make bench-conditional` measures the 304s).
    warm_env = {**env, "BENCH_WARM": "1", "REDIS_URL": WARM_REDIS, "CACHE_KEY_PREFIX": f"{DB_PREFIX}-{rounds}-warm"}
    flush_redis()
    with serving(gunicorn, env=warm_env, health=f"http://127.0.0.1:{OUR_PORT}/api/", port=OUR_PORT):
        for request in requests:
            wrk(request[OURS], seconds=2, connections=connections, time_alone=False)
            request[f"{WARM}_result"] = wrk(request[OURS], seconds=seconds, connections=connections)
            log(f"  {rounds:>9,} {request['name']:<28} warm      {request[f'{WARM}_result']}")
    flush_redis()
    metadata = DATA / f"datasette-{rounds}.json"
    metadata.write_text(json.dumps(datasette_metadata("bench")))
    # Datasette names a database after its file: serve the copy as "bench".
    link = DATA / "bench.sqlite3"
    link.unlink(missing_ok=True)
    link.symlink_to(sqlite_path.name)
    datasette = [ensure_datasette(), "serve", "--immutable", link, "--port", DATASETTE_PORT,
                 "--metadata", metadata, "--setting", "sql_time_limit_ms", "20000",
                 "--setting", "num_sql_threads", str(WORKERS)]  # fmt: skip
    with serving(datasette, env={}, health=f"http://127.0.0.1:{DATASETTE_PORT}/bench.json", port=DATASETTE_PORT):
        for request in requests:
            wrk(request[DATASETTE], seconds=2, connections=connections, time_alone=False)
            request[f"{DATASETTE}_result"] = wrk(request[DATASETTE], seconds=seconds, connections=connections)
            log(f"  {rounds:>9,} {request['name']:<28} datasette {request[f'{DATASETTE}_result']}")
    results["requests"] = requests
    return results


def flush_redis():
    redis.Redis.from_url(WARM_REDIS).flushdb()


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
        (pg,) = conn.execute("SHOW server_version").fetchone()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg,
        "sqlite": sqlite3.sqlite_version,
        "datasette": DATASETTE_VERSION,
        "gunicorn_workers": WORKERS,
    }


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def summarise(sizes):
    small, large = sizes[0], sizes[-1]
    rows = []
    for before, after in zip(small["requests"], large["requests"], strict=True):
        row = {
            "request": before["name"],
            "flat_ratio": ratio(after[f"{OURS}_result"]["median_ms"], before[f"{OURS}_result"]["median_ms"]),
        }
        for size, req in (("small", before), ("large", after)):
            ours = req[f"{OURS}_result"]
            row[f"{size}_ours"] = ours
            row[f"{size}_vs_datasette"] = ratio(ours["rps"], req[f"{DATASETTE}_result"]["rps"])
            row[f"{size}_datasette"] = req[f"{DATASETTE}_result"]
            if f"{WARM}_result" in req:
                row[f"{size}_warm"] = req[f"{WARM}_result"]
            if f"{FLOOR}_result" in req:
                row[f"{size}_floor"] = req[f"{FLOOR}_result"]
                row[f"{size}_vs_floor"] = ratio(ours["rps"], req[f"{FLOOR}_result"]["rps"])
        rows.append(row)
    return rows


def warm_vs(row, size):
    warm = row.get(f"{size}_warm")
    return ratio(warm["rps"], row[f"{size}_datasette"]["rps"]) if warm else None


def markdown(report):
    small, large = report["sizes"][0]["rounds"], report["sizes"][-1]["rounds"]
    m = report["machine"]
    lines = [
        f"# Benchmark, {report['finished']}",
        "",
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']}, PostgreSQL "
        f"{m['postgresql']}, SQLite {m['sqlite']}, Datasette {m['datasette']}; gunicorn {m['gunicorn_workers']} "
        f"workers; wrk {report['connections']} connections, {report['seconds']} s per request after a 2 s warm-up.",
        "",
        f"Median / p99 latency in ms and throughput in requests/s under {report['connections']} connections, and "
        "in brackets the median of the request sent alone on the idle server, at "
        f"{small:,} and {large:,} rounds. "
        "Ratios are within this run: *flat* = our median at the large size ÷ at the small size (target ≤ 1.5); "
        "*vs Datasette* and *vs floor* = our throughput ÷ theirs on the same request and rows "
        "(targets ≥ 1.0 and ≥ 0.7). *Ours* is the cold path: every cache off. *Warm* is ours again with "
        "production's caches on (Redis: kept pages, facet and strip counts), clients without a copy of their own.",
        "",
        "| request | ours small | ours large | flat | Datasette small | Datasette large | vs Datasette "
        "small / large | floor large | vs floor small / large | warm small | warm large | warm vs Datasette "
        "small / large |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def cell(r):
        if not r:
            return "–"
        alone = f" (alone {r['alone_ms']:.1f} ms)" if "alone_ms" in r else ""
        if not r["rps"]:
            return f"none answered in {report['seconds']} s{alone}"
        return f"{r['median_ms']:.1f} / {r['p99_ms']:.1f} ms, {r['rps']:.0f}/s{alone}"

    for row in report["summary"]:
        vs_floor = f"{row.get('small_vs_floor')} / {row.get('large_vs_floor')}" if "large_floor" in row else "–"
        lines.append(
            f"| {row['request']} | {cell(row['small_ours'])} | {cell(row['large_ours'])} | {row['flat_ratio']} | "
            f"{cell(row['small_datasette'])} | {cell(row['large_datasette'])} | "
            f"{row['small_vs_datasette']} / {row['large_vs_datasette']} | {cell(row.get('large_floor'))} | "
            f"{vs_floor} | {cell(row.get('small_warm'))} | {cell(row.get('large_warm'))} | "
            f"{warm_vs(row, 'small')} / {warm_vs(row, 'large')} |"
        )
    lines += ["", "Worker memory (max over gunicorn processes, KiB): " + ", ".join(
        f"{s['rounds']:,} rounds: idle {s['worker_rss_kib']['idle']:,}, peak {s['worker_rss_kib']['peak']:,}"
        for s in report["sizes"])]  # fmt: skip
    errors = [
        (s["rounds"], r["name"], k, r[f"{k}_result"]["non_2xx"], r[f"{k}_result"]["socket_errors"])
        for s in report["sizes"] for r in s["requests"] for k in (OURS, DATASETTE, FLOOR, WARM)
        if f"{k}_result" in r and (r[f"{k}_result"]["non_2xx"] or r[f"{k}_result"]["socket_errors"])
    ]  # fmt: skip
    lines += ["", "Errors under load: " + ("none" if not errors else "; ".join(map(str, errors)))]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--fresh", action="store_true", help="Rebuild the databases even if they are current.")
    parser.add_argument("--name", default="bench", help="Results file name prefix.")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    version = data_version()
    report = {
        "machine": machine(),
        "seconds": options.seconds,
        "connections": options.connections,
        "sizes": [
            measure_size(
                n, version=version, fresh=options.fresh, seconds=options.seconds, connections=options.connections
            )
            for n in options.sizes
        ],  # fmt: skip
    }
    report["summary"] = summarise(report["sizes"])
    report["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    (RESULTS / f"{options.name}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (RESULTS / f"{options.name}.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
