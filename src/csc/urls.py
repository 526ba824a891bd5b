"""Root URLs. Each process area plugs in through its contract: its ``urls`` are mounted at
/<label>/ and its ``api`` function adds its collections under /api/v1/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from csc.core import areas
from csc.core import views as core_views

router = DefaultRouter(trailing_slash=True)
for _label, register in areas.each("api"):
    register(router)
area_urls = [
    path(f"{contract.label}/", include(contract.urls))
    for contract in areas.contracts()
    if contract.urls
]

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

handler404 = "csc.core.views.not_found"
