from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from csc.core import views as core_views
from csc.customers import api as customer_api

router = DefaultRouter(trailing_slash=True)
router.register("customers", customer_api.CustomerViewSet, basename="customer")
router.register("customer-admissions", customer_api.AdmissionViewSet, basename="customer-admission")
router.register("credit-changes", customer_api.CreditChangeViewSet, basename="credit-change")

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
    path("customers/", include("csc.customers.urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
]
