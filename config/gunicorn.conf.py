"""gunicorn's settings for `make serve`; the workers and the address come from the Makefile's command line.

The app decides how long an address may be (config/middleware.py, MAX_URL_LENGTH) and answers a longer
one itself: JSON under /api/, the site's own page elsewhere. gunicorn's own limit on the request line
(4,094 bytes by default) would refuse first, with a bare HTML page even under /api/; 0 lifts it. Behind a
proxy, the proxy's limit comes first (nginx: large_client_header_buffers, 8 KB by default, which fits
MAX_URL_LENGTH).
"""

limit_request_line = 0
