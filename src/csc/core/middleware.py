"""Request id, acting user, the per-user language, and the guard against abusive requests."""

import re
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from . import audit

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tag the request with an id (kept in every audit entry) and attribute changes to its user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        # Lazy: DRF authenticates tokens later and sets request.user on this same request.
        with audit.acting_as(lambda: getattr(request, "user", None), request.id):
            response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


def language_for(request):
    """Return the user's saved language, else the cookie's, else the company default."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.language
    if request.path.startswith("/api/") and "Accept-Language" in request.headers:
        # API clients say what they want per call; token users are not known yet here.
        return translation.get_language_from_request(request)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Chinese first: the browser's Accept-Language is ignored; the user's own choice wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# Methods no page or endpoint answers: TRACE echoes the request (cookies included) back.
REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}


def _refusal(request, status, message):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestGuardMiddleware:
    """Refuse what no view should see: TRACE-like methods (405) and oversized bodies (413).

    The size is checked from Content-Length before anything reads the body: the API's parsers
    read the stream directly, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            response = _refusal(request, 405, _("This method is not allowed."))
            response["Allow"] = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE"
            return response
        if _content_length(request) > settings.CSC["REQUEST_MAX_BYTES"]:
            limit = settings.CSC["REQUEST_MAX_BYTES"] // (1024 * 1024)
            message = _("The request is too large (at most %(limit)s MB).") % {"limit": limit}
            return _refusal(request, 413, message)
        return self.get_response(request)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def content_security_policy():
    """Return the policy: scripts and everything else only from this site, never inline.

    Styles allow inline ``style`` attributes (charts and a few layouts set widths); scripts,
    the risk, come from our own static files only.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy to every response that has not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
