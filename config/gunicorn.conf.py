"""gunicorn's settings for `make serve`; the workers and the address come from the Makefile's command line.

The app decides how long an address may be (config/middleware.py, MAX_URL_LENGTH) and answers a longer
one itself: JSON under /api/, the site's own page elsewhere. gunicorn's own limit on the request line
(4,094 bytes by default) would refuse first, with a bare HTML page even under /api/; 0 lifts it. Behind a
proxy, the proxy's limit comes first (nginx: large_client_header_buffers, 8 KB by default, which fits
MAX_URL_LENGTH).
"""

limit_request_line = 0

# Threads: about half of each request waits on the database, and a waiting thread lets another request of the
# same worker run (one worker per core, from the command line). Measured on 2 cores at 10,000 synthetic rounds
# (wrk, 16 connections, one run): a round's detail 130-174 requests/s with sync workers, 220-250 with 4 threads
# each; 2 or 8 threads were no better than 4. Each thread keeps its own database connection (CONN_MAX_AGE).
worker_class = "gthread"
threads = 4
