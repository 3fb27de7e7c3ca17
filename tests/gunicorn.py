"""Real gunicorn, as `make serve` starts it (the project's config file), on a free loopback port, for tests."""

import contextlib
import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(environment, *, workers=1):
    """Yields the port of a gunicorn with the test settings and `environment` (DJANGO_ variables replaced)."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        **environment,
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn.conf.py",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"gunicorn did not start: {server.communicate()[1]}")
            time.sleep(0.1)
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
