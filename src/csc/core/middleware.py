"""Request id, acting user and the per-user language."""

import re
import uuid

from django.conf import settings
from django.utils import translation

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
