"""Root URLs. Each process area plugs in by itself: its ``urls.py`` is mounted at /<label>/ and
its ``api.register(router)`` adds its collections under /api/v1/."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from csc.core import views as core_views

AREAS = [c for c in apps.get_app_configs() if c.name.startswith("csc.") and c.label != "core"]

router = DefaultRouter(trailing_slash=True)
area_urls = []
for area in AREAS:
    if find_spec(f"{area.name}.api") is not None:
        api_module = import_module(f"{area.name}.api")
        if hasattr(api_module, "register"):
            api_module.register(router)
    if find_spec(f"{area.name}.urls") is not None:
        area_urls.append(path(f"{area.label}/", include(f"{area.name}.urls")))

urlpatterns = [
    path("", core_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="core/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", core_views.set_language, name="set-language"),
    path("", include("csc.core.urls")),
    *area_urls,
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its set-up script as a file: the CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
]
