"""Middleware of the site's own."""

from toolkit.errors import uri_too_long

# The longest address the site reads: path and query string, percent-encoded, as the client sent them.
# The longest the site itself makes (twenty values in each filter) is far shorter.
MAX_URL_LENGTH = 8_000


class MaxUrlLengthMiddleware:
    """A longer address is a 414 from the app, in the site's own words: JSON under /api/, a page elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.get_full_path()) > MAX_URL_LENGTH:
            return uri_too_long(request, max_length=MAX_URL_LENGTH)
        return self.get_response(request)
