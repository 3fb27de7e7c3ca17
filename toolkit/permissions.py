"""Who may do what on /api/: everyone reads (anonymous clients throttled), staff write."""

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class ReadOnlyOrStaff(BasePermission):
    """Reads for all; writes for authenticated staff (anonymous: 401, authenticated non-staff: 403)."""

    message = "Only staff may change the timeline."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class AnonThrottle(AnonRateThrottle):
    """The anonymous rate, counted exactly across workers and processes.

    DRF's own throttle reads a client's history from the cache, appends and writes it back: two workers
    reading at once both count one, so with 2 workers 1,163 of 1,400 requests got through a rate of 600.
    Here each request is one atomic increment in the shared cache (Redis's INCR): a window opens at a
    client's first request and lasts the rate's duration; the request that makes the count exceed the rate
    is refused, with Retry-After saying when the window ends. If the cache is down, requests go through
    (toolkit/cache.py logs it) rather than every reader being refused.

    The rate is read per request, not once at import: DRF binds ``THROTTLE_RATES`` when the module is first
    imported, so a changed setting (a test's override_settings) would otherwise be ignored.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        count = self.count()
        return count is None or count <= self.num_requests

    def count(self):
        """This request's number in its client's window; None when the cache cannot count."""
        if self.cache.add(self.key, 1, self.duration):
            self.cache.set(f"{self.key}:start", self.now, self.duration)
            return 1
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # the window closed between the two calls: this request opens the next
            return self.count()
        if count == 1:  # the same race, met inside Redis: INCR made the key, without an expiry
            self.cache.set(f"{self.key}:start", self.now, self.duration)
            self.cache.touch(self.key, self.duration)
        return count

    def wait(self):
        start = self.cache.get(f"{self.key}:start", self.now)
        return max(0.0, start + self.duration - self.now)
