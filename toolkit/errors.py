"""The site's errors: JSON on /api/, whatever went wrong and wherever (DRF views, the URL resolver, the
server, an over-long address), and the site's own pages elsewhere, the admin's lockout among them."""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince
from django.views import defaults
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from .pagination import CURSOR_PARAM, CursorError

API_PREFIX = "/api/"


def exception_handler(exc, context):
    """DRF's handler, taught that a model's ValidationError (from a service) and a bad cursor are 400s."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, CursorError):
        exc = exceptions.ValidationError({CURSOR_PARAM: [str(exc)]})
    return drf_exception_handler(exc, context)


def _is_api(request):
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception, template_name="400.html"):
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name="403.html"):
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name="404.html"):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name="500.html"):
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request, template_name)


def uri_too_long(request, *, max_length, template_name="414.html"):
    if _is_api(request):
        message = f"The address is longer than the {max_length:,} characters this API reads."
        return JsonResponse({"detail": message}, status=414)
    return render(request, template_name, {"max_length": f"{max_length:,}"}, status=414)


def locked_out(request, original_response=None, credentials=None):
    """The admin's lockout (django-axes' AXES_LOCKOUT_CALLABLE): the site's page, saying how long the lock
    lasts and what to do, where axes would answer a bare line of text."""
    cool_off = get_cool_off(request)
    now = timezone.now()
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cool_off": timesince(now - cool_off, now) if cool_off else None,
    }
    response = render(request, "lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
