"""`make loadtest`: 60 s at 64 connections on loopback against gunicorn, pages and API mixed.

Reports p50/p99 latency, requests, and errors by kind. It passes when there are no socket errors and
no 5xx responses. Not part of `make test`.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

from bench.run import OUR_PORT, PYTHON, WORKERS, data_version, pick_targets, prepare_postgres, serving

LUA = """
local paths = %(paths)s
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  s2, s3, s4, s5 = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "p50_ms": %%.2f, "p99_ms": %%.2f, "rps": %%.1f, "2xx": %%d, "3xx": %%d, '
    .. '"4xx": %%d, "5xx": %%d, "connect_errors": %%d, "read_errors": %%d, "write_errors": %%d, '
    .. '"timeouts": %%d}\\n',
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), t.s2, t.s3, t.s4, t.s5,
    e.connect, e.read, e.write, e.timeout))
end
"""


def paths(targets):
    q = urllib.parse.urlencode
    filters = q({"venue": targets["venue"], "envoy": targets["envoy"]})
    return [
        "/",
        f"/?{filters}",
        "/?year=2017&kind=round",
        f"/rounds/{targets['slug']}/",
        "/rounds/un-sponsored-talks-in-vienna/",
        "/venues/geneva/",
        "/envoys/geir-pedersen/",
        "/sources/un-envoy-all-syria-parties-agree-to-talks-on-constitution/",
        "/figures/",
        "/api/",
        f"/api/rounds/?{filters}",
        "/api/rounds/?q=ceasefire",
        f"/api/rounds/{targets['slug']}/",
        "/api/events/?year=2018",
        "/api/venues/",
        "/api/figures/?format=json",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=10_000)
    options = parser.parse_args()
    database_url = prepare_postgres(options.rounds, data_version(), fresh=False)
    targets = pick_targets(database_url)
    env = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "loadtest-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    gunicorn = [PYTHON, "-m", "gunicorn", "config.wsgi", f"--workers={WORKERS}", f"--bind=127.0.0.1:{OUR_PORT}",
                "--log-level=warning"]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mix.lua"
        script.write_text(LUA % {"paths": "{" + ", ".join(json.dumps(p) for p in paths(targets)) + "}"})
        with serving(gunicorn, env=env, health=f"http://127.0.0.1:{OUR_PORT}/api/", port=OUR_PORT):
            out = subprocess.run(
                ["wrk", "-t2", f"-c{options.connections}", f"-d{options.seconds}s", "--timeout=10s", "-s", script,
                 f"http://127.0.0.1:{OUR_PORT}"],  # fmt: skip
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
    result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT ") :])
    print(json.dumps(result, indent=2))
    failed = result["5xx"] or result["connect_errors"] or result["read_errors"] or result["write_errors"]
    print("FAIL" if failed else "PASS: no socket errors, no 5xx")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
