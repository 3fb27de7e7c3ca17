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
    """AnonRateThrottle with its rate read per request, not once at import.

    DRF binds ``THROTTLE_RATES`` when the module is first imported, so a changed setting (a test's
    override_settings, a reloaded configuration) would otherwise be ignored.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
